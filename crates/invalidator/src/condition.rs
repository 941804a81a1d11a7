//! Where a request stands, in words: one place decides the label, the tone and the sentence
//! "what happened, what happens next" that both the CLI and the desktop app show. The raw
//! service value is always kept beside the label.

use chrono::{DateTime, Utc};
use cloudimage::Status;
use serde::Serialize;

/// The local lifecycle of a request, as stored in the journal's `state` column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
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

/// A request's condition in words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Condition {
    /// Stable code, also accepted by `log --status`.
    pub code: &'static str,
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
        let error = f.error_message.unwrap_or("no reason given");
        let wait = f
            .due_at
            .map(|at| ((at - now).num_milliseconds().max(0) + 999) / 1000)
            .unwrap_or(0);
        let make = |code, label: String, tone, detail: String, finished, retryable| Condition {
            code,
            label,
            raw: f.status.map(str::to_owned),
            tone,
            detail,
            finished,
            retryable,
        };
        match f.state {
            RequestState::Queued if f.error_kind == Some("offline") => make(
                "queued",
                "Queued (offline)".into(),
                Tone::Local,
                format!(
                    "The service did not answer ({error}). Kept in the queue; sent as soon as \
                     the service answers again, without using up attempts."
                ),
                false,
                false,
            ),
            RequestState::Queued if f.error_kind == Some("interrupted") => make(
                "queued",
                "Queued".into(),
                Tone::Local,
                "The process that was sending it stopped before the answer came. It is sent \
                 again (harmless if the service already had it)."
                    .into(),
                false,
                false,
            ),
            RequestState::Queued => make(
                "queued",
                "Queued".into(),
                Tone::Local,
                "Recorded on this computer; waiting to be sent.".into(),
                false,
                false,
            ),
            RequestState::Sending => make(
                "sending",
                "Sending".into(),
                Tone::Local,
                "Being sent to the service now.".into(),
                false,
                false,
            ),
            RequestState::Retrying => make(
                "retrying",
                format!("Retrying (attempt {}, next in {wait} s)", f.attempts + 1),
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
                false,
                false,
            ),
            RequestState::SendFailed if f.maybe_sent && f.whole_cache => make(
                "maybe-received",
                "May have been received".into(),
                Tone::Warning,
                format!(
                    "It was sent, but no answer came back ({error}). The service may have \
                     received it and be flushing the whole cache, or not: this app cannot know. \
                     It is not sent again by itself, since flushing twice is costly; Retry \
                     sends it again."
                ),
                true,
                true,
            ),
            RequestState::SendFailed if f.maybe_sent => make(
                "maybe-received",
                "May have been received".into(),
                Tone::Warning,
                format!(
                    "Gave up after {} attempts without an answer: {error}. The service may have \
                     received it and be invalidating, or not: this app cannot know. Retry sends \
                     it again (harmless if it was received).",
                    f.attempts
                ),
                true,
                true,
            ),
            RequestState::SendFailed => make(
                "send-failed",
                "Send failed".into(),
                Tone::Error,
                format!(
                    "Gave up after {} attempts: {error}. Nothing was invalidated; Retry sends it \
                     again.",
                    f.attempts
                ),
                true,
                true,
            ),
            RequestState::Rejected => make(
                "rejected",
                "Rejected".into(),
                Tone::Error,
                format!(
                    "The service refused it: {error}. Nothing was invalidated; fix the cause \
                     (key, role, paths) and Retry."
                ),
                true,
                true,
            ),
            RequestState::Gone => make(
                "gone",
                "Unknown to the service".into(),
                Tone::Warning,
                "The service no longer knows this invalidation (404), so its outcome cannot be \
                 known. Polling stopped; Retry sends it again."
                    .into(),
                true,
                true,
            ),
            RequestState::Stalled => {
                let raw = f.status.unwrap_or("no status");
                make(
                    "stalled",
                    format!("Unknown, last seen {raw}"),
                    Tone::Warning,
                    format!(
                        "The service still said {raw} after a day (last checked {}). Polling \
                         stopped; Refresh asks again, Retry sends it again.",
                        f.updated_at.format("%Y-%m-%d %H:%M UTC")
                    ),
                    true,
                    true,
                )
            }
            RequestState::Acknowledged => Self::of_status(f, wait, make),
        }
    }

    fn of_status(
        f: &Facts<'_>,
        wait: i64,
        make: impl Fn(&'static str, String, Tone, String, bool, bool) -> Condition,
    ) -> Condition {
        let status = Status::parse(f.status.unwrap_or(""));
        let next = if f.due_at.is_some() {
            format!(" Checked again in {wait} s.")
        } else {
            String::new()
        };
        let working = |code, label: &str| {
            make(
                code,
                label.to_owned(),
                Tone::Progress,
                format!("The service is working on it.{next}"),
                false,
                false,
            )
        };
        match status {
            Status::Received => working("received", "Received"),
            Status::Preparing => working("preparing", "Preparing"),
            Status::FlushingCloudimageServer => {
                working("flushing-cloudimage", "Flushing Scaleflex servers")
            }
            Status::FlushingCdnServers => working("flushing-cdn", "Flushing CDN servers"),
            Status::Done if f.failed_count > 0 => make(
                "done-with-failures",
                "Done with failures".into(),
                Tone::Warning,
                format!(
                    "{} of {} paths failed. Retry sends the failed paths again.",
                    f.failed_count, f.path_count
                ),
                true,
                true,
            ),
            Status::Done => make(
                "done",
                "Done".into(),
                Tone::Ok,
                "The cache is flushed; the next request fetches the new file.".into(),
                true,
                false,
            ),
            Status::ErrorCdnNode => make(
                "error-cdn-node",
                "Error in the CDN step".into(),
                Tone::Error,
                "The service reported an error while flushing the CDN. Retry sends the failed \
                 paths again; if it keeps failing, contact Scaleflex support."
                    .into(),
                true,
                true,
            ),
            Status::Error => make(
                "error",
                "Error".into(),
                Tone::Error,
                "The service reported an error in one of the invalidation steps. Retry sends \
                 the failed paths again; if it keeps failing, contact Scaleflex support."
                    .into(),
                true,
                true,
            ),
            Status::Unknown(raw) => make(
                "unknown",
                if raw.is_empty() {
                    "No status".to_owned()
                } else {
                    raw.clone()
                },
                Tone::Progress,
                format!(
                    "The service reported a status this app does not know; it keeps checking.{next}"
                ),
                false,
                false,
            ),
        }
    }
}

/// A `--status` / UI filter: one condition code, or a group of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
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

    /// A SQL condition on the journal's `requests r` row. Fixed text, never user input.
    pub(crate) fn sql(self) -> &'static str {
        match self {
            StatusFilter::InProgress => {
                "(r.state IN ('queued','sending','retrying') OR (r.state = 'acknowledged' \
                 AND UPPER(TRIM(COALESCE(r.status, ''))) NOT IN ('DONE','ERROR','ERROR_CDN_NODE')))"
            }
            StatusFilter::Failed => {
                "(r.state IN ('send_failed','rejected','gone','stalled') OR (r.state = \
                 'acknowledged' AND (UPPER(TRIM(COALESCE(r.status, ''))) IN \
                 ('ERROR','ERROR_CDN_NODE') OR (UPPER(TRIM(COALESCE(r.status, ''))) = 'DONE' \
                 AND r.failed_count > 0))))"
            }
            StatusFilter::Queued => "r.state = 'queued'",
            StatusFilter::Sending => "r.state = 'sending'",
            StatusFilter::Retrying => "r.state = 'retrying'",
            StatusFilter::SendFailed => "(r.state = 'send_failed' AND r.maybe_sent = 0)",
            StatusFilter::MaybeReceived => "(r.state = 'send_failed' AND r.maybe_sent = 1)",
            StatusFilter::Rejected => "r.state = 'rejected'",
            StatusFilter::Gone => "r.state = 'gone'",
            StatusFilter::Stalled => "r.state = 'stalled'",
            StatusFilter::Received => {
                "(r.state = 'acknowledged' AND UPPER(TRIM(COALESCE(r.status, ''))) = 'RECEIVED')"
            }
            StatusFilter::Preparing => {
                "(r.state = 'acknowledged' AND UPPER(TRIM(COALESCE(r.status, ''))) = 'PREPARING')"
            }
            StatusFilter::FlushingCloudimage => {
                "(r.state = 'acknowledged' AND UPPER(TRIM(COALESCE(r.status, ''))) = \
                 'FLUSHINGCLOUDIMAGESERVER')"
            }
            StatusFilter::FlushingCdn => {
                "(r.state = 'acknowledged' AND UPPER(TRIM(COALESCE(r.status, ''))) = \
                 'FLUSHINGCDNSERVERS')"
            }
            StatusFilter::Done => {
                "(r.state = 'acknowledged' AND UPPER(TRIM(COALESCE(r.status, ''))) = 'DONE' \
                 AND r.failed_count = 0)"
            }
            StatusFilter::DoneWithFailures => {
                "(r.state = 'acknowledged' AND UPPER(TRIM(COALESCE(r.status, ''))) = 'DONE' \
                 AND r.failed_count > 0)"
            }
            StatusFilter::ErrorCdnNode => {
                "(r.state = 'acknowledged' AND UPPER(TRIM(COALESCE(r.status, ''))) = \
                 'ERROR_CDN_NODE')"
            }
            StatusFilter::Error => {
                "(r.state = 'acknowledged' AND UPPER(TRIM(COALESCE(r.status, ''))) = 'ERROR')"
            }
            StatusFilter::Unknown => {
                "(r.state = 'acknowledged' AND UPPER(TRIM(COALESCE(r.status, ''))) NOT IN \
                 ('RECEIVED','PREPARING','FLUSHINGCLOUDIMAGESERVER','FLUSHINGCDNSERVERS','DONE',\
                 'ERROR','ERROR_CDN_NODE'))"
            }
        }
    }
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
