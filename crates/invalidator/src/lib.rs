//! Invalidator's domain, with no knowledge of any window: read the paths a manager pastes,
//! record each submission in the journal before sending it, send it with bounded concurrency
//! and patient retries, follow each invalidation to its end, and offer a retry for whatever
//! failed. The desktop app and the `invalidator` CLI are two thin doors onto this crate.
//!
//! Map: [`paths`] reads path lists; [`submission`] turns them into batches; [`journal`] keeps
//! everything; [`engine`] sends ([`engine::dispatch`]) and follows ([`engine::poll`]); [`retry`] builds retries;
//! [`condition`] puts a request's state into words; [`secrets`] keeps keys in the OS keychain;
//! [`owner`] tells live processes from dead ones; [`cdn_check`] checks that the fresh file
//! is served; [`outside`] makes text from outside inert
//! where it is written out. The simulated service is the `cloudimage-sandbox` crate, and what
//! the desktop app does without its window is `invalidator-desktop`.

pub mod cdn_check;
pub mod condition;
pub mod data_dir;
pub mod engine;
mod error;
pub mod export;
pub mod journal;
pub mod list_file;
pub mod logging;
pub mod outside;
pub mod owner;
pub mod paths;
mod problem;
pub mod project;
pub mod retry;
mod said;
pub mod secrets;
pub mod settings;
pub mod submission;
pub mod vocabulary;

pub use condition::{Condition, ConditionText, RequestState, StatusFilter, Tone};
pub use engine::{Change, Engine, EngineConfig};
pub use error::{Error, ErrorKind, Result, StartFailure, StartProblem};
pub use journal::{Journal, ProjectRef};
pub use problem::{Advice, DeliveryBaseFault, Problem};
pub use project::{Project, SavedProjects};
pub use said::{Recorded, Said};

/// What a batch flushes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "lowercase")]
pub enum ScopeKind {
    /// The listed paths, originals and every cached transformation.
    Original,
    /// The project's whole cache.
    All,
}

impl ScopeKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ScopeKind::Original => "original",
            ScopeKind::All => "all",
        }
    }

    /// Reads a stored or typed scope; anything but `all` is `original`.
    pub fn parse(raw: &str) -> ScopeKind {
        if raw.trim().eq_ignore_ascii_case("all") {
            ScopeKind::All
        } else {
            ScopeKind::Original
        }
    }
}

impl std::fmt::Display for ScopeKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// `view.scope == "all"`, as the journal and the service write it.
impl PartialEq<&str> for ScopeKind {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}
