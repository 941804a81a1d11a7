//! What the journal's reads return: the log's pages, batches and requests as the window and
//! the CLI show them (serialised to the UI through the generated bindings).

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::ProjectRef;
use crate::condition::{Condition, ConditionCode, RequestState, StatusFilter};
use crate::{Said, ScopeKind};

/// How many requests of a batch a log page shows unless told otherwise.
pub const REQUESTS_PER_BATCH: usize = 20;

/// How many batches a page of the window's log holds.
pub const WINDOW_PAGE_BATCHES: usize = 25;

/// How many paths of a request a view holds unless told otherwise.
pub const PATHS_PER_REQUEST: usize = 100;

/// Which part of the log to read.
#[derive(Debug, Clone, Default, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", default)]
// Every field may be left out: the UI sends only what it filters on.
#[ts(optional_fields = nullable)]
pub struct LogFilter {
    pub project_id: Option<String>,
    pub status: Option<StatusFilter>,
    /// `original` or `all`.
    pub scope: Option<String>,
    /// Part of a path (3 characters or more) or of an invalidation id.
    pub text: Option<String>,
    /// Only batches older than this one (the cursor of the previous page).
    pub before_batch: Option<i64>,
    /// Batches per page; 0 means 50.
    #[ts(as = "Option<usize>", optional)]
    pub limit: usize,
    /// Include each request's status history (heavier; the CLI's `--json` wants it).
    #[ts(as = "Option<bool>", optional)]
    pub with_history: bool,
    /// Requests shown per batch, failures first when there are more; 0 means all of them,
    /// with all their paths (the CLI).
    #[ts(as = "Option<usize>", optional)]
    pub requests_per_batch: usize,
}

/// One page of the log.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct LogPage {
    pub batches: Vec<BatchView>,
    /// Pass as `before_batch` to read the next page; `None` on the last page.
    pub next_before: Option<i64>,
}

/// A submission and the requests it became (those that match the filter).
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct BatchView {
    pub id: i64,
    pub created_at: DateTime<Utc>,
    pub project: ProjectRef,
    pub scope: ScopeKind,
    pub origin: String,
    /// How many of the batch's requests match the filter.
    pub request_count: usize,
    /// Those requests counted by condition code, most first.
    pub counts: Vec<CodeCount>,
    /// The first of them: in order, or failures first when not all are listed.
    pub requests: Vec<RequestView>,
    /// What the CDN served, over every check of the batch's requests; `None`: none checked.
    pub freshness: Option<super::Freshness>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct CodeCount {
    pub code: ConditionCode,
    pub count: usize,
}

/// How far a batch has got, counted in the database (cheap enough to ask often).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BatchSummary {
    pub requests: usize,
    /// Given a uuid by the service.
    pub acknowledged: usize,
    /// Nothing more will happen by itself (done, failed, refused, or lost track of).
    pub finished: usize,
    /// Done, with no failed path.
    pub done: usize,
}

/// A batch none of whose requests will change by itself any more.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FinishedBatch {
    pub batch_id: i64,
    pub project_name: String,
    pub whole_cache: bool,
    pub requests: usize,
    pub done: usize,
    pub paths: usize,
}

/// Open work, as counted by [`Journal::pending`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Pending {
    /// Not yet acknowledged: queued, being sent, or waiting to retry.
    pub unsent: usize,
    /// Acknowledged, and the service has not finished.
    pub at_service: usize,
}

/// One request to the service: what it holds, where it stands, and how it got there.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct RequestView {
    pub id: i64,
    pub batch_id: i64,
    /// Position within its batch, from 1.
    pub seq: u32,
    pub project: ProjectRef,
    pub scope: ScopeKind,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// The service's Invalidation ID, once acknowledged.
    pub uuid: Option<String>,
    /// When the service says it received it.
    pub added_at: Option<DateTime<Utc>>,
    pub state: RequestState,
    /// The last raw status value from the service.
    pub status: Option<String>,
    pub condition: Condition,
    /// Failed send attempts.
    pub attempts: u32,
    /// The next planned send or poll.
    pub due_at: Option<DateTime<Utc>>,
    pub error: Option<ErrorView>,
    pub retry_of: Option<i64>,
    pub retried_by: Vec<i64>,
    pub path_count: usize,
    pub failed_count: usize,
    /// The paths sent (never one the service named on its own); the first ones only when
    /// `more_paths` says there are more ([`Journal::request_paths`] pages them).
    pub paths: Vec<PathResult>,
    pub more_paths: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub history: Option<Vec<HistoryEntry>>,
    /// What the delivery URLs answered when the paths were last checked; `None` before.
    pub freshness: Option<super::Freshness>,
    /// Each path's last check, with the full view (as `history`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub checks: Option<Vec<crate::cdn_check::Check>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct ErrorView {
    pub kind: String,
    /// In English, as the exports write it.
    pub message: String,
    /// As a catalogue message, for the user's words.
    pub said: Said,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct PathResult {
    pub path: String,
    /// `pending`, `invalidated` or `failed`.
    #[ts(type = r#""pending" | "invalidated" | "failed""#)]
    pub result: String,
}

/// A page of a request's paths.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct PathPage {
    pub paths: Vec<PathResult>,
    /// How many paths the request has (or failed ones, when only those were asked for).
    pub total: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct HistoryEntry {
    pub at: DateTime<Utc>,
    pub state: String,
    pub status: Option<String>,
    /// In English, as the exports write it.
    pub detail: Option<String>,
    /// As a catalogue message (what an older version wrote: its English, as it was).
    pub said: Option<Said>,
}
