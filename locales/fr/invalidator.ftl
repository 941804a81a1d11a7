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

## Ce que couvre une requête (le `Scope` du domaine).

scope-original = Original
scope-all = Tout
scope-all-whole-cache = Tout (le cache entier)

## Le journal. `$batch` et `$request` sont des numéros qui nomment : pas de groupes de chiffres.

log-title = Journal des invalidations
log-intro = Les invalidations envoyées depuis cet ordinateur, par cette application ou la commande { $command }, les plus récentes d’abord. Celles que le DAM déclenche de lui-même n’apparaissent que dans la console web.
log-filter-project = Projet
    .label = Filtrer par projet
log-all-projects = Tous les projets
log-filter-status = Statut
    .label = Filtrer par statut
log-filter-scope = Portée
    .label = Filtrer par portée
log-any-scope = Toute portée
log-export-csv = Exporter en CSV…
log-export-json = JSON…
log-search = Chercher un chemin ou un ID  ( / )
    .label = Chercher par chemin ou ID d’invalidation
log-no-match = Rien dans le journal ne correspond à ces filtres.
log-clear-filters = Effacer les filtres
log-empty = Aucune invalidation pour l’instant.
log-empty-hint = Une image remplacée ? Appuyez sur { $button }, collez son chemin et suivez-la ici jusqu’à ce qu’elle soit terminée.
log-column-id = Identifiant
log-column-project = Projet
log-column-scope = Portée
log-column-date = Date
log-column-status = Statut
log-column-paths = Chemins
log-column-actions = Actions
log-batch = Lot { $batch } · { $requests ->
    [one] { $requests } requête
   *[other] { $requests } requêtes
}
log-batch-from-cli = · depuis la ligne de commande
log-batch-finished = { $done } sur { $total } finies :
    .label = Lot { $batch } : { $done } sur { $total } finies
log-failures-first = · échecs en tête
log-batch-checking = Vérification au CDN : { $done } sur { $total ->
    [one] { $total } requête
   *[other] { $total } requêtes
}
    .label = Lot { $batch } : { $done } sur { $total } vérifiées
log-stop = Arrêter
log-stopping = Arrêt…
log-check-batch = Vérifier le lot au CDN
    .title = Demander au CDN chaque fichier des requêtes terminées de ce lot (aucune clé n’y est envoyée)
log-copy-id = Copier l’ID d’invalidation { $uuid }
log-no-id-yet = nº { $request }, pas encore d’ID
log-retry-of = Nouvel essai de nº { $request }
log-retried-as = Réessayée en { $requests }
log-see-links = Voir les liens
    .label = Voir les liens de la requête nº { $request }
log-retry = Réessayer
    .label = Réessayer la requête nº { $request }
log-show-more = Afficher { $count } de plus du lot { $batch }
log-not-shown = ({ $count } non affichées)
log-older = Afficher les invalidations plus anciennes

## Le formulaire, + Ajouter une invalidation.

form-title = Nouvelle invalidation
form-project = Projet : { $name }
form-scope = Portée
form-scope-original = { $scope } : vider les fichiers listés, les originaux et chacune de leurs transformations en cache.
form-scope-all = { $scope } : vider tout le cache du projet.
form-paths = Chemins
form-paths-hint = Un par ligne, ou séparés par des virgules : { $example }. Les URL de diffusion entières conviennent ; { $star } à la fin couvre un dossier.
form-lines = { $lines ->
    [one] { $lines } ligne
   *[other] { $lines } lignes
}
form-staged-pasted = { $lines } collées
form-staged-file = { $lines } de { $file }
form-staged-size = ({ $kb } Ko, gardées par l’application plutôt qu’affichées ici)
form-clear = Effacer
form-load-file = Charger un fichier…
form-drop-hint = ou déposez ici un fichier .txt ou .csv (un chemin ou une URL par ligne)
form-reading-list = Lecture de la liste…
form-preview-paths = { $paths ->
    [one] { $paths } chemin
   *[other] { $paths } chemins
}
form-preview-requests = → { $requests ->
    [one] { $requests } requête
   *[other] { $requests } requêtes
}
form-preview-per-request = (jusqu’à { $size } chemins chacune)
form-preview-reading = · lecture…
form-group = { $kind } : { $lines ->
    [one] { $lines } ligne
   *[other] { $lines } lignes
}
form-see-all = Tout voir
form-show-more = En voir plus (encore { $count })
form-more-like-this = et { $count } autres du même genre
form-fix-refused = Corrigez ou retirez les lignes refusées pour envoyer.
form-whole-cache-warning = Ceci vide tout le cache de { $project }, sur le CDN et sur les serveurs de redimensionnement. Le cache doit ensuite se reconstruire : la première requête de chaque fichier est lente jusque-là.
form-confirm = Tapez le nom du projet, { $name }, pour confirmer
form-shortcut = Ctrl+Entrée envoie
form-cancel = Annuler
form-sending = Envoi…
form-flush-all = Vider tout le cache
form-invalidate = Invalider
form-recorded = Lot { $batch } enregistré : { $paths ->
    [one] { $paths } chemin
   *[other] { $paths } chemins
} en { $requests ->
    [one] { $requests } requête
   *[other] { $requests } requêtes
}. Envoi…
form-recorded-whole-cache = Lot { $batch } enregistré : tout le cache. Envoi…

## Ce que le lecteur de chemins a fait d’une liste, par sorte (le `NoticeKind` du domaine).

notice-kind-rejected = Refusées
notice-kind-query-stripped = Paramètres d’URL retirés
notice-kind-fragment-stripped = Fragments retirés
notice-kind-host-dropped = Hôtes retirés
notice-kind-normalized = Écrits sous une seule forme
notice-kind-v7-dropped = /v7 retiré
notice-kind-v7-added = /v7 ajouté
notice-kind-duplicate = Doublons envoyés une fois

## Pourquoi une soumission enregistrée attend (le `Waiting` du bureau).

waiting-keychain = Enregistrée et en file d’attente : le trousseau n’est pas disponible ({ $problem }), donc la clé de { $project } ne peut pas être lue. Elle est envoyée dès que le trousseau répond.
waiting-no-key = Enregistrée et en file d’attente : { $project } n’a pas de clé d’API dans le trousseau. Ajoutez-la dans Projets et la file est envoyée.

## Ce que la fenêtre dit un instant (une notification brève), et son bouton.

dismiss = Fermer
settings-restored = La dernière bonne copie des réglages a été restaurée ; le fichier endommagé est gardé à côté.
settings-started-afresh = Démarré avec des réglages vides ; le fichier endommagé est gardé à côté du nouveau.
log-exported = { $requests ->
    [one] { $requests } requête
   *[other] { $requests } requêtes
} de { $batches ->
    [one] { $batches } lot
   *[other] { $batches } lots
} exportées vers { $path }
retry-recorded = Nouvel essai enregistré comme requête nº { $request } (lot { $batch }) ; envoi…
check-batch-nothing-done = Rien dans le lot { $batch } n’est encore terminé : ses fichiers sont vérifiés dès qu’il l’est.
check-batch-done = Lot { $batch } : les fichiers de { $total ->
    [one] { $total } requête ont été vérifiés
   *[other] { $total } requêtes ont été vérifiés
} au CDN.
check-batch-stopped = Lot { $batch } : vérification arrêtée après { $done } sur { $total ->
    [one] { $total } requête
   *[other] { $total } requêtes
}.
project-saved = Projet enregistré. Sa clé est dans le trousseau du système.
project-removed = { $project } supprimé ; ses invalidations restent dans le journal.

## Les bandeaux au-dessus du journal.

settings-damaged = Le fichier de réglages { $path } ne peut pas être lu ({ $cause }). Vos projets enregistrés ne sont pas affichés, et rien n’est écrit dans le fichier tant que vous n’avez pas choisi : démarrer avec des réglages vides. Le fichier endommagé est gardé à côté du nouveau. Les clés d’API sont en sécurité dans le trousseau.
settings-damaged-restorable = Le fichier de réglages { $path } ne peut pas être lu ({ $cause }). Vos projets enregistrés ne sont pas affichés, et rien n’est écrit dans le fichier tant que vous n’avez pas choisi : restaurer la dernière bonne copie, ou démarrer avec des réglages vides. Dans les deux cas, le fichier endommagé est gardé à côté du nouveau. Les clés d’API sont en sécurité dans le trousseau.
settings-restore = Restaurer la dernière bonne copie
settings-start-afresh = Démarrer avec des réglages vides
keychain-unavailable = Le trousseau du système ne peut pas être utilisé ({ $problem }). Les projets qui ont besoin d’une clé attendent qu’il le puisse ; le journal et le Sandbox continuent de fonctionner.
keychain-try-again = Réessayer
sandbox = Sandbox
sandbox-banner = { $sandbox } : une API Cloudimage simulée sur cet ordinateur ({ $base }). Rien n’atteint un vrai CDN. Ajoutez votre projet dans { $projects }.
sandbox-banner-projects = Projets
key-missing = { $project } n’a pas de clé d’API dans le trousseau : ses invalidations attendent dans la file jusqu’à ce que vous en ajoutiez une.
key-missing-add = Ajouter la clé
api-base-override = { $variable } est défini : les requêtes de chaque projet vont à { $base }.

## Quand l’application ne peut pas démarrer : la fenêtre ne montre que ceci.

startup-title = Invalidator ne peut pas démarrer
startup-cannot-use = { $what } { $path } ne peut pas être utilisé : { $cause }.
startup-copy-path = Copier le chemin
startup-nothing-changed = Rien n’a été modifié : le fichier est tel qu’il était. Ceci est aussi écrit dans le journal d’activité du dossier de données, quand il peut l’être.
startup-quit = Quitter

## Fermer la fenêtre avec du travail pas encore envoyé.

close-title = Fermer Invalidator ?
close-unsent = { $count ->
    [one] { $count } requête d’invalidation n’a pas encore atteint le service.
   *[other] { $count } requêtes d’invalidation n’ont pas encore atteint le service.
}
close-unsent-kept = { $count ->
    [one] Elle reste enregistrée sur cet ordinateur et est envoyée au prochain démarrage d’Invalidator, ou par la commande { $command }.
   *[other] Elles restent enregistrées sur cet ordinateur et sont envoyées au prochain démarrage d’Invalidator, ou par la commande { $command }.
}
close-at-service = { $count ->
    [one] { $count } autre invalidation est encore traitée par le service ; son statut est vérifié de nouveau au prochain démarrage.
   *[other] { $count } autres invalidations sont encore traitées par le service ; leur statut est vérifié de nouveau au prochain démarrage.
}
close-keep-open = La garder ouverte
close-anyway = Fermer quand même

## Petits morceaux utilisés partout.

close = Fermer
copy = Copier
copied = Copié
countdown = prochain dans { $seconds } s
countdown-now = maintenant
served = { "" }
    .title = Ce que le CDN servait à la dernière vérification
status-raw = { "" }
    .label = statut du service { $status }

## Voir les liens : une invalidation en entier.

details-title = Invalidation nº { $request }
details-failed-again = Cette invalidation a de nouveau échoué après un nouvel essai. Si elle continue d’échouer, contactez le support de Scaleflex avec les ID d’invalidation ci-dessous.
details-id = ID d’invalidation
    .copy = Copier l’ID d’invalidation
details-no-id = aucun pour l’instant : le service ne l’a pas encore accusée
details-project = Projet
details-scope = Portée
details-submitted = Soumise
details-batch-part = (lot { $batch }, partie { $part })
details-received = Reçue par le service
details-failed-attempts = Tentatives échouées
details-retry-of = Nouvel essai de
details-retried-as = Réessayée en
details-request = requête nº { $request }
details-what-went-wrong = Ce qui n’a pas marché : { $problem }
details-last-problem = Dernier problème : { $problem }
details-served = Servi par le CDN
details-checked-at = (vérifié à { $time })
details-checking = Vérification…
details-check-now = Vérifier maintenant
details-no-delivery-base = Pour voir si les nouveaux fichiers sont servis, indiquez la base de diffusion de ce projet (par exemple { $example }) dans Projets….
details-not-checked = Pas encore vérifié. Vérifier maintenant demande chaque chemin à { $base } (aucune clé n’y est envoyée).
details-paths = Chemins
details-paths-shown = ({ $shown } sur { $total } affichés)
details-only-failed = Seulement les { $count } en échec
details-path = Chemin
details-result = Résultat
details-at-cdn = Au CDN
details-show-more = En afficher { $count } de plus
details-history = Historique
details-loading = Chargement…
details-ask-now = Demander maintenant
details-duplicate = Dupliquer…
details-retrying = Nouvel essai…
details-retry-failed = Réessayer les chemins en échec
details-retry = Réessayer

## Projets…

projects-title = Projets
projects-add = + Ajouter un projet
projects-add-title = Ajouter un projet
projects-edit-title = Modifier { $project }
projects-name = Nom
projects-key = Clé d’API
projects-key-base-changed = La base d’API a changé : tapez de nouveau la clé. La clé enregistrée ({ $masked }) n’est jamais envoyée qu’à la base avec laquelle elle a été enregistrée ({ $base }).
projects-key-saved = Enregistrée dans le trousseau du système ({ $masked }). Laissez vide pour la garder, ou tapez-en une nouvelle pour la remplacer.
projects-key-new = Depuis le hub Scaleflex : Settings › Access › API keys. Elle n’est gardée que dans le trousseau du système, et n’est plus jamais affichée.
projects-base = Base d’API
projects-base-hint = Laissez vide pour { $base }.
projects-base-override = { $variable } est défini : les requêtes vont donc à { $base }, quoi qu’indique ce champ.
projects-v7 = Jeton créé avant novembre 2021
projects-v7-hint = (chaque chemin commence alors par { $v7 })
projects-batch = Chemins par requête
projects-batch-hint = De 1 à { $max } ; le service en accepte { $safe } sans problème connu.
projects-delivery = Base de diffusion
projects-optional = (facultative)
projects-delivery-hint = Là où les fichiers du projet sont servis, par exemple { $example }. Une fois une invalidation terminée, chaque chemin y est demandé pour voir si le nouveau fichier est servi. Aucune clé n’y est envoyée.
projects-check-limit = Vérifier d’elle-même jusqu’à
projects-check-limit-hint = chemins par lot ; les lots plus gros sont vérifiés quand vous le demandez (0 : seulement sur demande).
projects-test = Tester la connexion
projects-save = Enregistrer
projects-tag-sandbox = sandbox
projects-tag-selected = choisi
projects-served-at = fichiers servis à { $base }
projects-per-request = { $size ->
    [one] { $size } chemin par requête
   *[other] { $size } chemins par requête
}
projects-v7-paths = chemins en /v7
projects-key-state = clé :
projects-edit = Modifier
projects-remove = Supprimer
projects-remove-confirm = Supprimer { $project } et effacer sa clé du trousseau ? Ses invalidations restent dans le journal.
    .label = Supprimer { $project } ?
projects-keep = Le garder

## Où en est la clé d’un projet (le `KeyState` du bureau).

key-public = clé publique du sandbox
key-saved = enregistrée dans le trousseau : { $masked }
key-none = aucune clé enregistrée
key-unchecked = lecture du trousseau…
key-unavailable = trousseau indisponible
key-unusable = la clé enregistrée ne peut pas être utilisée : { $problem }

## Le pied de la fenêtre.

footer = Invalidator { $version } · données dans { $folder }
