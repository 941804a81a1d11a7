//! Summaries: what has not reached the service or is still at it, and what is unfinished.
//! (Which batches ended, each told once, is `announcements.rs`.)

use rusqlite::params_from_iter;

use super::Journal;
use super::views::*;
use crate::Result;
use crate::condition::{ConditionCode, StatusFilter, codes_sql};

impl Journal {
    /// How much work is open: requests not yet acknowledged (queued, being sent, waiting
    /// to retry), and acknowledged ones the service is still working on.
    pub fn pending(&self) -> Result<Pending> {
        let unsent = codes_sql(&[
            ConditionCode::Queued,
            ConditionCode::Sending,
            ConditionCode::Retrying,
        ]);
        self.read(|conn| {
            let sql = format!(
                "SELECT SUM({unsent}), COUNT(*) FROM requests r WHERE {}",
                StatusFilter::InProgress.sql()
            );
            Ok(conn.query_row(&sql, [], |row| {
                let unsent: Option<i64> = row.get(0)?;
                let open: i64 = row.get(1)?;
                let unsent = unsent.unwrap_or(0) as usize;
                Ok(Pending {
                    unsent,
                    at_service: open as usize - unsent,
                })
            })?)
        })
    }

    /// Ids of requests that are not finished: queued, being sent, or still followed.
    pub fn unfinished(&self, project_ids: Option<&[String]>) -> Result<Vec<i64>> {
        self.read(|conn| {
            let mut sql = format!(
                "SELECT r.id FROM requests r JOIN batches b ON b.id = r.batch_id WHERE {}",
                StatusFilter::InProgress.sql()
            );
            let mut values: Vec<String> = Vec::new();
            if let Some(projects) = project_ids {
                sql.push_str(" AND b.project_id IN (SELECT value FROM json_each(?))");
                values.push(serde_json::to_string(projects).map_err(std::io::Error::other)?);
            }
            sql.push_str(" ORDER BY r.id");
            Ok(conn
                .prepare_cached(&sql)?
                .query_map(params_from_iter(values.iter()), |row| row.get(0))?
                .collect::<rusqlite::Result<_>>()?)
        })
    }

    /// Counts of where the requests of `batch_id` stand.
    pub fn batch_summary(&self, batch_id: i64) -> Result<BatchSummary> {
        self.read(|conn| {
            let sql = format!(
                "SELECT COUNT(*), COUNT(r.uuid), SUM(NOT ({})), SUM(r.code = 'done')
                 FROM requests r WHERE r.batch_id = ?1",
                StatusFilter::InProgress.sql(),
            );
            Ok(conn.query_row(&sql, [batch_id], |row| {
                Ok(BatchSummary {
                    requests: row.get::<_, i64>(0)? as usize,
                    acknowledged: row.get::<_, i64>(1)? as usize,
                    finished: row.get::<_, Option<i64>>(2)?.unwrap_or(0) as usize,
                    done: row.get::<_, Option<i64>>(3)?.unwrap_or(0) as usize,
                })
            })?)
        })
    }

    /// The newest batch, if any.
    pub fn latest_batch(&self) -> Result<Option<i64>> {
        self.read(|conn| Ok(conn.query_row("SELECT MAX(id) FROM batches", [], |row| row.get(0))?))
    }
}
