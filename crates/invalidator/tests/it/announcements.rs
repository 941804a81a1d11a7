//! A batch's end is announced once, and a done request considered for a check at the CDN
//! once, whichever process asks first: claims in the journal, raced from two connections (as
//! two processes would) on a real SQLite file.

use std::sync::Barrier;

use crate::common::*;
use crate::journal::{UNDO_6, batch};
use invalidator::Journal;

/// Each of two connections asks at the same moment; returns how many each got.
fn race<T: Send>(a: &Journal, b: &Journal, ask: impl Fn(&Journal) -> Vec<T> + Sync) -> [usize; 2] {
    let start = Barrier::new(2);
    std::thread::scope(|s| {
        let one = s.spawn(|| {
            start.wait();
            ask(a).len()
        });
        let two = s.spawn(|| {
            start.wait();
            ask(b).len()
        });
        [one.join().unwrap(), two.join().unwrap()]
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_ended_batch_and_its_check_are_claimed_once_whoever_asks() {
    let dir = tempfile::tempdir().unwrap();
    let sandbox = sandbox(dir.path(), std::time::Duration::ZERO).await;
    let project = project("p1", &sandbox.base_url());
    let engine = sandbox_engine(dir.path(), &project);
    let ids = submit(&engine, &project, "/a.jpg\n/b.jpg").await;
    let mine = engine.journal().clone();
    // Not ended yet: nothing to claim, and nothing is used up.
    assert!(mine.claim_ended_batches(None).unwrap().is_empty());
    assert!(mine.claim_auto_checks(None).unwrap().is_empty());
    wait_code(&mine, ids[0], "done").await;
    let other = journal(dir.path());

    for round in 0..20 {
        let got = race(&mine, &other, |j| j.claim_ended_batches(None).unwrap());
        assert_eq!(
            got.iter().sum::<usize>(),
            usize::from(round == 0),
            "round {round}: {got:?}"
        );
    }
    let got = race(&mine, &other, |j| j.claim_auto_checks(Some(&ids)).unwrap());
    assert_eq!(got.iter().sum::<usize>(), 1, "{got:?}");
    assert!(other.claim_auto_checks(None).unwrap().is_empty());

    // The claim says what the notification and the check need.
    let ids = submit(&engine, &project, "/c.jpg").await;
    wait_code(&mine, ids[0], "done").await;
    let ended = other.claim_ended_batches(Some(&ids)).unwrap();
    assert_eq!(ended.len(), 1);
    assert_eq!(
        (ended[0].requests, ended[0].done, ended[0].paths),
        (1, 1, 1)
    );
    let due = other.claim_auto_checks(None).unwrap();
    assert_eq!(due.len(), 1);
    assert_eq!(
        (
            due[0].request_id,
            due[0].project_id.as_str(),
            due[0].batch_paths
        ),
        (ids[0], "p1", 1)
    );
    engine.shutdown().await;
}

/// What had ended before this version was told by whoever saw it end: the upgrade does not
/// announce the whole history again, nor check it. What was still under way is told when it
/// ends.
#[test]
fn an_older_journal_counts_what_had_ended_as_told() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("j.sqlite3");
    let journal = Journal::open(&path).unwrap();
    let (_, ended) = journal.record_batch(&batch("old", 2)).unwrap();
    let (_, open) = journal.record_batch(&batch("open", 1)).unwrap();
    drop(journal);
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch(&format!(
        "{UNDO_6} PRAGMA user_version = 5;
         UPDATE requests SET state = 'acknowledged', status = 'DONE', uuid = 'u-' || id
             WHERE id IN ({}, {});",
        ended[0], ended[1]
    ))
    .unwrap();
    drop(conn);

    let journal = Journal::open(&path).unwrap();
    assert!(journal.claim_ended_batches(None).unwrap().is_empty());
    assert!(journal.claim_auto_checks(None).unwrap().is_empty());
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute(
        "UPDATE requests SET state = 'acknowledged', status = 'DONE', uuid = 'u-open' WHERE id = ?1",
        [open[0]],
    )
    .unwrap();
    drop(conn);
    let told = journal.claim_ended_batches(None).unwrap();
    assert_eq!(
        told.iter()
            .map(|b| b.project_name.as_str())
            .collect::<Vec<_>>(),
        ["open"]
    );
    assert_eq!(journal.claim_auto_checks(None).unwrap().len(), 1);
}
