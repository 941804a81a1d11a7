//! The shell's one error type, sent to the UI as `{ kind, message }` (plus `retryAfter` in
//! seconds when the service asked to wait). The UI switches on `kind`; `message` is a
//! sentence for a person.

use serde::ser::SerializeStruct;

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

impl serde::Serialize for AppError {
    fn serialize<S: serde::Serializer>(
        &self,
        serializer: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        let retry_after = match self {
            AppError::Domain(invalidator::Error::Api(e)) => e.retry_after().map(|d| d.as_secs()),
            _ => None,
        };
        let mut out = serializer.serialize_struct("AppError", 3)?;
        out.serialize_field("kind", &self.kind())?;
        out.serialize_field("message", &capitalise(&self.to_string()))?;
        if let Some(seconds) = retry_after {
            out.serialize_field("retryAfter", &seconds)?;
        }
        out.end()
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

pub type Result<T> = std::result::Result<T, AppError>;
