//! The engine: the dispatcher and the poller running side by side over one journal, for the
//! projects whose keys this process holds. The CLI starts one per command that talks to the
//! service; the desktop app starts one for its lifetime.
//!
//! [`dispatch`] sends, [`poll`] follows, and [`state`] is what the two and the journal writer
//! share (none imports another).

pub mod dispatch;
pub mod poll;
mod recording;
mod state;

use std::collections::HashMap;
use std::sync::{Arc, Mutex, RwLock};

use tokio::sync::{Notify, broadcast, mpsc, watch};
use tokio::task::JoinHandle;

use crate::Result;
use crate::journal::{Journal, NewBatch};
use crate::owner::Owner;
pub use state::{Change, EngineConfig, Holdup};
use state::{Shared, writer};

/// A running dispatcher and poller.
pub struct Engine {
    shared: Arc<Shared>,
    stop: watch::Sender<bool>,
    tasks: Mutex<Vec<JoinHandle<()>>>,
}

impl Engine {
    /// Starts sending and polling. Must be called inside a Tokio runtime. Whatever a crash
    /// left queued or half-sent in the journal is picked up at once.
    pub fn start(journal: Journal, owner: Owner, config: EngineConfig) -> Engine {
        // Room for a burst (a batch of thousands changing at once) before a listener lags.
        let (changes, _) = broadcast::channel(16 * 1024);
        let (writes, to_write) = mpsc::unbounded_channel();
        tokio::spawn(writer(journal.clone(), to_write));
        let shared = Arc::new(Shared {
            writes,
            journal,
            owner,
            config,
            endpoints: RwLock::new(HashMap::new()),
            send_wake: Notify::new(),
            poll_wake: Notify::new(),
            changes,
            offline: Mutex::new(HashMap::new()),
            unwritten: Mutex::new(Vec::new()),
            problems: Mutex::new(Default::default()),
        });
        let (stop, stopped) = watch::channel(false);
        let tasks = vec![
            tokio::spawn(dispatch::run(shared.clone(), stopped.clone())),
            tokio::spawn(poll::run(shared.clone(), stopped)),
        ];
        Engine {
            shared,
            stop,
            tasks: Mutex::new(tasks),
        }
    }

    pub fn journal(&self) -> &Journal {
        &self.shared.journal
    }

    /// From now on, send and poll the requests of `project_id` with `client`.
    pub fn set_endpoint(&self, project_id: &str, client: cloudimage::Client) {
        self.shared
            .endpoints
            .write()
            .unwrap()
            .insert(project_id.to_owned(), client);
        self.wake();
    }

    /// Stop sending for `project_id` (its key was removed).
    pub fn remove_endpoint(&self, project_id: &str) {
        self.shared.endpoints.write().unwrap().remove(project_id);
    }

    /// The projects this engine can send for.
    pub fn projects(&self) -> Vec<String> {
        self.shared.projects()
    }

    pub fn subscribe(&self) -> broadcast::Receiver<Change> {
        self.shared.changes.subscribe()
    }

    /// What holds the engine up: the journal refuses writes, so sending is paused (and where
    /// the service's answers are kept meanwhile). Empty when all is well.
    pub fn holdups(&self) -> Vec<Holdup> {
        self.shared
            .problems
            .lock()
            .unwrap()
            .values()
            .cloned()
            .collect()
    }

    /// Records a batch, then wakes the dispatcher. Returns the batch id and its request ids.
    pub async fn submit(&self, batch: NewBatch) -> Result<(i64, Vec<i64>)> {
        let recorded = self.shared.journal(move |j| j.record_batch(&batch)).await?;
        for id in &recorded.1 {
            self.shared.changed(*id);
        }
        self.wake();
        Ok(recorded)
    }

    /// Records a retry of request `id` (see [`crate::retry::retry_batch`]) and sends it.
    pub async fn retry(&self, id: i64, batch_size: usize, origin: &str) -> Result<(i64, Vec<i64>)> {
        // Every path: a retry of failed paths takes all of them, however many.
        let original = self.shared.journal(move |j| j.request_whole(id)).await?;
        let batch = crate::retry::retry_batch(&original, batch_size, origin)?;
        self.submit(batch).await
    }

    /// Polls (and re-tries sends) now instead of at their planned time: all of them, or the
    /// requests in `ids`.
    pub async fn refresh(&self, ids: Option<Vec<i64>>) -> Result<usize> {
        let projects = self.projects();
        let touched = self
            .shared
            .journal(move |j| j.make_due_now(&projects, ids.as_deref()))
            .await?;
        self.wake();
        Ok(touched)
    }

    /// Tells whoever listens that request `request_id` changed outside the engine (its files
    /// were checked at the CDN), as the engine's own writes are told.
    pub fn changed(&self, request_id: i64) {
        self.shared.changed(request_id);
    }

    /// Looks for work now: another process may have queued some, or stopped.
    pub fn wake(&self) {
        self.shared.send_wake.notify_one();
        self.shared.poll_wake.notify_one();
    }

    /// Stops claiming new work, lets what is on the wire finish and be recorded, then stops.
    pub async fn shutdown(&self) {
        let _ = self.stop.send(true);
        let tasks: Vec<JoinHandle<()>> = std::mem::take(&mut *self.tasks.lock().unwrap());
        for task in tasks {
            let _ = task.await;
        }
    }
}
