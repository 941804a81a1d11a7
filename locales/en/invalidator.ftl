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
