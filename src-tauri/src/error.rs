//! The shell's one error type, sent to the UI as `{ kind, problem }` (plus `advice`, the lines
//! a list had refused, and `retryAfter` in seconds when the service asked to wait). The UI
//! switches on `kind` and says `problem` (a catalogue message) in the user's language.

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
    /// What went wrong, as a catalogue message with its facts.
    pub problem: invalidator::Problem,
    /// What to do about it, when there is something.
    pub advice: Option<invalidator::Advice>,
    /// The lines of a list that were refused, each with why.
    pub refused: Vec<invalidator::paths::Notice>,
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
        let AppError::Domain(error) = self;
        let retry_after = match error {
            invalidator::Error::Api(e) => e.retry_after().map(|d| d.as_secs()),
            _ => None,
        };
        let refused = match error {
            invalidator::Error::ListRefused(notices) => notices.clone(),
            _ => Vec::new(),
        };
        ErrorPayload {
            kind: self.kind(),
            problem: error.problem(),
            advice: self.kind().advice(),
            refused,
            retry_after,
        }
        .serialize(serializer)
    }
}

pub type Result<T> = std::result::Result<T, AppError>;
