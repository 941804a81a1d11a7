## Invalidator's words in English: the catalogue every other language falls back to.
## The window (ui/src/lib/words.ts) and the CLI (crates/invalidator-words) read this one file.
## A message's value is what a status pill or a line says; its `.detail` attribute is the
## sentence "what happened, what happens next" shown beside it.
## `$error`, `$status`: words from outside (the service, the network), shown as they came.
## `$at`: a moment, written with DATETIME. Numbers are grouped as the language groups them.

## How English writes numbers and moments, for the command line (the window has Intl):
## the digit group separator, the months' short names, and a moment to the minute.

locale-digit-group = { "," }
locale-months = Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec
locale-moment = { $month } { $day }, { $year }, { $time }

## The language menu, beside the theme's. `language-name` is each language's own name for
## itself, shown as it is whatever the window speaks.

language-menu = Language
language-system = System language
language-name = English

## Where a request stands (the domain's `ConditionText`).

condition-queued = Queued
    .detail = Recorded on this computer; waiting to be sent.
condition-queued-offline = Queued (offline)
    .detail = The service did not answer ({ $error }). Kept in the queue; sent as soon as the service answers again, without using up attempts.
condition-queued-interrupted = Queued
    .detail = The process that was sending it stopped before the answer came. It is sent again (harmless if the service already had it).
condition-sending = Sending
    .detail = Being sent to the service now.
condition-retrying = Retrying (attempt { $attempt })
    .detail = Attempt { $attempts } failed: { $error }. Trying again in { $wait } s.
condition-retrying-maybe-sent = Retrying (attempt { $attempt })
    .detail = Attempt { $attempts } got no answer: { $error }. The service may have received it; sent again in { $wait } s (harmless if it did).
condition-maybe-received = May have been received
    .detail = Gave up after { $attempts ->
        [one] { $attempts } attempt
       *[other] { $attempts } attempts
    } without an answer: { $error }. The service may have received it and be invalidating, or not: this app cannot know. Retry sends it again (harmless if it was received).
condition-maybe-received-whole-cache = May have been received
    .detail = It was sent, but no answer came back ({ $error }). The service may have received it and be flushing the whole cache, or not: this app cannot know. It is not sent again by itself, since flushing twice is costly; Retry sends it again.
condition-send-failed = Send failed
    .detail = Gave up after { $attempts ->
        [one] { $attempts } attempt
       *[other] { $attempts } attempts
    }: { $error }. Nothing was invalidated; Retry sends it again.
condition-rejected = Rejected
    .detail = The service refused it: { $error }. Nothing was invalidated; fix the cause (key, role, paths) and Retry.
condition-gone = Unknown to the service
    .detail = The service no longer knows this invalidation (404), so its outcome cannot be known. Polling stopped; Retry sends it again.
condition-stalled = Unknown, last seen { $status }
    .detail = The service still said { $status } after a day (last checked { DATETIME($at) }). Polling stopped; Refresh asks again, Retry sends it again.
condition-received = Received
    .detail = { $wait ->
        [0] The service is working on it.
       *[other] The service is working on it. Checked again in { $wait } s.
    }
condition-preparing = Preparing
    .detail = { $wait ->
        [0] The service is working on it.
       *[other] The service is working on it. Checked again in { $wait } s.
    }
condition-flushing-cloudimage = Flushing Scaleflex servers
    .detail = { $wait ->
        [0] The service is working on it.
       *[other] The service is working on it. Checked again in { $wait } s.
    }
condition-flushing-cdn = Flushing CDN servers
    .detail = { $wait ->
        [0] The service is working on it.
       *[other] The service is working on it. Checked again in { $wait } s.
    }
condition-done = Done
    .detail = The cache is flushed; the next request fetches the new file.
condition-done-with-failures = Done with failures
    .detail = { $failed } of { $paths ->
        [one] { $paths } path
       *[other] { $paths } paths
    } failed. Retry sends the failed paths again.
condition-error-cdn-node = Error in the CDN step
    .detail = The service reported an error while flushing the CDN. Retry sends the failed paths again; if it keeps failing, contact Scaleflex support.
condition-error = Error
    .detail = The service reported an error in one of the invalidation steps. Retry sends the failed paths again; if it keeps failing, contact Scaleflex support.
condition-unknown = { $status }
    .detail = { $wait ->
        [0] The service reported a status this app does not know; it keeps checking.
       *[other] The service reported a status this app does not know; it keeps checking. Checked again in { $wait } s.
    }
condition-no-status = No status
    .detail = { $wait ->
        [0] The service reported a status this app does not know; it keeps checking.
       *[other] The service reported a status this app does not know; it keeps checking. Checked again in { $wait } s.
    }

## A desktop notification when batches end (the desktop's `BatchNews`): the value is the
## title, `.body` the rest. `$batch` is the batch's number, as the log shows it.

batch-done = Invalidation done
    .body = { $project }: { $paths ->
        [one] { $paths } path
       *[other] { $paths } paths
    } flushed (batch { $batch }).
batch-done-whole-cache = Invalidation done
    .body = { $project }: the whole cache flushed (batch { $batch }).
batch-with-problems = Invalidation finished with problems
    .body = { $project }: { $failed } of { $requests ->
        [one] { $requests } request
       *[other] { $requests } requests
    } did not end Done (batch { $batch }). Open the log to retry.
batches-ended = { $batches } invalidations ended
    .body = { $problems ->
        [0] All of them done. Open the log to see them.
       *[other] { $done } done, { $problems } with problems. Open the log to retry.
    }

## How many requests of a batch stand where: "3 may have been received" (the vocabulary's
## codes, `ConditionCode`).

count-queued = { $count } queued
count-sending = { $count } sending
count-retrying = { $count } retrying
count-send-failed = { $count } send failed
count-maybe-received = { $count } may have been received
count-rejected = { $count } rejected
count-gone = { $count } unknown to the service
count-stalled = { $count } stalled
count-received = { $count } received
count-preparing = { $count } preparing
count-flushing-cloudimage = { $count } flushing Scaleflex servers
count-flushing-cdn = { $count } flushing CDN servers
count-done = { $count } done
count-done-with-failures = { $count } done with failures
count-error-cdn-node = { $count } error in the CDN step
count-error = { $count ->
    [one] { $count } error
   *[other] { $count } errors
}
count-unknown = { $count } unknown status

## What the CDN served for one path (the domain's `Verdict`), and a request's checks in
## short, the worst news first.

verdict-fresh = Served fresh
verdict-still-cached = Still cached
verdict-unknown = Unknown
verdict-could-not-check = Could not check
served-still-cached = { $count } of { $total } still cached
served-could-not-check = { $count } of { $total } could not be checked
served-unknown = { $count } of { $total } unknown at the CDN
served-fresh = { $total ->
    [one] Served fresh
   *[other] All { $total } served fresh
}

## A path's result in an invalidation (the domain's `PathResult`).

result-pending = Pending
result-invalidated = Invalidated
result-failed = Failed

## What a request covers, in the log's Paths column.

paths-whole-cache = Whole cache
paths-and-more = { $first } + { $more } more

## The log's status filter.

filter-any-status = Any status
filter-in-progress = In progress
filter-failed = Failed or with errors
filter-done = Done
filter-queued = Queued
filter-retrying = Retrying
filter-send-failed = Send failed
filter-maybe-received = May have been received
filter-rejected = Rejected
filter-done-with-failures = Done with failures
filter-error = Error
filter-error-cdn-node = Error in the CDN step
filter-unknown = Unknown status

## The top bar.

top-project = Project
top-projects = Projects…
theme-menu = Theme
theme-system = System theme
theme-light = Light
theme-dark = Dark
refresh = Refresh
    .title = Ask the service for the latest status now (F5)
add-invalidation = + Add invalidation

## What a request covers (the domain's `Scope`).

scope-original = Original
scope-all = All
scope-all-whole-cache = All (whole cache)

## The log. `$batch` and `$request` are numbers that name something: not grouped.

log-title = Invalidation log
log-intro = The invalidations sent from this computer, by this app or the { $command } command, newest first. Those the DAM triggers by itself appear only in the web console.
log-filter-project = Project
    .label = Filter by project
log-all-projects = All projects
log-filter-status = Status
    .label = Filter by status
log-filter-scope = Scope
    .label = Filter by scope
log-any-scope = Any scope
log-export-csv = Export CSV…
log-export-json = JSON…
log-search = Search a path or an ID  ( / )
    .label = Search by path or invalidation ID
log-no-match = Nothing in the log matches these filters.
log-clear-filters = Clear the filters
log-empty = No invalidations yet.
log-empty-hint = Replaced an image? Press { $button }, paste its path, and follow it here until it is Done.
log-column-id = Invalidation ID
log-column-project = Project
log-column-scope = Scope
log-column-date = Date
log-column-status = Status
log-column-paths = Paths
log-column-actions = Actions
log-batch = Batch { $batch } · { $requests ->
    [one] { $requests } request
   *[other] { $requests } requests
}
log-batch-from-cli = · from the command line
log-batch-finished = { $done } of { $total } finished:
    .label = Batch { $batch }: { $done } of { $total } finished
log-failures-first = · failures listed first
log-batch-checking = Checking at the CDN: { $done } of { $total ->
    [one] { $total } request
   *[other] { $total } requests
}
    .label = Batch { $batch }: { $done } of { $total } checked
log-stop = Stop
log-stopping = Stopping…
log-check-batch = Check batch at the CDN
    .title = Ask the CDN for each file of this batch's done requests (no key is sent there)
log-copy-id = Copy invalidation ID { $uuid }
log-no-id-yet = #{ $request }, no ID yet
log-retry-of = Retry of #{ $request }
log-retried-as = Retried as { $requests }
log-see-links = See links
    .label = See links of request #{ $request }
log-retry = Retry
    .label = Retry request #{ $request }
log-show-more = Show { $count } more of batch { $batch }
log-not-shown = ({ $count } not shown)
log-older = Show older invalidations

## The form, + Add invalidation.

form-title = Add invalidation
form-project = Project: { $name }
form-scope = Scope
form-scope-original = { $scope }: flush the listed files, the originals and every cached transformation of them.
form-scope-all = { $scope }: flush the project's whole cache.
form-paths = Paths
form-paths-hint = One per line, or separated by commas: { $example }. Whole delivery URLs are fine; { $star } at the end covers a folder.
form-lines = { $lines ->
    [one] { $lines } line
   *[other] { $lines } lines
}
form-staged-pasted = { $lines } pasted
form-staged-file = { $lines } from { $file }
form-staged-size = ({ $kb } KB, kept by the app rather than shown here)
form-clear = Clear
form-load-file = Load from file…
form-drop-hint = or drop a .txt or .csv file here (one path or URL a line)
form-reading-list = Reading the list…
form-preview-paths = { $paths ->
    [one] { $paths } path
   *[other] { $paths } paths
}
form-preview-requests = → { $requests ->
    [one] { $requests } request
   *[other] { $requests } requests
}
form-preview-per-request = (up to { $size } paths each)
form-preview-reading = · reading…
form-group = { $kind }: { $lines ->
    [one] { $lines } line
   *[other] { $lines } lines
}
form-see-all = See all
form-show-more = Show more ({ $count } left)
form-more-like-this = and { $count } more like this
form-fix-refused = Fix or remove the refused lines to send.
form-whole-cache-warning = This flushes the whole cache of { $project } on the CDN and on the resizing servers. The cache then has to rebuild: the first request for every asset is slow until it has.
form-confirm = Type the project's name, { $name }, to confirm
form-shortcut = Ctrl+Enter sends
form-cancel = Cancel
form-sending = Sending…
form-flush-all = Flush the whole cache
form-invalidate = Invalidate
form-recorded = Recorded batch { $batch }: { $paths ->
    [one] { $paths } path
   *[other] { $paths } paths
} in { $requests ->
    [one] { $requests } request
   *[other] { $requests } requests
}. Sending…
form-recorded-whole-cache = Recorded batch { $batch }: the whole cache. Sending…

## What the path reader did to a list, by kind (the domain's `NoticeKind`), as the preview
## heads each group.

notice-kind-rejected = Refused
notice-kind-query-stripped = Query strings removed
notice-kind-fragment-stripped = Fragments removed
notice-kind-host-dropped = Hosts dropped
notice-kind-normalized = Written in one form
notice-kind-v7-dropped = /v7 dropped
notice-kind-v7-added = /v7 added
notice-kind-duplicate = Duplicates sent once

## Why a recorded submission waits (the desktop's `Waiting`).

waiting-keychain = Recorded, and queued: the keychain is not available ({ $problem }), so the key of { $project } cannot be read. It is sent once the keychain answers.
waiting-no-key = Recorded, and queued: { $project } has no API key in the keychain. Add it in Projects and the queue is sent.

## What the window says for a moment (a toast), and its button.

dismiss = Dismiss
settings-restored = The last good copy of the settings was restored; the damaged file is kept beside it.
settings-started-afresh = Started with empty settings; the damaged file is kept beside the new one.
log-exported = Exported { $requests ->
    [one] { $requests } request
   *[other] { $requests } requests
} of { $batches ->
    [one] { $batches } batch
   *[other] { $batches } batches
} to { $path }
retry-recorded = Retry recorded as request #{ $request } (batch { $batch }); sending…
check-batch-nothing-done = Nothing in batch { $batch } is Done yet: its files are checked once it is.
check-batch-done = Batch { $batch }: the files of { $total ->
    [one] { $total } request
   *[other] { $total } requests
} were checked at the CDN.
check-batch-stopped = Batch { $batch }: checking stopped after { $done } of { $total ->
    [one] { $total } request
   *[other] { $total } requests
}.
project-saved = Project saved. Its key is in the system keychain.
project-removed = { $project } removed; its invalidations stay in the log.

## The banners above the log.

settings-damaged = The settings file { $path } cannot be read ({ $cause }). Your saved projects are not shown, and nothing is written to the file until you choose: start with empty settings. The damaged file is kept beside the new one. API keys are safe in the keychain.
settings-damaged-restorable = The settings file { $path } cannot be read ({ $cause }). Your saved projects are not shown, and nothing is written to the file until you choose: restore the last good copy, or start with empty settings. Either way the damaged file is kept beside the new one. API keys are safe in the keychain.
settings-restore = Restore last good copy
settings-start-afresh = Start with empty settings
keychain-unavailable = The system keychain cannot be used ({ $problem }). Projects that need a key wait until it can; the log and the Sandbox keep working.
keychain-try-again = Try again
sandbox = Sandbox
sandbox-banner = { $sandbox }: a simulated Cloudimage API on this computer ({ $base }). Nothing reaches a real CDN. Add your project under { $projects }.
sandbox-banner-projects = Projects
key-missing = { $project } has no API key in the keychain: its invalidations wait in the queue until you add one.
key-missing-add = Add the key
api-base-override = { $variable } is set: every project's requests go to { $base }.

## When the app cannot start: the window shows only this.

startup-title = Invalidator cannot start
startup-copy-path = Copy the path
startup-nothing-changed = Nothing was changed: the file is as it was. This is also written to the log in the data folder, when it can be written.
startup-quit = Quit

## Closing the window with work not sent yet.

close-title = Close Invalidator?
close-unsent = { $count ->
    [one] { $count } invalidation request has not reached the service yet.
   *[other] { $count } invalidation requests have not reached the service yet.
}
close-unsent-kept = { $count ->
    [one] It stays saved on this computer and is sent the next time Invalidator starts, or by the { $command } command.
   *[other] They stay saved on this computer and are sent the next time Invalidator starts, or by the { $command } command.
}
close-at-service = { $count ->
    [one] { $count } other invalidation is still being processed by the service; its status is checked again at the next start.
   *[other] { $count } other invalidations are still being processed by the service; their status is checked again at the next start.
}
close-keep-open = Keep it open
close-anyway = Close anyway

## Small pieces used everywhere.

close = Close
copy = Copy
copied = Copied
countdown = next in { $seconds } s
countdown-now = now
served = { "" }
    .title = What the CDN served when last checked
status-raw = { "" }
    .label = service status { $status }

## See links: one invalidation in full.

details-title = Invalidation #{ $request }
details-failed-again = This invalidation failed again after a retry. If it keeps failing, contact Scaleflex support with the Invalidation IDs below.
details-id = Invalidation ID
    .copy = Copy invalidation ID
details-no-id = none yet: the service has not acknowledged it
details-project = Project
details-scope = Scope
details-submitted = Submitted
details-batch-part = (batch { $batch }, part { $part })
details-received = Received by the service
details-failed-attempts = Failed attempts
details-retry-of = Retry of
details-retried-as = Retried as
details-request = request #{ $request }
details-what-went-wrong = What went wrong: { $problem }
details-last-problem = Last problem: { $problem }
details-served = Served by the CDN
details-checked-at = (checked { $time })
details-checking = Checking…
details-check-now = Check now
details-no-delivery-base = To see whether the new files are served, set this project's delivery base (for example { $example }) in Projects….
details-not-checked = Not checked yet. Check now asks each path at { $base } (no key is sent there).
details-paths = Paths
details-paths-shown = ({ $shown } of { $total } shown)
details-only-failed = { $count ->
    [one] Only the failed one
   *[other] Only the { $count } failed
}
details-path = Path
details-result = Result
details-at-cdn = At the CDN
details-show-more = Show { $count } more
details-history = History
details-loading = Loading…
details-ask-now = Check now
details-duplicate = Duplicate…
details-retrying = Retrying…
details-retry-failed = Retry failed paths
details-retry = Retry

## Projects…

projects-title = Projects
projects-add = + Add a project
projects-add-title = Add a project
projects-edit-title = Edit { $project }
projects-name = Name
projects-key = API key
projects-key-base-changed = The API base changed: type the key again. The saved key ({ $masked }) is only ever sent to the base it was saved with ({ $base }).
projects-key-saved = Saved in the system keychain ({ $masked }). Leave empty to keep it, or type a new one to replace it.
projects-key-new = From the Scaleflex hub: Settings › Access › API keys. It is kept in the system keychain only, and never shown again.
projects-base = API base
projects-base-hint = Leave empty for { $base }.
projects-base-override = { $variable } is set, so requests go to { $base } whatever this says.
projects-v7 = Token created before November 2021
projects-v7-hint = (every path then starts with { $v7 })
projects-batch = Paths per request
projects-batch-hint = 1 to { $max }; the service is known to take { $safe } safely.
projects-delivery = Delivery base
projects-optional = (optional)
projects-delivery-hint = Where the project's files are served, for example { $example }. Once an invalidation is done, each path is asked there to see whether the new file is served. No key is sent there.
projects-check-limit = Check by itself up to
projects-check-limit-hint = paths per batch; bigger batches are checked when you ask (0: only when asked).
projects-test = Test connection
projects-save = Save
projects-tag-sandbox = sandbox
projects-tag-selected = selected
projects-served-at = files served at { $base }
projects-per-request = { $size ->
    [one] { $size } path per request
   *[other] { $size } paths per request
}
projects-v7-paths = /v7 paths
projects-key-state = key:
projects-edit = Edit
projects-remove = Remove
projects-remove-confirm = Remove { $project } and delete its key from the keychain? Its invalidations stay in the log.
    .label = Remove { $project }?
projects-keep = Keep it

## Where a project's key stands (the desktop's `KeyState`).

key-public = public sandbox key
key-saved = saved in the keychain: { $masked }
key-none = no key saved
key-unchecked = checking the keychain…
key-unavailable = keychain unavailable
key-unusable = the saved key cannot be used: { $problem }

## The window's foot.

footer = Invalidator { $version } · data in { $folder }

## Where a line of a list came from (the domain's `Place`), and the lists read from files
## (`ListName`).

place-line = line { $line }
place-argument = argument { $argument }
place-list-line = { $list } line { $line }
list-file = { $path }
list-standard-input = standard input

## What the path reader did to a line, or why it refused it (the domain's `NoticeText`).
## `$item` is the line as written, `$path` as read: both quoted, cut when long.

notice-query-stripped = `{ $query }` removed: the service ignores query strings
notice-fragment-stripped = `{ $fragment }` removed: a fragment never reaches the server
notice-host-dropped = host `{ $host }` dropped; only the path is sent
notice-decoded = `{ $path }` sent as `{ $sent }`: percent-encoded characters are sent decoded, so each path has one form
notice-composed = `{ $path }` written in composed form (NFC): a letter and its accent typed apart are the same path as the accented letter
notice-v7-dropped = `/v7` dropped: this project's token was created after November 2021 and its paths take no /v7
notice-v7-added = `/v7` added to every path: this project's token was created before November 2021
notice-duplicate = `{ $path }` repeats { $first }; it is sent once
notice-no-host = `{ $item }` has no host; paste a path such as /folder/image.jpg
notice-no-path = `{ $item }` has no path after the host
notice-no-path-after-v7 = `{ $item }` has no path after the host and /v7
notice-not-absolute = `{ $item }` does not start with /; write the whole path after the host, as in { $meant }
notice-ends-with-comma = `{ $path }` ends with a comma; remove it (commas separate paths)
notice-star-inside = `{ $path }` has a `*` before its end; `*` may only end a path, as in /folder/*
notice-too-long = the path is { $length } characters long; at most { $most } are accepted
notice-unseen = `{ $item }` holds { $character }, which cannot be seen; delete it and type that part again
notice-dot-segment = `{ $path }` has a `.` or `..` segment, which servers may read as another path; did you mean { $meant }?
notice-empty-segment = `{ $path }` has an empty segment (`//`), which servers may read as another path; did you mean { $meant }?
unseen-named = { $code } { $name }
unseen-tab = { $code } CHARACTER TABULATION (a tab)
unseen-control = { $code }, a control character

## What went wrong, and what to do (the domain's `Problem`). `$cause` is what the system
## said, shown as it came.

problem-no-such-request = no invalidation #{ $request } in the journal
problem-unknown-reference = no invalidation `{ $reference }` in the journal; `invalidator log` lists them
problem-reference-too-short = `{ $reference }` is too short: give a request number or at least 8 characters of an invalidation id
problem-reference-ambiguous = `{ $reference }` fits several invalidations; give more of the id
problem-journal = the journal could not be read or written: { $cause }
problem-project-needs-name = a project needs a name
problem-batch-size = the batch size must be between 1 and { $most } paths per request
problem-delivery-base = the delivery base `{ $base }` { $why }; it looks like https://<token>.cloudimg.io
delivery-base-not-an-address = is not a web address ({ $cause })
delivery-base-scheme = must start with https:// or http://
delivery-base-no-host = names no host
delivery-base-credentials = must not hold a user name or password
delivery-base-query = must not end with `?…` or `#…`
problem-unknown-theme = unknown theme `{ $theme }`; use system, light or dark
problem-settings-damaged = the settings file { $path } cannot be read ({ $cause }); it is left as it is, and nothing is saved to it until you restore the last good copy or start with empty settings (the damaged file is kept beside it)
problem-backup-unreadable = the last good copy { $path } cannot be read either ({ $cause })
problem-settings-unwritable = the settings could not be saved to { $path }: { $cause }; they are as last saved
problem-no-such-project = no saved project `{ $project }`
problem-sandbox-name = `Sandbox` is the built-in project's name; choose another
problem-project-exists = a project named `{ $project }` already exists
problem-new-project-needs-key = a new project needs its API key (Settings › Access › API keys in the hub)
problem-key-stays-with-base = the saved key of `{ $project }` is only ever sent to the API base it was saved with ({ $saved }); to use { $base }, type the key again
problem-sandbox-stays = the built-in Sandbox cannot be removed
problem-key-to-test = type the API key to test it
problem-no-key-to-test = this project has no key in the keychain to test
problem-list-refused = nothing was sent: fix or remove { $lines ->
    [one] this line
   *[other] these lines
} first
problem-no-paths = no paths to invalidate: give at least one path, such as /folder/image.jpg
problem-list-unreadable = cannot read { $list }: { $cause }
problem-list-not-utf8 = { $list } is not UTF-8 text (byte { $byte } on line { $line }); save it as UTF-8 and load it again
problem-list-too-big = { $list } is larger than { $megabytes } MB, the most a list may be; nothing was sent. Split it into smaller lists
problem-list-gone = that pasted or loaded list is no longer kept; paste or load it again
problem-list-changed = the list changed since; its preview is being read again
problem-confirm-whole-cache = type the project's name, { $project }, to confirm flushing its whole cache
problem-nothing-to-retry = request #{ $request } is { $status }: there is nothing to retry
problem-whole-cache-unchecked = invalidation #{ $request } flushed the whole cache: it names no file to check
problem-not-done-yet = invalidation #{ $request } is not done ({ $status }): its files are checked once it is Done
problem-no-delivery-base = project `{ $project }` has no delivery base: set it (for example https://<token>.cloudimg.io) in Projects… of the desktop app, or pass --delivery-base
problem-keychain-unavailable = the system keychain is not available ({ $cause }); unlock it or start its service, then try again
problem-keychain-timed-out = the system keychain did not answer within { $seconds } s; it may be locked: unlock it and try again
problem-keychain-failed = the system keychain failed: { $cause }
problem-file = { $cause }
problem-file-out-of-reach = that file cannot be read from here: { $cause }
problem-export-out-of-reach = the log cannot be saved there: { $cause }
problem-unknown-language = there are no words for the language `{ $language }`; choose one the menu offers
problem-cli-no-saved-projects = no saved project named `{ $name }`: no project is saved in { $folder }
problem-cli-no-such-project = no saved project named `{ $name }`; saved: { $saved }
problem-cli-no-key-in-keychain = the keychain holds no API key for project `{ $project }`
problem-cli-no-key = no API key: set { $variable }, or name a project saved in the desktop app with --project
problem-cli-this-project = --this-project needs --project NAME
problem-cli-scope-all-paths = scope all flushes everything; it takes no paths
problem-cli-scope-all-yes = scope all flushes the whole cache of `{ $project }` on the CDN and the resizing servers; the cache must then rebuild and first requests are slow. Add --yes to confirm
problem-cli-no-paths = no paths given: pass them as arguments or with --from-file
problem-cli-other-project = request #{ $request } belongs to project `{ $project }` ({ $base }); run again with that project's --project name or key
problem-cli-no-saved-delivery-base = invalidation #{ $request } was sent for `{ $project }`, which has no saved delivery base: pass --delivery-base https://<token>.cloudimg.io
problem-unexpected = something went wrong inside the window: { $cause }
problem-api = { $said }
problem-cannot-start = { $start }

## What to do about a kind of error (the domain's `Advice`).

advice-check-key = Check the API key in the Scaleflex hub (Settings › Access › API keys).
advice-role = Only the Developer, Manager, Administrator and Owner roles may invalidate; use a key of such a user.
advice-check-connection = Check the API base and this computer's connection.
advice-check-base = Check the API base: it should be https://api.cloudimage.com.
advice-unlock-keychain = Unlock the system keychain (or start its service), then try again.
advice-key-not-checked = The key could not be checked.

## What the service or the network said (the client's `ApiSaid`). `$message`, `$body` and
## `$location` came from the service.

api-config = { $problem }
api-unauthorized = the service rejected the API key (401): { $message }
api-forbidden = the API key may not invalidate on this project (403): { $message }
api-unknown-id = the service does not know this invalidation (404): { $message }
api-not-the-api = the API base answered 404 without the service's error shape ({ $message }); this does not look like the Cloudimage API
api-redirected = the API base answered { $status } and pointed to { $location }; redirects are not followed, so nothing was sent there. Check the API base
api-redirected-nowhere = the API base answered { $status } and pointed to nowhere; redirects are not followed. Check the API base
api-too-large = the answer was larger than { $kib } KiB and was not read to the end; this does not look like the Cloudimage API. Check the API base
api-rate-limited = the service is rate limiting (429): { $message }
api-server = the service failed ({ $status }): { $message }
api-rejected = the service refused the request ({ $status }): { $message }
api-unreachable = could not reach the service: { $message }
api-connection-broken = the connection broke before the answer arrived: { $message }
api-timeout = the service did not answer within { $seconds } s
api-unreadable = the service sent an answer that could not be read ({ $reason }): { $body }
unreadable-not-json = not the expected JSON: { $cause }
unreadable-no-uuid = the answer carries no uuid
unreadable-no-invalidation = the answer carries no invalidation
unreadable-bad-uuid = its uuid "{ $uuid }" is not an invalidation id (1 to { $most } letters, digits, - or _), so it is not asked about
api-no-key = no API key was given
api-key-empty = the API key is empty
api-key-whitespace = the API key holds whitespace ({ $code }) at character { $position }; paste the key again, exactly as the hub shows it
api-key-unsendable = the API key holds a character that cannot be sent in a header ({ $code }) at character { $position }; paste the key again, exactly as the hub shows it
api-not-an-id = that is not an invalidation id (1 to 64 letters, digits, - or _); nothing was asked
api-base-not-a-url = the API base `{ $base }` is not a URL ({ $cause })
api-base-http = the API base `{ $base }` uses http://; only https:// is allowed outside this computer
api-base-scheme = the API base `{ $base }` uses { $scheme }://; use https://
api-base-query = the API base `{ $base }` must not carry a query or fragment
api-base-no-path = the API base cannot carry a path
api-http-setup = could not set up HTTP: { $cause }

## When the app cannot start (the domain's `StartProblem`): the value says what cannot be
## used, `.advice` what to do.

start-journal-newer = The journal { $path } cannot be used: it was written by a newer version of Invalidator (journal schema { $version }; this version knows up to { $known }).
    .advice = Install the newer version to go on with this journal. To start a new, empty journal with this version instead, move the file elsewhere (keep it: it holds your log and anything still queued).
start-not-a-journal = The journal { $path } cannot be used: it is not an Invalidator journal (it may be damaged, or another kind of file).
    .advice = Quit, move the file elsewhere (keep it: it may hold your log), and start again: a new, empty journal is created.
start-journal-read-only = The journal { $path } cannot be used: it cannot be opened for writing ({ $cause }).
    .advice = Check that you may write the file and its folder, or set INVALIDATOR_DATA_DIR to another folder.
start-journal-unusable = The journal { $path } cannot be used: { $cause }.
    .advice = Check the disk and the file; if it is damaged, move it elsewhere (keep it) and start again.
start-data-folder = The data folder { $path } cannot be used: { $cause }.
    .advice = Check that it can be created and written by you, or set INVALIDATOR_DATA_DIR to another folder.
start-sandbox-jobs = The Sandbox jobs file { $path } cannot be used: { $cause }.
    .advice = Check that you may write it and its folder; if it is damaged, move it elsewhere (the Sandbox then starts with no jobs).

## What holds sending up (the engine's `Holdup`): the journal refuses writes.

holdup-sending = The journal { $path } cannot be written ({ $cause }). Sending is paused until it can; nothing queued is lost. Free some disk space or check the file's permissions.
holdup-answer-kept = The journal { $path } cannot be written ({ $cause }). Sending is paused until it can; nothing queued is lost. Free some disk space or check the file's permissions. The service's answer for request #{ $request } (Invalidation ID { $uuid }) is kept in { $file } and recorded as soon as the journal takes writes, or at the next start.
holdup-answer-unkept = The journal { $path } cannot be written ({ $cause }). Sending is paused until it can; nothing queued is lost. Free some disk space or check the file's permissions. The service's answer for request #{ $request } could not be kept on disk either ({ $error }): its Invalidation ID is { $uuid }. It is recorded as soon as the journal takes writes while this program runs.
holdup-statuses = The journal { $path } cannot be written ({ $cause }): statuses from the service cannot be recorded, and are asked again later. Free some disk space or check the file's permissions.

## The connection test (the desktop's `TestResult`).

test-accepted = The service at { $base } accepted the key: asked about an invalidation that does not exist, it answered “not found”, as it should. Whether this key's role may invalidate shows on the first submission.
test-key-needed = The saved key of { $project } is only ever sent to the API base it was saved with ({ $saved }). To test { $base }, type the key again.
test-not-the-api = { $base } answered “not found” without the service's error message (a web page, say): this does not look like the Cloudimage API, so nothing is known about the key. Check the API base.
test-failed = { $problem }. { $advice }

## The system's file dialogs.

dialog-load-list = Load a list of paths
    .filter = Path lists (one path or URL a line)
dialog-export-log = Export the log

## The command line's own words (`invalidator`).

cli-error = error: { $problem }
cli-cannot-start = error: could not start: { $cause }
cli-hint = hint: { $hint }
cli-hint-env-key = Or set { $variable } for this run.
cli-hint-no-key = set { $variable }, or save the project with its key in the desktop app and pass { $option }
cli-note = note: { $text }
notice-at = { $place }: { $text }
cli-no-such-language = warning: there are no words for the language `{ $language }`; English is used (there are: { $languages })
cli-no-id-yet = (no id yet)
cli-paths = { $count ->
    [one] { $count } path
   *[other] { $count } paths
}
cli-request = Request #{ $request } (batch { $batch }, part { $part })
cli-retry-with = Retry with: { $command }
cli-recorded = Recorded batch { $batch } for { $project }: { $paths ->
    [one] { $paths } path
   *[other] { $paths } paths
} in { $requests ->
    [one] { $requests } request
   *[other] { $requests } requests
}. Sending…
cli-recorded-whole-cache = Recorded batch { $batch } for { $project }: the whole cache. Sending…
cli-retry-recorded = Recorded batch { $batch }, retrying request #{ $request } ({ $status }). Sending…
cli-follow = Follow them until done with: { $command }
cli-stay-queued = { $count ->
    [one] { $count } request stays queued in the journal: it is sent by the next `invalidator watch`, `submit` or `retry` with this key, or by the desktop app.
   *[other] { $count } requests stay queued in the journal: they are sent by the next `invalidator watch`, `submit` or `retry` with this key, or by the desktop app.
}
cli-nothing-in-progress = Nothing in progress.
cli-latest-batch = Latest batch ({ $batch }):
cli-skipping = skipping #{ $request }: it belongs to project `{ $project }`, which needs its own key
cli-all-done = All done.
cli-not-all-well = Finished, not all well: see `{ $status }`, and `{ $retry }` for { $requests }.
cli-progress = { $finished } of { $total } finished · { $seconds }s
cli-progress-offline = { $finished } of { $total } finished · { $seconds }s · waiting for the service to answer
cli-shown-as-recorded = note: shown as last recorded; to ask the service now, run with the key of `{ $project }`
cli-verify-head = Request #{ $request } at { $base }: { $summary }
cli-no-answer = no answer
cli-verify-hint = hint: a copy older than the invalidation is still served; wait a minute and run verify again, or retry the invalidation
cli-log-empty = No invalidations recorded yet (this log lists the ones sent from this computer).
cli-log-batch = Batch { $batch }  { $date }  { $project }  { $scope }
cli-log-batch-app = Batch { $batch }  { $date }  { $project }  { $scope }  (desktop app)
cli-log-more = … and { $hidden } more (failures come first); all { $total } of this batch here: { $counts }
cli-log-older = (older batches not shown; raise --limit)
cli-sandbox =
    Sandbox listening on { $base }
      key:            { $key } (public; { $forbidden } gets 403)
      delivery base:  { $delivery } (for verify; paths with sandbox-stale stay cached)
      jobs kept in:   { $jobs }
      status step:    { $step } ms
      try it:         { $try }
      faults:         { $faults }
    Press Ctrl+C to stop.

## Text an earlier version kept in English, shown as it was written.

as-recorded = { $text }

## A request's history, a line per change (the journal's `HistoryText`). `$problem` is what
## went wrong; `$wait` is in seconds.

history-recorded = Recorded; waiting to be sent
history-recorded-retry = Recorded as a retry of request #{ $request }
history-sending = Sending (attempt { $attempt })
history-interrupted-whole-cache = The process sending it stopped before the answer came. It may have been received, so it is not sent again by itself; Retry sends it
history-interrupted-requeued = The process sending it stopped before the answer came; queued to be sent again
history-put-back = Put back in the queue
history-retrying = Attempt { $attempts } failed: { $problem }; next in { $wait } s
history-retrying-maybe-sent = Attempt { $attempts } got no answer: { $problem }. The service may have received it; sent again in { $wait } s (harmless if it did)
history-gave-up-whole-cache = No answer after it was sent: { $problem }. It may have been received, so it is not sent again by itself: flushing the whole cache twice is costly. Retry sends it
history-gave-up-maybe-received = Gave up after { $attempts ->
    [one] { $attempts } attempt
   *[other] { $attempts } attempts
}: { $problem }. It may have been received
history-gave-up = Gave up after { $attempts ->
    [one] { $attempts } attempt
   *[other] { $attempts } attempts
}: { $problem }
history-failed = { $problem }
history-offline = The service did not answer: { $problem }; waiting for it
history-acknowledged = Acknowledged by the service as { $uuid }
history-acknowledged-saying = Acknowledged by the service as { $uuid } ("{ $message }")
history-acknowledged-late = Acknowledged by the service as { $uuid } (recorded late: the journal could not be written at the time)
history-acknowledged-late-saying = Acknowledged by the service as { $uuid } (recorded late: the journal could not be written at the time) ("{ $message }")
history-late-answer = A late answer to an earlier send: the service acknowledged it as { $uuid }. Another send holds this request now, so nothing else changed
history-done-with-failures = { $failed ->
    [one] { $failed } path failed
   *[other] { $failed } paths failed
}
history-unknown-status = A status this app does not know; still checking
history-foreign-paths = The service also named { $count ->
    [one] { $count } path
   *[other] { $count } paths
} this request did not send ({ $shown }{ $more ->
    [0] {""}
   *[other] {" "}and { $more } more
}); they are not counted as its paths, and a retry or a check does not send them
history-status-capped = The status changed { $most } times; later changes show on the request but are not added to its history
history-no-usable-id = The service's answer named no usable invalidation id, so its status is not asked; check it in the Cloudimage console
history-stalled = Still { $status } a day after it was acknowledged; polling stopped
history-stalled-no-answer = No answer a day after it was acknowledged ({ $problem }); polling stopped
history-gone = The service no longer knows this invalidation (404); polling stopped
problem-interrupted = the process sending it stopped before the answer came
problem-acknowledged-twice = the service acknowledged this send as { $uuid }, the id it already gave request #{ $other }; one id cannot follow two requests, so this one is not followed. It may have been received: check the Cloudimage console, or retry it
problem-status-check-failed = last status check failed: { $said }

## Why a path got its verdict at the CDN (the domain's `VerdictReason`). `$shown` is the
## headers that show it, as the CDN sent them.

reason-answered = the delivery URL answered { $status }
reason-from-origin = { $shown }: this answer came from the origin
reason-no-age = the CDN sent no Age header, so when its copy was fetched is not known
reason-age-not-a-number = the CDN sent `Age: { $age }`, which is not a number of seconds
reason-fetched-after = { $shown }: the CDN fetched this copy { $ago } ago, after the invalidation was seen done
reason-fetched-before = { $shown }: the CDN fetched this copy { $ago } ago, before the invalidation was even sent
reason-fetched-during = { $shown }: the CDN fetched this copy { $ago } ago, while the invalidation ran; whether before or after the flush is not known
reason-folder = a path ending with `*` names every file under it, not one file to ask for
reason-delivery-base-not-a-url = the delivery base `{ $base }` is not a URL ({ $cause })
reason-not-a-path = `{ $path }` is not a path this app would send, so it is not asked for
reason-other-host = `{ $path }` would be asked of another host than the delivery base, so it is not asked
reason-no-answer = no answer from the delivery URL ({ $error })
ago-seconds = { $count } s
ago-minutes = { $count } min
ago-hours = { $count } h
ago-days = { $count ->
    [one] { $count } day
   *[other] { $count } days
}

## A step of a request's history that the service gave no status for: what this app did
## (the domain's `RequestState`).

state-queued = queued
state-sending = sending
state-retrying = retrying
state-send-failed = send failed
state-rejected = rejected
state-acknowledged = acknowledged
state-gone = unknown to the service
state-stalled = stalled

## What the app says on the terminal it was started from, when its window cannot say it.

app-cannot-start = Invalidator cannot start: { $problem }
app-cannot-log = Invalidator cannot write its log in { $folder }: { $cause }
app-no-window = Invalidator could not open its window: { $cause }
