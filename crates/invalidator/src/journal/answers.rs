//! Answers to sends: an acknowledgement (the service's uuid), or what went wrong and what to
//! do about it (a setback). "May have been received" is never "nothing was invalidated".

use cloudimage::Accepted;
use rusqlite::{Connection, OptionalExtension, params};

use super::claims::{Change, Claim, attempts_of, requeue, scope_of, set_state, was_maybe_sent};
use super::sql::{error_columns, event};
use super::{Cached, HistoryText, Journal, now_ms};
use crate::condition::RequestState;
use crate::{Problem, Result, ScopeKind};

/// What went wrong with one send, and what to do about it.
#[derive(Debug, Clone)]
pub enum Setback {
    /// Transient: try again at `due_ms`. `attempts` counts failures so far; `maybe_sent`
    /// says the request went out and no answer came, so the service may have acted on it.
    Retry {
        attempts: u32,
        due_ms: i64,
        kind: String,
        problem: Problem,
        maybe_sent: bool,
    },
    /// No more attempts: they ran out, or (scope `all` that may have been received) another
    /// one is for the user to decide.
    GiveUp {
        attempts: u32,
        kind: String,
        problem: Problem,
        maybe_sent: bool,
    },
    /// The service said no; trying again as is will not help.
    Rejected { kind: String, problem: Problem },
    /// No answer at all: back to the queue until `due_ms`, no attempt spent. Every other
    /// queued request of the project waits as well.
    Offline { due_ms: i64, problem: Problem },
    /// This process cannot send it after all (its key went away): back to the queue for
    /// whoever can.
    Release,
}

impl Journal {
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
    let mine = |state, attempts, due_ms, kind, problem, maybe_sent| {
        set_state(
            tx,
            &Claim { id, owner },
            Change {
                state,
                attempts,
                due_ms,
                kind,
                problem,
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
            problem,
            maybe_sent,
        } => {
            if !mine(
                RequestState::Retrying,
                *attempts,
                Some(*due_ms),
                kind,
                problem,
                *maybe_sent,
            )? {
                return Ok(false);
            }
            let (attempts, problem) = (*attempts, problem.clone());
            let wait = ((due_ms - now).max(0) + 999) / 1000;
            let said = if *maybe_sent {
                HistoryText::RetryingMaybeSent {
                    attempts,
                    problem,
                    wait,
                }
            } else {
                HistoryText::Retrying {
                    attempts,
                    problem,
                    wait,
                }
            };
            event(tx, id, now, RequestState::Retrying, None, Some(&said))?;
        }
        Setback::GiveUp {
            attempts,
            kind,
            problem,
            maybe_sent,
        } => {
            if !mine(
                RequestState::SendFailed,
                *attempts,
                None,
                kind,
                problem,
                *maybe_sent,
            )? {
                return Ok(false);
            }
            let maybe_sent = *maybe_sent || was_maybe_sent(tx, id)?;
            let (attempts, problem) = (*attempts, problem.clone());
            let said = match (maybe_sent, scope_of(tx, id)?) {
                (true, ScopeKind::All) => HistoryText::GaveUpWholeCache { problem },
                (true, ScopeKind::Original) => {
                    HistoryText::GaveUpMaybeReceived { attempts, problem }
                }
                (false, _) => HistoryText::GaveUp { attempts, problem },
            };
            event(tx, id, now, RequestState::SendFailed, None, Some(&said))?;
        }
        Setback::Rejected { kind, problem } => {
            let attempts = attempts_of(tx, id)?;
            if !mine(RequestState::Rejected, attempts, None, kind, problem, false)? {
                return Ok(false);
            }
            let said = HistoryText::Failed {
                problem: problem.clone(),
            };
            event(tx, id, now, RequestState::Rejected, None, Some(&said))?;
        }
        Setback::Offline { due_ms, problem } => {
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
                cloudimage::ErrorKind::Offline.as_str(),
                problem,
                false,
            )? {
                return Ok(false);
            }
            if !was_offline {
                let said = HistoryText::Offline {
                    problem: problem.clone(),
                };
                event(tx, id, now, RequestState::Queued, None, Some(&said))?;
            }
            // Hold back the rest of the project's queue too: no point knocking on a
            // closed door with every request.
            let (message, said) = error_columns(Some(problem));
            tx.run(
                "UPDATE requests SET due_at = MAX(COALESCE(due_at, 0), ?2),
                            error_kind = 'offline', error_message = ?3, error_said = ?5
                     WHERE state = 'queued' AND id != ?4
                       AND batch_id IN (SELECT id FROM batches WHERE project_id = ?1)",
                params![project_id, due_ms, message, id, said],
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
            requeue(tx, id, now, None, &HistoryText::PutBack)?;
        }
    }
    Ok(true)
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
                error_message = NULL, error_said = NULL, due_at = ?5, poll_interval = ?6,
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
        let uuid = accepted.uuid.clone();
        let said = match (owner.is_none(), accepted.message.clone()) {
            (false, None) => HistoryText::Acknowledged { uuid },
            (false, Some(message)) => HistoryText::AcknowledgedSaying { uuid, message },
            (true, None) => HistoryText::AcknowledgedLate { uuid },
            (true, Some(message)) => HistoryText::AcknowledgedLateSaying { uuid, message },
        };
        event(tx, id, now, RequestState::Acknowledged, status, Some(&said))?;
        return Ok(true);
    }
    let (state, uuid): (String, Option<String>) = tx.row(
        "SELECT state, uuid FROM requests WHERE id = ?1",
        [id],
        |row| Ok((row.get(0)?, row.get(1)?)),
    )?;
    if uuid.as_deref() != Some(accepted.uuid.as_str()) {
        // The uuid is real (the service acted on that send): keep it in the history.
        let said = HistoryText::LateAnswer {
            uuid: accepted.uuid.clone(),
        };
        let state = RequestState::parse(&state).unwrap_or(RequestState::Queued);
        event(tx, id, now, state, None, Some(&said))?;
    }
    Ok(false)
}

/// The service named this send with the id it already gave request `other`. Asked about, the
/// two could not be told apart, so this one is not followed: it may have been received (the
/// service answered), and the user decides whether to send it again.
pub(super) fn acknowledged_twice(
    tx: &Connection,
    id: i64,
    owner: Option<&str>,
    uuid: &str,
    other: i64,
    now: i64,
) -> Result<bool> {
    let problem = Problem::AcknowledgedTwice {
        uuid: uuid.to_owned(),
        other: other.to_string(),
    };
    let (message, said) = error_columns(Some(&problem));
    let changed = tx.run(
        "UPDATE requests SET state = 'send_failed', maybe_sent = 1, error_kind = 'badAnswer',
                error_message = ?2, error_said = ?5, claim_owner = NULL, claim_until = NULL,
                due_at = NULL, updated_at = ?3
         WHERE id = ?1 AND uuid IS NULL
           AND (?4 IS NULL OR (state = 'sending' AND claim_owner = ?4))",
        params![id, message, now, owner, said],
    )?;
    if changed == 1 {
        let said = HistoryText::Failed { problem };
        event(tx, id, now, RequestState::SendFailed, None, Some(&said))?;
    }
    Ok(changed == 1)
}
