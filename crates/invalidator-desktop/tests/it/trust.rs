//! The desktop core at its edges: the key goes nowhere but its service, keys that cannot be
//! used are named and do not stop the others, a damaged settings file is kept and reported,
//! and files that cannot be used at start are named with what to do. Real HTTP servers on
//! 127.0.0.1, real files.

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use cloudimage::ApiKey;
use cloudimage_sandbox::SANDBOX_KEY;
use invalidator::secrets::{MemoryStore, SecretError, SecretStore};
use invalidator::settings::SettingsFile;
use invalidator::{Advice, Error, Problem, SavedProjects, StartProblem};
use invalidator_desktop::connection::TestResult;
use invalidator_desktop::{Desktop, DesktopConfig, KeyState, ProjectDraft};

fn config(dir: &Path) -> DesktopConfig {
    let mut config = DesktopConfig::new(dir.to_owned());
    config.sandbox_step = Duration::ZERO;
    config.engine = crate::common::fast_config();
    config
}

async fn start_desktop(dir: &Path, secrets: Arc<dyn SecretStore>) -> Desktop {
    Desktop::start(config(dir), secrets).await.unwrap()
}

fn draft(name: &str, base: &str, key: Option<&str>) -> ProjectDraft {
    ProjectDraft {
        name: name.into(),
        api_base: Some(base.into()),
        key: key.map(ApiKey::new),
        batch_size: 10,
        ..ProjectDraft::default()
    }
}

#[tokio::test]
async fn the_connection_test_never_carries_the_key_elsewhere() {
    let dir = tempfile::tempdir().unwrap();
    let desktop = start_desktop(dir.path(), Arc::new(MemoryStore::default())).await;
    let saved = desktop
        .save_project(draft("Shop", &desktop.sandbox_url(), Some(SANDBOX_KEY)))
        .await
        .unwrap();
    let id = saved.project.id.clone();

    // A redirect to another origin (another port, another name) is refused, not followed.
    let (elsewhere, elsewhere_seen) =
        crate::common::recording_server(404, &[], r#"{"status":"error","msg":"x"}"#).await;
    let port = elsewhere.rsplit(':').next().unwrap();
    let location = format!("http://localhost:{port}/invalidate/x");
    let (redirecting, _) =
        crate::common::recording_server(307, &[("location", &location)], "").await;
    let test = desktop
        .test_connection(
            None,
            Some(ApiKey::new(SANDBOX_KEY)),
            Some(redirecting.clone()),
        )
        .await
        .unwrap();
    assert!(!test.ok);
    assert_eq!(test.kind, "redirected");
    assert!(
        matches!(
            &test.result,
            TestResult::Failed {
                problem: Problem::Api {
                    said: cloudimage::ApiSaid::Redirected { .. }
                },
                advice: Advice::CheckBase,
            }
        ),
        "{:?}",
        test.result
    );

    // The saved key is not sent to a base typed in the form: it takes the key typed again.
    let test = desktop
        .test_connection(Some(&id), None, Some(elsewhere.clone()))
        .await
        .unwrap();
    assert!(!test.ok);
    assert_eq!(test.kind, "keyNeeded");
    assert!(
        matches!(&test.result, TestResult::KeyNeeded { base, .. } if *base == elsewhere),
        "{:?}",
        test.result
    );
    assert!(
        elsewhere_seen.lock().unwrap().is_empty(),
        "the other server was called: {:?}",
        elsewhere_seen.lock().unwrap()
    );

    // With its own base (typed as saved, or not typed), the saved key is tested.
    let sandbox_base = format!("{}/", desktop.sandbox_url());
    for typed in [None, Some(sandbox_base)] {
        let test = desktop
            .test_connection(Some(&id), None, typed)
            .await
            .unwrap();
        assert!(test.ok, "{:?}", test.result);
        assert_eq!(test.kind, "accepted");
    }

    // "Accepted" only from the service's own "not found", never from any web page's 404.
    let (html, _) =
        crate::common::recording_server(404, &[], "<html><body>Not Found</body></html>").await;
    let test = desktop
        .test_connection(None, Some(ApiKey::new(SANDBOX_KEY)), Some(html))
        .await
        .unwrap();
    assert!(!test.ok);
    assert_eq!(test.kind, "notTheApi");
    assert!(
        matches!(test.result, TestResult::NotTheApi { .. }),
        "{:?}",
        test.result
    );
    let test = desktop
        .test_connection(None, Some(ApiKey::new(SANDBOX_KEY)), Some(elsewhere))
        .await
        .unwrap();
    assert!(test.ok, "{:?}", test.result);
    desktop.shutdown().await;
}

#[test]
fn a_draft_never_prints_its_key() {
    let draft = draft(
        "Shop",
        "https://api.cloudimage.com",
        Some("secret_key_0123456789abcdef"),
    );
    let printed = format!("{draft:?}");
    assert!(!printed.contains("secret_key"), "{printed}");
    let read: ProjectDraft =
        serde_json::from_str(r#"{"name":"Shop","key":" secret_key_0123456789abcdef "}"#).unwrap();
    assert_eq!(
        read.key.as_ref().unwrap().expose(),
        "secret_key_0123456789abcdef"
    );
    assert!(!format!("{read:?}").contains("secret_key"));
}

#[tokio::test]
async fn a_key_that_cannot_be_sent_is_refused_before_it_is_saved() {
    let dir = tempfile::tempdir().unwrap();
    let secrets = Arc::new(MemoryStore::default());
    let desktop = start_desktop(dir.path(), secrets.clone()).await;
    let base = desktop.sandbox_url();
    for (key, named) in [
        ("sandbox_public key", "whitespace (U+0020)"),
        ("sandbox\u{200B}public", "U+200B"),
        ("sandbox\u{A0}public", "U+00A0"),
    ] {
        let err = desktop
            .save_project(draft("Shop", &base, Some(key)))
            .await
            .unwrap_err();
        // A key that cannot be sent is the client's: nothing was sent.
        assert_eq!(err.kind(), "badConfig");
        assert!(err.to_string().contains(named), "{err}");
    }
    assert_eq!(
        desktop.projects().unwrap().projects.len(),
        1,
        "saved anyway"
    );
    desktop.shutdown().await;
}

/// Keys by project, with a keychain that fails for some of them.
struct MixedKeychain;

impl SecretStore for MixedKeychain {
    fn persist(&self, _: &str, _: &ApiKey) -> Result<(), SecretError> {
        Ok(())
    }
    fn retrieve(&self, project: &str) -> Result<Option<ApiKey>, SecretError> {
        match project {
            "a-locked" => Err(SecretError::Unavailable("locked".into())),
            "b-pasted" => Ok(Some(ApiKey::new("two words"))),
            _ => Ok(Some(ApiKey::new(SANDBOX_KEY))),
        }
    }
    fn delete(&self, _: &str) -> Result<(), SecretError> {
        Ok(())
    }
}

#[tokio::test]
async fn one_unusable_key_does_not_stop_the_keys_after_it() {
    let dir = tempfile::tempdir().unwrap();
    let base = "https://api.cloudimage.com";
    SettingsFile::open(dir.path())
        .save_projects(&SavedProjects {
            projects: ["a-locked", "b-pasted", "c-fine"]
                .iter()
                .map(|id| crate::common::project(id, base))
                .collect(),
            selected_project: None,
        })
        .unwrap();
    let desktop = start_desktop(dir.path(), Arc::new(MixedKeychain)).await;
    desktop.load_keys().await.unwrap();
    let list = desktop.projects().unwrap();
    let state = |id: &str| {
        list.projects
            .iter()
            .find(|p| p.project.id == id)
            .unwrap()
            .key
            .clone()
    };
    assert!(matches!(state("a-locked"), KeyState::Unavailable { .. }));
    match state("b-pasted") {
        KeyState::Unusable { problem } => assert!(
            matches!(
                problem,
                Problem::Api {
                    said: cloudimage::ApiSaid::Config {
                        problem: cloudimage::ConfigProblem::KeyWhitespace { .. }
                    }
                }
            ),
            "{problem:?}"
        ),
        other => panic!("{other:?}"),
    }
    assert!(matches!(state("c-fine"), KeyState::Saved { .. }));
    assert_eq!(desktop.engine().projects(), ["c-fine", "sandbox"]);
    desktop.shutdown().await;
}

fn settings_with_a_project(dir: &Path) {
    SettingsFile::open(dir)
        .save_projects(&SavedProjects {
            projects: vec![crate::common::project("shop", "https://api.cloudimage.com")],
            selected_project: Some("shop".into()),
        })
        .unwrap();
}

#[tokio::test]
async fn a_torn_settings_file_is_reported_and_kept_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    settings_with_a_project(dir.path());
    // A second save: the first becomes the last good copy.
    SettingsFile::open(dir.path()).set_theme("dark").unwrap();
    let path = dir.path().join("settings.json");
    let whole = std::fs::read(&path).unwrap();
    let torn = &whole[..whole.len() / 2];
    std::fs::write(&path, torn).unwrap();

    let desktop = start_desktop(dir.path(), Arc::new(MemoryStore::default())).await;
    let list = desktop.projects().unwrap();
    let problem = list.settings_problem.clone().unwrap();
    assert_eq!(problem.path, path);
    assert!(
        problem.cause.contains("not valid JSON"),
        "{}",
        problem.cause
    );
    assert!(problem.can_restore);
    assert_eq!(
        list.projects.len(),
        1,
        "only the Sandbox while the file is damaged"
    );
    // Nothing writes to it: not a new project, not a selection, not a theme.
    let refused = [
        desktop
            .save_project(draft(
                "New",
                "https://api.cloudimage.com",
                Some("k_0123456789"),
            ))
            .await
            .unwrap_err(),
        desktop.select_project("sandbox").unwrap_err(),
        desktop.set_theme("light").unwrap_err(),
    ];
    for err in &refused {
        assert_eq!(err.kind(), "settingsDamaged", "{err}");
        assert!(
            err.to_string().contains(&path.display().to_string()),
            "{err}"
        );
    }
    desktop.shutdown().await;
    drop(desktop);
    assert_eq!(
        std::fs::read(&path).unwrap(),
        torn,
        "the damaged file was changed"
    );

    // The user restores the last good copy: the project is back; the damaged file is kept.
    let again = start_desktop(dir.path(), Arc::new(MemoryStore::default())).await;
    again.restore_settings().await.unwrap();
    let list = again.projects().unwrap();
    assert_eq!(list.settings_problem, None);
    assert_eq!(list.projects[1].project.id, "shop");
    let kept: Vec<Vec<u8>> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .filter(|f| f.file_name().to_string_lossy().contains(".damaged-"))
        .map(|f| std::fs::read(f.path()).unwrap())
        .collect();
    assert_eq!(kept, [torn.to_vec()]);
    again.shutdown().await;
}

#[tokio::test]
async fn starting_afresh_sets_the_damaged_file_aside() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("settings.json");
    std::fs::write(&path, b"{\"projects\": [{\"id\": 3").unwrap();
    let desktop = start_desktop(dir.path(), Arc::new(MemoryStore::default())).await;
    let problem = desktop.settings_problem().unwrap();
    assert!(!problem.can_restore);
    let kept = desktop.start_settings_afresh().unwrap();
    assert_eq!(std::fs::read(&kept).unwrap(), b"{\"projects\": [{\"id\": 3");
    assert_eq!(desktop.settings_problem(), None);
    desktop
        .save_project(draft("Shop", &desktop.sandbox_url(), Some(SANDBOX_KEY)))
        .await
        .unwrap();
    assert_eq!(desktop.projects().unwrap().projects.len(), 2);
    desktop.shutdown().await;
}

fn start_failure(err: Error) -> invalidator::StartFailure {
    match err {
        Error::CannotStart(failure) => failure,
        other => panic!("not a start failure: {other:?}"),
    }
}

#[tokio::test]
async fn files_that_cannot_be_used_at_start_are_named_with_what_to_do() {
    // A journal from a newer version.
    let dir = tempfile::tempdir().unwrap();
    let journal_path = invalidator::data_dir::journal_path(dir.path());
    drop(crate::common::journal(dir.path()));
    rusqlite::Connection::open(&journal_path)
        .unwrap()
        .pragma_update(None, "user_version", 99)
        .unwrap();
    let failure = start_failure(
        Desktop::start(config(dir.path()), Arc::new(MemoryStore::default()))
            .await
            .err()
            .unwrap(),
    );
    assert_eq!(failure.path, journal_path);
    assert!(
        matches!(
            failure.problem,
            StartProblem::JournalNewer { version: 99, .. }
        ),
        "{:?}",
        failure.problem
    );
    // Said in English for the log: what cannot be used, and what to do.
    let told = failure.to_string();
    assert!(
        told.contains("newer version of Invalidator (journal schema 99")
            && told.contains("Install the newer version"),
        "{told}"
    );

    // A file that is not a database at all.
    let dir = tempfile::tempdir().unwrap();
    let journal_path = invalidator::data_dir::journal_path(dir.path());
    std::fs::write(
        &journal_path,
        "these are my notes, not a journal\n".repeat(200),
    )
    .unwrap();
    let err = Desktop::start(config(dir.path()), Arc::new(MemoryStore::default()))
        .await
        .err()
        .unwrap();
    assert_eq!(err.kind(), "cannotStart");
    let failure = start_failure(err);
    assert_eq!(failure.path, journal_path);
    assert!(
        matches!(failure.problem, StartProblem::NotAJournal { .. }),
        "{:?}",
        failure.problem
    );
    assert_eq!(
        std::fs::read_to_string(&journal_path).unwrap(),
        "these are my notes, not a journal\n".repeat(200),
        "the file was changed"
    );

    // A data folder that cannot be made: its parent is a file.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("file"), "x").unwrap();
    let data_dir = dir.path().join("file").join("data");
    let failure = start_failure(
        Desktop::start(config(&data_dir), Arc::new(MemoryStore::default()))
            .await
            .err()
            .unwrap(),
    );
    assert_eq!(failure.path, data_dir);
    assert!(
        matches!(failure.problem, StartProblem::DataFolder { .. }),
        "{:?}",
        failure.problem
    );
    assert!(
        failure.to_string().contains("INVALIDATOR_DATA_DIR"),
        "{failure}"
    );

    // The same journal failures from the CLI's side: Journal::open names them too.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        invalidator::data_dir::journal_path(dir.path()),
        vec![0xFFu8; 4096],
    )
    .unwrap();
    let err =
        invalidator::Journal::open(&invalidator::data_dir::journal_path(dir.path())).unwrap_err();
    assert!(
        err.to_string().contains("not an Invalidator journal"),
        "{err}"
    );
}

#[tokio::test]
async fn a_sandbox_jobs_file_torn_inside_a_character_does_not_stop_the_start() {
    let dir = tempfile::tempdir().unwrap();
    let jobs = dir.path().join("sandbox").join("jobs.jsonl");
    std::fs::create_dir_all(jobs.parent().unwrap()).unwrap();
    let mut bytes =
        br#"{"uuid":"u-1","addedAt":"2026-01-01T00:00:00Z","scope":"original","urls":["/caf"#
            .to_vec();
    bytes.push(0xC3);
    std::fs::write(&jobs, &bytes).unwrap();
    let desktop = start_desktop(dir.path(), Arc::new(MemoryStore::default())).await;
    let submitted = desktop
        .submit(
            "sandbox",
            invalidator::ScopeKind::Original,
            &"/after.jpg".into(),
            None,
        )
        .await
        .unwrap();
    crate::common::wait_code(desktop.journal(), submitted.request_ids[0], "done").await;
    desktop.shutdown().await;
}
