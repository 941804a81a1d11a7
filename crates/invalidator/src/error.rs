use crate::paths::Notice;
use crate::problem::{Advice, Problem};
use crate::secrets::SecretError;

/// The domain's one error type. `kind()` is the stable vocabulary the CLI maps to exit codes
/// and the desktop app sends to its UI; `problem()` is what to tell the user, as a catalogue
/// message. `Display` is English, for logs.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// What the user gave cannot be used; the problem says what to change.
    #[error("{0}")]
    BadInput(Problem),

    /// No such invalidation, batch or project.
    #[error("{0}")]
    NotFound(Problem),

    /// Retry was asked of something that has nothing to retry.
    #[error("{0}")]
    NotRetryable(Problem),

    /// No key is available for the project.
    #[error("{0}")]
    NoKey(Problem),

    /// Lines of a list were refused, each with its reason: nothing was sent.
    #[error("{}", refused_in_english(.0))]
    ListRefused(Vec<Notice>),

    #[error(transparent)]
    Api(#[from] cloudimage::Error),

    #[error(transparent)]
    Keychain(#[from] SecretError),

    #[error("the journal could not be read or written: {0}")]
    Journal(#[from] rusqlite::Error),

    #[error("{0}")]
    Io(#[from] std::io::Error),

    /// `settings.json` cannot be read; nothing is written to it until the user chooses.
    #[error("{0}")]
    SettingsDamaged(Problem),

    /// `settings.json` could not be written; the settings on disk are the last ones saved.
    #[error("the settings could not be saved to {path}: {cause}; they are as last saved")]
    SettingsUnwritable { path: String, cause: String },

    /// A file or folder the program needs to start cannot be used.
    #[error(transparent)]
    CannotStart(#[from] StartFailure),
}

/// A key or base that cannot be used, found before anything is sent.
impl From<cloudimage::ConfigProblem> for Error {
    fn from(problem: cloudimage::ConfigProblem) -> Error {
        Error::Api(cloudimage::Error::Config(problem))
    }
}

fn refused_in_english(notices: &[Notice]) -> String {
    let lines: Vec<String> = notices.iter().map(Notice::in_english).collect();
    format!(
        "{}:\n  {}",
        Problem::ListRefused {
            lines: notices.len()
        },
        lines.join("\n  ")
    )
}

/// Why the program cannot start, with the path and what to do: shown in the window (or by the
/// CLI) instead of a crash.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, thiserror::Error, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[error("{} {}", invalidator_words::english(.problem), invalidator_words::in_english_attribute(.problem, "advice"))]
pub struct StartFailure {
    /// The file or folder that cannot be used.
    pub path: std::path::PathBuf,
    /// What cannot be used and why (the message's value), and what to do (its `.advice`).
    pub problem: StartProblem,
}

/// What cannot be used to start. `path` is the file or folder; `cause` what the system said.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
#[serde(tag = "id", content = "args")]
pub enum StartProblem {
    /// Written by a newer version (its schema `version`; this one knows up to `known`).
    #[serde(rename = "start-journal-newer")]
    JournalNewer {
        path: String,
        version: usize,
        known: usize,
    },
    #[serde(rename = "start-not-a-journal")]
    NotAJournal { path: String },
    #[serde(rename = "start-journal-read-only")]
    JournalReadOnly { path: String, cause: String },
    #[serde(rename = "start-journal-unusable")]
    JournalUnusable { path: String, cause: String },
    #[serde(rename = "start-data-folder")]
    DataFolder { path: String, cause: String },
    #[serde(rename = "start-sandbox-jobs")]
    SandboxJobs { path: String, cause: String },
}

impl StartFailure {
    /// A failure about `path`, told by `problem` (made from the path as shown).
    pub fn new(path: &std::path::Path, problem: impl FnOnce(String) -> StartProblem) -> Self {
        StartFailure {
            path: path.to_owned(),
            problem: problem(path.display().to_string()),
        }
    }

    /// A data folder that cannot be created or written.
    pub fn data_folder(path: &std::path::Path, cause: impl std::fmt::Display) -> StartFailure {
        StartFailure::new(path, |path| StartProblem::DataFolder {
            path,
            cause: cause.to_string(),
        })
    }
}

/// What went wrong, as a stable code: the CLI maps it to exit codes, the window switches on
/// it, and both take the same advice from it. Serialised as `badInput`, `keychainUnavailable`…
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize, ts_rs::TS,
)]
#[serde(rename_all = "camelCase")]
pub enum ErrorKind {
    BadInput,
    NotFound,
    NotRetryable,
    NoKey,
    KeychainUnavailable,
    Journal,
    Io,
    SettingsDamaged,
    SettingsUnwritable,
    CannotStart,
    /// What the client says went wrong talking to the service, by its own names.
    #[serde(untagged)]
    Api(cloudimage::ErrorKind),
}

impl ErrorKind {
    /// The code as the window and the journal write it.
    pub fn as_str(self) -> String {
        serde_json::to_value(self)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default()
    }

    /// What to do about it: one message for the CLI and the app.
    pub fn advice(self) -> Option<Advice> {
        use cloudimage::ErrorKind as Api;
        Some(match self {
            ErrorKind::Api(Api::Unauthorized) => Advice::CheckKey,
            ErrorKind::Api(Api::Forbidden) => Advice::Role,
            ErrorKind::Api(Api::Offline | Api::Timeout | Api::ConnectionBroken) => {
                Advice::CheckConnection
            }
            ErrorKind::Api(Api::Redirected | Api::BadAnswer) => Advice::CheckBase,
            ErrorKind::KeychainUnavailable => Advice::UnlockKeychain,
            _ => return None,
        })
    }
}

impl std::fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.as_str())
    }
}

impl PartialEq<&str> for ErrorKind {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl Error {
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::BadInput(_) | Error::ListRefused(_) => ErrorKind::BadInput,
            Error::NotFound(_) => ErrorKind::NotFound,
            Error::NotRetryable(_) => ErrorKind::NotRetryable,
            Error::NoKey(_) => ErrorKind::NoKey,
            Error::Api(e) => ErrorKind::Api(e.kind()),
            Error::Keychain(_) => ErrorKind::KeychainUnavailable,
            Error::Journal(_) => ErrorKind::Journal,
            Error::Io(_) => ErrorKind::Io,
            Error::SettingsDamaged(_) => ErrorKind::SettingsDamaged,
            Error::SettingsUnwritable { .. } => ErrorKind::SettingsUnwritable,
            Error::CannotStart(_) => ErrorKind::CannotStart,
        }
    }

    /// What to tell the user, as a catalogue message with its facts. (A list's refused lines
    /// are in [`Error::ListRefused`], for the doors to list under it; a start failure's
    /// advice is in its own message.)
    pub fn problem(&self) -> Problem {
        match self {
            Error::BadInput(problem)
            | Error::NotFound(problem)
            | Error::NotRetryable(problem)
            | Error::NoKey(problem)
            | Error::SettingsDamaged(problem) => problem.clone(),
            Error::ListRefused(notices) => Problem::ListRefused {
                lines: notices.len(),
            },
            Error::Api(e) => Problem::Api { said: e.said() },
            Error::Keychain(e) => e.problem(),
            Error::Journal(e) => Problem::Journal {
                cause: e.to_string(),
            },
            Error::Io(e) => Problem::File {
                cause: e.to_string(),
            },
            Error::SettingsUnwritable { path, cause } => Problem::SettingsUnwritable {
                path: path.clone(),
                cause: cause.clone(),
            },
            Error::CannotStart(failure) => Problem::CannotStart {
                start: failure.problem.clone(),
            },
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
