//! What went wrong, as data a door can put in its user's words: a message id with the facts
//! (`{"id": "api-server", "args": {"status": 503, "message": "…"}}`). The client holds no
//! sentences for people; its `Display` is for logs. `message`, `body` and `location` came
//! from the service, scrubbed of the key and cut.

use serde::Serialize;

use crate::Error;

/// Why the API base or the key cannot be used: nothing was sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(tag = "id", content = "args")]
pub enum ConfigProblem {
    #[serde(rename = "api-no-key")]
    NoKey,
    #[serde(rename = "api-key-empty")]
    KeyEmpty,
    /// Whitespace inside the key, at character `position` (1-based).
    #[serde(rename = "api-key-whitespace")]
    KeyWhitespace { code: String, position: usize },
    /// A character no header carries.
    #[serde(rename = "api-key-unsendable")]
    KeyUnsendable { code: String, position: usize },
    #[serde(rename = "api-not-an-id")]
    NotAnId,
    #[serde(rename = "api-base-not-a-url")]
    BaseNotAUrl { base: String, cause: String },
    #[serde(rename = "api-base-http")]
    BaseHttp { base: String },
    #[serde(rename = "api-base-scheme")]
    BaseScheme { base: String, scheme: String },
    #[serde(rename = "api-base-query")]
    BaseQuery { base: String },
    #[serde(rename = "api-base-no-path")]
    BaseNoPath,
    #[serde(rename = "api-http-setup")]
    HttpSetup { cause: String },
}

impl std::fmt::Display for ConfigProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ConfigProblem::NoKey => f.write_str("no API key was given"),
            ConfigProblem::KeyEmpty => f.write_str("the API key is empty"),
            ConfigProblem::KeyWhitespace { code, position } => {
                write!(
                    f,
                    "the API key holds whitespace ({code}) at character {position}; paste the \
                     key again, exactly as the hub shows it"
                )
            }
            ConfigProblem::KeyUnsendable { code, position } => write!(
                f,
                "the API key holds a character that cannot be sent in a header ({code}) at \
                 character {position}; paste the key again, exactly as the hub shows it"
            ),
            ConfigProblem::NotAnId => f.write_str(
                "that is not an invalidation id (1 to 64 letters, digits, - or _); nothing was \
                 asked",
            ),
            ConfigProblem::BaseNotAUrl { base, cause } => {
                write!(f, "the API base `{base}` is not a URL ({cause})")
            }
            ConfigProblem::BaseHttp { base } => write!(
                f,
                "the API base `{base}` uses http://; only https:// is allowed outside this \
                 computer"
            ),
            ConfigProblem::BaseScheme { base, scheme } => {
                write!(f, "the API base `{base}` uses {scheme}://; use https://")
            }
            ConfigProblem::BaseQuery { base } => {
                write!(
                    f,
                    "the API base `{base}` must not carry a query or fragment"
                )
            }
            ConfigProblem::BaseNoPath => f.write_str("the API base cannot carry a path"),
            ConfigProblem::HttpSetup { cause } => write!(f, "could not set up HTTP: {cause}"),
        }
    }
}

/// An [`Error`] as a message: its kind's id and its facts. Seconds are whole seconds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(tag = "id", content = "args")]
pub enum ApiSaid {
    #[serde(rename = "api-config")]
    Config { problem: ConfigProblem },
    #[serde(rename = "api-unauthorized")]
    Unauthorized { message: String },
    #[serde(rename = "api-forbidden")]
    Forbidden { message: String },
    #[serde(rename = "api-unknown-id")]
    UnknownId { message: String },
    /// A 404 without the service's error shape: not the API.
    #[serde(rename = "api-not-the-api")]
    NotTheApi { message: String },
    #[serde(rename = "api-redirected")]
    Redirected { status: u16, location: String },
    /// A redirect that named no place to go.
    #[serde(rename = "api-redirected-nowhere")]
    RedirectedNowhere { status: u16 },
    #[serde(rename = "api-too-large")]
    TooLarge { kib: usize },
    #[serde(rename = "api-rate-limited")]
    RateLimited { message: String },
    #[serde(rename = "api-server")]
    Server { status: u16, message: String },
    #[serde(rename = "api-rejected")]
    Rejected { status: u16, message: String },
    #[serde(rename = "api-unreachable")]
    Unreachable { message: String },
    #[serde(rename = "api-connection-broken")]
    ConnectionBroken { message: String },
    #[serde(rename = "api-timeout")]
    Timeout { seconds: u64 },
    #[serde(rename = "api-unreadable")]
    Unreadable { reason: Unreadable, body: String },
}

/// Why an answer could not be read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(tag = "id", content = "args")]
pub enum Unreadable {
    /// Not the JSON the service sends; `cause` is the parser's.
    #[serde(rename = "unreadable-not-json")]
    NotJson { cause: String },
    #[serde(rename = "unreadable-no-uuid")]
    NoUuid,
    #[serde(rename = "unreadable-no-invalidation")]
    NoInvalidation,
    /// Its uuid is not in the shape of one, so it is never asked about.
    #[serde(rename = "unreadable-bad-uuid")]
    BadUuid { uuid: String, most: usize },
}

impl std::fmt::Display for Unreadable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Unreadable::NotJson { cause } => write!(f, "not the expected JSON: {cause}"),
            Unreadable::NoUuid => f.write_str("the answer carries no uuid"),
            Unreadable::NoInvalidation => f.write_str("the answer carries no invalidation"),
            Unreadable::BadUuid { uuid, most } => write!(
                f,
                "its uuid \"{uuid}\" is not an invalidation id (1 to {most} letters, digits, - \
                 or _), so it is not asked about"
            ),
        }
    }
}

impl Error {
    /// This error as a message for people, with its facts.
    pub fn said(&self) -> ApiSaid {
        let message = |m: &String| m.clone();
        match self {
            Error::Config(problem) => ApiSaid::Config {
                problem: problem.clone(),
            },
            Error::Unauthorized { message: m } => ApiSaid::Unauthorized {
                message: message(m),
            },
            Error::Forbidden { message: m } => ApiSaid::Forbidden {
                message: message(m),
            },
            Error::NotFound {
                message: m,
                from_service: true,
            } => ApiSaid::UnknownId {
                message: message(m),
            },
            Error::NotFound { message: m, .. } => ApiSaid::NotTheApi {
                message: message(m),
            },
            Error::Redirected {
                status,
                location: Some(location),
            } => ApiSaid::Redirected {
                status: *status,
                location: location.clone(),
            },
            Error::Redirected { status, .. } => ApiSaid::RedirectedNowhere { status: *status },
            Error::TooLarge { limit } => ApiSaid::TooLarge { kib: limit / 1024 },
            Error::RateLimited { message: m, .. } => ApiSaid::RateLimited {
                message: message(m),
            },
            Error::Server { status, message: m } => ApiSaid::Server {
                status: *status,
                message: message(m),
            },
            Error::Rejected { status, message: m } => ApiSaid::Rejected {
                status: *status,
                message: message(m),
            },
            Error::Unreachable { message: m } => ApiSaid::Unreachable {
                message: message(m),
            },
            Error::Transport { message: m } => ApiSaid::ConnectionBroken {
                message: message(m),
            },
            Error::Timeout(after) => ApiSaid::Timeout {
                seconds: after.as_secs_f64().ceil().max(1.0) as u64,
            },
            Error::Decode { reason, body } => ApiSaid::Unreadable {
                reason: reason.clone(),
                body: body.clone(),
            },
        }
    }
}
