//! A request's condition as something to say: a message of the catalogue (`locales/`) with
//! typed arguments, never a sentence. The doors put it in the user's words: the message's
//! value is the label ("Flushing CDN servers"), its `.detail` the sentence "what happened,
//! what happens next".

use std::cell::Cell;

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde::ser::SerializeStruct;

use super::{ConditionCode, Facts, Tone};
use crate::Said;

/// A request's condition: its code, what to say about it, and how it looks.
#[derive(Debug, Clone, PartialEq, Eq, ts_rs::TS)]
#[ts(rename_all = "camelCase")]
pub struct Condition {
    /// Stable code, also accepted by `log --status`.
    pub code: ConditionCode,
    /// What to say about it.
    pub text: ConditionText,
    /// The raw service value, when the service gave one.
    pub raw: Option<String>,
    pub tone: Tone,
    /// Nothing more will happen by itself.
    pub finished: bool,
    /// Retry is offered.
    pub retryable: bool,
}

/// What there is to say about a condition: one catalogue message per sentence, its id in
/// `id` and its arguments in `args`. `error` is what went wrong, a message said inside this
/// one; `status` came from outside; `wait` is in seconds, 0 when no check is planned; `at` is
/// a moment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(tag = "id", content = "args")]
pub enum ConditionText {
    #[serde(rename = "condition-queued")]
    Queued,
    #[serde(rename = "condition-queued-offline")]
    QueuedOffline { error: Said },
    #[serde(rename = "condition-queued-interrupted")]
    QueuedInterrupted,
    #[serde(rename = "condition-sending")]
    Sending,
    /// `attempt` is the one planned; `attempts` those made.
    #[serde(rename = "condition-retrying")]
    Retrying {
        attempt: u32,
        attempts: u32,
        error: Said,
        wait: i64,
    },
    #[serde(rename = "condition-retrying-maybe-sent")]
    RetryingMaybeSent {
        attempt: u32,
        attempts: u32,
        error: Said,
        wait: i64,
    },
    #[serde(rename = "condition-maybe-received")]
    MaybeReceived { attempts: u32, error: Said },
    #[serde(rename = "condition-maybe-received-whole-cache")]
    MaybeReceivedWholeCache { error: Said },
    #[serde(rename = "condition-send-failed")]
    SendFailed { attempts: u32, error: Said },
    #[serde(rename = "condition-rejected")]
    Rejected { error: Said },
    #[serde(rename = "condition-gone")]
    Gone,
    #[serde(rename = "condition-stalled")]
    Stalled { status: String, at: DateTime<Utc> },
    #[serde(rename = "condition-received")]
    Received { wait: i64 },
    #[serde(rename = "condition-preparing")]
    Preparing { wait: i64 },
    #[serde(rename = "condition-flushing-cloudimage")]
    FlushingCloudimage { wait: i64 },
    #[serde(rename = "condition-flushing-cdn")]
    FlushingCdn { wait: i64 },
    #[serde(rename = "condition-done")]
    Done,
    #[serde(rename = "condition-done-with-failures")]
    DoneWithFailures { failed: usize, paths: usize },
    #[serde(rename = "condition-error-cdn-node")]
    ErrorCdnNode,
    #[serde(rename = "condition-error")]
    Error,
    /// A status this app does not know, shown as the service wrote it.
    #[serde(rename = "condition-unknown")]
    Unknown { status: String, wait: i64 },
    #[serde(rename = "condition-no-status")]
    NoStatus { wait: i64 },
}

impl Condition {
    pub fn of(f: &Facts<'_>, now: DateTime<Utc>) -> Condition {
        let code = ConditionCode::of(f);
        // What the journal recorded of the failure (every failing state records one).
        let error = || f.error.clone().unwrap_or_else(|| Said::recorded(""));
        let seconds = |at: DateTime<Utc>| ((at - now).num_milliseconds().max(0) + 999) / 1000;
        let wait = f.due_at.map(seconds).unwrap_or(0);
        // A planned check is at least a second away, so 0 can mean "none planned".
        let next = f.due_at.map(|at| seconds(at).max(1)).unwrap_or(0);
        let status = || f.status.unwrap_or("").to_owned();
        let (text, tone) = match code {
            ConditionCode::Queued
                if f.error_kind == Some(cloudimage::ErrorKind::Offline.as_str()) =>
            {
                (ConditionText::QueuedOffline { error: error() }, Tone::Local)
            }
            ConditionCode::Queued if f.error_kind == Some("interrupted") => {
                (ConditionText::QueuedInterrupted, Tone::Local)
            }
            ConditionCode::Queued => (ConditionText::Queued, Tone::Local),
            ConditionCode::Sending => (ConditionText::Sending, Tone::Local),
            // No countdown in the label: it would change every second; the window counts
            // down from `due_at`, and the detail says the wait as read.
            ConditionCode::Retrying if f.maybe_sent => (
                ConditionText::RetryingMaybeSent {
                    attempt: f.attempts + 1,
                    attempts: f.attempts,
                    error: error(),
                    wait,
                },
                Tone::Local,
            ),
            ConditionCode::Retrying => (
                ConditionText::Retrying {
                    attempt: f.attempts + 1,
                    attempts: f.attempts,
                    error: error(),
                    wait,
                },
                Tone::Local,
            ),
            ConditionCode::MaybeReceived if f.whole_cache => (
                ConditionText::MaybeReceivedWholeCache { error: error() },
                Tone::Warning,
            ),
            ConditionCode::MaybeReceived => (
                ConditionText::MaybeReceived {
                    attempts: f.attempts,
                    error: error(),
                },
                Tone::Warning,
            ),
            ConditionCode::SendFailed => (
                ConditionText::SendFailed {
                    attempts: f.attempts,
                    error: error(),
                },
                Tone::Error,
            ),
            ConditionCode::Rejected => (ConditionText::Rejected { error: error() }, Tone::Error),
            ConditionCode::Gone => (ConditionText::Gone, Tone::Warning),
            ConditionCode::Stalled => (
                ConditionText::Stalled {
                    // No words of the domain's own: a dash reads the same in every language.
                    status: f.status.unwrap_or("—").to_owned(),
                    at: f.updated_at,
                },
                Tone::Warning,
            ),
            ConditionCode::Received => (ConditionText::Received { wait: next }, Tone::Progress),
            ConditionCode::Preparing => (ConditionText::Preparing { wait: next }, Tone::Progress),
            ConditionCode::FlushingCloudimage => (
                ConditionText::FlushingCloudimage { wait: next },
                Tone::Progress,
            ),
            ConditionCode::FlushingCdn => {
                (ConditionText::FlushingCdn { wait: next }, Tone::Progress)
            }
            ConditionCode::DoneWithFailures => (
                ConditionText::DoneWithFailures {
                    failed: f.failed_count,
                    paths: f.path_count,
                },
                Tone::Warning,
            ),
            ConditionCode::Done => (ConditionText::Done, Tone::Ok),
            ConditionCode::ErrorCdnNode => (ConditionText::ErrorCdnNode, Tone::Error),
            ConditionCode::Error => (ConditionText::Error, Tone::Error),
            ConditionCode::Unknown if status().is_empty() => {
                (ConditionText::NoStatus { wait: next }, Tone::Progress)
            }
            ConditionCode::Unknown => (
                ConditionText::Unknown {
                    status: status(),
                    wait: next,
                },
                Tone::Progress,
            ),
        };
        Condition {
            code,
            text,
            raw: f.status.map(str::to_owned),
            tone,
            finished: !code.in_progress(),
            retryable: code.is_failure(),
        }
    }
}

/// A message's English value and `.detail`, for the machine formats.
pub type MachineWords = fn(&ConditionText) -> (String, String);

thread_local! {
    static MACHINE_WORDS: Cell<Option<MachineWords>> = const { Cell::new(None) };
}

/// Runs `body` with conditions serialised as the machine formats have always written them,
/// `label` and `detail` in `words` (English, whatever the user's language), so a script reading
/// `log --json` or an export reads the same bytes in every language. The window's IPC gets
/// the message instead (`text`), and says it in the user's language.
///
/// A thread-local, set for the length of one write, because the condition sits deep inside
/// the views serde writes, and the domain holds no catalogue of its own.
pub fn in_machine_words<R>(words: MachineWords, body: impl FnOnce() -> R) -> R {
    struct Restore(Option<MachineWords>);
    impl Drop for Restore {
        fn drop(&mut self) {
            MACHINE_WORDS.set(self.0);
        }
    }
    let _restore = Restore(MACHINE_WORDS.replace(Some(words)));
    body()
}

impl Serialize for Condition {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let machine = MACHINE_WORDS.get();
        let mut out = serializer.serialize_struct("Condition", 7)?;
        out.serialize_field("code", &self.code)?;
        let words = machine.map(|words| words(&self.text));
        match &words {
            Some((label, _)) => out.serialize_field("label", label)?,
            None => out.serialize_field("text", &self.text)?,
        }
        out.serialize_field("raw", &self.raw)?;
        out.serialize_field("tone", &self.tone)?;
        if let Some((_, detail)) = &words {
            out.serialize_field("detail", detail)?;
        }
        out.serialize_field("finished", &self.finished)?;
        out.serialize_field("retryable", &self.retryable)?;
        out.end()
    }
}
