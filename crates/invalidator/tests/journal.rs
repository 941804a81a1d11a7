//! The journal on real SQLite files: migrations, claims from several connections, orphaned
//! claims, and "recorded before sent".

mod common;

use std::collections::HashSet;
use std::time::Duration;

use common::*;
use invalidator::journal::{NewBatch, NewRequest};
use invalidator::owner::Owner;
use invalidator::{Journal, ProjectRef, RequestState, ScopeKind};

fn batch(project: &str, requests: usize) -> NewBatch {
    NewBatch {
        project: ProjectRef {
            id: project.into(),
            name: project.into(),
            api_base: "http://127.0.0.1:9".into(),
        },
        scope: ScopeKind::Original,
        requests: (0..requests)
            .map(|i| NewRequest {
                paths: vec![format!("/{project}/{i}.jpg")],
                retry_of: None,
            })
            .collect(),
        origin: "test".into(),
    }
}

#[test]
fn opening_twice_migrates_once_and_a_newer_schema_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("j.sqlite3");
    let journal = Journal::open(&path).unwrap();
    journal.record_batch(&batch("a", 2)).unwrap();
    drop(journal);
    let journal = Journal::open(&path).unwrap();
    assert_eq!(journal.unfinished(None).unwrap().len(), 2, "data kept");
    drop(journal);
    let conn = rusqlite::Connection::open(&path).unwrap();
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, 2);
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    conn.pragma_update(None, "user_version", 99).unwrap();
    drop(conn);
    let err = Journal::open(&path).unwrap_err();
    assert!(
        err.to_string().contains("newer version of Invalidator"),
        "{err}"
    );
}

#[test]
fn claims_from_two_connections_never_overlap() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("j.sqlite3");
    let setup = Journal::open(&path).unwrap();
    for _ in 0..4 {
        setup.record_batch(&batch("a", 50)).unwrap();
    }
    let threads: Vec<_> = (0..2)
        .map(|n| {
            let path = path.clone();
            std::thread::spawn(move || {
                let journal = Journal::open(&path).unwrap();
                let mut mine = Vec::new();
                loop {
                    let claimed = journal
                        .claim_sends(&format!("owner-{n}"), &["a".into()], 3, 60_000)
                        .unwrap();
                    if claimed.is_empty() {
                        return mine;
                    }
                    mine.extend(claimed.into_iter().map(|c| c.id));
                }
            })
        })
        .collect();
    let claims: Vec<Vec<i64>> = threads.into_iter().map(|t| t.join().unwrap()).collect();
    let first: HashSet<i64> = claims[0].iter().copied().collect();
    let second: HashSet<i64> = claims[1].iter().copied().collect();
    assert!(first.is_disjoint(&second), "a request was claimed twice");
    assert_eq!(first.len() + second.len(), 200);
    assert_eq!(claims[0].len() + claims[1].len(), 200);
}

#[test]
fn claims_of_a_dead_owner_are_requeued_and_live_ones_are_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let journal = Journal::open(&dir.path().join("j.sqlite3")).unwrap();
    journal.record_batch(&batch("a", 4)).unwrap();
    let me = Owner::register(dir.path()).unwrap();
    let alive = Owner::register(dir.path()).unwrap();
    let dead = Owner::register(dir.path()).unwrap();
    let dead_id = dead.id().to_owned();
    let projects = vec!["a".to_owned()];
    let by_alive = journal
        .claim_sends(alive.id(), &projects, 2, 60_000)
        .unwrap();
    let by_dead = journal.claim_sends(&dead_id, &projects, 2, 60_000).unwrap();
    drop(dead);

    let requeued = journal
        .requeue_orphans(me.id(), |o| me.is_alive(o), 60_000)
        .unwrap();
    assert_eq!(requeued, 2);
    for claimed in &by_dead {
        let view = journal.request(claimed.id).unwrap();
        assert_eq!(view.state, RequestState::Queued);
        assert_eq!(view.condition.label, "Queued");
        assert!(
            view.condition
                .detail
                .contains("stopped before the answer came")
        );
    }
    for claimed in &by_alive {
        assert_eq!(
            journal.request(claimed.id).unwrap().state,
            RequestState::Sending
        );
    }
    // A claim held far past its lease is taken over even if its owner still runs.
    let stale = journal
        .requeue_orphans(me.id(), |o| me.is_alive(o), -120_000)
        .unwrap();
    assert_eq!(stale, 2);
}

#[tokio::test]
async fn a_request_is_in_the_journal_before_the_service_sees_it() {
    let dir = tempfile::tempdir().unwrap();
    let sandbox = sandbox(dir.path(), Duration::ZERO).await;
    // Long enough for the journal to be read while the service holds the request.
    sandbox.inject("delay:3000@submit".parse().unwrap());
    let project = project("p1", &sandbox.base_url());
    let engine = sandbox_engine(dir.path(), &project);
    let id = submit(&engine, &project, "/a.jpg\n/b.jpg").await[0];
    // While the service holds the request, the journal already says it is being sent, with
    // its paths and history.
    let view = wait_for(engine.journal(), id, "sending", |v| {
        v.state == RequestState::Sending
    })
    .await;
    assert_eq!(sandbox.jobs().len(), 0);
    assert_eq!(view.path_count, 2);
    assert_eq!(
        history(&view),
        [
            "queued: Recorded; waiting to be sent",
            "sending: Sending (attempt 1)"
        ]
    );
    wait_code(engine.journal(), id, "done").await;
    engine.shutdown().await;
}

#[tokio::test]
async fn another_process_sees_changes_through_data_version() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("j.sqlite3");
    let reader = Journal::open(&path).unwrap();
    let writer = Journal::open(&path).unwrap();
    let before = reader.data_version().unwrap();
    assert_eq!(
        reader.data_version().unwrap(),
        before,
        "steady without writes"
    );
    writer.record_batch(&batch("a", 1)).unwrap();
    assert_ne!(reader.data_version().unwrap(), before);
}
