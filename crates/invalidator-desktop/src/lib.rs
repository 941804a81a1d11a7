//! What the desktop app does, without a window: the built-in Sandbox project, saved projects
//! with their keys in the keychain, the engine sending for every project it has a key for,
//! previews, submissions, retries, connection tests, the log and its export, checks at the
//! CDN, and the pump that tells the window what changed. The Tauri shell turns each method
//! into a command and nothing more; everything here is tested without a window.
//!
//! One [`Desktop`], its methods grouped by topic: [`projects`], [`keys`], [`connection`],
//! [`staging`] (lists and previews), [`sending`], [`log`], [`checks`], [`batch_end`], and
//! [`pump`]. Journal reads from async methods go through [`blocking`], off the async threads.

pub mod batch_end;
pub mod checks;
pub mod connection;
pub mod first_look;
pub mod keys;
pub mod log;
pub mod projects;
pub mod pump;
pub mod sending;
pub mod staging;
pub mod ui_state;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use cloudimage::{ApiKey, Client};
use cloudimage_sandbox::{SANDBOX_KEY, Sandbox, SandboxConfig};
use invalidator::owner::Owner;
use invalidator::project::SANDBOX_PROJECT_ID;
use invalidator::secrets::SecretStore;
use invalidator::settings::SettingsFile;
use invalidator::submission::Plan;
use invalidator::{
    Engine, EngineConfig, Error, Journal, Project, Result, StartFailure, StartProblem,
};

pub use batch_end::BatchEnded;
pub use connection::ConnectionTest;
pub use keys::KeyState;
pub use projects::{ProjectDraft, ProjectList, ProjectView};
pub use sending::{Submitted, Waiting};
pub use staging::{ListSource, Lists, Staged};

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
                lease: EngineConfig::lease_for(client_timeout),
                ..EngineConfig::default()
            },
            client_timeout,
            sandbox_step: Duration::from_secs(2),
        }
    }
}

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
    keychain_problem: Mutex<Option<invalidator::Problem>>,
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
        let journal = Journal::open(&invalidator::data_dir::journal_path(data_dir))?;
        let mut sandbox_config = SandboxConfig::in_data_dir(data_dir);
        sandbox_config.step = config.sandbox_step;
        let jobs_file = sandbox_config.jobs_file.clone();
        let sandbox = Sandbox::start(sandbox_config).await.map_err(|e| {
            StartFailure::new(&jobs_file, |path| StartProblem::SandboxJobs {
                path,
                cause: e.to_string(),
            })
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
            delivery: invalidator::cdn_check::client(),
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

    /// What holds sending or polling up (the journal refuses writes); empty when nothing.
    pub fn holdups(&self) -> Vec<invalidator::engine::Holdup> {
        self.engine.holdups()
    }

    /// Stops the engine: claims nothing more, lets what is on the wire finish.
    pub async fn shutdown(&self) {
        self.engine.shutdown().await;
    }

    pub(crate) fn effective_base(&self, project: &Project) -> String {
        if project.id == SANDBOX_PROJECT_ID {
            return project.api_base.clone();
        }
        self.config
            .api_base_override
            .clone()
            .unwrap_or_else(|| project.api_base.clone())
    }

    pub(crate) fn client(&self, base: &str, key: ApiKey) -> Result<Client> {
        Ok(Client::builder()
            .base_url(base)
            .api_key(key)
            .timeout(self.config.client_timeout)
            .build()?)
    }
}

/// Runs blocking work (a journal read or write, a file) on the blocking pool, so that an async
/// command never holds up the runtime's threads while SQLite works.
pub(crate) async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T> + Send + 'static,
) -> Result<T> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|e| Error::Io(std::io::Error::other(e)))?
}
