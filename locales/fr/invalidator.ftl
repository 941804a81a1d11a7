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
details-only-failed = { $count ->
    [one] Seulement celui en échec
   *[other] Seulement les { $count } en échec
}
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

## D’où vient une ligne d’une liste (le `Place` du domaine), et les listes lues dans des
## fichiers (`ListName`).

place-line = ligne { $line }
place-argument = argument { $argument }
place-list-line = { $list } ligne { $line }
list-file = { $path }
list-standard-input = entrée standard

## Ce que le lecteur de chemins a fait d’une ligne, ou pourquoi il l’a refusée (le
## `NoticeText` du domaine). `$item` est la ligne telle qu’écrite, `$path` telle que lue.

notice-query-stripped = `{ $query }` retiré : le service ignore les paramètres d’URL
notice-fragment-stripped = `{ $fragment }` retiré : un fragment n’atteint jamais le serveur
notice-host-dropped = hôte `{ $host }` retiré ; seul le chemin est envoyé
notice-decoded = `{ $path }` envoyé comme `{ $sent }` : les caractères encodés en pourcentage sont envoyés décodés, pour qu’un chemin n’ait qu’une forme
notice-composed = `{ $path }` écrit en forme composée (NFC) : une lettre et son accent tapés à part sont le même chemin que la lettre accentuée
notice-v7-dropped = `/v7` retiré : le jeton de ce projet a été créé après novembre 2021 et ses chemins ne prennent pas /v7
notice-v7-added = `/v7` ajouté à chaque chemin : le jeton de ce projet a été créé avant novembre 2021
notice-duplicate = `{ $path }` figure déjà en { $first } ; il est envoyé une fois
notice-no-host = `{ $item }` n’a pas d’hôte ; collez un chemin comme /dossier/image.jpg
notice-no-path = `{ $item }` n’a pas de chemin après l’hôte
notice-no-path-after-v7 = `{ $item }` n’a pas de chemin après l’hôte et /v7
notice-not-absolute = `{ $item }` ne commence pas par / ; écrivez tout le chemin après l’hôte, comme { $meant }
notice-ends-with-comma = `{ $path }` finit par une virgule ; retirez-la (les virgules séparent les chemins)
notice-star-inside = `{ $path }` a un `*` avant sa fin ; `*` ne peut que finir un chemin, comme /dossier/*
notice-too-long = le chemin fait { $length } caractères ; { $most } au plus sont acceptés
notice-unseen = `{ $item }` contient { $character }, qui ne se voit pas ; effacez-le et retapez cette partie
notice-dot-segment = `{ $path }` a un segment `.` ou `..`, que les serveurs peuvent lire comme un autre chemin ; vouliez-vous dire { $meant } ?
notice-empty-segment = `{ $path }` a un segment vide (`//`), que les serveurs peuvent lire comme un autre chemin ; vouliez-vous dire { $meant } ?
unseen-named = { $code } { $name }
unseen-tab = { $code } CHARACTER TABULATION (une tabulation)
unseen-control = { $code }, un caractère de contrôle

## Ce qui n’a pas marché, et que faire (le `Problem` du domaine). `$cause` est ce qu’a dit
## le système, montré tel quel.

problem-no-such-request = aucune invalidation nº { $request } dans le journal
problem-unknown-reference = aucune invalidation `{ $reference }` dans le journal ; `invalidator log` les liste
problem-reference-too-short = `{ $reference }` est trop court : donnez un numéro de requête ou au moins 8 caractères d’un ID d’invalidation
problem-reference-ambiguous = `{ $reference }` correspond à plusieurs invalidations ; donnez-en plus de l’ID
problem-journal = le journal n’a pas pu être lu ou écrit : { $cause }
problem-project-needs-name = un projet a besoin d’un nom
problem-batch-size = la taille des requêtes doit être entre 1 et { $most } chemins
problem-delivery-base = la base de diffusion `{ $base }` { $why } ; elle ressemble à https://<token>.cloudimg.io
delivery-base-not-an-address = n’est pas une adresse web ({ $cause })
delivery-base-scheme = doit commencer par https:// ou http://
delivery-base-no-host = ne nomme aucun hôte
delivery-base-credentials = ne doit contenir ni nom d’utilisateur ni mot de passe
delivery-base-query = ne doit pas finir par `?…` ou `#…`
problem-unknown-theme = thème inconnu `{ $theme }` ; utilisez system, light ou dark
problem-settings-damaged = le fichier de réglages { $path } ne peut pas être lu ({ $cause }) ; il est laissé tel quel, et rien n’y est enregistré tant que vous n’avez pas restauré la dernière bonne copie ou démarré avec des réglages vides (le fichier endommagé est gardé à côté)
problem-backup-unreadable = la dernière bonne copie { $path } ne peut pas être lue non plus ({ $cause })
problem-settings-unwritable = les réglages n’ont pas pu être enregistrés dans { $path } : { $cause } ; ils sont tels qu’enregistrés la dernière fois
problem-no-such-project = aucun projet enregistré `{ $project }`
problem-sandbox-name = `Sandbox` est le nom du projet intégré ; choisissez-en un autre
problem-project-exists = un projet nommé `{ $project }` existe déjà
problem-new-project-needs-key = un nouveau projet a besoin de sa clé d’API (Settings › Access › API keys dans le hub)
problem-key-stays-with-base = la clé enregistrée de `{ $project }` n’est envoyée qu’à la base d’API avec laquelle elle a été enregistrée ({ $saved }) ; pour utiliser { $base }, tapez de nouveau la clé
problem-sandbox-stays = le Sandbox intégré ne peut pas être supprimé
problem-key-to-test = tapez la clé d’API pour la tester
problem-no-key-to-test = ce projet n’a pas de clé dans le trousseau à tester
problem-list-refused = rien n’a été envoyé : corrigez ou retirez d’abord { $lines ->
    [one] cette ligne
   *[other] ces lignes
}
problem-no-paths = aucun chemin à invalider : donnez au moins un chemin, comme /dossier/image.jpg
problem-list-unreadable = impossible de lire { $list } : { $cause }
problem-list-not-utf8 = { $list } n’est pas du texte UTF-8 (octet { $byte } à la ligne { $line }) ; enregistrez-le en UTF-8 et chargez-le de nouveau
problem-list-too-big = { $list } dépasse { $megabytes } Mo, le plus qu’une liste peut faire ; rien n’a été envoyé. Découpez-la en listes plus petites
problem-list-gone = cette liste collée ou chargée n’est plus gardée ; collez-la ou chargez-la de nouveau
problem-list-changed = la liste a changé depuis ; son aperçu est relu
problem-confirm-whole-cache = tapez le nom du projet, { $project }, pour confirmer le vidage de tout son cache
problem-nothing-to-retry = la requête nº { $request } est « { $status } » : il n’y a rien à réessayer
problem-whole-cache-unchecked = l’invalidation nº { $request } a vidé tout le cache : elle ne nomme aucun fichier à vérifier
problem-not-done-yet = l’invalidation nº { $request } n’est pas terminée ({ $status }) : ses fichiers sont vérifiés dès qu’elle l’est
problem-no-delivery-base = le projet `{ $project }` n’a pas de base de diffusion : indiquez-la (par exemple https://<token>.cloudimg.io) dans Projets… de l’application, ou passez --delivery-base
problem-keychain-unavailable = le trousseau du système n’est pas disponible ({ $cause }) ; déverrouillez-le ou démarrez son service, puis réessayez
problem-keychain-timed-out = le trousseau du système n’a pas répondu en { $seconds } s ; il est peut-être verrouillé : déverrouillez-le et réessayez
problem-keychain-failed = le trousseau du système a échoué : { $cause }
problem-file = { $cause }
problem-file-out-of-reach = ce fichier ne peut pas être lu d’ici : { $cause }
problem-export-out-of-reach = le journal ne peut pas être enregistré là : { $cause }
problem-unknown-language = il n’y a pas de mots pour la langue `{ $language }` ; choisissez-en une que le menu propose
problem-cli-no-saved-projects = aucun projet enregistré nommé `{ $name }` : aucun projet n’est enregistré dans { $folder }
problem-cli-no-such-project = aucun projet enregistré nommé `{ $name }` ; enregistrés : { $saved }
problem-cli-no-key-in-keychain = le trousseau ne contient aucune clé d’API pour le projet `{ $project }`
problem-cli-no-key = pas de clé d’API : définissez { $variable }, ou nommez un projet enregistré dans l’application avec --project
problem-cli-this-project = --this-project a besoin de --project NOM
problem-cli-scope-all-paths = la portée all vide tout ; elle ne prend pas de chemins
problem-cli-scope-all-yes = la portée all vide tout le cache de `{ $project }` sur le CDN et les serveurs de redimensionnement ; le cache doit ensuite se reconstruire et les premières requêtes sont lentes. Ajoutez --yes pour confirmer
problem-cli-no-paths = aucun chemin donné : passez-les en arguments ou avec --from-file
problem-cli-other-project = la requête nº { $request } appartient au projet `{ $project }` ({ $base }) ; relancez avec le nom --project ou la clé de ce projet
problem-cli-no-saved-delivery-base = l’invalidation nº { $request } a été envoyée pour `{ $project }`, qui n’a pas de base de diffusion enregistrée : passez --delivery-base https://<token>.cloudimg.io
problem-unexpected = quelque chose s’est mal passé dans la fenêtre : { $cause }
problem-api = { $said }
problem-cannot-start = { $start }

## Que faire d’une sorte d’erreur (l’`Advice` du domaine).

advice-check-key = Vérifiez la clé d’API dans le hub Scaleflex (Settings › Access › API keys).
advice-role = Seuls les rôles Developer, Manager, Administrator et Owner peuvent invalider ; utilisez la clé d’un tel utilisateur.
advice-check-connection = Vérifiez la base d’API et la connexion de cet ordinateur.
advice-check-base = Vérifiez la base d’API : elle devrait être https://api.cloudimage.com.
advice-unlock-keychain = Déverrouillez le trousseau du système (ou démarrez son service), puis réessayez.
advice-key-not-checked = La clé n’a pas pu être vérifiée.

## Ce qu’ont dit le service ou le réseau (l’`ApiSaid` du client). `$message`, `$body` et
## `$location` viennent du service.

api-config = { $problem }
api-unauthorized = le service a refusé la clé d’API (401) : { $message }
api-forbidden = la clé d’API ne peut pas invalider sur ce projet (403) : { $message }
api-unknown-id = le service ne connaît pas cette invalidation (404) : { $message }
api-not-the-api = la base d’API a répondu 404 sans la forme d’erreur du service ({ $message }) ; ce n’est pas l’API Cloudimage, semble-t-il
api-redirected = la base d’API a répondu { $status } en renvoyant vers { $location } ; les redirections ne sont pas suivies, donc rien n’y a été envoyé. Vérifiez la base d’API
api-redirected-nowhere = la base d’API a répondu { $status } sans dire où aller ; les redirections ne sont pas suivies. Vérifiez la base d’API
api-too-large = la réponse dépassait { $kib } Kio et n’a pas été lue jusqu’au bout ; ce n’est pas l’API Cloudimage, semble-t-il. Vérifiez la base d’API
api-rate-limited = le service limite le débit (429) : { $message }
api-server = le service a échoué ({ $status }) : { $message }
api-rejected = le service a refusé la requête ({ $status }) : { $message }
api-unreachable = impossible de joindre le service : { $message }
api-connection-broken = la connexion a été coupée avant la réponse : { $message }
api-timeout = le service n’a pas répondu en { $seconds } s
api-unreadable = le service a envoyé une réponse illisible ({ $reason }) : { $body }
unreadable-not-json = pas le JSON attendu : { $cause }
unreadable-no-uuid = la réponse ne contient pas d’uuid
unreadable-no-invalidation = la réponse ne contient pas d’invalidation
unreadable-bad-uuid = son uuid « { $uuid } » n’est pas un ID d’invalidation (de 1 à { $most } lettres, chiffres, - ou _), il n’est donc jamais demandé
api-no-key = aucune clé d’API n’a été donnée
api-key-empty = la clé d’API est vide
api-key-whitespace = la clé d’API contient un espace ({ $code }) au caractère { $position } ; collez de nouveau la clé, exactement comme le hub l’affiche
api-key-unsendable = la clé d’API contient un caractère qui ne peut pas être envoyé dans un en-tête ({ $code }) au caractère { $position } ; collez de nouveau la clé, exactement comme le hub l’affiche
api-not-an-id = ce n’est pas un ID d’invalidation (de 1 à 64 lettres, chiffres, - ou _) ; rien n’a été demandé
api-base-not-a-url = la base d’API `{ $base }` n’est pas une URL ({ $cause })
api-base-http = la base d’API `{ $base }` utilise http:// ; seul https:// est permis hors de cet ordinateur
api-base-scheme = la base d’API `{ $base }` utilise { $scheme }:// ; utilisez https://
api-base-query = la base d’API `{ $base }` ne doit porter ni paramètres ni fragment
api-base-no-path = la base d’API ne peut pas porter de chemin
api-http-setup = impossible de préparer HTTP : { $cause }

## Quand l’application ne peut pas démarrer (le `StartProblem` du domaine) : la valeur dit ce
## qui ne peut pas servir, `.advice` que faire.

start-journal-newer = Le journal { $path } ne peut pas être utilisé : il a été écrit par une version plus récente d’Invalidator (schéma { $version } ; cette version connaît jusqu’au { $known }).
    .advice = Installez la version plus récente pour continuer avec ce journal. Pour démarrer plutôt un nouveau journal vide avec cette version, déplacez le fichier ailleurs (gardez-le : il contient votre journal et tout ce qui attend encore).
start-not-a-journal = Le journal { $path } ne peut pas être utilisé : ce n’est pas un journal d’Invalidator (il est peut-être endommagé, ou c’est un autre genre de fichier).
    .advice = Quittez, déplacez le fichier ailleurs (gardez-le : il contient peut-être votre journal), et redémarrez : un nouveau journal vide est créé.
start-journal-read-only = Le journal { $path } ne peut pas être utilisé : il ne peut pas être ouvert en écriture ({ $cause }).
    .advice = Vérifiez que vous pouvez écrire le fichier et son dossier, ou définissez INVALIDATOR_DATA_DIR vers un autre dossier.
start-journal-unusable = Le journal { $path } ne peut pas être utilisé : { $cause }.
    .advice = Vérifiez le disque et le fichier ; s’il est endommagé, déplacez-le ailleurs (gardez-le) et redémarrez.
start-data-folder = Le dossier de données { $path } ne peut pas être utilisé : { $cause }.
    .advice = Vérifiez que vous pouvez le créer et y écrire, ou définissez INVALIDATOR_DATA_DIR vers un autre dossier.
start-sandbox-jobs = Le fichier des tâches du Sandbox { $path } ne peut pas être utilisé : { $cause }.
    .advice = Vérifiez que vous pouvez l’écrire, lui et son dossier ; s’il est endommagé, déplacez-le ailleurs (le Sandbox démarre alors sans tâches).

## Ce qui bloque l’envoi (le `Holdup` du moteur) : le journal refuse les écritures.

holdup-sending = Le journal { $path } ne peut pas être écrit ({ $cause }). L’envoi est en pause jusqu’à ce qu’il le puisse ; rien de ce qui attend n’est perdu. Libérez de l’espace disque ou vérifiez les droits du fichier.
holdup-answer-kept = Le journal { $path } ne peut pas être écrit ({ $cause }). L’envoi est en pause jusqu’à ce qu’il le puisse ; rien de ce qui attend n’est perdu. Libérez de l’espace disque ou vérifiez les droits du fichier. La réponse du service pour la requête nº { $request } (ID d’invalidation { $uuid }) est gardée dans { $file } et enregistrée dès que le journal accepte les écritures, ou au prochain démarrage.
holdup-answer-unkept = Le journal { $path } ne peut pas être écrit ({ $cause }). L’envoi est en pause jusqu’à ce qu’il le puisse ; rien de ce qui attend n’est perdu. Libérez de l’espace disque ou vérifiez les droits du fichier. La réponse du service pour la requête nº { $request } n’a pas pu être gardée sur le disque non plus ({ $error }) : son ID d’invalidation est { $uuid }. Elle est enregistrée dès que le journal accepte les écritures, tant que ce programme tourne.
holdup-statuses = Le journal { $path } ne peut pas être écrit ({ $cause }) : les statuts du service ne peuvent pas être enregistrés, et sont redemandés plus tard. Libérez de l’espace disque ou vérifiez les droits du fichier.

## Le test de connexion (le `TestResult` du bureau).

test-accepted = Le service à { $base } a accepté la clé : interrogé sur une invalidation qui n’existe pas, il a répondu « introuvable », comme il se doit. Si le rôle de cette clé peut invalider se verra à la première soumission.
test-key-needed = La clé enregistrée de { $project } n’est envoyée qu’à la base d’API avec laquelle elle a été enregistrée ({ $saved }). Pour tester { $base }, tapez de nouveau la clé.
test-not-the-api = { $base } a répondu « introuvable » sans le message d’erreur du service (une page web, par exemple) : ce n’est pas l’API Cloudimage, semble-t-il, donc on ne sait rien de la clé. Vérifiez la base d’API.
test-failed = { $problem }. { $advice }

## Les boîtes de dialogue de fichiers du système.

dialog-load-list = Charger une liste de chemins
    .filter = Listes de chemins (un chemin ou une URL par ligne)
dialog-export-log = Exporter le journal

## Les mots propres à la ligne de commande (`invalidator`).

cli-error = erreur : { $problem }
cli-cannot-start = erreur : impossible de démarrer : { $cause }
cli-hint = conseil : { $hint }
cli-hint-env-key = Ou définissez { $variable } pour cette fois.
cli-hint-no-key = définissez { $variable }, ou enregistrez le projet avec sa clé dans l’application et passez { $option }
cli-note = note : { $text }
notice-at = { $place } : { $text }
cli-no-such-language = attention : il n’y a pas de mots pour la langue `{ $language }` ; l’anglais est utilisé (il y a : { $languages })
cli-no-id-yet = (pas encore d’ID)
cli-paths = { $count ->
    [one] { $count } chemin
   *[other] { $count } chemins
}
cli-request = Requête nº { $request } (lot { $batch }, partie { $part })
cli-retry-with = Réessayer avec : { $command }
cli-recorded = Lot { $batch } enregistré pour { $project } : { $paths ->
    [one] { $paths } chemin
   *[other] { $paths } chemins
} en { $requests ->
    [one] { $requests } requête
   *[other] { $requests } requêtes
}. Envoi…
cli-recorded-whole-cache = Lot { $batch } enregistré pour { $project } : tout le cache. Envoi…
cli-retry-recorded = Lot { $batch } enregistré, nouvel essai de la requête nº { $request } ({ $status }). Envoi…
cli-follow = Suivez-les jusqu’au bout avec : { $command }
cli-stay-queued = { $count ->
    [one] { $count } requête reste en file d’attente dans le journal : elle est envoyée par le prochain `invalidator watch`, `submit` ou `retry` avec cette clé, ou par l’application.
   *[other] { $count } requêtes restent en file d’attente dans le journal : elles sont envoyées par le prochain `invalidator watch`, `submit` ou `retry` avec cette clé, ou par l’application.
}
cli-nothing-in-progress = Rien en cours.
cli-latest-batch = Dernier lot ({ $batch }) :
cli-skipping = nº { $request } passée : elle appartient au projet `{ $project }`, qui a besoin de sa propre clé
cli-all-done = Tout est terminé.
cli-not-all-well = Fini, mais pas tout bien : voyez `{ $status }`, et `{ $retry }` pour { $requests }.
cli-progress = { $finished } sur { $total } finies · { $seconds } s
cli-progress-offline = { $finished } sur { $total } finies · { $seconds } s · en attente d’une réponse du service
cli-shown-as-recorded = note : affichée telle qu’enregistrée en dernier ; pour interroger le service maintenant, lancez avec la clé de `{ $project }`
cli-verify-head = Requête nº { $request } à { $base } : { $summary }
cli-no-answer = pas de réponse
cli-verify-hint = conseil : une copie plus ancienne que l’invalidation est encore servie ; attendez une minute et relancez verify, ou réessayez l’invalidation
cli-log-empty = Aucune invalidation enregistrée pour l’instant (ce journal liste celles envoyées depuis cet ordinateur).
cli-log-batch = Lot { $batch }  { $date }  { $project }  { $scope }
cli-log-batch-app = Lot { $batch }  { $date }  { $project }  { $scope }  (application)
cli-log-more = … et { $hidden } de plus (les échecs en tête) ; les { $total } de ce lot ici : { $counts }
cli-log-older = (lots plus anciens non affichés ; augmentez --limit)
cli-sandbox =
    Sandbox à l’écoute sur { $base }
      clé :                 { $key } (publique ; { $forbidden } reçoit 403)
      base de diffusion :   { $delivery } (pour verify ; les chemins avec sandbox-stale restent en cache)
      tâches gardées dans : { $jobs }
      pas des statuts :     { $step } ms
      essayez :             { $try }
      pannes :              { $faults }
    Appuyez sur Ctrl+C pour arrêter.

## Un texte qu’une version antérieure a gardé en anglais, montré tel qu’il a été écrit.

as-recorded = { $text }

## L’historique d’une requête, une ligne par changement (le `HistoryText` du journal).
## `$problem` est ce qui n’a pas marché ; `$wait` est en secondes.

history-recorded = Enregistrée ; en attente d’envoi
history-recorded-retry = Enregistrée comme nouvel essai de la requête nº { $request }
history-sending = Envoi (tentative { $attempt })
history-interrupted-whole-cache = Le processus qui l’envoyait s’est arrêté avant la réponse. Elle a peut-être été reçue, elle n’est donc pas renvoyée d’elle-même ; Réessayer l’envoie
history-interrupted-requeued = Le processus qui l’envoyait s’est arrêté avant la réponse ; remise en file pour être renvoyée
history-put-back = Remise en file d’attente
history-retrying = La tentative { $attempts } a échoué : { $problem } ; prochaine dans { $wait } s
history-retrying-maybe-sent = La tentative { $attempts } n’a pas eu de réponse : { $problem }. Le service l’a peut-être reçue ; renvoyée dans { $wait } s (sans danger si c’est le cas)
history-gave-up-whole-cache = Pas de réponse après l’envoi : { $problem }. Elle a peut-être été reçue, elle n’est donc pas renvoyée d’elle-même : vider tout le cache deux fois coûte cher. Réessayer l’envoie
history-gave-up-maybe-received = Abandon après { $attempts ->
    [one] { $attempts } tentative
   *[other] { $attempts } tentatives
} : { $problem }. Elle a peut-être été reçue
history-gave-up = Abandon après { $attempts ->
    [one] { $attempts } tentative
   *[other] { $attempts } tentatives
} : { $problem }
history-failed = { $problem }
history-offline = Le service n’a pas répondu : { $problem } ; en attente de sa réponse
history-acknowledged = Accusée par le service comme { $uuid }
history-acknowledged-saying = Accusée par le service comme { $uuid } (« { $message } »)
history-acknowledged-late = Accusée par le service comme { $uuid } (enregistré en retard : le journal ne pouvait pas être écrit sur le moment)
history-acknowledged-late-saying = Accusée par le service comme { $uuid } (enregistré en retard : le journal ne pouvait pas être écrit sur le moment) (« { $message } »)
history-late-answer = Une réponse tardive à un envoi antérieur : le service l’a accusée comme { $uuid }. Un autre envoi tient cette requête maintenant, rien d’autre n’a donc changé
history-done-with-failures = { $failed ->
    [one] { $failed } chemin a échoué
   *[other] { $failed } chemins ont échoué
}
history-unknown-status = Un statut que cette application ne connaît pas ; vérification continue
history-foreign-paths = Le service a aussi nommé { $count ->
    [one] { $count } chemin
   *[other] { $count } chemins
} que cette requête n’a pas envoyés ({ $shown }{ $more ->
    [0] {""}
   *[other] {" "}et { $more } de plus
}) ; ils ne comptent pas parmi ses chemins, et un nouvel essai ou une vérification ne les envoie pas
history-status-capped = Le statut a changé { $most } fois ; les changements suivants se voient sur la requête mais ne sont pas ajoutés à son historique
history-no-usable-id = La réponse du service ne nommait aucun ID d’invalidation utilisable, son statut n’est donc pas demandé ; vérifiez-le dans la console Cloudimage
history-stalled = Toujours { $status } un jour après l’accusé de réception ; le suivi s’est arrêté
history-stalled-no-answer = Pas de réponse un jour après l’accusé de réception ({ $problem }) ; le suivi s’est arrêté
history-gone = Le service ne connaît plus cette invalidation (404) ; le suivi s’est arrêté
problem-interrupted = le processus qui l’envoyait s’est arrêté avant la réponse
problem-acknowledged-twice = le service a accusé cet envoi comme { $uuid }, l’ID qu’il avait déjà donné à la requête nº { $other } ; un ID ne peut pas suivre deux requêtes, celle-ci n’est donc pas suivie. Elle a peut-être été reçue : vérifiez la console Cloudimage, ou réessayez-la
problem-status-check-failed = la dernière vérification du statut a échoué : { $said }

## Pourquoi un chemin a reçu son verdict au CDN (le `VerdictReason` du domaine). `$shown`
## est l’en-tête qui le montre, tel que le CDN l’a envoyé.

reason-answered = l’URL de diffusion a répondu { $status }
reason-from-origin = { $shown } : cette réponse venait de l’origine
reason-no-age = le CDN n’a pas envoyé d’en-tête Age, on ne sait donc pas quand sa copie a été récupérée
reason-age-not-a-number = le CDN a envoyé `Age: { $age }`, qui n’est pas un nombre de secondes
reason-fetched-after = { $shown } : le CDN a récupéré cette copie il y a { $ago }, après que l’invalidation a été vue terminée
reason-fetched-before = { $shown } : le CDN a récupéré cette copie il y a { $ago }, avant même l’envoi de l’invalidation
reason-fetched-during = { $shown } : le CDN a récupéré cette copie il y a { $ago }, pendant l’invalidation ; avant ou après le vidage, on ne sait pas
reason-folder = un chemin qui finit par `*` désigne tous les fichiers en dessous, pas un fichier à demander
reason-delivery-base-not-a-url = la base de diffusion `{ $base }` n’est pas une URL ({ $cause })
reason-not-a-path = `{ $path }` n’est pas un chemin que cette application enverrait, il n’est donc pas demandé
reason-other-host = `{ $path }` serait demandé à un autre hôte que la base de diffusion, il n’est donc pas demandé
reason-no-answer = pas de réponse de l’URL de diffusion ({ $error })
ago-seconds = { $count } s
ago-minutes = { $count } min
ago-hours = { $count } h
ago-days = { $count ->
    [one] { $count } jour
   *[other] { $count } jours
}

## Une étape de l’historique d’une requête sans statut du service : ce que cette application
## a fait (le `RequestState` du domaine).

state-queued = en file d’attente
state-sending = envoi
state-retrying = nouvel essai
state-send-failed = échec de l’envoi
state-rejected = refusée
state-acknowledged = accusée
state-gone = inconnue du service
state-stalled = suivi arrêté

## Ce que l’application dit au terminal qui l’a lancée, quand sa fenêtre ne peut pas le dire.

app-cannot-start = Invalidator ne peut pas démarrer : { $problem }
app-cannot-log = Invalidator ne peut pas écrire son journal d’activité dans { $folder } : { $cause }
app-no-window = Invalidator n’a pas pu ouvrir sa fenêtre : { $cause }
