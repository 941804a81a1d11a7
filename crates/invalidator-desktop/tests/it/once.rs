//! Each batch is announced once and checked once, whoever follows it: two apps on one data
//! folder (as when there is no session bus to keep one), and an app opened after a batch
//! ended with no window open. Real journals, real sandboxes, real delivery questions.

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use cloudimage::ApiKey;
use cloudimage_sandbox::SANDBOX_KEY;
use invalidator::ScopeKind;
use invalidator::secrets::MemoryStore;
use invalidator_desktop::pump::{self, Update, UpdateConfig};
use invalidator_desktop::{Desktop, DesktopConfig, ProjectDraft};
use tokio::sync::mpsc::UnboundedReceiver;

const QUICK: UpdateConfig = UpdateConfig {
    coalesce: Duration::from_millis(100),
    external_check: Duration::from_millis(200),
};

async fn start(dir: &Path, secrets: Arc<MemoryStore>) -> Arc<Desktop> {
    let mut config = DesktopConfig::new(dir.to_owned());
    config.sandbox_step = Duration::ZERO;
    config.engine = crate::common::fast_config();
    Arc::new(Desktop::start(config, secrets).await.unwrap())
}

/// The batch-ended messages received so far, without waiting.
fn ended(updates: &mut UnboundedReceiver<Update>) -> Vec<(String, String)> {
    let mut seen = Vec::new();
    while let Ok(update) = updates.try_recv() {
        if let Update::BatchEnded(batch) = update {
            seen.push(crate::told(&batch));
        }
    }
    seen
}

/// Waits until request `id` has `count` checks recorded.
async fn checked(desktop: &Desktop, id: i64, count: usize) {
    let deadline = tokio::time::Instant::now() + crate::common::PATIENCE;
    while desktop.checks(id).await.unwrap().len() < count {
        assert!(
            tokio::time::Instant::now() < deadline,
            "#{id} never checked"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_apps_following_one_batch_tell_it_once_and_check_it_once() {
    let data = tempfile::tempdir().unwrap();
    let service_dir = tempfile::tempdir().unwrap();
    let service = crate::common::sandbox(service_dir.path(), Duration::ZERO).await;
    let secrets = Arc::new(MemoryStore::default());
    let first = start(data.path(), secrets.clone()).await;
    let saved = first
        .save_project(ProjectDraft {
            name: "Shop".into(),
            api_base: Some(service.base_url()),
            key: Some(ApiKey::new(SANDBOX_KEY)),
            delivery_base: Some(format!("{}/delivery", service.base_url())),
            ..ProjectDraft::default()
        })
        .await
        .unwrap();
    let second = start(data.path(), secrets).await;
    second.load_keys().await.unwrap();
    let mut told_first = pump::start(first.clone(), QUICK);
    let mut told_second = pump::start(second.clone(), QUICK);

    let submitted = first
        .submit(
            &saved.project.id,
            ScopeKind::Original,
            &"/a.jpg\n/b.jpg\n/c.jpg".into(),
            None,
        )
        .await
        .unwrap();
    let id = submitted.request_ids[0];
    crate::common::wait_code(first.journal(), id, "done").await;
    checked(&first, id, 3).await;
    // Long enough for both pumps to see each other's writes several times over.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let told: Vec<_> = [ended(&mut told_first), ended(&mut told_second)].concat();
    assert_eq!(
        told,
        [(
            "Invalidation done".to_owned(),
            "Shop: 3 paths flushed (batch 1).".to_owned()
        )],
        "one notification for the batch, from one of the two"
    );
    assert_eq!(
        service.counters().deliveries,
        3,
        "each path asked once, by one of the two"
    );
    first.shutdown().await;
    second.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn what_ended_with_no_window_open_is_told_together_and_checked_at_the_next_start() {
    let data = tempfile::tempdir().unwrap();
    let secrets = Arc::new(MemoryStore::default());
    // Followed without a window (no pump): nothing is told, nothing checked.
    let away = start(data.path(), secrets.clone()).await;
    // One ended two days ago: told with the others, but not checked by itself any more.
    let long_ago = away
        .submit(
            "sandbox",
            ScopeKind::Original,
            &"/long-ago.jpg".into(),
            None,
        )
        .await
        .unwrap()
        .request_ids[0];
    crate::common::wait_code(away.journal(), long_ago, "done").await;
    let two_days_ago = chrono::Utc::now().timestamp_millis() - 48 * 3_600_000;
    rusqlite::Connection::open(invalidator::data_dir::journal_path(data.path()))
        .unwrap()
        .execute(
            "UPDATE requests SET updated_at = ?2 WHERE id = ?1",
            (long_ago, two_days_ago),
        )
        .unwrap();
    let mut ids = Vec::new();
    for i in 0..5 {
        let text = format!("/away/{i}.jpg");
        let submitted = away
            .submit("sandbox", ScopeKind::Original, &text.as_str().into(), None)
            .await
            .unwrap();
        ids.push(submitted.request_ids[0]);
    }
    for id in &ids {
        crate::common::wait_code(away.journal(), *id, "done").await;
    }
    away.shutdown().await;
    drop(away);

    let back = start(data.path(), secrets.clone()).await;
    let mut updates = pump::start(back.clone(), QUICK);
    for id in &ids {
        checked(&back, *id, 1).await;
    }
    // Checks run in the order of the requests: the older one was passed over, not pending.
    assert!(
        back.checks(long_ago).await.unwrap().is_empty(),
        "a request done two days ago was checked by itself"
    );
    assert_eq!(
        ended(&mut updates),
        [(
            "6 invalidations ended".to_owned(),
            "All of them done. Open the log to see them.".to_owned()
        )]
    );
    let mut when = Vec::new();
    for id in &ids {
        when.push(back.checks(*id).await.unwrap()[0].checked_at);
    }
    back.shutdown().await;
    drop(updates);
    drop(back);

    // Told and checked once: the start after that has nothing to say.
    let again = start(data.path(), secrets).await;
    let mut updates = pump::start(again.clone(), QUICK);
    tokio::time::sleep(Duration::from_millis(800)).await;
    assert!(ended(&mut updates).is_empty());
    for (id, when) in ids.iter().zip(when) {
        let checks = again.checks(*id).await.unwrap();
        assert_eq!(checks[0].checked_at, when, "#{id} checked once");
    }
    again.shutdown().await;
}
