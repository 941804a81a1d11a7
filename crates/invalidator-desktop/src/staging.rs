//! Path lists too big to pass around: a list pasted or loaded from a file is kept here once,
//! under an id, and the form's preview and the submission name it by that id. The window then
//! never holds 100,000 lines in its DOM, and they cross the IPC once.

use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use invalidator::submission::{Plan, PlanSummary};
use invalidator::{Error, Problem, Result, ScopeKind};
use serde::{Deserialize, Serialize};

use crate::{Desktop, blocking};

/// Lists kept at once: the form's current one, and a few it just replaced.
const KEPT: usize = 4;

/// Where the form's list is.
#[derive(Debug, Clone, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum ListSource {
    /// Typed in the form.
    Text { text: String },
    /// Kept here (pasted in bulk, or loaded from a file).
    Staged { id: u64 },
}

impl From<&str> for ListSource {
    fn from(text: &str) -> ListSource {
        ListSource::Text {
            text: text.to_owned(),
        }
    }
}

/// A list kept here, as the form shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Staged {
    pub id: u64,
    pub lines: usize,
    pub bytes: usize,
    /// The file it came from, when it came from one.
    pub name: Option<String>,
}

/// The kept lists.
#[derive(Default)]
pub struct Lists {
    next: AtomicU64,
    kept: Mutex<VecDeque<(u64, Arc<String>)>>,
}

impl Lists {
    /// Keeps `text`; returns what the form shows of it.
    pub fn stage(&self, text: String, name: Option<String>) -> Staged {
        let id = self.next.fetch_add(1, Ordering::Relaxed) + 1;
        let staged = Staged {
            id,
            lines: text.lines().count(),
            bytes: text.len(),
            name,
        };
        let mut kept = self.kept.lock().unwrap();
        kept.push_back((id, Arc::new(text)));
        while kept.len() > KEPT {
            kept.pop_front();
        }
        staged
    }

    /// The text of `source`.
    pub fn text(&self, source: &ListSource) -> Result<Arc<String>> {
        match source {
            ListSource::Text { text } => Ok(Arc::new(text.clone())),
            ListSource::Staged { id } => self
                .kept
                .lock()
                .unwrap()
                .iter()
                .find(|(kept, _)| kept == id)
                .map(|(_, text)| text.clone())
                .ok_or_else(|| Error::BadInput(Problem::ListGone)),
        }
    }
}

impl Desktop {
    /// Keeps a list pasted in bulk, to be named by its id (see [`crate::lists`]).
    pub fn stage_list(&self, text: String) -> Staged {
        self.lists.stage(text, None)
    }

    /// Reads a list file (.txt, or .csv by its first column) and keeps it.
    pub async fn stage_file(&self, path: PathBuf) -> Result<Staged> {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        let text = blocking(move || invalidator::list_file::read_list_file(&path)).await?;
        Ok(self.lists.stage(text, name))
    }

    /// What the list would become for the project: counts, the first paths, the notices
    /// grouped by kind. Read off the async threads: 100,000 lines take a moment.
    pub async fn preview(
        &self,
        project_id: &str,
        scope: ScopeKind,
        source: &ListSource,
    ) -> Result<PlanSummary> {
        let project = self.project(project_id)?;
        let text = self.lists.text(source)?;
        let plan = blocking(move || Ok(Plan::new(&project, scope, &text))).await?;
        let mut last = self.last_plan.lock().unwrap();
        let id = last.as_ref().map_or(1, |(id, _)| id + 1);
        let summary = plan.summary(id);
        *last = Some((id, Arc::new(plan)));
        Ok(summary)
    }

    /// More notices of one kind from preview `preview_id`: to see them all, page by page.
    pub fn preview_notices(
        &self,
        preview_id: u64,
        kind: invalidator::paths::NoticeKind,
        offset: usize,
        limit: usize,
    ) -> Result<Vec<invalidator::paths::Notice>> {
        let last = self.last_plan.lock().unwrap();
        match last.as_ref() {
            Some((id, plan)) if *id == preview_id => {
                Ok(plan.notices(kind, offset, limit.clamp(1, 1000)))
            }
            _ => Err(Error::BadInput(Problem::ListChanged)),
        }
    }
}
