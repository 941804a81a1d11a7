//! The sandbox's invalidation jobs, kept in a JSON-lines file so that a restarted sandbox still
//! knows earlier uuids. A job's status is computed from its age on the sandbox clock, so the
//! file is only ever appended to.

use std::collections::HashMap;
use std::fs::{File, OpenOptions};
use std::io::{Read, Write};
use std::path::Path;
use std::time::Duration;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Markers that, found in a path, make the sandbox fail it. The failing ones act on the first
/// submission of that exact path only, like a passing CDN glitch, so a retry succeeds.
pub mod markers {
    /// The path is listed in `failed`; the job ends `DONE` (done with failures).
    pub const FAIL: &str = "sandbox-fail";
    /// The job ends `ERROR`, this path failed.
    pub const ERROR: &str = "sandbox-error";
    /// The job ends `ERROR_CDN_NODE`, this path failed.
    pub const CDN_ERROR: &str = "sandbox-cdn-error";
    /// Always: the job moves to an undocumented status and stays there.
    pub const UNKNOWN: &str = "sandbox-unknown";
    /// Always: after the first step, status questions get 404.
    pub const FORGET: &str = "sandbox-forget";
    /// Always: the submission is refused with 400.
    pub const REJECT: &str = "sandbox-reject";
    /// Delivery: the CDN keeps serving its old copy whatever is invalidated.
    pub const STALE: &str = "sandbox-stale";
    /// Delivery: the file is not found (404).
    pub const MISSING: &str = "sandbox-missing";
}

/// The undocumented status value of [`markers::UNKNOWN`] jobs.
pub const UNKNOWN_STATUS: &str = "AWAITING_REVIEW";

const STEPS: [&str; 4] = [
    "RECEIVED",
    "PREPARING",
    "FLUSHINGCLOUDIMAGESERVER",
    "FLUSHINGCDNSERVERS",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Ending {
    Done,
    Error,
    ErrorCdnNode,
    Unknown,
    Forget,
}

/// One submission the sandbox accepted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Job {
    pub uuid: String,
    pub added_at: DateTime<Utc>,
    pub scope: String,
    pub urls: Vec<String>,
    pub ending: Ending,
    pub failed: Vec<String>,
}

/// What a status question sees.
pub enum Seen {
    Status {
        status: String,
        invalidated: Vec<String>,
        failed: Vec<String>,
    },
    Forgotten,
}

impl Job {
    /// When this job flushed `path` from the cache (its last step), if it does: jobs that
    /// fail the path, or never finish, do not.
    pub fn flushes(&self, path: &str, step: Duration) -> Option<DateTime<Utc>> {
        if matches!(self.ending, Ending::Unknown | Ending::Forget)
            || self.failed.iter().any(|f| f == path)
        {
            return None;
        }
        let covers = self.scope == "all"
            || self.urls.iter().any(|url| {
                url == path
                    || url
                        .strip_suffix('*')
                        .is_some_and(|prefix| path.starts_with(prefix))
            });
        let took = chrono::Duration::from_std(step * STEPS.len() as u32).unwrap_or_default();
        covers.then(|| self.added_at + took)
    }

    /// The job as of `now`, with one status step every `step`.
    pub fn seen_at(&self, now: DateTime<Utc>, step: Duration) -> Seen {
        let elapsed = (now - self.added_at).to_std().unwrap_or_default();
        let index = if step.is_zero() {
            STEPS.len()
        } else {
            (elapsed.as_millis() / step.as_millis().max(1)) as usize
        };
        let at_step = |status: &str| Seen::Status {
            status: status.to_owned(),
            invalidated: Vec::new(),
            failed: Vec::new(),
        };
        match self.ending {
            Ending::Forget if index >= 1 => return Seen::Forgotten,
            Ending::Unknown if index >= 1 => return at_step(UNKNOWN_STATUS),
            _ if index < STEPS.len() => return at_step(STEPS[index]),
            _ => {}
        }
        let invalidated: Vec<String> = if self.scope == "all" {
            vec!["/*".to_owned()]
        } else {
            self.urls
                .iter()
                .filter(|u| !self.failed.contains(u))
                .cloned()
                .collect()
        };
        let status = match self.ending {
            Ending::Error => "ERROR",
            Ending::ErrorCdnNode => "ERROR_CDN_NODE",
            Ending::Unknown => UNKNOWN_STATUS,
            _ => "DONE",
        };
        Seen::Status {
            status: status.to_owned(),
            invalidated,
            failed: self.failed.clone(),
        }
    }
}

/// All jobs, in memory and in their file.
#[derive(Debug)]
pub struct Jobs {
    by_uuid: HashMap<String, Job>,
    order: Vec<String>,
    /// How many accepted jobs held each path: the failing markers act on the first only.
    path_counts: HashMap<String, usize>,
    file: File,
}

impl Jobs {
    /// Loads the jobs file (creating it if needed). A torn last line (a crash mid-write, cut
    /// anywhere, even inside a multi-byte character) is skipped, and closed with a line break
    /// so that the next job starts a line of its own.
    pub fn open(path: &Path) -> std::io::Result<Jobs> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let mut file = OpenOptions::new()
            .create(true)
            .append(true)
            .read(true)
            .open(path)?;
        let mut jobs = Jobs {
            by_uuid: HashMap::new(),
            order: Vec::new(),
            path_counts: HashMap::new(),
            file: file.try_clone()?,
        };
        let mut content = Vec::new();
        file.read_to_end(&mut content)?;
        // Lines as bytes: a line cut inside a character is no UTF-8, and is skipped like any
        // other line that is not a whole job.
        for line in content.split(|b| *b == b'\n') {
            if let Ok(job) = serde_json::from_slice::<Job>(line) {
                jobs.remember(job);
            }
        }
        if content.last().is_some_and(|b| *b != b'\n') {
            file.write_all(b"\n")?;
            file.flush()?;
        }
        Ok(jobs)
    }

    fn remember(&mut self, job: Job) {
        for url in &job.urls {
            *self.path_counts.entry(url.clone()).or_default() += 1;
        }
        self.order.push(job.uuid.clone());
        self.by_uuid.insert(job.uuid.clone(), job);
    }

    /// Plans how a new job with `urls` ends, from the markers in its paths.
    pub fn plan(&self, urls: &[String]) -> (Ending, Vec<String>) {
        let first_time = |url: &String| !self.path_counts.contains_key(url);
        if urls.iter().any(|u| u.contains(markers::FORGET)) {
            return (Ending::Forget, Vec::new());
        }
        if urls.iter().any(|u| u.contains(markers::UNKNOWN)) {
            return (Ending::Unknown, Vec::new());
        }
        let failing = |marker: &str| -> Vec<String> {
            urls.iter()
                .filter(|u| u.contains(marker) && first_time(u))
                .cloned()
                .collect()
        };
        let cdn = failing(markers::CDN_ERROR);
        if !cdn.is_empty() {
            return (Ending::ErrorCdnNode, cdn);
        }
        let error = failing(markers::ERROR);
        if !error.is_empty() {
            return (Ending::Error, error);
        }
        (Ending::Done, failing(markers::FAIL))
    }

    /// Records a new job, on disk first.
    pub fn add(&mut self, job: Job) -> std::io::Result<()> {
        let mut line = serde_json::to_string(&job).map_err(std::io::Error::other)?;
        line.push('\n');
        self.file.write_all(line.as_bytes())?;
        self.file.flush()?;
        self.remember(job);
        Ok(())
    }

    pub fn get(&self, uuid: &str) -> Option<&Job> {
        self.by_uuid.get(uuid)
    }

    /// The latest time, up to `now`, that a job flushed `path`.
    pub fn flushed(&self, path: &str, step: Duration, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        self.by_uuid
            .values()
            .filter_map(|job| job.flushes(path, step))
            .filter(|at| *at <= now)
            .max()
    }

    /// Every job, oldest first.
    pub fn all(&self) -> Vec<Job> {
        self.order
            .iter()
            .filter_map(|u| self.by_uuid.get(u).cloned())
            .collect()
    }
}
