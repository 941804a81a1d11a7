//! The dispatcher: drains the journal's queue with bounded concurrency.
//!
//! Each round it puts back what dead processes left half-sent, claims as many due requests as
//! it has free slots (only for projects whose key it holds), and sends each one. Every answer
//! is written to the journal before the slot is reused, so the journal always says where each
//! request stands.
//!
//! How an answer is written, and kept when the journal refuses it, is `recording.rs`.

use std::collections::VecDeque;
use std::sync::Arc;
use std::time::{Duration, Instant};

use backon::BackoffBuilder;
use cloudimage::Error as ApiError;
use tokio::sync::watch;
use tokio::task::{JoinHandle, JoinSet};

use super::recording::{journal_problem, record, write_or_keep, write_unwritten};
use super::state::{EngineConfig, Part, Shared, Unwritten};
use crate::journal::{self, Claimed, Setback, now_ms};

pub(crate) async fn run(shared: Arc<Shared>, mut stop: watch::Receiver<bool>) {
    let config = shared.config.clone();
    let lease_ms = config.lease.as_millis() as i64;
    let mut in_flight: JoinSet<()> = JoinSet::new();
    // Claimed ahead (recorded as `sending` under this process), waiting for a free slot: a
    // slot that frees starts its next send at once instead of waiting for a claim's commit.
    let mut ready: VecDeque<Claimed> = VecDeque::new();
    let mut claiming: Option<JoinHandle<crate::Result<Vec<Claimed>>>> = None;
    // The last claim found nothing due: claim again when woken, or when the next send is due.
    let mut quiet = false;
    let mut last_orphan_check: Option<Instant> = None;
    let mut stopping = false;
    // Journal failures in a row: each round waits longer, instead of knocking every tick.
    let mut failures: u32 = 0;
    loop {
        let held_up = !write_unwritten(&shared).await;
        if held_up {
            failures += 1;
        }
        if !stopping && !held_up {
            if last_orphan_check.is_none_or(|at| at.elapsed() >= config.idle) {
                last_orphan_check = Some(Instant::now());
                let me = shared.owner.id().to_owned();
                let s = shared.clone();
                match shared
                    .journal(move |j| j.requeue_orphans(&me, |o| s.owner.is_alive(o), lease_ms))
                    .await
                {
                    Ok(0) => {}
                    Ok(n) => tracing::info!(requests = n, "requeued requests of a stopped process"),
                    Err(e) => {
                        failures += 1;
                        shared.report(Part::Dispatcher, Some(journal_problem(&shared, &e)));
                    }
                }
            }
            while in_flight.len() < config.max_in_flight
                && let Some(request) = ready.pop_front()
            {
                in_flight.spawn(send(shared.clone(), request));
            }
            // Keep as many claimed ahead as can be on the wire.
            let wanted = (2 * config.max_in_flight).saturating_sub(in_flight.len() + ready.len());
            let projects = shared.projects();
            if claiming.is_none() && !quiet && wanted > 0 && !projects.is_empty() {
                let me = shared.owner.id().to_owned();
                let s = shared.clone();
                // Through the writer: a claim shares its commit with the answers being written.
                claiming = Some(tokio::spawn(async move {
                    s.write_returning(move |conn| {
                        journal::claim_sends(conn, &me, &projects, wanted, lease_ms)
                    })
                    .await
                }));
            }
        }
        if stopping && in_flight.is_empty() && claiming.is_none() {
            release(&shared, ready.drain(..).collect()).await;
            return;
        }
        let sleep = if failures > 0 {
            exponential(config.tick, Duration::from_secs(60), failures, false)
        } else if quiet && !stopping {
            until_next_send(&shared).await
        } else {
            // Waiting on a send or a claim, which wake the loop when they end.
            config.idle
        };
        tokio::select! {
            Some(_) = in_flight.join_next(), if !in_flight.is_empty() => {
                // Every send that has ended frees its slot.
                while in_flight.try_join_next().is_some() {}
            }
            claimed = async { claiming.as_mut().expect("claiming").await }, if claiming.is_some() => {
                claiming = None;
                match claimed.map_err(|e| crate::Error::Io(std::io::Error::other(e))).and_then(|c| c) {
                    Ok(claimed) => {
                        failures = 0;
                        shared.report(Part::Dispatcher, None);
                        for request in &claimed {
                            shared.changed(request.id);
                        }
                        quiet = claimed.is_empty();
                        ready.extend(claimed);
                    }
                    Err(e) => {
                        failures += 1;
                        shared.report(Part::Dispatcher, Some(journal_problem(&shared, &e)));
                    }
                }
            }
            _ = shared.send_wake.notified(), if !stopping => quiet = false,
            _ = tokio::time::sleep(sleep) => quiet = false,
            changed = stop.changed(), if !stopping => {
                if changed.is_err() || *stop.borrow() {
                    stopping = true;
                }
            }
        }
    }
}

/// Puts back in the queue what was claimed ahead and never sent (the engine is stopping).
async fn release(shared: &Arc<Shared>, unsent: Vec<Claimed>) {
    for request in unsent {
        let project = request.project_id.clone();
        record(shared, request.id, &project, Setback::Release).await;
    }
}

/// How long until the next planned send; with none, the idle pause (new work wakes the
/// dispatcher before that).
async fn until_next_send(shared: &Arc<Shared>) -> Duration {
    let projects = shared.projects();
    let idle = shared.config.idle;
    match shared
        .journal(move |j| j.next_due(&projects, true, &[]))
        .await
    {
        Ok(Some(due)) => Duration::from_millis((due - now_ms()).max(0) as u64).min(idle),
        _ => idle,
    }
}

/// Sends one claimed request and records what came of it.
async fn send(shared: Arc<Shared>, request: Claimed) {
    let id = request.id;
    let project = request.project_id.clone();
    let Some(client) = shared.client(&project) else {
        record(&shared, id, &project, Setback::Release).await;
        return;
    };
    let result = client.submit(&request.scope).await;
    let config = &shared.config;
    match result {
        Ok(accepted) => {
            tracing::info!(request = id, uuid = %accepted.uuid, owner = shared.owner.id(), "acknowledged");
            let poll_ms = config.poll_min.as_millis() as i64;
            write_or_keep(
                &shared,
                Unwritten::Acknowledged {
                    id,
                    accepted,
                    poll_ms,
                },
            )
            .await;
            // The poller may be asleep with nothing to follow: now there is.
            shared.poll_wake.notify_one();
            back_online(&shared, &project).await;
        }
        Err(error) => {
            let setback = setback_for(&shared, &project, &request, &error);
            tracing::warn!(request = id, kind = %error.kind(), error = %error, "send failed");
            if !error.is_offline() {
                back_online(&shared, &project).await;
            }
            record(&shared, id, &project, setback).await;
        }
    }
}

/// What a failed send means for the request.
fn setback_for(shared: &Shared, project: &str, request: &Claimed, error: &ApiError) -> Setback {
    let config = &shared.config;
    let problem = || crate::Problem::Api { said: error.said() };
    if error.is_offline() {
        let misses = {
            let mut offline = shared.offline.lock().unwrap();
            let misses = offline.entry(project.to_owned()).or_insert(0);
            *misses += 1;
            *misses
        };
        let wait = exponential(config.offline_min, config.offline_max, misses, false);
        return Setback::Offline {
            due_ms: now_ms() + wait.as_millis() as i64,
            problem: problem(),
        };
    }
    if !error.is_retryable() {
        return Setback::Rejected {
            kind: error.kind().as_str().to_owned(),
            problem: problem(),
        };
    }
    let attempts = request.attempts + 1;
    let maybe_sent = error.may_have_acted();
    // Sending paths twice is harmless; flushing the whole cache twice is not: after an
    // answer that may have been lost, whether to send `all` again is the user's call.
    let whole_cache = matches!(request.scope, cloudimage::Scope::All);
    if attempts >= config.max_attempts || (maybe_sent && whole_cache) {
        return Setback::GiveUp {
            attempts,
            kind: error.kind().as_str().to_owned(),
            problem: problem(),
            maybe_sent,
        };
    }
    Setback::Retry {
        attempts,
        due_ms: now_ms() + retry_delay(config, attempts, error.retry_after()).as_millis() as i64,
        kind: error.kind().as_str().to_owned(),
        problem: problem(),
        maybe_sent,
    }
}

/// The pause before attempt `attempts + 1`: back-off with jitter, or what the service asked
/// for in `Retry-After` if that is longer (up to a bound).
pub(crate) fn retry_delay(
    config: &EngineConfig,
    attempts: u32,
    retry_after: Option<Duration>,
) -> Duration {
    let backoff = exponential(config.retry_min, config.retry_max, attempts, true);
    match retry_after {
        Some(asked) => backoff.max(asked.min(config.retry_after_max)),
        None => backoff,
    }
}

/// The `n`-th delay (from 1) of a doubling series between `min` and `max`.
fn exponential(min: Duration, max: Duration, n: u32, jitter: bool) -> Duration {
    let mut builder = backon::ExponentialBuilder::default()
        .with_min_delay(min)
        .with_max_delay(max)
        .with_factor(2.0)
        .without_max_times();
    if jitter {
        builder = builder.with_jitter();
    }
    builder
        .build()
        .nth(n.saturating_sub(1) as usize)
        .unwrap_or(max)
        .min(max)
}

/// The service answered (anything at all): requests held back for being offline go now.
async fn back_online(shared: &Arc<Shared>, project: &str) {
    let was_offline = shared.offline.lock().unwrap().remove(project).is_some();
    if was_offline {
        let p = project.to_owned();
        match shared.journal(move |j| j.resume_project(&p)).await {
            Ok(n) => tracing::info!(project, requests = n, "the service answers again"),
            Err(e) => tracing::error!(error = %e, "could not resume the queue"),
        }
        shared.send_wake.notify_one();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delays_double_up_to_the_bound_and_honour_retry_after() {
        let s = Duration::from_secs;
        assert_eq!(exponential(s(5), s(60), 1, false), s(5));
        assert_eq!(exponential(s(5), s(60), 2, false), s(10));
        assert_eq!(exponential(s(5), s(60), 4, false), s(40));
        assert_eq!(exponential(s(5), s(60), 5, false), s(60));
        assert_eq!(exponential(s(5), s(60), 50, false), s(60));
        let config = EngineConfig::default();
        let jittered = retry_delay(&config, 2, None);
        assert!(jittered >= s(2) && jittered <= s(60), "{jittered:?}");
        assert!(retry_delay(&config, 1, Some(s(30))) >= s(30));
        assert_eq!(retry_delay(&config, 1, Some(s(99_999))), s(3600));
    }
}
