//! From what the user typed to a batch ready to record: the same plan backs the form's live
//! preview and the actual submission.

use serde::Serialize;

use crate::journal::{NewBatch, NewRequest};
use crate::paths::{self, PathList};
use crate::project::{Project, split_into_requests};
use crate::{Error, ProjectRef, Result, ScopeKind};

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
        Self::labelled(project, scope, text, &|line| format!("line {line}"))
    }

    /// [`Plan::new`], naming lines with `label` in messages (see [`paths::parse_labelled`]).
    pub fn labelled(
        project: &Project,
        scope: ScopeKind,
        text: &str,
        label: &dyn Fn(usize) -> String,
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
            let reasons: Vec<String> = self.list.rejected().map(ToString::to_string).collect();
            return Err(Error::BadInput(format!(
                "nothing was sent: fix or remove these lines first:\n  {}",
                reasons.join("\n  ")
            )));
        }
        if self.scope == ScopeKind::Original && self.list.paths.is_empty() {
            return Err(Error::BadInput(
                "no paths to invalidate: give at least one path, such as /folder/image.jpg".into(),
            ));
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
