//! Freshness checks: what each path's delivery URL answered, the latest per path.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use super::{Cached, Journal, to_time};
use crate::cdn_check::{Check, Verdict, Window};
use crate::{Result, Said};

/// A request's checks, counted by verdict.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Freshness {
    /// When the latest of these checks was made.
    pub checked_at: Option<DateTime<Utc>>,
    pub fresh: usize,
    pub still_cached: usize,
    pub unknown: usize,
    pub could_not_check: usize,
}

impl Freshness {
    /// Counts of `checks`, and when the latest was made.
    pub fn of(checks: &[Check]) -> Freshness {
        let mut summary = Freshness::default();
        for check in checks {
            summary.add_many(check.verdict, 1);
            summary.checked_at = summary.checked_at.max(Some(check.checked_at));
        }
        summary
    }

    fn add_many(&mut self, verdict: Verdict, count: usize) {
        match verdict {
            Verdict::Fresh => self.fresh += count,
            Verdict::StillCached => self.still_cached += count,
            Verdict::Unknown => self.unknown += count,
            Verdict::CouldNotCheck => self.could_not_check += count,
        }
    }

    /// "3 served fresh, 1 still cached".
    pub fn words(&self) -> String {
        [
            (self.fresh, "served fresh"),
            (self.still_cached, "still cached"),
            (self.unknown, "unknown"),
            (self.could_not_check, "could not check"),
        ]
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, what)| format!("{n} {what}"))
        .collect::<Vec<_>>()
        .join(", ")
    }
}

/// A done request that was never checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unchecked {
    pub request_id: i64,
    pub project_id: String,
    pub batch_paths: usize,
    /// When the request last changed: about when it became done.
    pub changed_at: DateTime<Utc>,
}

impl Journal {
    /// Keeps the latest check of each path.
    pub fn record_checks(&self, request_id: i64, checks: &[Check]) -> Result<()> {
        self.write(|tx| {
            for check in checks {
                tx.run(
                    "INSERT OR REPLACE INTO checks (request_id, path, url, checked_at, http_status,
                         age, last_modified, etag, cache_control, cache_status, verdict, reason,
                         reason_said)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
                    params![
                        request_id,
                        check.path,
                        check.url,
                        check.checked_at.timestamp_millis(),
                        check.http_status,
                        check.age.map(|a| a as i64),
                        check.last_modified,
                        check.etag,
                        check.cache_control,
                        check.cache_status,
                        check.verdict.as_str(),
                        check.reason,
                        check.reason_said.to_json()
                    ],
                )?;
            }
            Ok(())
        })
    }

    /// The latest check of each of a request's paths, in the paths' order.
    pub fn checks(&self, request_id: i64) -> Result<Vec<Check>> {
        self.read(|conn| {
            let list = super::sql::id_list(&[request_id]);
            Ok(checks_of(conn, &list)?
                .remove(&request_id)
                .unwrap_or_default())
        })
    }

    /// The requests of batch `batch_id` whose files can be checked now: done (with or without
    /// failures) and naming paths, in order. A whole batch is checked one of these at a time.
    pub fn checkable_requests(&self, batch_id: i64) -> Result<Vec<i64>> {
        self.read(|conn| {
            Ok(conn
                .prepare_cached(
                    "SELECT r.id FROM requests r JOIN batches b ON b.id = r.batch_id
                     WHERE r.batch_id = ?1 AND b.scope = 'original'
                       AND r.code IN ('done', 'done-with-failures')
                     ORDER BY r.id",
                )?
                .query_map([batch_id], |row| row.get(0))?
                .collect::<rusqlite::Result<_>>()?)
        })
    }

    /// When the request was recorded, and when it was seen done; `None` while it is not done.
    pub fn check_window(&self, request_id: i64) -> Result<Option<Window>> {
        self.read(|conn| {
            let recorded: i64 = conn
                .prepare_cached(
                    "SELECT b.created_at FROM requests r JOIN batches b ON b.id = r.batch_id
                     WHERE r.id = ?1",
                )?
                .query_row([request_id], |row| row.get(0))
                .optional()?
                .ok_or_else(|| {
                    crate::Error::NotFound(crate::Problem::NoSuchRequest {
                        request: request_id.to_string(),
                    })
                })?;
            let statuses: Vec<(i64, Option<String>)> = conn
                .prepare_cached("SELECT at, status FROM events WHERE request_id = ?1 ORDER BY id")?
                .query_map([request_id], |row| Ok((row.get(0)?, row.get(1)?)))?
                .collect::<rusqlite::Result<_>>()?;
            let done = statuses.iter().find(|(_, status)| {
                status
                    .as_deref()
                    .is_some_and(|s| cloudimage::Status::parse(s) == cloudimage::Status::Done)
            });
            Ok(done.map(|(at, _)| Window {
                recorded: to_time(recorded),
                seen_done: to_time(*at),
            }))
        })
    }
}

/// The checks of the requests in `list` (a JSON array of ids), each request's in its paths'
/// order.
pub(super) fn checks_of(
    conn: &Connection,
    list: &rusqlite::types::Value,
) -> Result<HashMap<i64, Vec<Check>>> {
    let mut found: HashMap<i64, Vec<Check>> = HashMap::new();
    let mut statement = conn.prepare_cached(
        "SELECT c.request_id, c.path, c.url, c.checked_at, c.http_status, c.age,
                c.last_modified, c.etag, c.cache_control, c.cache_status, c.verdict, c.reason,
                c.reason_said
         FROM checks c LEFT JOIN paths p ON p.request_id = c.request_id AND p.path = c.path
         WHERE c.request_id IN (SELECT value FROM json_each(?1)) ORDER BY c.request_id, p.idx",
    )?;
    let rows = statement.query_map([list], |row| {
        let verdict: String = row.get(10)?;
        Ok((
            row.get::<_, i64>(0)?,
            Check {
                path: row.get(1)?,
                url: row.get(2)?,
                checked_at: to_time(row.get(3)?),
                http_status: row.get(4)?,
                age: row.get::<_, Option<i64>>(5)?.map(|a| a.max(0) as u64),
                last_modified: row.get(6)?,
                etag: row.get(7)?,
                cache_control: row.get(8)?,
                cache_status: row.get(9)?,
                verdict: Verdict::parse(&verdict),
                reason_said: {
                    let said = row.get::<_, Option<String>>(12)?;
                    let reason = row.get::<_, String>(11)?;
                    Said::read(said.as_deref(), Some(&reason))
                        .unwrap_or_else(|| Said::recorded(&reason))
                },
                reason: row.get(11)?,
            },
        ))
    })?;
    for row in rows {
        let (id, check) = row?;
        found.entry(id).or_default().push(check);
    }
    Ok(found)
}

/// The checks of the requests in `list` (a JSON array of ids), counted by verdict.
pub(super) fn freshness_of(
    conn: &Connection,
    list: &rusqlite::types::Value,
) -> Result<HashMap<i64, Freshness>> {
    verdict_counts(
        conn,
        "SELECT request_id, verdict, COUNT(*), MAX(checked_at) FROM checks
         WHERE request_id IN (SELECT value FROM json_each(?1)) GROUP BY request_id, verdict",
        list,
    )
}

/// The checks of the batches in `list` (a JSON array of ids), counted by verdict over all
/// their requests: what a collapsed batch says about the CDN.
pub(super) fn batch_freshness_of(
    conn: &Connection,
    list: &rusqlite::types::Value,
) -> Result<HashMap<i64, Freshness>> {
    verdict_counts(
        conn,
        "SELECT r.batch_id, c.verdict, COUNT(*), MAX(c.checked_at)
         FROM requests r JOIN checks c ON c.request_id = r.id
         WHERE r.batch_id IN (SELECT value FROM json_each(?1)) GROUP BY r.batch_id, c.verdict",
        list,
    )
}

/// Runs `sql`, which gives (id, verdict, count, latest check) rows, into a summary per id.
fn verdict_counts(
    conn: &Connection,
    sql: &str,
    list: &rusqlite::types::Value,
) -> Result<HashMap<i64, Freshness>> {
    let mut found: HashMap<i64, Freshness> = HashMap::new();
    let mut statement = conn.prepare_cached(sql)?;
    let rows = statement.query_map([list], |row| {
        Ok((
            row.get::<_, i64>(0)?,
            row.get::<_, String>(1)?,
            row.get::<_, i64>(2)?,
            row.get::<_, i64>(3)?,
        ))
    })?;
    for row in rows {
        let (id, verdict, count, at) = row?;
        let summary = found.entry(id).or_default();
        summary.add_many(Verdict::parse(&verdict), count as usize);
        summary.checked_at = summary.checked_at.max(Some(to_time(at)));
    }
    Ok(found)
}
