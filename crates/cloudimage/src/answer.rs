//! The service's successful answers, read as untrusted input: what it says is data to show,
//! never an instruction. Every string is scrubbed of the key and cut to a bound before it
//! leaves this module, and a uuid is taken only in the shape of an id, so that it can never
//! step out of its place in a URL, a log line or a file name.

use crate::model::{Envelope, RawInvalidation};
use crate::{Accepted, ApiKey, Error, Invalidation, Status, Unreadable};

/// The most characters of a status, scope or message that is kept. The service's own values
/// are a few dozen characters; the rest of a longer one is said, not kept.
pub const MAX_TEXT_CHARS: usize = 300;

/// The most characters of a path: the path reader refuses a longer one to send, so a longer
/// one named in `urls.invalidated` / `urls.failed` cannot have been sent, and is cut.
pub const MAX_PATH_CHARS: usize = 2048;

/// The longest invalidation id taken. The service's are 36-character UUIDs.
pub const MAX_UUID_CHARS: usize = 64;

/// The longest piece of a response body kept in an error; the rest is noise for a person.
pub(crate) const BODY_EXCERPT: usize = 500;

/// Whether `text` has the shape of an invalidation id: 1 to [`MAX_UUID_CHARS`] ASCII letters,
/// digits, `-` or `_`. Nothing else is asked about or stored: a dot segment, a slash or a
/// line break in an id would change what a URL or a log line says.
pub fn is_invalidation_id(text: &str) -> bool {
    !text.is_empty()
        && text.len() <= MAX_UUID_CHARS
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// At most `max` characters of `text`; a longer text ends with how much was left out, so the
/// cut is never mistaken for the whole: `…(12,345 more characters)`.
pub fn bounded(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        None => text.to_owned(),
        Some((cut, _)) => {
            let more = text[cut..].chars().count();
            format!("{}…({} more characters)", &text[..cut], thousands(more))
        }
    }
}

/// At most `max` characters of `text`, with a plain ellipsis where it was cut (error excerpts).
pub(crate) fn excerpt(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        None => text.to_owned(),
        Some((cut, _)) => format!("{}…", &text[..cut]),
    }
}

/// `12345` as `12,345`.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// Reads the body of a successful submission.
pub fn accepted(body: &str, key: &ApiKey) -> Result<Accepted, Error> {
    let reader = Reader { key, body };
    let envelope = reader.envelope()?;
    let message = envelope.message().map(|m| reader.text(&m));
    let invalidation = reader.invalidation(envelope.invalidation)?;
    let uuid = match invalidation.uuid() {
        Some(uuid) => reader.uuid(&uuid)?,
        None => return Err(reader.decode(Unreadable::NoUuid)),
    };
    Ok(Accepted {
        uuid,
        status: reader.status(&invalidation),
        added_at: invalidation.added_at(),
        message,
    })
}

/// Reads the body of a successful status question about `asked` (an id already checked).
pub fn invalidation(body: &str, asked: &str, key: &ApiKey) -> Result<Invalidation, Error> {
    let reader = Reader { key, body };
    let envelope = reader.envelope()?;
    let raw = reader.invalidation(envelope.invalidation)?;
    let uuid = match raw.uuid() {
        Some(uuid) => reader.uuid(&uuid)?,
        None => asked.to_owned(),
    };
    let (invalidated, failed) = raw.lists();
    let path = |p: String| bounded(&key.scrub(&p), MAX_PATH_CHARS);
    Ok(Invalidation {
        uuid,
        status: reader.status(&raw),
        scope: raw.scope().map(|s| reader.text(&s)),
        added_at: raw.added_at(),
        invalidated: invalidated.into_iter().map(path).collect(),
        failed: failed.into_iter().map(path).collect(),
    })
}

/// One answer's body, and the key to scrub from whatever is kept of it.
struct Reader<'a> {
    key: &'a ApiKey,
    body: &'a str,
}

impl Reader<'_> {
    fn envelope(&self) -> Result<Envelope, Error> {
        serde_json::from_str::<Envelope>(self.body).map_err(|e| {
            self.decode(Unreadable::NotJson {
                cause: e.to_string(),
            })
        })
    }

    fn invalidation(
        &self,
        invalidation: Option<RawInvalidation>,
    ) -> Result<RawInvalidation, Error> {
        invalidation.ok_or_else(|| self.decode(Unreadable::NoInvalidation))
    }

    /// Scrubbed first, then cut: a key straddling the cut would otherwise leave a part behind.
    fn text(&self, text: &str) -> String {
        bounded(&self.key.scrub(text), MAX_TEXT_CHARS)
    }

    fn status(&self, raw: &RawInvalidation) -> Status {
        match raw.status() {
            Status::Unknown(value) => Status::Unknown(self.text(&value)),
            known => known,
        }
    }

    fn uuid(&self, uuid: &str) -> Result<String, Error> {
        if is_invalidation_id(uuid) && self.key.scrub(uuid) == uuid {
            return Ok(uuid.to_owned());
        }
        let shown: String = excerpt(&self.key.scrub(uuid), MAX_UUID_CHARS)
            .chars()
            .flat_map(char::escape_debug)
            .collect();
        Err(self.decode(Unreadable::BadUuid {
            uuid: shown,
            most: MAX_UUID_CHARS,
        }))
    }

    /// The parser's words may quote the body: scrubbed of the key too.
    fn decode(&self, reason: Unreadable) -> Error {
        let reason = match reason {
            Unreadable::NotJson { cause } => Unreadable::NotJson {
                cause: self.key.scrub(&cause),
            },
            other => other,
        };
        Error::Decode {
            reason,
            body: excerpt(&self.key.scrub(self.body), BODY_EXCERPT),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_letters_digits_dashes_and_underscores() {
        assert!(is_invalidation_id("4fc96d31-8a2b-4c3d-9e1f-0123456789ab"));
        assert!(is_invalidation_id("a_b"));
        for bad in ["", ".", "..", "a/b", "a b", "a\nb", "é", &"a".repeat(65)] {
            assert!(!is_invalidation_id(bad), "{bad:?}");
        }
    }

    #[test]
    fn a_cut_says_how_much_was_left_out() {
        assert_eq!(bounded("abc", 3), "abc");
        assert_eq!(bounded("abcdef", 3), "abc…(3 more characters)");
        assert_eq!(
            bounded(&"x".repeat(12_348), 3),
            "xxx…(12,345 more characters)"
        );
        assert_eq!(bounded("ééé", 1), "é…(2 more characters)");
        assert_eq!(thousands(1_000_000), "1,000,000");
        assert_eq!(thousands(999), "999");
    }
}
