//! What a request's history says of each change, as catalogue messages: kept in the journal
//! as a message (`events.said`) and in English (`events.detail`, for the exports and for
//! earlier versions).

use serde::Serialize;

use crate::Problem;

/// One line of a request's history. `problem` is what went wrong; `wait` is in seconds;
/// request numbers are names (`"12"`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(tag = "id", content = "args")]
pub enum HistoryText {
    #[serde(rename = "history-recorded")]
    Recorded,
    #[serde(rename = "history-recorded-retry")]
    RecordedRetry { request: String },
    #[serde(rename = "history-sending")]
    Sending { attempt: u32 },
    /// A whole-cache flush whose sender stopped: not sent again by itself.
    #[serde(rename = "history-interrupted-whole-cache")]
    InterruptedWholeCache,
    #[serde(rename = "history-interrupted-requeued")]
    InterruptedRequeued,
    #[serde(rename = "history-put-back")]
    PutBack,
    #[serde(rename = "history-retrying")]
    Retrying {
        attempts: u32,
        problem: Problem,
        wait: i64,
    },
    /// Sent, no answer: the service may have it.
    #[serde(rename = "history-retrying-maybe-sent")]
    RetryingMaybeSent {
        attempts: u32,
        problem: Problem,
        wait: i64,
    },
    #[serde(rename = "history-gave-up-whole-cache")]
    GaveUpWholeCache { problem: Problem },
    #[serde(rename = "history-gave-up-maybe-received")]
    GaveUpMaybeReceived { attempts: u32, problem: Problem },
    #[serde(rename = "history-gave-up")]
    GaveUp { attempts: u32, problem: Problem },
    /// Refused for good, or not followed: the problem says why.
    #[serde(rename = "history-failed")]
    Failed { problem: Problem },
    #[serde(rename = "history-offline")]
    Offline { problem: Problem },
    #[serde(rename = "history-acknowledged")]
    Acknowledged { uuid: String },
    /// With the words the service's answer carried.
    #[serde(rename = "history-acknowledged-saying")]
    AcknowledgedSaying { uuid: String, message: String },
    /// Recorded later than it came: the journal could not be written at the time.
    #[serde(rename = "history-acknowledged-late")]
    AcknowledgedLate { uuid: String },
    #[serde(rename = "history-acknowledged-late-saying")]
    AcknowledgedLateSaying { uuid: String, message: String },
    /// An answer to an earlier send, while another send holds the request.
    #[serde(rename = "history-late-answer")]
    LateAnswer { uuid: String },
    #[serde(rename = "history-done-with-failures")]
    DoneWithFailures { failed: usize },
    #[serde(rename = "history-unknown-status")]
    UnknownStatus,
    /// Paths the service named that this request did not send: `shown` the first of them.
    #[serde(rename = "history-foreign-paths")]
    ForeignPaths {
        count: usize,
        shown: String,
        more: usize,
    },
    #[serde(rename = "history-status-capped")]
    StatusCapped { most: usize },
    #[serde(rename = "history-no-usable-id")]
    NoUsableId,
    /// Still `status` a day after it was acknowledged.
    #[serde(rename = "history-stalled")]
    Stalled { status: String },
    #[serde(rename = "history-stalled-no-answer")]
    StalledNoAnswer { problem: Problem },
    #[serde(rename = "history-gone")]
    Gone,
}

crate::said::in_english!(HistoryText);
