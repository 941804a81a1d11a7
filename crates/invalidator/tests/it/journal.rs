//! The journal on real SQLite files: migrations, claims from several connections, orphaned
//! claims, and "recorded before sent".

use std::collections::HashSet;
use std::time::Duration;

use crate::common::*;
use invalidator::journal::{NewBatch, NewRequest};
use invalidator::owner::Owner;
use invalidator::{Journal, ProjectRef, RequestState, ScopeKind};

pub(crate) fn batch(project: &str, requests: usize) -> NewBatch {
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
    assert_eq!(version, 7);
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
        assert_eq!(label(&view.condition), "Queued");
        assert!(detail(&view.condition).contains("stopped before the answer came"));
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

/// The journal's stored code (SQL, schema migration 3) and `ConditionCode::of` (Rust) say the
/// same of every state and status, and each `--status` filter finds exactly its codes.
#[test]
fn codes_agree_with_the_journal() {
    use invalidator::condition::{ConditionCode, Facts, StatusFilter};
    let dir = tempfile::tempdir().unwrap();
    let journal = Journal::open(&dir.path().join("j.sqlite3")).unwrap();
    journal.record_batch(&batch("p", 1)).unwrap();
    let conn = rusqlite::Connection::open(dir.path().join("j.sqlite3")).unwrap();
    let states = [
        "queued",
        "sending",
        "retrying",
        "send_failed",
        "rejected",
        "acknowledged",
        "gone",
        "stalled",
        "from_a_newer_version",
    ];
    let statuses: [Option<&str>; 14] = [
        None,
        Some(""),
        Some("RECEIVED"),
        Some("PREPARING"),
        Some("FLUSHINGCLOUDIMAGESERVER"),
        Some("FLUSHINGCDNSERVERS"),
        Some("DONE"),
        Some("ERROR"),
        Some("ERROR_CDN_NODE"),
        Some(" done\t\n"),
        Some("Error_Cdn_Node"),
        Some("DONE\u{A0}"),
        Some("AWAITING_REVIEW"),
        Some("DÖNE"),
    ];
    let mut expected: Vec<(i64, ConditionCode)> = Vec::new();
    let mut seq = 100;
    for state in states {
        for status in statuses {
            for failed in [0usize, 2] {
                for maybe_sent in [false, true] {
                    seq += 1;
                    conn.execute(
                        "INSERT INTO requests (batch_id, seq, state, status, failed_count,
                                               maybe_sent, path_count, updated_at)
                         VALUES (1, ?1, ?2, ?3, ?4, ?5, 1, 0)",
                        rusqlite::params![seq, state, status, failed as i64, maybe_sent],
                    )
                    .unwrap();
                    let id = conn.last_insert_rowid();
                    let stored: String = conn
                        .query_row("SELECT code FROM requests WHERE id = ?1", [id], |r| {
                            r.get(0)
                        })
                        .unwrap();
                    let facts = Facts {
                        state: RequestState::parse(state).unwrap_or(RequestState::Queued),
                        status,
                        failed_count: failed,
                        path_count: 1,
                        attempts: 0,
                        due_at: None,
                        error_kind: None,
                        error: None,
                        updated_at: chrono::Utc::now(),
                        maybe_sent,
                        whole_cache: false,
                    };
                    let code = ConditionCode::of(&facts);
                    assert_eq!(
                        stored,
                        code.as_str(),
                        "state {state}, status {status:?}, failed {failed}, maybe {maybe_sent}"
                    );
                    expected.push((id, code));
                }
            }
        }
    }
    // The codes' order is one: the journal sorts ties by `Ord`, the window by `ALL` (through
    // the vocabulary).
    assert!(
        ConditionCode::ALL.windows(2).all(|w| w[0] < w[1]),
        "ConditionCode::ALL is in the order of the enum"
    );
    // Every code occurs, and every filter finds exactly the requests of its codes.
    for code in ConditionCode::ALL {
        assert!(
            expected.iter().any(|(_, c)| *c == code),
            "{code} never occurs"
        );
    }
    for (name, filter) in StatusFilter::ALL {
        let page = journal
            .log(&invalidator::journal::LogFilter {
                status: Some(filter),
                requests_per_batch: 0,
                ..Default::default()
            })
            .unwrap();
        let mut found: Vec<i64> = page
            .batches
            .iter()
            .flat_map(|b| b.requests.iter().map(|r| r.id))
            .filter(|id| *id > 1)
            .collect();
        found.sort();
        let wanted: Vec<i64> = expected
            .iter()
            .filter(|(_, c)| filter.codes().contains(c))
            .map(|(id, _)| *id)
            .collect();
        assert_eq!(found, wanted, "--status {name}");
        for batch in &page.batches {
            for request in &batch.requests {
                assert!(filter.codes().contains(&request.condition.code), "{name}");
            }
        }
    }
}

/// Takes a journal back from schema 7 to 5: the tests of older journals go further back.
pub(crate) const UNDO_6: &str = "ALTER TABLE events DROP COLUMN said;
    ALTER TABLE requests DROP COLUMN error_said; ALTER TABLE checks DROP COLUMN reason_said;
    DROP INDEX batches_unannounced; DROP INDEX requests_check_unclaimed;
    ALTER TABLE batches DROP COLUMN announced_at; ALTER TABLE requests DROP COLUMN auto_check_at;";

/// A journal written before the stored code and the search index (schema 2) gains both, and
/// its old paths are found.
#[test]
fn an_older_journal_gains_its_codes_and_search_index() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("j.sqlite3");
    let journal = Journal::open(&path).unwrap();
    journal.record_batch(&batch("old", 3)).unwrap();
    drop(journal);
    // Back to schema 2, data and all.
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch(&format!(
        "{UNDO_6} DROP INDEX requests_code; DROP INDEX requests_batch_code;
         ALTER TABLE requests DROP COLUMN code; DROP TABLE path_search; DROP TABLE checks;
         PRAGMA user_version = 2;"
    ))
    .unwrap();
    drop(conn);
    let journal = Journal::open(&path).unwrap();
    let found = journal
        .log(&invalidator::journal::LogFilter {
            text: Some("old/1.j".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(found.batches.len(), 1);
    assert_eq!(found.batches[0].requests.len(), 1);
    assert_eq!(found.batches[0].requests[0].paths[0].path, "/old/1.jpg");
    let queued = journal
        .log(&invalidator::journal::LogFilter {
            status: Some(invalidator::StatusFilter::Queued),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(queued.batches[0].request_count, 3);
}

/// What a version before messages wrote (schema 6: English only) is read as it was written,
/// and what is written from then on is a message, with its English beside it.
#[test]
fn english_an_older_version_wrote_is_shown_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("j.sqlite3");
    let journal = Journal::open(&path).unwrap();
    let (_, ids) = journal.record_batch(&batch("old", 1)).unwrap();
    drop(journal);
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch(&format!(
        "ALTER TABLE events DROP COLUMN said; ALTER TABLE requests DROP COLUMN error_said;
         ALTER TABLE checks DROP COLUMN reason_said; PRAGMA user_version = 6;
         UPDATE requests SET state = 'send_failed', error_kind = 'server',
             error_message = 'the service failed (503): down' WHERE id = {};",
        ids[0]
    ))
    .unwrap();
    drop(conn);
    let journal = Journal::open(&path).unwrap();
    let view = journal.request(ids[0]).unwrap();
    let recorded = |text: &str| invalidator::Said::recorded(text);
    let history = view.history.unwrap();
    assert_eq!(
        history[0].said,
        Some(recorded("Recorded; waiting to be sent"))
    );
    let error = view.error.unwrap();
    assert_eq!(error.said, recorded("the service failed (503): down"));
    // The condition says the old text inside its own sentence.
    let said = serde_json::to_value(&view.condition.text).unwrap();
    assert_eq!(
        said["args"]["error"]["args"]["text"],
        "the service failed (503): down"
    );

    // Written now: a message, and the same in English for the exports.
    let (_, ids) = journal.record_batch(&batch("new", 1)).unwrap();
    let history = journal.request(ids[0]).unwrap().history.unwrap();
    assert_eq!(history[0].said.as_ref().unwrap().id, "history-recorded");
    assert_eq!(
        history[0].detail.as_deref(),
        Some("Recorded; waiting to be sent")
    );
}

#[test]
fn paths_an_older_version_took_from_an_answer_are_dropped_on_open() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("j.sqlite3");
    let journal = Journal::open(&path).unwrap();
    let (_, ids) = journal.record_batch(&batch("a", 1)).unwrap();
    let id = ids[0];
    drop(journal);
    // What version 4 wrote for a DONE answer naming `/*` and a stranger beside the request's
    // own path.
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch(&format!(
        "{UNDO_6} UPDATE requests SET state = 'acknowledged', uuid = 'u-1', status = 'DONE',
                failed_count = 3 WHERE id = {id};
         UPDATE paths SET result = 'failed' WHERE request_id = {id};
         INSERT INTO paths (request_id, idx, path, result) VALUES ({id}, 1, '/*', 'failed'),
                ({id}, 2, '/never/sent.jpg', 'failed');
         DELETE FROM path_search WHERE rowid = {id};
         INSERT INTO path_search (rowid, paths)
                VALUES ({id}, '/a/0.jpg' || char(10) || '/*' || char(10) || '/never/sent.jpg');
         PRAGMA user_version = 4;"
    ))
    .unwrap();
    drop(conn);

    let journal = Journal::open(&path).unwrap();
    let view = journal.request_whole(id).unwrap();
    assert_eq!(
        path_results(&view),
        vec![("/a/0.jpg".into(), "failed".into())]
    );
    assert_eq!((view.failed_count, view.path_count), (1, 1));
    assert_eq!(view.condition.code, "done-with-failures");
    let said = history(&view).join("\n");
    assert!(
        said.contains("also named 2 path(s) this request did not send"),
        "{said}"
    );
    let retry = invalidator::retry::retry_batch(&view, 10, "test").unwrap();
    assert_eq!(retry.requests[0].paths, vec!["/a/0.jpg"]);
    let search = |text: &str| {
        let filter = invalidator::journal::LogFilter {
            text: Some(text.into()),
            ..Default::default()
        };
        journal.log(&filter).unwrap().batches.len()
    };
    assert_eq!((search("0.jpg"), search("never/sent")), (1, 0));
}
