//! A batch that ended, in words for a desktop notification: each told once, by whichever
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
    pub title: String,
    pub body: String,
}

impl BatchEnded {
    /// A finished batch in words for a notification.
    fn of(batch: invalidator::journal::FinishedBatch) -> BatchEnded {
        let invalidator::journal::FinishedBatch {
            batch_id,
            project_name,
            whole_cache,
            requests,
            done,
            paths,
        } = batch;
        let what = if whole_cache {
            "the whole cache".to_owned()
        } else {
            format!("{paths} path{}", if paths == 1 { "" } else { "s" })
        };
        let (title, body) = if done == requests {
            (
                "Invalidation done".to_owned(),
                format!("{project_name}: {what} flushed (batch {batch_id})."),
            )
        } else {
            (
                "Invalidation finished with problems".to_owned(),
                format!(
                    "{project_name}: {} of {requests} request(s) did not end Done (batch \
                     {batch_id}). Open the log to retry.",
                    requests - done
                ),
            )
        };
        BatchEnded {
            batch_id,
            project_name,
            requests,
            done,
            title,
            body,
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
        let with_problems = ended.iter().filter(|b| b.done < b.requests).count();
        let body = match with_problems {
            0 => "All of them done. Open the log to see them.".to_owned(),
            n => format!(
                "{} done, {n} with problems. Open the log to retry.",
                ended.len() - n
            ),
        };
        BatchEnded {
            batch_id: ended.iter().map(|b| b.batch_id).max().unwrap_or_default(),
            project_name: String::new(),
            requests,
            done,
            title: format!("{} invalidations ended", ended.len()),
            body,
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
