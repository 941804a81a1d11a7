//! What the domain's update pump (`invalidator_desktop::pump`) tells, forwarded to the window as
//! events, and ended batches as desktop notifications. Nothing is decided here.

use std::sync::Arc;
use std::time::Duration;

use invalidator_desktop::pump::{Update, UpdateConfig};
use invalidator_desktop::{BatchEnded, Desktop};
use serde::Serialize;
use tauri::{AppHandle, Emitter, Runtime};
use tauri_plugin_notification::NotificationExt;

pub const JOURNAL_CHANGED: &str = "journal-changed";
pub const PROJECTS_CHANGED: &str = "projects-changed";
pub const CLOSE_REQUESTED: &str = "close-requested";
/// What holds sending or polling up (the journal refuses writes), or `null` once it is over.
pub const ENGINE_PROBLEM: &str = "engine-problem";
/// A batch ended (each once, whichever process told it): the window says so to a screen
/// reader, politely, as the desktop notification says it to everyone.
pub const BATCH_ENDED: &str = "batch-ended";

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct JournalChanged {
    /// Requests this app changed: the window reads these again.
    pub ids: Vec<i64>,
    /// Another process wrote to the journal: reload what is shown.
    pub external: bool,
}

pub fn forward<R: Runtime>(app: AppHandle<R>, desktop: Arc<Desktop>) {
    tauri::async_runtime::spawn(async move {
        // Started from inside the runtime: the pump is a task of its own.
        let mut updates = desktop.updates(UpdateConfig::default());
        while let Some(update) = updates.recv().await {
            let emitted = match update {
                Update::JournalChanged { ids, external } => {
                    app.emit(JOURNAL_CHANGED, JournalChanged { ids, external })
                }
                Update::Holdups { holdups } => app.emit(ENGINE_PROBLEM, holdups),
                Update::BatchEnded(ended) => {
                    let told = app.emit(BATCH_ENDED, &ended);
                    notify(&app, ended);
                    told
                }
            };
            if let Err(e) = emitted {
                tracing::warn!(error = %e, "could not tell the window");
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
                let words = crate::ui_state::words(&app);
                app.notification()
                    .builder()
                    .title(words.say(&ended.news))
                    .body(words.say_attribute(&ended.news, "body"))
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
