//! The engine against the sandbox over real HTTP, on a real SQLite file: batches split,
//! sent, followed to their end; failures shown as the service reported them; retries linked
//! to what they retry.

use std::time::Duration;

use crate::common::*;
use invalidator::RequestState;
use invalidator::journal::LogFilter;
use invalidator::submission::Plan;
use invalidator::{ScopeKind, StatusFilter};

#[tokio::test]
async fn twelve_paths_become_two_requests_that_reach_done() {
    let dir = tempfile::tempdir().unwrap();
    let sandbox = sandbox(dir.path(), Duration::from_millis(40)).await;
    let project = project("p1", &sandbox.base_url());
    let engine = sandbox_engine(dir.path(), &project);
    let text: String = (1..=12).map(|i| format!("/img/{i}.jpg\n")).collect();
    let ids = submit(&engine, &project, &text).await;
    assert_eq!(ids.len(), 2);
    let journal = engine.journal();
    for id in &ids {
        let view = wait_code(journal, *id, "done").await;
        assert!(view.uuid.is_some());
        assert_eq!(label(&view.condition), "Done");
        assert!(view.paths.iter().all(|p| p.result == "invalidated"));
        // Every step the poller saw is in the history, with its time, in order.
        let statuses: Vec<String> = view
            .history
            .unwrap()
            .iter()
            .filter_map(|h| h.status.clone())
            .collect();
        assert_eq!(statuses.first().map(String::as_str), Some("RECEIVED"));
        assert_eq!(statuses.last().map(String::as_str), Some("DONE"));
    }
    let first = journal.request(ids[0]).unwrap();
    let second = journal.request(ids[1]).unwrap();
    assert_eq!((first.path_count, second.path_count), (10, 2));
    assert_eq!(first.batch_id, second.batch_id);
    // The sandbox got exactly the twelve paths, once each.
    let mut sent: Vec<String> = sandbox.jobs().into_iter().flat_map(|j| j.urls).collect();
    sent.sort();
    let mut expected: Vec<String> = (1..=12).map(|i| format!("/img/{i}.jpg")).collect();
    expected.sort();
    assert_eq!(sent, expected);
    engine.shutdown().await;
}

#[tokio::test]
async fn the_project_batch_size_is_honoured() {
    let dir = tempfile::tempdir().unwrap();
    let sandbox = sandbox(dir.path(), Duration::ZERO).await;
    let mut project = project("p1", &sandbox.base_url());
    project.batch_size = 15;
    let text: String = (1..=31).map(|i| format!("/{i}.jpg,")).collect();
    let plan = Plan::new(&project, ScopeKind::Original, &text);
    let sizes: Vec<usize> = plan.requests.iter().map(Vec::len).collect();
    assert_eq!(sizes, [15, 15, 1]);
    project.batch_size = 1;
    assert_eq!(
        Plan::new(&project, ScopeKind::Original, "/a,/b,/c")
            .requests
            .len(),
        3
    );
}

#[tokio::test]
async fn done_with_failed_paths_is_done_with_failures_and_retry_sends_only_those() {
    let dir = tempfile::tempdir().unwrap();
    let sandbox = sandbox(dir.path(), Duration::ZERO).await;
    let project = project("p1", &sandbox.base_url());
    let engine = sandbox_engine(dir.path(), &project);
    let journal = engine.journal();
    let ids = submit(&engine, &project, "/ok.jpg\n/x/sandbox-fail.jpg\n/ok2.jpg").await;
    let original = wait_code(journal, ids[0], "done-with-failures").await;
    assert_eq!(label(&original.condition), "Done with failures");
    assert_eq!(original.status.as_deref(), Some("DONE"));
    assert_eq!(
        detail(&original.condition),
        "1 of 3 paths failed. Retry sends the failed paths again."
    );
    assert!(original.condition.retryable);
    assert_eq!(
        path_results(&original),
        [
            ("/ok.jpg".into(), "invalidated".into()),
            ("/x/sandbox-fail.jpg".into(), "failed".into()),
            ("/ok2.jpg".into(), "invalidated".into()),
        ]
    );

    let (_, retry_ids) = engine.retry(original.id, 10, "test").await.unwrap();
    let retry = wait_code(journal, retry_ids[0], "done").await;
    assert_eq!(retry.retry_of, Some(original.id));
    assert_eq!(
        path_results(&retry),
        [("/x/sandbox-fail.jpg".into(), "invalidated".into())]
    );
    // The original stays in the log, linked to its retry.
    let original = journal.request(original.id).unwrap();
    assert_eq!(original.condition.code, "done-with-failures");
    assert_eq!(original.retried_by, vec![retry.id]);
    engine.shutdown().await;
}

#[tokio::test]
async fn error_and_error_cdn_node_are_errors_with_a_retry() {
    let dir = tempfile::tempdir().unwrap();
    let sandbox = sandbox(dir.path(), Duration::ZERO).await;
    let project = project("p1", &sandbox.base_url());
    let engine = sandbox_engine(dir.path(), &project);
    let journal = engine.journal();
    let error = submit(&engine, &project, "/a.jpg\n/b/sandbox-error.jpg").await[0];
    let cdn = submit(&engine, &project, "/c/sandbox-cdn-error.jpg").await[0];

    let error = wait_code(journal, error, "error").await;
    assert_eq!(label(&error.condition), "Error");
    assert_eq!(error.status.as_deref(), Some("ERROR"));
    assert!(detail(&error.condition).contains("contact Scaleflex support"));
    assert_eq!(
        path_results(&error),
        [
            ("/a.jpg".into(), "invalidated".into()),
            ("/b/sandbox-error.jpg".into(), "failed".into()),
        ]
    );
    let cdn = wait_code(journal, cdn, "error-cdn-node").await;
    assert_eq!(label(&cdn.condition), "Error in the CDN step");
    assert_eq!(cdn.status.as_deref(), Some("ERROR_CDN_NODE"));

    let (_, retried) = engine.retry(error.id, 10, "test").await.unwrap();
    let retried = wait_code(journal, retried[0], "done").await;
    assert_eq!(
        path_results(&retried),
        [("/b/sandbox-error.jpg".into(), "invalidated".into())]
    );
    let (_, retried) = engine.retry(cdn.id, 10, "test").await.unwrap();
    wait_code(journal, retried[0], "done").await;

    // Filters find them by what happened.
    let failed = journal
        .log(&LogFilter {
            status: Some(StatusFilter::Failed),
            ..LogFilter::default()
        })
        .unwrap();
    let failed_ids: Vec<i64> = failed
        .batches
        .iter()
        .flat_map(|b| b.requests.iter().map(|r| r.id))
        .collect();
    assert_eq!(failed_ids.len(), 2);
    assert!(failed_ids.contains(&error.id) && failed_ids.contains(&cdn.id));
    engine.shutdown().await;
}

#[tokio::test]
async fn retry_is_refused_for_what_has_nothing_to_retry() {
    let dir = tempfile::tempdir().unwrap();
    let sandbox = sandbox(dir.path(), Duration::ZERO).await;
    let project = project("p1", &sandbox.base_url());
    let engine = sandbox_engine(dir.path(), &project);
    let id = submit(&engine, &project, "/fine.jpg").await[0];
    wait_code(engine.journal(), id, "done").await;
    let err = engine.retry(id, 10, "test").await.unwrap_err();
    assert_eq!(err.kind(), "notRetryable");
    assert_eq!(
        err.to_string(),
        format!("request #{id} is Done: there is nothing to retry")
    );
    engine.shutdown().await;
}

#[tokio::test]
async fn a_404_on_status_means_unknown_to_the_service_and_polling_stops() {
    let dir = tempfile::tempdir().unwrap();
    let sandbox = sandbox(dir.path(), Duration::from_millis(10)).await;
    let project = project("p1", &sandbox.base_url());
    let engine = sandbox_engine(dir.path(), &project);
    let id = submit(&engine, &project, "/lost/sandbox-forget.jpg").await[0];
    let view = wait_code(engine.journal(), id, "gone").await;
    assert_eq!(view.state, RequestState::Gone);
    assert_eq!(label(&view.condition), "Unknown to the service");
    assert!(view.condition.retryable);
    assert_eq!(view.due_at, None, "polling stopped");
    assert!(
        history(&view)
            .last()
            .unwrap()
            .ends_with("The service no longer knows this invalidation (404); polling stopped")
    );
    // No further status questions once it is gone.
    let asked = sandbox.counters().statuses;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(sandbox.counters().statuses, asked);
    engine.shutdown().await;
}

#[tokio::test]
async fn an_unknown_status_is_shown_raw_polled_on_and_finally_left_as_stalled() {
    let dir = tempfile::tempdir().unwrap();
    let sandbox = sandbox(dir.path(), Duration::from_millis(10)).await;
    let project = project("p1", &sandbox.base_url());
    let mut config = fast_config();
    config.poll_give_up = Duration::from_millis(1500);
    let engine = engine(
        dir.path(),
        &project,
        cloudimage_sandbox::SANDBOX_KEY,
        config,
    );
    let journal = engine.journal();
    let id = submit(&engine, &project, "/odd/sandbox-unknown.jpg").await[0];
    let view = wait_code(journal, id, "unknown").await;
    assert_eq!(label(&view.condition), "AWAITING_REVIEW");
    assert!(!view.condition.finished);
    assert!(view.due_at.is_some(), "still polled");
    let asked = sandbox.counters().statuses;
    let view = wait_code(journal, id, "stalled").await;
    assert!(sandbox.counters().statuses > asked, "it kept asking");
    assert_eq!(label(&view.condition), "Unknown, last seen AWAITING_REVIEW");
    assert!(view.condition.retryable);
    // Refresh follows it again: the service is asked once more. (What the request says right
    // after is a race: with nothing new from the service, the poller may have stalled it
    // again already.)
    let asked = sandbox.counters().statuses;
    assert_eq!(engine.refresh(Some(vec![id])).await.unwrap(), 1);
    let deadline = tokio::time::Instant::now() + PATIENCE;
    while sandbox.counters().statuses == asked {
        assert!(tokio::time::Instant::now() < deadline, "never asked again");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    engine.shutdown().await;
}

#[tokio::test]
async fn scope_all_flushes_everything() {
    let dir = tempfile::tempdir().unwrap();
    let sandbox = sandbox(dir.path(), Duration::ZERO).await;
    let project = project("p1", &sandbox.base_url());
    let engine = sandbox_engine(dir.path(), &project);
    let batch = Plan::new(&project, ScopeKind::All, "")
        .into_batch(&project, "test")
        .unwrap();
    let (_, ids) = engine.submit(batch).await.unwrap();
    let view = wait_code(engine.journal(), ids[0], "done").await;
    assert_eq!(view.scope, "all");
    assert_eq!(sandbox.jobs()[0].scope, "all");
    engine.shutdown().await;
}

#[tokio::test]
async fn an_engine_sends_only_for_projects_whose_key_it_holds() {
    let dir = tempfile::tempdir().unwrap();
    let sandbox = sandbox(dir.path(), Duration::ZERO).await;
    let mine = project("mine", &sandbox.base_url());
    let theirs = project("theirs", &sandbox.base_url());
    let engine = sandbox_engine(dir.path(), &mine);
    let theirs_id = record(engine.journal(), &theirs, "/theirs.jpg")[0];
    let mine_id = submit(&engine, &mine, "/mine.jpg").await[0];
    wait_code(engine.journal(), mine_id, "done").await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(
        engine.journal().request(theirs_id).unwrap().state,
        RequestState::Queued
    );
    assert_eq!(sandbox.jobs().len(), 1);
    // Once the key is there, the queue drains.
    engine.set_endpoint(
        &theirs.id,
        client(
            &theirs.api_base,
            cloudimage_sandbox::SANDBOX_KEY,
            Duration::from_secs(5),
        ),
    );
    wait_code(engine.journal(), theirs_id, "done").await;
    engine.shutdown().await;
}

#[tokio::test]
async fn the_log_pages_newest_first_and_filters() {
    let dir = tempfile::tempdir().unwrap();
    let sandbox = sandbox(dir.path(), Duration::ZERO).await;
    let a = project("a", &sandbox.base_url());
    let b = project("b", &sandbox.base_url());
    let engine = sandbox_engine(dir.path(), &a);
    engine.set_endpoint(
        &b.id,
        client(
            &b.api_base,
            cloudimage_sandbox::SANDBOX_KEY,
            Duration::from_secs(5),
        ),
    );
    let mut last = 0;
    for i in 0..5 {
        let project = if i % 2 == 0 { &a } else { &b };
        last = submit(&engine, project, &format!("/batch{i}/photo.jpg")).await[0];
    }
    wait_code(engine.journal(), last, "done").await;
    let journal = engine.journal();
    let page = journal
        .log(&LogFilter {
            limit: 2,
            ..LogFilter::default()
        })
        .unwrap();
    let batch_ids: Vec<i64> = page.batches.iter().map(|b| b.id).collect();
    assert_eq!(batch_ids, [5, 4]);
    let next = journal
        .log(&LogFilter {
            limit: 2,
            before_batch: page.next_before,
            ..LogFilter::default()
        })
        .unwrap();
    assert_eq!(
        next.batches.iter().map(|b| b.id).collect::<Vec<_>>(),
        [3, 2]
    );
    let last_page = journal
        .log(&LogFilter {
            limit: 2,
            before_batch: next.next_before,
            ..LogFilter::default()
        })
        .unwrap();
    assert_eq!(last_page.batches.len(), 1);
    assert_eq!(last_page.next_before, None);

    let only_b = journal
        .log(&LogFilter {
            project_id: Some("b".into()),
            ..LogFilter::default()
        })
        .unwrap();
    assert_eq!(
        only_b.batches.iter().map(|b| b.id).collect::<Vec<_>>(),
        [4, 2]
    );
    let search = journal
        .log(&LogFilter {
            text: Some("batch3/".into()),
            ..LogFilter::default()
        })
        .unwrap();
    assert_eq!(search.batches.len(), 1);
    assert_eq!(
        search.batches[0].requests[0].paths[0].path,
        "/batch3/photo.jpg"
    );
    // `%` and `_` are matched literally.
    let none = journal
        .log(&LogFilter {
            text: Some("batch_%".into()),
            ..LogFilter::default()
        })
        .unwrap();
    assert!(none.batches.is_empty());
    let found = journal
        .find(&search.batches[0].requests[0].uuid.clone().unwrap()[..8])
        .unwrap();
    assert_eq!(found.batch_id, 4);
    engine.shutdown().await;
}
