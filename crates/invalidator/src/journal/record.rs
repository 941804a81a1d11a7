//! Writes: new batches, claims, and every answer (or absence of one) as it comes.

use std::collections::HashSet;

use cloudimage::{Accepted, Invalidation, Scope, Status};
use rusqlite::{Connection, OptionalExtension, params, params_from_iter};

use super::sql::placeholders;
use super::{Cached, Journal, ProjectRef, now_ms};
use crate::condition::RequestState;
use crate::{Result, ScopeKind};

/// A submission to record: one batch of one or more requests.
#[derive(Debug, Clone)]
pub struct NewBatch {
    pub project: ProjectRef,
    pub scope: ScopeKind,
    pub requests: Vec<NewRequest>,
    /// Who recorded it: `cli` or `app`.
    pub origin: String,
}

#[derive(Debug, Clone)]
pub struct NewRequest {
    pub paths: Vec<String>,
    /// The request this one retries.
    pub retry_of: Option<i64>,
}

/// A request claimed for sending by this process.
#[derive(Debug, Clone)]
pub struct Claimed {
    pub id: i64,
    pub batch_id: i64,
    pub project_id: String,
    pub scope: Scope,
    /// Failed attempts so far.
    pub attempts: u32,
}

/// An acknowledged request whose status is due to be asked.
#[derive(Debug, Clone)]
pub struct PollTarget {
    pub id: i64,
    pub uuid: String,
    pub project_id: String,
    pub poll_interval_ms: i64,
    pub acknowledged_at_ms: i64,
}

/// What went wrong with one send, and what to do about it.
#[derive(Debug, Clone)]
pub enum Setback {
    /// Transient: try again at `due_ms`. `attempts` counts failures so far; `maybe_sent`
    /// says the request went out and no answer came, so the service may have acted on it.
    Retry {
        attempts: u32,
        due_ms: i64,
        kind: String,
        message: String,
        maybe_sent: bool,
    },
    /// No more attempts: they ran out, or (scope `all` that may have been received) another
    /// one is for the user to decide.
    GiveUp {
        attempts: u32,
        kind: String,
        message: String,
        maybe_sent: bool,
    },
    /// The service said no; trying again as is will not help.
    Rejected { kind: String, message: String },
    /// No answer at all: back to the queue until `due_ms`, no attempt spent. Every other
    /// queued request of the project waits as well.
    Offline { due_ms: i64, message: String },
    /// This process cannot send it after all (its key went away): back to the queue for
    /// whoever can.
    Release,
}

impl Journal {
    /// Records a submission, all its requests queued. Nothing is sent before this returns.
    pub fn record_batch(&self, batch: &NewBatch) -> Result<(i64, Vec<i64>)> {
        self.write(|tx| record_batch(tx, batch))
    }

    /// Records several submissions in one transaction (an import; the journal benchmark).
    pub fn record_batches(&self, batches: &[NewBatch]) -> Result<Vec<(i64, Vec<i64>)>> {
        self.write(|tx| batches.iter().map(|b| record_batch(tx, b)).collect())
    }

    /// Records many answers in one transaction: acknowledgements (`Ok`) and failed sends
    /// (`Err`), each changing its request only while `owner` holds its claim.
    pub fn record_answers(
        &self,
        owner: &str,
        answers: &[(i64, String, std::result::Result<Accepted, Setback>)],
    ) -> Result<()> {
        self.write(|tx| {
            for (id, project, answer) in answers {
                match answer {
                    Ok(accepted) => acknowledge(tx, *id, Some(owner), accepted, now_ms(), 5_000)?,
                    Err(setback) => record_setback(tx, *id, owner, project, setback)?,
                };
            }
            Ok(())
        })
    }

    /// Records many status answers in one transaction, none followed by another poll.
    pub fn record_polls(&self, answers: &[(i64, Invalidation)]) -> Result<()> {
        self.write(|tx| {
            for (id, answer) in answers {
                record_poll(tx, *id, answer, None)?;
            }
            Ok(())
        })
    }

    /// Claims up to `limit` requests that are due to be sent, for projects in `projects`
    /// only, marking them `sending` under `owner` until `lease_ms` from now.
    pub fn claim_sends(
        &self,
        owner: &str,
        projects: &[String],
        limit: usize,
        lease_ms: i64,
    ) -> Result<Vec<Claimed>> {
        if projects.is_empty() || limit == 0 {
            return Ok(Vec::new());
        }
        self.write(|tx| claim_sends(tx, owner, projects, limit, lease_ms))
    }

    /// Puts back in the queue what other processes were sending when they died (`alive`
    /// says no), or what they have held far past their lease. Returns how many.
    pub fn requeue_orphans(
        &self,
        me: &str,
        alive: impl Fn(&str) -> bool,
        lease_ms: i64,
    ) -> Result<usize> {
        let owners: Vec<String> = self.read(|conn| {
            Ok(conn
                .prepare(
                    "SELECT DISTINCT claim_owner FROM requests
                     WHERE state = 'sending' AND claim_owner IS NOT NULL AND claim_owner != ?1",
                )?
                .query_map([me], |row| row.get(0))?
                .collect::<rusqlite::Result<_>>()?)
        })?;
        let dead: Vec<String> = owners.into_iter().filter(|o| !alive(o)).collect();
        // What a dead process got from the service but could not write down comes first: those
        // requests are acknowledged, not sent again.
        self.recover_unrecorded(&alive)?;
        self.write(|tx| {
            let now = now_ms();
            let mut ids: Vec<i64> = Vec::new();
            for owner in &dead {
                ids.extend(
                    tx.prepare_cached(
                        "SELECT id FROM requests WHERE state = 'sending' AND claim_owner = ?1",
                    )?
                    .query_map([owner], |row| row.get::<_, i64>(0))?
                    .collect::<rusqlite::Result<Vec<_>>>()?,
                );
            }
            // A live owner finishes a send within its lease; twice past it, it is stuck.
            ids.extend(
                tx.prepare_cached(
                    "SELECT id FROM requests
                     WHERE state = 'sending' AND claim_owner != ?1 AND claim_until + ?2 < ?3",
                )?
                .query_map(params![me, lease_ms, now], |row| row.get::<_, i64>(0))?
                .collect::<rusqlite::Result<Vec<_>>>()?,
            );
            let ids: HashSet<i64> = ids.into_iter().collect();
            for id in &ids {
                if scope_of(tx, *id)? == ScopeKind::All {
                    // Flushing the whole cache twice is costly: whether to send it again is
                    // the user's call.
                    let message = "the process sending it stopped before the answer came";
                    tx.run(
                        "UPDATE requests SET state = 'send_failed', maybe_sent = 1,
                                claim_owner = NULL, claim_until = NULL, due_at = NULL,
                                error_kind = 'interrupted', error_message = ?2, updated_at = ?3
                         WHERE id = ?1",
                        params![id, message, now],
                    )?;
                    let detail = "The process sending it stopped before the answer came. It may \
                                  have been received, so it is not sent again by itself; Retry \
                                  sends it";
                    event(tx, *id, now, RequestState::SendFailed, None, Some(detail))?;
                    continue;
                }
                requeue(
                    tx,
                    *id,
                    now,
                    Some("interrupted"),
                    "The process sending it stopped before the answer came; queued to be sent \
                     again",
                )?;
            }
            Ok(ids.len())
        })
    }

    /// The service accepted the request and named it. The first poll is due at `poll_due_ms`.
    /// It changes the request only while `owner` holds its claim (`None`: an answer recovered
    /// after its process died, taken whoever holds the request now). A late answer changes
    /// nothing but the history, which keeps the uuid it names. Returns whether it applied.
    pub fn record_acknowledged(
        &self,
        id: i64,
        owner: Option<&str>,
        accepted: &Accepted,
        poll_due_ms: i64,
        poll_interval_ms: i64,
    ) -> Result<bool> {
        self.write(|tx| acknowledge(tx, id, owner, accepted, poll_due_ms, poll_interval_ms))
    }

    /// A send that did not end in a uuid. Like every write about a send, it changes the
    /// request only while `owner` holds its claim; returns whether it did.
    pub fn record_setback(
        &self,
        id: i64,
        owner: &str,
        project_id: &str,
        setback: &Setback,
    ) -> Result<bool> {
        self.write(|tx| record_setback(tx, id, owner, project_id, setback))
    }

    /// The service answers again: the project's requests held back for being offline are
    /// due now. Returns how many.
    pub fn resume_project(&self, project_id: &str) -> Result<usize> {
        self.write(|tx| {
            Ok(tx.run(
                "UPDATE requests SET due_at = NULL, error_kind = NULL, error_message = NULL
                 WHERE state = 'queued' AND error_kind = 'offline'
                   AND batch_id IN (SELECT id FROM batches WHERE project_id = ?1)",
                [project_id],
            )?)
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
        message: &str,
        due_ms: i64,
        interval_ms: i64,
    ) -> Result<()> {
        self.write(|tx| record_poll_error(tx, id, kind, message, due_ms, interval_ms))
    }

    /// Polling ends without a terminal status: `Gone` (404) or `Stalled` (too long). A
    /// request another process saw finish stays finished.
    pub fn record_poll_end(&self, id: i64, state: RequestState, detail: &str) -> Result<()> {
        self.write(|tx| record_poll_end(tx, id, state, detail))
    }

    /// "Refresh": every poll and retry of `projects` (or of `ids` only) is due now, and
    /// stalled requests are followed again. Returns how many were touched.
    pub fn make_due_now(&self, projects: &[String], ids: Option<&[i64]>) -> Result<usize> {
        if projects.is_empty() {
            return Ok(0);
        }
        self.write(|tx| {
            let now = now_ms();
            let mut values: Vec<rusqlite::types::Value> = vec![now.into()];
            values.extend(projects.iter().map(|p| p.clone().into()));
            let mut only = String::new();
            if let Some(ids) = ids {
                only = format!(" AND r.id IN ({})", placeholders(ids.len()));
                values.extend(ids.iter().map(|id| (*id).into()));
            }
            let scope = format!(
                "SELECT r.id FROM requests r JOIN batches b ON b.id = r.batch_id
                 WHERE b.project_id IN ({}){only}",
                placeholders(projects.len())
            );
            let stalled = tx.run(
                &format!(
                    "UPDATE requests SET state = 'acknowledged', due_at = ?1,
                            poll_interval = NULL, updated_at = ?1
                     WHERE state = 'stalled' AND id IN ({scope})"
                ),
                params_from_iter(values.iter()),
            )?;
            let due = tx.run(
                &format!(
                    "UPDATE requests SET due_at = ?1
                     WHERE ((state = 'acknowledged' AND due_at IS NOT NULL)
                            OR state = 'retrying'
                            OR (state = 'queued' AND due_at IS NOT NULL))
                       AND due_at > ?1 AND id IN ({scope})"
                ),
                params_from_iter(values.iter()),
            )?;
            Ok(stalled + due)
        })
    }
}

/// See [`Journal::record_batch`].
fn record_batch(tx: &Connection, batch: &NewBatch) -> Result<(i64, Vec<i64>)> {
    let now = now_ms();
    tx.run(
        "INSERT INTO batches (created_at, project_id, project_name, api_base, scope, origin)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            now,
            batch.project.id,
            batch.project.name,
            batch.project.api_base,
            batch.scope.as_str(),
            batch.origin
        ],
    )?;
    let batch_id = tx.last_insert_rowid();
    let mut ids = Vec::with_capacity(batch.requests.len());
    for (seq, request) in batch.requests.iter().enumerate() {
        tx.run(
            "INSERT INTO requests (batch_id, seq, retry_of, state, path_count, updated_at)
                 VALUES (?1, ?2, ?3, 'queued', ?4, ?5)",
            params![
                batch_id,
                seq as i64 + 1,
                request.retry_of,
                request.paths.len() as i64,
                now
            ],
        )?;
        let id = tx.last_insert_rowid();
        let mut insert =
            tx.prepare_cached("INSERT INTO paths (request_id, idx, path) VALUES (?1, ?2, ?3)")?;
        for (idx, path) in request.paths.iter().enumerate() {
            insert.execute(params![id, idx as i64, path])?;
        }
        index_paths(tx, id, &request.paths)?;
        let detail = match request.retry_of {
            Some(original) => format!("Recorded as a retry of request #{original}"),
            None => "Recorded; waiting to be sent".to_owned(),
        };
        event(tx, id, now, RequestState::Queued, None, Some(&detail))?;
        ids.push(id);
    }
    Ok((batch_id, ids))
}

/// See [`Journal::claim_sends`].
pub(crate) fn claim_sends(
    tx: &Connection,
    owner: &str,
    projects: &[String],
    limit: usize,
    lease_ms: i64,
) -> Result<Vec<Claimed>> {
    if projects.is_empty() || limit == 0 {
        return Ok(Vec::new());
    }
    let now = now_ms();
    let sql = format!(
        "SELECT r.id, r.batch_id, b.project_id, b.scope, r.attempts
             FROM requests r JOIN batches b ON b.id = r.batch_id
             WHERE r.state IN ('queued', 'retrying')
               AND (r.due_at IS NULL OR r.due_at <= ?)
               AND b.project_id IN ({})
             ORDER BY COALESCE(r.due_at, 0), r.id
             LIMIT ?",
        placeholders(projects.len())
    );
    let mut values: Vec<rusqlite::types::Value> = vec![now.into()];
    values.extend(projects.iter().map(|p| p.clone().into()));
    values.push((limit as i64).into());
    let rows: Vec<(i64, i64, String, String, u32)> = tx
        .prepare_cached(&sql)?
        .query_map(params_from_iter(values), |row| {
            Ok((
                row.get(0)?,
                row.get(1)?,
                row.get(2)?,
                row.get(3)?,
                row.get(4)?,
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut claimed = Vec::with_capacity(rows.len());
    for (id, batch_id, project_id, scope, attempts) in rows {
        tx.run(
            "UPDATE requests SET state = 'sending', claim_owner = ?2, claim_until = ?3,
                        updated_at = ?4
                 WHERE id = ?1",
            params![id, owner, now + lease_ms, now],
        )?;
        let detail = format!("Sending (attempt {})", attempts + 1);
        event(tx, id, now, RequestState::Sending, None, Some(&detail))?;
        let scope = match ScopeKind::parse(&scope) {
            ScopeKind::All => Scope::All,
            ScopeKind::Original => Scope::Original {
                urls: paths_of(tx, id)?,
            },
        };
        claimed.push(Claimed {
            id,
            batch_id,
            project_id,
            scope,
            attempts,
        });
    }
    Ok(claimed)
}

/// See [`Journal::record_setback`].
pub(crate) fn record_setback(
    tx: &Connection,
    id: i64,
    owner: &str,
    project_id: &str,
    setback: &Setback,
) -> Result<bool> {
    let now = now_ms();
    let mine = |state, attempts, due_ms, kind, message, maybe_sent| {
        set_state(
            tx,
            &Claim { id, owner },
            Change {
                state,
                attempts,
                due_ms,
                kind,
                message,
                maybe_sent,
                now,
            },
        )
    };
    match setback {
        Setback::Retry {
            attempts,
            due_ms,
            kind,
            message,
            maybe_sent,
        } => {
            if !mine(
                RequestState::Retrying,
                *attempts,
                Some(*due_ms),
                kind,
                message,
                *maybe_sent,
            )? {
                return Ok(false);
            }
            let wait = ((due_ms - now).max(0) + 999) / 1000;
            let detail = if *maybe_sent {
                format!(
                    "Attempt {attempts} got no answer: {message}. The service may have \
                         received it; sent again in {wait} s (harmless if it did)"
                )
            } else {
                format!("Attempt {attempts} failed: {message}; next in {wait} s")
            };
            event(tx, id, now, RequestState::Retrying, None, Some(&detail))?;
        }
        Setback::GiveUp {
            attempts,
            kind,
            message,
            maybe_sent,
        } => {
            if !mine(
                RequestState::SendFailed,
                *attempts,
                None,
                kind,
                message,
                *maybe_sent,
            )? {
                return Ok(false);
            }
            let maybe_sent = *maybe_sent || was_maybe_sent(tx, id)?;
            let detail = match (maybe_sent, scope_of(tx, id)?) {
                (true, ScopeKind::All) => format!(
                    "No answer after it was sent: {message}. It may have been received, \
                         so it is not sent again by itself: flushing the whole cache twice \
                         is costly. Retry sends it"
                ),
                (true, ScopeKind::Original) => format!(
                    "Gave up after {attempts} attempts: {message}. It may have been \
                         received"
                ),
                (false, _) => format!("Gave up after {attempts} attempts: {message}"),
            };
            event(tx, id, now, RequestState::SendFailed, None, Some(&detail))?;
        }
        Setback::Rejected { kind, message } => {
            let attempts = attempts_of(tx, id)?;
            if !mine(RequestState::Rejected, attempts, None, kind, message, false)? {
                return Ok(false);
            }
            event(tx, id, now, RequestState::Rejected, None, Some(message))?;
        }
        Setback::Offline { due_ms, message } => {
            let was_offline: bool = tx.row(
                "SELECT COALESCE(error_kind, '') = 'offline' FROM requests WHERE id = ?1",
                [id],
                |row| row.get(0),
            )?;
            let attempts = attempts_of(tx, id)?;
            if !mine(
                RequestState::Queued,
                attempts,
                Some(*due_ms),
                "offline",
                message,
                false,
            )? {
                return Ok(false);
            }
            if !was_offline {
                let detail = format!("The service did not answer: {message}; waiting for it");
                event(tx, id, now, RequestState::Queued, None, Some(&detail))?;
            }
            // Hold back the rest of the project's queue too: no point knocking on a
            // closed door with every request.
            tx.run(
                "UPDATE requests SET due_at = MAX(COALESCE(due_at, 0), ?2),
                            error_kind = 'offline', error_message = ?3
                     WHERE state = 'queued' AND id != ?4
                       AND batch_id IN (SELECT id FROM batches WHERE project_id = ?1)",
                params![project_id, due_ms, message, id],
            )?;
        }
        Setback::Release => {
            let held = tx.row(
                "SELECT state = 'sending' AND claim_owner = ?2 FROM requests WHERE id = ?1",
                params![id, owner],
                |row| row.get::<_, bool>(0),
            )?;
            if !held {
                return Ok(false);
            }
            requeue(tx, id, now, None, "Put back in the queue")?;
        }
    }
    Ok(true)
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
                    error_message = NULL, updated_at = ?6
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
        let detail = if answer.status == Status::Done && failed_count > 0 {
            Some(format!("{failed_count} path(s) failed"))
        } else if matches!(answer.status, Status::Unknown(_)) {
            Some("A status this app does not know; still checking".to_owned())
        } else {
            None
        };
        let detail = match (detail, foreign.note()) {
            (Some(detail), Some(note)) => Some(format!("{detail}. {note}")),
            (detail, note) => detail.or(note),
        };
        // A service whose status changes on every poll would otherwise grow the history for
        // a day: past a bound, the request row keeps the status and the history says so once.
        let told: i64 = tx.row(
            "SELECT COUNT(*) FROM events WHERE request_id = ?1 AND status IS NOT NULL",
            [id],
            |row| row.get(0),
        )?;
        let told = told as usize;
        let detail = match told.cmp(&MAX_STATUS_EVENTS) {
            std::cmp::Ordering::Less => detail,
            std::cmp::Ordering::Equal => Some(format!(
                "The status changed {MAX_STATUS_EVENTS} times; later changes show on the request \
                 but are not added to its history"
            )),
            std::cmp::Ordering::Greater => return Ok(true),
        };
        event(
            tx,
            id,
            now,
            RequestState::Acknowledged,
            Some(status),
            detail.as_deref(),
        )?;
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
    message: &str,
    due_ms: i64,
    interval_ms: i64,
) -> Result<()> {
    tx.run(
        "UPDATE requests SET error_kind = ?2, error_message = ?3, due_at = ?4,
                    poll_interval = ?5, updated_at = ?6
             WHERE id = ?1",
        params![id, kind, message, due_ms, interval_ms, now_ms()],
    )?;
    Ok(())
}

/// See [`Journal::record_poll_end`].
pub(crate) fn record_poll_end(
    tx: &Connection,
    id: i64,
    state: RequestState,
    detail: &str,
) -> Result<()> {
    let now = now_ms();
    let changed = tx.run(
        "UPDATE requests SET state = ?2, due_at = NULL, updated_at = ?3
             WHERE id = ?1 AND UPPER(TRIM(COALESCE(status, ''))) NOT IN
                   ('DONE', 'ERROR', 'ERROR_CDN_NODE')",
        params![id, state.as_str(), now],
    )?;
    if changed == 1 {
        event(tx, id, now, state, None, Some(detail))?;
    }
    Ok(())
}

/// Marks each path the request sent as the answer says. Only those: a path the service names
/// that this request did not send is never taken as one of its paths (a retry would send it,
/// a check would ask for it); it is said in the history instead. Returns how many of the sent
/// paths failed, and what was said of the others.
fn record_path_results(tx: &Connection, id: i64, answer: &Invalidation) -> Result<(i64, Foreign)> {
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
struct Foreign {
    count: usize,
    shown: Vec<String>,
}

impl Foreign {
    const SHOWN: usize = 3;

    fn add(&mut self, path: &str) {
        self.count += 1;
        if self.shown.len() < Self::SHOWN {
            let path = crate::outside::one_line(path);
            self.shown.push(cloudimage::answer::bounded(&path, 80));
        }
    }

    /// The history's words for them, if there were any.
    fn note(&self) -> Option<String> {
        if self.count == 0 {
            return None;
        }
        let listed: Vec<String> = self.shown.iter().map(|p| format!("`{p}`")).collect();
        let more = self.count - self.shown.len();
        let more = if more > 0 {
            format!(" and {more} more")
        } else {
            String::new()
        };
        Some(format!(
            "The service also named {} this request did not send ({}{more}); they are not \
             counted as its paths, and a retry or a check does not send them",
            if self.count == 1 {
                "1 path".to_owned()
            } else {
                format!("{} paths", self.count)
            },
            listed.join(", ")
        ))
    }
}

/// Adds a request's paths to the log's search index (one entry per request, its paths one a
/// line).
fn index_paths(tx: &Connection, id: i64, paths: &[String]) -> Result<()> {
    if paths.is_empty() {
        return Ok(());
    }
    tx.prepare_cached("INSERT INTO path_search (rowid, paths) VALUES (?1, ?2)")?
        .execute(params![id, paths.join("\n")])?;
    Ok(())
}

/// Back to the queue, claim released, due at once; `error_kind` notes why (or nothing).
fn requeue(
    tx: &Connection,
    id: i64,
    now: i64,
    error_kind: Option<&str>,
    detail: &str,
) -> Result<()> {
    tx.run(
        "UPDATE requests SET state = 'queued', claim_owner = NULL, claim_until = NULL,
                due_at = NULL, error_kind = ?3, error_message = NULL, updated_at = ?2
         WHERE id = ?1",
        params![id, now, error_kind],
    )?;
    event(tx, id, now, RequestState::Queued, None, Some(detail))
}

/// A request this process claimed for sending.
struct Claim<'a> {
    id: i64,
    owner: &'a str,
}

/// What a send's outcome makes of its request.
struct Change<'a> {
    state: RequestState,
    attempts: u32,
    due_ms: Option<i64>,
    kind: &'a str,
    message: &'a str,
    maybe_sent: bool,
    now: i64,
}

/// Applies `change` if the claim still holds (the request is `sending` under `owner`).
/// Returns whether it did: a process stopped past its lease may find its claim taken over.
fn set_state(tx: &Connection, claim: &Claim<'_>, change: Change<'_>) -> Result<bool> {
    let changed = tx.run(
        "UPDATE requests SET state = ?3, attempts = ?4, due_at = ?5, error_kind = ?6,
                error_message = ?7, maybe_sent = maybe_sent OR ?8, claim_owner = NULL,
                claim_until = NULL, updated_at = ?9
         WHERE id = ?1 AND uuid IS NULL AND state = 'sending' AND claim_owner = ?2",
        params![
            claim.id,
            claim.owner,
            change.state.as_str(),
            change.attempts,
            change.due_ms,
            change.kind,
            change.message,
            change.maybe_sent,
            change.now
        ],
    )?;
    if changed == 0 {
        tracing::warn!(
            request = claim.id,
            "a send's outcome came after this process lost its claim; left as it is"
        );
    }
    Ok(changed == 1)
}

/// Records an acknowledgement (see [`Journal::record_acknowledged`]).
pub(crate) fn acknowledge(
    tx: &Connection,
    id: i64,
    owner: Option<&str>,
    accepted: &Accepted,
    poll_due_ms: i64,
    poll_interval_ms: i64,
) -> Result<bool> {
    let now = now_ms();
    let holder: Option<i64> = tx
        .prepare_cached("SELECT id FROM requests WHERE uuid = ?1 AND id != ?2")?
        .query_row(params![accepted.uuid, id], |row| row.get(0))
        .optional()?;
    if let Some(other) = holder {
        return acknowledged_twice(tx, id, owner, &accepted.uuid, other, now);
    }
    let status = accepted.status.as_str();
    let status = (!status.is_empty()).then_some(status);
    // `uuid IS NULL`: a request is acknowledged once.
    let changed = tx.run(
        "UPDATE requests SET state = 'acknowledged', uuid = ?2, status = ?3, added_at = ?4,
                claim_owner = NULL, claim_until = NULL, error_kind = NULL,
                error_message = NULL, due_at = ?5, poll_interval = ?6,
                acknowledged_at = ?7, updated_at = ?7
         WHERE id = ?1 AND uuid IS NULL
           AND (?8 IS NULL OR (state = 'sending' AND claim_owner = ?8))",
        params![
            id,
            accepted.uuid,
            status,
            accepted.added_at.map(|t| t.timestamp_millis()),
            poll_due_ms,
            poll_interval_ms,
            now,
            owner
        ],
    )?;
    if changed == 1 {
        let mut detail = format!("Acknowledged by the service as {}", accepted.uuid);
        if owner.is_none() {
            detail.push_str(" (recorded late: the journal could not be written at the time)");
        }
        if let Some(message) = &accepted.message {
            detail.push_str(&format!(" (\"{message}\")"));
        }
        event(
            tx,
            id,
            now,
            RequestState::Acknowledged,
            status,
            Some(&detail),
        )?;
        return Ok(true);
    }
    let (state, uuid): (String, Option<String>) = tx.row(
        "SELECT state, uuid FROM requests WHERE id = ?1",
        [id],
        |row| Ok((row.get(0)?, row.get(1)?)),
    )?;
    if uuid.as_deref() != Some(accepted.uuid.as_str()) {
        // The uuid is real (the service acted on that send): keep it in the history.
        let detail = format!(
            "A late answer to an earlier send: the service acknowledged it as {}. Another send \
             holds this request now, so nothing else changed",
            accepted.uuid
        );
        let state = RequestState::parse(&state).unwrap_or(RequestState::Queued);
        event(tx, id, now, state, None, Some(&detail))?;
    }
    Ok(false)
}

/// The service named this send with the id it already gave request `other`. Asked about, the
/// two could not be told apart, so this one is not followed: it may have been received (the
/// service answered), and the user decides whether to send it again.
fn acknowledged_twice(
    tx: &Connection,
    id: i64,
    owner: Option<&str>,
    uuid: &str,
    other: i64,
    now: i64,
) -> Result<bool> {
    let message = format!(
        "the service acknowledged this send as {uuid}, the id it already gave request #{other}; \
         one id cannot follow two requests, so this one is not followed. It may have been \
         received: check the Cloudimage console, or retry it"
    );
    let changed = tx.run(
        "UPDATE requests SET state = 'send_failed', maybe_sent = 1, error_kind = 'badAnswer',
                error_message = ?2, claim_owner = NULL, claim_until = NULL, due_at = NULL,
                updated_at = ?3
         WHERE id = ?1 AND uuid IS NULL
           AND (?4 IS NULL OR (state = 'sending' AND claim_owner = ?4))",
        params![id, message, now, owner],
    )?;
    if changed == 1 {
        event(tx, id, now, RequestState::SendFailed, None, Some(&message))?;
    }
    Ok(changed == 1)
}

/// Whether a status answer may replace `old`: never after a terminal status, never back to an
/// earlier documented step. Undocumented values are taken as they come.
fn moves_forward(old: Option<&str>, new: &Status) -> bool {
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
fn step_of(status: &Status) -> Option<u8> {
    Some(match status {
        Status::Received => 1,
        Status::Preparing => 2,
        Status::FlushingCloudimageServer => 3,
        Status::FlushingCdnServers => 4,
        Status::Done | Status::Error | Status::ErrorCdnNode => 5,
        Status::Unknown(_) => return None,
    })
}

fn scope_of(tx: &Connection, id: i64) -> Result<ScopeKind> {
    let scope: String = tx.row(
        "SELECT b.scope FROM requests r JOIN batches b ON b.id = r.batch_id WHERE r.id = ?1",
        [id],
        |row| row.get(0),
    )?;
    Ok(ScopeKind::parse(&scope))
}

fn was_maybe_sent(tx: &Connection, id: i64) -> Result<bool> {
    Ok(tx.row(
        "SELECT maybe_sent FROM requests WHERE id = ?1",
        [id],
        |row| row.get(0),
    )?)
}

fn attempts_of(tx: &Connection, id: i64) -> Result<u32> {
    Ok(
        tx.row("SELECT attempts FROM requests WHERE id = ?1", [id], |row| {
            row.get(0)
        })?,
    )
}

/// The paths of a request, in order, without the extra failed paths the service named.
pub(super) fn paths_of(conn: &rusqlite::Connection, id: i64) -> Result<Vec<String>> {
    Ok(conn
        .prepare_cached(
            "SELECT p.path FROM paths p JOIN requests r ON r.id = p.request_id
             WHERE p.request_id = ?1 AND p.idx < r.path_count ORDER BY p.idx",
        )?
        .query_map([id], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?)
}

pub(super) fn event(
    tx: &Connection,
    id: i64,
    at: i64,
    state: RequestState,
    status: Option<&str>,
    detail: Option<&str>,
) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO events (request_id, at, state, status, detail) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![id, at, state.as_str(), status, detail])?;
    Ok(())
}
