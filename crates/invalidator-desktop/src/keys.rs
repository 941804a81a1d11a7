//! Keys: read from the keychain in the background, handed to the engine as clients, and
//! shown to the window only as where they stand (a mask at most).

use cloudimage::ApiKey;
use cloudimage_sandbox::SANDBOX_KEY;
use invalidator::project::SANDBOX_PROJECT_ID;
use invalidator::{Problem, Project, Result};
use serde::Serialize;

use crate::sending::Waiting;
use crate::{Desktop, blocking};

/// Where a project's key stands. The key itself never leaves this module except into a
/// client; the UI sees at most a mask.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", tag = "state")]
pub enum KeyState {
    /// The built-in sandbox's public key: no keychain involved.
    Public,
    /// Not read yet (the keychain is read in the background at start).
    Unchecked,
    /// In the keychain; `masked` shows at most its last four characters.
    Saved { masked: String },
    /// The keychain holds no key for this project.
    Missing,
    /// The keychain holds a key that cannot be sent (whitespace or invisible characters in
    /// it); `problem` says which.
    Unusable { problem: Problem },
    /// The keychain could not be asked.
    Unavailable { problem: Problem },
}

impl Desktop {
    /// Reads the key of every saved project from the keychain and starts sending for those
    /// that have a usable one. A project whose key cannot be read or used is marked so, and the
    /// projects after it are read all the same.
    pub async fn load_keys(&self) -> Result<()> {
        let saved = self.settings.projects()?;
        *self.keychain_problem.lock().unwrap() = None;
        for project in saved.projects {
            let secrets = self.secrets.clone();
            let id = project.id.clone();
            // The keychain's own error is kept apart: it marks the project, it does not end this.
            let found = blocking(move || Ok(secrets.retrieve(&id))).await?;
            match found {
                Ok(Some(key)) => {
                    if let Err(e) = self.use_key(&project, key) {
                        tracing::warn!(project = %project.id, error = %e, "a saved key cannot be used");
                        self.forget_key(&project.id);
                        self.set_key_state(
                            &project.id,
                            KeyState::Unusable {
                                problem: e.problem(),
                            },
                        );
                    }
                }
                Ok(None) => {
                    self.forget_key(&project.id);
                    self.set_key_state(&project.id, KeyState::Missing);
                }
                Err(e) => {
                    tracing::warn!(project = %project.id, error = %e, "keychain unavailable");
                    let problem = e.problem();
                    *self.keychain_problem.lock().unwrap() = Some(problem.clone());
                    if !self.keys.lock().unwrap().contains_key(&project.id) {
                        self.set_key_state(&project.id, KeyState::Unavailable { problem });
                    }
                }
            }
        }
        Ok(())
    }

    pub(crate) fn forget_key(&self, project_id: &str) {
        self.keys.lock().unwrap().remove(project_id);
        self.engine.remove_endpoint(project_id);
    }

    pub(crate) fn key_for(&self, project_id: &str) -> Option<ApiKey> {
        if project_id == SANDBOX_PROJECT_ID {
            return Some(ApiKey::new(SANDBOX_KEY));
        }
        self.keys.lock().unwrap().get(project_id).cloned()
    }

    pub(crate) fn use_key(&self, project: &Project, key: ApiKey) -> Result<()> {
        let client = self.client(&self.effective_base(project), key.clone())?;
        self.engine.set_endpoint(&project.id, client);
        self.set_key_state(
            &project.id,
            KeyState::Saved {
                masked: key.masked(),
            },
        );
        self.keys.lock().unwrap().insert(project.id.clone(), key);
        Ok(())
    }

    pub(crate) fn set_key_state(&self, project_id: &str, state: KeyState) {
        self.key_states
            .lock()
            .unwrap()
            .insert(project_id.to_owned(), state);
    }

    /// Why a project's submissions cannot go out now, if they cannot.
    pub(crate) fn waiting_reason(&self, project: &Project) -> Option<Waiting> {
        if self.key_for(&project.id).is_some() {
            return None;
        }
        let name = project.name.clone();
        Some(match self.keychain_problem.lock().unwrap().clone() {
            Some(problem) => Waiting::Keychain {
                project: name,
                problem,
            },
            None => Waiting::NoKey { project: name },
        })
    }
}
