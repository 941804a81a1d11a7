//! Polls: which acknowledged requests are due a status question, and what each answer makes of
//! them. Statuses only move forward; only the paths a request sent are its paths.

use std::collections::HashSet;

use cloudimage::{Invalidation, Status};
use rusqlite::{Connection, OptionalExtension, params, params_from_iter};

use super::batches::paths_of;
use super::sql::{error_columns, event, placeholders};
use super::{Cached, HistoryText, Journal, now_ms};
use crate::condition::RequestState;
use crate::{Problem, Result};

/// An acknowledged request whose status is due to be asked.
#[derive(Debug, Clone)]
pub struct PollTarget {
    pub id: i64,
    pub uuid: String,
    pub project_id: String,
    pub poll_interval_ms: i64,
    pub acknowledged_at_ms: i64,
}

impl Journal {
    /// Records many status answers in one transaction, none followed by another poll.
    pub fn record_polls(&self, answers: &[(i64, Invalidation)]) -> Result<()> {
        self.write(|tx| {
            for (id, answer) in answers {
                record_poll(tx, *id, answer, None)?;
            }
            Ok(())
        })
    }

    /// Acknowledged requests of `projects` whose next poll is due.
    pub fn due_polls(&self, projects: &[String], limit: usize) -> Result<Vec<PollTarget>> {
        if projects.is_empty() || limit == 0 {
            return Ok(Vec::new());
        }
        self.read(|conn| {
            let sql = format!(
                "SELECT r.id, r.uuid, b.project_id, COALESCE(r.poll_interval, 0),
                        COALESCE(r.acknowledged_at, r.updated_at)
                 FROM requests r JOIN batches b ON b.id = r.batch_id
                 WHERE r.state = 'acknowledged' AND r.due_at IS NOT NULL AND r.due_at <= ?
                   AND r.uuid IS NOT NULL AND b.project_id IN ({})
                 ORDER BY r.due_at, r.id
                 LIMIT ?",
                placeholders(projects.len())
            );
            let mut values: Vec<rusqlite::types::Value> = vec![now_ms().into()];
            values.extend(projects.iter().map(|p| p.clone().into()));
            values.push((limit as i64).into());
            Ok(conn
                .prepare_cached(&sql)?
                .query_map(params_from_iter(values), |row| {
                    Ok(PollTarget {
                        id: row.get(0)?,
                        uuid: row.get(1)?,
                        project_id: row.get(2)?,
                        poll_interval_ms: row.get(3)?,
                        acknowledged_at_ms: row.get(4)?,
                    })
                })?
                .collect::<rusqlite::Result<_>>()?)
        })
    }

    /// The earliest planned send or poll of `projects`, to know how long to sleep.
    /// Leaves out `excluding`: requests already on the wire, or held back.
    pub fn next_due(
        &self,
        projects: &[String],
        sends: bool,
        excluding: &[i64],
    ) -> Result<Option<i64>> {
        if projects.is_empty() {
            return Ok(None);
        }
        self.read(|conn| {
            let states = if sends {
                "r.state IN ('queued', 'retrying')"
            } else {
                "r.state = 'acknowledged'"
            };
            let sql = format!(
                "SELECT MIN(COALESCE(r.due_at, 0)) FROM requests r JOIN batches b ON b.id = r.batch_id
                 WHERE {states} AND ({}) AND b.project_id IN ({})
                   AND r.id NOT IN (SELECT value FROM json_each(?))",
                if sends { "1" } else { "r.due_at IS NOT NULL" },
                placeholders(projects.len())
            );
            let mut values: Vec<rusqlite::types::Value> =
                projects.iter().map(|p| p.clone().into()).collect();
            values.push(
                serde_json::to_string(excluding)
                    .map_err(std::io::Error::other)?
                    .into(),
            );
            Ok(conn
                .query_row(&sql, params_from_iter(values), |row| row.get(0))
                .optional()?
                .flatten())
        })
    }

    /// A status answer. `next` is the following poll (due, interval), `None` to stop.
    /// Statuses only move forward: a stale answer (another process asked earlier, and its
    /// answer arrives later) never turns DONE back into FLUSHINGCDNSERVERS. Returns whether
    /// the answer was taken.
    pub fn record_poll(
        &self,
        id: i64,
        answer: &Invalidation,
        next: Option<(i64, i64)>,
    ) -> Result<bool> {
        self.write(|tx| record_poll(tx, id, answer, next))
    }

    /// A status question that got no usable answer. The request stays as it is; the next
    /// poll is planned further out.
    pub fn record_poll_error(
        &self,
        id: i64,
        kind: &str,
        problem: &Problem,
        due_ms: i64,
        interval_ms: i64,
    ) -> Result<()> {
        self.write(|tx| record_poll_error(tx, id, kind, problem, due_ms, interval_ms))
    }

    /// Polling ends without a terminal status: `Gone` (404) or `Stalled` (too long). A
    /// request another process saw finish stays finished.
    pub fn record_poll_end(&self, id: i64, state: RequestState, said: &HistoryText) -> Result<()> {
        self.write(|tx| record_poll_end(tx, id, state, said))
    }
}

/// See [`Journal::record_poll`].
pub(crate) fn record_poll(
    tx: &Connection,
    id: i64,
    answer: &Invalidation,
    next: Option<(i64, i64)>,
) -> Result<bool> {
    let now = now_ms();
    let (old_status, old_failed): (Option<String>, i64) = tx.row(
        "SELECT status, failed_count FROM requests WHERE id = ?1",
        [id],
        |row| Ok((row.get(0)?, row.get(1)?)),
    )?;
    if !moves_forward(old_status.as_deref(), &answer.status) {
        return Ok(false);
    }
    let (failed_count, foreign) = record_path_results(tx, id, answer)?;
    let status = answer.status.as_str();
    tx.run(
        "UPDATE requests SET status = ?2, failed_count = ?3, due_at = ?4,
                    poll_interval = COALESCE(?5, poll_interval), error_kind = NULL,
                    error_message = NULL, error_said = NULL, updated_at = ?6
             WHERE id = ?1",
        params![
            id,
            status,
            failed_count,
            next.map(|n| n.0),
            next.map(|n| n.1),
            now
        ],
    )?;
    if old_status.as_deref() != Some(status) || old_failed != failed_count {
        let said = if answer.status == Status::Done && failed_count > 0 {
            Some(HistoryText::DoneWithFailures {
                failed: failed_count as usize,
            })
        } else if matches!(answer.status, Status::Unknown(_)) {
            Some(HistoryText::UnknownStatus)
        } else {
            None
        };
        // A service whose status changes on every poll would otherwise grow the history for
        // a day: past a bound, the request row keeps the status and the history says so once.
        let told: i64 = tx.row(
            "SELECT COUNT(*) FROM events WHERE request_id = ?1 AND status IS NOT NULL",
            [id],
            |row| row.get(0),
        )?;
        let told = told as usize;
        let said = match told.cmp(&MAX_STATUS_EVENTS) {
            std::cmp::Ordering::Less => said,
            std::cmp::Ordering::Equal => Some(HistoryText::StatusCapped {
                most: MAX_STATUS_EVENTS,
            }),
            std::cmp::Ordering::Greater => return Ok(true),
        };
        event(
            tx,
            id,
            now,
            RequestState::Acknowledged,
            Some(status),
            said.as_ref(),
        )?;
        // What the answer named beyond what was sent: a line of its own.
        if let Some(said) = foreign.said() {
            event(tx, id, now, RequestState::Acknowledged, None, Some(&said))?;
        }
    }
    Ok(true)
}

/// The most status changes written to one request's history.
pub const MAX_STATUS_EVENTS: usize = 50;

/// See [`Journal::record_poll_error`].
pub(crate) fn record_poll_error(
    tx: &Connection,
    id: i64,
    kind: &str,
    problem: &Problem,
    due_ms: i64,
    interval_ms: i64,
) -> Result<()> {
    let (message, said) = error_columns(Some(problem));
    tx.run(
        "UPDATE requests SET error_kind = ?2, error_message = ?3, error_said = ?7, due_at = ?4,
                    poll_interval = ?5, updated_at = ?6
             WHERE id = ?1",
        params![id, kind, message, due_ms, interval_ms, now_ms(), said],
    )?;
    Ok(())
}

/// See [`Journal::record_poll_end`].
pub(crate) fn record_poll_end(
    tx: &Connection,
    id: i64,
    state: RequestState,
    said: &HistoryText,
) -> Result<()> {
    let now = now_ms();
    let changed = tx.run(
        "UPDATE requests SET state = ?2, due_at = NULL, updated_at = ?3
             WHERE id = ?1 AND UPPER(TRIM(COALESCE(status, ''))) NOT IN
                   ('DONE', 'ERROR', 'ERROR_CDN_NODE')",
        params![id, state.as_str(), now],
    )?;
    if changed == 1 {
        event(tx, id, now, state, None, Some(said))?;
    }
    Ok(())
}

/// Marks each path the request sent as the answer says. Only those: a path the service names
/// that this request did not send is never taken as one of its paths (a retry would send it,
/// a check would ask for it); it is said in the history instead. Returns how many of the sent
/// paths failed, and what was said of the others.
pub(super) fn record_path_results(
    tx: &Connection,
    id: i64,
    answer: &Invalidation,
) -> Result<(i64, Foreign)> {
    let paths = paths_of(tx, id)?;
    let invalidated: HashSet<&str> = answer.invalidated.iter().map(|p| p.trim()).collect();
    let failed: HashSet<&str> = answer.failed.iter().map(|p| p.trim()).collect();
    let terminal = answer.status.is_terminal();
    let error = answer.status.is_error();
    let mut failed_count = 0;
    let results: Vec<&str> = paths
        .iter()
        .map(|path| {
            let path = path.as_str();
            let result = if failed.contains(path) {
                "failed"
            } else if invalidated.contains(path) {
                "invalidated"
            } else if !terminal {
                "pending"
            } else if error {
                // The service listed nothing for this path in a failed invalidation: count it
                // failed, so that a retry covers it (sending it again is harmless).
                "failed"
            } else {
                "invalidated"
            };
            if result == "failed" {
                failed_count += 1;
            }
            result
        })
        .collect();
    // Most answers (in progress, nothing listed) change no path: write only what changed.
    if results.iter().any(|r| *r != "pending") {
        let mut update = tx.prepare_cached(
            "UPDATE paths SET result = ?3 WHERE request_id = ?1 AND idx = ?2 AND result != ?3",
        )?;
        for (idx, result) in results.iter().enumerate() {
            update.execute(params![id, idx as i64, result])?;
        }
    }
    let sent: HashSet<&str> = paths.iter().map(String::as_str).collect();
    let mut foreign = Foreign::default();
    let mut seen = HashSet::new();
    for path in answer
        .failed
        .iter()
        .chain(&answer.invalidated)
        .map(|p| p.trim())
    {
        // `/*` is what the service lists for a whole-cache flush, which sends no path.
        let expected = paths.is_empty() && path == "/*";
        if !sent.contains(path) && !expected && seen.insert(path) {
            foreign.add(path);
        }
    }
    Ok((failed_count, foreign))
}

/// Paths an answer named that its request did not send: how many, and the first few to show.
#[derive(Debug, Default)]
pub(super) struct Foreign {
    count: usize,
    shown: Vec<String>,
}

impl Foreign {
    const SHOWN: usize = 3;

    fn add(&mut self, path: &str) {
        self.count += 1;
        if self.shown.len() < Self::SHOWN {
            self.shown.push(crate::outside::quoted(path));
        }
    }

    /// The history's line for them, if there were any.
    fn said(&self) -> Option<HistoryText> {
        (self.count > 0).then(|| HistoryText::ForeignPaths {
            count: self.count,
            shown: self
                .shown
                .iter()
                .map(|p| format!("`{p}`"))
                .collect::<Vec<_>>()
                .join(", "),
            more: self.count - self.shown.len(),
        })
    }
}

/// Whether a status answer may replace `old`: never after a terminal status, never back to an
/// earlier documented step. Undocumented values are taken as they come.
pub(super) fn moves_forward(old: Option<&str>, new: &Status) -> bool {
    let Some(old) = old.map(Status::parse) else {
        return true;
    };
    if old.is_terminal() {
        return &old == new;
    }
    match (step_of(&old), step_of(new)) {
        (Some(before), Some(after)) => after >= before,
        _ => true,
    }
}

/// The place of a documented status in the service's sequence.
pub(super) fn step_of(status: &Status) -> Option<u8> {
    Some(match status {
        Status::Received => 1,
        Status::Preparing => 2,
        Status::FlushingCloudimageServer => 3,
        Status::FlushingCdnServers => 4,
        Status::Done | Status::Error | Status::ErrorCdnNode => 5,
        Status::Unknown(_) => return None,
    })
}
