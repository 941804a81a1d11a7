//! The dispatcher: drains the journal's queue with bounded concurrency.
//!
//! Each round it puts back what dead processes left half-sent, claims as many due requests as
//! it has free slots (only for projects whose key it holds), and sends each one. Every answer
//! is written to the journal before the slot is reused, so the journal always says where each
//! request stands.

use std::sync::Arc;
use std::time::{Duration, Instant};

use backon::BackoffBuilder;
use cloudimage::Error as ApiError;
use tokio::sync::watch;
use tokio::task::JoinSet;

use crate::engine::{EngineConfig, Shared};
use crate::journal::{Claimed, Setback, now_ms};

pub(crate) async fn run(shared: Arc<Shared>, mut stop: watch::Receiver<bool>) {
    let config = shared.config.clone();
    let lease_ms = config.lease.as_millis() as i64;
    let mut in_flight: JoinSet<()> = JoinSet::new();
    let mut last_orphan_check: Option<Instant> = None;
    let mut stopping = false;
    loop {
        if !stopping {
            if last_orphan_check.is_none_or(|at| at.elapsed() >= config.tick) {
                last_orphan_check = Some(Instant::now());
                let me = shared.owner.id().to_owned();
                let s = shared.clone();
                match shared
                    .journal(move |j| j.requeue_orphans(&me, |o| s.owner.is_alive(o), lease_ms))
                    .await
                {
                    Ok(0) => {}
                    Ok(n) => tracing::info!(requests = n, "requeued requests of a stopped process"),
                    Err(e) => tracing::error!(error = %e, "could not look for orphaned requests"),
                }
            }
            let free = config.max_in_flight.saturating_sub(in_flight.len());
            let projects = shared.projects();
            if free > 0 && !projects.is_empty() {
                let me = shared.owner.id().to_owned();
                match shared
                    .journal(move |j| j.claim_sends(&me, &projects, free, lease_ms))
                    .await
                {
                    Ok(claimed) => {
                        for request in claimed {
                            shared.changed(request.id);
                            in_flight.spawn(send(shared.clone(), request));
                        }
                    }
                    Err(e) => tracing::error!(error = %e, "could not claim queued requests"),
                }
            }
        }
        if stopping && in_flight.is_empty() {
            return;
        }
        let full = in_flight.len() >= config.max_in_flight;
        let sleep = if full || stopping {
            config.tick
        } else {
            until_next_send(&shared).await
        };
        tokio::select! {
            Some(_) = in_flight.join_next(), if !in_flight.is_empty() => {}
            _ = shared.send_wake.notified(), if !stopping => {}
            _ = tokio::time::sleep(sleep) => {}
            changed = stop.changed(), if !stopping => {
                if changed.is_err() || *stop.borrow() {
                    stopping = true;
                }
            }
        }
    }
}

/// How long until the next planned send, at most one tick (other processes add work too).
async fn until_next_send(shared: &Arc<Shared>) -> Duration {
    let projects = shared.projects();
    let tick = shared.config.tick;
    match shared.journal(move |j| j.next_due(&projects, true)).await {
        Ok(Some(due)) => Duration::from_millis((due - now_ms()).max(0) as u64).min(tick),
        _ => tick,
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
            let recorded = shared
                .journal(move |j| j.record_acknowledged(id, &accepted, now_ms() + poll_ms, poll_ms))
                .await;
            if let Err(e) = recorded {
                tracing::error!(request = id, error = %e, "could not record an acknowledgement");
            }
            shared.changed(id);
            back_online(&shared, &project).await;
        }
        Err(error) => {
            let setback = setback_for(&shared, &project, &request, &error);
            tracing::warn!(request = id, kind = error.kind(), error = %error, "send failed");
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
            message: error.to_string(),
        };
    }
    if !error.is_retryable() {
        return Setback::Rejected {
            kind: error.kind().to_owned(),
            message: error.to_string(),
        };
    }
    let attempts = request.attempts + 1;
    if attempts >= config.max_attempts {
        return Setback::GiveUp {
            attempts,
            kind: error.kind().to_owned(),
            message: error.to_string(),
        };
    }
    Setback::Retry {
        attempts,
        due_ms: now_ms() + retry_delay(config, attempts, error.retry_after()).as_millis() as i64,
        kind: error.kind().to_owned(),
        message: error.to_string(),
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

async fn record(shared: &Arc<Shared>, id: i64, project: &str, setback: Setback) {
    let p = project.to_owned();
    if let Err(e) = shared
        .journal(move |j| j.record_setback(id, &p, &setback))
        .await
    {
        tracing::error!(request = id, error = %e, "could not record a failed send");
    }
    shared.changed(id);
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
