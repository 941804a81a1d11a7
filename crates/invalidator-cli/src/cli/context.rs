//! What every command needs: the data dir, the journal, and (for commands that talk to the
//! service) the project with its key and an engine.

use std::path::PathBuf;
use std::time::Duration;

use cloudimage::{ApiKey, Client, DEFAULT_BASE};
use invalidator::owner::Owner;
use invalidator::secrets::{Keychain, SecretStore};
use invalidator::{Engine, EngineConfig, Error, Journal, Problem, Project, Result, SavedProjects};

use super::Args;

/// The key's environment variable: the CLI's only way to take a key directly.
pub const API_KEY_ENV: &str = "INVALIDATOR_API_KEY";

pub struct Context {
    pub data_dir: PathBuf,
    api_base: Option<String>,
    project_name: Option<String>,
    max_in_flight: usize,
    timeout: Duration,
    poll_min: Duration,
    lease: Duration,
}

/// A project this run can send for.
pub struct Sender {
    pub project: Project,
    pub client: Client,
}

impl Context {
    pub fn new(args: &Args) -> Context {
        Context {
            data_dir: invalidator::data_dir::resolve(args.data_dir.clone()),
            api_base: args.api_base.clone().filter(|b| !b.trim().is_empty()),
            project_name: args.project.clone().filter(|p| !p.trim().is_empty()),
            max_in_flight: args.max_in_flight.max(1),
            timeout: Duration::from_secs(args.timeout.max(1)),
            poll_min: Duration::from_millis(args.poll_ms.max(10)),
            lease: args.lease_ms.map_or(
                invalidator::EngineConfig::lease_for(Duration::from_secs(args.timeout.max(1))),
                Duration::from_millis,
            ),
        }
    }

    pub fn journal(&self) -> Result<Journal> {
        Journal::open(&invalidator::data_dir::journal_path(&self.data_dir))
    }

    /// The saved project named by `--project`, if one was named.
    pub fn named_project(&self) -> Result<Option<Project>> {
        let Some(name) = &self.project_name else {
            return Ok(None);
        };
        let saved = SavedProjects::load(&self.data_dir)?;
        match saved.find(name) {
            Some(project) => Ok(Some(project.clone())),
            None => {
                let names: Vec<&str> = saved.projects.iter().map(|p| p.name.as_str()).collect();
                Err(Error::NotFound(if names.is_empty() {
                    Problem::CliNoSavedProjects {
                        name: name.clone(),
                        folder: self.data_dir.display().to_string(),
                    }
                } else {
                    Problem::CliNoSuchProject {
                        name: name.clone(),
                        saved: names.join(", "),
                    }
                }))
            }
        }
    }

    /// The project this run sends for, and a client with its key: `--project` (key from the
    /// keychain unless INVALIDATOR_API_KEY is set), else INVALIDATOR_API_KEY alone.
    pub fn sender(&self) -> Result<Sender> {
        let env_key = std::env::var(API_KEY_ENV)
            .ok()
            .map(ApiKey::new)
            .filter(|k| !k.is_empty());
        let (project, key) = match self.named_project()? {
            Some(mut project) => {
                if let Some(base) = &self.api_base {
                    project.api_base = base.clone();
                }
                let key = match env_key {
                    Some(key) => key,
                    None => Keychain::default().retrieve(&project.id)?.ok_or_else(|| {
                        Error::NoKey(Problem::CliNoKeyInKeychain {
                            project: project.name.clone(),
                        })
                    })?,
                };
                (project, key)
            }
            None => {
                let key = env_key.ok_or_else(|| {
                    Error::NoKey(Problem::CliNoKey {
                        variable: API_KEY_ENV.to_owned(),
                    })
                })?;
                let base = self
                    .api_base
                    .clone()
                    .unwrap_or_else(|| DEFAULT_BASE.to_owned());
                (Project::from_environment(&base, &key), key)
            }
        };
        let client = Client::builder()
            .base_url(&project.api_base)
            .api_key(key)
            .timeout(self.timeout)
            .build()?;
        Ok(Sender { project, client })
    }

    /// Starts an engine that sends and polls for `sender`'s project.
    pub fn engine(&self, journal: Journal, sender: &Sender) -> Result<Engine> {
        let owner = Owner::register(&self.data_dir)?;
        let config = EngineConfig {
            max_in_flight: self.max_in_flight,
            poll_min: self.poll_min,
            lease: self.lease,
            ..EngineConfig::default()
        };
        let engine = Engine::start(journal, owner, config);
        engine.set_endpoint(&sender.project.id, sender.client.clone());
        Ok(engine)
    }
}
