//! Small pieces of SQL that several topics of the journal build their statements with, and
//! the one way a history event is written.

use rusqlite::{Connection, params};

use crate::Result;
use crate::condition::RequestState;

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

pub(super) fn escape_like(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}
