//! Journal work from the desktop core's async methods runs on the blocking pool: a journal
//! another process holds does not hold up the runtime, so the window's other work goes on.

use std::sync::Arc;
use std::time::Duration;

use invalidator::journal::LogFilter;
use invalidator::secrets::MemoryStore;
use invalidator_desktop::{Desktop, DesktopConfig};

/// One thread for the whole runtime: a read that held it would stop everything else.
#[tokio::test(flavor = "current_thread")]
async fn a_read_that_waits_for_the_journal_leaves_the_runtime_free() {
    let dir = tempfile::tempdir().unwrap();
    let mut config = DesktopConfig::new(dir.path().to_owned());
    config.sandbox_step = Duration::ZERO;
    config.engine = crate::common::fast_config();
    let desktop = Desktop::start(config, Arc::new(MemoryStore::default()))
        .await
        .unwrap();
    let path = invalidator::data_dir::journal_path(dir.path());
    let (locked, is_locked) = std::sync::mpsc::channel();
    let (release, released) = std::sync::mpsc::channel::<()>();
    // Another process takes the journal's write lock, until it is told to let go.
    let other_process = std::thread::spawn(move || {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch("BEGIN IMMEDIATE").unwrap();
        locked.send(()).unwrap();
        released.recv().unwrap();
        conn.execute_batch("COMMIT").unwrap();
    });
    is_locked.recv().unwrap();
    // A write of this process waits for that lock (10 s at most), holding the journal.
    let journal = desktop.journal().clone();
    let project = crate::common::project("p", "http://127.0.0.1:9");
    let writer = std::thread::spawn(move || {
        let batch = invalidator::submission::Plan::new(
            &project,
            invalidator::ScopeKind::Original,
            "/a.jpg",
        )
        .into_batch(&project, "test")
        .unwrap();
        journal.record_batch(&batch)
    });
    // Lets the writer get to its wait first (if it does not, the read simply goes first).
    std::thread::sleep(Duration::from_millis(300));
    // This task lets the other process go when it runs. If the read below waited on the
    // runtime's only thread, the task could not run before the writer gave up, 10 s later,
    // with "database is locked".
    let letting_go = tokio::spawn(async move { release.send(()).unwrap() });
    let page = desktop.log(&LogFilter::default()).await;
    assert!(page.is_ok(), "{page:?}");
    letting_go.await.unwrap();
    other_process.join().unwrap();
    let written = writer.join().unwrap();
    assert!(written.is_ok(), "the runtime was held: {written:?}");
    desktop.shutdown().await;
}
