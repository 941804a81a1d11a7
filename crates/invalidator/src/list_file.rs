//! Path lists read from files and streams: UTF-8 text, a `.csv` by its first column, never
//! more than [`MAX_LIST_BYTES`]. The desktop app's Load from file… and the CLI's
//! `--from-file` (a file, or `-` for standard input) read through here.

use std::path::Path;

use serde::Serialize;

use crate::{Error, Problem, Result};

/// Where a list is read from, as messages name it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(tag = "id", content = "args")]
pub enum ListName {
    #[serde(rename = "list-file")]
    File { path: String },
    #[serde(rename = "list-standard-input")]
    StandardInput,
}

impl ListName {
    pub fn file(path: &Path) -> ListName {
        ListName::File {
            path: path.display().to_string(),
        }
    }
}

/// The biggest list read: far beyond any catalogue (100,000 URLs are a few MB).
pub const MAX_LIST_BYTES: u64 = 64 * 1024 * 1024;

/// Reads a list file: `.txt` as it is, one path or URL a line; `.csv` by the first field of
/// each row. It must be UTF-8 (a byte-order mark is fine): any other encoding would change
/// paths unseen, so it is refused with where it went wrong.
pub fn read_list_file(path: &Path) -> Result<String> {
    let shown = ListName::file(path);
    let size = std::fs::metadata(path)
        .map_err(|e| unreadable(&shown, e))?
        .len();
    if size > MAX_LIST_BYTES {
        return Err(too_big(&shown));
    }
    let file = std::fs::File::open(path).map_err(|e| unreadable(&shown, e))?;
    let text = read_list_from(file, &shown)?;
    let is_csv = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    Ok(if is_csv { first_fields(&text) } else { text })
}

/// Reads a list from `reader` (a file, standard input) as UTF-8 text, stopping past
/// [`MAX_LIST_BYTES`]: a list that never ends (a pipe from `yes`, a device) is refused with
/// what to do, and is never held whole in memory.
pub fn read_list_from(reader: impl std::io::Read, shown: &ListName) -> Result<String> {
    use std::io::Read;
    let mut bytes = Vec::new();
    reader
        .take(MAX_LIST_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| unreadable(shown, e))?;
    if bytes.len() as u64 > MAX_LIST_BYTES {
        return Err(too_big(shown));
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(text),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let bytes = e.as_bytes();
            let line = bytes[..at].iter().filter(|b| **b == b'\n').count() + 1;
            Err(Error::BadInput(Problem::ListNotUtf8 {
                list: shown.clone(),
                byte: format!("0x{:02X}", bytes[at]),
                line,
            }))
        }
    }
}

fn too_big(shown: &ListName) -> Error {
    Error::BadInput(Problem::ListTooBig {
        list: shown.clone(),
        megabytes: MAX_LIST_BYTES / (1024 * 1024),
    })
}

fn unreadable(shown: &ListName, cause: std::io::Error) -> Error {
    Error::BadInput(Problem::ListUnreadable {
        list: shown.clone(),
        cause: cause.to_string(),
    })
}

/// The first field of each CSV row, one a line (quotes removed, as a spreadsheet writes them).
fn first_fields(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    for record in reader.records() {
        match record {
            Ok(record) => out.push_str(record.get(0).unwrap_or("")),
            // A row the CSV reader cannot take is kept whole: the path reader says why.
            Err(e) => out.push_str(&format!("(unreadable CSV row: {e})")),
        }
        out.push('\n');
    }
    out
}
