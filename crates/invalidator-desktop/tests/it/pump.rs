//! The update pump without a window: changes are told in a few messages that carry their
//! ids, a batch's end once, another process's writes (which also wake the engine), and what
//! holds the engine up.

use std::sync::Arc;
use std::time::Duration;

use invalidator::ScopeKind;
use invalidator::secrets::MemoryStore;
use invalidator_desktop::pump::{Update, UpdateConfig};
use invalidator_desktop::{Desktop, DesktopConfig};
use tokio::sync::mpsc::UnboundedReceiver;

async fn desktop(dir: &std::path::Path) -> Arc<Desktop> {
    let mut config = DesktopConfig::new(dir.to_owned());
    config.sandbox_step = Duration::ZERO;
    config.engine = crate::common::fast_config();
    // As in the app: nothing due means a long sleep, so a prompt send proves a wake-up.
    config.engine.idle = Duration::from_secs(3600);
    Arc::new(
        Desktop::start(config, Arc::new(MemoryStore::default()))
            .await
            .unwrap(),
    )
}

const QUICK: UpdateConfig = UpdateConfig {
    coalesce: Duration::from_millis(250),
    external_check: Duration::from_millis(200),
};

/// Collects updates until `done` says enough, or [`crate::common::PATIENCE`] runs out.
async fn collect(
    updates: &mut UnboundedReceiver<Update>,
    done: impl Fn(&[Update]) -> bool,
) -> Vec<Update> {
    let mut seen = Vec::new();
    let deadline = tokio::time::Instant::now() + crate::common::PATIENCE;
    while !done(&seen) {
        match tokio::time::timeout_at(deadline, updates.recv()).await {
            Ok(Some(update)) => seen.push(update),
            _ => panic!("updates stopped short; got {seen:?}"),
        }
    }
    seen
}

fn changed_ids(updates: &[Update]) -> Vec<i64> {
    let mut ids: Vec<i64> = updates
        .iter()
        .flat_map(|u| match u {
            Update::JournalChanged { ids, .. } => ids.clone(),
            _ => Vec::new(),
        })
        .collect();
    ids.sort();
    ids.dedup();
    ids
}

#[tokio::test]
async fn changes_come_in_few_messages_with_their_ids_and_a_batch_ends_once() {
    let dir = tempfile::tempdir().unwrap();
    let desktop = desktop(dir.path()).await;
    let mut updates = desktop.updates(QUICK);
    let mut changes = desktop.engine().subscribe();
    let text: String = (0..300).map(|i| format!("/burst/{i}.jpg\n")).collect();
    let submitted = desktop
        .submit("sandbox", ScopeKind::Original, &text.as_str().into(), None)
        .await
        .unwrap();
    assert_eq!(submitted.request_ids.len(), 30);
    let seen = collect(&mut updates, |seen| {
        seen.iter()
            .any(|u| matches!(u, Update::BatchEnded(b) if b.batch_id == submitted.batch_id))
    })
    .await;
    let mut change_count = 0;
    while changes.try_recv().is_ok() {
        change_count += 1;
    }
    let messages = seen
        .iter()
        .filter(|u| matches!(u, Update::JournalChanged { .. }))
        .count();
    let ids = changed_ids(&seen);
    for id in &submitted.request_ids {
        assert!(ids.contains(id), "request {id} was never told");
    }
    assert!(
        messages * 2 < change_count,
        "{messages} messages for {change_count} changes"
    );
    let ended: Vec<&Update> = seen
        .iter()
        .filter(|u| matches!(u, Update::BatchEnded(_)))
        .collect();
    assert_eq!(ended.len(), 1);
    match ended[0] {
        Update::BatchEnded(batch) => {
            assert_eq!(
                crate::told(batch),
                (
                    "Invalidation done".to_owned(),
                    "Sandbox: 300 paths flushed (batch 1).".to_owned()
                )
            );
        }
        _ => unreachable!(),
    }
    // Told once: later changes of the same batch do not tell it again.
    assert!(
        desktop
            .ended_batches(Some(&submitted.request_ids))
            .await
            .unwrap()
            .is_empty()
    );
    desktop.shutdown().await;
}

#[tokio::test]
async fn another_process_writing_is_noticed_and_wakes_the_engine() {
    let dir = tempfile::tempdir().unwrap();
    let desktop = desktop(dir.path()).await;
    let mut updates = desktop.updates(QUICK);
    // Let the engine fall asleep with nothing to do.
    tokio::time::sleep(Duration::from_millis(300)).await;
    // Another process (here, another connection) queues work for the sandbox project.
    let other = crate::common::journal(dir.path());
    let project = desktop.sandbox_project();
    let batch = invalidator::submission::Plan::new(&project, ScopeKind::Original, "/other.jpg")
        .into_batch(&project, "cli")
        .unwrap();
    let (_, ids) = other.record_batch(&batch).unwrap();
    collect(&mut updates, |seen| {
        seen.iter()
            .any(|u| matches!(u, Update::JournalChanged { external: true, .. }))
    })
    .await;
    // Sent long before the engine's hour-long idle pause would have ended.
    crate::common::wait_code(desktop.journal(), ids[0], "done").await;
    desktop.shutdown().await;
}

#[tokio::test]
async fn what_holds_the_engine_up_is_told_and_so_is_its_end() {
    let dir = tempfile::tempdir().unwrap();
    let desktop = desktop(dir.path()).await;
    let mut updates = desktop.updates(QUICK);
    let conn = rusqlite::Connection::open(invalidator::data_dir::journal_path(dir.path())).unwrap();
    conn.execute_batch(
        "CREATE TRIGGER no_ack BEFORE UPDATE ON requests WHEN NEW.state = 'acknowledged'
         BEGIN SELECT RAISE(ABORT, 'injected write failure'); END;",
    )
    .unwrap();
    desktop
        .submit("sandbox", ScopeKind::Original, &"/held.jpg".into(), None)
        .await
        .unwrap();
    let seen = collect(&mut updates, |seen| {
        seen.iter()
            .any(|u| matches!(u, Update::Holdups { holdups } if !holdups.is_empty()))
    })
    .await;
    let told = seen
        .iter()
        .find_map(|u| match u {
            Update::Holdups { holdups } => holdups.first().cloned(),
            _ => None,
        })
        .unwrap();
    // The answer the journal refused is kept aside, and where is said.
    assert!(
        matches!(told, invalidator::engine::Holdup::AnswerKept { .. }),
        "{told:?}"
    );
    assert!(told.to_string().contains("cannot be written"), "{told}");
    conn.execute_batch("DROP TRIGGER no_ack;").unwrap();
    collect(&mut updates, |seen| {
        seen.iter()
            .any(|u| matches!(u, Update::Holdups { holdups } if holdups.is_empty()))
    })
    .await;
    desktop.shutdown().await;
}
