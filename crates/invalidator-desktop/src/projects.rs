//! Projects: the built-in Sandbox and the saved ones (in `settings.json`, through
//! `invalidator::settings`), as the window lists, adds, edits and removes them; the settings
//! file's state and the theme. A saved key stays with the base it was saved with.

use std::path::PathBuf;

use cloudimage::{ApiKey, Client, DEFAULT_BASE};
use invalidator::project::SANDBOX_PROJECT_ID;
use invalidator::settings::SettingsProblem;
use invalidator::{Error, Problem, Project, Result};
use serde::{Deserialize, Serialize};

use crate::{Desktop, KeyState, blocking};

/// A project as the UI shows it.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct ProjectView {
    #[serde(flatten)]
    pub project: Project,
    pub is_sandbox: bool,
    /// The base requests actually go to (differs when `INVALIDATOR_API_BASE` is set).
    pub effective_api_base: String,
    pub key: KeyState,
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct ProjectList {
    pub projects: Vec<ProjectView>,
    pub selected: String,
    /// Set when the keychain could not be used: what happened.
    pub keychain_problem: Option<Problem>,
    /// Set when `settings.json` cannot be read: where it is and why. Saved projects are not
    /// shown, and nothing is written to the file, until the user chooses what to do.
    pub settings_problem: Option<SettingsProblem>,
}

/// A project as typed in the form. `id` is absent for a new project; `key` is absent when
/// the saved key is kept. Its `Debug` shows the key masked, as [`ApiKey`] always does.
#[derive(Debug, Clone, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(optional_fields = nullable)]
pub struct ProjectDraft {
    pub id: Option<String>,
    pub name: String,
    #[serde(default)]
    pub api_base: Option<String>,
    #[serde(default)]
    pub v7: bool,
    #[serde(default = "default_batch")]
    #[ts(as = "Option<usize>", optional)]
    pub batch_size: usize,
    #[serde(default)]
    #[ts(as = "Option<String>", optional = nullable)]
    pub key: Option<ApiKey>,
    /// Empty or absent: the project's files are not checked.
    #[serde(default)]
    pub delivery_base: Option<String>,
    #[serde(default = "default_check_limit")]
    #[ts(as = "Option<usize>", optional)]
    pub check_limit: usize,
}

impl Default for ProjectDraft {
    fn default() -> Self {
        ProjectDraft {
            id: None,
            name: String::new(),
            api_base: None,
            v7: false,
            batch_size: default_batch(),
            key: None,
            delivery_base: None,
            check_limit: default_check_limit(),
        }
    }
}

fn default_batch() -> usize {
    invalidator::project::DEFAULT_BATCH_SIZE
}

fn default_check_limit() -> usize {
    invalidator::project::DEFAULT_CHECK_LIMIT
}

impl Desktop {
    /// The built-in project on the in-process sandbox.
    pub fn sandbox_project(&self) -> Project {
        Project {
            id: SANDBOX_PROJECT_ID.to_owned(),
            name: "Sandbox".to_owned(),
            api_base: self.sandbox.base_url(),
            v7: false,
            batch_size: invalidator::project::DEFAULT_BATCH_SIZE,
            delivery_base: Some(self.sandbox.delivery_base()),
            check_limit: invalidator::project::DEFAULT_CHECK_LIMIT,
        }
    }

    /// The sandbox and every saved project, with where their keys stand.
    pub fn projects(&self) -> Result<ProjectList> {
        let saved = self.settings.projects()?;
        let states = self.key_states.lock().unwrap().clone();
        let mut projects = vec![ProjectView {
            effective_api_base: self.sandbox.base_url(),
            project: self.sandbox_project(),
            is_sandbox: true,
            key: KeyState::Public,
        }];
        for project in saved.projects {
            projects.push(ProjectView {
                effective_api_base: self.effective_base(&project),
                key: states
                    .get(&project.id)
                    .cloned()
                    .unwrap_or(KeyState::Unchecked),
                project,
                is_sandbox: false,
            });
        }
        let selected = saved
            .selected_project
            .filter(|id| projects.iter().any(|p| &p.project.id == id))
            .unwrap_or_else(|| SANDBOX_PROJECT_ID.to_owned());
        Ok(ProjectList {
            projects,
            selected,
            keychain_problem: self.keychain_problem.lock().unwrap().clone(),
            settings_problem: self.settings.problem(),
        })
    }

    pub fn select_project(&self, id: &str) -> Result<()> {
        self.project(id)?;
        let mut saved = self.settings.projects()?;
        saved.selected_project = Some(id.to_owned());
        self.settings.save_projects(&saved)
    }

    /// Adds or changes a project. A key given is written to the keychain first; if that
    /// fails nothing is saved. The project becomes the selected one.
    pub async fn save_project(&self, draft: ProjectDraft) -> Result<ProjectView> {
        if let Some(problem) = self.settings.problem() {
            return Err(problem.into());
        }
        let mut saved = self.settings.projects()?;
        let name = draft.name.trim().to_owned();
        let api_base = draft
            .api_base
            .as_deref()
            .map(str::trim)
            .filter(|b| !b.is_empty())
            .unwrap_or(DEFAULT_BASE)
            .trim_end_matches('/')
            .to_owned();
        let existing = match &draft.id {
            Some(id) => Some(
                saved
                    .projects
                    .iter()
                    .position(|p| &p.id == id)
                    .ok_or_else(|| no_such_project(id))?,
            ),
            None => None,
        };
        let project = Project {
            id: draft
                .id
                .clone()
                .unwrap_or_else(|| uuid::Uuid::new_v4().simple().to_string()),
            name,
            api_base,
            v7: draft.v7,
            batch_size: draft.batch_size,
            delivery_base: draft
                .delivery_base
                .as_deref()
                .map(|b| b.trim().trim_end_matches('/'))
                .filter(|b| !b.is_empty())
                .map(str::to_owned),
            check_limit: draft.check_limit,
        };
        project.validate()?;
        if project.name.eq_ignore_ascii_case("sandbox") {
            return Err(Error::BadInput(Problem::SandboxName));
        }
        if saved
            .projects
            .iter()
            .any(|p| p.id != project.id && p.name.eq_ignore_ascii_case(&project.name))
        {
            return Err(Error::BadInput(Problem::ProjectExists {
                project: project.name.clone(),
            }));
        }
        // The base must be usable before anything is stored.
        Client::builder()
            .base_url(&project.api_base)
            .api_key(ApiKey::new("check"))
            .build()?;
        let key = draft.key.filter(|k| !k.is_empty());
        if let Some(key) = &key {
            key.check()?;
        }
        if existing.is_none() && key.is_none() {
            return Err(Error::BadInput(Problem::NewProjectNeedsKey));
        }
        // The saved key stays with the base it was saved with, as in the connection test:
        // leaving the key empty while changing the base would send it somewhere new.
        if let (Some(index), None) = (existing, &key) {
            let saved_base = &saved.projects[index].api_base;
            if same_base(saved_base, &project.api_base).is_none_or(|same| !same) {
                return Err(Error::NoKey(Problem::KeyStaysWithBase {
                    project: saved.projects[index].name.clone(),
                    saved: saved_base.to_string(),
                    base: project.api_base.clone(),
                }));
            }
        }
        if let Some(key) = &key {
            let secrets = self.secrets.clone();
            let (id, key) = (project.id.clone(), key.clone());
            blocking(move || Ok(secrets.persist(&id, &key)?)).await?;
        }
        match existing {
            Some(index) => saved.projects[index] = project.clone(),
            None => saved.projects.push(project.clone()),
        }
        saved.selected_project = Some(project.id.clone());
        self.settings.save_projects(&saved)?;
        let key = key.or_else(|| self.keys.lock().unwrap().get(&project.id).cloned());
        if let Some(key) = key {
            self.use_key(&project, key)?;
        }
        self.project_view(&project.id)
    }

    /// Removes a saved project and its key. Its invalidations stay in the log.
    pub async fn remove_project(&self, id: &str) -> Result<()> {
        if id == SANDBOX_PROJECT_ID {
            return Err(Error::BadInput(Problem::SandboxStays));
        }
        if let Some(problem) = self.settings.problem() {
            return Err(problem.into());
        }
        let mut saved = self.settings.projects()?;
        let before = saved.projects.len();
        saved.projects.retain(|p| p.id != id);
        if saved.projects.len() == before {
            return Err(no_such_project(id));
        }
        if saved.selected_project.as_deref() == Some(id) {
            saved.selected_project = Some(SANDBOX_PROJECT_ID.to_owned());
        }
        self.settings.save_projects(&saved)?;
        self.engine.remove_endpoint(id);
        self.keys.lock().unwrap().remove(id);
        self.key_states.lock().unwrap().remove(id);
        let secrets = self.secrets.clone();
        let owned = id.to_owned();
        // The project is gone either way; a key left behind is the keychain's to report.
        blocking(move || Ok(secrets.delete(&owned)?)).await?;
        Ok(())
    }

    pub(crate) fn project(&self, id: &str) -> Result<Project> {
        if id == SANDBOX_PROJECT_ID {
            return Ok(self.sandbox_project());
        }
        self.settings
            .projects()?
            .projects
            .into_iter()
            .find(|p| p.id == id)
            .ok_or_else(|| no_such_project(id))
    }

    pub(crate) fn project_view(&self, id: &str) -> Result<ProjectView> {
        self.projects()?
            .projects
            .into_iter()
            .find(|p| p.project.id == id)
            .ok_or_else(|| no_such_project(id))
    }

    /// Why `settings.json` cannot be used, if it cannot.
    pub fn settings_problem(&self) -> Option<SettingsProblem> {
        self.settings.problem()
    }

    /// The user's answer to a damaged settings file: the last good copy is restored (the
    /// damaged file kept beside it), and the keys of its projects read.
    pub async fn restore_settings(&self) -> Result<()> {
        self.settings.restore_last_good()?;
        self.load_keys().await
    }

    /// The user's answer to a damaged settings file: start with empty settings. Returns where
    /// the damaged file was kept.
    pub fn start_settings_afresh(&self) -> Result<PathBuf> {
        self.settings.start_afresh()
    }

    pub fn theme(&self) -> String {
        self.settings.theme()
    }

    pub fn set_theme(&self, theme: &str) -> Result<()> {
        self.settings.set_theme(theme)
    }
}

/// Whether two API bases name the same place (scheme, host, port and path); `None` if either
/// is no URL.
pub(crate) fn same_base(a: &str, b: &str) -> Option<bool> {
    let parse = |raw: &str| {
        let mut url = url::Url::parse(raw.trim()).ok()?;
        let path = url.path().trim_end_matches('/').to_owned();
        url.set_path(&path);
        Some(url)
    };
    Some(parse(a)? == parse(b)?)
}

fn no_such_project(id: &str) -> Error {
    Error::NotFound(Problem::NoSuchProject {
        project: id.to_owned(),
    })
}
