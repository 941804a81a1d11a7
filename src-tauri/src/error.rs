//! The shell's one error type, sent to the UI as `{ kind, message }` (plus `retryAfter` in
//! seconds when the service asked to wait). The UI switches on `kind`; `message` is a
//! sentence for a person.

use serde::Serialize;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error(transparent)]
    Domain(#[from] invalidator::Error),
}

impl AppError {
    pub fn kind(&self) -> invalidator::ErrorKind {
        match self {
            AppError::Domain(e) => e.kind(),
        }
    }
}

/// What a command rejects with: the shape the UI sees (its TypeScript type is `AppError`).
#[derive(Debug, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "AppError")]
pub struct ErrorPayload {
    pub kind: invalidator::ErrorKind,
    pub message: String,
    /// Seconds the service asked to wait, when it did.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub retry_after: Option<u64>,
}

impl Serialize for AppError {
    fn serialize<S: serde::Serializer>(
        &self,
        serializer: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        let retry_after = match self {
            AppError::Domain(invalidator::Error::Api(e)) => e.retry_after().map(|d| d.as_secs()),
            _ => None,
        };
        ErrorPayload {
            kind: self.kind(),
            message: invalidator::sentence(&self.to_string()),
            retry_after,
        }
        .serialize(serializer)
    }
}

pub type Result<T> = std::result::Result<T, AppError>;
