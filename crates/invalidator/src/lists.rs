//! Path lists too big to pass around: a list pasted or loaded from a file is kept here once,
//! under an id, and the form's preview and the submission name it by that id. The window then
//! never holds 100,000 lines in its DOM, and they cross the IPC once.

use std::collections::VecDeque;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use serde::{Deserialize, Serialize};

use crate::{Error, Result};

/// The biggest list file read: far beyond any catalogue (100,000 URLs are a few MB).
pub const MAX_LIST_BYTES: u64 = 64 * 1024 * 1024;
/// Lists kept at once: the form's current one, and a few it just replaced.
const KEPT: usize = 4;

/// Where the form's list is.
#[derive(Debug, Clone, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum ListSource {
    /// Typed in the form.
    Text { text: String },
    /// Kept here (pasted in bulk, or loaded from a file).
    Staged { id: u64 },
}

impl From<&str> for ListSource {
    fn from(text: &str) -> ListSource {
        ListSource::Text {
            text: text.to_owned(),
        }
    }
}

/// A list kept here, as the form shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Staged {
    pub id: u64,
    pub lines: usize,
    pub bytes: usize,
    /// The file it came from, when it came from one.
    pub name: Option<String>,
}

/// The kept lists.
#[derive(Default)]
pub struct Lists {
    next: AtomicU64,
    kept: Mutex<VecDeque<(u64, Arc<String>)>>,
}

impl Lists {
    /// Keeps `text`; returns what the form shows of it.
    pub fn stage(&self, text: String, name: Option<String>) -> Staged {
        let id = self.next.fetch_add(1, Ordering::Relaxed) + 1;
        let staged = Staged {
            id,
            lines: text.lines().count(),
            bytes: text.len(),
            name,
        };
        let mut kept = self.kept.lock().unwrap();
        kept.push_back((id, Arc::new(text)));
        while kept.len() > KEPT {
            kept.pop_front();
        }
        staged
    }

    /// The text of `source`.
    pub fn text(&self, source: &ListSource) -> Result<Arc<String>> {
        match source {
            ListSource::Text { text } => Ok(Arc::new(text.clone())),
            ListSource::Staged { id } => self
                .kept
                .lock()
                .unwrap()
                .iter()
                .find(|(kept, _)| kept == id)
                .map(|(_, text)| text.clone())
                .ok_or_else(|| {
                    Error::BadInput(
                        "that pasted or loaded list is no longer kept; paste or load it again"
                            .into(),
                    )
                }),
        }
    }
}

/// Reads a list file: `.txt` as it is, one path or URL a line; `.csv` by the first field of
/// each row. It must be UTF-8 (a byte-order mark is fine): any other encoding would change
/// paths unseen, so it is refused with where it went wrong.
pub fn read_list_file(path: &Path) -> Result<String> {
    let shown = path.display().to_string();
    let size = std::fs::metadata(path)
        .map_err(|e| Error::BadInput(format!("cannot read {shown}: {e}")))?
        .len();
    if size > MAX_LIST_BYTES {
        return Err(too_big(&shown));
    }
    let file = std::fs::File::open(path)
        .map_err(|e| Error::BadInput(format!("cannot read {shown}: {e}")))?;
    let text = read_list_from(file, &shown)?;
    let is_csv = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    Ok(if is_csv { first_fields(&text) } else { text })
}

/// Reads a list from `reader` (a file, standard input) as UTF-8 text, stopping past
/// [`MAX_LIST_BYTES`]: a list that never ends (a pipe from `yes`, a device) is refused with
/// what to do, and is never held whole in memory.
pub fn read_list_from(reader: impl std::io::Read, shown: &str) -> Result<String> {
    use std::io::Read;
    let mut bytes = Vec::new();
    reader
        .take(MAX_LIST_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::BadInput(format!("cannot read {shown}: {e}")))?;
    if bytes.len() as u64 > MAX_LIST_BYTES {
        return Err(too_big(shown));
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(text),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let bytes = e.as_bytes();
            let line = bytes[..at].iter().filter(|b| **b == b'\n').count() + 1;
            Err(Error::BadInput(format!(
                "{shown} is not UTF-8 text (byte 0x{:02X} on line {line}); save it as UTF-8 and \
                 load it again",
                bytes[at]
            )))
        }
    }
}

fn too_big(shown: &str) -> Error {
    Error::BadInput(format!(
        "{shown} is larger than {} MB, the most a list may be; nothing was sent. Split it into \
         smaller lists",
        MAX_LIST_BYTES / (1024 * 1024)
    ))
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
