//! A batch that ended, as news for a desktop notification: each told once, by whichever
//! process claims it in the journal first; many that ended while no window was open, told
//! together.

use invalidator::Result;
use serde::Serialize;

use crate::{Desktop, blocking};

/// A batch that just ended, for a desktop notification.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct BatchEnded {
    pub batch_id: i64,
    pub project_name: String,
    pub requests: usize,
    pub done: usize,
    /// What to say: the message's value is the notification's title, its `.body` the rest.
    pub news: BatchNews,
}

/// What a notification says of batches that ended: a catalogue message (`locales/`), said by
/// the shell in the user's language. `project` came from the user; `batch` is a name, not a
/// quantity (no digits grouped).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(tag = "id", content = "args")]
pub enum BatchNews {
    #[serde(rename = "batch-done")]
    Done {
        project: String,
        paths: usize,
        batch: String,
    },
    #[serde(rename = "batch-done-whole-cache")]
    DoneWholeCache { project: String, batch: String },
    /// `failed` requests of `requests` did not end Done.
    #[serde(rename = "batch-with-problems")]
    WithProblems {
        project: String,
        failed: usize,
        requests: usize,
        batch: String,
    },
    /// Several batches told together; `problems` of them did not end Done.
    #[serde(rename = "batches-ended")]
    Together {
        batches: usize,
        done: usize,
        problems: usize,
    },
}

impl BatchEnded {
    /// A finished batch, as a notification tells it.
    fn of(batch: invalidator::journal::FinishedBatch) -> BatchEnded {
        let invalidator::journal::FinishedBatch {
            batch_id,
            project_name,
            whole_cache,
            requests,
            done,
            paths,
        } = batch;
        let project = project_name.clone();
        let news = if done < requests {
            BatchNews::WithProblems {
                project,
                failed: requests - done,
                requests,
                batch: batch_id.to_string(),
            }
        } else if whole_cache {
            BatchNews::DoneWholeCache {
                project,
                batch: batch_id.to_string(),
            }
        } else {
            BatchNews::Done {
                project,
                paths,
                batch: batch_id.to_string(),
            }
        };
        BatchEnded {
            batch_id,
            project_name,
            requests,
            done,
            news,
        }
    }
}

/// More batches than this ended at once (while no window was open, or followed by another
/// process) are told in one notification.
pub const TOLD_APART: usize = 3;

impl BatchEnded {
    /// Several ended batches in one notification. `batch_id` is the newest.
    pub fn together(ended: &[BatchEnded]) -> BatchEnded {
        let requests = ended.iter().map(|b| b.requests).sum();
        let done = ended.iter().map(|b| b.done).sum();
        let problems = ended.iter().filter(|b| b.done < b.requests).count();
        BatchEnded {
            batch_id: ended.iter().map(|b| b.batch_id).max().unwrap_or_default(),
            project_name: String::new(),
            requests,
            done,
            news: BatchNews::Together {
                batches: ended.len(),
                done: ended.len() - problems,
                problems,
            },
        }
    }
}

impl Desktop {
    /// The batches that ended and nobody announced yet, claimed for this process: among the
    /// batches of the `among` requests, or all (`None`). Each is told once, by one process.
    pub async fn ended_batches(&self, among: Option<&[i64]>) -> Result<Vec<BatchEnded>> {
        let (journal, among) = (self.journal.clone(), among.map(<[i64]>::to_vec));
        let ended = blocking(move || journal.claim_ended_batches(among.as_deref())).await?;
        Ok(ended.into_iter().map(BatchEnded::of).collect())
    }
}
