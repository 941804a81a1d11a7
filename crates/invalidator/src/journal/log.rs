//! The log: pages of batches, newest first, filtered and searched. A page costs a fixed number
//! of queries whatever its size: the batches, their counts, their requests, the requests'
//! paths, their retries (and history when asked). Filters go through indexes: the stored
//! condition code, the project and scope of batches, and a trigram index of paths.

use std::collections::HashMap;

use rusqlite::{Connection, params_from_iter};

use super::Journal;
use super::requests::*;
use super::sql::id_list;
use super::views::*;
use crate::Result;
use crate::condition::{ConditionCode, StatusFilter};

/// Search text shorter than this looks in invalidation ids only: the path index is of
/// three-character pieces.
pub(super) const MIN_PATH_SEARCH: usize = 3;

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

/// The part of a filter that applies to requests once their batches are chosen: the status,
/// and, for a search, the ids of the requests that matched.
pub(super) struct RowFilter {
    pub(super) condition: String,
    pub(super) values: Vec<rusqlite::types::Value>,
    /// It keeps few of a batch's requests (a status): read them through the index of codes.
    pub(super) selective: bool,
}

impl RowFilter {
    pub(super) fn new(filter: &LogFilter, matching: Option<Vec<i64>>) -> RowFilter {
        let mut parts = vec!["1".to_owned()];
        let mut values = Vec::new();
        if let Some(status) = filter.status {
            parts.push(status.sql());
        }
        if let Some(ids) = matching {
            parts.push("r.id IN (SELECT value FROM json_each(?))".into());
            values.push(id_list(&ids));
        }
        RowFilter {
            condition: parts.join(" AND "),
            values,
            selective: filter.status.is_some(),
        }
    }
}

/// The batches of a page (newest first, up to `want`), and, for a search, the requests of
/// those batches that matched. Each kind of filter takes the road its index offers.
pub(super) fn find_batches(
    conn: &Connection,
    filter: &LogFilter,
    want: usize,
) -> Result<(Vec<i64>, Option<Vec<i64>>)> {
    let (batch_part, mut values) = batch_clause(filter);
    if let Some(text) = search_text(filter) {
        return search(conn, filter, &text, want);
    }
    if let Some(status) = filter.status {
        // Through the index of codes: the requests in that state, their batches.
        values.push((want as i64).into());
        let ids = conn
            .prepare_cached(&format!(
                "SELECT DISTINCT r.batch_id FROM requests r JOIN batches b ON b.id = r.batch_id
                 WHERE {batch_part} AND {} ORDER BY r.batch_id DESC LIMIT ?",
                status.sql()
            ))?
            .query_map(params_from_iter(values.iter()), |row| row.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        return Ok((ids, None));
    }
    // Every batch has requests: the batches alone answer.
    values.push((want as i64).into());
    let ids = conn
        .prepare_cached(&format!(
            "SELECT b.id FROM batches b WHERE {batch_part} ORDER BY b.id DESC LIMIT ?"
        ))?
        .query_map(params_from_iter(values.iter()), |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok((ids, None))
}

/// The search text, trimmed; `None` when there is none.
pub(super) fn search_text(filter: &LogFilter) -> Option<String> {
    filter
        .text
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
}

/// A search: requests whose paths hold the text (the trigram index, newest first, read only
/// as far as the page needs) or whose invalidation id starts with it.
pub(super) fn search(
    conn: &Connection,
    filter: &LogFilter,
    text: &str,
    want: usize,
) -> Result<(Vec<i64>, Option<Vec<i64>>)> {
    let (batch_part, batch_values) = batch_clause(filter);
    let status = filter.status.map_or("1".to_owned(), |s| s.sql());
    // (request id, batch id), newest first, from both roads.
    let mut found: Vec<(i64, i64)> = Vec::new();
    let mut values = batch_values.clone();
    values.extend(uuid_range(text));
    found.extend(
        conn.prepare_cached(&format!(
            "SELECT r.id, r.batch_id FROM requests r JOIN batches b ON b.id = r.batch_id
             WHERE {batch_part} AND {status} AND {UUID_RANGES}"
        ))?
        .query_map(params_from_iter(values.iter()), |row| {
            Ok((row.get(0)?, row.get(1)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?,
    );
    if text.chars().count() >= MIN_PATH_SEARCH {
        let mut values = vec![rusqlite::types::Value::from(fts_phrase(text))];
        values.extend(batch_values);
        let mut statement = conn.prepare_cached(&format!(
            "SELECT r.id, r.batch_id FROM path_search ps
             JOIN requests r ON r.id = ps.rowid JOIN batches b ON b.id = r.batch_id
             WHERE path_search MATCH ? AND {batch_part} AND {status}
             ORDER BY ps.rowid DESC"
        ))?;
        let mut rows = statement.query(params_from_iter(values.iter()))?;
        let mut batches = std::collections::BTreeSet::new();
        // A batch's requests have consecutive ids: once a batch past the page shows up,
        // every match of the page's batches has been seen.
        while let Some(row) = rows.next()? {
            let (id, batch): (i64, i64) = (row.get(0)?, row.get(1)?);
            batches.insert(std::cmp::Reverse(batch));
            if batches.len() > want {
                break;
            }
            found.push((id, batch));
        }
    }
    Ok(page_of(found, want))
}

/// The newest `want` batches of `found` (request, batch) pairs, and their requests.
pub(super) fn page_of(found: Vec<(i64, i64)>, want: usize) -> (Vec<i64>, Option<Vec<i64>>) {
    let mut batch_ids: Vec<i64> = found.iter().map(|(_, b)| *b).collect();
    batch_ids.sort_unstable_by(|a, b| b.cmp(a));
    batch_ids.dedup();
    batch_ids.truncate(want);
    let chosen: std::collections::HashSet<i64> = batch_ids.iter().copied().collect();
    let mut ids: Vec<i64> = found
        .into_iter()
        .filter(|(_, b)| chosen.contains(b))
        .map(|(id, _)| id)
        .collect();
    ids.sort_unstable();
    ids.dedup();
    (batch_ids, Some(ids))
}

/// The requests of one batch that match a search.
pub(super) fn matches_in_batch(conn: &Connection, text: &str, batch_id: i64) -> Result<Vec<i64>> {
    let mut values = vec![rusqlite::types::Value::from(batch_id)];
    values.extend(uuid_range(text));
    let mut ids: Vec<i64> = conn
        .prepare_cached(&format!(
            "SELECT r.id FROM requests r WHERE r.batch_id = ? AND {UUID_RANGES}"
        ))?
        .query_map(params_from_iter(values.iter()), |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    if text.chars().count() >= MIN_PATH_SEARCH {
        let (first, last): (Option<i64>, Option<i64>) = conn.query_row(
            "SELECT MIN(id), MAX(id) FROM requests WHERE batch_id = ?1",
            [batch_id],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )?;
        if let (Some(first), Some(last)) = (first, last) {
            ids.extend(
                conn.prepare_cached(
                    "SELECT rowid FROM path_search
                     WHERE path_search MATCH ?1 AND rowid BETWEEN ?2 AND ?3",
                )?
                .query_map(rusqlite::params![fts_phrase(text), first, last], |row| {
                    row.get::<_, i64>(0)
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?,
            );
        }
    }
    ids.sort_unstable();
    ids.dedup();
    Ok(ids)
}

/// Invalidation ids starting with `text`, written in lower or in upper case (the service's
/// are lowercase): two index ranges, where `LIKE` would read every row.
pub(super) const UUID_RANGES: &str =
    "((r.uuid >= ? AND r.uuid < ?) OR (r.uuid >= ? AND r.uuid < ?))";

pub(super) fn uuid_range(text: &str) -> Vec<rusqlite::types::Value> {
    let (lower, upper) = (text.to_ascii_lowercase(), text.to_ascii_uppercase());
    vec![
        lower.clone().into(),
        format!("{lower}\u{10FFFF}").into(),
        upper.clone().into(),
        format!("{upper}\u{10FFFF}").into(),
    ]
}

/// The text as one phrase of the trigram index: found anywhere in a path.
pub(super) fn fts_phrase(text: &str) -> String {
    format!("\"{}\"", text.replace('"', "\"\""))
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
    let mut values = rows_of.values.clone();
    values.push(id_list(batches));
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {REQUEST_COLUMNS} FROM requests r JOIN batches b ON b.id = r.batch_id
             WHERE {} AND r.batch_id IN (SELECT value FROM json_each(?))
             ORDER BY r.batch_id DESC, r.seq",
            rows_of.condition
        ))?
        .query_map(params_from_iter(values.iter()), RowData::read)?
        .collect::<rusqlite::Result<_>>()?)
}

/// How many rows of a batch are "few": read through the index of codes and sorted, rather
/// than along the batch.
pub(super) const FEW_ROWS: usize = 2_000;

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
        let mut values = rows_of.values.clone();
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
                rows_of.condition
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
    let mut values = rows_of.values.clone();
    values.push(id_list(batches));
    let mut counts: Counts = HashMap::new();
    let mut statement = conn.prepare_cached(&format!(
        "SELECT r.batch_id, r.code, COUNT(*) FROM requests r
         WHERE {} AND r.batch_id IN (SELECT value FROM json_each(?))
         GROUP BY r.batch_id, r.code",
        rows_of.condition
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

/// The batch-level part of a filter (project, scope, the page's cursor) on `batches b`, and
/// its values.
pub(super) fn batch_clause(filter: &LogFilter) -> (String, Vec<rusqlite::types::Value>) {
    let mut parts = vec!["1".to_owned()];
    let mut values: Vec<rusqlite::types::Value> = Vec::new();
    if let Some(project) = &filter.project_id {
        parts.push("b.project_id = ?".into());
        values.push(project.clone().into());
    }
    if let Some(scope) = &filter.scope {
        parts.push("b.scope = ?".into());
        values.push(scope.to_ascii_lowercase().into());
    }
    if let Some(before) = filter.before_batch {
        parts.push("b.id < ?".into());
        values.push(before.into());
    }
    (parts.join(" AND "), values)
}
