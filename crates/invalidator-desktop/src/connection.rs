//! The connection test: the service's own "not found" for an id no invalidation has proves
//! the key is accepted. A saved key is only ever sent to the base it was saved with.

use cloudimage::{ApiKey, DEFAULT_BASE};
use invalidator::{Error, Result};
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
    pub message: String,
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
                key.check().map_err(Error::BadInput)?;
                key
            }
            None => {
                let project = project
                    .as_ref()
                    .ok_or_else(|| Error::BadInput("type the API key to test it".into()))?;
                let saved_base = self.effective_base(project);
                if same_base(&base, &saved_base).is_none_or(|same| !same) {
                    return Ok(ConnectionTest {
                        ok: false,
                        kind: "keyNeeded".into(),
                        message: format!(
                            "The saved key of {} is only ever sent to the API base it was saved \
                             with ({saved_base}). To test {base}, type the key again.",
                            project.name
                        ),
                    });
                }
                self.key_for(&project.id).ok_or_else(|| {
                    Error::NoKey("this project has no key in the keychain to test".into())
                })?
            }
        };
        let client = self
            .client(&base, key)
            .map_err(|e| Error::BadInput(e.to_string()))?;
        Ok(match client.status(PROBE_UUID).await {
            Ok(_)
            | Err(cloudimage::Error::NotFound {
                from_service: true, ..
            }) => ConnectionTest {
                ok: true,
                kind: "accepted".into(),
                message: format!(
                    "The service at {base} accepted the key: asked about an invalidation that \
                     does not exist, it answered “not found”, as it should. Whether this key's \
                     role may invalidate shows on the first submission."
                ),
            },
            Err(cloudimage::Error::NotFound {
                from_service: false,
                ..
            }) => ConnectionTest {
                ok: false,
                kind: "notTheApi".into(),
                message: format!(
                    "{base} answered “not found” without the service's error message (a web \
                     page, say): this does not look like the Cloudimage API, so nothing is known \
                     about the key. Check the API base."
                ),
            },
            Err(e) => {
                let kind = invalidator::ErrorKind::Api(e.kind());
                let advice = kind.advice().unwrap_or("The key could not be checked.");
                ConnectionTest {
                    ok: false,
                    kind: kind.as_str(),
                    message: format!("{}. {advice}", invalidator::sentence(&e.to_string())),
                }
            }
        })
    }
}
