//! A hostile API base, over real HTTP and a real journal: what its answers say is data to show,
//! never a path to send, a host to ask or a reason to grow without bound.

use std::time::Duration;

use invalidator::journal::LogFilter;
use invalidator::{ScopeKind, export};
use serde_json::{Value, json};

use crate::common::hostile::{HostileApi, hostile_api};
use crate::common::*;

const KEY: &str = "hostile_test_key_0123456789abcd";

/// Project `p1` on the hostile API, and an engine holding its key.
fn engine_on(
    dir: &std::path::Path,
    api: &HostileApi,
) -> (invalidator::Project, invalidator::Engine) {
    let project = project("p1", &api.base);
    let engine = engine(dir, &project, KEY, fast_config());
    (project, engine)
}

fn done_naming(invalidated: Value, failed: Value) -> impl Fn(usize, &str) -> Value {
    move |_, _| {
        json!({"status": "DONE", "uuid": "u-1", "scope": "original",
               "urls": {"invalidated": invalidated, "failed": failed}})
    }
}

#[tokio::test]
async fn paths_the_service_names_but_the_request_never_sent_are_not_its_paths() {
    let dir = tempfile::tempdir().unwrap();
    let api = hostile_api(
        |n| format!("u-{n}").into(),
        Value::Null,
        done_naming(json!([]), json!(["/*", "/never/sent.jpg", "/a.jpg"])),
    )
    .await;
    let (project, engine) = engine_on(dir.path(), &api);
    let id = submit(&engine, &project, "/a.jpg\n/b.jpg").await[0];
    let view = wait_code(engine.journal(), id, "done-with-failures").await;
    assert_eq!(
        path_results(&view),
        vec![
            ("/a.jpg".to_owned(), "failed".to_owned()),
            ("/b.jpg".to_owned(), "invalidated".to_owned())
        ]
    );
    assert_eq!(
        (view.failed_count, view.path_count),
        (1, 2),
        "1 of 2, never 3 of 2"
    );
    let whole = engine.journal().request_whole(id).unwrap();
    assert_eq!(whole.paths.len(), 2);
    let said = history(&whole).join("\n");
    assert!(
        said.contains("also named 2 paths this request did not send (`/*`, `/never/sent.jpg`)"),
        "{said}"
    );
    // The log's search finds a request by its own paths, not by what the service named.
    let found = |text: &str| {
        let filter = LogFilter {
            text: Some(text.to_owned()),
            ..LogFilter::default()
        };
        engine.journal().log(&filter).unwrap().batches.len()
    };
    assert_eq!((found("/a.jpg"), found("never/sent")), (1, 0));

    // Retry sends what the request sent and failed: no wildcard, no stranger.
    let (_, retried) = engine.retry(id, 10, "test").await.unwrap();
    wait_for(engine.journal(), retried[0], "acknowledged", |v| {
        v.uuid.is_some()
    })
    .await;
    assert_eq!(
        api.submitted(),
        vec![
            json!({"scope": "original", "urls": ["/a.jpg", "/b.jpg"]}),
            json!({"scope": "original", "urls": ["/a.jpg"]})
        ]
    );
    engine.shutdown().await;
}

#[tokio::test]
async fn a_check_asks_only_the_sent_paths_and_only_the_delivery_host() {
    let dir = tempfile::tempdir().unwrap();
    let (elsewhere, seen_elsewhere) = recording_server(200, &[], "").await;
    let (delivery, seen_delivery) =
        recording_server(200, &[("age", "0"), ("x-cache", "MISS")], "").await;
    let host_port = elsewhere.trim_start_matches("http://").to_owned();
    let api = hostile_api(
        |n| format!("u-{n}").into(),
        Value::Null,
        // Named as failed, the way an older version took them for the request's own paths.
        done_naming(
            json!(["/a.jpg"]),
            json!([format!("@{host_port}/internal"), format!("//{host_port}/x")]),
        ),
    )
    .await;
    let (project, engine) = engine_on(dir.path(), &api);
    let id = submit(&engine, &project, "/a.jpg").await[0];
    wait_code(engine.journal(), id, "done").await;
    let checks = invalidator::cdn_check::check_request(
        engine.journal(),
        id,
        &format!("{delivery}/cdn"),
        &invalidator::cdn_check::client(),
    )
    .await
    .unwrap();
    assert_eq!(checks.len(), 1, "{checks:#?}");
    assert_eq!(checks[0].url, format!("{delivery}/cdn/a.jpg"));
    let asked: Vec<String> = seen_delivery
        .lock()
        .unwrap()
        .iter()
        .map(|r| r.1.clone())
        .collect();
    assert_eq!(asked, vec!["/cdn/a.jpg"]);
    assert!(
        seen_elsewhere.lock().unwrap().is_empty(),
        "no other host was asked"
    );
    engine.shutdown().await;
}

#[tokio::test]
async fn an_id_that_is_not_an_id_is_never_polled() {
    for uuid in [
        "..",
        ".",
        "u-1\n2026-12-01T00:00:00Z INFO fake line",
        "a/../../x",
    ] {
        let dir = tempfile::tempdir().unwrap();
        let api = hostile_api(
            move |_| uuid.into(),
            Value::Null,
            done_naming(json!([]), json!([])),
        )
        .await;
        let project = project("p1", &api.base);
        let engine = engine(dir.path(), &project, KEY, fast_config());
        let id = submit(&engine, &project, "/a.jpg").await[0];
        let view = wait_for(engine.journal(), id, "given up", |v| v.condition.finished).await;
        // An unreadable answer to a send may have been acted on: "maybe received".
        assert_eq!(view.condition.code, "maybe-received", "{uuid:?}");
        assert_eq!(view.uuid, None);
        let error = view.error.unwrap();
        assert_eq!(error.kind, "badAnswer");
        assert!(
            error.message.contains("is not an invalidation id"),
            "{}",
            error.message
        );
        assert!(!error.message.contains('\n'), "{:?}", error.message);
        assert!(api.asked().is_empty(), "{uuid:?}: polled {:?}", api.asked());
        engine.shutdown().await;
    }
}

#[tokio::test]
async fn a_huge_status_changing_on_every_poll_grows_the_journal_by_a_bound() {
    let dir = tempfile::tempdir().unwrap();
    let huge = "S".repeat(128 * 1024);
    let api = hostile_api(
        |_| "u-1".into(),
        huge.clone().into(),
        move |n, _| json!({"status": format!("{n}{huge}"), "uuid": "u-1", "scope": huge}),
    )
    .await;
    let (project, engine) = engine_on(dir.path(), &api);
    let id = submit(&engine, &project, "/a.jpg").await[0];
    let deadline = tokio::time::Instant::now() + PATIENCE;
    while api.asked().len() < 60 {
        assert!(
            tokio::time::Instant::now() < deadline,
            "polled {}",
            api.asked().len()
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    engine.shutdown().await;
    let view = engine.journal().request_whole(id).unwrap();
    let status = view.status.unwrap();
    assert!(status.ends_with("more characters)"), "{}", &status[..40]);
    assert!(status.chars().count() < 350, "{}", status.len());
    let history = view.history.unwrap();
    let told = history.iter().filter(|h| h.status.is_some()).count();
    assert!(
        told <= invalidator::journal::MAX_STATUS_EVENTS + 1,
        "{told} status events"
    );
    assert!(
        history.iter().any(|h| h
            .detail
            .as_deref()
            .is_some_and(|d| d.contains("later changes show on the request"))),
        "the history says it stopped"
    );
    drop(engine);
    // What the journal holds, its write-ahead log folded in.
    let file = invalidator::data_dir::journal_path(dir.path());
    let conn = rusqlite::Connection::open(&file).unwrap();
    conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
        .unwrap();
    drop(conn);
    let bytes = std::fs::metadata(&file).unwrap().len();
    // 60 statuses of 128 KiB each: 7.5 MiB if they were kept.
    assert!(bytes < 256 * 1024, "the journal holds {bytes} bytes");
}

#[tokio::test]
async fn a_key_echoed_in_any_field_reaches_no_journal_row() {
    let dir = tempfile::tempdir().unwrap();
    let api = hostile_api(
        |_| "u-1".into(),
        format!("thanks {KEY}").into(),
        |n, key| {
            let status = if n < 2 {
                format!("WORKING_{key}")
            } else {
                "DONE".to_owned()
            };
            json!({"status": status, "uuid": "u-1", "scope": key,
               "urls": {"invalidated": [format!("/{key}")], "failed": ["/a.jpg", key]}})
        },
    )
    .await;
    let (project, engine) = engine_on(dir.path(), &api);
    let id = submit(&engine, &project, "/a.jpg").await[0];
    let view = wait_code(engine.journal(), id, "done-with-failures").await;
    engine.shutdown().await;
    assert!(api.asked().len() >= 3);
    assert!(!format!("{view:?}").contains(KEY));
    let mut out = Vec::new();
    export::write_log(
        engine.journal(),
        &LogFilter::default(),
        0,
        export::Format::Json,
        invalidator_testkit::ENGLISH,
        &mut out,
    )
    .unwrap();
    export::write_log(
        engine.journal(),
        &LogFilter::default(),
        0,
        export::Format::Csv,
        invalidator_testkit::ENGLISH,
        &mut out,
    )
    .unwrap();
    assert!(!String::from_utf8_lossy(&out).contains(KEY));
    drop(engine);
    for entry in std::fs::read_dir(dir.path()).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            let bytes = std::fs::read(&path).unwrap();
            assert!(
                !bytes.windows(KEY.len()).any(|w| w == KEY.as_bytes()),
                "{} holds the key",
                path.display()
            );
        }
    }
}

#[tokio::test]
async fn csv_cells_from_outside_never_start_a_formula() {
    let dir = tempfile::tempdir().unwrap();
    let api = hostile_api(
        |_| "u-1".into(),
        "=HYPERLINK(\"http://x\")".into(),
        |_, _| json!({"status": "=2+3", "uuid": "u-1", "scope": "@SUM(A1)"}),
    )
    .await;
    let mut project = project("p1", &api.base);
    project.name = "-Acme\u{1b}[2J".to_owned();
    let engine = engine(dir.path(), &project, KEY, fast_config());
    let id = submit(&engine, &project, "/a.jpg").await[0];
    wait_for(engine.journal(), id, "polled", |v| {
        v.status.as_deref() == Some("=2+3")
    })
    .await;
    engine.shutdown().await;
    let mut out = Vec::new();
    export::write_log(
        engine.journal(),
        &LogFilter::default(),
        0,
        export::Format::Csv,
        invalidator_testkit::ENGLISH,
        &mut out,
    )
    .unwrap();
    let mut reader = csv::Reader::from_reader(out.as_slice());
    let row = reader.records().next().unwrap().unwrap();
    for cell in row.iter() {
        assert!(
            !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
            "{cell:?}"
        );
        assert!(!cell.contains('\u{1b}'), "{cell:?}");
    }
    assert_eq!(&row[3], "'-Acme<U+001B>[2J");
    assert_eq!(&row[8], "'=2+3");
    assert_eq!(ScopeKind::parse(&row[5]), ScopeKind::Original);
}

#[tokio::test]
async fn an_id_given_twice_follows_only_the_first_request() {
    let dir = tempfile::tempdir().unwrap();
    let api = hostile_api(
        |_| "u-1".into(),
        Value::Null,
        done_naming(json!([]), json!([])),
    )
    .await;
    let (project, engine) = engine_on(dir.path(), &api);
    let first = submit(&engine, &project, "/a.jpg").await[0];
    wait_code(engine.journal(), first, "done").await;
    let second = submit(&engine, &project, "/b.jpg").await[0];
    let view = wait_code(engine.journal(), second, "maybe-received").await;
    assert_eq!(view.uuid, None);
    let error = view.error.unwrap();
    assert!(
        error.message.contains("the id it already gave request #1"),
        "{}",
        error.message
    );
    // Sending goes on: a third request with a fresh id is not held up behind it.
    assert!(engine.holdups().is_empty(), "{:?}", engine.holdups());
    engine.shutdown().await;
}
