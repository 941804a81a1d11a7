//! Nothing is lost and nothing is said that is not known, when things go wrong underneath:
//! the journal refuses writes after a send, another process holds a request, stale status
//! answers arrive late, and a send may have reached the service without an answer coming
//! back. Real SQLite files, real HTTP to the sandbox. (A real CLI process stopped past its
//! lease: crates/invalidator-cli/tests/takeover.rs.)

use std::path::Path;
use std::time::Duration;

use crate::common::*;
use cloudimage::{Accepted, Invalidation, Status};
use cloudimage_sandbox::{Fault, SANDBOX_KEY};
use invalidator::journal::{NewBatch, NewRequest};
use invalidator::owner::Owner;
use invalidator::{Engine, Journal, Project, ProjectRef, RequestState, ScopeKind};

fn fault(spec: &str) -> Fault {
    spec.parse().unwrap()
}

fn new_batch(project: &str, scope: ScopeKind, paths: &[&str]) -> NewBatch {
    NewBatch {
        project: ProjectRef {
            id: project.into(),
            name: project.into(),
            api_base: "http://127.0.0.1:9".into(),
        },
        scope,
        requests: vec![NewRequest {
            paths: paths.iter().map(|p| p.to_string()).collect(),
            retry_of: None,
        }],
        origin: "test".into(),
    }
}

fn status(raw: &str, invalidated: &[&str]) -> Invalidation {
    Invalidation {
        uuid: "u-1".into(),
        status: Status::parse(raw),
        scope: Some("original".into()),
        added_at: None,
        invalidated: invalidated.iter().map(|p| p.to_string()).collect(),
        failed: Vec::new(),
    }
}

/// A second connection to the journal file, for what a test does behind the engine's back.
fn sqlite(dir: &Path) -> rusqlite::Connection {
    let conn = rusqlite::Connection::open(invalidator::data_dir::journal_path(dir)).expect("opens");
    conn.busy_timeout(Duration::from_secs(10)).unwrap();
    conn
}

async fn wait_until(what: &str, check: impl Fn() -> bool) {
    let deadline = tokio::time::Instant::now() + PATIENCE;
    while !check() {
        assert!(tokio::time::Instant::now() < deadline, "never: {what}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

fn state_of(dir: &Path, id: i64) -> (String, Option<String>) {
    sqlite(dir)
        .query_row(
            "SELECT state, claim_owner FROM requests WHERE id = ?1",
            [id],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .unwrap()
}

#[test]
fn statuses_only_move_forward() {
    let dir = tempfile::tempdir().unwrap();
    let journal = journal(dir.path());
    let (_, ids) = journal
        .record_batch(&new_batch("p", ScopeKind::Original, &["/a.jpg"]))
        .unwrap();
    let id = ids[0];
    journal.claim_sends("me", &["p".into()], 1, 60_000).unwrap();
    let accepted = Accepted {
        uuid: "u-1".into(),
        status: Status::Received,
        added_at: None,
        message: None,
    };
    assert!(
        journal
            .record_acknowledged(id, Some("me"), &accepted, 0, 10)
            .unwrap()
    );
    // Two pollers (say `watch` and the app) ask about the same uuid; their answers cross.
    assert!(
        journal
            .record_poll(id, &status("FLUSHINGCDNSERVERS", &[]), Some((0, 10)))
            .unwrap()
    );
    assert!(
        !journal
            .record_poll(id, &status("PREPARING", &[]), Some((0, 10)))
            .unwrap(),
        "a step back was taken"
    );
    assert!(
        journal
            .record_poll(id, &status("DONE", &["/a.jpg"]), None)
            .unwrap()
    );
    assert!(
        !journal
            .record_poll(id, &status("FLUSHINGCDNSERVERS", &[]), Some((0, 10)))
            .unwrap(),
        "DONE was undone"
    );
    journal
        .record_poll_end(
            id,
            RequestState::Gone,
            &invalidator::journal::HistoryText::Gone,
        )
        .unwrap();
    let view = journal.request(id).unwrap();
    assert_eq!(view.status.as_deref(), Some("DONE"));
    assert_eq!(view.state, RequestState::Acknowledged);
    assert_eq!(view.condition.code, "done");
    assert_eq!(view.due_at, None, "polling started again");
    assert_eq!(
        history(&view)
            .iter()
            .filter(|h| h.starts_with("acknowledged/"))
            .cloned()
            .collect::<Vec<_>>(),
        [
            "acknowledged/RECEIVED: Acknowledged by the service as u-1".to_owned(),
            "acknowledged/FLUSHINGCDNSERVERS".to_owned(),
            "acknowledged/DONE".to_owned(),
        ]
    );
    // Undocumented values come and go as the service says.
    let (_, ids) = journal
        .record_batch(&new_batch("p", ScopeKind::Original, &["/b.jpg"]))
        .unwrap();
    journal.claim_sends("me", &["p".into()], 1, 60_000).unwrap();
    journal
        .record_acknowledged(ids[0], Some("me"), &accepted_as("u-2"), 0, 10)
        .unwrap();
    assert!(
        journal
            .record_poll(ids[0], &status("AWAITING_REVIEW", &[]), Some((0, 10)))
            .unwrap()
    );
    assert!(
        journal
            .record_poll(ids[0], &status("PREPARING", &[]), Some((0, 10)))
            .unwrap()
    );
}

/// An id's first eight characters may all be digits: that prefix still finds it, and a
/// request number still finds its request.
#[test]
fn an_id_that_starts_with_digits_is_found_by_them() {
    let dir = tempfile::tempdir().unwrap();
    let journal = journal(dir.path());
    let (_, ids) = journal
        .record_batch(&new_batch("p", ScopeKind::Original, &["/a.jpg"]))
        .unwrap();
    journal.claim_sends("me", &["p".into()], 1, 60_000).unwrap();
    journal
        .record_acknowledged(
            ids[0],
            Some("me"),
            &accepted_as("12345678-aaaa-bbbb"),
            0,
            10,
        )
        .unwrap();
    assert_eq!(journal.find("12345678").unwrap().id, ids[0]);
    assert_eq!(journal.find(&ids[0].to_string()).unwrap().id, ids[0]);
    assert_eq!(journal.find("#12345678").unwrap_err().kind(), "notFound");
    assert_eq!(journal.find("87654321").unwrap_err().kind(), "notFound");
}

fn accepted_as(uuid: &str) -> Accepted {
    Accepted {
        uuid: uuid.into(),
        status: Status::Received,
        added_at: None,
        message: None,
    }
}

#[test]
fn only_the_owner_of_a_claim_writes_its_outcome() {
    let dir = tempfile::tempdir().unwrap();
    let journal = journal(dir.path());
    let (_, ids) = journal
        .record_batch(&new_batch("p", ScopeKind::Original, &["/a.jpg"]))
        .unwrap();
    let id = ids[0];
    let claimed = journal.claim_sends("old", &["p".into()], 1, 0).unwrap();
    assert_eq!(claimed.len(), 1);
    // `old` is stopped past its lease; `new` takes the request over and sends it.
    std::thread::sleep(Duration::from_millis(5));
    assert_eq!(journal.requeue_orphans("new", |_| true, 0).unwrap(), 1);
    assert_eq!(
        journal
            .claim_sends("new", &["p".into()], 1, 60_000)
            .unwrap()
            .len(),
        1
    );
    // `old` wakes up with an answer: its setback changes nothing…
    let setback = invalidator::journal::Setback::Rejected {
        kind: "rejected".into(),
        problem: invalidator::Problem::Interrupted,
    };
    assert!(!journal.record_setback(id, "old", "p", &setback).unwrap());
    assert_eq!(
        state_of(dir.path(), id),
        ("sending".into(), Some("new".into()))
    );
    // …nor does its acknowledgement, whose uuid stays in the history.
    assert!(
        !journal
            .record_acknowledged(id, Some("old"), &accepted_as("u-old"), 0, 10)
            .unwrap()
    );
    assert_eq!(
        state_of(dir.path(), id),
        ("sending".into(), Some("new".into()))
    );
    assert!(
        journal
            .record_acknowledged(id, Some("new"), &accepted_as("u-new"), 0, 10)
            .unwrap()
    );
    let view = journal.request(id).unwrap();
    assert_eq!(view.uuid.as_deref(), Some("u-new"));
    assert!(
        history(&view).iter().any(|h| h
            .contains("A late answer to an earlier send: the service acknowledged it as u-old")),
        "{:?}",
        history(&view)
    );
}

/// A trigger that makes SQLite refuse `update` on requests, as a full disk would.
fn refuse_writes(dir: &Path, name: &str, when: &str) {
    sqlite(dir)
        .execute_batch(&format!(
            "CREATE TRIGGER {name} BEFORE UPDATE ON requests WHEN {when}
             BEGIN SELECT RAISE(ABORT, 'injected write failure'); END;"
        ))
        .unwrap();
}

fn allow_writes(dir: &Path, name: &str) {
    sqlite(dir)
        .execute_batch(&format!("DROP TRIGGER {name};"))
        .unwrap();
}

fn unrecorded_files(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir.join("unrecorded"))
        .map(|d| {
            d.flatten()
                .map(|f| std::fs::read_to_string(f.path()).unwrap())
                .collect()
        })
        .unwrap_or_default()
}

/// Sends `/a.jpg` and `/b.jpg` one at a time, and makes the journal refuse the first
/// acknowledgement. Returns the engine, the project and the two request ids, once the engine
/// has given up writing and said so.
async fn acknowledgement_refused(dir: &Path, base: &str) -> (Engine, Project, Vec<i64>) {
    let mut project = project("p", base);
    project.batch_size = 1;
    let mut config = fast_config();
    config.max_in_flight = 1;
    let engine = engine(dir, &project, SANDBOX_KEY, config);
    refuse_writes(dir, "no_ack", "NEW.state = 'acknowledged'");
    let ids = submit(&engine, &project, "/a.jpg\n/b.jpg").await;
    wait_until("the engine reports the journal", || {
        held_up(&engine).is_some()
    })
    .await;
    (engine, project, ids)
}

#[tokio::test]
async fn an_acknowledgement_the_journal_refuses_is_kept_and_written_when_it_can() {
    let dir = tempfile::tempdir().unwrap();
    let sandbox = sandbox(&dir.path().join("service"), Duration::from_millis(50)).await;
    let (engine, _, ids) = acknowledgement_refused(dir.path(), &sandbox.base_url()).await;
    let uuid = sandbox.jobs()[0].uuid.clone();
    let problem = held_up(&engine).unwrap();
    assert!(problem.contains("cannot be written"), "{problem}");
    assert!(problem.contains(&uuid), "{problem}");
    assert!(problem.contains("Sending is paused"), "{problem}");
    // The uuid is on disk; the request is not "sending" forever nor sent again; the rest waits.
    assert!(unrecorded_files(dir.path()).concat().contains(&uuid));
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(
        sandbox.jobs().len(),
        1,
        "sent while the journal refused writes"
    );
    // The next request waits: queued, or claimed ahead by this process but not sent.
    let (state, _) = state_of(dir.path(), ids[1]);
    assert!(state == "queued" || state == "sending", "{state}");
    assert_eq!(sandbox.counters().submits, 1, "a second send went out");

    allow_writes(dir.path(), "no_ack");
    let first = wait_code(engine.journal(), ids[0], "done").await;
    assert_eq!(first.uuid.as_deref(), Some(uuid.as_str()));
    wait_code(engine.journal(), ids[1], "done").await;
    assert_eq!(held_up(&engine), None);
    assert!(
        unrecorded_files(dir.path()).is_empty(),
        "the kept copy stays"
    );
    assert_eq!(sandbox.jobs().len(), 2, "a request was sent twice");
    engine.shutdown().await;
}

#[tokio::test]
async fn what_a_stopped_process_could_not_write_is_recorded_by_the_next_one() {
    let dir = tempfile::tempdir().unwrap();
    let sandbox = sandbox(&dir.path().join("service"), Duration::from_millis(50)).await;
    let (engine, project, ids) = acknowledgement_refused(dir.path(), &sandbox.base_url()).await;
    let uuid = sandbox.jobs()[0].uuid.clone();
    // The process stops with the request still claimed and its answer only in the file.
    engine.shutdown().await;
    drop(engine);
    assert_eq!(state_of(dir.path(), ids[0]).0, "sending");
    allow_writes(dir.path(), "no_ack");

    let next = crate::common::engine(dir.path(), &project, SANDBOX_KEY, fast_config());
    let first = wait_code(next.journal(), ids[0], "done").await;
    assert_eq!(first.uuid.as_deref(), Some(uuid.as_str()));
    assert!(
        history(&first)
            .iter()
            .any(|h| h.contains("recorded late: the journal could not be written at the time")),
        "{:?}",
        history(&first)
    );
    wait_code(next.journal(), ids[1], "done").await;
    assert_eq!(
        sandbox.jobs().len(),
        2,
        "the acknowledged request was sent again"
    );
    assert!(unrecorded_files(dir.path()).is_empty());
    next.shutdown().await;
}

#[tokio::test]
async fn a_status_the_journal_refuses_is_asked_again_later_not_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let sandbox = sandbox(&dir.path().join("service"), Duration::from_secs(3600)).await;
    let project = project("p", &sandbox.base_url());
    let engine = sandbox_engine(dir.path(), &project);
    let id = submit(&engine, &project, "/a.jpg").await[0];
    wait_code(engine.journal(), id, "received").await;
    refuse_writes(dir.path(), "no_poll", "OLD.state = 'acknowledged'");
    let before = sandbox.counters().statuses;
    tokio::time::sleep(Duration::from_secs(2)).await;
    let asked = sandbox.counters().statuses - before;
    // Polled every 30-120 ms, a loop would ask dozens of times; backing off from a 50 ms tick,
    // doubling, asks a handful.
    assert!((1..=8).contains(&asked), "asked {asked} times in 2 s");
    let problem = held_up(&engine).unwrap_or_default();
    assert!(
        problem.contains("statuses from the service cannot be recorded"),
        "{problem}"
    );
    allow_writes(dir.path(), "no_poll");
    wait_until("the problem clears", || held_up(&engine).is_none()).await;
    engine.shutdown().await;
}

#[tokio::test]
async fn a_send_that_may_have_arrived_is_never_called_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let sandbox = sandbox(&dir.path().join("service"), Duration::ZERO).await;
    let project = project("p", &sandbox.base_url());
    let owner = Owner::register(dir.path()).unwrap();
    let engine = Engine::start(journal(dir.path()), owner, fast_config());
    engine.set_endpoint(
        &project.id,
        client(&project.api_base, SANDBOX_KEY, Duration::from_millis(300)),
    );

    // Paths: every attempt times out; the attempts run out; it may have been received.
    sandbox.inject(fault("delay:1000@submit*4"));
    let id = submit(&engine, &project, "/slow.jpg").await[0];
    let view = wait_code(engine.journal(), id, "maybe-received").await;
    assert_eq!(label(&view.condition), "May have been received");
    assert!(view.condition.retryable);
    assert!(!detail(&view.condition).contains("Nothing was invalidated"));
    assert!(
        detail(&view.condition).contains("may have received it"),
        "{}",
        detail(&view.condition)
    );

    // The whole cache: one attempt, never sent again by itself.
    sandbox.inject(fault("reset@submit"));
    let batch = invalidator::submission::Plan::new(&project, ScopeKind::All, "")
        .into_batch(&project, "test")
        .unwrap();
    let submits_before = sandbox.counters().submits;
    let (_, ids) = engine.submit(batch).await.unwrap();
    let view = wait_code(engine.journal(), ids[0], "maybe-received").await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(sandbox.counters().submits - submits_before, 1, "sent again");
    assert_eq!(view.attempts, 1);
    assert!(
        detail(&view.condition).contains("not sent again by itself"),
        "{}",
        detail(&view.condition)
    );
    let filtered = engine
        .journal()
        .log(&invalidator::journal::LogFilter {
            status: Some("maybe-received".parse().unwrap()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(filtered.batches.len(), 2);

    // Plain failures that never reached the service still say so.
    sandbox.inject(fault("503@submit*4"));
    let id = submit(&engine, &project, "/down.jpg").await[0];
    let view = wait_code(engine.journal(), id, "send-failed").await;
    assert!(detail(&view.condition).contains("Nothing was invalidated"));
    engine.shutdown().await;
}

#[test]
fn a_whole_cache_flush_cut_off_by_a_dead_process_is_not_sent_again() {
    let dir = tempfile::tempdir().unwrap();
    let journal: Journal = journal(dir.path());
    let (_, all) = journal
        .record_batch(&new_batch("p", ScopeKind::All, &[]))
        .unwrap();
    let (_, paths) = journal
        .record_batch(&new_batch("p", ScopeKind::Original, &["/a.jpg"]))
        .unwrap();
    assert_eq!(
        journal
            .claim_sends("dead", &["p".into()], 2, 60_000)
            .unwrap()
            .len(),
        2
    );
    assert_eq!(journal.requeue_orphans("me", |_| false, 60_000).unwrap(), 2);
    let all = journal.request(all[0]).unwrap();
    assert_eq!(all.condition.code, "maybe-received");
    assert!(
        detail(&all.condition).contains("flushing the whole cache"),
        "{}",
        detail(&all.condition)
    );
    assert_eq!(journal.request(paths[0]).unwrap().condition.code, "queued");
}

/// What holds the engine up, in English as its log says it; `None` when nothing does.
fn held_up(engine: &invalidator::Engine) -> Option<String> {
    let holdups = engine.holdups();
    (!holdups.is_empty()).then(|| {
        holdups
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(" ")
    })
}
