//! Batches: a submission recorded whole, before anything is sent, each request's paths and
//! their search index.

use rusqlite::{Connection, params};

use super::sql::event;
use super::{Cached, HistoryText, Journal, ProjectRef, now_ms};
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

impl Journal {
    /// Records a submission, all its requests queued. Nothing is sent before this returns.
    pub fn record_batch(&self, batch: &NewBatch) -> Result<(i64, Vec<i64>)> {
        self.write(|tx| record_batch(tx, batch))
    }

    /// Records several submissions in one transaction (an import; the journal benchmark).
    pub fn record_batches(&self, batches: &[NewBatch]) -> Result<Vec<(i64, Vec<i64>)>> {
        self.write(|tx| batches.iter().map(|b| record_batch(tx, b)).collect())
    }
}

/// See [`Journal::record_batch`].
pub(super) fn record_batch(tx: &Connection, batch: &NewBatch) -> Result<(i64, Vec<i64>)> {
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
        let said = match request.retry_of {
            Some(original) => HistoryText::RecordedRetry {
                request: original.to_string(),
            },
            None => HistoryText::Recorded,
        };
        event(tx, id, now, RequestState::Queued, None, Some(&said))?;
        ids.push(id);
    }
    Ok((batch_id, ids))
}

/// Adds a request's paths to the log's search index (one entry per request, its paths one a
/// line).
pub(super) fn index_paths(tx: &Connection, id: i64, paths: &[String]) -> Result<()> {
    if paths.is_empty() {
        return Ok(());
    }
    tx.prepare_cached("INSERT INTO path_search (rowid, paths) VALUES (?1, ?2)")?
        .execute(params![id, paths.join("\n")])?;
    Ok(())
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
