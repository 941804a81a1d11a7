## Les mots d'Invalidator en français. Un message absent d'ici est dit en anglais
## (locales/en/invalidator.ftl), jamais par son identifiant.
## Une requête (d'invalidation) est féminine : « reçue », « refusée ».
## Espace insécable avant « : », « ; », « ? » et « ! », comme l'écrit le français.

## Comment le français écrit nombres et moments, pour la ligne de commande (la fenêtre a
## Intl) : le séparateur des milliers (espace fine insécable, comme Intl), les mois abrégés,
## et un moment à la minute.

locale-digit-group = { "\u202F" }
locale-months = janv. févr. mars avr. mai juin juil. août sept. oct. nov. déc.
locale-moment = { $day } { $month } { $year }, { $time }

## Le menu des langues, à côté de celui du thème. `language-name` : le nom de la langue
## dans la langue elle-même.

language-menu = Langue
language-system = Langue du système
language-name = Français

## Où en est une requête (`ConditionText` du domaine).

condition-queued = En file d’attente
    .detail = Enregistrée sur cet ordinateur ; en attente d’envoi.
condition-queued-offline = En file d’attente (hors ligne)
    .detail = Le service n’a pas répondu ({ $error }). Gardée dans la file ; envoyée dès que le service répond à nouveau, sans consommer de tentatives.
condition-queued-interrupted = En file d’attente
    .detail = Le processus qui l’envoyait s’est arrêté avant la réponse. Elle est envoyée à nouveau (sans dommage si le service l’avait déjà).
condition-sending = Envoi en cours
    .detail = En cours d’envoi au service.
condition-retrying = Nouvel essai (tentative { $attempt })
    .detail = La tentative { $attempts } a échoué : { $error }. Nouvel essai dans { $wait } s.
condition-retrying-maybe-sent = Nouvel essai (tentative { $attempt })
    .detail = La tentative { $attempts } est restée sans réponse : { $error }. Le service l’a peut-être reçue ; envoyée à nouveau dans { $wait } s (sans dommage s’il l’a reçue).
condition-maybe-received = Peut-être reçue
    .detail = Abandon après { $attempts ->
        [one] { $attempts } tentative
       *[other] { $attempts } tentatives
    } sans réponse : { $error }. Le service l’a peut-être reçue et invalide, ou non : l’application ne peut pas le savoir. Réessayer l’envoie à nouveau (sans dommage si elle a été reçue).
condition-maybe-received-whole-cache = Peut-être reçue
    .detail = Elle a été envoyée, mais aucune réponse n’est revenue ({ $error }). Le service l’a peut-être reçue et vide tout le cache, ou non : l’application ne peut pas le savoir. Elle n’est pas renvoyée d’elle-même, car vider deux fois coûte cher ; Réessayer l’envoie à nouveau.
condition-send-failed = Échec de l’envoi
    .detail = Abandon après { $attempts ->
        [one] { $attempts } tentative
       *[other] { $attempts } tentatives
    } : { $error }. Rien n’a été invalidé ; Réessayer l’envoie à nouveau.
condition-rejected = Refusée
    .detail = Le service l’a refusée : { $error }. Rien n’a été invalidé ; corrigez la cause (clé, rôle, chemins) puis Réessayer.
condition-gone = Inconnue du service
    .detail = Le service ne connaît plus cette invalidation (404) : son issue ne peut pas être connue. Le suivi s’est arrêté ; Réessayer l’envoie à nouveau.
condition-stalled = Inconnue, vue en dernier { $status }
    .detail = Le service disait encore { $status } au bout d’un jour (dernière vérification { DATETIME($at) }). Le suivi s’est arrêté ; Actualiser redemande, Réessayer l’envoie à nouveau.
condition-received = Reçue
    .detail = { $wait ->
        [0] Le service la traite.
       *[other] Le service la traite. Nouvelle vérification dans { $wait } s.
    }
condition-preparing = En préparation
    .detail = { $wait ->
        [0] Le service la traite.
       *[other] Le service la traite. Nouvelle vérification dans { $wait } s.
    }
condition-flushing-cloudimage = Vidage des serveurs Scaleflex
    .detail = { $wait ->
        [0] Le service la traite.
       *[other] Le service la traite. Nouvelle vérification dans { $wait } s.
    }
condition-flushing-cdn = Vidage des serveurs du CDN
    .detail = { $wait ->
        [0] Le service la traite.
       *[other] Le service la traite. Nouvelle vérification dans { $wait } s.
    }
condition-done = Terminée
    .detail = Le cache est vidé ; la prochaine demande récupère le nouveau fichier.
condition-done-with-failures = Terminée avec des échecs
    .detail = { $failed ->
        [one] { $failed } chemin sur { $paths } a échoué.
       *[other] { $failed } chemins sur { $paths } ont échoué.
    } Réessayer renvoie les chemins en échec.
condition-error-cdn-node = Erreur à l’étape du CDN
    .detail = Le service a signalé une erreur en vidant le CDN. Réessayer renvoie les chemins en échec ; si l’erreur persiste, contactez le support Scaleflex.
condition-error = Erreur
    .detail = Le service a signalé une erreur à l’une des étapes de l’invalidation. Réessayer renvoie les chemins en échec ; si l’erreur persiste, contactez le support Scaleflex.
condition-unknown = { $status }
    .detail = { $wait ->
        [0] Le service a donné un statut que l’application ne connaît pas ; elle continue de vérifier.
       *[other] Le service a donné un statut que l’application ne connaît pas ; elle continue de vérifier. Nouvelle vérification dans { $wait } s.
    }
condition-no-status = Aucun statut
    .detail = { $wait ->
        [0] Le service a donné un statut que l’application ne connaît pas ; elle continue de vérifier.
       *[other] Le service a donné un statut que l’application ne connaît pas ; elle continue de vérifier. Nouvelle vérification dans { $wait } s.
    }

## Une notification quand des lots se terminent (`BatchNews`) : la valeur est le titre,
## `.body` le reste.

batch-done = Invalidation terminée
    .body = { $project } : { $paths ->
        [one] { $paths } chemin vidé
       *[other] { $paths } chemins vidés
    } (lot { $batch }).
batch-done-whole-cache = Invalidation terminée
    .body = { $project } : tout le cache vidé (lot { $batch }).
batch-with-problems = Invalidation terminée avec des problèmes
    .body = { $project } : { $failed ->
        [one] { $failed } requête sur { $requests } n’a pas fini « Terminée »
       *[other] { $failed } requêtes sur { $requests } n’ont pas fini « Terminée »
    } (lot { $batch }). Ouvrez le journal pour réessayer.
batches-ended = { $batches } invalidations terminées
    .body = { $problems ->
        [0] Toutes terminées. Ouvrez le journal pour les voir.
       *[other] { $done } terminées, { $problems } avec des problèmes. Ouvrez le journal pour réessayer.
    }

## Combien de requêtes d’un lot en sont où : « 3 peut-être reçues ».

count-queued = { $count } en file d’attente
count-sending = { $count } en cours d’envoi
count-retrying = { $count } en nouvel essai
count-send-failed = { $count ->
    [one] { $count } échec d’envoi
   *[other] { $count } échecs d’envoi
}
count-maybe-received = { $count ->
    [one] { $count } peut-être reçue
   *[other] { $count } peut-être reçues
}
count-rejected = { $count ->
    [one] { $count } refusée
   *[other] { $count } refusées
}
count-gone = { $count ->
    [one] { $count } inconnue du service
   *[other] { $count } inconnues du service
}
count-stalled = { $count ->
    [one] { $count } bloquée
   *[other] { $count } bloquées
}
count-received = { $count ->
    [one] { $count } reçue
   *[other] { $count } reçues
}
count-preparing = { $count } en préparation
count-flushing-cloudimage = { $count } en vidage des serveurs Scaleflex
count-flushing-cdn = { $count } en vidage des serveurs du CDN
count-done = { $count ->
    [one] { $count } terminée
   *[other] { $count } terminées
}
count-done-with-failures = { $count ->
    [one] { $count } terminée avec des échecs
   *[other] { $count } terminées avec des échecs
}
count-error-cdn-node = { $count ->
    [one] { $count } erreur à l’étape du CDN
   *[other] { $count } erreurs à l’étape du CDN
}
count-error = { $count ->
    [one] { $count } erreur
   *[other] { $count } erreurs
}
count-unknown = { $count ->
    [one] { $count } statut inconnu
   *[other] { $count } statuts inconnus
}

## Ce que le CDN a servi pour un chemin (le `Verdict` du domaine), et les vérifications d’une
## requête en bref, la pire nouvelle d’abord.

verdict-fresh = Servi à jour
verdict-still-cached = Encore en cache
verdict-unknown = Inconnu
verdict-could-not-check = Vérification impossible
served-still-cached = { $count } sur { $total } encore en cache
served-could-not-check = { $count } sur { $total } non vérifiables
served-unknown = { $count } sur { $total } inconnus du CDN
served-fresh = { $total ->
    [one] Servi à jour
   *[other] Les { $total } servis à jour
}

## Le résultat d’un chemin dans une invalidation (le `PathResult` du domaine).

result-pending = En attente
result-invalidated = Invalidé
result-failed = Échec

## Ce que couvre une requête, dans la colonne Chemins du journal.

paths-whole-cache = Tout le cache
paths-and-more = { $first } + { $more ->
    [one] { $more } autre
   *[other] { $more } autres
}

## Le filtre de statut du journal.

filter-any-status = Tous les statuts
filter-in-progress = En cours
filter-failed = En échec ou avec des erreurs
filter-done = Terminée
filter-queued = En file d’attente
filter-retrying = Nouvel essai
filter-send-failed = Échec de l’envoi
filter-maybe-received = Peut-être reçue
filter-rejected = Refusée
filter-done-with-failures = Terminée avec des échecs
filter-error = Erreur
filter-error-cdn-node = Erreur à l’étape du CDN
filter-unknown = Statut inconnu

## La barre du haut.

top-project = Projet
top-projects = Projets…
theme-menu = Thème
theme-system = Thème du système
theme-light = Clair
theme-dark = Sombre
refresh = Actualiser
    .title = Demander au service le dernier statut maintenant (F5)
add-invalidation = + Nouvelle invalidation
