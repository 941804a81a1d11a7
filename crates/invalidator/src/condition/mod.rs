//! Where a request stands: one place decides its code, its tone and what there is to say
//! about it (a catalogue message the CLI and the desktop app put in the user's words). The
//! raw service value is always kept beside it.

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
    /// What went wrong last, as the journal keeps it.
    pub error: Option<crate::Said>,
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

    /// The catalogue message of its words in a batch's counts: "3 may have been received".
    pub fn count_id(self) -> String {
        format!("count-{}", self.as_str())
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

mod filter;
mod text;

pub use filter::StatusFilter;
pub(crate) use filter::codes_sql;
pub use text::{Condition, ConditionText, MachineWords, in_machine_words};
