//! Acknowledgements the journal could not take. When the service has named a request (given
//! it a uuid) and the journal refuses the write (a full disk, a read-only file), the uuid must
//! not be lost, and the request must not be sent again. Each process appends such answers to
//! its own file, `unrecorded/<owner>.jsonl` beside the journal, synced to disk; it writes them
//! into the journal itself as soon as it can. Whatever a process left there when it died is
//! written by the next process that finds it gone, before that process requeues anything.

use std::fs::OpenOptions;
use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use cloudimage::{Accepted, Status};
use serde::{Deserialize, Serialize};

use super::{Journal, answers};
use crate::Result;

/// One acknowledgement kept aside.
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Entry {
    request_id: i64,
    uuid: String,
    status: String,
    added_at: Option<DateTime<Utc>>,
    message: Option<String>,
}

impl Journal {
    /// The folder of the files of acknowledgements kept aside.
    pub fn unrecorded_dir(&self) -> PathBuf {
        self.path
            .parent()
            .unwrap_or(Path::new("."))
            .join("unrecorded")
    }

    fn unrecorded_file(&self, owner: &str) -> PathBuf {
        self.unrecorded_dir().join(format!("{owner}.jsonl"))
    }

    /// Keeps an acknowledgement the journal refused in `owner`'s file, synced to disk.
    /// Returns the file.
    pub fn keep_unrecorded(
        &self,
        owner: &str,
        request_id: i64,
        accepted: &Accepted,
    ) -> std::io::Result<PathBuf> {
        let path = self.unrecorded_file(owner);
        std::fs::create_dir_all(self.unrecorded_dir())?;
        let entry = Entry {
            request_id,
            uuid: accepted.uuid.clone(),
            status: accepted.status.as_str().to_owned(),
            added_at: accepted.added_at,
            message: accepted.message.clone(),
        };
        let mut line = serde_json::to_vec(&entry).map_err(std::io::Error::other)?;
        line.push(b'\n');
        let mut file = OpenOptions::new().create(true).append(true).open(&path)?;
        file.write_all(&line)?;
        file.sync_all()?;
        Ok(path)
    }

    /// `owner` wrote everything it kept aside into the journal: its file goes.
    pub fn forget_unrecorded(&self, owner: &str) {
        let _ = std::fs::remove_file(self.unrecorded_file(owner));
    }

    /// Writes into the journal what processes that are gone (`alive` says no) kept aside, then
    /// removes their files. Returns how many acknowledgements were recorded.
    pub fn recover_unrecorded(&self, alive: &dyn Fn(&str) -> bool) -> Result<usize> {
        let Ok(dir) = std::fs::read_dir(self.unrecorded_dir()) else {
            return Ok(0);
        };
        let mut recorded = 0;
        for file in dir.flatten() {
            let path = file.path();
            let Some(owner) = path
                .file_name()
                .and_then(|n| n.to_str())
                .and_then(|n| n.strip_suffix(".jsonl"))
            else {
                continue;
            };
            if alive(owner) {
                continue;
            }
            let content = std::fs::read(&path)?;
            // A line torn by a crash is skipped: its request is then sent again, which is
            // harmless.
            let entries: Vec<Entry> = content
                .split(|b| *b == b'\n')
                .filter_map(|line| serde_json::from_slice(line).ok())
                .collect();
            recorded += self.write(|tx| {
                let mut applied = 0;
                for entry in &entries {
                    let accepted = Accepted {
                        uuid: entry.uuid.clone(),
                        status: Status::parse(&entry.status),
                        added_at: entry.added_at,
                        message: entry.message.clone(),
                    };
                    let now = super::now_ms();
                    if answers::acknowledge(tx, entry.request_id, None, &accepted, now, 0)? {
                        applied += 1;
                    }
                }
                Ok(applied)
            })?;
            tracing::info!(file = %path.display(), "recorded the acknowledgements a stopped process kept aside");
            std::fs::remove_file(&path)?;
        }
        Ok(recorded)
    }
}
