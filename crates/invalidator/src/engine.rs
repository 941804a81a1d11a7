//! The engine: the dispatcher and the poller running side by side over one journal, for the
//! projects whose keys this process holds. The CLI starts one per command that talks to the
//! service; the desktop app starts one for its lifetime.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

use tokio::sync::{Notify, broadcast, watch};
use tokio::task::JoinHandle;

use crate::journal::{Journal, NewBatch};
use crate::owner::Owner;
use crate::{Result, dispatch, poll};

/// How the engine paces itself. The defaults suit the real service.
#[derive(Debug, Clone)]
pub struct EngineConfig {
    /// Requests on the wire at once.
    pub max_in_flight: usize,
    /// Status questions on the wire at once.
    pub max_polls_in_flight: usize,
    /// Sends of one request before it is left as "send failed".
    pub max_attempts: u32,
    /// Back-off between attempts: from `retry_min`, doubling (with jitter), up to `retry_max`.
    pub retry_min: Duration,
    pub retry_max: Duration,
    /// The longest `Retry-After` honoured as given.
    pub retry_after_max: Duration,
    /// While the service does not answer at all, how often to knock: from `offline_min`
    /// doubling to `offline_max`.
    pub offline_min: Duration,
    pub offline_max: Duration,
    /// Polls: `poll_min` after the acknowledgement, doubling to `poll_max`.
    pub poll_min: Duration,
    pub poll_max: Duration,
    /// A request still not finished this long after its acknowledgement is no longer polled.
    pub poll_give_up: Duration,
    /// How long a claim holds. Longer than a whole client call, so that a live sender is
    /// never overtaken.
    pub lease: Duration,
    /// How often to look for work other processes left in the journal.
    pub tick: Duration,
}

impl Default for EngineConfig {
    fn default() -> Self {
        Self {
            max_in_flight: 4,
            max_polls_in_flight: 8,
            max_attempts: 5,
            retry_min: Duration::from_secs(1),
            retry_max: Duration::from_secs(60),
            retry_after_max: Duration::from_secs(3600),
            offline_min: Duration::from_secs(1),
            offline_max: Duration::from_secs(30),
            poll_min: Duration::from_secs(5),
            poll_max: Duration::from_secs(60),
            poll_give_up: Duration::from_secs(24 * 3600),
            // The client's whole-call timeout is 30 s by default.
            lease: Duration::from_secs(90),
            tick: Duration::from_secs(1),
        }
    }
}

/// Something changed in the journal because of this engine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Change {
    pub request_id: i64,
}

pub(crate) struct Shared {
    pub journal: Journal,
    pub owner: Owner,
    pub config: EngineConfig,
    pub endpoints: RwLock<HashMap<String, cloudimage::Client>>,
    pub send_wake: Notify,
    pub poll_wake: Notify,
    pub changes: broadcast::Sender<Change>,
    /// Per project: how many times in a row the service did not answer at all.
    pub offline: Mutex<HashMap<String, u32>>,
    /// Answers the journal refused, written as soon as it takes writes again. While any
    /// waits, nothing new is sent.
    pub unwritten: Mutex<Vec<Unwritten>>,
    /// Why the engine cannot do its whole job now (the journal refuses writes), for the user,
    /// by the part that found it: each part clears its own when it works again.
    pub problems: Mutex<std::collections::BTreeMap<Part, String>>,
}

/// The parts of the engine that report problems.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Part {
    Dispatcher,
    Poller,
}

/// An answer from the service that the journal could not take yet.
#[derive(Debug, Clone)]
pub(crate) enum Unwritten {
    /// The service named the request: it must never be sent again, nor its uuid lost.
    Acknowledged {
        id: i64,
        accepted: cloudimage::Accepted,
        poll_ms: i64,
    },
    /// A send that did not end in a uuid.
    Setback {
        id: i64,
        project: String,
        setback: crate::journal::Setback,
    },
}

impl Shared {
    pub fn projects(&self) -> Vec<String> {
        let mut ids: Vec<String> = self.endpoints.read().unwrap().keys().cloned().collect();
        ids.sort();
        ids
    }

    pub fn client(&self, project_id: &str) -> Option<cloudimage::Client> {
        self.endpoints.read().unwrap().get(project_id).cloned()
    }

    pub fn changed(&self, request_id: i64) {
        // No receiver is fine: nobody is watching.
        let _ = self.changes.send(Change { request_id });
    }

    /// Says what is wrong with `part`, or (`None`) that it works again; logged once per
    /// change.
    pub fn report(&self, part: Part, problem: Option<String>) {
        let mut problems = self.problems.lock().unwrap();
        if problems.get(&part) != problem.as_ref() {
            match problem {
                Some(text) => {
                    tracing::error!(?part, problem = %text, "the engine is held up");
                    problems.insert(part, text);
                }
                None => {
                    tracing::info!(?part, "the journal takes writes again");
                    problems.remove(&part);
                }
            }
        }
    }

    /// Runs a journal call on the blocking pool.
    pub async fn journal<T: Send + 'static>(
        self: &Arc<Self>,
        f: impl FnOnce(&Journal) -> Result<T> + Send + 'static,
    ) -> Result<T> {
        let shared = self.clone();
        tokio::task::spawn_blocking(move || f(&shared.journal))
            .await
            .map_err(|e| crate::Error::Io(std::io::Error::other(e)))?
    }
}

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
        let (changes, _) = broadcast::channel(1024);
        let shared = Arc::new(Shared {
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

    /// What holds the engine up, in words for the user: the journal refuses writes, so sending
    /// is paused (and where the service's answers are kept meanwhile). `None` when all is well.
    pub fn problem(&self) -> Option<String> {
        let problems = self.shared.problems.lock().unwrap();
        (!problems.is_empty()).then(|| problems.values().cloned().collect::<Vec<_>>().join(" "))
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
        let original = self.shared.journal(move |j| j.request(id)).await?;
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

    fn wake(&self) {
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
