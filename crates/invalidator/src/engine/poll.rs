//! The poller: asks the status of every acknowledged, unfinished invalidation, 5 s after its
//! acknowledgement and then doubling to 60 s, until the service gives a terminal status. A
//! 404 ends polling ("unknown to the service"); a day without a terminal status ends it too
//! ("unknown, last seen …"). Refresh makes every poll due at once.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::time::{Duration, Instant};

use cloudimage::Error as ApiError;
use tokio::sync::watch;
use tokio::task::JoinSet;

use super::state::{Holdup, Part, Shared};
use crate::Problem;
use crate::condition::RequestState;
use crate::journal::{self, HistoryText, PollTarget, now_ms};

/// The longest wait before asking again about a request whose answer could not be written.
const HELD_MAX: Duration = Duration::from_secs(300);

pub(crate) async fn run(shared: Arc<Shared>, mut stop: watch::Receiver<bool>) {
    let config = shared.config.clone();
    let mut in_flight: JoinSet<(i64, bool)> = JoinSet::new();
    let mut polling: HashSet<i64> = HashSet::new();
    // Requests whose last answer the journal refused: until when they wait, and how many
    // times in a row it happened. Without this, the unwritten answer leaves them due, and
    // they would be asked again at once, forever.
    let mut held: HashMap<i64, (Instant, u32)> = HashMap::new();
    let mut stopping = false;
    loop {
        if stopping || *stop.borrow() {
            while in_flight.join_next().await.is_some() {}
            return;
        }
        let free = config.max_polls_in_flight.saturating_sub(in_flight.len());
        let projects = shared.projects();
        if free > 0 && !projects.is_empty() {
            let now = Instant::now();
            // Forget holds long past: those requests were finished or dropped meanwhile.
            held.retain(|_, (until, _)| *until + HELD_MAX > now);
            // Ask for enough to fill the free slots even if some due ones are on the wire or
            // held back.
            let limit = free + polling.len() + held.len();
            match shared.journal(move |j| j.due_polls(&projects, limit)).await {
                Ok(targets) => {
                    let fresh: Vec<PollTarget> = targets
                        .into_iter()
                        .filter(|t| !polling.contains(&t.id))
                        .filter(|t| held.get(&t.id).is_none_or(|(until, _)| *until <= now))
                        .take(free)
                        .collect();
                    for target in fresh {
                        polling.insert(target.id);
                        in_flight.spawn(poll_one(shared.clone(), target));
                    }
                }
                Err(e) => tracing::error!(error = %e, "could not read due polls"),
            }
        }
        let sleep = if in_flight.len() >= config.max_polls_in_flight {
            config.tick
        } else {
            // What is on the wire or held back is not waited for: its end wakes the loop.
            let now = Instant::now();
            let waiting: Vec<i64> = polling
                .iter()
                .chain(
                    held.iter()
                        .filter(|(_, (until, _))| *until > now)
                        .map(|(id, _)| id),
                )
                .copied()
                .collect();
            let hold_ends = held
                .values()
                .map(|(until, _)| until.saturating_duration_since(now))
                .filter(|d| !d.is_zero())
                .min();
            let next = until_next_poll(&shared, waiting).await;
            hold_ends.map_or(next, |hold| next.min(hold))
        };
        tokio::select! {
            Some(done) = in_flight.join_next(), if !in_flight.is_empty() => {
                if let Ok((id, recorded)) = done {
                    polling.remove(&id);
                    if recorded {
                        held.remove(&id);
                    } else {
                        let failures = held.get(&id).map_or(0, |(_, n)| *n) + 1;
                        let wait = (config.tick * 2u32.saturating_pow(failures)).min(HELD_MAX);
                        held.insert(id, (Instant::now() + wait, failures));
                    }
                }
            }
            _ = shared.poll_wake.notified() => {}
            _ = tokio::time::sleep(sleep) => {}
            changed = stop.changed() => stopping = changed.is_err() || *stop.borrow(),
        }
    }
}

/// How long until the next poll of a request not in `waiting`; with none, the idle pause.
async fn until_next_poll(shared: &Arc<Shared>, waiting: Vec<i64>) -> Duration {
    let projects = shared.projects();
    let idle = shared.config.idle;
    match shared
        .journal(move |j| j.next_due(&projects, false, &waiting))
        .await
    {
        Ok(Some(due)) => Duration::from_millis((due - now_ms()).max(0) as u64).min(idle),
        _ => idle,
    }
}

/// Asks the status of one request and records it. Returns the request and whether the
/// journal took what came of it.
async fn poll_one(shared: Arc<Shared>, target: PollTarget) -> (i64, bool) {
    let id = target.id;
    let Some(client) = shared.client(&target.project_id) else {
        return (id, true);
    };
    let config = &shared.config;
    if !cloudimage::is_invalidation_id(&target.uuid) {
        // Kept by an older version from an answer that named no real id: never asked about.
        let recorded = shared
            .write(move |conn| {
                journal::record_poll_end(conn, id, RequestState::Stalled, &HistoryText::NoUsableId)
            })
            .await;
        shared.changed(id);
        return (id, recorded.is_ok());
    }
    let answer = client.status(&target.uuid).await;
    let now = now_ms();
    let min = config.poll_min.as_millis() as i64;
    let max = config.poll_max.as_millis() as i64;
    let interval = (target.poll_interval_ms * 2).clamp(min, max);
    let past_deadline = now - target.acknowledged_at_ms >= config.poll_give_up.as_millis() as i64;
    let recorded = match answer {
        Ok(invalidation) if invalidation.status.is_terminal() => {
            tracing::info!(request = id, status = %invalidation.status, "finished");
            shared
                .write(move |conn| journal::record_poll(conn, id, &invalidation, None).map(drop))
                .await
        }
        Ok(invalidation) if past_deadline => {
            let said = HistoryText::Stalled {
                status: invalidation.status.to_string(),
            };
            shared
                .write(move |conn| {
                    journal::record_poll(conn, id, &invalidation, None)?;
                    journal::record_poll_end(conn, id, RequestState::Stalled, &said)
                })
                .await
        }
        Ok(invalidation) => {
            shared
                .write(move |conn| {
                    journal::record_poll(conn, id, &invalidation, Some((now + interval, interval)))
                        .map(drop)
                })
                .await
        }
        // Only the service's own "not found" says the uuid is unknown; some other server's
        // 404 page says nothing about it, and polling goes on.
        Err(ApiError::NotFound {
            from_service: true, ..
        }) => {
            tracing::warn!(request = id, uuid = %target.uuid, "unknown to the service");
            shared
                .write(move |conn| {
                    journal::record_poll_end(conn, id, RequestState::Gone, &HistoryText::Gone)
                })
                .await
        }
        Err(error) if past_deadline => {
            let said = HistoryText::StalledNoAnswer {
                problem: Problem::Api { said: error.said() },
            };
            shared
                .write(move |conn| journal::record_poll_end(conn, id, RequestState::Stalled, &said))
                .await
        }
        Err(error) => {
            tracing::warn!(request = id, kind = %error.kind(), error = %error, "status check failed");
            let kind = error.kind().as_str().to_owned();
            let problem = Problem::StatusCheckFailed { said: error.said() };
            let wait = interval.max(
                error
                    .retry_after()
                    .map(|d| d.as_millis() as i64)
                    .unwrap_or(0)
                    .min(config.retry_after_max.as_millis() as i64),
            );
            shared
                .write(move |conn| {
                    journal::record_poll_error(conn, id, &kind, &problem, now + wait, interval)
                })
                .await
        }
    };
    shared.changed(id);
    match recorded {
        Ok(()) => {
            shared.report(Part::Poller, None);
            (id, true)
        }
        Err(e) => {
            shared.report(
                Part::Poller,
                Some(Holdup::Statuses {
                    path: shared.journal.path().display().to_string(),
                    cause: e.to_string(),
                }),
            );
            (id, false)
        }
    }
}
