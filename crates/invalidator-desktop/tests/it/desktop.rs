//! The desktop core without a window: projects and keys, submissions, batch ends, and a
//! keychain that does not answer.

use std::sync::Arc;
use std::time::Duration;

use cloudimage::ApiKey;
use cloudimage_sandbox::SANDBOX_KEY;
use invalidator::ScopeKind;
use invalidator::secrets::{MemoryStore, SecretError, SecretStore};
use invalidator::settings::SettingsFile;
use invalidator_desktop::{Desktop, DesktopConfig, KeyState, ProjectDraft};

fn config(dir: &std::path::Path) -> DesktopConfig {
    let mut config = DesktopConfig::new(dir.to_owned());
    config.sandbox_step = Duration::ZERO;
    config.engine = crate::common::fast_config();
    config
}

async fn desktop(dir: &std::path::Path, secrets: Arc<dyn SecretStore>) -> Desktop {
    Desktop::start(config(dir), secrets).await.unwrap()
}

#[tokio::test]
async fn a_batch_end_is_reported_once_with_words_for_a_notification() {
    let dir = tempfile::tempdir().unwrap();
    let desktop = desktop(dir.path(), Arc::new(MemoryStore::default())).await;
    let done = desktop
        .submit(
            "sandbox",
            ScopeKind::Original,
            &"/a.jpg\n/b.jpg".into(),
            None,
        )
        .await
        .unwrap();
    let failed = desktop
        .submit(
            "sandbox",
            ScopeKind::Original,
            &"/c/sandbox-fail.jpg".into(),
            None,
        )
        .await
        .unwrap();
    crate::common::wait_code(desktop.journal(), done.request_ids[0], "done").await;
    crate::common::wait_code(
        desktop.journal(),
        failed.request_ids[0],
        "done-with-failures",
    )
    .await;

    let changed = [done.request_ids[0], failed.request_ids[0]];
    let ended = desktop.ended_batches(Some(&changed)).await.unwrap();
    assert_eq!(ended.len(), 2);
    assert_eq!(
        crate::told(&ended[0]),
        (
            "Invalidation done".to_owned(),
            "Sandbox: 2 paths flushed (batch 1).".to_owned()
        )
    );
    assert_eq!(
        crate::told(&ended[1]),
        (
            "Invalidation finished with problems".to_owned(),
            "Sandbox: 1 of 1 request did not end Done (batch 2). Open the log to retry.".to_owned()
        )
    );
    assert!(
        desktop
            .ended_batches(Some(&changed))
            .await
            .unwrap()
            .is_empty(),
        "reported once"
    );
    desktop.shutdown().await;
}

#[tokio::test]
async fn a_batch_still_in_progress_has_not_ended() {
    let dir = tempfile::tempdir().unwrap();
    let mut config = config(dir.path());
    config.sandbox_step = Duration::from_secs(3600);
    let desktop = Desktop::start(config, Arc::new(MemoryStore::default()))
        .await
        .unwrap();
    let text: String = (0..11).map(|i| format!("/{i}.jpg\n")).collect();
    let submitted = desktop
        .submit("sandbox", ScopeKind::Original, &text.as_str().into(), None)
        .await
        .unwrap();
    crate::common::wait_code(desktop.journal(), submitted.request_ids[0], "received").await;
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
async fn saved_projects_and_keys_survive_a_restart_and_the_key_is_used() {
    let dir = tempfile::tempdir().unwrap();
    let secrets: Arc<MemoryStore> = Arc::new(MemoryStore::default());
    let first = desktop(dir.path(), secrets.clone()).await;
    let base = first.sandbox_url();
    let saved = first
        .save_project(ProjectDraft {
            name: "Shop".into(),
            api_base: Some(base.clone()),
            key: Some(ApiKey::new(SANDBOX_KEY)),
            batch_size: 10,
            ..ProjectDraft::default()
        })
        .await
        .unwrap();
    assert!(matches!(saved.key, KeyState::Saved { .. }));
    first.shutdown().await;
    drop(first);

    // A new run: the project is there, its key read from the keychain, never asked again.
    let second = desktop(dir.path(), secrets).await;
    let before = second.projects().unwrap();
    assert!(matches!(before.projects[1].key, KeyState::Unchecked));
    second.load_keys().await.unwrap();
    let after = second.projects().unwrap();
    assert_eq!(after.selected, saved.project.id);
    assert_eq!(
        after.projects[1].key,
        KeyState::Saved {
            masked: ApiKey::new(SANDBOX_KEY).masked()
        }
    );
    assert!(!serde_json::to_string(&after).unwrap().contains(SANDBOX_KEY));
    second.shutdown().await;
}

/// A keychain that refuses every call, as a locked or absent one does.
struct LockedKeychain;

impl SecretStore for LockedKeychain {
    fn persist(&self, _: &str, _: &ApiKey) -> Result<(), SecretError> {
        Err(SecretError::Unavailable("locked".into()))
    }
    fn retrieve(&self, _: &str) -> Result<Option<ApiKey>, SecretError> {
        Err(SecretError::Unavailable("locked".into()))
    }
    fn delete(&self, _: &str) -> Result<(), SecretError> {
        Err(SecretError::Unavailable("locked".into()))
    }
}

#[tokio::test]
async fn without_a_keychain_the_log_and_the_sandbox_keep_working() {
    let dir = tempfile::tempdir().unwrap();
    SettingsFile::open(dir.path())
        .save_projects(&invalidator::SavedProjects {
            projects: vec![crate::common::project("shop", "https://api.cloudimage.com")],
            selected_project: Some("shop".into()),
        })
        .unwrap();
    let desktop = desktop(dir.path(), Arc::new(LockedKeychain)).await;
    desktop.load_keys().await.unwrap();
    let list = desktop.projects().unwrap();
    let problem = list.keychain_problem.unwrap();
    assert_eq!(
        problem,
        invalidator::Problem::KeychainUnavailable {
            cause: "locked".into()
        }
    );
    assert!(matches!(list.projects[1].key, KeyState::Unavailable { .. }));

    // Saving a key fails plainly, and nothing is half-saved.
    let err = desktop
        .save_project(ProjectDraft {
            name: "New".into(),
            key: Some(ApiKey::new("k")),
            batch_size: 10,
            ..ProjectDraft::default()
        })
        .await
        .unwrap_err();
    assert_eq!(err.kind(), "keychainUnavailable");
    assert_eq!(desktop.projects().unwrap().projects.len(), 2);

    // Work for the project is recorded and waits; the sandbox still sends.
    let waiting = desktop
        .submit("shop", ScopeKind::Original, &"/a.jpg".into(), None)
        .await
        .unwrap();
    assert!(
        matches!(
            waiting.waiting,
            Some(invalidator_desktop::Waiting::Keychain { ref project, .. }) if project == "Project shop"
        ),
        "{:?}",
        waiting.waiting
    );
    let sandbox = desktop
        .submit("sandbox", ScopeKind::Original, &"/b.jpg".into(), None)
        .await
        .unwrap();
    assert_eq!(sandbox.waiting, None);
    crate::common::wait_code(desktop.journal(), sandbox.request_ids[0], "done").await;
    assert_eq!(
        desktop
            .request(waiting.request_ids[0])
            .await
            .unwrap()
            .condition
            .code,
        "queued"
    );
    desktop.shutdown().await;
}

#[tokio::test]
async fn a_saved_key_stays_with_its_base_when_the_base_is_edited() {
    let dir = tempfile::tempdir().unwrap();
    let desktop = desktop(dir.path(), Arc::new(MemoryStore::default())).await;
    let (elsewhere, seen) = crate::common::recording_server(200, &[], "").await;
    let base = desktop.sandbox_url();
    let saved = desktop
        .save_project(ProjectDraft {
            name: "Shop".into(),
            api_base: Some(base.clone()),
            key: Some(ApiKey::new(SANDBOX_KEY)),
            batch_size: 10,
            ..ProjectDraft::default()
        })
        .await
        .unwrap();
    let id = saved.project.id.clone();
    let edit = |api_base: &str, key: Option<&str>| ProjectDraft {
        id: Some(id.clone()),
        name: "Shop".into(),
        api_base: Some(api_base.to_owned()),
        key: key.map(ApiKey::new),
        batch_size: 10,
        ..ProjectDraft::default()
    };
    let base_of = |id: &str| {
        let list = desktop.projects().unwrap().projects;
        list.into_iter()
            .find(|p| p.project.id == id)
            .unwrap()
            .project
            .api_base
    };
    // "Leave empty to keep it", with another base: refused, and nothing changes.
    let err = desktop
        .save_project(edit(&elsewhere, None))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), "noKey");
    let text = err.to_string();
    assert!(text.contains("type the key again"), "{text}");
    assert!(text.contains(&base) && text.contains(&elsewhere), "{text}");
    assert_eq!(base_of(&id), base);
    // The same base written otherwise keeps the key.
    desktop
        .save_project(edit(&format!("{base}/"), None))
        .await
        .unwrap();
    let ids = desktop
        .submit(&id, ScopeKind::Original, &"/a.jpg".into(), None)
        .await
        .unwrap()
        .request_ids;
    crate::common::wait_code(desktop.journal(), ids[0], "done").await;
    assert!(
        seen.lock().unwrap().is_empty(),
        "the key never went elsewhere"
    );
    // Typed again, it goes with the new base.
    desktop
        .save_project(edit(&elsewhere, Some(SANDBOX_KEY)))
        .await
        .unwrap();
    assert_eq!(base_of(&id), elsewhere);
    desktop.shutdown().await;
}
