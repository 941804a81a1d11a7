//! Reads: the log, paged newest first and filtered, and one request in full.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, Row, params_from_iter};
use serde::Serialize;

use super::record::placeholders;
use super::{Journal, ProjectRef, to_time};
use crate::Result;
use crate::condition::{Condition, Facts, RequestState, StatusFilter};

/// Which part of the log to read.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct LogFilter {
    pub project_id: Option<String>,
    pub status: Option<StatusFilter>,
    /// `original` or `all`.
    pub scope: Option<String>,
    /// Part of a path or of an invalidation id.
    pub text: Option<String>,
    /// Only batches older than this one (the cursor of the previous page).
    pub before_batch: Option<i64>,
    /// Batches per page; 0 means 50.
    pub limit: usize,
    /// Include each request's status history (heavier; the CLI's `--json` wants it).
    pub with_history: bool,
}

/// One page of the log.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LogPage {
    pub batches: Vec<BatchView>,
    /// Pass as `before_batch` to read the next page; `None` on the last page.
    pub next_before: Option<i64>,
}

/// A submission and the requests it became (those that match the filter).
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BatchView {
    pub id: i64,
    pub created_at: DateTime<Utc>,
    pub project: ProjectRef,
    pub scope: String,
    pub origin: String,
    pub requests: Vec<RequestView>,
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

/// Open work, as counted by [`Journal::pending`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Pending {
    /// Not yet acknowledged: queued, being sent, or waiting to retry.
    pub unsent: usize,
    /// Acknowledged, and the service has not finished.
    pub at_service: usize,
}

/// One request to the service: what it holds, where it stands, and how it got there.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RequestView {
    pub id: i64,
    pub batch_id: i64,
    /// Position within its batch, from 1.
    pub seq: u32,
    pub project: ProjectRef,
    pub scope: String,
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
    pub paths: Vec<PathResult>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub history: Option<Vec<HistoryEntry>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ErrorView {
    pub kind: String,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PathResult {
    pub path: String,
    /// `pending`, `invalidated` or `failed`.
    pub result: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HistoryEntry {
    pub at: DateTime<Utc>,
    pub state: String,
    pub status: Option<String>,
    pub detail: Option<String>,
}

const REQUEST_COLUMNS: &str = "r.id, r.batch_id, r.seq, r.retry_of, r.state, r.status, r.uuid,
    r.added_at, r.attempts, r.due_at, r.error_kind, r.error_message, r.failed_count,
    r.path_count, r.updated_at, b.created_at, b.project_id, b.project_name, b.api_base, b.scope,
    r.maybe_sent";

impl Journal {
    /// A page of the log, newest batch first.
    pub fn log(&self, filter: &LogFilter) -> Result<LogPage> {
        let limit = if filter.limit == 0 { 50 } else { filter.limit };
        self.read(|conn| {
            let (condition, values) = where_clause(filter);
            let sql = format!(
                "SELECT DISTINCT r.batch_id FROM requests r JOIN batches b ON b.id = r.batch_id
                 WHERE {condition} ORDER BY r.batch_id DESC LIMIT {}",
                limit + 1
            );
            let mut batch_ids: Vec<i64> = conn
                .prepare(&sql)?
                .query_map(params_from_iter(values.iter()), |row| row.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            let next_before = (batch_ids.len() > limit).then(|| {
                batch_ids.truncate(limit);
                *batch_ids.last().unwrap()
            });
            let mut batches = Vec::with_capacity(batch_ids.len());
            for batch_id in batch_ids {
                let mut values = values.clone();
                values.push(batch_id.into());
                let sql = format!(
                    "SELECT {REQUEST_COLUMNS}, b.origin FROM requests r
                     JOIN batches b ON b.id = r.batch_id
                     WHERE {condition} AND r.batch_id = ? ORDER BY r.seq"
                );
                let mut origin = String::new();
                let mut requests = Vec::new();
                for row in conn
                    .prepare(&sql)?
                    .query_map(params_from_iter(values.iter()), |row| {
                        Ok((RowData::read(row)?, row.get::<_, String>(21)?))
                    })?
                {
                    let (data, batch_origin) = row?;
                    origin = batch_origin;
                    requests.push(data.into_view(conn, filter.with_history)?);
                }
                let first = &requests[0];
                batches.push(BatchView {
                    id: batch_id,
                    created_at: first.created_at,
                    project: first.project.clone(),
                    scope: first.scope.clone(),
                    origin,
                    requests,
                });
            }
            Ok(LogPage {
                batches,
                next_before,
            })
        })
    }

    /// One request in full, with its history.
    pub fn request(&self, id: i64) -> Result<RequestView> {
        self.read(|conn| request_view(conn, id))
    }

    /// The requests of one batch, in order, with their history.
    pub fn batch_requests(&self, batch_id: i64) -> Result<Vec<RequestView>> {
        self.read(|conn| {
            let ids: Vec<i64> = conn
                .prepare("SELECT id FROM requests WHERE batch_id = ?1 ORDER BY seq")?
                .query_map([batch_id], |row| row.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            ids.into_iter().map(|id| request_view(conn, id)).collect()
        })
    }

    /// Finds a request by its number (`12` or `#12`) or by its invalidation id (or a prefix of
    /// at least 8 characters that fits only one).
    pub fn find(&self, reference: &str) -> Result<RequestView> {
        let reference = reference.trim();
        let not_found = || {
            crate::Error::NotFound(format!(
                "no invalidation `{reference}` in the journal; `invalidator log` lists them"
            ))
        };
        if let Ok(id) = reference.trim_start_matches('#').parse::<i64>() {
            return match self.request(id) {
                Err(crate::Error::Journal(rusqlite::Error::QueryReturnedNoRows)) => {
                    Err(not_found())
                }
                other => other,
            };
        }
        if reference.len() < 8 {
            return Err(crate::Error::BadInput(format!(
                "`{reference}` is too short: give a request number or at least 8 characters of \
                 an invalidation id"
            )));
        }
        let pattern = format!("{}%", escape_like(reference));
        let ids: Vec<i64> = self.read(|conn| {
            Ok(conn
                .prepare("SELECT id FROM requests WHERE uuid LIKE ?1 ESCAPE '\\' LIMIT 2")?
                .query_map([pattern], |row| row.get(0))?
                .collect::<rusqlite::Result<_>>()?)
        })?;
        match ids.as_slice() {
            [id] => self.request(*id),
            [] => Err(not_found()),
            _ => Err(crate::Error::BadInput(format!(
                "`{reference}` fits several invalidations; give more of the id"
            ))),
        }
    }

    /// How much work is open: requests not yet acknowledged (queued, being sent, waiting
    /// to retry), and acknowledged ones the service is still working on.
    pub fn pending(&self) -> Result<Pending> {
        self.read(|conn| {
            let sql = format!(
                "SELECT SUM(r.state IN ('queued', 'sending', 'retrying')), SUM({})
                 FROM requests r",
                StatusFilter::InProgress.sql()
            );
            Ok(conn.query_row(&sql, [], |row| {
                let unsent: Option<i64> = row.get(0)?;
                let open: Option<i64> = row.get(1)?;
                let unsent = unsent.unwrap_or(0) as usize;
                Ok(Pending {
                    unsent,
                    at_service: open.unwrap_or(0) as usize - unsent,
                })
            })?)
        })
    }

    /// Ids of requests that are not finished: queued, being sent, or still followed.
    pub fn unfinished(&self, project_ids: Option<&[String]>) -> Result<Vec<i64>> {
        self.read(|conn| {
            let mut sql = format!(
                "SELECT r.id FROM requests r JOIN batches b ON b.id = r.batch_id WHERE {}",
                StatusFilter::InProgress.sql()
            );
            let mut values: Vec<String> = Vec::new();
            if let Some(projects) = project_ids {
                sql.push_str(&format!(
                    " AND b.project_id IN ({})",
                    placeholders(projects.len())
                ));
                values.extend(projects.iter().cloned());
            }
            sql.push_str(" ORDER BY r.id");
            Ok(conn
                .prepare(&sql)?
                .query_map(params_from_iter(values.iter()), |row| row.get(0))?
                .collect::<rusqlite::Result<_>>()?)
        })
    }

    /// Counts of where the requests of `batch_id` stand.
    pub fn batch_summary(&self, batch_id: i64) -> Result<BatchSummary> {
        self.read(|conn| {
            let sql = format!(
                "SELECT COUNT(*), COUNT(r.uuid), SUM(NOT ({})), SUM({})
                 FROM requests r WHERE r.batch_id = ?1",
                StatusFilter::InProgress.sql(),
                StatusFilter::Done.sql()
            );
            Ok(conn.query_row(&sql, [batch_id], |row| {
                Ok(BatchSummary {
                    requests: row.get::<_, i64>(0)? as usize,
                    acknowledged: row.get::<_, i64>(1)? as usize,
                    finished: row.get::<_, Option<i64>>(2)?.unwrap_or(0) as usize,
                    done: row.get::<_, Option<i64>>(3)?.unwrap_or(0) as usize,
                })
            })?)
        })
    }

    /// The newest batch, if any.
    pub fn latest_batch(&self) -> Result<Option<i64>> {
        self.read(|conn| Ok(conn.query_row("SELECT MAX(id) FROM batches", [], |row| row.get(0))?))
    }
}

fn request_view(conn: &Connection, id: i64) -> Result<RequestView> {
    let sql = format!(
        "SELECT {REQUEST_COLUMNS} FROM requests r JOIN batches b ON b.id = r.batch_id
         WHERE r.id = ?1"
    );
    let data = conn.query_row(&sql, [id], RowData::read)?;
    data.into_view(conn, true)
}

/// The SQL condition of a filter on `requests r JOIN batches b`, and its values.
fn where_clause(filter: &LogFilter) -> (String, Vec<rusqlite::types::Value>) {
    let mut parts = vec!["1".to_owned()];
    let mut values: Vec<rusqlite::types::Value> = Vec::new();
    if let Some(project) = &filter.project_id {
        parts.push("b.project_id = ?".into());
        values.push(project.clone().into());
    }
    if let Some(status) = filter.status {
        parts.push(status.sql().to_owned());
    }
    if let Some(scope) = &filter.scope {
        parts.push("b.scope = ?".into());
        values.push(scope.to_ascii_lowercase().into());
    }
    if let Some(text) = filter
        .text
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        let pattern = format!("%{}%", escape_like(text));
        parts.push(
            "(r.uuid LIKE ? ESCAPE '\\' OR EXISTS (SELECT 1 FROM paths p
               WHERE p.request_id = r.id AND p.path LIKE ? ESCAPE '\\'))"
                .into(),
        );
        values.push(pattern.clone().into());
        values.push(pattern.into());
    }
    if let Some(before) = filter.before_batch {
        parts.push("r.batch_id < ?".into());
        values.push(before.into());
    }
    (parts.join(" AND "), values)
}

fn escape_like(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

/// One row of `REQUEST_COLUMNS`.
struct RowData {
    id: i64,
    batch_id: i64,
    seq: u32,
    retry_of: Option<i64>,
    state: String,
    status: Option<String>,
    uuid: Option<String>,
    added_at: Option<i64>,
    attempts: u32,
    due_at: Option<i64>,
    error_kind: Option<String>,
    error_message: Option<String>,
    failed_count: usize,
    path_count: usize,
    updated_at: i64,
    created_at: i64,
    project: ProjectRef,
    scope: String,
    maybe_sent: bool,
}

impl RowData {
    fn read(row: &Row<'_>) -> rusqlite::Result<RowData> {
        Ok(RowData {
            id: row.get(0)?,
            batch_id: row.get(1)?,
            seq: row.get(2)?,
            retry_of: row.get(3)?,
            state: row.get(4)?,
            status: row.get(5)?,
            uuid: row.get(6)?,
            added_at: row.get(7)?,
            attempts: row.get(8)?,
            due_at: row.get(9)?,
            error_kind: row.get(10)?,
            error_message: row.get(11)?,
            failed_count: row.get::<_, i64>(12)? as usize,
            path_count: row.get::<_, i64>(13)? as usize,
            updated_at: row.get(14)?,
            created_at: row.get(15)?,
            project: ProjectRef {
                id: row.get(16)?,
                name: row.get(17)?,
                api_base: row.get(18)?,
            },
            scope: row.get(19)?,
            maybe_sent: row.get(20)?,
        })
    }

    fn into_view(self, conn: &Connection, with_history: bool) -> Result<RequestView> {
        let state = RequestState::parse(&self.state).unwrap_or(RequestState::Queued);
        let condition = Condition::of(
            &Facts {
                state,
                status: self.status.as_deref(),
                failed_count: self.failed_count,
                path_count: self.path_count,
                attempts: self.attempts,
                due_at: self.due_at.map(to_time),
                error_kind: self.error_kind.as_deref(),
                error_message: self.error_message.as_deref(),
                updated_at: to_time(self.updated_at),
                maybe_sent: self.maybe_sent,
                whole_cache: self.scope == "all",
            },
            Utc::now(),
        );
        let paths = conn
            .prepare_cached("SELECT path, result FROM paths WHERE request_id = ?1 ORDER BY idx")?
            .query_map([self.id], |row| {
                Ok(PathResult {
                    path: row.get(0)?,
                    result: row.get(1)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let retried_by = conn
            .prepare_cached("SELECT id FROM requests WHERE retry_of = ?1 ORDER BY id")?
            .query_map([self.id], |row| row.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let history = if with_history {
            Some(
                conn.prepare_cached(
                    "SELECT at, state, status, detail FROM events WHERE request_id = ?1 ORDER BY id",
                )?
                .query_map([self.id], |row| {
                    Ok(HistoryEntry {
                        at: to_time(row.get(0)?),
                        state: row.get(1)?,
                        status: row.get(2)?,
                        detail: row.get(3)?,
                    })
                })?
                .collect::<rusqlite::Result<_>>()?,
            )
        } else {
            None
        };
        Ok(RequestView {
            id: self.id,
            batch_id: self.batch_id,
            seq: self.seq,
            project: self.project,
            scope: self.scope,
            created_at: to_time(self.created_at),
            updated_at: to_time(self.updated_at),
            uuid: self.uuid,
            added_at: self.added_at.map(to_time),
            state,
            status: self.status,
            condition,
            attempts: self.attempts,
            due_at: self.due_at.map(to_time),
            error: match (self.error_kind, self.error_message) {
                (Some(kind), Some(message)) => Some(ErrorView { kind, message }),
                _ => None,
            },
            retry_of: self.retry_of,
            retried_by,
            path_count: self.path_count,
            failed_count: self.failed_count,
            paths,
            history,
        })
    }
}
