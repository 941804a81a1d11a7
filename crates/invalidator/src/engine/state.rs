//! What the dispatcher, the poller and the journal writer share: the journal, this process's
//! identity, the clients by project, wake-ups, change notices, and what holds them up. The
//! engine (`engine.rs`) starts them over one `Shared`; none of them imports another.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

use tokio::sync::{Notify, broadcast, mpsc, oneshot};

use crate::Result;
use crate::journal::{Job, Journal};
use crate::owner::Owner;

/// The most writes grouped into one transaction.
const GROUP_MAX: usize = 512;

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
    /// The pace while work is on: the shortest wait between two rounds, and the first step of
    /// the back-off when the journal refuses writes.
    pub tick: Duration,
    /// With nothing due, how long to sleep before looking again for work that other processes
    /// left (a stopped process's claims): long, so that an idle engine costs nothing. New
    /// work wakes the engine at once (see [`crate::Engine::wake`]).
    pub idle: Duration,
}

impl EngineConfig {
    /// The lease for a sender whose client gives up after `client_timeout`: a whole call and a
    /// minute more, so that a live sender is never overtaken.
    pub fn lease_for(client_timeout: Duration) -> Duration {
        client_timeout + Duration::from_secs(60)
    }
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
            lease: EngineConfig::lease_for(Duration::from_secs(30)),
            tick: Duration::from_secs(1),
            idle: Duration::from_secs(30),
        }
    }
}

/// Something changed in the journal because of this engine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Change {
    pub request_id: i64,
}

pub(crate) struct Shared {
    /// Writes about sends and polls go through here, to be grouped (see [`writer`]).
    pub writes: mpsc::UnboundedSender<QueuedWrite>,
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
    pub problems: Mutex<std::collections::BTreeMap<Part, Holdup>>,
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
    pub fn report(&self, part: Part, problem: Option<Holdup>) {
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

    /// Writes through the journal writer, grouped with whatever else is waiting; returns once
    /// it is committed (or failed).
    pub async fn write(
        &self,
        job: impl FnOnce(&rusqlite::Connection) -> Result<()> + Send + 'static,
    ) -> Result<()> {
        let (done, outcome) = oneshot::channel();
        self.writes
            .send((Box::new(job), done))
            .map_err(|_| crate::Error::Io(std::io::Error::other("the journal writer stopped")))?;
        outcome
            .await
            .map_err(|_| crate::Error::Io(std::io::Error::other("the journal writer stopped")))?
    }

    /// [`Shared::write`] for a write that answers something (what it claimed, say).
    pub async fn write_returning<T: Send + 'static>(
        &self,
        job: impl FnOnce(&rusqlite::Connection) -> Result<T> + Send + 'static,
    ) -> Result<T> {
        let (answer, answered) = oneshot::channel();
        self.write(move |conn| {
            let _ = answer.send(job(conn)?);
            Ok(())
        })
        .await?;
        answered
            .await
            .map_err(|_| crate::Error::Io(std::io::Error::other("the journal writer stopped")))
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

/// A write waiting for the journal writer, with where to say how it went.
pub(crate) type QueuedWrite = (Job, oneshot::Sender<Result<()>>);

/// Writes the journal for the dispatcher and the poller, grouping whatever is waiting into
/// one transaction (one sync to disk) while the previous group is written: each answer is
/// still written before its sender goes on, but a burst of answers costs a few commits, not
/// one each. Ends when the engine is gone.
pub(crate) async fn writer(journal: Journal, mut queue: mpsc::UnboundedReceiver<QueuedWrite>) {
    while let Some(first) = queue.recv().await {
        let mut group = vec![first];
        while group.len() < GROUP_MAX
            && let Ok(more) = queue.try_recv()
        {
            group.push(more);
        }
        let (jobs, replies): (Vec<Job>, Vec<oneshot::Sender<Result<()>>>) =
            group.into_iter().unzip();
        let journal = journal.clone();
        let outcomes = match tokio::task::spawn_blocking(move || journal.write_each(jobs)).await {
            Ok(outcomes) => outcomes,
            Err(e) => (0..replies.len())
                .map(|_| Err(crate::Error::Io(std::io::Error::other(e.to_string()))))
                .collect(),
        };
        for (outcome, reply) in outcomes.into_iter().zip(replies) {
            let _ = reply.send(outcome);
        }
    }
}

/// What holds the engine up, as a catalogue message: the journal `path` refuses writes
/// (`cause`, as the system said).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
#[serde(tag = "id", content = "args")]
pub enum Holdup {
    /// Sending is paused until the journal takes writes.
    #[serde(rename = "holdup-sending")]
    Sending { path: String, cause: String },
    /// An acknowledgement the journal refused is kept in `file` meanwhile.
    #[serde(rename = "holdup-answer-kept")]
    AnswerKept {
        path: String,
        cause: String,
        request: String,
        uuid: String,
        file: String,
    },
    /// An acknowledgement that could not be kept on disk either (`error`): held in memory.
    #[serde(rename = "holdup-answer-unkept")]
    AnswerUnkept {
        path: String,
        cause: String,
        request: String,
        uuid: String,
        error: String,
    },
    /// Statuses cannot be recorded; they are asked again later.
    #[serde(rename = "holdup-statuses")]
    Statuses { path: String, cause: String },
}

crate::said::in_english!(Holdup);
