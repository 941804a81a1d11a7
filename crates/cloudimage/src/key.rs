use std::fmt;

use crate::said::ConfigProblem;

/// An API key (`X-Client-Key`). It can be handed around freely: its `Debug` and `Display`
/// print a mask, so it never reaches a log line or an error message by accident.
#[derive(Clone, PartialEq, Eq)]
pub struct ApiKey(String);

impl ApiKey {
    /// Wraps a key, trimming the whitespace a paste usually brings along.
    pub fn new(key: impl Into<String>) -> Self {
        Self(key.into().trim().to_owned())
    }

    /// The key itself, for the one place that needs it: the request header.
    pub fn expose(&self) -> &str {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Whether the key can be sent as it is: not empty, no whitespace inside (a paste that
    /// took two words), and only visible ASCII, which every header carries unchanged. A
    /// zero-width space or a no-break space pasted along is named, so it can be found.
    pub fn check(&self) -> Result<(), ConfigProblem> {
        if self.0.is_empty() {
            return Err(ConfigProblem::KeyEmpty);
        }
        if let Some(c) = self.0.chars().find(|c| !c.is_ascii_graphic()) {
            let code = format!("U+{:04X}", c as u32);
            let position = self.0.chars().position(|x| x == c).unwrap_or(0) + 1;
            return Err(if c.is_whitespace() {
                ConfigProblem::KeyWhitespace { code, position }
            } else {
                ConfigProblem::KeyUnsendable { code, position }
            });
        }
        Ok(())
    }

    /// A mask that is safe to show: the last four characters of a long key, nothing of a
    /// short one (where four characters would be too much of it).
    pub fn masked(&self) -> String {
        let chars: Vec<char> = self.0.chars().collect();
        if chars.len() >= 16 {
            let tail: String = chars[chars.len() - 4..].iter().collect();
            format!("••••••••{tail}")
        } else {
            "••••••••".to_owned()
        }
    }

    /// Replaces every occurrence of the key in `text`, for messages that came from elsewhere
    /// (a response body may echo the key back).
    pub fn scrub(&self, text: &str) -> String {
        if self.0.len() < 4 {
            return text.to_owned();
        }
        text.replace(&self.0, "[redacted key]")
    }
}

/// Read from a form or a file as a plain string; it still never prints itself.
impl<'de> serde::Deserialize<'de> for ApiKey {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(ApiKey::new)
    }
}

impl fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ApiKey(redacted)")
    }
}

impl fmt::Display for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.masked())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_prints_itself() {
        let key = ApiKey::new("  abcdefghijklmnopqrstuvwxyz0123 \n");
        assert_eq!(key.expose(), "abcdefghijklmnopqrstuvwxyz0123");
        assert!(!format!("{key:?}").contains("abcdef"));
        assert!(!format!("{key}").contains("abcdef"));
        assert_eq!(key.masked(), "••••••••0123");
        assert_eq!(ApiKey::new("short").masked(), "••••••••");
        assert_eq!(
            key.scrub("bad key abcdefghijklmnopqrstuvwxyz0123!"),
            "bad key [redacted key]!"
        );
    }

    #[test]
    fn a_key_that_cannot_be_sent_is_named() {
        assert!(ApiKey::new(" abc_123 ").check().is_ok());
        use super::ConfigProblem::{KeyEmpty, KeyUnsendable, KeyWhitespace};
        let at = |code: &str, position| (code.to_owned(), position);
        match ApiKey::new("abc 123").check() {
            Err(KeyWhitespace { code, position }) => assert_eq!((code, position), at("U+0020", 4)),
            other => panic!("{other:?}"),
        }
        match ApiKey::new("abc\u{200B}123").check() {
            Err(KeyUnsendable { code, position }) => assert_eq!((code, position), at("U+200B", 4)),
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            ApiKey::new("abc\u{00A0}123").check(),
            Err(KeyWhitespace { .. })
        ));
        assert_eq!(ApiKey::new("").check(), Err(KeyEmpty));
        assert!(ApiKey::new("caf\u{e9}").check().is_err());
        let read: ApiKey = serde_json::from_str("\" k_1 \"").unwrap();
        assert_eq!(read.expose(), "k_1");
    }
}
