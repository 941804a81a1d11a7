//! Projects: where invalidations go, and with which settings. The desktop app keeps them in
//! `settings.json` in the data dir (see `settings.rs`); the CLI reads the same file.
//! Keys are never here: they live in the OS keychain, under the project's id.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::paths::PathRules;
use crate::{DeliveryBaseFault, Error, Problem};

/// Paths per request unless the project says otherwise; the help center says 5-10.
pub const DEFAULT_BATCH_SIZE: usize = 10;
/// The most a project may set: a support article names 15.
pub const MAX_BATCH_SIZE: usize = 15;

/// The id of the built-in sandbox project of the desktop app.
pub const SANDBOX_PROJECT_ID: &str = "sandbox";

/// A project's non-secret settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Project {
    /// Stable id; also the keychain entry's name. Never shown as a label.
    pub id: String,
    pub name: String,
    pub api_base: String,
    /// The token was created before November 2021: every path takes `/v7`.
    #[serde(default)]
    pub v7: bool,
    #[serde(default = "default_batch_size")]
    pub batch_size: usize,
    /// Where the project's files are served, for example `https://demo.cloudimg.io`: paths
    /// are checked there once invalidated (see `cdn_check/`). Public: no key goes there.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delivery_base: Option<String>,
    /// Batches of at most this many paths are checked as soon as they are done; bigger ones
    /// only when asked.
    #[serde(default = "default_check_limit")]
    pub check_limit: usize,
}

fn default_batch_size() -> usize {
    DEFAULT_BATCH_SIZE
}

/// Paths a batch may hold and still be checked by itself once done.
pub const DEFAULT_CHECK_LIMIT: usize = 50;

fn default_check_limit() -> usize {
    DEFAULT_CHECK_LIMIT
}

impl Project {
    pub fn rules(&self) -> PathRules {
        PathRules { v7: self.v7 }
    }

    /// The batch size, forced into 1..=15 whatever the file says.
    pub fn batch_size(&self) -> usize {
        self.batch_size.clamp(1, MAX_BATCH_SIZE)
    }

    /// The project of a CLI run that got its key from `INVALIDATOR_API_KEY`. Its id is a
    /// fingerprint of base and key, so requests queued with one key are never sent with
    /// another. A truncated SHA-256 tells nothing about the key itself.
    pub fn from_environment(api_base: &str, key: &cloudimage::ApiKey) -> Project {
        let mut hasher = Sha256::new();
        hasher.update(api_base.trim_end_matches('/').as_bytes());
        hasher.update([0]);
        hasher.update(key.expose().as_bytes());
        let digest = hasher.finalize();
        let fingerprint: String = digest[..6].iter().map(|b| format!("{b:02x}")).collect();
        Project {
            id: format!("env-{fingerprint}"),
            // Named by where its key came from, the same in every language (the journal keeps
            // the name).
            name: format!("{} (INVALIDATOR_API_KEY)", host_of(api_base)),
            api_base: api_base.to_owned(),
            v7: false,
            batch_size: DEFAULT_BATCH_SIZE,
            delivery_base: None,
            check_limit: DEFAULT_CHECK_LIMIT,
        }
    }

    /// Checks what a user typed, with messages that say what to change.
    pub fn validate(&self) -> Result<(), Error> {
        if self.name.trim().is_empty() {
            return Err(Error::BadInput(Problem::ProjectNeedsName));
        }
        if !(1..=MAX_BATCH_SIZE).contains(&self.batch_size) {
            return Err(Error::BadInput(Problem::BatchSize {
                most: MAX_BATCH_SIZE,
            }));
        }
        if let Some(base) = &self.delivery_base {
            check_delivery_base(base)?;
        }
        Ok(())
    }
}

/// A delivery base must be a plain web address: `http(s)://host[:port][/prefix]`, nothing
/// after the path (a query or fragment would end up inside every URL checked) and no user
/// name or password (they would be sent to every path checked).
pub fn check_delivery_base(base: &str) -> Result<(), Error> {
    let bad = |why| {
        Error::BadInput(Problem::DeliveryBase {
            base: base.to_owned(),
            why,
        })
    };
    let url = url::Url::parse(base).map_err(|e| {
        bad(DeliveryBaseFault::NotAnAddress {
            cause: e.to_string(),
        })
    })?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(bad(DeliveryBaseFault::Scheme));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(bad(DeliveryBaseFault::NoHost));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(bad(DeliveryBaseFault::Credentials));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(bad(DeliveryBaseFault::Query));
    }
    Ok(())
}

/// The host of a base URL, for labels.
fn host_of(base: &str) -> String {
    url::Url::parse(base)
        .ok()
        .and_then(|u| {
            u.host_str().map(|h| {
                format!(
                    "{h}{}",
                    u.port().map(|p| format!(":{p}")).unwrap_or_default()
                )
            })
        })
        .unwrap_or_else(|| base.to_owned())
}

/// The part of the settings file this crate reads. Other keys of the file are left alone.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SavedProjects {
    #[serde(default)]
    pub projects: Vec<Project>,
    #[serde(default)]
    pub selected_project: Option<String>,
}

impl SavedProjects {
    /// A project by name (any case) or id.
    pub fn find(&self, name_or_id: &str) -> Option<&Project> {
        self.projects
            .iter()
            .find(|p| p.id == name_or_id)
            .or_else(|| {
                self.projects
                    .iter()
                    .find(|p| p.name.eq_ignore_ascii_case(name_or_id.trim()))
            })
    }
}

/// Splits paths into requests of at most `size` paths each.
pub fn split_into_requests(paths: &[String], size: usize) -> Vec<Vec<String>> {
    paths
        .chunks(size.clamp(1, MAX_BATCH_SIZE))
        .map(<[String]>::to_vec)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn environment_projects_differ_by_key_and_base_and_hide_the_key() {
        let a = Project::from_environment(
            "http://127.0.0.1:1",
            &cloudimage::ApiKey::new("key_one_0000000000000000000000"),
        );
        let b = Project::from_environment(
            "http://127.0.0.1:1",
            &cloudimage::ApiKey::new("key_two_0000000000000000000000"),
        );
        let c = Project::from_environment(
            "http://127.0.0.1:2/",
            &cloudimage::ApiKey::new("key_one_0000000000000000000000"),
        );
        assert_ne!(a.id, b.id);
        assert_ne!(a.id, c.id);
        assert!(a.id.starts_with("env-") && a.id.len() == 16, "{}", a.id);
        assert!(!a.id.contains("key_one"));
        assert_eq!(a.name, "127.0.0.1:1 (INVALIDATOR_API_KEY)");
    }

    #[test]
    fn requests_hold_at_most_the_batch_size() {
        let paths: Vec<String> = (0..23).map(|i| format!("/{i}.jpg")).collect();
        let sizes: Vec<usize> = split_into_requests(&paths, 10)
            .iter()
            .map(Vec::len)
            .collect();
        assert_eq!(sizes, vec![10, 10, 3]);
        let sizes: Vec<usize> = split_into_requests(&paths, 99)
            .iter()
            .map(Vec::len)
            .collect();
        assert_eq!(sizes, vec![15, 8]);
        assert_eq!(split_into_requests(&paths, 0).len(), 23);
    }
}
