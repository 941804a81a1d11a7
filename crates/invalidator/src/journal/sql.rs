//! Small pieces of SQL that several topics of the journal build their statements with, and
//! the one way a history event is written.

use rusqlite::{Connection, params};

use super::HistoryText;
use crate::condition::RequestState;
use crate::{Problem, Result, Said};

/// `?, ?, ?`: the placeholders of an `IN (…)` list of `n` values.
pub(super) fn placeholders(n: usize) -> String {
    vec!["?"; n].join(", ")
}

/// A list of ids as one parameter, for `IN (SELECT value FROM json_each(?1))`: one prepared
/// statement serves lists of every length.
pub(super) fn id_list(ids: &[i64]) -> rusqlite::types::Value {
    serde_json::to_string(ids)
        .unwrap_or_else(|_| "[]".into())
        .into()
}

/// A line of a request's history: its message, and the same in English.
pub(super) fn event(
    tx: &Connection,
    id: i64,
    at: i64,
    state: RequestState,
    status: Option<&str>,
    said: Option<&HistoryText>,
) -> Result<()> {
    let detail = said.map(ToString::to_string);
    let said = said.map(|said| Said::of(said).to_json());
    tx.prepare_cached(
        "INSERT INTO events (request_id, at, state, status, detail, said)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![id, at, state.as_str(), status, detail, said])?;
    Ok(())
}

/// What went wrong with a request, as its row keeps it: the message and its English.
pub(super) fn error_columns(problem: Option<&Problem>) -> (Option<String>, Option<String>) {
    match problem {
        Some(problem) => (Some(problem.to_string()), Some(Said::of(problem).to_json())),
        None => (None, None),
    }
}

pub(super) fn escape_like(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}
