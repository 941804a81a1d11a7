//! The connection test: the service's own "not found" for an id no invalidation has proves
//! the key is accepted. A saved key is only ever sent to the base it was saved with.

use cloudimage::{ApiKey, DEFAULT_BASE};
use invalidator::{Advice, Error, Problem, Result};
use serde::Serialize;

use crate::Desktop;
use crate::projects::same_base;

/// What a connection test proved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct ConnectionTest {
    pub ok: bool,
    /// `accepted`, or the error kind (`unauthorized`, `forbidden`, `offline`, …).
    pub kind: String,
    /// What the test proved, in a catalogue message.
    pub result: TestResult,
}

/// What a connection test proved, as a catalogue message. `base` is the API base asked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(tag = "id", content = "args")]
pub enum TestResult {
    /// The service's own "not found": the key is accepted.
    #[serde(rename = "test-accepted")]
    Accepted { base: String },
    /// A saved key is only sent to its own base (`saved`): type it to test `base`.
    #[serde(rename = "test-key-needed")]
    KeyNeeded {
        project: String,
        saved: String,
        base: String,
    },
    /// "Not found" without the service's shape: not the API, nothing known of the key.
    #[serde(rename = "test-not-the-api")]
    NotTheApi { base: String },
    #[serde(rename = "test-failed")]
    Failed { problem: Problem, advice: Advice },
}

/// A uuid no invalidation has: asking its status proves whether the key is accepted.
const PROBE_UUID: &str = "00000000-0000-0000-0000-000000000000";

impl Desktop {
    /// Asks the service the status of an invalidation that does not exist: the service's own
    /// "not found" means the key was accepted; 401/403 that it was not. `key`/`api_base` test
    /// a draft before it is saved; without them the saved ones are used. A saved key is only
    /// ever sent to the base it was saved with: to test another base, the key is typed again.
    pub async fn test_connection(
        &self,
        project_id: Option<&str>,
        key: Option<ApiKey>,
        api_base: Option<String>,
    ) -> Result<ConnectionTest> {
        let project = match project_id {
            Some(id) => Some(self.project(id)?),
            None => None,
        };
        let typed_base = api_base
            .map(|b| b.trim().to_owned())
            .filter(|b| !b.is_empty());
        let base = match (&project, &typed_base) {
            (Some(project), None) => self.effective_base(project),
            (_, Some(typed)) => self
                .config
                .api_base_override
                .clone()
                .unwrap_or_else(|| typed.clone()),
            (None, None) => self
                .config
                .api_base_override
                .clone()
                .unwrap_or_else(|| DEFAULT_BASE.to_owned()),
        };
        let key = match key.filter(|k| !k.is_empty()) {
            Some(key) => {
                key.check()?;
                key
            }
            None => {
                let project = project
                    .as_ref()
                    .ok_or(Error::BadInput(Problem::KeyToTest))?;
                let saved_base = self.effective_base(project);
                if same_base(&base, &saved_base).is_none_or(|same| !same) {
                    return Ok(ConnectionTest {
                        ok: false,
                        kind: "keyNeeded".into(),
                        result: TestResult::KeyNeeded {
                            project: project.name.clone(),
                            saved: saved_base,
                            base,
                        },
                    });
                }
                self.key_for(&project.id)
                    .ok_or(Error::NoKey(Problem::NoKeyToTest))?
            }
        };
        let client = self.client(&base, key)?;
        Ok(match client.status(PROBE_UUID).await {
            Ok(_)
            | Err(cloudimage::Error::NotFound {
                from_service: true, ..
            }) => ConnectionTest {
                ok: true,
                kind: "accepted".into(),
                result: TestResult::Accepted { base },
            },
            Err(cloudimage::Error::NotFound {
                from_service: false,
                ..
            }) => ConnectionTest {
                ok: false,
                kind: "notTheApi".into(),
                result: TestResult::NotTheApi { base },
            },
            Err(e) => {
                let kind = invalidator::ErrorKind::Api(e.kind());
                ConnectionTest {
                    ok: false,
                    kind: kind.as_str(),
                    result: TestResult::Failed {
                        problem: Error::Api(e).problem(),
                        advice: kind.advice().unwrap_or(Advice::KeyNotChecked),
                    },
                }
            }
        })
    }
}
