//! The path list a manager pastes, read into the paths the service expects, with a notice for
//! every change made and every line refused. Pure functions: the form's live preview and the
//! CLI call the same code, so what is previewed is what is sent.

use serde::Serialize;

/// Longest path accepted. The service documents none; this is the common URL limit, and a
/// longer "path" is almost always a paste gone wrong.
pub const MAX_PATH_CHARS: usize = 2048;

/// Settings of the project that change how paths are read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PathRules {
    /// The project's token was created before November 2021 and every path carries `/v7`.
    pub v7: bool,
}

/// One path to send, with the line it came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ListedPath {
    pub path: String,
    pub line: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum NoticeKind {
    QueryStripped,
    HostDropped,
    V7Dropped,
    V7Added,
    Duplicate,
    Rejected,
}

/// Something the user should know about their list. `line` is 1-based; `None` for a notice
/// about the whole list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Notice {
    pub line: Option<usize>,
    /// Where the line is, in words: "line 3" (or, from the CLI, "argument 2").
    pub place: Option<String>,
    pub kind: NoticeKind,
    pub message: String,
}

impl std::fmt::Display for Notice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.place {
            Some(place) => write!(f, "{place}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
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
/// strings and fragments stripped; whole delivery URLs turned into their path; `/v7` added or
/// dropped per `rules`; duplicates dropped; and bad items refused with a reason.
pub fn parse(text: &str, rules: PathRules) -> PathList {
    parse_labelled(text, rules, &|line| format!("line {line}"))
}

/// [`parse`], naming other lines in messages with `label` (the CLI says "argument 2" or
/// "paths.txt line 7" where the input was assembled from several sources).
pub fn parse_labelled(text: &str, rules: PathRules, label: &dyn Fn(usize) -> String) -> PathList {
    let mut list = PathList::default();
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let mut v7_added = false;
    for (index, line) in text.lines().enumerate() {
        let line_no = index + 1;
        for item in split_items(line) {
            let item = item.trim();
            if item.is_empty() {
                continue;
            }
            let mut notices = Vec::new();
            let path = match read_item(item, rules, &mut notices) {
                Ok(path) => path,
                Err(reason) => {
                    list.notices.push(Notice {
                        line: Some(line_no),
                        place: Some(label(line_no)),
                        kind: NoticeKind::Rejected,
                        message: reason,
                    });
                    continue;
                }
            };
            let path = if rules.v7 && !has_v7(&path) {
                v7_added = true;
                format!("/v7{path}")
            } else {
                path
            };
            list.notices
                .extend(notices.into_iter().map(|(kind, message)| Notice {
                    line: Some(line_no),
                    place: Some(label(line_no)),
                    kind,
                    message,
                }));
            if let Some(first) = seen.get(&path) {
                list.notices.push(Notice {
                    line: Some(line_no),
                    place: Some(label(line_no)),
                    kind: NoticeKind::Duplicate,
                    message: format!(
                        "`{}` repeats {}; it is sent once",
                        quote(&path),
                        label(*first)
                    ),
                });
                continue;
            }
            seen.insert(path.clone(), line_no);
            list.paths.push(ListedPath {
                path,
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
                message: "`/v7` added to every path: this project's token was created before \
                          November 2021"
                    .into(),
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

/// One item into a path, collecting notices; `Err` holds the reason it is refused.
fn read_item(
    item: &str,
    rules: PathRules,
    notices: &mut Vec<(NoticeKind, String)>,
) -> Result<String, String> {
    if item.chars().any(char::is_control) {
        return Err(format!(
            "`{}` contains an invisible control character (such as a tab); type the path again",
            quote(item)
        ));
    }
    let from_url = starts_with_scheme(item) || item.starts_with("//");
    let mut rest = item;
    if from_url {
        let after_scheme = &item[item.find("//").map_or(0, |i| i + 2)..];
        let host_end = after_scheme
            .find(['/', '?', '#'])
            .unwrap_or(after_scheme.len());
        let host = &after_scheme[..host_end];
        rest = &after_scheme[host_end..];
        if host.is_empty() {
            return Err(format!(
                "`{}` has no host; paste a path such as /folder/image.jpg",
                quote(item)
            ));
        }
        if !rest.starts_with('/') || strip_query(rest).0 == "/" {
            return Err(format!("`{}` has no path after the host", quote(item)));
        }
        notices.push((
            NoticeKind::HostDropped,
            format!("host `{host}` dropped; only the path is sent"),
        ));
    }
    let (path, stripped) = strip_query(rest);
    if !stripped.is_empty() {
        notices.push((
            NoticeKind::QueryStripped,
            format!(
                "`{}` removed: the service ignores query strings",
                quote(stripped)
            ),
        ));
    }
    let mut path = path.to_owned();
    if !path.starts_with('/') {
        return Err(format!(
            "`{}` does not start with /; write the whole path after the host, as in /{}",
            quote(item),
            quote(item.trim_start_matches("./"))
        ));
    }
    if from_url && !rules.v7 && has_v7(&path) {
        path = path["/v7".len()..].to_owned();
        notices.push((
            NoticeKind::V7Dropped,
            "`/v7` dropped: this project's token was created after November 2021 and its paths \
             take no /v7"
                .into(),
        ));
    }
    if let Some(star) = path.find('*')
        && star != path.len() - 1
    {
        return Err(format!(
            "`{}` has a `*` before its end; `*` may only end a path, as in /folder/*",
            quote(&path)
        ));
    }
    let length = path.chars().count();
    if length > MAX_PATH_CHARS {
        return Err(format!(
            "the path is {length} characters long; at most {MAX_PATH_CHARS} are accepted"
        ));
    }
    Ok(path)
}

/// Splits `/a.jpg?w=1#x` into `/a.jpg` and `?w=1#x`.
fn strip_query(text: &str) -> (&str, &str) {
    match text.find(['?', '#']) {
        Some(at) => (&text[..at], &text[at..]),
        None => (text, ""),
    }
}

fn has_v7(path: &str) -> bool {
    path == "/v7" || path.starts_with("/v7/")
}

/// Long items are cut in messages so that one bad paste does not flood the preview.
fn quote(text: &str) -> String {
    const MAX: usize = 80;
    if text.chars().count() <= MAX {
        text.to_owned()
    } else {
        let cut: String = text.chars().take(MAX).collect();
        format!("{cut}…")
    }
}
