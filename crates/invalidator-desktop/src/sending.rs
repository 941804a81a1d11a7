//! Submissions and retries from the window, and polling now.

use invalidator::submission::Plan;
use invalidator::{Error, Problem, Result, ScopeKind};
use serde::Serialize;

use crate::staging::ListSource;
use crate::{Desktop, blocking};

/// A recorded submission.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Submitted {
    pub batch_id: i64,
    pub request_ids: Vec<i64>,
    /// Set when it cannot be sent now, and why (no key, keychain unavailable).
    pub waiting: Option<Waiting>,
}

/// Why a recorded submission waits in the queue: a catalogue message (`locales/`), said by
/// the window. `project` came from the user, `problem` from the keychain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(tag = "id", content = "args")]
pub enum Waiting {
    #[serde(rename = "waiting-keychain")]
    Keychain { project: String, problem: Problem },
    #[serde(rename = "waiting-no-key")]
    NoKey { project: String },
}

impl Desktop {
    /// Records a submission and wakes the dispatcher. Scope `all` needs the project's name
    /// typed as `confirmation`.
    pub async fn submit(
        &self,
        project_id: &str,
        scope: ScopeKind,
        source: &ListSource,
        confirmation: Option<&str>,
    ) -> Result<Submitted> {
        let project = self.project(project_id)?;
        if scope == ScopeKind::All
            && !confirmation.is_some_and(|c| c.trim().eq_ignore_ascii_case(project.name.trim()))
        {
            return Err(Error::BadInput(Problem::ConfirmWholeCache {
                project: project.name.clone(),
            }));
        }
        let text = self.lists.text(source)?;
        let batch_project = project.clone();
        let batch = blocking(move || {
            Plan::new(&batch_project, scope, &text).into_batch(&batch_project, "app")
        })
        .await?;
        let (batch_id, request_ids) = self.engine.submit(batch).await?;
        Ok(Submitted {
            batch_id,
            request_ids,
            waiting: self.waiting_reason(&project),
        })
    }

    /// Retries request `id` (its failed paths, or all), linked to it.
    pub async fn retry(&self, id: i64) -> Result<Submitted> {
        let journal = self.journal.clone();
        let original = blocking(move || journal.request(id)).await?;
        let batch_size = self
            .project(&original.project.id)
            .map(|p| p.batch_size())
            .unwrap_or(invalidator::project::DEFAULT_BATCH_SIZE);
        let (batch_id, request_ids) = self.engine.retry(id, batch_size, "app").await?;
        Ok(Submitted {
            batch_id,
            request_ids,
            waiting: self
                .project(&original.project.id)
                .ok()
                .and_then(|p| self.waiting_reason(&p)),
        })
    }

    /// Polls now: every open invalidation, or those in `ids`.
    pub async fn refresh(&self, ids: Option<Vec<i64>>) -> Result<usize> {
        self.engine.refresh(ids).await
    }
}
