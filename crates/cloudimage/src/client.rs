use std::sync::Arc;
use std::time::{Duration, Instant};

use reqwest::StatusCode;
use reqwest::header::{HeaderMap, LOCATION, RETRY_AFTER};
use url::Url;

use crate::answer::{self, BODY_EXCERPT, excerpt};
use crate::model::Envelope;
use crate::{Accepted, ApiKey, ClientBuilder, ConfigProblem, Error, Invalidation, Scope};

/// The most of an answer that is read. The service's answers are a few hundred bytes; a
/// server that sends more is not the service, and reading on would only cost memory.
pub const MAX_ANSWER_BYTES: usize = 1024 * 1024;

/// The invalidation API client. Cheap to clone: clones share one connection pool.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    http: reqwest::Client,
    base: Url,
    key: ApiKey,
    timeout: Duration,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("base", &self.inner.base.as_str())
            .field("key", &self.inner.key)
            .finish()
    }
}

impl Client {
    /// A client of parts [`ClientBuilder::build`] checked.
    pub(crate) fn new(http: reqwest::Client, base: Url, key: ApiKey, timeout: Duration) -> Client {
        Client {
            inner: Arc::new(Inner {
                http,
                base,
                key,
                timeout,
            }),
        }
    }

    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// The base URL, normalised with a trailing slash.
    pub fn base_url(&self) -> &str {
        self.inner.base.as_str()
    }

    /// The whole-call timeout; callers size their leases on it.
    pub fn timeout(&self) -> Duration {
        self.inner.timeout
    }

    /// `POST {base}/invalidate`.
    pub async fn submit(&self, scope: &Scope) -> Result<Accepted, Error> {
        let url = self.url(&["invalidate"])?;
        let started = Instant::now();
        let result = self.inner.http.post(url).json(scope).send().await;
        let (status, headers, body) = self.read(result).await?;
        tracing::debug!(
            call = "submit",
            scope = scope.name(),
            paths = scope.paths().len(),
            http = status.as_u16(),
            ms = started.elapsed().as_millis() as u64,
            "cloudimage answered"
        );
        self.check(status, &headers, &body, false)?;
        answer::accepted(&body, &self.inner.key)
    }

    /// `GET {base}/invalidate/{uuid}`. Only an id of the service's shape is asked about (see
    /// [`answer::is_invalidation_id`]); anything else is refused before a request is made.
    pub async fn status(&self, uuid: &str) -> Result<Invalidation, Error> {
        if !answer::is_invalidation_id(uuid) {
            return Err(Error::Config(ConfigProblem::NotAnId));
        }
        let url = self.url(&["invalidate", uuid])?;
        let started = Instant::now();
        let result = self.inner.http.get(url).send().await;
        let (status, headers, body) = self.read(result).await?;
        tracing::debug!(
            call = "status",
            uuid,
            http = status.as_u16(),
            ms = started.elapsed().as_millis() as u64,
            "cloudimage answered"
        );
        self.check(status, &headers, &body, true)?;
        answer::invalidation(&body, uuid, &self.inner.key)
    }

    fn url(&self, segments: &[&str]) -> Result<Url, Error> {
        let mut url = self.inner.base.clone();
        {
            let mut path = url
                .path_segments_mut()
                .map_err(|_| Error::Config(ConfigProblem::BaseNoPath))?;
            path.pop_if_empty();
            // Segments are percent-encoded here, so a uuid can never step out of its place.
            path.extend(segments);
        }
        Ok(url)
    }

    /// The answer's status, headers and body. A redirect is refused before its body is read;
    /// the body is read up to [`MAX_ANSWER_BYTES`], never whole whatever its size.
    async fn read(
        &self,
        result: Result<reqwest::Response, reqwest::Error>,
    ) -> Result<(StatusCode, HeaderMap, String), Error> {
        let mut response = result.map_err(|e| self.transport(e))?;
        let status = response.status();
        let headers = response.headers().clone();
        if status.is_redirection() {
            let location = headers
                .get(LOCATION)
                .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned());
            return Err(Error::Redirected {
                status: status.as_u16(),
                location: location.map(|l| excerpt(&self.inner.key.scrub(&l), 200)),
            });
        }
        let too_large = || Error::TooLarge {
            limit: MAX_ANSWER_BYTES,
        };
        if response
            .content_length()
            .is_some_and(|length| length > MAX_ANSWER_BYTES as u64)
        {
            return Err(too_large());
        }
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(|e| self.transport(e))? {
            if body.len() + chunk.len() > MAX_ANSWER_BYTES {
                // Dropping the response closes the connection: the rest is never read.
                return Err(too_large());
            }
            body.extend_from_slice(&chunk);
        }
        Ok((status, headers, String::from_utf8_lossy(&body).into_owned()))
    }

    /// Maps a non-success status to its error; a success is read by [`answer`].
    fn check(
        &self,
        status: StatusCode,
        headers: &HeaderMap,
        body: &str,
        is_status_call: bool,
    ) -> Result<(), Error> {
        if status.is_success() {
            return Ok(());
        }
        let message = self.message_of(status, body);
        Err(match status.as_u16() {
            401 => Error::Unauthorized { message },
            403 => Error::Forbidden { message },
            404 if is_status_call => Error::NotFound {
                message,
                from_service: crate::model::is_service_error(body),
            },
            429 => Error::RateLimited {
                retry_after: headers
                    .get(RETRY_AFTER)
                    .and_then(|v| v.to_str().ok())
                    .and_then(parse_retry_after),
                message,
            },
            code @ 500..=599 => Error::Server {
                status: code,
                message,
            },
            code => Error::Rejected {
                status: code,
                message,
            },
        })
    }

    /// The service's own words when it gave any (`msg`), else the start of the body, else the
    /// HTTP reason.
    fn message_of(&self, status: StatusCode, body: &str) -> String {
        let from_json = serde_json::from_str::<Envelope>(body)
            .ok()
            .and_then(|e| e.message());
        // Scrubbed first, then cut: a key straddling the cut would otherwise leave its first
        // part behind.
        let text = excerpt(
            &self
                .inner
                .key
                .scrub(from_json.as_deref().unwrap_or(body.trim())),
            BODY_EXCERPT,
        );
        if text.is_empty() {
            status
                .canonical_reason()
                .unwrap_or("no explanation given")
                .to_owned()
        } else {
            text
        }
    }

    fn transport(&self, e: reqwest::Error) -> Error {
        // reqwest's message names the URL, never the headers; the key is scrubbed anyway.
        let message = self.inner.key.scrub(&error_chain(&e));
        if e.is_connect() {
            Error::Unreachable { message }
        } else if e.is_timeout() {
            Error::Timeout(self.inner.timeout)
        } else {
            Error::Transport { message }
        }
    }
}

/// `Retry-After` is either seconds or an HTTP date.
fn parse_retry_after(raw: &str) -> Option<Duration> {
    let raw = raw.trim();
    if let Ok(seconds) = raw.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    if let Ok(seconds) = raw.parse::<f64>() {
        return (seconds.is_finite() && seconds >= 0.0).then(|| Duration::from_secs_f64(seconds));
    }
    let at = chrono::DateTime::parse_from_rfc2822(raw).ok()?;
    let wait = at.with_timezone(&chrono::Utc) - chrono::Utc::now();
    Some(wait.to_std().unwrap_or(Duration::ZERO))
}

/// reqwest's top-level message is "error sending request"; the cause that says what happened
/// ("connection refused", "connection reset") is further down the chain.
fn error_chain(e: &reqwest::Error) -> String {
    let mut parts = vec![e.to_string()];
    let mut source = std::error::Error::source(e);
    while let Some(cause) = source {
        let text = cause.to_string();
        if !parts.iter().any(|p| p.contains(&text)) {
            parts.push(text);
        }
        source = cause.source();
    }
    parts.join(": ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_joined_under_the_base_path() {
        let client = Client::builder()
            .base_url("http://127.0.0.1:1/api")
            .api_key(ApiKey::new("k"))
            .build()
            .unwrap();
        assert_eq!(
            client.url(&["invalidate", "a/../b"]).unwrap().as_str(),
            "http://127.0.0.1:1/api/invalidate/a%2F..%2Fb"
        );
    }

    #[test]
    fn retry_after_reads_seconds_and_dates() {
        assert_eq!(parse_retry_after("7"), Some(Duration::from_secs(7)));
        assert_eq!(parse_retry_after("1.5"), Some(Duration::from_millis(1500)));
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"),
            Some(Duration::ZERO)
        );
        assert_eq!(parse_retry_after("soon"), None);
    }

    #[test]
    fn debug_never_shows_the_key() {
        let client = Client::builder()
            .base_url("http://127.0.0.1:1")
            .api_key(ApiKey::new("supersecretkey_1234567890"))
            .build()
            .unwrap();
        assert!(!format!("{client:?}").contains("supersecret"));
    }
}
