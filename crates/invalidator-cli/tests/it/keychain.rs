//! The OS keychain for real: a Secret Service on D-Bus (scripts/test starts one with an
//! unlocked gnome-keyring). Kept in its own file: keyring's default store is process-global.

use std::process::Command;
use std::time::Duration;

use cloudimage::ApiKey;
use cloudimage_sandbox::SANDBOX_KEY;
use invalidator::secrets::{Keychain, SecretStore, keychain_persists};

fn require_secret_service() {
    assert!(
        std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some(),
        "these tests need a Secret Service on a D-Bus session: run them through scripts/test"
    );
}

#[test]
fn the_default_store_persists() {
    assert!(
        keychain_persists(),
        "keyring is built without a persistent store: check its features"
    );
}

#[test]
fn keys_are_kept_read_back_and_deleted() {
    require_secret_service();
    let keychain = Keychain::with_service("io.invalidator.tests");
    let project = format!("roundtrip-{}", std::process::id());
    assert_eq!(
        keychain.retrieve(&project).unwrap(),
        None,
        "no entry is not an error"
    );
    keychain
        .persist(&project, &ApiKey::new("first_key_0000000000000000000"))
        .unwrap();
    keychain
        .persist(&project, &ApiKey::new("second_key_000000000000000000"))
        .unwrap();
    assert_eq!(
        keychain.retrieve(&project).unwrap().unwrap().expose(),
        "second_key_000000000000000000",
        "saving again replaces"
    );
    keychain.delete(&project).unwrap();
    assert_eq!(keychain.retrieve(&project).unwrap(), None);
    keychain.delete(&project).unwrap();
}

/// A key saved by one process (as the desktop app does) is used by another (the CLI), so
/// it really is in the keychain and not in memory.
#[tokio::test]
async fn the_cli_uses_the_key_a_saved_project_has_in_the_keychain() {
    require_secret_service();
    let dir = tempfile::tempdir().unwrap();
    let sandbox = crate::common::sandbox(&dir.path().join("sb"), Duration::ZERO).await;
    let base = sandbox.base_url();
    let project_id = format!("saved-{}", std::process::id());
    std::fs::write(
        dir.path().join("settings.json"),
        serde_json::json!({"projects": [{"id": project_id, "name": "Saved", "apiBase": base}]})
            .to_string(),
    )
    .unwrap();
    let keychain = Keychain::default();
    keychain
        .persist(&project_id, &ApiKey::new(SANDBOX_KEY))
        .unwrap();

    let mut submit = Command::new(env!("CARGO_BIN_EXE_invalidator"));
    submit
        .env_remove("INVALIDATOR_API_KEY")
        .env_remove("INVALIDATOR_API_BASE")
        .env("INVALIDATOR_DATA_DIR", dir.path())
        .args(["--project", "Saved", "submit", "/from-keychain.jpg"]);
    let output = tokio::task::spawn_blocking(move || submit.output().unwrap())
        .await
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(!stdout.contains(SANDBOX_KEY));
    assert_eq!(sandbox.jobs()[0].urls, ["/from-keychain.jpg"]);

    // Without the entry, the CLI says so instead of guessing.
    keychain.delete(&project_id).unwrap();
    let mut again = Command::new(env!("CARGO_BIN_EXE_invalidator"));
    again
        .env_remove("INVALIDATOR_API_KEY")
        .env("INVALIDATOR_DATA_DIR", dir.path())
        .args(["--project", "Saved", "submit", "/x.jpg"]);
    let output = tokio::task::spawn_blocking(move || again.output().unwrap())
        .await
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&output.stderr)
            .contains("the keychain holds no API key for project `Saved`")
    );
}

/// No Secret Service at all: a plain error, quickly, never a hang.
#[test]
fn an_unreachable_keychain_is_reported_not_waited_for() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("settings.json"),
        r#"{"projects": [{"id": "p", "name": "P", "apiBase": "http://127.0.0.1:9"}]}"#,
    )
    .unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_invalidator"))
        .env_remove("INVALIDATOR_API_KEY")
        .env("INVALIDATOR_DATA_DIR", dir.path())
        .env(
            "DBUS_SESSION_BUS_ADDRESS",
            format!("unix:path={}/no-bus", dir.path().display()),
        )
        .args(["--project", "P", "submit", "/x.jpg"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(4), "{stderr}");
    assert!(
        stderr.contains("the system keychain is not available"),
        "{stderr}"
    );
    assert!(
        stderr.contains("Or set INVALIDATOR_API_KEY for this run"),
        "{stderr}"
    );
}

/// A Secret Service that takes the connection and never answers (a locked keyring waiting
/// for a password prompt nobody sees): the CLI gives up after its timeout and says so.
#[test]
fn a_keychain_that_never_answers_is_given_up_on() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("settings.json"),
        r#"{"projects": [{"id": "p", "name": "P", "apiBase": "http://127.0.0.1:9"}]}"#,
    )
    .unwrap();
    let socket = dir.path().join("silent-bus");
    let listener = std::os::unix::net::UnixListener::bind(&socket).unwrap();
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for stream in listener.incoming().flatten() {
            held.push(stream); // accepted, never answered
        }
    });
    let mut child = Command::new(env!("CARGO_BIN_EXE_invalidator"))
        .env_remove("INVALIDATOR_API_KEY")
        .env("INVALIDATOR_DATA_DIR", dir.path())
        .env(
            "DBUS_SESSION_BUS_ADDRESS",
            format!("unix:path={}", socket.display()),
        )
        .args(["--project", "P", "submit", "/x.jpg"])
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // A hang would leave this test waiting for ever: stop it instead, and fail.
    let deadline = std::time::Instant::now() + Duration::from_secs(120);
    while child.try_wait().unwrap().is_none() {
        if std::time::Instant::now() > deadline {
            child.kill().unwrap();
            panic!("the CLI hung on a keychain that never answers");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(4), "{stderr}");
    assert!(
        stderr.contains("the system keychain did not answer within 10 s; it may be locked"),
        "{stderr}"
    );
}
