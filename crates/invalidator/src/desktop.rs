//! What the desktop app does, without the window: the built-in sandbox project, saved projects
//! with their keys in the keychain, the engine sending for every project it has a key for,
//! previews, submissions, retries, connection tests, and noticing when a batch ends. The
//! Tauri shell turns each method into a command and nothing more.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use cloudimage::{ApiKey, Client, DEFAULT_BASE};
use serde::{Deserialize, Serialize};

use crate::freshness::Check;
use crate::journal::{LogFilter, LogPage, Pending, RequestView};
use crate::lists::{ListSource, Lists, Staged};
use crate::owner::Owner;
use crate::project::SANDBOX_PROJECT_ID;
use crate::sandbox::{SANDBOX_KEY, Sandbox, SandboxConfig};
use crate::secrets::SecretStore;
use crate::settings::{SettingsFile, SettingsProblem};
use crate::submission::{Plan, PlanSummary};
use crate::{Engine, EngineConfig, Error, Journal, Project, Result, ScopeKind, StartFailure};

/// How the desktop core runs.
#[derive(Debug, Clone)]
pub struct DesktopConfig {
    pub data_dir: PathBuf,
    /// `INVALIDATOR_API_BASE`: replaces the API base of every saved project (for testing).
    pub api_base_override: Option<String>,
    pub engine: EngineConfig,
    pub client_timeout: Duration,
    /// The in-process sandbox's status step.
    pub sandbox_step: Duration,
}

impl DesktopConfig {
    pub fn new(data_dir: PathBuf) -> DesktopConfig {
        let client_timeout = Duration::from_secs(30);
        DesktopConfig {
            data_dir,
            api_base_override: None,
            engine: EngineConfig {
                lease: client_timeout + Duration::from_secs(60),
                ..EngineConfig::default()
            },
            client_timeout,
            sandbox_step: Duration::from_secs(2),
        }
    }
}

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
    /// it); `message` says which.
    Unusable { message: String },
    /// The keychain could not be asked.
    Unavailable { message: String },
}

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
    pub keychain_problem: Option<String>,
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
    crate::project::DEFAULT_BATCH_SIZE
}

fn default_check_limit() -> usize {
    crate::project::DEFAULT_CHECK_LIMIT
}

/// What a connection test proved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct ConnectionTest {
    pub ok: bool,
    /// `accepted`, or the error kind (`unauthorized`, `forbidden`, `offline`, …).
    pub kind: String,
    pub message: String,
}

/// A recorded submission.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Submitted {
    pub batch_id: i64,
    pub request_ids: Vec<i64>,
    /// Set when it cannot be sent now, and why (no key, keychain unavailable).
    pub waiting: Option<String>,
}

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
    fn of(batch: crate::journal::FinishedBatch) -> BatchEnded {
        let crate::journal::FinishedBatch {
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

/// A uuid no invalidation has: asking its status proves whether the key is accepted.
const PROBE_UUID: &str = "00000000-0000-0000-0000-000000000000";

pub struct Desktop {
    config: DesktopConfig,
    journal: Journal,
    engine: Engine,
    sandbox: Sandbox,
    secrets: Arc<dyn SecretStore>,
    settings: SettingsFile,
    /// Keys read from the keychain, by project id; never serialised.
    keys: Mutex<HashMap<String, ApiKey>>,
    key_states: Mutex<HashMap<String, KeyState>>,
    keychain_problem: Mutex<Option<String>>,
    reported_batches: Mutex<HashSet<i64>>,
    /// Requests whose files were checked by themselves once done (each once).
    auto_checked: Mutex<HashSet<i64>>,
    /// Asks delivery URLs; carries no key.
    delivery: reqwest::Client,
    /// One check at a time (each asks a few URLs at once), however many are started.
    checking: tokio::sync::Mutex<()>,
    /// Lists pasted in bulk or loaded from files.
    lists: Lists,
    /// The last preview, to page its notices.
    last_plan: Mutex<Option<(u64, Arc<Plan>)>>,
}

impl Desktop {
    /// Opens the journal and the settings, starts the sandbox and the engine (sending for the
    /// sandbox project at once). Keys of saved projects are read later, by
    /// [`Desktop::load_keys`], so that a slow keychain never holds up the window. Must run
    /// inside a Tokio runtime. What cannot be used to start is a [`StartFailure`] that names
    /// the file and what to do; a damaged settings file is not: it is reported, and left alone.
    pub async fn start(config: DesktopConfig, secrets: Arc<dyn SecretStore>) -> Result<Desktop> {
        let data_dir = &config.data_dir;
        std::fs::create_dir_all(data_dir).map_err(|e| StartFailure::data_folder(data_dir, e))?;
        let journal = Journal::open(&crate::data_dir::journal_path(data_dir))?;
        let mut sandbox_config = SandboxConfig::in_data_dir(data_dir);
        sandbox_config.step = config.sandbox_step;
        let jobs_file = sandbox_config.jobs_file.clone();
        let sandbox = Sandbox::start(sandbox_config).await.map_err(|e| {
            StartFailure::new(
                "Sandbox jobs file",
                &jobs_file,
                e,
                "Check that you may write it and its folder; if it is damaged, move it elsewhere \
                 (the Sandbox then starts with no jobs).",
            )
        })?;
        let owner =
            Owner::register(data_dir).map_err(|e| StartFailure::data_folder(data_dir, e))?;
        let engine = Engine::start(journal.clone(), owner, config.engine.clone());
        let settings = SettingsFile::open(data_dir);
        let desktop = Desktop {
            config,
            journal,
            engine,
            sandbox,
            secrets,
            settings,
            keys: Mutex::new(HashMap::new()),
            key_states: Mutex::new(HashMap::new()),
            keychain_problem: Mutex::new(None),
            reported_batches: Mutex::new(HashSet::new()),
            auto_checked: Mutex::new(HashSet::new()),
            delivery: crate::freshness::client(),
            checking: tokio::sync::Mutex::new(()),
            lists: Lists::default(),
            last_plan: Mutex::new(None),
        };
        let sandbox_project = desktop.sandbox_project();
        desktop.engine.set_endpoint(
            SANDBOX_PROJECT_ID,
            desktop.client(&sandbox_project.api_base, ApiKey::new(SANDBOX_KEY))?,
        );
        Ok(desktop)
    }

    pub fn journal(&self) -> &Journal {
        &self.journal
    }

    pub fn engine(&self) -> &Engine {
        &self.engine
    }

    pub fn sandbox_url(&self) -> String {
        self.sandbox.base_url()
    }

    pub fn data_dir(&self) -> &std::path::Path {
        &self.config.data_dir
    }

    /// The built-in project on the in-process sandbox.
    pub fn sandbox_project(&self) -> Project {
        Project {
            id: SANDBOX_PROJECT_ID.to_owned(),
            name: "Sandbox".to_owned(),
            api_base: self.sandbox.base_url(),
            v7: false,
            batch_size: crate::project::DEFAULT_BATCH_SIZE,
            delivery_base: Some(self.sandbox.delivery_base()),
            check_limit: crate::project::DEFAULT_CHECK_LIMIT,
        }
    }

    /// Reads the key of every saved project from the keychain and starts sending for those
    /// that have a usable one. A project whose key cannot be read or used is marked so, and the
    /// projects after it are read all the same.
    pub async fn load_keys(&self) -> Result<()> {
        let saved = self.settings.projects()?;
        *self.keychain_problem.lock().unwrap() = None;
        for project in saved.projects {
            let secrets = self.secrets.clone();
            let id = project.id.clone();
            let found = tokio::task::spawn_blocking(move || secrets.retrieve(&id))
                .await
                .map_err(|e| Error::Io(std::io::Error::other(e)))?;
            match found {
                Ok(Some(key)) => {
                    if let Err(e) = self.use_key(&project, key) {
                        tracing::warn!(project = %project.id, error = %e, "a saved key cannot be used");
                        self.forget_key(&project.id);
                        self.set_key_state(
                            &project.id,
                            KeyState::Unusable {
                                message: e.to_string(),
                            },
                        );
                    }
                }
                Ok(None) => {
                    self.forget_key(&project.id);
                    self.set_key_state(&project.id, KeyState::Missing);
                }
                Err(e) => {
                    let message = e.to_string();
                    tracing::warn!(project = %project.id, error = %message, "keychain unavailable");
                    *self.keychain_problem.lock().unwrap() = Some(message.clone());
                    if !self.keys.lock().unwrap().contains_key(&project.id) {
                        self.set_key_state(&project.id, KeyState::Unavailable { message });
                    }
                }
            }
        }
        Ok(())
    }

    fn forget_key(&self, project_id: &str) {
        self.keys.lock().unwrap().remove(project_id);
        self.engine.remove_endpoint(project_id);
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

    /// What the window needs to hear about, coalesced (see [`crate::updates`]).
    pub fn updates(
        self: &Arc<Self>,
        config: crate::updates::UpdateConfig,
    ) -> tokio::sync::mpsc::UnboundedReceiver<crate::updates::Update> {
        crate::updates::start(self.clone(), config)
    }

    /// What holds sending or polling up (the journal refuses writes), if anything.
    pub fn problem(&self) -> Option<String> {
        self.engine.problem()
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
            return Err(Error::SettingsDamaged(problem.to_string()));
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
                    .ok_or_else(|| Error::NotFound(format!("no saved project `{id}`")))?,
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
            return Err(Error::BadInput(
                "`Sandbox` is the built-in project's name; choose another".into(),
            ));
        }
        if saved
            .projects
            .iter()
            .any(|p| p.id != project.id && p.name.eq_ignore_ascii_case(&project.name))
        {
            return Err(Error::BadInput(format!(
                "a project named `{}` already exists",
                project.name
            )));
        }
        // The base must be usable before anything is stored.
        Client::builder()
            .base_url(&project.api_base)
            .api_key(ApiKey::new("check"))
            .build()
            .map_err(|e| Error::BadInput(e.to_string()))?;
        let key = draft.key.filter(|k| !k.is_empty());
        if let Some(key) = &key {
            key.check().map_err(Error::BadInput)?;
        }
        if existing.is_none() && key.is_none() {
            return Err(Error::BadInput(
                "a new project needs its API key (Settings › Access › API keys in the hub)".into(),
            ));
        }
        // The saved key stays with the base it was saved with, as in the connection test:
        // leaving the key empty while changing the base would send it somewhere new.
        if let (Some(index), None) = (existing, &key) {
            let saved_base = &saved.projects[index].api_base;
            if same_base(saved_base, &project.api_base).is_none_or(|same| !same) {
                return Err(Error::NoKey(format!(
                    "the saved key of `{}` is only ever sent to the API base it was saved with \
                     ({saved_base}); to use {}, type the key again",
                    saved.projects[index].name, project.api_base
                )));
            }
        }
        if let Some(key) = &key {
            let secrets = self.secrets.clone();
            let (id, key) = (project.id.clone(), key.clone());
            tokio::task::spawn_blocking(move || secrets.persist(&id, &key))
                .await
                .map_err(|e| Error::Io(std::io::Error::other(e)))??;
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
            return Err(Error::BadInput(
                "the built-in Sandbox cannot be removed".into(),
            ));
        }
        if let Some(problem) = self.settings.problem() {
            return Err(Error::SettingsDamaged(problem.to_string()));
        }
        let mut saved = self.settings.projects()?;
        let before = saved.projects.len();
        saved.projects.retain(|p| p.id != id);
        if saved.projects.len() == before {
            return Err(Error::NotFound(format!("no saved project `{id}`")));
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
        tokio::task::spawn_blocking(move || secrets.delete(&owned))
            .await
            .map_err(|e| Error::Io(std::io::Error::other(e)))??;
        Ok(())
    }

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
                let kind = crate::ErrorKind::of_api(&e);
                let advice = kind.advice().unwrap_or("The key could not be checked.");
                ConnectionTest {
                    ok: false,
                    kind: kind.as_str(),
                    message: format!("{}. {advice}", capitalise(&e.to_string())),
                }
            }
        })
    }

    /// Keeps a list pasted in bulk, to be named by its id (see [`crate::lists`]).
    pub fn stage_list(&self, text: String) -> Staged {
        self.lists.stage(text, None)
    }

    /// Reads a list file (.txt, or .csv by its first column) and keeps it.
    pub async fn stage_file(&self, path: PathBuf) -> Result<Staged> {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        let text = tokio::task::spawn_blocking(move || crate::lists::read_list_file(&path))
            .await
            .map_err(|e| Error::Io(std::io::Error::other(e)))??;
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
        let plan = tokio::task::spawn_blocking(move || Plan::new(&project, scope, &text))
            .await
            .map_err(|e| Error::Io(std::io::Error::other(e)))?;
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
        kind: crate::paths::NoticeKind,
        offset: usize,
        limit: usize,
    ) -> Result<Vec<crate::paths::Notice>> {
        let last = self.last_plan.lock().unwrap();
        match last.as_ref() {
            Some((id, plan)) if *id == preview_id => {
                Ok(plan.notices(kind, offset, limit.clamp(1, 1000)))
            }
            _ => Err(Error::BadInput(
                "the list changed since; its preview is being read again".into(),
            )),
        }
    }

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
            return Err(Error::BadInput(format!(
                "type the project's name, {}, to confirm flushing its whole cache",
                project.name
            )));
        }
        let text = self.lists.text(source)?;
        let batch_project = project.clone();
        let batch = tokio::task::spawn_blocking(move || {
            Plan::new(&batch_project, scope, &text).into_batch(&batch_project, "app")
        })
        .await
        .map_err(|e| Error::Io(std::io::Error::other(e)))??;
        let (batch_id, request_ids) = self.engine.submit(batch).await?;
        Ok(Submitted {
            batch_id,
            request_ids,
            waiting: self.waiting_reason(&project),
        })
    }

    /// Retries request `id` (its failed paths, or all), linked to it.
    pub async fn retry(&self, id: i64) -> Result<Submitted> {
        let original = self.journal.request(id)?;
        let batch_size = self
            .project(&original.project.id)
            .map(|p| p.batch_size())
            .unwrap_or(crate::project::DEFAULT_BATCH_SIZE);
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

    /// A page of the log; big batches show their first requests (failures first) and their
    /// counts, and expand with [`Desktop::batch_page`].
    pub fn log(&self, filter: &LogFilter) -> Result<LogPage> {
        let mut filter = filter.clone();
        if filter.requests_per_batch == 0 {
            filter.requests_per_batch = crate::journal::REQUESTS_PER_BATCH;
        }
        self.journal.log(&filter)
    }

    /// More of a big batch's requests (those matching `filter`), failures first.
    pub fn batch_page(
        &self,
        batch_id: i64,
        filter: &LogFilter,
        offset: usize,
        limit: usize,
    ) -> Result<Vec<RequestView>> {
        self.journal
            .batch_page(batch_id, filter, offset, limit.clamp(1, 500))
    }

    /// Writes the log matching `filter` (every batch, every request and path) to `path` as CSV
    /// or JSON: the columns and fields of `invalidator log --csv/--json`. Written to a
    /// temporary file beside `path` first, then renamed: an export cut short leaves no half
    /// file under the chosen name.
    pub async fn export_log(
        &self,
        filter: &LogFilter,
        format: crate::export::Format,
        path: PathBuf,
    ) -> Result<crate::export::Written> {
        let journal = self.journal.clone();
        let filter = filter.clone();
        tokio::task::spawn_blocking(move || {
            let mut temp = path.as_os_str().to_owned();
            temp.push(".part");
            let temp = PathBuf::from(temp);
            let written = (|| {
                let file = std::fs::File::create(&temp)?;
                let mut out = std::io::BufWriter::new(file);
                let written = crate::export::write_log(&journal, &filter, 0, format, &mut out)?;
                let file = out.into_inner().map_err(|e| e.into_error())?;
                file.sync_all()?;
                std::fs::rename(&temp, &path)?;
                Ok(written)
            })();
            if written.is_err() {
                let _ = std::fs::remove_file(&temp);
            }
            written
        })
        .await
        .map_err(|e| Error::Io(std::io::Error::other(e)))?
    }

    /// A page of a request's paths, all or only the failed ones.
    pub fn request_paths(
        &self,
        id: i64,
        failed_only: bool,
        offset: usize,
        limit: usize,
    ) -> Result<crate::journal::PathPage> {
        self.journal
            .request_paths(id, failed_only, offset, limit.clamp(1, 1000))
    }

    pub fn request(&self, id: i64) -> Result<RequestView> {
        self.journal.request(id)
    }

    /// The requests `ids` as they are now (those that exist), in that order.
    pub fn requests(&self, ids: &[i64]) -> Result<Vec<RequestView>> {
        self.journal.requests(ids)
    }

    pub fn pending(&self) -> Result<Pending> {
        self.journal.pending()
    }

    /// Of the batches of the changed requests, those that just ended (each reported once).
    pub fn ended_batches(&self, changed: &[i64]) -> Result<Vec<BatchEnded>> {
        let finished = self.journal.finished_batches(changed)?;
        let mut reported = self.reported_batches.lock().unwrap();
        Ok(finished
            .into_iter()
            .filter(|batch| reported.insert(batch.batch_id))
            .map(BatchEnded::of)
            .collect())
    }

    /// Checks that the files of request `id` are served fresh at its project's delivery base,
    /// and records what each delivery URL answered.
    pub async fn verify(&self, id: i64) -> Result<Vec<Check>> {
        let request = self.journal.request(id)?;
        let project = self.project(&request.project.id)?;
        let base = crate::verify::delivery_base_of(&project)?;
        let _turn = self.checking.lock().await;
        let checks = crate::verify::verify(&self.journal, id, &base, &self.delivery).await?;
        self.engine.changed(id);
        Ok(checks)
    }

    /// The requests of batch `batch_id` whose files can be checked now, in order: the window
    /// checks a whole batch by asking [`Desktop::verify`] for each, showing how far it got.
    pub fn checkable_requests(&self, batch_id: i64) -> Result<Vec<i64>> {
        self.journal.checkable_requests(batch_id)
    }

    /// What the delivery URLs of request `id` answered when last checked.
    pub fn checks(&self, id: i64) -> Result<Vec<Check>> {
        self.journal.checks(id)
    }

    /// Of the changed requests, those to check by themselves now: done, never checked, of a
    /// project with a delivery base, in a batch within the project's check limit (bigger
    /// batches are checked when asked). Each is given once.
    pub fn due_checks(&self, changed: &[i64]) -> Result<Vec<i64>> {
        let unchecked = self.journal.unchecked_done(changed)?;
        let mut projects: HashMap<String, Option<Project>> = HashMap::new();
        let mut checked = self.auto_checked.lock().unwrap();
        Ok(unchecked
            .into_iter()
            .filter(|candidate| {
                let project = projects
                    .entry(candidate.project_id.clone())
                    .or_insert_with(|| self.project(&candidate.project_id).ok());
                project.as_ref().is_some_and(|p| {
                    p.delivery_base.is_some() && candidate.batch_paths <= p.check_limit
                })
            })
            .map(|candidate| candidate.request_id)
            .filter(|id| checked.insert(*id))
            .collect())
    }

    /// Stops the engine: claims nothing more, lets what is on the wire finish.
    pub async fn shutdown(&self) {
        self.engine.shutdown().await;
    }

    fn project(&self, id: &str) -> Result<Project> {
        if id == SANDBOX_PROJECT_ID {
            return Ok(self.sandbox_project());
        }
        self.settings
            .projects()?
            .projects
            .into_iter()
            .find(|p| p.id == id)
            .ok_or_else(|| Error::NotFound(format!("no project `{id}`")))
    }

    fn project_view(&self, id: &str) -> Result<ProjectView> {
        self.projects()?
            .projects
            .into_iter()
            .find(|p| p.project.id == id)
            .ok_or_else(|| Error::NotFound(format!("no project `{id}`")))
    }

    fn effective_base(&self, project: &Project) -> String {
        if project.id == SANDBOX_PROJECT_ID {
            return project.api_base.clone();
        }
        self.config
            .api_base_override
            .clone()
            .unwrap_or_else(|| project.api_base.clone())
    }

    fn client(&self, base: &str, key: ApiKey) -> Result<Client> {
        Ok(Client::builder()
            .base_url(base)
            .api_key(key)
            .timeout(self.config.client_timeout)
            .build()?)
    }

    fn key_for(&self, project_id: &str) -> Option<ApiKey> {
        if project_id == SANDBOX_PROJECT_ID {
            return Some(ApiKey::new(SANDBOX_KEY));
        }
        self.keys.lock().unwrap().get(project_id).cloned()
    }

    fn use_key(&self, project: &Project, key: ApiKey) -> Result<()> {
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

    fn set_key_state(&self, project_id: &str, state: KeyState) {
        self.key_states
            .lock()
            .unwrap()
            .insert(project_id.to_owned(), state);
    }

    /// Why a project's submissions cannot go out now, if they cannot.
    fn waiting_reason(&self, project: &Project) -> Option<String> {
        if self.key_for(&project.id).is_some() {
            return None;
        }
        Some(match self.keychain_problem.lock().unwrap().clone() {
            Some(problem) => format!(
                "Recorded, and queued: the keychain is not available ({problem}), so the key of \
                 {} cannot be read. It is sent once the keychain answers.",
                project.name
            ),
            None => format!(
                "Recorded, and queued: {} has no API key in the keychain. Add it in Projects and \
                 the queue is sent.",
                project.name
            ),
        })
    }
}

/// Whether two API bases name the same place (scheme, host, port and path); `None` if either
/// is no URL.
fn same_base(a: &str, b: &str) -> Option<bool> {
    let parse = |raw: &str| {
        let mut url = url::Url::parse(raw.trim()).ok()?;
        let path = url.path().trim_end_matches('/').to_owned();
        url.set_path(&path);
        Some(url)
    };
    Some(parse(a)? == parse(b)?)
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
