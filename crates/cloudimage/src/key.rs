use std::fmt;

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
}
