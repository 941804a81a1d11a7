//! The journal: a SQLite file that is both the log the user reads and the outbox the
//! dispatcher drains. Every batch is written before anything is sent, and every answer is
//! written as it arrives, each in its own transaction, so a crash leaves every path either
//! acknowledged (with a uuid) or queued.
//!
//! Several processes (the desktop app and the CLI) may open the same file: WAL mode lets
//! readers and one writer work together, and sends are claimed in `BEGIN IMMEDIATE`
//! transactions so exactly one process sends each request.

mod announcements;
mod answers;
mod batches;
mod checks;
mod claims;
mod history;
mod log;
mod log_filter;
mod polls;
mod requests;
mod schema;
mod sql;
mod summaries;
mod unrecorded;
mod views;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use chrono::{DateTime, TimeZone, Utc};
use rusqlite::{Connection, TransactionBehavior};

pub use answers::Setback;
pub(crate) use answers::{acknowledge, record_setback};
pub use batches::{NewBatch, NewRequest};
pub use checks::{Freshness, Unchecked};
pub use claims::Claimed;
pub(crate) use claims::claim_sends;
pub use history::HistoryText;
pub use polls::{MAX_STATUS_EVENTS, PollTarget};
pub(crate) use polls::{record_poll, record_poll_end, record_poll_error};
pub use views::{
    BatchSummary, BatchView, CodeCount, ErrorView, FinishedBatch, HistoryEntry, LogFilter, LogPage,
    PATHS_PER_REQUEST, PathPage, PathResult, Pending, REQUESTS_PER_BATCH, RequestView,
    WINDOW_PAGE_BATCHES,
};

use crate::{Result, StartFailure, StartProblem};

/// `execute` and `query_row` through the statement cache. The journal runs a few statements
/// very often; parsing each again every time cost more than running it (measured with the
/// dispatch benchmark).
pub(crate) trait Cached {
    fn run<P: rusqlite::Params>(&self, sql: &str, params: P) -> rusqlite::Result<usize>;
    fn row<T, P: rusqlite::Params>(
        &self,
        sql: &str,
        params: P,
        f: impl FnOnce(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
    ) -> rusqlite::Result<T>;
}

impl Cached for Connection {
    fn run<P: rusqlite::Params>(&self, sql: &str, params: P) -> rusqlite::Result<usize> {
        self.prepare_cached(sql)?.execute(params)
    }

    fn row<T, P: rusqlite::Params>(
        &self,
        sql: &str,
        params: P,
        f: impl FnOnce(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
    ) -> rusqlite::Result<T> {
        self.prepare_cached(sql)?.query_row(params, f)
    }
}

/// Statements kept prepared per connection: more than the journal has.
const STATEMENT_CACHE: usize = 256;

/// A write to run with others in one transaction (see [`Journal::write_each`]).
pub(crate) type Job = Box<dyn FnOnce(&Connection) -> Result<()> + Send>;

/// How long a write waits for another process's transaction before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// The project a batch belongs to, copied into the batch so the log stays readable after the
/// project is renamed or removed.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct ProjectRef {
    pub id: String,
    pub name: String,
    pub api_base: String,
}

impl From<&crate::Project> for ProjectRef {
    fn from(p: &crate::Project) -> Self {
        ProjectRef {
            id: p.id.clone(),
            name: p.name.clone(),
            api_base: p.api_base.clone(),
        }
    }
}

/// A handle on the journal file. Cheap to clone; clones share one connection. Calls block
/// briefly (milliseconds); async code runs them on the blocking pool.
#[derive(Clone)]
pub struct Journal {
    conn: Arc<Mutex<Connection>>,
    path: PathBuf,
}

impl std::fmt::Debug for Journal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Journal").field("path", &self.path).finish()
    }
}

impl Journal {
    /// Opens (creating if needed) the journal at `path` and brings its tables up to date. A
    /// journal that cannot be used (written by a newer version, not a database, in a folder
    /// that cannot be written) is a [`StartFailure`] naming it, with what to do.
    pub fn open(path: &Path) -> Result<Journal> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| StartFailure::data_folder(dir, e))?;
        }
        let unusable = |e: rusqlite::Error| crate::Error::from(journal_failure(path, &e));
        let mut conn = Connection::open(path).map_err(unusable)?;
        conn.busy_timeout(BUSY_TIMEOUT).map_err(unusable)?;
        conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
        // WAL: the app reads while the CLI writes. synchronous=FULL: a commit survives a power
        // cut, not only a crash; "recorded" must mean recorded.
        conn.pragma_update(None, "journal_mode", "WAL")
            .map_err(unusable)?;
        conn.pragma_update(None, "synchronous", "FULL")
            .map_err(unusable)?;
        conn.pragma_update(None, "foreign_keys", "ON")
            .map_err(unusable)?;
        migrate(&mut conn, path)?;
        Ok(Journal {
            conn: Arc::new(Mutex::new(conn)),
            path: path.to_owned(),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Changes whenever another connection (another process) commits to the file; cheap to
    /// ask. The desktop app uses it to notice what the CLI wrote.
    pub fn data_version(&self) -> Result<i64> {
        Ok(self
            .lock()
            .query_row("PRAGMA data_version", [], |row| row.get(0))?)
    }

    fn lock(&self) -> MutexGuard<'_, Connection> {
        // A panic while holding the lock leaves no half-done transaction (it rolls back on
        // drop), so the connection is still sound.
        self.conn.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// One write in a transaction of its own. It is run as the one job of [`Self::write_jobs`],
    /// the path every write of the engine's writer takes too, so a test of a `record_*`
    /// method runs the same statements, savepoint and commit as the engine does.
    fn write<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        let mut value = None;
        let mut outcomes = self.write_jobs([|tx: &Connection| {
            value = Some(f(tx)?);
            Ok(())
        }])?;
        outcomes.pop().unwrap_or(Ok(()))?;
        value.ok_or_else(|| crate::Error::Io(std::io::Error::other("a journal write did not run")))
    }

    /// Runs every job in one transaction, each in a savepoint of its own: one commit (one sync
    /// to disk) for the lot, and a job that fails is undone alone. Returns each job's outcome;
    /// a commit that fails fails them all. This is the engine writer's door.
    pub(crate) fn write_each(&self, jobs: Vec<Job>) -> Vec<Result<()>> {
        let count = jobs.len();
        match self.write_jobs(jobs) {
            Ok(outcomes) => outcomes,
            Err(e) => {
                let message = e.to_string();
                (0..count)
                    .map(|_| Err(crate::Error::Io(std::io::Error::other(message.clone()))))
                    .collect()
            }
        }
    }

    /// The one write path: an immediate transaction (the write lock is taken up front, so two
    /// processes claiming the same rows serialise instead of failing at commit) holding each
    /// job in a savepoint.
    fn write_jobs<J>(&self, jobs: impl IntoIterator<Item = J>) -> Result<Vec<Result<()>>>
    where
        J: FnOnce(&Connection) -> Result<()>,
    {
        let conn = self.lock();
        transaction(&conn, "BEGIN IMMEDIATE", |tx| {
            let mut outcomes = Vec::new();
            for job in jobs {
                tx.run("SAVEPOINT job", [])?;
                let outcome = job(tx);
                if outcome.is_err() {
                    // Undoes this job alone.
                    tx.run("ROLLBACK TO job", [])?;
                }
                tx.run("RELEASE job", [])?;
                outcomes.push(outcome);
            }
            Ok(outcomes)
        })
    }

    fn read<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        // A deferred transaction gives one consistent snapshot for multi-query reads.
        transaction(&self.lock(), "BEGIN", f)
    }
}

/// Runs `f` between `begin` and `COMMIT`, every statement through the cache; rolls back when
/// `f` or the commit fails. A transaction left open (a panic inside `f`) is rolled back first.
fn transaction<T>(
    conn: &Connection,
    begin: &str,
    f: impl FnOnce(&Connection) -> Result<T>,
) -> Result<T> {
    if !conn.is_autocommit() {
        conn.run("ROLLBACK", [])?;
    }
    conn.run(begin, [])?;
    let outcome = f(conn).and_then(|value| {
        conn.run("COMMIT", [])?;
        Ok(value)
    });
    if outcome.is_err() && !conn.is_autocommit() {
        let _ = conn.run("ROLLBACK", []);
    }
    outcome
}

fn migrate(conn: &mut Connection, path: &Path) -> Result<()> {
    let unusable = |e: rusqlite::Error| crate::Error::from(journal_failure(path, &e));
    let tx = conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(unusable)?;
    let version: i64 = tx
        .query_row("PRAGMA user_version", [], |row| row.get(0))
        .map_err(unusable)?;
    let version = version.max(0) as usize;
    if version > schema::MIGRATIONS.len() {
        return Err(StartFailure::new(path, |path| StartProblem::JournalNewer {
            path,
            version,
            known: schema::MIGRATIONS.len(),
        })
        .into());
    }
    for (index, sql) in schema::MIGRATIONS.iter().enumerate().skip(version) {
        tx.execute_batch(sql).map_err(unusable)?;
        tx.pragma_update(None, "user_version", index as i64 + 1)
            .map_err(unusable)?;
    }
    tx.commit().map_err(unusable)?;
    Ok(())
}

/// What a failure to open the journal means, and what to do about it.
fn journal_failure(path: &Path, error: &rusqlite::Error) -> StartFailure {
    use rusqlite::ErrorCode;
    let cause = error.to_string();
    match error.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) => {
            StartFailure::new(path, |path| StartProblem::NotAJournal { path })
        }
        Some(ErrorCode::ReadOnly | ErrorCode::CannotOpen | ErrorCode::PermissionDenied) => {
            StartFailure::new(path, |path| StartProblem::JournalReadOnly { path, cause })
        }
        _ => StartFailure::new(path, |path| StartProblem::JournalUnusable { path, cause }),
    }
}

pub(crate) fn now_ms() -> i64 {
    Utc::now().timestamp_millis()
}

pub(crate) fn to_time(ms: i64) -> DateTime<Utc> {
    Utc.timestamp_millis_opt(ms).single().unwrap_or_default()
}
