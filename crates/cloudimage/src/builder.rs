//! Setting up a [`Client`]: the base (https only, except on this computer), the key (checked,
//! and sent only as a sensitive header), timeouts, and no redirect ever followed.

use std::net::IpAddr;
use std::time::Duration;

use reqwest::header::{CONTENT_TYPE, HeaderMap, HeaderValue};
use url::Url;

use crate::{ApiKey, Client, ConfigProblem, Error};

/// Production API base.
pub const DEFAULT_BASE: &str = "https://api.cloudimage.com";

/// Builds a [`Client`]. Defaults: production base, 5 s to connect, 30 s per call.
#[derive(Debug, Clone)]
pub struct ClientBuilder {
    base: String,
    key: Option<ApiKey>,
    connect_timeout: Duration,
    timeout: Duration,
    user_agent: String,
}

impl Default for ClientBuilder {
    fn default() -> Self {
        Self {
            base: DEFAULT_BASE.to_owned(),
            key: None,
            connect_timeout: Duration::from_secs(5),
            timeout: Duration::from_secs(30),
            user_agent: concat!("invalidator/", env!("CARGO_PKG_VERSION")).to_owned(),
        }
    }
}

impl ClientBuilder {
    pub fn base_url(mut self, base: impl Into<String>) -> Self {
        self.base = base.into();
        self
    }

    pub fn api_key(mut self, key: ApiKey) -> Self {
        self.key = Some(key);
        self
    }

    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// The whole call: connect, send, and read the answer.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    pub fn user_agent(mut self, agent: impl Into<String>) -> Self {
        self.user_agent = agent.into();
        self
    }

    pub fn build(self) -> Result<Client, Error> {
        let key = self
            .key
            .filter(|k| !k.is_empty())
            .ok_or(Error::Config(ConfigProblem::NoKey))?;
        key.check().map_err(Error::Config)?;
        let base = parse_base(&self.base)?;
        let mut headers = HeaderMap::new();
        // `check` lets through nothing a header cannot carry.
        let mut key_header = HeaderValue::from_str(key.expose()).map_err(|_| {
            Error::Config(ConfigProblem::KeyUnsendable {
                code: String::new(),
                position: 0,
            })
        })?;
        // Keeps the key out of hyper's and reqwest's own debug output.
        key_header.set_sensitive(true);
        headers.insert("x-client-key", key_header);
        headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        let http = reqwest::Client::builder()
            // A redirect would carry the key to wherever it points, http after https
            // included. None is followed: a 3xx is an error that names where it pointed.
            .redirect(reqwest::redirect::Policy::none())
            .default_headers(headers)
            .connect_timeout(self.connect_timeout)
            .timeout(self.timeout)
            .user_agent(self.user_agent)
            .build()
            .map_err(|e| {
                Error::Config(ConfigProblem::HttpSetup {
                    cause: e.to_string(),
                })
            })?;
        Ok(Client::new(http, base, key, self.timeout))
    }
}

/// Only `https://`, except on loopback where the sandbox and tests live.
fn parse_base(raw: &str) -> Result<Url, Error> {
    let base = || raw.to_owned();
    let mut url = Url::parse(raw.trim()).map_err(|e| {
        Error::Config(ConfigProblem::BaseNotAUrl {
            base: base(),
            cause: e.to_string(),
        })
    })?;
    let loopback = match url.host() {
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
        Some(url::Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
        None => false,
    };
    match url.scheme() {
        "https" => {}
        "http" if loopback => {}
        "http" => {
            return Err(Error::Config(ConfigProblem::BaseHttp { base: base() }));
        }
        other => {
            return Err(Error::Config(ConfigProblem::BaseScheme {
                base: base(),
                scheme: other.to_owned(),
            }));
        }
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(Error::Config(ConfigProblem::BaseQuery { base: base() }));
    }
    // `join` replaces the last segment unless the path ends in a slash.
    if !url.path().ends_with('/') {
        let path = format!("{}/", url.path());
        url.set_path(&path);
    }
    Ok(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_must_be_https_except_on_loopback() {
        assert!(parse_base("https://api.cloudimage.com").is_ok());
        assert!(parse_base("http://127.0.0.1:8080").is_ok());
        assert!(parse_base("http://localhost:8080/api").is_ok());
        assert!(parse_base("http://[::1]:8080").is_ok());
        let err = parse_base("http://api.cloudimage.com").unwrap_err();
        assert!(err.to_string().contains("only https://"), "{err}");
        assert!(parse_base("ftp://x").is_err());
        assert!(parse_base("not a url").is_err());
    }
}
