//! The poller: asks the status of every acknowledged, unfinished invalidation, 5 s after its
//! acknowledgement and then doubling to 60 s, until the service gives a terminal status. A
//! 404 ends polling ("unknown to the service"); a day without a terminal status ends it too
//! ("unknown, last seen …"). Refresh makes every poll due at once.

use std::collections::HashSet;
use std::sync::Arc;
use std::time::Duration;

use cloudimage::Error as ApiError;
use tokio::sync::watch;
use tokio::task::JoinSet;

use crate::condition::RequestState;
use crate::engine::Shared;
use crate::journal::{PollTarget, now_ms};

pub(crate) async fn run(shared: Arc<Shared>, mut stop: watch::Receiver<bool>) {
    let config = shared.config.clone();
    let mut in_flight: JoinSet<i64> = JoinSet::new();
    let mut polling: HashSet<i64> = HashSet::new();
    let mut stopping = false;
    loop {
        if stopping || *stop.borrow() {
            while let Some(done) = in_flight.join_next().await {
                if let Ok(id) = done {
                    polling.remove(&id);
                }
            }
            return;
        }
        let free = config.max_polls_in_flight.saturating_sub(in_flight.len());
        let projects = shared.projects();
        if free > 0 && !projects.is_empty() {
            // Ask for enough to fill the free slots even if some due ones are on the wire.
            let limit = free + polling.len();
            match shared.journal(move |j| j.due_polls(&projects, limit)).await {
                Ok(targets) => {
                    let fresh: Vec<PollTarget> = targets
                        .into_iter()
                        .filter(|t| !polling.contains(&t.id))
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
            until_next_poll(&shared).await
        };
        tokio::select! {
            Some(done) = in_flight.join_next(), if !in_flight.is_empty() => {
                if let Ok(id) = done {
                    polling.remove(&id);
                }
            }
            _ = shared.poll_wake.notified() => {}
            _ = tokio::time::sleep(sleep) => {}
            changed = stop.changed() => stopping = changed.is_err() || *stop.borrow(),
        }
    }
}

async fn until_next_poll(shared: &Arc<Shared>) -> Duration {
    let projects = shared.projects();
    let tick = shared.config.tick;
    match shared.journal(move |j| j.next_due(&projects, false)).await {
        Ok(Some(due)) => Duration::from_millis((due - now_ms()).max(0) as u64).min(tick),
        _ => tick,
    }
}

async fn poll_one(shared: Arc<Shared>, target: PollTarget) -> i64 {
    let id = target.id;
    let Some(client) = shared.client(&target.project_id) else {
        return id;
    };
    let config = &shared.config;
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
                .journal(move |j| j.record_poll(id, &invalidation, None))
                .await
        }
        Ok(invalidation) if past_deadline => {
            let detail = format!(
                "Still {} a day after it was acknowledged; polling stopped",
                invalidation.status
            );
            shared
                .journal(move |j| {
                    j.record_poll(id, &invalidation, None)?;
                    j.record_poll_end(id, RequestState::Stalled, &detail)
                })
                .await
        }
        Ok(invalidation) => {
            shared
                .journal(move |j| {
                    j.record_poll(id, &invalidation, Some((now + interval, interval)))
                })
                .await
        }
        Err(ApiError::NotFound { .. }) => {
            tracing::warn!(request = id, uuid = %target.uuid, "unknown to the service");
            shared
                .journal(move |j| {
                    j.record_poll_end(
                        id,
                        RequestState::Gone,
                        "The service no longer knows this invalidation (404); polling stopped",
                    )
                })
                .await
        }
        Err(error) if past_deadline => {
            let detail =
                format!("No answer a day after it was acknowledged ({error}); polling stopped");
            shared
                .journal(move |j| j.record_poll_end(id, RequestState::Stalled, &detail))
                .await
        }
        Err(error) => {
            tracing::warn!(request = id, kind = error.kind(), error = %error, "status check failed");
            let kind = error.kind().to_owned();
            let message = format!("Last status check failed: {error}");
            let wait = interval.max(
                error
                    .retry_after()
                    .map(|d| d.as_millis() as i64)
                    .unwrap_or(0)
                    .min(config.retry_after_max.as_millis() as i64),
            );
            shared
                .journal(move |j| j.record_poll_error(id, &kind, &message, now + wait, interval))
                .await
        }
    };
    if let Err(e) = recorded {
        tracing::error!(request = id, error = %e, "could not record a status");
    }
    shared.changed(id);
    id
}
