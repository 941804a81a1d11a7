//! "Is the new file really what people see now?": done invalidations are checked at the
//! project's delivery URLs, against the sandbox's CDN and against servers of the test's own.
//! The key never goes there.

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use axum::http::Method;
use cloudimage::ApiKey;
use cloudimage_sandbox::SANDBOX_KEY;
use invalidator::cdn_check::{Check, Verdict};
use invalidator::secrets::MemoryStore;
use invalidator::{ScopeKind, export};
use invalidator_desktop::pump::{self, UpdateConfig};
use invalidator_desktop::{Desktop, DesktopConfig, ProjectDraft};

async fn start(dir: &Path) -> Desktop {
    let mut config = DesktopConfig::new(dir.to_owned());
    config.sandbox_step = Duration::ZERO;
    config.engine = crate::common::fast_config();
    Desktop::start(config, Arc::new(MemoryStore::default()))
        .await
        .unwrap()
}

fn verdicts(checks: &[Check]) -> Vec<(&str, Verdict)> {
    checks
        .iter()
        .map(|c| (c.path.as_str(), c.verdict))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_small_batch_is_checked_once_done_and_each_path_gets_its_verdict() {
    let dir = tempfile::tempdir().unwrap();
    let desktop = Arc::new(start(dir.path()).await);
    let _updates = pump::start(desktop.clone(), UpdateConfig::default());
    let paths = "/a.jpg\n/x/sandbox-stale.jpg\n/x/sandbox-missing.jpg\n/dir/*";
    let submitted = desktop
        .submit("sandbox", ScopeKind::Original, &paths.into(), None)
        .await
        .unwrap();
    let id = submitted.request_ids[0];
    crate::common::wait_code(desktop.journal(), id, "done").await;

    // Nobody asks: the window's update pump checks the batch (4 paths, within 50).
    let deadline = tokio::time::Instant::now() + crate::common::PATIENCE;
    let checks = loop {
        let checks = desktop.checks(id).await.unwrap();
        if checks.len() == 4 {
            break checks;
        }
        assert!(tokio::time::Instant::now() < deadline, "never checked");
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    assert_eq!(
        verdicts(&checks),
        [
            ("/a.jpg", Verdict::Fresh),
            ("/x/sandbox-stale.jpg", Verdict::StillCached),
            ("/x/sandbox-missing.jpg", Verdict::CouldNotCheck),
            ("/dir/*", Verdict::CouldNotCheck),
        ]
    );
    let fresh = &checks[0];
    assert_eq!(
        fresh.url,
        format!("{}/delivery/a.jpg", desktop.sandbox_url())
    );
    assert_eq!(fresh.http_status, Some(200));
    assert_eq!(fresh.age, Some(0));
    assert_eq!(fresh.cache_status.as_deref(), Some("x-cache: MISS"));
    assert!(fresh.etag.is_some() && fresh.last_modified.is_some());
    assert!(
        fresh.reason.contains("came from the origin"),
        "{}",
        fresh.reason
    );
    let stale = &checks[1];
    assert!(stale.age.unwrap() >= 3600, "{stale:?}");
    assert!(
        stale.reason.contains("x-cache: HIT, Age: ") && stale.reason.contains("before"),
        "{}",
        stale.reason
    );
    assert!(
        checks[2].reason.contains("answered 404"),
        "{}",
        checks[2].reason
    );
    assert!(checks[3].reason.contains("`*`"), "{}", checks[3].reason);

    // The log's row says it in short.
    let freshness = desktop
        .request(id)
        .await
        .unwrap()
        .freshness
        .expect("a summary");
    assert_eq!(
        (
            freshness.fresh,
            freshness.still_cached,
            freshness.could_not_check
        ),
        (1, 1, 2)
    );
    assert_eq!(
        freshness.words(),
        "1 served fresh, 1 still cached, 2 could not check"
    );

    // Check now: the fresh copy is a HIT now, fetched after the invalidation was done.
    let again = desktop.check_request(id).await.unwrap();
    assert_eq!(again[0].cache_status.as_deref(), Some("x-cache: HIT"));
    assert_eq!(again[0].verdict, Verdict::Fresh, "{}", again[0].reason);
    assert_eq!(again[1].verdict, Verdict::StillCached);
    // Checked once by itself, however often the request changes afterwards.
    assert!(desktop.due_checks(Some(&[id])).await.unwrap().is_empty());

    // Exports carry the results: CSV in words, JSON path by path.
    let filter = invalidator::journal::LogFilter::default();
    let mut csv = Vec::new();
    export::write_log(
        desktop.journal(),
        &filter,
        0,
        export::Format::Csv,
        invalidator_testkit::ENGLISH,
        &mut csv,
    )
    .unwrap();
    let csv = String::from_utf8(csv).unwrap();
    assert!(
        csv.lines()
            .next()
            .unwrap()
            .ends_with(",error,freshness,checked_at"),
        "{csv}"
    );
    assert!(
        csv.contains(",\"1 served fresh, 1 still cached, 2 could not check\","),
        "{csv}"
    );
    let mut json = Vec::new();
    export::write_log(
        desktop.journal(),
        &filter,
        0,
        export::Format::Json,
        invalidator_testkit::ENGLISH,
        &mut json,
    )
    .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&json).unwrap();
    let request = &json["batches"][0]["requests"][0];
    assert_eq!(request["freshness"]["stillCached"], 1);
    assert_eq!(request["checks"][1]["path"], "/x/sandbox-stale.jpg");
    assert_eq!(request["checks"][1]["verdict"], "stillCached");
    desktop.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_key_never_goes_to_the_delivery_host() {
    let dir = tempfile::tempdir().unwrap();
    let desktop = start(dir.path()).await;
    let (delivery, seen) =
        crate::common::recording_server(200, &[("age", "0"), ("x-cache", "MISS")], "").await;
    let saved = desktop
        .save_project(ProjectDraft {
            name: "Shop".into(),
            api_base: Some(desktop.sandbox_url()),
            key: Some(ApiKey::new(SANDBOX_KEY)),
            delivery_base: Some(format!("{delivery}/")),
            ..ProjectDraft::default()
        })
        .await
        .unwrap();
    assert_eq!(
        saved.project.delivery_base.as_deref(),
        Some(delivery.as_str())
    );
    let submitted = desktop
        .submit(
            &saved.project.id,
            ScopeKind::Original,
            &"/p/a.jpg\n/p/b é.jpg".into(),
            None,
        )
        .await
        .unwrap();
    let id = submitted.request_ids[0];
    crate::common::wait_code(desktop.journal(), id, "done").await;
    let checks = desktop.check_request(id).await.unwrap();
    assert!(
        checks.iter().all(|c| c.verdict == Verdict::Fresh),
        "{checks:?}"
    );

    // A delivery base that redirects elsewhere: followed, and still no key goes along.
    let (elsewhere, seen_elsewhere) =
        crate::common::recording_server(200, &[("age", "0")], "").await;
    let location = format!("{elsewhere}/moved");
    let (redirecting, seen_redirecting) =
        crate::common::recording_server(301, &[("location", &location)], "").await;
    desktop
        .save_project(ProjectDraft {
            id: Some(saved.project.id.clone()),
            name: "Shop".into(),
            api_base: Some(desktop.sandbox_url()),
            delivery_base: Some(redirecting),
            ..ProjectDraft::default()
        })
        .await
        .unwrap();
    let checks = desktop.check_request(id).await.unwrap();
    assert!(
        checks.iter().all(|c| c.verdict == Verdict::Fresh),
        "{checks:?}"
    );
    assert_eq!(seen_redirecting.lock().unwrap().len(), 2);
    assert_eq!(seen_elsewhere.lock().unwrap().len(), 2);

    let mut seen = seen.lock().unwrap().clone();
    seen.extend(seen_redirecting.lock().unwrap().iter().cloned());
    seen.extend(seen_elsewhere.lock().unwrap().iter().cloned());
    let asked: Vec<&str> = seen.iter().map(|(_, path, _)| path.as_str()).collect();
    assert_eq!(asked.len(), 6);
    assert!(asked.contains(&"/p/a.jpg"));
    assert!(asked.contains(&"/moved"));
    assert!(asked.contains(&"/p/b%20%C3%A9.jpg"), "{asked:?}");
    for (method, path, headers) in &seen {
        assert_eq!(*method, Method::HEAD, "{path}");
        for (name, value) in headers {
            assert!(
                !value.contains(SANDBOX_KEY) && name != "x-client-key" && name != "authorization",
                "{path} was asked with {name}: {value}"
            );
        }
    }
    desktop.shutdown().await;
}

/// A batch of many requests is checked request by request (as the window's "Check batch at
/// the CDN" does), each check is told to the window as a change, and the log sums the
/// batch's verdicts up for its collapsed head.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_whole_batch_is_checked_request_by_request_and_summed_up() {
    let dir = tempfile::tempdir().unwrap();
    let desktop = start(dir.path()).await;
    let mut text: Vec<String> = (0..34).map(|i| format!("/batch/{i}.jpg")).collect();
    text.push("/batch/sandbox-stale.jpg".into());
    let submitted = desktop
        .submit(
            "sandbox",
            ScopeKind::Original,
            &text.join("\n").as_str().into(),
            None,
        )
        .await
        .unwrap();
    assert!(submitted.request_ids.len() > 1, "{submitted:?}");
    for id in &submitted.request_ids {
        crate::common::wait_code(desktop.journal(), *id, "done").await;
    }
    assert_eq!(
        desktop
            .checkable_requests(submitted.batch_id)
            .await
            .unwrap(),
        submitted.request_ids
    );
    let batch_of = async |desktop: &Desktop| {
        desktop
            .log(&invalidator::journal::LogFilter::default())
            .await
            .unwrap()
            .batches
            .into_iter()
            .find(|b| b.id == submitted.batch_id)
            .unwrap()
    };
    assert_eq!(
        batch_of(&desktop).await.freshness,
        None,
        "nothing checked yet"
    );

    let mut changes = desktop.engine().subscribe();
    for id in &submitted.request_ids {
        desktop.check_request(*id).await.unwrap();
        // The engine's last writes may still be on their way: this check's news comes too.
        tokio::time::timeout(Duration::from_secs(5), async {
            while changes.recv().await.unwrap().request_id != *id {}
        })
        .await
        .expect("a recorded check is told");
    }
    let summed = batch_of(&desktop)
        .await
        .freshness
        .expect("the batch's checks, summed up");
    assert_eq!(
        (
            summed.fresh,
            summed.still_cached,
            summed.unknown,
            summed.could_not_check
        ),
        (34, 1, 0, 0)
    );
    assert!(summed.checked_at.is_some());
    desktop.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn big_batches_wait_to_be_asked_and_unclear_answers_say_so() {
    let dir = tempfile::tempdir().unwrap();
    let desktop = start(dir.path()).await;
    // No Age, no cache status: nothing tells when the copy was fetched.
    let (quiet, _) = crate::common::recording_server(200, &[("cache-control", "public")], "").await;
    let saved = desktop
        .save_project(ProjectDraft {
            name: "Big".into(),
            api_base: Some(desktop.sandbox_url()),
            key: Some(ApiKey::new(SANDBOX_KEY)),
            delivery_base: Some(quiet),
            check_limit: 2,
            ..ProjectDraft::default()
        })
        .await
        .unwrap();
    let submitted = desktop
        .submit(
            &saved.project.id,
            ScopeKind::Original,
            &"/1.jpg\n/2.jpg\n/3.jpg".into(),
            None,
        )
        .await
        .unwrap();
    let id = submitted.request_ids[0];
    crate::common::wait_code(desktop.journal(), id, "done").await;
    assert!(
        desktop.due_checks(Some(&[id])).await.unwrap().is_empty(),
        "3 paths are over the project's limit of 2: checked only when asked"
    );
    assert!(desktop.request(id).await.unwrap().freshness.is_none());
    let checks = desktop.check_request(id).await.unwrap();
    assert!(
        checks.iter().all(|c| c.verdict == Verdict::Unknown),
        "{checks:?}"
    );
    assert!(
        checks[0].reason.contains("no Age header"),
        "{}",
        checks[0].reason
    );

    // A delivery host that keeps failing is asked a bounded number of times.
    let (failing, seen) = crate::common::recording_server(503, &[], "").await;
    let edited = desktop
        .save_project(ProjectDraft {
            id: Some(saved.project.id.clone()),
            name: "Big".into(),
            api_base: Some(desktop.sandbox_url()),
            delivery_base: Some(failing),
            ..ProjectDraft::default()
        })
        .await
        .unwrap();
    assert_eq!(edited.project.check_limit, 50);
    let checks = desktop.check_request(id).await.unwrap();
    assert!(
        checks
            .iter()
            .all(|c| c.verdict == Verdict::CouldNotCheck && c.reason.contains("answered 503")),
        "{checks:?}"
    );
    assert_eq!(
        seen.lock().unwrap().len(),
        9,
        "three tries for each of three paths"
    );
    desktop.shutdown().await;
}

#[tokio::test]
async fn what_cannot_be_checked_is_refused_with_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let mut config = DesktopConfig::new(dir.path().to_owned());
    config.sandbox_step = Duration::from_secs(3600);
    config.engine = crate::common::fast_config();
    let desktop = Desktop::start(config, Arc::new(MemoryStore::default()))
        .await
        .unwrap();
    let slow = desktop
        .submit("sandbox", ScopeKind::Original, &"/slow.jpg".into(), None)
        .await
        .unwrap();
    crate::common::wait_code(desktop.journal(), slow.request_ids[0], "received").await;
    let error = desktop
        .check_request(slow.request_ids[0])
        .await
        .unwrap_err();
    assert_eq!(error.kind(), invalidator::ErrorKind::BadInput);
    assert!(
        error.to_string().contains("is not done (Received)"),
        "{error}"
    );

    for bad in [
        "ftp://cdn.example",
        "https://user:pw@cdn.example",
        "https://cdn.example/?a=1",
        "not a url",
    ] {
        let refused = desktop
            .save_project(ProjectDraft {
                name: "Odd".into(),
                api_base: Some(desktop.sandbox_url()),
                key: Some(ApiKey::new(SANDBOX_KEY)),
                delivery_base: Some(bad.into()),
                ..ProjectDraft::default()
            })
            .await
            .unwrap_err();
        assert!(
            refused.to_string().contains("delivery base"),
            "{bad}: {refused}"
        );
    }
    let error = desktop.check_request(999).await.unwrap_err();
    assert_eq!(error.kind(), invalidator::ErrorKind::NotFound);
    desktop.shutdown().await;
}
