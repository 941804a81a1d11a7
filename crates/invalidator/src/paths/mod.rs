//! The path list a manager pastes, read into the paths the service expects, with a notice for
//! every change made and every line refused. Pure functions: the form's live preview and the
//! CLI call the same code, so what is previewed is what is sent.
//!
//! One form per path: the same file is sent once, however it was written. Paths are sent in
//! Unicode's composed form (NFC), with percent-encoded non-ASCII characters decoded
//! (`/caf%C3%A9.jpg` and `/cafe\u{301}.jpg` are both sent as `/café.jpg`); escapes of ASCII
//! characters (`%20`, `%2F`) are left as written, since decoding them could change what the
//! path means. Whatever would be sent unseen is refused instead, with its name: invisible
//! format characters (zero-width, bidi controls, a byte-order mark), control characters and
//! spaces other than the plain one.

use serde::Serialize;

mod notice;
mod one_form;

pub use notice::{NoticeText, Place, Unseen};
pub use one_form::is_unseen;
use one_form::{one_form, quote, refuse_odd_segments, refuse_unseen};

/// Longest path accepted. The service documents none; this is the common URL limit, and a
/// longer "path" is almost always a paste gone wrong. Defined by the client, which cuts a
/// longer one named in an answer.
pub const MAX_PATH_CHARS: usize = cloudimage::answer::MAX_PATH_CHARS;

/// Settings of the project that change how paths are read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PathRules {
    /// The project's token was created before November 2021 and every path carries `/v7`.
    pub v7: bool,
}

/// One path to send, with the line it came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct ListedPath {
    pub path: String,
    pub line: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub enum NoticeKind {
    QueryStripped,
    FragmentStripped,
    HostDropped,
    /// Written in another form of the same path: percent-decoded, or composed (NFC).
    Normalized,
    V7Dropped,
    V7Added,
    Duplicate,
    Rejected,
}

/// Something the user should know about their list. `line` is 1-based; `None` for a notice
/// about the whole list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct Notice {
    pub line: Option<usize>,
    /// Where the line is: line 3 (or, from the CLI, argument 2).
    pub place: Option<Place>,
    pub kind: NoticeKind,
    /// What was done to the line, or why it is refused.
    pub text: NoticeText,
}

/// The outcome of reading a list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct PathList {
    pub paths: Vec<ListedPath>,
    pub notices: Vec<Notice>,
}

impl PathList {
    pub fn rejected(&self) -> impl Iterator<Item = &Notice> {
        self.notices
            .iter()
            .filter(|n| n.kind == NoticeKind::Rejected)
    }

    pub fn has_rejections(&self) -> bool {
        self.rejected().next().is_some()
    }

    pub fn path_strings(&self) -> Vec<String> {
        self.paths.iter().map(|p| p.path.clone()).collect()
    }
}

/// Reads a pasted list: items separated by line breaks or commas; blanks dropped; query
/// strings and fragments stripped; whole delivery URLs turned into their path; one form per
/// path; `/v7` added or dropped per `rules`; duplicates dropped; and bad items refused with a
/// reason.
pub fn parse(text: &str, rules: PathRules) -> PathList {
    parse_labelled(text, rules, &|line| Place::Line { line })
}

/// [`parse`], naming lines with `label` (the CLI says "argument 2" or "paths.txt line 7"
/// where the input was assembled from several sources).
pub fn parse_labelled(text: &str, rules: PathRules, label: &dyn Fn(usize) -> Place) -> PathList {
    // A byte-order mark opening the text is the file's encoding mark, not part of a path.
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let mut list = PathList::default();
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let mut v7_added = false;
    for (index, line) in text.lines().enumerate() {
        let line_no = index + 1;
        for item in split_items(line) {
            let item = item.trim_matches(|c: char| c.is_ascii_whitespace());
            if item.is_empty() {
                continue;
            }
            let notice = |kind, text| Notice {
                line: Some(line_no),
                place: Some(label(line_no)),
                kind,
                text,
            };
            let mut notices = Vec::new();
            let read = match read_item(item, rules, &mut notices) {
                Ok(read) => read,
                Err(reason) => {
                    list.notices.push(notice(NoticeKind::Rejected, reason));
                    continue;
                }
            };
            v7_added |= read.v7_added;
            list.notices
                .extend(notices.into_iter().map(|(kind, text)| notice(kind, text)));
            if let Some(first) = seen.get(&read.path) {
                let text = NoticeText::Duplicate {
                    path: quote(&read.path),
                    first: label(*first),
                };
                list.notices.push(notice(NoticeKind::Duplicate, text));
                continue;
            }
            seen.insert(read.path.clone(), line_no);
            list.paths.push(ListedPath {
                path: read.path,
                line: line_no,
            });
        }
    }
    if v7_added {
        list.notices.insert(
            0,
            Notice {
                line: None,
                place: None,
                kind: NoticeKind::V7Added,
                text: NoticeText::V7Added,
            },
        );
    }
    list
}

/// Splits one line on its commas, but only on commas that separate paths: a comma at the end, or
/// followed by a blank or directly by the start of a path or URL. A comma inside a file name
/// (`/paris,france.jpg`) or a query string (`?w=600,400`) stays where it is.
fn split_items(line: &str) -> Vec<&str> {
    let mut items = Vec::new();
    let mut start = 0;
    for (at, _) in line.match_indices(',') {
        let rest = &line[at + 1..];
        let separates = rest.is_empty()
            || rest.starts_with(char::is_whitespace)
            || rest.starts_with('/')
            || starts_with_scheme(rest);
        if separates {
            items.push(&line[start..at]);
            start = at + 1;
        }
    }
    items.push(&line[start..]);
    items
}

fn starts_with_scheme(text: &str) -> bool {
    let lower = text.get(..8).unwrap_or(text).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// An item read into the path to send.
struct ReadPath {
    path: String,
    v7_added: bool,
}

/// One item into a path, collecting notices; `Err` holds the reason it is refused.
fn read_item(
    item: &str,
    rules: PathRules,
    notices: &mut Vec<(NoticeKind, NoticeText)>,
) -> Result<ReadPath, NoticeText> {
    refuse_unseen(item, item)?;
    let from_url = starts_with_scheme(item);
    let mut rest = item;
    if from_url {
        let after_scheme = &item[item.find("//").map_or(0, |i| i + 2)..];
        let host_end = after_scheme
            .find(['/', '?', '#'])
            .unwrap_or(after_scheme.len());
        let host = &after_scheme[..host_end];
        rest = &after_scheme[host_end..];
        if host.is_empty() {
            return Err(NoticeText::NoHost { item: quote(item) });
        }
        if !rest.starts_with('/') || split_suffixes(rest).0 == "/" {
            return Err(NoticeText::NoPath { item: quote(item) });
        }
        notices.push((
            NoticeKind::HostDropped,
            NoticeText::HostDropped { host: quote(host) },
        ));
    }
    let (path, query, fragment) = split_suffixes(rest);
    // Longer than any path that could be sent, even once its escapes are decoded: refused
    // before anything is built from it, so memory stays bounded by the limit, not the line.
    let length = path.chars().count();
    if length > MAX_RAW_PATH_CHARS {
        return Err(too_long(length));
    }
    if !query.is_empty() {
        notices.push((
            NoticeKind::QueryStripped,
            NoticeText::QueryStripped {
                query: quote(query),
            },
        ));
    }
    if !fragment.is_empty() {
        notices.push((
            NoticeKind::FragmentStripped,
            NoticeText::FragmentStripped {
                fragment: quote(fragment),
            },
        ));
    }
    if !path.starts_with('/') {
        return Err(NoticeText::NotAbsolute {
            item: quote(item),
            meant: format!("/{}", quote(item.trim_start_matches("./"))),
        });
    }
    if path.ends_with(',') {
        return Err(NoticeText::EndsWithComma { path: quote(path) });
    }
    let path = one_form(path, item, notices)?;
    refuse_odd_segments(&path)?;
    let mut path = path;
    if from_url && !rules.v7 && has_v7(&path) {
        path = path["/v7".len()..].to_owned();
        if path.len() <= 1 {
            return Err(NoticeText::NoPathAfterV7 { item: quote(item) });
        }
        notices.push((NoticeKind::V7Dropped, NoticeText::V7Dropped));
    }
    let v7_added = rules.v7 && !has_v7(&path);
    if v7_added {
        path = format!("/v7{path}");
    }
    if let Some(star) = path.find('*')
        && star != path.len() - 1
    {
        return Err(NoticeText::StarInside { path: quote(&path) });
    }
    let length = path.chars().count();
    if length > MAX_PATH_CHARS {
        return Err(too_long(length));
    }
    Ok(ReadPath { path, v7_added })
}

/// The longest path read at all: a `%XX%XX%XX%XX` escape of one character is 12 characters,
/// so nothing longer can decode to a path within [`MAX_PATH_CHARS`].
const MAX_RAW_PATH_CHARS: usize = MAX_PATH_CHARS * 12;

fn too_long(length: usize) -> NoticeText {
    NoticeText::TooLong {
        length,
        most: MAX_PATH_CHARS,
    }
}

/// Splits `/a.jpg?w=1#x` into `/a.jpg`, `?w=1` and `#x`. Blanks before the `?` or `#` go
/// with what is removed (`/a.jpg ?w=1` is `/a.jpg` and ` ?w=1`).
fn split_suffixes(text: &str) -> (&str, &str, &str) {
    let (before_fragment, mut fragment) = match text.find('#') {
        Some(at) => (&text[..at], &text[at..]),
        None => (text, ""),
    };
    let (mut path, mut query) = match before_fragment.find('?') {
        Some(at) => (&before_fragment[..at], &before_fragment[at..]),
        None => (before_fragment, ""),
    };
    let kept = path
        .trim_end_matches(|c: char| c.is_ascii_whitespace())
        .len();
    if kept < path.len() {
        let start = kept;
        if query.is_empty() {
            fragment = &text[start..];
        } else {
            query = &before_fragment[start..];
        }
        path = &path[..kept];
    }
    (path, query, fragment)
}

fn has_v7(path: &str) -> bool {
    path == "/v7" || path.starts_with("/v7/")
}
