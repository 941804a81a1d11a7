//! A batch that ended, in words for a desktop notification, each told once by this process.

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

impl Desktop {
    /// Of the batches of the changed requests, those that just ended (each reported once).
    pub async fn ended_batches(&self, changed: &[i64]) -> Result<Vec<BatchEnded>> {
        let (journal, changed) = (self.journal.clone(), changed.to_vec());
        let finished = blocking(move || journal.finished_batches(&changed)).await?;
        let mut reported = self.reported_batches.lock().unwrap();
        Ok(finished
            .into_iter()
            .filter(|batch| reported.insert(batch.batch_id))
            .map(BatchEnded::of)
            .collect())
    }
}
