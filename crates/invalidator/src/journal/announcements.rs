//! What one process does once for everyone: announce that a batch ended, and consider a done
//! request for a check at the CDN. Each is claimed in a write transaction (the journal's
//! write lock), so two windows, or a window and the CLI, never both notify or both check; and
//! a batch that ended while no window was open is still unclaimed when one opens.

use std::collections::HashMap;

use rusqlite::{Connection, params};

use super::checks::Unchecked;
use super::sql::id_list;
use super::views::FinishedBatch;
use super::{Cached, Journal, now_ms, to_time};
use crate::Result;
use crate::condition::StatusFilter;

impl Journal {
    /// Claims the batches that ended and were never announced: among the batches of the
    /// `among` requests, or all of them (`None`: at start, or after another process wrote).
    /// Each is returned once, to one process.
    pub fn claim_ended_batches(&self, among: Option<&[i64]>) -> Result<Vec<FinishedBatch>> {
        if among.is_some_and(|ids| ids.is_empty()) {
            return Ok(Vec::new());
        }
        self.write(|tx| {
            let candidates: Vec<i64> = match among {
                Some(ids) => tx
                    .prepare_cached(
                        "SELECT DISTINCT b.id FROM requests r JOIN batches b ON b.id = r.batch_id
                         WHERE r.id IN (SELECT value FROM json_each(?1))
                           AND b.announced_at IS NULL ORDER BY b.id",
                    )?
                    .query_map([id_list(ids)], |row| row.get(0))?
                    .collect::<rusqlite::Result<_>>()?,
                None => tx
                    .prepare_cached(
                        "SELECT id FROM batches WHERE announced_at IS NULL ORDER BY id",
                    )?
                    .query_map([], |row| row.get(0))?
                    .collect::<rusqlite::Result<_>>()?,
            };
            let now = now_ms();
            let mut ended = Vec::new();
            for batch_id in candidates {
                if let Some(batch) = finished(tx, batch_id)? {
                    tx.run(
                        "UPDATE batches SET announced_at = ?2 WHERE id = ?1",
                        params![batch_id, now],
                    )?;
                    ended.push(batch);
                }
            }
            Ok(ended)
        })
    }

    /// Claims the done requests nobody has considered for a check at the CDN yet: among
    /// `among`, or all of them. Every one claimed is marked considered (whether it is then
    /// checked is the caller's rule: a delivery base, the batch's size, how long ago it ended);
    /// returned are those that name files and were never checked, each with its project, its
    /// batch's size and when it last changed.
    pub fn claim_auto_checks(&self, among: Option<&[i64]>) -> Result<Vec<Unchecked>> {
        if among.is_some_and(|ids| ids.is_empty()) {
            return Ok(Vec::new());
        }
        self.write(|tx| {
            let claimed: Vec<(i64, i64, String, bool, i64)> = tx
                .prepare_cached(
                    "SELECT r.id, r.batch_id, b.project_id,
                            b.scope = 'original'
                              AND NOT EXISTS (SELECT 1 FROM checks c WHERE c.request_id = r.id),
                            r.updated_at
                     FROM requests r JOIN batches b ON b.id = r.batch_id
                     WHERE r.code IN ('done', 'done-with-failures') AND r.auto_check_at IS NULL
                       AND (?1 IS NULL OR r.id IN (SELECT value FROM json_each(?1)))
                     ORDER BY r.id",
                )?
                .query_map([among.map(id_list)], |row| {
                    Ok((
                        row.get(0)?,
                        row.get(1)?,
                        row.get(2)?,
                        row.get(3)?,
                        row.get(4)?,
                    ))
                })?
                .collect::<rusqlite::Result<_>>()?;
            let now = now_ms();
            let mut due = Vec::new();
            // Each batch summed once: a batch of 10,000 done requests is one sum, not 10,000.
            let mut batch_paths: HashMap<i64, usize> = HashMap::new();
            for (request_id, batch_id, project_id, checkable, updated_at) in claimed {
                tx.run(
                    "UPDATE requests SET auto_check_at = ?2 WHERE id = ?1",
                    params![request_id, now],
                )?;
                if !checkable {
                    continue;
                }
                let paths = match batch_paths.get(&batch_id) {
                    Some(paths) => *paths,
                    None => {
                        let sum: i64 = tx.row(
                            "SELECT SUM(path_count) FROM requests WHERE batch_id = ?1",
                            [batch_id],
                            |row| row.get(0),
                        )?;
                        *batch_paths.entry(batch_id).or_insert(sum.max(0) as usize)
                    }
                };
                due.push(Unchecked {
                    request_id,
                    project_id,
                    batch_paths: paths,
                    changed_at: to_time(updated_at),
                });
            }
            Ok(due)
        })
    }
}

/// Batch `batch_id` summed up, if none of its requests will change by itself any more.
fn finished(conn: &Connection, batch_id: i64) -> Result<Option<FinishedBatch>> {
    let open = StatusFilter::InProgress.sql();
    let (project_name, scope, requests, done, paths, open_count) = conn
        .prepare_cached(&format!(
            "SELECT b.project_name, b.scope, COUNT(*), SUM(r.code = 'done'),
                    SUM(r.path_count), SUM({open})
             FROM requests r JOIN batches b ON b.id = r.batch_id
             WHERE r.batch_id = ?1"
        ))?
        .query_row([batch_id], |row| {
            Ok((
                row.get::<_, Option<String>>(0)?,
                row.get::<_, Option<String>>(1)?,
                row.get::<_, i64>(2)?,
                row.get::<_, Option<i64>>(3)?.unwrap_or(0),
                row.get::<_, Option<i64>>(4)?.unwrap_or(0),
                row.get::<_, Option<i64>>(5)?.unwrap_or(0),
            ))
        })?;
    if open_count > 0 || requests == 0 {
        return Ok(None);
    }
    Ok(Some(FinishedBatch {
        batch_id,
        project_name: project_name.unwrap_or_default(),
        whole_cache: scope.as_deref() == Some("all"),
        requests: requests as usize,
        done: done as usize,
        paths: paths as usize,
    }))
}
