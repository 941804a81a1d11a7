//! What a log filter finds: the batches of a page and, for a search, the requests that match
//! (paths that hold the text, through the trigram index of paths, or invalidation ids that
//! start with it), read only as far as the page needs.

use rusqlite::{Connection, params_from_iter};

use super::sql::id_list;
use super::views::*;
use crate::Result;
use crate::condition::StatusFilter;

/// How many rows of a batch are "few": read through an index (of codes, or a search's list
/// of matches) and sorted, rather than along the batch.
pub(super) const FEW_ROWS: usize = 2_000;

/// The part of a filter that applies to requests once their batches are chosen: the status,
/// and, for a search, the ids of the requests that matched.
pub(super) struct RowFilter {
    status: Option<StatusFilter>,
    /// A search's matches, in ascending order.
    matching: Option<Vec<i64>>,
    /// It keeps few of a batch's requests (a status): read them through the index of codes.
    pub(super) selective: bool,
}

impl RowFilter {
    pub(super) fn new(filter: &LogFilter, matching: Option<Vec<i64>>) -> RowFilter {
        RowFilter {
            status: filter.status,
            matching,
            selective: filter.status.is_some(),
        }
    }

    /// The SQL condition on `requests r`, its values in `values()`.
    pub(super) fn condition(&self) -> String {
        let mut parts = vec!["1".to_owned()];
        if let Some(status) = self.status {
            parts.push(status.sql());
        }
        match &self.matching {
            // Many: walking the batch in order and looking each row up in the list stops at
            // the page's end; found through the list, every match would be read and sorted.
            Some(ids) if ids.len() > FEW_ROWS => {
                parts.push("+r.id IN (SELECT value FROM json_each(?))".into())
            }
            Some(_) => parts.push("r.id IN (SELECT value FROM json_each(?))".into()),
            None => {}
        }
        parts.join(" AND ")
    }

    pub(super) fn values(&self) -> Vec<rusqlite::types::Value> {
        self.matching.iter().map(|ids| id_list(ids)).collect()
    }

    /// The same filter for one batch's requests: a search's matches cut to the batch's ids
    /// (consecutive). Each query on a big batch then looks up its own matches, not those of
    /// the whole page (35,000 of them for a text half of all paths hold: ~0.2 s).
    pub(super) fn of_batch(&self, conn: &Connection, batch_id: i64) -> Result<RowFilter> {
        let Some(matching) = &self.matching else {
            return Ok(RowFilter {
                matching: None,
                ..*self
            });
        };
        let (first, last) = id_range(conn, batch_id)?.unwrap_or((0, -1));
        let from = matching.partition_point(|id| *id < first);
        let to = matching.partition_point(|id| *id <= last);
        Ok(RowFilter {
            matching: Some(matching[from..to.max(from)].to_vec()),
            ..*self
        })
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

/// Search text shorter than this looks in invalidation ids only: the path index is of
/// three-character pieces.
pub(super) const MIN_PATH_SEARCH: usize = 3;

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

/// The first and last request ids of a batch (its requests have consecutive ids); `None`
/// for a batch with none.
fn id_range(conn: &Connection, batch_id: i64) -> Result<Option<(i64, i64)>> {
    let (first, last): (Option<i64>, Option<i64>) = conn.query_row(
        "SELECT MIN(id), MAX(id) FROM requests WHERE batch_id = ?1",
        [batch_id],
        |row| Ok((row.get(0)?, row.get(1)?)),
    )?;
    Ok(first.zip(last))
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
    if text.chars().count() >= MIN_PATH_SEARCH
        && let Some((first, last)) = id_range(conn, batch_id)?
    {
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
