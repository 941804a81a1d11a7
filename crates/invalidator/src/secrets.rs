//! API keys behind a small door: persist, retrieve, delete, by project id. The OS keychain
//! (Secret Service, macOS Keychain, Windows Credential Manager) is the only place a key is
//! ever written. Nothing else in the workspace names the keyring crate.
//!
//! The CLI and the desktop app both read keys through here, so a project saved in the app is
//! usable from the CLI with `--project NAME`.

use std::collections::HashMap;
use std::sync::Mutex;
use std::sync::mpsc;
use std::time::Duration;

use cloudimage::ApiKey;

use crate::data_dir::APP_IDENTIFIER;

/// How long a keychain call may take. A locked keyring without a prompter can block forever;
/// past this, the call is given up (its thread is left behind) and the keychain reported
/// unavailable.
pub const KEYCHAIN_TIMEOUT: Duration = Duration::from_secs(10);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SecretError {
    /// No keychain service, or it refused access (locked, no D-Bus session, …).
    #[error(
        "the system keychain is not available ({0}); unlock it or start its service, then try again"
    )]
    Unavailable(String),
    /// The keychain did not answer in time; it is probably locked and waiting for a password.
    #[error(
        "the system keychain did not answer within {0} s; it may be locked: unlock it and try again"
    )]
    TimedOut(u64),
    /// Anything else the platform reported.
    #[error("the system keychain failed: {0}")]
    Failed(String),
}

impl SecretError {
    pub fn kind(&self) -> &'static str {
        "keychainUnavailable"
    }

    /// What to tell the user.
    pub fn problem(&self) -> crate::Problem {
        use crate::Problem;
        match self {
            SecretError::Unavailable(cause) => Problem::KeychainUnavailable {
                cause: cause.clone(),
            },
            SecretError::TimedOut(seconds) => Problem::KeychainTimedOut { seconds: *seconds },
            SecretError::Failed(cause) => Problem::KeychainFailed {
                cause: cause.clone(),
            },
        }
    }
}

/// Where keys are kept.
pub trait SecretStore: Send + Sync {
    fn persist(&self, project_id: &str, key: &ApiKey) -> Result<(), SecretError>;
    /// `Ok(None)` when there is no key for the project: that is not an error.
    fn retrieve(&self, project_id: &str) -> Result<Option<ApiKey>, SecretError>;
    /// Deleting a key that is not there succeeds.
    fn delete(&self, project_id: &str) -> Result<(), SecretError>;
}

/// The OS keychain. Every call runs on its own thread with [`KEYCHAIN_TIMEOUT`].
#[derive(Debug, Clone)]
pub struct Keychain {
    service: String,
    timeout: Duration,
}

impl Default for Keychain {
    fn default() -> Self {
        Self {
            service: APP_IDENTIFIER.to_owned(),
            timeout: KEYCHAIN_TIMEOUT,
        }
    }
}

impl Keychain {
    /// A keychain under another service name; tests use it to stay apart from real entries.
    pub fn with_service(service: impl Into<String>) -> Self {
        Self {
            service: service.into(),
            ..Self::default()
        }
    }

    fn call<T: Send + 'static>(
        &self,
        project_id: &str,
        op: impl FnOnce(keyring::Entry) -> keyring::Result<T> + Send + 'static,
    ) -> Result<T, SecretError> {
        let service = self.service.clone();
        let user = project_id.to_owned();
        let (tx, rx) = mpsc::channel();
        std::thread::Builder::new()
            .name("keychain".into())
            .spawn(move || {
                let result = keyring::Entry::new(&service, &user).and_then(op);
                let _ = tx.send(result);
            })
            .map_err(|e| SecretError::Failed(e.to_string()))?;
        match rx.recv_timeout(self.timeout) {
            Ok(result) => result.map_err(classify),
            Err(_) => Err(SecretError::TimedOut(self.timeout.as_secs())),
        }
    }
}

/// Whether the platform's default keychain keeps keys beyond this process. keyring falls
/// back to an in-memory store when built without a store feature; that must never ship.
pub fn keychain_persists() -> bool {
    matches!(
        keyring::default::default_credential_builder().persistence(),
        keyring::credential::CredentialPersistence::UntilDelete
            | keyring::credential::CredentialPersistence::UntilReboot
    )
}

/// Platform errors into the three things a user can act on. keyring's messages name neither
/// the secret nor the entry's password.
fn classify(e: keyring::Error) -> SecretError {
    match e {
        keyring::Error::PlatformFailure(inner) => SecretError::Unavailable(inner.to_string()),
        keyring::Error::NoStorageAccess(inner) => SecretError::Unavailable(inner.to_string()),
        other => SecretError::Failed(other.to_string()),
    }
}

impl SecretStore for Keychain {
    fn persist(&self, project_id: &str, key: &ApiKey) -> Result<(), SecretError> {
        let secret = key.expose().to_owned();
        self.call(project_id, move |entry| entry.set_password(&secret))
    }

    fn retrieve(&self, project_id: &str) -> Result<Option<ApiKey>, SecretError> {
        self.call(project_id, |entry| match entry.get_password() {
            Ok(secret) => Ok(Some(ApiKey::new(secret))),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(e),
        })
    }

    fn delete(&self, project_id: &str) -> Result<(), SecretError> {
        self.call(project_id, |entry| match entry.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(e),
        })
    }
}

/// Keys in memory, for tests of code above the keychain.
#[derive(Debug, Default)]
pub struct MemoryStore {
    keys: Mutex<HashMap<String, ApiKey>>,
}

impl SecretStore for MemoryStore {
    fn persist(&self, project_id: &str, key: &ApiKey) -> Result<(), SecretError> {
        self.keys
            .lock()
            .unwrap()
            .insert(project_id.to_owned(), key.clone());
        Ok(())
    }

    fn retrieve(&self, project_id: &str) -> Result<Option<ApiKey>, SecretError> {
        Ok(self.keys.lock().unwrap().get(project_id).cloned())
    }

    fn delete(&self, project_id: &str) -> Result<(), SecretError> {
        self.keys.lock().unwrap().remove(project_id);
        Ok(())
    }
}
