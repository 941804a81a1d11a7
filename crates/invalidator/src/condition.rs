//! Where a request stands, in words: one place decides the label, the tone and the sentence
//! "what happened, what happens next" that both the CLI and the desktop app show. The raw
//! service value is always kept beside the label.

use chrono::{DateTime, Utc};
use cloudimage::Status;
use serde::{Deserialize, Serialize};

/// The local lifecycle of a request, as stored in the journal's `state` column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum RequestState {
    /// Recorded, not yet sent (or waiting for the service to answer at all).
    Queued,
    /// Claimed by a process; the request is on the wire.
    Sending,
    /// A transient failure; another attempt is planned.
    Retrying,
    /// Transient failures until the attempts ran out.
    SendFailed,
    /// The service refused it (401, 403, other 4xx).
    Rejected,
    /// The service gave it a uuid; `status` says how far it got.
    Acknowledged,
    /// The service no longer knows the uuid (404 on status).
    Gone,
    /// Not terminal after the polling window; polling stopped.
    Stalled,
}

impl RequestState {
    pub fn as_str(self) -> &'static str {
        match self {
            RequestState::Queued => "queued",
            RequestState::Sending => "sending",
            RequestState::Retrying => "retrying",
            RequestState::SendFailed => "send_failed",
            RequestState::Rejected => "rejected",
            RequestState::Acknowledged => "acknowledged",
            RequestState::Gone => "gone",
            RequestState::Stalled => "stalled",
        }
    }

    pub fn parse(raw: &str) -> Option<RequestState> {
        Some(match raw {
            "queued" => RequestState::Queued,
            "sending" => RequestState::Sending,
            "retrying" => RequestState::Retrying,
            "send_failed" => RequestState::SendFailed,
            "rejected" => RequestState::Rejected,
            "acknowledged" => RequestState::Acknowledged,
            "gone" => RequestState::Gone,
            "stalled" => RequestState::Stalled,
            _ => return None,
        })
    }
}

/// How a condition should look: the UI maps tones to colours *and* icons.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub enum Tone {
    /// Waiting on this computer.
    Local,
    /// The service is working on it.
    Progress,
    /// Finished well.
    Ok,
    /// Finished, but not everything worked, or we stopped following it.
    Warning,
    /// Failed.
    Error,
}

/// The facts a condition is derived from: one row of the journal.
#[derive(Debug, Clone)]
pub struct Facts<'a> {
    pub state: RequestState,
    pub status: Option<&'a str>,
    pub failed_count: usize,
    pub path_count: usize,
    pub attempts: u32,
    pub due_at: Option<DateTime<Utc>>,
    pub error_kind: Option<&'a str>,
    pub error_message: Option<&'a str>,
    pub updated_at: DateTime<Utc>,
    /// A send went out and no answer came: the service may have acted on it.
    pub maybe_sent: bool,
    /// The request flushes the whole cache.
    pub whole_cache: bool,
}

/// Where a request stands, as one stable code: what `log --status` takes, what the UI
/// switches on, and what the journal stores (a generated column, `schema.rs` migration 3,
/// whose SQL the `codes_agree_with_the_journal` test holds to [`ConditionCode::of`]).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ts_rs::TS,
)]
#[serde(rename_all = "kebab-case")]
pub enum ConditionCode {
    Queued,
    Sending,
    Retrying,
    SendFailed,
    MaybeReceived,
    Rejected,
    Gone,
    Stalled,
    Received,
    Preparing,
    FlushingCloudimage,
    FlushingCdn,
    Done,
    DoneWithFailures,
    ErrorCdnNode,
    Error,
    Unknown,
}

impl ConditionCode {
    pub const ALL: [ConditionCode; 17] = [
        ConditionCode::Queued,
        ConditionCode::Sending,
        ConditionCode::Retrying,
        ConditionCode::SendFailed,
        ConditionCode::MaybeReceived,
        ConditionCode::Rejected,
        ConditionCode::Gone,
        ConditionCode::Stalled,
        ConditionCode::Received,
        ConditionCode::Preparing,
        ConditionCode::FlushingCloudimage,
        ConditionCode::FlushingCdn,
        ConditionCode::Done,
        ConditionCode::DoneWithFailures,
        ConditionCode::ErrorCdnNode,
        ConditionCode::Error,
        ConditionCode::Unknown,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ConditionCode::Queued => "queued",
            ConditionCode::Sending => "sending",
            ConditionCode::Retrying => "retrying",
            ConditionCode::SendFailed => "send-failed",
            ConditionCode::MaybeReceived => "maybe-received",
            ConditionCode::Rejected => "rejected",
            ConditionCode::Gone => "gone",
            ConditionCode::Stalled => "stalled",
            ConditionCode::Received => "received",
            ConditionCode::Preparing => "preparing",
            ConditionCode::FlushingCloudimage => "flushing-cloudimage",
            ConditionCode::FlushingCdn => "flushing-cdn",
            ConditionCode::Done => "done",
            ConditionCode::DoneWithFailures => "done-with-failures",
            ConditionCode::ErrorCdnNode => "error-cdn-node",
            ConditionCode::Error => "error",
            ConditionCode::Unknown => "unknown",
        }
    }

    pub fn parse(raw: &str) -> Option<ConditionCode> {
        Self::ALL.into_iter().find(|c| c.as_str() == raw)
    }

    /// The classification, from a journal row's facts.
    pub fn of(f: &Facts<'_>) -> ConditionCode {
        match f.state {
            RequestState::Queued => ConditionCode::Queued,
            RequestState::Sending => ConditionCode::Sending,
            RequestState::Retrying => ConditionCode::Retrying,
            RequestState::SendFailed if f.maybe_sent => ConditionCode::MaybeReceived,
            RequestState::SendFailed => ConditionCode::SendFailed,
            RequestState::Rejected => ConditionCode::Rejected,
            RequestState::Gone => ConditionCode::Gone,
            RequestState::Stalled => ConditionCode::Stalled,
            RequestState::Acknowledged => match Status::parse(f.status.unwrap_or("")) {
                Status::Received => ConditionCode::Received,
                Status::Preparing => ConditionCode::Preparing,
                Status::FlushingCloudimageServer => ConditionCode::FlushingCloudimage,
                Status::FlushingCdnServers => ConditionCode::FlushingCdn,
                Status::Done if f.failed_count > 0 => ConditionCode::DoneWithFailures,
                Status::Done => ConditionCode::Done,
                Status::ErrorCdnNode => ConditionCode::ErrorCdnNode,
                Status::Error => ConditionCode::Error,
                Status::Unknown(_) => ConditionCode::Unknown,
            },
        }
    }

    /// Something will still happen by itself: a send, a retry, or the service's work.
    pub fn in_progress(self) -> bool {
        matches!(
            self,
            ConditionCode::Queued
                | ConditionCode::Sending
                | ConditionCode::Retrying
                | ConditionCode::Received
                | ConditionCode::Preparing
                | ConditionCode::FlushingCloudimage
                | ConditionCode::FlushingCdn
                | ConditionCode::Unknown
        )
    }

    /// Finished short of Done: Retry is offered.
    pub fn is_failure(self) -> bool {
        !self.in_progress() && self != ConditionCode::Done
    }

    /// Its word in a batch's counts ("3 may have been received"), for the window and the CLI.
    pub fn count_word(self) -> &'static str {
        match self {
            ConditionCode::Queued => "queued",
            ConditionCode::Sending => "sending",
            ConditionCode::Retrying => "retrying",
            ConditionCode::SendFailed => "send failed",
            ConditionCode::MaybeReceived => "may have been received",
            ConditionCode::Rejected => "rejected",
            ConditionCode::Gone => "unknown to the service",
            ConditionCode::Stalled => "stalled",
            ConditionCode::Received => "received",
            ConditionCode::Preparing => "preparing",
            ConditionCode::FlushingCloudimage => "flushing Scaleflex servers",
            ConditionCode::FlushingCdn => "flushing CDN servers",
            ConditionCode::Done => "done",
            ConditionCode::DoneWithFailures => "done with failures",
            ConditionCode::Error => "error",
            ConditionCode::ErrorCdnNode => "error in the CDN step",
            ConditionCode::Unknown => "unknown status",
        }
    }
}

impl std::fmt::Display for ConditionCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq<&str> for ConditionCode {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

/// A request's condition in words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Condition {
    /// Stable code, also accepted by `log --status`.
    pub code: ConditionCode,
    /// Plain words: "Flushing CDN servers", "Send failed".
    pub label: String,
    /// The raw service value, when the service gave one.
    pub raw: Option<String>,
    pub tone: Tone,
    /// What happened and what happens next, in a sentence.
    pub detail: String,
    /// Nothing more will happen by itself.
    pub finished: bool,
    /// Retry is offered.
    pub retryable: bool,
}

impl Condition {
    pub fn of(f: &Facts<'_>, now: DateTime<Utc>) -> Condition {
        let code = ConditionCode::of(f);
        let error = f.error_message.unwrap_or("no reason given");
        let wait = f
            .due_at
            .map(|at| ((at - now).num_milliseconds().max(0) + 999) / 1000)
            .unwrap_or(0);
        let next = if f.due_at.is_some() {
            format!(" Checked again in {wait} s.")
        } else {
            String::new()
        };
        let working = |label: &str| {
            (
                label.to_owned(),
                Tone::Progress,
                format!("The service is working on it.{next}"),
            )
        };
        let (label, tone, detail): (String, Tone, String) = match code {
            ConditionCode::Queued
                if f.error_kind == Some(cloudimage::ErrorKind::Offline.as_str()) =>
            {
                (
                    "Queued (offline)".into(),
                    Tone::Local,
                    format!(
                        "The service did not answer ({error}). Kept in the queue; sent as soon as \
                     the service answers again, without using up attempts."
                    ),
                )
            }
            ConditionCode::Queued if f.error_kind == Some("interrupted") => (
                "Queued".into(),
                Tone::Local,
                "The process that was sending it stopped before the answer came. It is sent \
                 again (harmless if the service already had it)."
                    .into(),
            ),
            ConditionCode::Queued => (
                "Queued".into(),
                Tone::Local,
                "Recorded on this computer; waiting to be sent.".into(),
            ),
            ConditionCode::Sending => (
                "Sending".into(),
                Tone::Local,
                "Being sent to the service now.".into(),
            ),
            ConditionCode::Retrying => (
                // No countdown in the label: it would change every second; the window counts
                // down from `due_at`, and the detail says the wait as read.
                format!("Retrying (attempt {})", f.attempts + 1),
                Tone::Local,
                if f.maybe_sent {
                    format!(
                        "Attempt {} got no answer: {error}. The service may have received it; \
                         sent again in {wait} s (harmless if it did).",
                        f.attempts
                    )
                } else {
                    format!(
                        "Attempt {} failed: {error}. Trying again in {wait} s.",
                        f.attempts
                    )
                },
            ),
            ConditionCode::MaybeReceived if f.whole_cache => (
                "May have been received".into(),
                Tone::Warning,
                format!(
                    "It was sent, but no answer came back ({error}). The service may have \
                     received it and be flushing the whole cache, or not: this app cannot know. \
                     It is not sent again by itself, since flushing twice is costly; Retry \
                     sends it again."
                ),
            ),
            ConditionCode::MaybeReceived => (
                "May have been received".into(),
                Tone::Warning,
                format!(
                    "Gave up after {} attempts without an answer: {error}. The service may have \
                     received it and be invalidating, or not: this app cannot know. Retry sends \
                     it again (harmless if it was received).",
                    f.attempts
                ),
            ),
            ConditionCode::SendFailed => (
                "Send failed".into(),
                Tone::Error,
                format!(
                    "Gave up after {} attempts: {error}. Nothing was invalidated; Retry sends it \
                     again.",
                    f.attempts
                ),
            ),
            ConditionCode::Rejected => (
                "Rejected".into(),
                Tone::Error,
                format!(
                    "The service refused it: {error}. Nothing was invalidated; fix the cause \
                     (key, role, paths) and Retry."
                ),
            ),
            ConditionCode::Gone => (
                "Unknown to the service".into(),
                Tone::Warning,
                "The service no longer knows this invalidation (404), so its outcome cannot be \
                 known. Polling stopped; Retry sends it again."
                    .into(),
            ),
            ConditionCode::Stalled => {
                let raw = f.status.unwrap_or("no status");
                (
                    format!("Unknown, last seen {raw}"),
                    Tone::Warning,
                    format!(
                        "The service still said {raw} after a day (last checked {}). Polling \
                         stopped; Refresh asks again, Retry sends it again.",
                        f.updated_at.format("%Y-%m-%d %H:%M UTC")
                    ),
                )
            }
            ConditionCode::Received => working("Received"),
            ConditionCode::Preparing => working("Preparing"),
            ConditionCode::FlushingCloudimage => working("Flushing Scaleflex servers"),
            ConditionCode::FlushingCdn => working("Flushing CDN servers"),
            ConditionCode::DoneWithFailures => (
                "Done with failures".into(),
                Tone::Warning,
                format!(
                    "{} of {} paths failed. Retry sends the failed paths again.",
                    f.failed_count, f.path_count
                ),
            ),
            ConditionCode::Done => (
                "Done".into(),
                Tone::Ok,
                "The cache is flushed; the next request fetches the new file.".into(),
            ),
            ConditionCode::ErrorCdnNode => (
                "Error in the CDN step".into(),
                Tone::Error,
                "The service reported an error while flushing the CDN. Retry sends the failed \
                 paths again; if it keeps failing, contact Scaleflex support."
                    .into(),
            ),
            ConditionCode::Error => (
                "Error".into(),
                Tone::Error,
                "The service reported an error in one of the invalidation steps. Retry sends \
                 the failed paths again; if it keeps failing, contact Scaleflex support."
                    .into(),
            ),
            ConditionCode::Unknown => {
                let raw = f.status.unwrap_or("").to_owned();
                (
                    if raw.is_empty() {
                        "No status".to_owned()
                    } else {
                        raw
                    },
                    Tone::Progress,
                    format!(
                        "The service reported a status this app does not know; it keeps \
                         checking.{next}"
                    ),
                )
            }
        };
        Condition {
            code,
            label,
            raw: f.status.map(str::to_owned),
            tone,
            detail,
            finished: !code.in_progress(),
            retryable: code.is_failure(),
        }
    }
}

/// A `--status` / UI filter: one condition code, or a group of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "kebab-case")]
pub enum StatusFilter {
    /// Not finished: queued, sending, retrying, or in progress at the service.
    InProgress,
    /// Finished with anything short of Done.
    Failed,
    Queued,
    Sending,
    Retrying,
    SendFailed,
    MaybeReceived,
    Rejected,
    Received,
    Preparing,
    FlushingCloudimage,
    FlushingCdn,
    Done,
    DoneWithFailures,
    ErrorCdnNode,
    Error,
    Unknown,
    Gone,
    Stalled,
}

impl StatusFilter {
    pub const ALL: [(&'static str, StatusFilter); 19] = [
        ("in-progress", StatusFilter::InProgress),
        ("failed", StatusFilter::Failed),
        ("queued", StatusFilter::Queued),
        ("sending", StatusFilter::Sending),
        ("retrying", StatusFilter::Retrying),
        ("send-failed", StatusFilter::SendFailed),
        ("maybe-received", StatusFilter::MaybeReceived),
        ("rejected", StatusFilter::Rejected),
        ("received", StatusFilter::Received),
        ("preparing", StatusFilter::Preparing),
        ("flushing-cloudimage", StatusFilter::FlushingCloudimage),
        ("flushing-cdn", StatusFilter::FlushingCdn),
        ("done", StatusFilter::Done),
        ("done-with-failures", StatusFilter::DoneWithFailures),
        ("error-cdn-node", StatusFilter::ErrorCdnNode),
        ("error", StatusFilter::Error),
        ("unknown", StatusFilter::Unknown),
        ("gone", StatusFilter::Gone),
        ("stalled", StatusFilter::Stalled),
    ];

    /// The condition codes the filter takes.
    pub fn codes(self) -> Vec<ConditionCode> {
        use ConditionCode as C;
        match self {
            StatusFilter::InProgress => C::ALL.into_iter().filter(|c| c.in_progress()).collect(),
            StatusFilter::Failed => C::ALL.into_iter().filter(|c| c.is_failure()).collect(),
            StatusFilter::Queued => vec![C::Queued],
            StatusFilter::Sending => vec![C::Sending],
            StatusFilter::Retrying => vec![C::Retrying],
            StatusFilter::SendFailed => vec![C::SendFailed],
            StatusFilter::MaybeReceived => vec![C::MaybeReceived],
            StatusFilter::Rejected => vec![C::Rejected],
            StatusFilter::Received => vec![C::Received],
            StatusFilter::Preparing => vec![C::Preparing],
            StatusFilter::FlushingCloudimage => vec![C::FlushingCloudimage],
            StatusFilter::FlushingCdn => vec![C::FlushingCdn],
            StatusFilter::Done => vec![C::Done],
            StatusFilter::DoneWithFailures => vec![C::DoneWithFailures],
            StatusFilter::ErrorCdnNode => vec![C::ErrorCdnNode],
            StatusFilter::Error => vec![C::Error],
            StatusFilter::Unknown => vec![C::Unknown],
            StatusFilter::Gone => vec![C::Gone],
            StatusFilter::Stalled => vec![C::Stalled],
        }
    }

    /// A SQL condition on the journal's `requests r` row, over its stored code. Built from
    /// the fixed codes, never from user input.
    pub(crate) fn sql(self) -> String {
        codes_sql(&self.codes())
    }
}

/// `r.code IN ('done', …)` for `codes`.
pub(crate) fn codes_sql(codes: &[ConditionCode]) -> String {
    let quoted: Vec<String> = codes.iter().map(|c| format!("'{}'", c.as_str())).collect();
    format!("r.code IN ({})", quoted.join(", "))
}

impl std::str::FromStr for StatusFilter {
    type Err = String;

    fn from_str(raw: &str) -> Result<Self, Self::Err> {
        let wanted = raw.trim().to_ascii_lowercase().replace('_', "-");
        Self::ALL
            .iter()
            .find(|(name, _)| *name == wanted)
            .map(|(_, f)| *f)
            .ok_or_else(|| {
                let names: Vec<&str> = Self::ALL.iter().map(|(n, _)| *n).collect();
                format!("unknown status `{raw}`; use one of: {}", names.join(", "))
            })
    }
}
