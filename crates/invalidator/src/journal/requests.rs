//! Requests: one in full, some by id, one found by number or Invalidation ID, and the rows
//! every view of a request is built from (in a fixed number of queries for any number).

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, Row};

use super::sql::{escape_like, id_list};
use super::views::*;
use super::{Journal, ProjectRef, to_time};
use crate::condition::{Condition, Facts, RequestState};
use crate::{Result, Said, ScopeKind};

/// How much of each request a read takes.
#[derive(Debug, Clone, Copy)]
pub(super) struct Depth {
    pub(super) history: bool,
    /// Paths per request; `None`: all.
    pub(super) paths: Option<usize>,
}

pub(super) const REQUEST_COLUMNS: &str =
    "r.id, r.batch_id, r.seq, r.retry_of, r.state, r.status, r.uuid,
    r.added_at, r.attempts, r.due_at, r.error_kind, r.error_message, r.failed_count,
    r.path_count, r.updated_at, b.created_at, b.project_id, b.project_name, b.api_base, b.scope,
    r.maybe_sent, b.origin, r.error_said";

impl Journal {
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
            crate::Error::NotFound(crate::Problem::UnknownReference {
                reference: reference.to_owned(),
            })
        };
        if let Ok(id) = reference.trim_start_matches('#').parse::<i64>() {
            match self.request(id) {
                // An id's first characters may all be digits (one in forty 8-character
                // prefixes are): a number no request has is looked for as an id too.
                Err(crate::Error::NotFound(_))
                    if !reference.starts_with('#') && reference.len() >= 8 => {}
                Err(crate::Error::NotFound(_)) => return Err(not_found()),
                other => return other,
            }
        }
        if reference.len() < 8 {
            return Err(crate::Error::BadInput(crate::Problem::ReferenceTooShort {
                reference: reference.to_owned(),
            }));
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
            _ => Err(crate::Error::BadInput(crate::Problem::ReferenceAmbiguous {
                reference: reference.to_owned(),
            })),
        }
    }
}

pub(super) fn request_view(
    conn: &Connection,
    id: i64,
    paths: Option<usize>,
) -> Result<RequestView> {
    let rows = rows_by_id(conn, &[id])?;
    if rows.is_empty() {
        return Err(crate::Error::NotFound(crate::Problem::NoSuchRequest {
            request: id.to_string(),
        }));
    }
    let depth = Depth {
        history: true,
        paths,
    };
    Ok(views_of(conn, rows, depth)?.remove(0))
}

/// A JSON array of ids, for `IN (SELECT value FROM json_each(?))`: one parameter, any count.
pub(super) fn rows_by_id(conn: &Connection, ids: &[i64]) -> Result<Vec<RowData>> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {REQUEST_COLUMNS} FROM requests r JOIN batches b ON b.id = r.batch_id
             WHERE r.id IN (SELECT value FROM json_each(?1)) ORDER BY r.id"
        ))?
        .query_map([id_list(ids)], RowData::read)?
        .collect::<rusqlite::Result<_>>()?)
}

/// Views of `rows`, in their order, with the paths, retries and history of all of them read
/// in one query each.
pub(super) fn views_of(
    conn: &Connection,
    rows: Vec<RowData>,
    depth: Depth,
) -> Result<Vec<RequestView>> {
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
                "SELECT request_id, at, state, status, detail, said FROM events
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
                        said: Said::read(
                            row.get::<_, Option<String>>(5)?.as_deref(),
                            row.get::<_, Option<String>>(4)?.as_deref(),
                        ),
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

/// One row of `REQUEST_COLUMNS`.
pub(super) struct RowData {
    pub(super) id: i64,
    pub(super) batch_id: i64,
    pub(super) seq: u32,
    pub(super) retry_of: Option<i64>,
    pub(super) state: String,
    pub(super) status: Option<String>,
    pub(super) uuid: Option<String>,
    pub(super) added_at: Option<i64>,
    pub(super) attempts: u32,
    pub(super) due_at: Option<i64>,
    pub(super) error_kind: Option<String>,
    pub(super) error_message: Option<String>,
    pub(super) error_said: Option<String>,
    pub(super) failed_count: usize,
    pub(super) path_count: usize,
    pub(super) updated_at: i64,
    pub(super) created_at: i64,
    pub(super) project: ProjectRef,
    pub(super) scope: ScopeKind,
    pub(super) maybe_sent: bool,
    pub(super) origin: String,
}

impl RowData {
    pub(super) fn read(row: &Row<'_>) -> rusqlite::Result<RowData> {
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
            error_said: row.get(22)?,
        })
    }

    pub(super) fn into_view(
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
                error: Said::read(self.error_said.as_deref(), self.error_message.as_deref()),
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
                (Some(kind), Some(message)) => Some(ErrorView {
                    said: Said::read(self.error_said.as_deref(), Some(&message))
                        .unwrap_or_else(|| Said::recorded(&message)),
                    kind,
                    message,
                }),
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
