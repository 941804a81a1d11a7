use crate::secrets::SecretError;

/// The domain's one error type. `kind()` is the stable vocabulary the CLI maps to exit codes
/// and the desktop app sends to its UI.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// What the user gave cannot be used; the message says what to change.
    #[error("{0}")]
    BadInput(String),

    /// No such invalidation, batch or project.
    #[error("{0}")]
    NotFound(String),

    /// Retry was asked of something that has nothing to retry.
    #[error("{0}")]
    NotRetryable(String),

    /// No key is available for the project.
    #[error("{0}")]
    NoKey(String),

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
    SettingsDamaged(String),

    /// A file or folder the program needs to start cannot be used.
    #[error(transparent)]
    CannotStart(#[from] StartFailure),
}

/// Why the program cannot start, with the path and what to do: shown in the window (or by the
/// CLI) instead of a crash.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, thiserror::Error)]
#[serde(rename_all = "camelCase")]
#[error("the {what} {} cannot be used: {cause}. {advice}", path.display())]
pub struct StartFailure {
    /// `journal`, `data folder`, `sandbox jobs file`.
    pub what: String,
    pub path: std::path::PathBuf,
    pub cause: String,
    pub advice: String,
}

impl StartFailure {
    pub fn new(
        what: &str,
        path: &std::path::Path,
        cause: impl std::fmt::Display,
        advice: &str,
    ) -> StartFailure {
        StartFailure {
            what: what.to_owned(),
            path: path.to_owned(),
            cause: cause.to_string(),
            advice: advice.to_owned(),
        }
    }

    /// A data folder that cannot be created or written.
    pub fn data_folder(path: &std::path::Path, cause: impl std::fmt::Display) -> StartFailure {
        StartFailure::new(
            "data folder",
            path,
            cause,
            "Check that it can be created and written by you, or set INVALIDATOR_DATA_DIR to \
             another folder.",
        )
    }
}

impl Error {
    pub fn kind(&self) -> &'static str {
        match self {
            Error::BadInput(_) => "badInput",
            Error::NotFound(_) => "notFound",
            Error::NotRetryable(_) => "notRetryable",
            Error::NoKey(_) => "noKey",
            Error::Api(e) => e.kind(),
            Error::Keychain(e) => e.kind(),
            Error::Journal(_) => "journal",
            Error::Io(_) => "io",
            Error::SettingsDamaged(_) => "settingsDamaged",
            Error::CannotStart(_) => "cannotStart",
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
