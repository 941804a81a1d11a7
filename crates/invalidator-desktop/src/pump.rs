//! What a window needs to hear about, as few messages as will do: which requests changed (a
//! burst of a thousand changes is a handful of messages, each with the ids), that another
//! process wrote to the journal, that a batch ended, and what holds the engine up. The
//! desktop shell only forwards these; this module decides them, and is tested without a
//! window. It also starts the check that the fresh files are served when a small batch is
//! done (see `checks.rs`). A batch's end and its check are claimed in the journal, so each
//! happens once whoever follows the batch, and what ended while no window was open is told
//! (together, when there are many) and checked as the pump starts.
//!
//! While nothing happens, the pump costs one cheap query every `external_check` (SQLite's
//! `data_version`, which moves only when another connection commits) and nothing else.

use std::collections::BTreeSet;
use std::sync::Arc;
use std::time::Duration;

use invalidator::engine::Holdup;
use serde::Serialize;
use tokio::sync::broadcast::error::RecvError;
use tokio::sync::mpsc;
use tokio::time::{Instant, MissedTickBehavior};

use crate::Desktop;
use crate::batch_end::{BatchEnded, TOLD_APART};

/// How the pump paces itself.
#[derive(Debug, Clone, Copy)]
pub struct UpdateConfig {
    /// Changes within this long of the first are told together.
    pub coalesce: Duration,
    /// How often to look for another process's writes (and the engine's problems).
    pub external_check: Duration,
}

impl Default for UpdateConfig {
    fn default() -> Self {
        UpdateConfig {
            coalesce: Duration::from_millis(250),
            external_check: Duration::from_secs(2),
        }
    }
}

/// One message for the window.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", tag = "type")]
pub enum Update {
    /// Requests this process changed; `external`: another process wrote to the journal too,
    /// so what is shown may have changed anywhere.
    JournalChanged { ids: Vec<i64>, external: bool },
    /// A batch ended (each once), for a desktop notification.
    BatchEnded(BatchEnded),
    /// What holds the engine up now; empty once nothing does.
    Holdups { holdups: Vec<Holdup> },
}

/// Starts the pump over `desktop`. It ends when the receiver is dropped or the engine stops.
pub fn start(desktop: Arc<Desktop>, config: UpdateConfig) -> mpsc::UnboundedReceiver<Update> {
    let (out, updates) = mpsc::unbounded_channel();
    tokio::spawn(pump(desktop, config, out));
    updates
}

async fn pump(desktop: Arc<Desktop>, config: UpdateConfig, out: mpsc::UnboundedSender<Update>) {
    let mut changes = desktop.engine().subscribe();
    let journal = desktop.journal().clone();
    let mut version = journal.data_version().ok();
    let mut check = tokio::time::interval(config.external_check);
    check.set_missed_tick_behavior(MissedTickBehavior::Delay);
    let mut ids: BTreeSet<i64> = BTreeSet::new();
    let mut external = false;
    let mut holdups: Vec<Holdup> = Vec::new();
    // When the changes gathered so far are told.
    let mut flush_at: Option<Instant> = None;
    // What ended while no window followed it (the CLI did, or nobody): told, and checked, now.
    if !tell_endings(&desktop, &out, None).await {
        return;
    }
    loop {
        tokio::select! {
            change = changes.recv() => {
                match change {
                    Ok(change) => {
                        ids.insert(change.request_id);
                    }
                    // Too many to list: the window reloads what it shows.
                    Err(RecvError::Lagged(_)) => external = true,
                    Err(RecvError::Closed) => return,
                }
                flush_at.get_or_insert_with(|| Instant::now() + config.coalesce);
            }
            _ = check.tick() => {
                let now = journal.data_version().ok();
                if now != version {
                    version = now;
                    external = true;
                    // Another process wrote: it may have queued work this one sends.
                    desktop.engine().wake();
                    flush_at.get_or_insert_with(Instant::now);
                }
                let current = desktop.holdups();
                if current != holdups {
                    holdups = current;
                    if out.send(Update::Holdups { holdups: holdups.clone() }).is_err() {
                        return;
                    }
                }
            }
            _ = sleep_until(flush_at), if flush_at.is_some() => {
                flush_at = None;
                let changed: Vec<i64> = std::mem::take(&mut ids).into_iter().collect();
                let told = Update::JournalChanged { ids: changed.clone(), external };
                let was_external = std::mem::take(&mut external);
                if out.send(told).is_err() {
                    return;
                }
                // After another process wrote, a batch may have ended anywhere.
                let among = (!was_external).then_some(changed.as_slice());
                if !tell_endings(&desktop, &out, among).await {
                    return;
                }
            }
        }
    }
}

/// Tells the batches that ended and starts the checks that are due, among the `among`
/// requests or anywhere in the journal: each claimed in the journal, so told and checked once
/// whichever process sees it first. Returns `false` once nobody listens.
async fn tell_endings(
    desktop: &Arc<Desktop>,
    out: &mpsc::UnboundedSender<Update>,
    among: Option<&[i64]>,
) -> bool {
    match desktop.ended_batches(among).await {
        Ok(ended) if ended.len() > TOLD_APART => {
            if out
                .send(Update::BatchEnded(BatchEnded::together(&ended)))
                .is_err()
            {
                return false;
            }
        }
        Ok(ended) => {
            for batch in ended {
                if out.send(Update::BatchEnded(batch)).is_err() {
                    return false;
                }
            }
        }
        Err(e) => tracing::warn!(error = %e, "could not look for ended batches"),
    }
    match desktop.due_checks(among).await {
        Ok(due) if !due.is_empty() => {
            tokio::spawn(check_files(desktop.clone(), due));
        }
        Ok(_) => {}
        Err(e) => tracing::warn!(error = %e, "could not look for files to check"),
    }
    true
}

/// Checks that the files of the requests `due` are served fresh, one request after the other
/// (each recorded check is told as a change, like the engine's writes).
async fn check_files(desktop: Arc<Desktop>, due: Vec<i64>) {
    for id in due {
        if let Err(e) = desktop.check_request(id).await {
            tracing::warn!(request = id, error = %e, "could not check the files served");
        }
    }
}

async fn sleep_until(at: Option<Instant>) {
    match at {
        Some(at) => tokio::time::sleep_until(at).await,
        None => std::future::pending().await,
    }
}

impl Desktop {
    /// What the window needs to hear about, coalesced (see [`crate::pump`]).
    pub fn updates(
        self: &Arc<Self>,
        config: crate::pump::UpdateConfig,
    ) -> tokio::sync::mpsc::UnboundedReceiver<crate::pump::Update> {
        crate::pump::start(self.clone(), config)
    }
}
