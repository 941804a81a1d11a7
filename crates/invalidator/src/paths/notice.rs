//! What the path reader tells about a list, as catalogue messages (`locales/`) with typed
//! arguments: the doors say them in the user's words. Text from the list is quoted (cut,
//! unseen characters written as `<U+200B>`) before it becomes an argument.

use serde::Serialize;

/// Where a line of the list came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(tag = "id", content = "args")]
pub enum Place {
    /// Line `line` of the text box (or of the one file read).
    #[serde(rename = "place-line")]
    Line { line: usize },
    /// The CLI's argument `argument`.
    #[serde(rename = "place-argument")]
    Argument { argument: usize },
    /// Line `line` of the list the CLI read after its arguments (a file, standard input).
    #[serde(rename = "place-list-line")]
    ListLine {
        list: crate::list_file::ListName,
        line: usize,
    },
}

/// A character that would be sent unseen, by its code point and, when it has one, its
/// Unicode name (the same in every language).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(tag = "id", content = "args")]
pub enum Unseen {
    /// "U+200B ZERO WIDTH SPACE".
    #[serde(rename = "unseen-named")]
    Named { code: String, name: String },
    #[serde(rename = "unseen-tab")]
    Tab { code: String },
    /// A control character, which has no name.
    #[serde(rename = "unseen-control")]
    Control { code: String },
}

impl Unseen {
    pub fn of(c: char) -> Unseen {
        let code = format!("U+{:04X}", c as u32);
        match c {
            '\t' => Unseen::Tab { code },
            '\r' => Unseen::Named {
                code,
                name: "CARRIAGE RETURN".to_owned(),
            },
            _ => match unicode_names2::name(c) {
                Some(name) => Unseen::Named {
                    code,
                    name: name.to_string(),
                },
                None => Unseen::Control { code },
            },
        }
    }
}

/// What was done to a line, or why it is refused. `item` is the line as written, `path` as
/// read; both quoted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(tag = "id", content = "args")]
pub enum NoticeText {
    #[serde(rename = "notice-query-stripped")]
    QueryStripped { query: String },
    #[serde(rename = "notice-fragment-stripped")]
    FragmentStripped { fragment: String },
    #[serde(rename = "notice-host-dropped")]
    HostDropped { host: String },
    /// Percent-encoded characters decoded: `path` is `sent`.
    #[serde(rename = "notice-decoded")]
    Decoded { path: String, sent: String },
    /// Written in composed form (NFC).
    #[serde(rename = "notice-composed")]
    Composed { path: String },
    #[serde(rename = "notice-v7-dropped")]
    V7Dropped,
    /// `/v7` added to every path (said once, for the whole list).
    #[serde(rename = "notice-v7-added")]
    V7Added,
    /// The same path as the line `first`.
    #[serde(rename = "notice-duplicate")]
    Duplicate { path: String, first: Place },
    #[serde(rename = "notice-no-host")]
    NoHost { item: String },
    #[serde(rename = "notice-no-path")]
    NoPath { item: String },
    #[serde(rename = "notice-no-path-after-v7")]
    NoPathAfterV7 { item: String },
    /// A relative path; `meant` is the path it probably stands for.
    #[serde(rename = "notice-not-absolute")]
    NotAbsolute { item: String, meant: String },
    #[serde(rename = "notice-ends-with-comma")]
    EndsWithComma { path: String },
    #[serde(rename = "notice-star-inside")]
    StarInside { path: String },
    #[serde(rename = "notice-too-long")]
    TooLong { length: usize, most: usize },
    #[serde(rename = "notice-unseen")]
    Unseen { item: String, character: Unseen },
    /// A `.` or `..` segment; `meant` is the path a server would read.
    #[serde(rename = "notice-dot-segment")]
    DotSegment { path: String, meant: String },
    /// An empty segment (`//`).
    #[serde(rename = "notice-empty-segment")]
    EmptySegment { path: String, meant: String },
}

impl super::Notice {
    /// "line 3: …" in English, for logs and error chains.
    pub fn in_english(&self) -> String {
        let text = invalidator_words::english(&self.text);
        match &self.place {
            Some(place) => format!("{}: {text}", invalidator_words::english(place)),
            None => text,
        }
    }
}
