//! Changes to the journal, told to the UI as a few events rather than one per change: a
//! burst of 1,000 status updates becomes a handful of `journal-changed` events. Changes made
//! by other processes (the CLI) are noticed through SQLite's `data_version`. Batches that end
//! get a desktop notification.

use std::collections::BTreeSet;
use std::sync::Arc;
use std::time::Duration;

use invalidator::desktop::{BatchEnded, Desktop};
use serde::Serialize;
use tauri::{AppHandle, Emitter, Runtime};
use tauri_plugin_notification::NotificationExt;
use tokio::sync::broadcast::error::RecvError;

/// At most one event per this long.
const COALESCE: Duration = Duration::from_millis(250);

pub const JOURNAL_CHANGED: &str = "journal-changed";
pub const PROJECTS_CHANGED: &str = "projects-changed";
pub const CLOSE_REQUESTED: &str = "close-requested";
/// What holds sending or polling up (the journal refuses writes), or `null` once it is over.
pub const ENGINE_PROBLEM: &str = "engine-problem";

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct JournalChanged {
    /// Requests this app changed; empty when only another process wrote.
    pub ids: Vec<i64>,
    /// Another process wrote to the journal: reload what is shown.
    pub external: bool,
}

pub fn forward<R: Runtime>(app: AppHandle<R>, desktop: Arc<Desktop>) {
    tauri::async_runtime::spawn(async move {
        let mut changes = desktop.engine().subscribe();
        let mut version = desktop.journal().data_version().ok();
        let mut tick = tokio::time::interval(COALESCE);
        let mut ids: BTreeSet<i64> = BTreeSet::new();
        let mut external = false;
        let mut problem: Option<String> = None;
        loop {
            tokio::select! {
                change = changes.recv() => match change {
                    Ok(change) => { ids.insert(change.request_id); }
                    // Too many to list: the UI reloads everything anyway.
                    Err(RecvError::Lagged(_)) => external = true,
                    Err(RecvError::Closed) => return,
                },
                _ = tick.tick() => {
                    let current = desktop.problem();
                    if current != problem {
                        problem = current;
                        if let Err(e) = app.emit(ENGINE_PROBLEM, &problem) {
                            tracing::warn!(error = %e, "could not tell the UI about a problem");
                        }
                    }
                    let now = desktop.journal().data_version().ok();
                    if now != version {
                        version = now;
                        external = true;
                    }
                    if ids.is_empty() && !external {
                        continue;
                    }
                    let changed: Vec<i64> = std::mem::take(&mut ids).into_iter().collect();
                    let event = JournalChanged { ids: changed.clone(), external };
                    external = false;
                    if let Err(e) = app.emit(JOURNAL_CHANGED, event) {
                        tracing::warn!(error = %e, "could not tell the UI about changes");
                    }
                    match desktop.ended_batches(&changed) {
                        Ok(ended) => ended.into_iter().for_each(|b| notify(&app, b)),
                        Err(e) => tracing::warn!(error = %e, "could not check for ended batches"),
                    }
                }
            }
        }
    });
}

/// A desktop notification. Without a notification service (a bare session) it fails: that
/// is logged and nothing else.
fn notify<R: Runtime>(app: &AppHandle<R>, ended: BatchEnded) {
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        let shown = tokio::time::timeout(
            Duration::from_secs(5),
            tokio::task::spawn_blocking(move || {
                app.notification()
                    .builder()
                    .title(&ended.title)
                    .body(&ended.body)
                    .show()
            }),
        )
        .await;
        match shown {
            Ok(Ok(Ok(()))) => {}
            Ok(Ok(Err(e))) => tracing::warn!(error = %e, "desktop notification failed"),
            _ => tracing::warn!("desktop notification did not return"),
        }
    });
}
