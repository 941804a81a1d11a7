//! The package as a manager gets it: the .deb that scripts/package builds, extracted into a
//! temp root (dpkg-deb -x). Its command line sends to a sandbox and follows to Done; its app
//! opens under Xvfb through tauri-driver and shows the log. A release build is too slow for
//! every CI run, so this test skips, saying why, when no package was built.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::Locator;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

/// The newest .deb under target/release/bundle/deb, if one was built.
fn built_package() -> Option<PathBuf> {
    let dir = workspace().join("target/release/bundle/deb");
    std::fs::read_dir(dir)
        .ok()?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "deb"))
        .max_by_key(|p| p.metadata().and_then(|m| m.modified()).ok())
}

fn field(deb: &Path, name: &str) -> String {
    let out = Command::new("dpkg-deb")
        .args(["-f"])
        .arg(deb)
        .arg(name)
        .output()
        .expect("dpkg-deb runs");
    String::from_utf8_lossy(&out.stdout).trim().to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_package_holds_a_working_command_line_and_app() {
    let Some(deb) = built_package() else {
        eprintln!(
            "skipped: no package in target/release/bundle/deb (scripts/package builds one; it \
             takes a release build, too slow for every CI run)"
        );
        return;
    };
    eprintln!("package: {}", deb.display());
    // Its window shares the display with the other tests' windows.
    let _one = crate::ui::ONE_AT_A_TIME.lock().await;
    // What apt shows: a real description, a maintainer, and what it needs.
    assert!(field(&deb, "Description").contains("Invalidate Cloudimage CDN caches"));
    assert!(field(&deb, "Maintainer").contains("Invalidator"));
    assert!(field(&deb, "Depends").contains("libwebkit2gtk-4.1"));
    assert!(field(&deb, "Recommends").contains("gnome-keyring"));

    let root = tempfile::tempdir().unwrap();
    let status = Command::new("dpkg-deb")
        .arg("-x")
        .arg(&deb)
        .arg(root.path())
        .status()
        .unwrap();
    assert!(status.success(), "dpkg-deb -x failed");
    let cli = root.path().join("usr/bin/invalidator");
    let app = root.path().join("usr/bin/invalidator-app");
    assert!(cli.exists() && app.exists(), "both programs are on PATH");
    let desktop_entries: Vec<PathBuf> =
        std::fs::read_dir(root.path().join("usr/share/applications"))
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .collect();
    assert!(
        desktop_entries.iter().any(|p| std::fs::read_to_string(p)
            .unwrap()
            .contains("Exec=invalidator-app")),
        "{desktop_entries:?}"
    );
    assert!(root.path().join("usr/share/icons/hicolor").exists());

    let version = Command::new(&cli).arg("--version").output().unwrap();
    assert!(
        String::from_utf8_lossy(&version.stdout).contains(env!("CARGO_PKG_VERSION")),
        "{version:?}"
    );

    // The extracted CLI against a sandbox of its own: submit, then watch to Done.
    let data = tempfile::tempdir().unwrap();
    let mut sandbox = Command::new(&cli)
        .args(["sandbox", "--step-ms", "100"])
        .env("INVALIDATOR_DATA_DIR", data.path().join("sandbox"))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(sandbox.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    let base = first
        .trim()
        .strip_prefix("Sandbox listening on ")
        .expect("the sandbox says where it listens")
        .to_owned();
    let run = |args: &[&str]| {
        Command::new(&cli)
            .args(args)
            .env("INVALIDATOR_DATA_DIR", data.path())
            .env("INVALIDATOR_API_BASE", &base)
            .env("INVALIDATOR_API_KEY", cloudimage_sandbox::SANDBOX_KEY)
            .env("INVALIDATOR_POLL_MS", "100")
            .env_remove("INVALIDATOR_PROJECT")
            .output()
            .unwrap()
    };
    let submitted = run(&["submit", "/package/a.jpg", "/package/b.jpg"]);
    assert!(submitted.status.success(), "{submitted:?}");
    let watched = run(&["watch"]);
    assert!(watched.status.success(), "{watched:?}");
    assert!(String::from_utf8_lossy(&watched.stdout).contains("All done."));
    let _ = sandbox.kill();
    let _ = sandbox.wait();

    // The extracted app, through tauri-driver: it opens and shows the log the CLI wrote.
    let driver = invalidator_e2e::Driver::start(&[(
        "INVALIDATOR_DATA_DIR",
        data.path().display().to_string(),
    )]);
    let client = driver.session(&app).await;
    let deadline = Instant::now() + Duration::from_secs(60);
    while client.find(Locator::Css("tr.request")).await.is_err() {
        assert!(
            Instant::now() < deadline,
            "the packaged app shows no log row"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let _ = client.close().await;
}
