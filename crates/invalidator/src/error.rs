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

    /// `settings.json` could not be written; the settings on disk are the last ones saved.
    #[error("the settings could not be saved to {path}: {cause}; they are as last saved")]
    SettingsUnwritable { path: String, cause: String },

    /// A file or folder the program needs to start cannot be used.
    #[error(transparent)]
    CannotStart(#[from] StartFailure),
}

/// Why the program cannot start, with the path and what to do: shown in the window (or by the
/// CLI) instead of a crash.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, thiserror::Error, ts_rs::TS)]
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

    /// What to do about it, in a sentence: one text for the CLI and the app.
    pub fn advice(self) -> Option<&'static str> {
        use cloudimage::ErrorKind as Api;
        Some(match self {
            ErrorKind::Api(Api::Unauthorized) => {
                "Check the API key in the Scaleflex hub (Settings › Access › API keys)."
            }
            ErrorKind::Api(Api::Forbidden) => {
                "Only the Developer, Manager, Administrator and Owner roles may invalidate; use a \
                 key of such a user."
            }
            ErrorKind::Api(Api::Offline | Api::Timeout | Api::ConnectionBroken) => {
                "Check the API base and this computer's connection."
            }
            ErrorKind::Api(Api::Redirected | Api::BadAnswer) => {
                "Check the API base: it should be https://api.cloudimage.com."
            }
            ErrorKind::KeychainUnavailable => {
                "Unlock the system keychain (or start its service), then try again."
            }
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
            Error::BadInput(_) => ErrorKind::BadInput,
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
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// An error's text as a sentence for a window: its first letter a capital. (Errors read as
/// clauses, "the service refused…", so that they can follow "error: " on a terminal.)
pub fn sentence(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
