//! Reads: the log, paged newest first and filtered, and one request in full. A page costs a
//! fixed number of queries whatever its size: the batches, their counts, their requests, the
//! requests' paths, their retries (and history when asked). Filters go through indexes: the
//! stored condition code, the project and scope of batches, and a trigram index of paths.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, Row, params_from_iter};
use serde::Serialize;

use super::sql::id_list;
use super::{Journal, ProjectRef, to_time};
use crate::condition::{Condition, ConditionCode, Facts, RequestState, StatusFilter, codes_sql};
use crate::{Result, ScopeKind};

/// How many requests of a batch a log page shows unless told otherwise.
pub const REQUESTS_PER_BATCH: usize = 20;
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
    pub checks: Option<Vec<crate::freshness::Check>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct ErrorView {
    pub kind: String,
    pub message: String,
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
    pub detail: Option<String>,
}

const REQUEST_COLUMNS: &str = "r.id, r.batch_id, r.seq, r.retry_of, r.state, r.status, r.uuid,
    r.added_at, r.attempts, r.due_at, r.error_kind, r.error_message, r.failed_count,
    r.path_count, r.updated_at, b.created_at, b.project_id, b.project_name, b.api_base, b.scope,
    r.maybe_sent, b.origin";

/// Search text shorter than this looks in invalidation ids only: the path index is of
/// three-character pieces.
const MIN_PATH_SEARCH: usize = 3;

/// How much of each request a read takes.
#[derive(Debug, Clone, Copy)]
struct Depth {
    history: bool,
    /// Paths per request; `None`: all.
    paths: Option<usize>,
}

impl Journal {
    /// A page of the log, newest batch first.
    pub fn log(&self, filter: &LogFilter) -> Result<LogPage> {
        let limit = if filter.limit == 0 { 50 } else { filter.limit };
        let depth = Depth {
            history: filter.with_history,
            paths: (filter.requests_per_batch > 0).then_some(PATHS_PER_REQUEST),
        };
        self.read(|conn| {
            let (mut batch_ids, matching) = find_batches(conn, filter, limit + 1)?;
            let next_before = (batch_ids.len() > limit).then(|| {
                batch_ids.truncate(limit);
                *batch_ids.last().unwrap()
            });
            let rows_of = RowFilter::new(filter, matching);
            let counts = code_counts(conn, &rows_of, &batch_ids)?;
            let per_batch = filter.requests_per_batch;
            // Batches that fit are read whole in one query; each bigger one (there are few)
            // gets its first rows, failures first.
            let (whole, big): (Vec<i64>, Vec<i64>) = batch_ids
                .iter()
                .partition(|id| per_batch == 0 || total_of(&counts, **id) <= per_batch);
            let mut rows = request_rows(conn, &rows_of, &whole)?;
            for id in &big {
                let (failed, total) = (failures_of(&counts, *id), total_of(&counts, *id));
                rows.extend(request_rows_paged(
                    conn, &rows_of, *id, failed, total, 0, per_batch,
                )?);
            }
            let origins: HashMap<i64, String> = rows
                .iter()
                .map(|r| (r.batch_id, r.origin.clone()))
                .collect();
            let mut by_batch: HashMap<i64, Vec<RequestView>> = HashMap::new();
            for view in views_of(conn, rows, depth)? {
                by_batch.entry(view.batch_id).or_default().push(view);
            }
            let mut freshness = super::checks::batch_freshness_of(conn, &id_list(&batch_ids))?;
            let mut batches = Vec::with_capacity(batch_ids.len());
            for batch_id in batch_ids {
                let requests = by_batch.remove(&batch_id).unwrap_or_default();
                let Some(first) = requests.first() else {
                    continue;
                };
                let mut batch_counts: Vec<CodeCount> = counts
                    .get(&batch_id)
                    .map(|c| {
                        c.iter()
                            .map(|(code, count)| CodeCount {
                                code: *code,
                                count: *count,
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                batch_counts.sort_by(|a, b| b.count.cmp(&a.count).then(a.code.cmp(&b.code)));
                batches.push(BatchView {
                    id: batch_id,
                    created_at: first.created_at,
                    project: first.project.clone(),
                    scope: first.scope,
                    origin: origins.get(&batch_id).cloned().unwrap_or_default(),
                    request_count: total_of(&counts, batch_id),
                    counts: batch_counts,
                    requests,
                    freshness: freshness.remove(&batch_id),
                });
            }
            Ok(LogPage {
                batches,
                next_before,
            })
        })
    }

    /// The requests of one batch that match `filter`, `limit` from `offset`, failures first:
    /// how a big batch expands page by page.
    pub fn batch_page(
        &self,
        batch_id: i64,
        filter: &LogFilter,
        offset: usize,
        limit: usize,
    ) -> Result<Vec<RequestView>> {
        self.read(|conn| {
            let matching = match search_text(filter) {
                Some(text) => Some(matches_in_batch(conn, &text, batch_id)?),
                None => None,
            };
            let rows_of = RowFilter::new(filter, matching);
            let counts = code_counts(conn, &rows_of, &[batch_id])?;
            let (failed, total) = (failures_of(&counts, batch_id), total_of(&counts, batch_id));
            let rows = request_rows_paged(conn, &rows_of, batch_id, failed, total, offset, limit)?;
            let depth = Depth {
                history: false,
                paths: Some(PATHS_PER_REQUEST),
            };
            views_of(conn, rows, depth)
        })
    }

    /// One request in full, with its history (and its first paths; see
    /// [`Journal::request_paths`]).
    pub fn request(&self, id: i64) -> Result<RequestView> {
        self.read(|conn| request_view(conn, id, Some(PATHS_PER_REQUEST)))
    }

    /// One request with every path: for the CLI, whose output lists them all.
    pub fn request_whole(&self, id: i64) -> Result<RequestView> {
        self.read(|conn| request_view(conn, id, None))
    }

    /// A page of a request's paths: all of them, or only the failed ones.
    pub fn request_paths(
        &self,
        id: i64,
        failed_only: bool,
        offset: usize,
        limit: usize,
    ) -> Result<PathPage> {
        let only = if failed_only {
            " AND result = 'failed'"
        } else {
            ""
        };
        self.read(|conn| {
            let total: i64 = conn.query_row(
                &format!("SELECT COUNT(*) FROM paths WHERE request_id = ?1{only}"),
                [id],
                |row| row.get(0),
            )?;
            let paths = conn
                .prepare_cached(&format!(
                    "SELECT path, result FROM paths WHERE request_id = ?1{only}
                     ORDER BY idx LIMIT ?2 OFFSET ?3"
                ))?
                .query_map(rusqlite::params![id, limit as i64, offset as i64], |row| {
                    Ok(PathResult {
                        path: row.get(0)?,
                        result: row.get(1)?,
                    })
                })?
                .collect::<rusqlite::Result<_>>()?;
            Ok(PathPage {
                paths,
                total: total as usize,
            })
        })
    }

    /// The requests of one batch, in order, with their history and every path.
    pub fn batch_requests(&self, batch_id: i64) -> Result<Vec<RequestView>> {
        self.read(|conn| {
            let everything = RowFilter::new(&LogFilter::default(), None);
            let rows = request_rows(conn, &everything, &[batch_id])?;
            let depth = Depth {
                history: true,
                paths: None,
            };
            views_of(conn, rows, depth)
        })
    }

    /// The requests `ids`, in that order (those that exist), without history.
    pub fn requests(&self, ids: &[i64]) -> Result<Vec<RequestView>> {
        self.read(|conn| {
            let rows = rows_by_id(conn, ids)?;
            let depth = Depth {
                history: false,
                paths: Some(PATHS_PER_REQUEST),
            };
            let mut views: HashMap<i64, RequestView> = views_of(conn, rows, depth)?
                .into_iter()
                .map(|v| (v.id, v))
                .collect();
            Ok(ids.iter().filter_map(|id| views.remove(id)).collect())
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
                Err(crate::Error::NotFound(_)) => Err(not_found()),
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
        let unsent = codes_sql(&[
            ConditionCode::Queued,
            ConditionCode::Sending,
            ConditionCode::Retrying,
        ]);
        self.read(|conn| {
            let sql = format!(
                "SELECT SUM({unsent}), COUNT(*) FROM requests r WHERE {}",
                StatusFilter::InProgress.sql()
            );
            Ok(conn.query_row(&sql, [], |row| {
                let unsent: Option<i64> = row.get(0)?;
                let open: i64 = row.get(1)?;
                let unsent = unsent.unwrap_or(0) as usize;
                Ok(Pending {
                    unsent,
                    at_service: open as usize - unsent,
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
                sql.push_str(" AND b.project_id IN (SELECT value FROM json_each(?))");
                values.push(serde_json::to_string(projects).map_err(std::io::Error::other)?);
            }
            sql.push_str(" ORDER BY r.id");
            Ok(conn
                .prepare_cached(&sql)?
                .query_map(params_from_iter(values.iter()), |row| row.get(0))?
                .collect::<rusqlite::Result<_>>()?)
        })
    }

    /// Counts of where the requests of `batch_id` stand.
    pub fn batch_summary(&self, batch_id: i64) -> Result<BatchSummary> {
        self.read(|conn| {
            let sql = format!(
                "SELECT COUNT(*), COUNT(r.uuid), SUM(NOT ({})), SUM(r.code = 'done')
                 FROM requests r WHERE r.batch_id = ?1",
                StatusFilter::InProgress.sql(),
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

    /// The batches of `changed` requests that are finished through and through: a few
    /// queries, whatever the number of requests.
    pub fn finished_batches(&self, changed: &[i64]) -> Result<Vec<FinishedBatch>> {
        if changed.is_empty() {
            return Ok(Vec::new());
        }
        let open = StatusFilter::InProgress.sql();
        self.read(|conn| {
            let candidates: Vec<i64> = conn
                .prepare_cached(&format!(
                    "SELECT DISTINCT r.batch_id FROM requests r
                     WHERE r.id IN (SELECT value FROM json_each(?1)) AND NOT ({open})"
                ))?
                .query_map([id_list(changed)], |row| row.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            let mut finished = Vec::new();
            for batch_id in candidates {
                let row = conn
                    .prepare_cached(&format!(
                        "SELECT b.project_name, b.scope, COUNT(*), SUM(r.code = 'done'),
                                SUM(r.path_count), SUM({open})
                         FROM requests r JOIN batches b ON b.id = r.batch_id
                         WHERE r.batch_id = ?1"
                    ))?
                    .query_row([batch_id], |row| {
                        Ok((
                            row.get::<_, String>(0)?,
                            row.get::<_, String>(1)?,
                            row.get::<_, i64>(2)?,
                            row.get::<_, Option<i64>>(3)?.unwrap_or(0),
                            row.get::<_, Option<i64>>(4)?.unwrap_or(0),
                            row.get::<_, Option<i64>>(5)?.unwrap_or(0),
                        ))
                    })?;
                let (project_name, scope, requests, done, paths, open_count) = row;
                if open_count == 0 {
                    finished.push(FinishedBatch {
                        batch_id,
                        project_name,
                        whole_cache: scope == "all",
                        requests: requests as usize,
                        done: done as usize,
                        paths: paths as usize,
                    });
                }
            }
            Ok(finished)
        })
    }

    /// The newest batch, if any.
    pub fn latest_batch(&self) -> Result<Option<i64>> {
        self.read(|conn| Ok(conn.query_row("SELECT MAX(id) FROM batches", [], |row| row.get(0))?))
    }
}

fn request_view(conn: &Connection, id: i64, paths: Option<usize>) -> Result<RequestView> {
    let rows = rows_by_id(conn, &[id])?;
    if rows.is_empty() {
        return Err(crate::Error::NotFound(format!(
            "no invalidation #{id} in the journal"
        )));
    }
    let depth = Depth {
        history: true,
        paths,
    };
    Ok(views_of(conn, rows, depth)?.remove(0))
}

/// A JSON array of ids, for `IN (SELECT value FROM json_each(?))`: one parameter, any count.
fn rows_by_id(conn: &Connection, ids: &[i64]) -> Result<Vec<RowData>> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {REQUEST_COLUMNS} FROM requests r JOIN batches b ON b.id = r.batch_id
             WHERE r.id IN (SELECT value FROM json_each(?1)) ORDER BY r.id"
        ))?
        .query_map([id_list(ids)], RowData::read)?
        .collect::<rusqlite::Result<_>>()?)
}

/// The part of a filter that applies to requests once their batches are chosen: the status,
/// and, for a search, the ids of the requests that matched.
struct RowFilter {
    condition: String,
    values: Vec<rusqlite::types::Value>,
    /// It keeps few of a batch's requests (a status): read them through the index of codes.
    selective: bool,
}

impl RowFilter {
    fn new(filter: &LogFilter, matching: Option<Vec<i64>>) -> RowFilter {
        let mut parts = vec!["1".to_owned()];
        let mut values = Vec::new();
        if let Some(status) = filter.status {
            parts.push(status.sql());
        }
        if let Some(ids) = matching {
            parts.push("r.id IN (SELECT value FROM json_each(?))".into());
            values.push(id_list(&ids));
        }
        RowFilter {
            condition: parts.join(" AND "),
            values,
            selective: filter.status.is_some(),
        }
    }
}

/// The batches of a page (newest first, up to `want`), and, for a search, the requests of
/// those batches that matched. Each kind of filter takes the road its index offers.
fn find_batches(
    conn: &Connection,
    filter: &LogFilter,
    want: usize,
) -> Result<(Vec<i64>, Option<Vec<i64>>)> {
    let (batch_part, mut values) = batch_clause(filter);
    if let Some(text) = search_text(filter) {
        return search(conn, filter, &text, want);
    }
    if let Some(status) = filter.status {
        // Through the index of codes: the requests in that state, their batches.
        values.push((want as i64).into());
        let ids = conn
            .prepare_cached(&format!(
                "SELECT DISTINCT r.batch_id FROM requests r JOIN batches b ON b.id = r.batch_id
                 WHERE {batch_part} AND {} ORDER BY r.batch_id DESC LIMIT ?",
                status.sql()
            ))?
            .query_map(params_from_iter(values.iter()), |row| row.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        return Ok((ids, None));
    }
    // Every batch has requests: the batches alone answer.
    values.push((want as i64).into());
    let ids = conn
        .prepare_cached(&format!(
            "SELECT b.id FROM batches b WHERE {batch_part} ORDER BY b.id DESC LIMIT ?"
        ))?
        .query_map(params_from_iter(values.iter()), |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok((ids, None))
}

/// The search text, trimmed; `None` when there is none.
fn search_text(filter: &LogFilter) -> Option<String> {
    filter
        .text
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
}

/// A search: requests whose paths hold the text (the trigram index, newest first, read only
/// as far as the page needs) or whose invalidation id starts with it.
fn search(
    conn: &Connection,
    filter: &LogFilter,
    text: &str,
    want: usize,
) -> Result<(Vec<i64>, Option<Vec<i64>>)> {
    let (batch_part, batch_values) = batch_clause(filter);
    let status = filter.status.map_or("1".to_owned(), |s| s.sql());
    // (request id, batch id), newest first, from both roads.
    let mut found: Vec<(i64, i64)> = Vec::new();
    let mut values = batch_values.clone();
    values.extend(uuid_range(text));
    found.extend(
        conn.prepare_cached(&format!(
            "SELECT r.id, r.batch_id FROM requests r JOIN batches b ON b.id = r.batch_id
             WHERE {batch_part} AND {status} AND {UUID_RANGES}"
        ))?
        .query_map(params_from_iter(values.iter()), |row| {
            Ok((row.get(0)?, row.get(1)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?,
    );
    if text.chars().count() >= MIN_PATH_SEARCH {
        let mut values = vec![rusqlite::types::Value::from(fts_phrase(text))];
        values.extend(batch_values);
        let mut statement = conn.prepare_cached(&format!(
            "SELECT r.id, r.batch_id FROM path_search ps
             JOIN requests r ON r.id = ps.rowid JOIN batches b ON b.id = r.batch_id
             WHERE path_search MATCH ? AND {batch_part} AND {status}
             ORDER BY ps.rowid DESC"
        ))?;
        let mut rows = statement.query(params_from_iter(values.iter()))?;
        let mut batches = std::collections::BTreeSet::new();
        // A batch's requests have consecutive ids: once a batch past the page shows up,
        // every match of the page's batches has been seen.
        while let Some(row) = rows.next()? {
            let (id, batch): (i64, i64) = (row.get(0)?, row.get(1)?);
            batches.insert(std::cmp::Reverse(batch));
            if batches.len() > want {
                break;
            }
            found.push((id, batch));
        }
    }
    Ok(page_of(found, want))
}

/// The newest `want` batches of `found` (request, batch) pairs, and their requests.
fn page_of(found: Vec<(i64, i64)>, want: usize) -> (Vec<i64>, Option<Vec<i64>>) {
    let mut batch_ids: Vec<i64> = found.iter().map(|(_, b)| *b).collect();
    batch_ids.sort_unstable_by(|a, b| b.cmp(a));
    batch_ids.dedup();
    batch_ids.truncate(want);
    let chosen: std::collections::HashSet<i64> = batch_ids.iter().copied().collect();
    let mut ids: Vec<i64> = found
        .into_iter()
        .filter(|(_, b)| chosen.contains(b))
        .map(|(id, _)| id)
        .collect();
    ids.sort_unstable();
    ids.dedup();
    (batch_ids, Some(ids))
}

/// The requests of one batch that match a search.
fn matches_in_batch(conn: &Connection, text: &str, batch_id: i64) -> Result<Vec<i64>> {
    let mut values = vec![rusqlite::types::Value::from(batch_id)];
    values.extend(uuid_range(text));
    let mut ids: Vec<i64> = conn
        .prepare_cached(&format!(
            "SELECT r.id FROM requests r WHERE r.batch_id = ? AND {UUID_RANGES}"
        ))?
        .query_map(params_from_iter(values.iter()), |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    if text.chars().count() >= MIN_PATH_SEARCH {
        let (first, last): (Option<i64>, Option<i64>) = conn.query_row(
            "SELECT MIN(id), MAX(id) FROM requests WHERE batch_id = ?1",
            [batch_id],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )?;
        if let (Some(first), Some(last)) = (first, last) {
            ids.extend(
                conn.prepare_cached(
                    "SELECT rowid FROM path_search
                     WHERE path_search MATCH ?1 AND rowid BETWEEN ?2 AND ?3",
                )?
                .query_map(rusqlite::params![fts_phrase(text), first, last], |row| {
                    row.get::<_, i64>(0)
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?,
            );
        }
    }
    ids.sort_unstable();
    ids.dedup();
    Ok(ids)
}

/// Invalidation ids starting with `text`, written in lower or in upper case (the service's
/// are lowercase): two index ranges, where `LIKE` would read every row.
const UUID_RANGES: &str = "((r.uuid >= ? AND r.uuid < ?) OR (r.uuid >= ? AND r.uuid < ?))";

fn uuid_range(text: &str) -> Vec<rusqlite::types::Value> {
    let (lower, upper) = (text.to_ascii_lowercase(), text.to_ascii_uppercase());
    vec![
        lower.clone().into(),
        format!("{lower}\u{10FFFF}").into(),
        upper.clone().into(),
        format!("{upper}\u{10FFFF}").into(),
    ]
}

/// The text as one phrase of the trigram index: found anywhere in a path.
fn fts_phrase(text: &str) -> String {
    format!("\"{}\"", text.replace('"', "\"\""))
}

/// The matching requests of `batches` (all of each), newest batch first and in order within
/// each.
fn request_rows(conn: &Connection, rows_of: &RowFilter, batches: &[i64]) -> Result<Vec<RowData>> {
    if batches.is_empty() {
        return Ok(Vec::new());
    }
    let mut values = rows_of.values.clone();
    values.push(id_list(batches));
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {REQUEST_COLUMNS} FROM requests r JOIN batches b ON b.id = r.batch_id
             WHERE {} AND r.batch_id IN (SELECT value FROM json_each(?))
             ORDER BY r.batch_id DESC, r.seq",
            rows_of.condition
        ))?
        .query_map(params_from_iter(values.iter()), RowData::read)?
        .collect::<rusqlite::Result<_>>()?)
}

/// How many rows of a batch are "few": read through the index of codes and sorted, rather
/// than along the batch.
const FEW_ROWS: usize = 2_000;

/// `limit` matching requests of one batch from `offset`: its `failed` failures first (by the
/// index of codes), then the rest, each in order. `total`: how many match in all.
#[allow(clippy::too_many_arguments)]
fn request_rows_paged(
    conn: &Connection,
    rows_of: &RowFilter,
    batch_id: i64,
    failed: usize,
    total: usize,
    offset: usize,
    limit: usize,
) -> Result<Vec<RowData>> {
    let failures = StatusFilter::Failed.sql();
    // Few rows (the failures, or a status): through the index of batch and code, then sorted;
    // most of them: along the batch in order, stopping at the page's end.
    let part = |only: &str, few: bool, skip: usize, take: usize| -> Result<Vec<RowData>> {
        let mut values = rows_of.values.clone();
        values.push(batch_id.into());
        values.push((take as i64).into());
        values.push((skip as i64).into());
        let index = if few {
            "INDEXED BY requests_batch_code"
        } else {
            ""
        };
        Ok(conn
            .prepare_cached(&format!(
                "SELECT {REQUEST_COLUMNS} FROM requests r {index}
                 JOIN batches b ON b.id = r.batch_id
                 WHERE {} AND r.batch_id = ? AND {only}
                 ORDER BY r.seq LIMIT ? OFFSET ?",
                rows_of.condition
            ))?
            .query_map(params_from_iter(values.iter()), RowData::read)?
            .collect::<rusqlite::Result<_>>()?)
    };
    let mut rows = Vec::new();
    if offset < failed {
        rows = part(
            &failures,
            failed <= FEW_ROWS,
            offset,
            limit.min(failed - offset),
        )?;
    }
    if rows.len() < limit {
        let skip = offset.saturating_sub(failed);
        let rest = format!("NOT ({failures})");
        let few = rows_of.selective && total - failed <= FEW_ROWS;
        rows.extend(part(&rest, few, skip, limit - rows.len())?);
    }
    Ok(rows)
}

type Counts = HashMap<i64, Vec<(ConditionCode, usize)>>;

/// The matching requests of `batches`, counted by code (from the index of batch and code).
fn code_counts(conn: &Connection, rows_of: &RowFilter, batches: &[i64]) -> Result<Counts> {
    let mut values = rows_of.values.clone();
    values.push(id_list(batches));
    let mut counts: Counts = HashMap::new();
    let mut statement = conn.prepare_cached(&format!(
        "SELECT r.batch_id, r.code, COUNT(*) FROM requests r
         WHERE {} AND r.batch_id IN (SELECT value FROM json_each(?))
         GROUP BY r.batch_id, r.code",
        rows_of.condition
    ))?;
    let rows = statement.query_map(params_from_iter(values.iter()), |row| {
        Ok((
            row.get::<_, i64>(0)?,
            row.get::<_, String>(1)?,
            row.get::<_, i64>(2)?,
        ))
    })?;
    for row in rows {
        let (batch, code, count) = row?;
        let code = ConditionCode::parse(&code).unwrap_or(ConditionCode::Unknown);
        counts
            .entry(batch)
            .or_default()
            .push((code, count as usize));
    }
    Ok(counts)
}

fn total_of(counts: &Counts, batch: i64) -> usize {
    counts
        .get(&batch)
        .map_or(0, |c| c.iter().map(|(_, n)| n).sum())
}

fn failures_of(counts: &Counts, batch: i64) -> usize {
    counts.get(&batch).map_or(0, |c| {
        c.iter()
            .filter(|(code, _)| code.is_failure())
            .map(|(_, n)| n)
            .sum()
    })
}

/// Views of `rows`, in their order, with the paths, retries and history of all of them read
/// in one query each.
fn views_of(conn: &Connection, rows: Vec<RowData>, depth: Depth) -> Result<Vec<RequestView>> {
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let list = id_list(&ids);
    let mut paths: HashMap<i64, Vec<PathResult>> = HashMap::new();
    let mut totals: HashMap<i64, usize> = HashMap::new();
    {
        let limit = depth.paths.map_or(-1, |n| n as i64);
        let mut statement = conn.prepare_cached(
            "SELECT request_id, path, result, idx FROM paths
             WHERE request_id IN (SELECT value FROM json_each(?1)) AND (?2 < 0 OR idx < ?2)
             ORDER BY request_id, idx",
        )?;
        let found = statement.query_map(rusqlite::params![list, limit], |row| {
            Ok((
                row.get::<_, i64>(0)?,
                PathResult {
                    path: row.get(1)?,
                    result: row.get(2)?,
                },
            ))
        })?;
        for row in found {
            let (id, path) = row?;
            paths.entry(id).or_default().push(path);
        }
        if depth.paths.is_some() {
            let mut statement = conn.prepare_cached(
                "SELECT request_id, COUNT(*) FROM paths
                 WHERE request_id IN (SELECT value FROM json_each(?1)) GROUP BY request_id",
            )?;
            for row in statement.query_map([&list], |row| {
                Ok((row.get::<_, i64>(0)?, row.get::<_, i64>(1)?))
            })? {
                let (id, total) = row?;
                totals.insert(id, total as usize);
            }
        }
    }
    let mut retried_by: HashMap<i64, Vec<i64>> = HashMap::new();
    for row in conn
        .prepare_cached(
            "SELECT retry_of, id FROM requests
             WHERE retry_of IN (SELECT value FROM json_each(?1)) ORDER BY id",
        )?
        .query_map([&list], |row| {
            Ok((row.get::<_, i64>(0)?, row.get::<_, i64>(1)?))
        })?
    {
        let (original, retry) = row?;
        retried_by.entry(original).or_default().push(retry);
    }
    let mut history: HashMap<i64, Vec<HistoryEntry>> = HashMap::new();
    if depth.history {
        for row in conn
            .prepare_cached(
                "SELECT request_id, at, state, status, detail FROM events
                 WHERE request_id IN (SELECT value FROM json_each(?1)) ORDER BY request_id, id",
            )?
            .query_map([&list], |row| {
                Ok((
                    row.get::<_, i64>(0)?,
                    HistoryEntry {
                        at: to_time(row.get(1)?),
                        state: row.get(2)?,
                        status: row.get(3)?,
                        detail: row.get(4)?,
                    },
                ))
            })?
        {
            let (id, entry) = row?;
            history.entry(id).or_default().push(entry);
        }
    }
    let mut freshness = super::checks::freshness_of(conn, &list)?;
    let mut checks = if depth.history {
        super::checks::checks_of(conn, &list)?
    } else {
        HashMap::new()
    };
    let now = Utc::now();
    Ok(rows
        .into_iter()
        .map(|row| {
            let id = row.id;
            let freshness = freshness.remove(&id);
            let paths = paths.remove(&id).unwrap_or_default();
            let more_paths = totals.get(&id).map_or(0, |t| t.saturating_sub(paths.len()));
            let history = depth
                .history
                .then(|| history.remove(&id).unwrap_or_default());
            let retried_by = retried_by.remove(&id).unwrap_or_default();
            let mut view = row.into_view(now, paths, more_paths, retried_by, history);
            view.freshness = freshness;
            view.checks = depth
                .history
                .then(|| checks.remove(&id).unwrap_or_default());
            view
        })
        .collect())
}

/// The batch-level part of a filter (project, scope, the page's cursor) on `batches b`, and
/// its values.
fn batch_clause(filter: &LogFilter) -> (String, Vec<rusqlite::types::Value>) {
    let mut parts = vec!["1".to_owned()];
    let mut values: Vec<rusqlite::types::Value> = Vec::new();
    if let Some(project) = &filter.project_id {
        parts.push("b.project_id = ?".into());
        values.push(project.clone().into());
    }
    if let Some(scope) = &filter.scope {
        parts.push("b.scope = ?".into());
        values.push(scope.to_ascii_lowercase().into());
    }
    if let Some(before) = filter.before_batch {
        parts.push("b.id < ?".into());
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
    scope: ScopeKind,
    maybe_sent: bool,
    origin: String,
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
            scope: ScopeKind::parse(&row.get::<_, String>(19)?),
            maybe_sent: row.get(20)?,
            origin: row.get(21)?,
        })
    }

    fn into_view(
        self,
        now: DateTime<Utc>,
        paths: Vec<PathResult>,
        more_paths: usize,
        retried_by: Vec<i64>,
        history: Option<Vec<HistoryEntry>>,
    ) -> RequestView {
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
                whole_cache: self.scope == ScopeKind::All,
            },
            now,
        );
        RequestView {
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
            more_paths,
            history,
            freshness: None,
            checks: None,
        }
    }
}
