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
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
