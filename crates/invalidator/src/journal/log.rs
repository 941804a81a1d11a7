//! The log: pages of batches, newest first, filtered and searched. A page costs a fixed number
//! of queries whatever its size: the batches, their counts, their requests, the requests'
//! paths, their retries (and history when asked). Filters go through indexes: the stored
//! condition code, the project and scope of batches, and a trigram index of paths.

use std::collections::HashMap;

use rusqlite::{Connection, params_from_iter};

use super::Journal;
use super::log_filter::{FEW_ROWS, RowFilter, find_batches, matches_in_batch, search_text};
use super::requests::*;
use super::sql::id_list;
use super::views::*;
use crate::Result;
use crate::condition::{ConditionCode, StatusFilter};

impl Journal {
    /// A page of the log, newest batch first.
    pub fn log(&self, filter: &LogFilter) -> Result<LogPage> {
        let limit = if filter.limit == 0 { 50 } else { filter.limit };
        let depth = Depth {
            history: filter.with_history,
            paths: (filter.requests_per_batch > 0).then_some(PATHS_PER_REQUEST),
        };
        self.read(|conn| {
            let (mut batch_ids, matching) = find_batches(conn, filter, limit + 1)?;
            let next_before = (batch_ids.len() > limit).then(|| {
                batch_ids.truncate(limit);
                *batch_ids.last().unwrap()
            });
            let rows_of = RowFilter::new(filter, matching);
            let counts = code_counts(conn, &rows_of, &batch_ids)?;
            let per_batch = filter.requests_per_batch;
            // Batches that fit are read whole in one query; each bigger one (there are few)
            // gets its first rows, failures first.
            let (whole, big): (Vec<i64>, Vec<i64>) = batch_ids
                .iter()
                .partition(|id| per_batch == 0 || total_of(&counts, **id) <= per_batch);
            let mut rows = request_rows(conn, &rows_of, &whole)?;
            for id in &big {
                let (failed, total) = (failures_of(&counts, *id), total_of(&counts, *id));
                let rows_of = rows_of.of_batch(conn, *id)?;
                rows.extend(request_rows_paged(
                    conn, &rows_of, *id, failed, total, 0, per_batch,
                )?);
            }
            let origins: HashMap<i64, String> = rows
                .iter()
                .map(|r| (r.batch_id, r.origin.clone()))
                .collect();
            let mut by_batch: HashMap<i64, Vec<RequestView>> = HashMap::new();
            for view in views_of(conn, rows, depth)? {
                by_batch.entry(view.batch_id).or_default().push(view);
            }
            let mut freshness = super::checks::batch_freshness_of(conn, &id_list(&batch_ids))?;
            let mut batches = Vec::with_capacity(batch_ids.len());
            for batch_id in batch_ids {
                let requests = by_batch.remove(&batch_id).unwrap_or_default();
                let Some(first) = requests.first() else {
                    continue;
                };
                let mut batch_counts: Vec<CodeCount> = counts
                    .get(&batch_id)
                    .map(|c| {
                        c.iter()
                            .map(|(code, count)| CodeCount {
                                code: *code,
                                count: *count,
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                // The most first, ties in the codes' order (that of `ConditionCode::ALL`, which
                // the window follows when it counts a small batch itself).
                batch_counts.sort_by(|a, b| b.count.cmp(&a.count).then(a.code.cmp(&b.code)));
                batches.push(BatchView {
                    id: batch_id,
                    created_at: first.created_at,
                    project: first.project.clone(),
                    scope: first.scope,
                    origin: origins.get(&batch_id).cloned().unwrap_or_default(),
                    request_count: total_of(&counts, batch_id),
                    counts: batch_counts,
                    requests,
                    freshness: freshness.remove(&batch_id),
                });
            }
            Ok(LogPage {
                batches,
                next_before,
            })
        })
    }

    /// The requests of one batch that match `filter`, `limit` from `offset`, failures first:
    /// how a big batch expands page by page.
    pub fn batch_page(
        &self,
        batch_id: i64,
        filter: &LogFilter,
        offset: usize,
        limit: usize,
    ) -> Result<Vec<RequestView>> {
        self.read(|conn| {
            let matching = match search_text(filter) {
                Some(text) => Some(matches_in_batch(conn, &text, batch_id)?),
                None => None,
            };
            let rows_of = RowFilter::new(filter, matching);
            let counts = code_counts(conn, &rows_of, &[batch_id])?;
            let (failed, total) = (failures_of(&counts, batch_id), total_of(&counts, batch_id));
            let rows = request_rows_paged(conn, &rows_of, batch_id, failed, total, offset, limit)?;
            let depth = Depth {
                history: false,
                paths: Some(PATHS_PER_REQUEST),
            };
            views_of(conn, rows, depth)
        })
    }

    /// The requests of one batch, in order, with their history and every path.
    pub fn batch_requests(&self, batch_id: i64) -> Result<Vec<RequestView>> {
        self.read(|conn| {
            let everything = RowFilter::new(&LogFilter::default(), None);
            let rows = request_rows(conn, &everything, &[batch_id])?;
            let depth = Depth {
                history: true,
                paths: None,
            };
            views_of(conn, rows, depth)
        })
    }
}

/// The matching requests of `batches` (all of each), newest batch first and in order within
/// each.
pub(super) fn request_rows(
    conn: &Connection,
    rows_of: &RowFilter,
    batches: &[i64],
) -> Result<Vec<RowData>> {
    if batches.is_empty() {
        return Ok(Vec::new());
    }
    let mut values = rows_of.values();
    values.push(id_list(batches));
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {REQUEST_COLUMNS} FROM requests r JOIN batches b ON b.id = r.batch_id
             WHERE {} AND r.batch_id IN (SELECT value FROM json_each(?))
             ORDER BY r.batch_id DESC, r.seq",
            rows_of.condition()
        ))?
        .query_map(params_from_iter(values.iter()), RowData::read)?
        .collect::<rusqlite::Result<_>>()?)
}

/// `limit` matching requests of one batch from `offset`: its `failed` failures first (by the
/// index of codes), then the rest, each in order. `total`: how many match in all.
#[allow(clippy::too_many_arguments)]
pub(super) fn request_rows_paged(
    conn: &Connection,
    rows_of: &RowFilter,
    batch_id: i64,
    failed: usize,
    total: usize,
    offset: usize,
    limit: usize,
) -> Result<Vec<RowData>> {
    let failures = StatusFilter::Failed.sql();
    // Few rows (the failures, or a status): through the index of batch and code, then sorted;
    // most of them: along the batch in order, stopping at the page's end.
    let part = |only: &str, few: bool, skip: usize, take: usize| -> Result<Vec<RowData>> {
        let mut values = rows_of.values();
        values.push(batch_id.into());
        values.push((take as i64).into());
        values.push((skip as i64).into());
        let index = if few {
            "INDEXED BY requests_batch_code"
        } else {
            ""
        };
        Ok(conn
            .prepare_cached(&format!(
                "SELECT {REQUEST_COLUMNS} FROM requests r {index}
                 JOIN batches b ON b.id = r.batch_id
                 WHERE {} AND r.batch_id = ? AND {only}
                 ORDER BY r.seq LIMIT ? OFFSET ?",
                rows_of.condition()
            ))?
            .query_map(params_from_iter(values.iter()), RowData::read)?
            .collect::<rusqlite::Result<_>>()?)
    };
    let mut rows = Vec::new();
    if offset < failed {
        rows = part(
            &failures,
            failed <= FEW_ROWS,
            offset,
            limit.min(failed - offset),
        )?;
    }
    if rows.len() < limit {
        let skip = offset.saturating_sub(failed);
        let rest = format!("NOT ({failures})");
        let few = rows_of.selective && total - failed <= FEW_ROWS;
        rows.extend(part(&rest, few, skip, limit - rows.len())?);
    }
    Ok(rows)
}

pub(super) type Counts = HashMap<i64, Vec<(ConditionCode, usize)>>;

/// The matching requests of `batches`, counted by code (from the index of batch and code).
pub(super) fn code_counts(
    conn: &Connection,
    rows_of: &RowFilter,
    batches: &[i64],
) -> Result<Counts> {
    let mut values = rows_of.values();
    values.push(id_list(batches));
    let mut counts: Counts = HashMap::new();
    let mut statement = conn.prepare_cached(&format!(
        "SELECT r.batch_id, r.code, COUNT(*) FROM requests r
         WHERE {} AND r.batch_id IN (SELECT value FROM json_each(?))
         GROUP BY r.batch_id, r.code",
        rows_of.condition()
    ))?;
    let rows = statement.query_map(params_from_iter(values.iter()), |row| {
        Ok((
            row.get::<_, i64>(0)?,
            row.get::<_, String>(1)?,
            row.get::<_, i64>(2)?,
        ))
    })?;
    for row in rows {
        let (batch, code, count) = row?;
        let code = ConditionCode::parse(&code).unwrap_or(ConditionCode::Unknown);
        counts
            .entry(batch)
            .or_default()
            .push((code, count as usize));
    }
    Ok(counts)
}

pub(super) fn total_of(counts: &Counts, batch: i64) -> usize {
    counts
        .get(&batch)
        .map_or(0, |c| c.iter().map(|(_, n)| n).sum())
}

pub(super) fn failures_of(counts: &Counts, batch: i64) -> usize {
    counts.get(&batch).map_or(0, |c| {
        c.iter()
            .filter(|(code, _)| code.is_failure())
            .map(|(_, n)| n)
            .sum()
    })
}
