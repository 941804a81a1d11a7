//! Checks at the CDN: one request at a time (each asks a few delivery URLs at once), started
//! by the window or by the pump for small batches once they are done.

use std::collections::HashMap;

use chrono::Utc;

use invalidator::cdn_check::Check;
use invalidator::{Project, Result};

use crate::{Desktop, blocking};

/// How long after a request is done a window that opens still checks its files by itself. A
/// batch the CLI finished overnight is checked in the morning; the history of a journal
/// opened for the first time by this version is not checked request by request (each stays
/// checkable by hand).
pub const AUTO_CHECK_WITHIN: chrono::TimeDelta = chrono::TimeDelta::hours(24);

impl Desktop {
    /// Checks that the files of request `id` are served fresh at its project's delivery base,
    /// and records what each delivery URL answered.
    pub async fn check_request(&self, id: i64) -> Result<Vec<Check>> {
        let journal = self.journal.clone();
        let request = blocking(move || journal.request(id)).await?;
        let project = self.project(&request.project.id)?;
        let base = invalidator::cdn_check::delivery_base_of(&project)?;
        let _turn = self.checking.lock().await;
        let checks =
            invalidator::cdn_check::check_request(&self.journal, id, &base, &self.delivery).await?;
        self.engine.changed(id);
        Ok(checks)
    }

    /// The requests of batch `batch_id` whose files can be checked now, in order: the window
    /// checks a whole batch by asking [`Desktop::check_request`] for each, showing how far it got.
    pub async fn checkable_requests(&self, batch_id: i64) -> Result<Vec<i64>> {
        let journal = self.journal.clone();
        blocking(move || journal.checkable_requests(batch_id)).await
    }

    /// What the delivery URLs of request `id` answered when last checked.
    pub async fn checks(&self, id: i64) -> Result<Vec<Check>> {
        let journal = self.journal.clone();
        blocking(move || journal.checks(id)).await
    }

    /// The done requests to check by themselves now, claimed for this process (among
    /// `among`, or all): never considered by any process, of a project with a delivery base,
    /// in a batch within the project's check limit (bigger batches are checked when asked),
    /// done within the last [`AUTO_CHECK_WITHIN`]. Each is considered once, by one process.
    pub async fn due_checks(&self, among: Option<&[i64]>) -> Result<Vec<i64>> {
        let (journal, among) = (self.journal.clone(), among.map(<[i64]>::to_vec));
        let unchecked = blocking(move || journal.claim_auto_checks(among.as_deref())).await?;
        let mut projects: HashMap<String, Option<Project>> = HashMap::new();
        let since = Utc::now() - AUTO_CHECK_WITHIN;
        Ok(unchecked
            .into_iter()
            .filter(|candidate| candidate.changed_at >= since)
            .filter(|candidate| {
                let project = projects
                    .entry(candidate.project_id.clone())
                    .or_insert_with(|| self.project(&candidate.project_id).ok());
                project.as_ref().is_some_and(|p| {
                    p.delivery_base.is_some() && candidate.batch_paths <= p.check_limit
                })
            })
            .map(|candidate| candidate.request_id)
            .collect())
    }
}
