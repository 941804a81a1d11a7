//! From what the user typed to a batch ready to record: the same plan backs the form's live
//! preview and the actual submission.

use serde::Serialize;

use crate::journal::{NewBatch, NewRequest};
use crate::paths::{self, ListedPath, Notice, NoticeKind, PathList, Place};
use crate::project::{Project, split_into_requests};
use crate::{Error, Problem, ProjectRef, Result, ScopeKind};

/// A submission as it would be sent.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Plan {
    pub scope: ScopeKind,
    /// The paths and every notice about them (empty for scope `all`).
    pub list: PathList,
    /// The paths, split into requests of at most the project's batch size.
    pub requests: Vec<Vec<String>>,
}

impl Plan {
    /// Reads `text` by the project's rules and splits it into requests.
    pub fn new(project: &Project, scope: ScopeKind, text: &str) -> Plan {
        Self::labelled(project, scope, text, &|line| Place::Line { line })
    }

    /// [`Plan::new`], naming lines with `label` in messages (see [`paths::parse_labelled`]).
    pub fn labelled(
        project: &Project,
        scope: ScopeKind,
        text: &str,
        label: &dyn Fn(usize) -> Place,
    ) -> Plan {
        match scope {
            ScopeKind::All => Plan {
                scope,
                list: PathList::default(),
                requests: vec![Vec::new()],
            },
            ScopeKind::Original => {
                let list = paths::parse_labelled(text, project.rules(), label);
                let requests = split_into_requests(&list.path_strings(), project.batch_size());
                Plan {
                    scope,
                    list,
                    requests,
                }
            }
        }
    }

    /// The batch to record, or why it cannot be sent as it stands.
    pub fn into_batch(self, project: &Project, origin: &str) -> Result<NewBatch> {
        if self.list.has_rejections() {
            return Err(Error::ListRefused(self.list.rejected().cloned().collect()));
        }
        if self.scope == ScopeKind::Original && self.list.paths.is_empty() {
            return Err(Error::BadInput(Problem::NoPaths));
        }
        Ok(NewBatch {
            project: ProjectRef::from(project),
            scope: self.scope,
            requests: self
                .requests
                .into_iter()
                .map(|paths| NewRequest {
                    paths,
                    retry_of: None,
                })
                .collect(),
            origin: origin.to_owned(),
        })
    }
}

/// How many of each kind of notice, and of the paths, a summary shows.
pub const EXAMPLES: usize = 5;

/// A plan as the form shows it: counts, the first paths, and its notices grouped by kind with
/// their first few. However long the list, this stays small; the rest is paged on demand.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct PlanSummary {
    /// Names this preview, to page its notices.
    pub id: u64,
    pub scope: ScopeKind,
    pub paths: usize,
    pub requests: usize,
    pub first_paths: Vec<ListedPath>,
    /// Refused lines first, then the rest in the reader's order of kinds.
    pub groups: Vec<NoticeGroup>,
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct NoticeGroup {
    pub kind: NoticeKind,
    pub count: usize,
    pub first: Vec<Notice>,
}

impl Plan {
    /// This plan's summary, named `id`.
    pub fn summary(&self, id: u64) -> PlanSummary {
        let mut groups: Vec<NoticeGroup> = Vec::new();
        for notice in &self.list.notices {
            match groups.iter_mut().find(|g| g.kind == notice.kind) {
                Some(group) => {
                    group.count += 1;
                    if group.first.len() < EXAMPLES {
                        group.first.push(notice.clone());
                    }
                }
                None => groups.push(NoticeGroup {
                    kind: notice.kind,
                    count: 1,
                    first: vec![notice.clone()],
                }),
            }
        }
        groups.sort_by_key(|g| g.kind != NoticeKind::Rejected);
        PlanSummary {
            id,
            scope: self.scope,
            paths: self.list.paths.len(),
            requests: if self.scope == ScopeKind::All {
                1
            } else {
                self.requests.len()
            },
            first_paths: self.list.paths.iter().take(EXAMPLES).cloned().collect(),
            groups,
        }
    }

    /// The notices of `kind`, `limit` from `offset`.
    pub fn notices(&self, kind: NoticeKind, offset: usize, limit: usize) -> Vec<Notice> {
        self.list
            .notices
            .iter()
            .filter(|n| n.kind == kind)
            .skip(offset)
            .take(limit)
            .cloned()
            .collect()
    }
}
