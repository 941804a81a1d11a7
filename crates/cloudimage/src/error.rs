use std::time::Duration;

use crate::said::{ConfigProblem, Unreadable};

/// Everything that can go wrong talking to the service.
///
/// The variants separate "the service said no" (with its status and message) from "we never
/// got a usable answer". Messages are already scrubbed of the API key.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The base URL or the key cannot be used; nothing was sent.
    #[error("{0}")]
    Config(ConfigProblem),

    /// 401: the key was not accepted.
    #[error("the service rejected the API key (401): {message}")]
    Unauthorized { message: String },

    /// 403: the key is known but may not invalidate.
    #[error("the API key may not invalidate on this project (403): {message}")]
    Forbidden { message: String },

    /// 404: on a status question, the service does not know the uuid. `from_service` says
    /// whether the answer had the service's JSON error shape; a 404 page of some other server
    /// (HTML, say) proves nothing about the uuid or the key.
    #[error("{}", not_found_text(*from_service, message))]
    NotFound { message: String, from_service: bool },

    /// 3xx: the base answered with a redirect. Redirects are never followed (they would carry
    /// the key elsewhere), so nothing was sent to `location`.
    #[error(
        "the API base answered {status} and pointed to {}; redirects are not followed, so \
         nothing was sent there. Check the API base",
        location.as_deref().unwrap_or("nowhere")
    )]
    Redirected {
        status: u16,
        location: Option<String>,
    },

    /// The answer was bigger than any the service sends; it was not read to the end.
    #[error(
        "the answer was larger than {} KiB and was not read to the end; this does not look \
         like the Cloudimage API. Check the API base",
        limit / 1024
    )]
    TooLarge { limit: usize },

    /// 429: too many requests; `retry_after` is what the service asked us to wait.
    #[error("the service is rate limiting (429): {message}")]
    RateLimited {
        retry_after: Option<Duration>,
        message: String,
    },

    /// 5xx: the service failed; trying again later may work.
    #[error("the service failed ({status}): {message}")]
    Server { status: u16, message: String },

    /// Any other 4xx: the service refused the request as it stands.
    #[error("the service refused the request ({status}): {message}")]
    Rejected { status: u16, message: String },

    /// No connection could be made at all: the service, or the network, is unreachable.
    #[error("could not reach the service: {message}")]
    Unreachable { message: String },

    /// The connection broke after the request went out (reset, closed early). The service may
    /// have acted on it.
    #[error("the connection broke before the answer arrived: {message}")]
    Transport { message: String },

    /// No answer in time. The service may still have acted on the request.
    #[error("the service did not answer within {0:?}")]
    Timeout(Duration),

    /// An answer came but could not be read.
    #[error("the service sent an answer that could not be read ({reason}): {body}")]
    Decode { reason: Unreadable, body: String },
}

impl Error {
    /// Worth trying again after a pause: rate limits, server failures, broken connections,
    /// timeouts, and unreadable answers (re-sending an invalidation is harmless).
    pub fn is_retryable(&self) -> bool {
        matches!(
            self,
            Error::RateLimited { .. }
                | Error::Server { .. }
                | Error::Transport { .. }
                | Error::Timeout(_)
                | Error::Decode { .. }
                | Error::TooLarge { .. }
                | Error::Unreachable { .. }
        )
    }

    /// The request went out and no usable answer came back: the service may have acted on
    /// it. A submission that failed so is "maybe received", never "nothing was invalidated".
    pub fn may_have_acted(&self) -> bool {
        matches!(
            self,
            Error::Transport { .. }
                | Error::Timeout(_)
                | Error::Decode { .. }
                | Error::TooLarge { .. }
        )
    }

    /// No answer at all: waiting costs nothing and says nothing about the request itself.
    pub fn is_offline(&self) -> bool {
        matches!(self, Error::Unreachable { .. })
    }

    /// What the service asked us to wait, if it did.
    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            Error::RateLimited { retry_after, .. } => *retry_after,
            _ => None,
        }
    }

    /// The HTTP status, when the service answered with an error status.
    pub fn http_status(&self) -> Option<u16> {
        match self {
            Error::Unauthorized { .. } => Some(401),
            Error::Forbidden { .. } => Some(403),
            Error::NotFound { .. } => Some(404),
            Error::Redirected { status, .. } => Some(*status),
            Error::RateLimited { .. } => Some(429),
            Error::Server { status, .. } | Error::Rejected { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// What kind of failure it is: the stable name the layers above show, store and switch on.
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::Config(_) => ErrorKind::BadConfig,
            Error::Unauthorized { .. } => ErrorKind::Unauthorized,
            Error::Forbidden { .. } => ErrorKind::Forbidden,
            Error::NotFound { .. } => ErrorKind::NotFound,
            Error::RateLimited { .. } => ErrorKind::RateLimited,
            Error::Server { .. } => ErrorKind::Server,
            Error::Rejected { .. } => ErrorKind::Rejected,
            Error::Unreachable { .. } => ErrorKind::Offline,
            Error::Transport { .. } => ErrorKind::ConnectionBroken,
            Error::Timeout(_) => ErrorKind::Timeout,
            Error::Decode { .. } | Error::TooLarge { .. } => ErrorKind::BadAnswer,
            Error::Redirected { .. } => ErrorKind::Redirected,
        }
    }
}

/// The kinds of [`Error`]: the one list of them. The domain's error kind holds these as they
/// are, the journal stores their names, and the window gets them through the generated
/// bindings. Named `badConfig`, `offline`, `connectionBroken`…
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize, ts_rs::TS,
)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "ApiErrorKind")]
pub enum ErrorKind {
    /// The API base or the key cannot be used; nothing was sent.
    BadConfig,
    Unauthorized,
    Forbidden,
    NotFound,
    RateLimited,
    Server,
    Rejected,
    Offline,
    ConnectionBroken,
    Timeout,
    BadAnswer,
    Redirected,
}

impl ErrorKind {
    /// The name, as the journal stores it and the window reads it.
    pub fn as_str(self) -> &'static str {
        // The names serde gives; `names_are_serdes` holds the two together.
        match self {
            ErrorKind::BadConfig => "badConfig",
            ErrorKind::Unauthorized => "unauthorized",
            ErrorKind::Forbidden => "forbidden",
            ErrorKind::NotFound => "notFound",
            ErrorKind::RateLimited => "rateLimited",
            ErrorKind::Server => "server",
            ErrorKind::Rejected => "rejected",
            ErrorKind::Offline => "offline",
            ErrorKind::ConnectionBroken => "connectionBroken",
            ErrorKind::Timeout => "timeout",
            ErrorKind::BadAnswer => "badAnswer",
            ErrorKind::Redirected => "redirected",
        }
    }
}

impl std::fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq<&str> for ErrorKind {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

fn not_found_text(from_service: bool, message: &str) -> String {
    if from_service {
        format!("the service does not know this invalidation (404): {message}")
    } else {
        format!(
            "the API base answered 404 without the service's error shape ({message}); this \
             does not look like the Cloudimage API"
        )
    }
}

#[cfg(test)]
mod tests {
    use super::ErrorKind;

    #[test]
    fn names_are_serdes() {
        let mut kind = Some(ErrorKind::BadConfig);
        let mut seen = 0;
        while let Some(k) = kind {
            assert_eq!(serde_json::to_value(k).unwrap(), k.as_str());
            let back: ErrorKind = serde_json::from_value(k.as_str().into()).unwrap();
            assert_eq!(back, k);
            seen += 1;
            // Every variant, by the match the compiler holds complete.
            kind = match k {
                ErrorKind::BadConfig => Some(ErrorKind::Unauthorized),
                ErrorKind::Unauthorized => Some(ErrorKind::Forbidden),
                ErrorKind::Forbidden => Some(ErrorKind::NotFound),
                ErrorKind::NotFound => Some(ErrorKind::RateLimited),
                ErrorKind::RateLimited => Some(ErrorKind::Server),
                ErrorKind::Server => Some(ErrorKind::Rejected),
                ErrorKind::Rejected => Some(ErrorKind::Offline),
                ErrorKind::Offline => Some(ErrorKind::ConnectionBroken),
                ErrorKind::ConnectionBroken => Some(ErrorKind::Timeout),
                ErrorKind::Timeout => Some(ErrorKind::BadAnswer),
                ErrorKind::BadAnswer => Some(ErrorKind::Redirected),
                ErrorKind::Redirected => None,
            };
        }
        assert_eq!(seen, 12);
    }
}
