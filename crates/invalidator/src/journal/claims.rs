//! Claims: which process sends a request. Taken in `BEGIN IMMEDIATE`, named by their owner,
//! taken over only from a dead owner or past twice the lease; every write about a send
//! changes the request only while its writer holds the claim.

use std::collections::HashSet;

use cloudimage::Scope;
use rusqlite::{Connection, params, params_from_iter};

use super::batches::paths_of;
use super::sql::{error_columns, event, placeholders};
use super::{Cached, HistoryText, Journal, now_ms};
use crate::condition::RequestState;
use crate::{Problem, Result, ScopeKind};

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

impl Journal {
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
                    let (message, said) = error_columns(Some(&Problem::Interrupted));
                    tx.run(
                        "UPDATE requests SET state = 'send_failed', maybe_sent = 1,
                                claim_owner = NULL, claim_until = NULL, due_at = NULL,
                                error_kind = 'interrupted', error_message = ?2,
                                error_said = ?4, updated_at = ?3
                         WHERE id = ?1",
                        params![id, message, now, said],
                    )?;
                    let said = HistoryText::InterruptedWholeCache;
                    event(tx, *id, now, RequestState::SendFailed, None, Some(&said))?;
                    continue;
                }
                requeue(
                    tx,
                    *id,
                    now,
                    Some("interrupted"),
                    &HistoryText::InterruptedRequeued,
                )?;
            }
            Ok(ids.len())
        })
    }

    /// The service answers again: the project's requests held back for being offline are
    /// due now. Returns how many.
    pub fn resume_project(&self, project_id: &str) -> Result<usize> {
        self.write(|tx| {
            Ok(tx.run(
                "UPDATE requests SET due_at = NULL, error_kind = NULL, error_message = NULL,
                        error_said = NULL
                 WHERE state = 'queued' AND error_kind = 'offline'
                   AND batch_id IN (SELECT id FROM batches WHERE project_id = ?1)",
                [project_id],
            )?)
        })
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
        let said = HistoryText::Sending {
            attempt: attempts + 1,
        };
        event(tx, id, now, RequestState::Sending, None, Some(&said))?;
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

/// Back to the queue, claim released, due at once; `error_kind` notes why (or nothing).
pub(super) fn requeue(
    tx: &Connection,
    id: i64,
    now: i64,
    error_kind: Option<&str>,
    said: &HistoryText,
) -> Result<()> {
    tx.run(
        "UPDATE requests SET state = 'queued', claim_owner = NULL, claim_until = NULL,
                due_at = NULL, error_kind = ?3, error_message = NULL, error_said = NULL,
                updated_at = ?2
         WHERE id = ?1",
        params![id, now, error_kind],
    )?;
    event(tx, id, now, RequestState::Queued, None, Some(said))
}

/// A request this process claimed for sending.
pub(super) struct Claim<'a> {
    pub(super) id: i64,
    pub(super) owner: &'a str,
}

/// What a send's outcome makes of its request.
pub(super) struct Change<'a> {
    pub(super) state: RequestState,
    pub(super) attempts: u32,
    pub(super) due_ms: Option<i64>,
    pub(super) kind: &'a str,
    pub(super) problem: &'a Problem,
    pub(super) maybe_sent: bool,
    pub(super) now: i64,
}

/// Applies `change` if the claim still holds (the request is `sending` under `owner`).
/// Returns whether it did: a process stopped past its lease may find its claim taken over.
pub(super) fn set_state(tx: &Connection, claim: &Claim<'_>, change: Change<'_>) -> Result<bool> {
    let (message, said) = error_columns(Some(change.problem));
    let changed = tx.run(
        "UPDATE requests SET state = ?3, attempts = ?4, due_at = ?5, error_kind = ?6,
                error_message = ?7, error_said = ?10, maybe_sent = maybe_sent OR ?8,
                claim_owner = NULL, claim_until = NULL, updated_at = ?9
         WHERE id = ?1 AND uuid IS NULL AND state = 'sending' AND claim_owner = ?2",
        params![
            claim.id,
            claim.owner,
            change.state.as_str(),
            change.attempts,
            change.due_ms,
            change.kind,
            message,
            change.maybe_sent,
            change.now,
            said
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

pub(super) fn scope_of(tx: &Connection, id: i64) -> Result<ScopeKind> {
    let scope: String = tx.row(
        "SELECT b.scope FROM requests r JOIN batches b ON b.id = r.batch_id WHERE r.id = ?1",
        [id],
        |row| row.get(0),
    )?;
    Ok(ScopeKind::parse(&scope))
}

pub(super) fn was_maybe_sent(tx: &Connection, id: i64) -> Result<bool> {
    Ok(tx.row(
        "SELECT maybe_sent FROM requests WHERE id = ?1",
        [id],
        |row| row.get(0),
    )?)
}

pub(super) fn attempts_of(tx: &Connection, id: i64) -> Result<u32> {
    Ok(
        tx.row("SELECT attempts FROM requests WHERE id = ?1", [id], |row| {
            row.get(0)
        })?,
    )
}
