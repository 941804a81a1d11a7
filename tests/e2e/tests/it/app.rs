//! The real app, in a real window (under Xvfb), driven through tauri-driver and
//! WebKitWebDriver, with the real keychain (scripts/with-keychain) and a sandbox on 127.0.0.1.
//! Run by scripts/test after the app is built; screenshots of each state go to
//! target/e2e-screenshots/.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use cloudimage_sandbox::{SANDBOX_KEY, Sandbox, SandboxConfig};
use fantoccini::Locator;
use serde_json::json;

use crate::ui::{Driver, ONE_AT_A_TIME, PATIENCE, Ui, shots_dir, workspace};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_manager_adds_a_project_invalidates_retries_and_comes_back() {
    let _one = ONE_AT_A_TIME.lock().await;
    assert!(
        std::env::var_os("DISPLAY").is_some(),
        "needs a display: run under xvfb-run (scripts/test does)"
    );
    let shots = shots_dir();
    let data = tempfile::tempdir().unwrap();

    // The "real" project's service: a sandbox of the test's own, reached through
    // INVALIDATOR_API_BASE as a real base would be.
    let mut config = SandboxConfig::in_data_dir(&data.path().join("service"));
    config.step = Duration::from_millis(300);
    let service = Sandbox::start(config).await.unwrap();
    // A home of its own: where "Export…" suggests saving.
    let home = tempfile::tempdir().unwrap();
    let env = vec![
        ("INVALIDATOR_DATA_DIR", data.path().display().to_string()),
        ("INVALIDATOR_API_BASE", service.base_url()),
        ("INVALIDATOR_POLL_MS", "300".to_owned()),
        ("INVALIDATOR_SANDBOX_STEP_MS", "300".to_owned()),
        ("HOME", home.path().display().to_string()),
    ];

    let driver = Driver::start(&env);
    eprintln!("e2e: tauri-driver on port {}", driver.0.port);
    let ui = Ui {
        client: driver.session().await,
        shots: shots.clone(),
    };
    eprintln!("e2e: session open");

    // First start: the Sandbox project, said to be one, and an empty log.
    ui.wait_text("#sandbox-banner", "Nothing reaches a real CDN")
        .await;
    ui.wait_text(".log", "No invalidations yet.").await;
    ui.shot("01-first-start").await;

    // Add a project with its key; test the connection; save.
    ui.button("Projects…").await.click().await.unwrap();
    ui.click("#add-project").await;
    ui.type_into("#project-name", "E2E Shop").await;
    ui.type_into("#project-key", SANDBOX_KEY).await;
    ui.type_into("#project-base", "https://api.cloudimage.com")
        .await;
    // Where the project's files are served: the service's CDN.
    ui.type_into("#project-delivery", &service.delivery_base())
        .await;
    ui.button("Test connection").await.click().await.unwrap();
    ui.wait_text("#test-result", "accepted the key").await;
    ui.shot("02-project-form-tested").await;
    ui.click("#project-save").await;
    ui.wait_text(
        "#projects-dialog .key",
        "saved in the keychain: ••••••••6789",
    )
    .await;
    ui.shot("03-projects").await;
    assert!(
        !ui.everything().await.contains(SANDBOX_KEY),
        "the key is in the DOM"
    );
    ui.click("#projects-dialog button.close").await;

    // Twelve paths become two requests that reach Done.
    ui.click("#add-invalidation").await;
    let paths: Vec<String> = (1..=12).map(|i| format!("/e2e/img-{i:02}.jpg")).collect();
    // One per line, typed with the Enter key as a person would.
    let enter = char::from(fantoccini::key::Key::Enter).to_string();
    ui.type_into("#paths-input", &paths.join(&enter)).await;
    ui.wait_text("#preview", "12 paths").await;
    ui.wait_text("#preview", "2 requests").await;
    ui.shot("04-form-preview").await;
    ui.click("#send").await;
    ui.newest_batch_reaches(2, "done").await;
    ui.shot("05-twelve-paths-done").await;

    // Done, the batch (12 paths, within the project's 50) is checked at the delivery base by
    // itself: every path is served fresh, in the row and path by path in See links.
    ui.wait_text("tbody.batch tr.request .served", "served fresh")
        .await;
    ui.click("tbody.batch tr.request .actions button").await;
    ui.wait_text("#freshness-summary", "served fresh").await;
    ui.wait_text("#details-dialog td.verdict", "Served fresh")
        .await;
    ui.shot("05a-served-fresh").await;
    // Check now asks again: the copy is a HIT now, fetched after the flush.
    ui.click("#check-delivery").await;
    ui.wait_text("#details-dialog td.verdict", "x-cache: HIT")
        .await;
    ui.wait_text("#freshness-summary", "served fresh").await;
    ui.click("#details-dialog button.close").await;

    // A file a CDN node keeps serving from its old copy: still cached, with the headers.
    ui.click("#add-invalidation").await;
    ui.type_into("#paths-input", "/e2e/sandbox-stale.jpg").await;
    ui.wait_text("#preview", "1 path").await;
    ui.click("#send").await;
    ui.newest_batch_reaches(1, "done").await;
    ui.wait_text("tbody.batch tr.request .served", "1 of 1 still cached")
        .await;
    ui.click("tbody.batch tr.request .actions button").await;
    ui.wait_text("#details-dialog td.verdict", "Still cached")
        .await;
    ui.wait_text("#details-dialog td.verdict", "Age: ").await;
    ui.shot("05b-still-cached").await;
    ui.click("#details-dialog button.close").await;

    // The CLI, using the project the app saved (its key from the keychain), writes to the
    // same journal while the app is open: the log shows it, and the app follows it to Done.
    let mut cli = Command::new(workspace().join("target/debug/invalidator"));
    cli.env("INVALIDATOR_DATA_DIR", data.path())
        .env("INVALIDATOR_API_BASE", service.base_url())
        .env_remove("INVALIDATOR_API_KEY")
        .args(["--project", "E2E Shop", "submit", "/e2e/from-the-cli.jpg"]);
    let output = tokio::task::spawn_blocking(move || cli.output().unwrap())
        .await
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    ui.wait_text("tbody.batch .batch-head", "from the command line")
        .await;
    ui.newest_batch_reaches(1, "done").await;
    ui.shot("05c-from-the-cli").await;

    // A path the service fails: the error shows; Retry; the retry is Done and the original
    // stays in the log.
    ui.click("#add-invalidation").await;
    ui.type_into("#paths-input", "/e2e/sandbox-error.jpg").await;
    ui.wait_text("#preview", "1 path").await;
    ui.click("#send").await;
    ui.newest_batch_reaches(1, "error").await;
    ui.click("tr.request[data-code='error'] .actions button")
        .await;
    ui.wait_text("#details-dialog", "Error").await;
    ui.wait_text("#details-dialog .result-failed", "Failed")
        .await;
    ui.shot("06-error-details").await;
    ui.click("#retry").await;
    ui.newest_batch_reaches(1, "done").await;
    ui.wait_count("tr.request[data-code='error']", 1).await;
    ui.shot("07-retried").await;

    // Scope All, confirmed by typing the project's name.
    ui.click("#add-invalidation").await;
    ui.click("input[name='scope'][value='all']").await;
    ui.wait_text("#add-dialog", "This flushes the whole cache of E2E Shop")
        .await;
    assert!(
        !ui.wait("#send").await.is_enabled().await.unwrap(),
        "not before confirming"
    );
    ui.type_into("#confirm-input", "E2E Shop").await;
    ui.shot("08-scope-all-confirm").await;
    ui.click("#send").await;
    ui.newest_batch_reaches(1, "done").await;
    ui.wait_text("tbody.batch td.paths", "Whole cache").await;

    // Export…: the system's save dialog, accepted with Return as a person would; the file
    // lands in the suggested folder (HOME) and reads back.
    ui.click("#export-csv").await;
    let deadline = Instant::now() + PATIENCE;
    while !invalidator_e2e::press_return_in("Export the log").unwrap() {
        assert!(Instant::now() < deadline, "no save dialog");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    ui.wait_text(".toast", "Exported").await;
    let exported = std::fs::read_dir(home.path())
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "csv"))
        .expect("the CSV was saved in the suggested folder");
    let csv = std::fs::read_to_string(&exported).unwrap();
    assert!(csv.starts_with("batch,request,created_at,project,api_base,scope,invalidation_id"));
    assert!(csv.contains("/e2e/from-the-cli.jpg"), "{csv}");
    assert!(csv.contains("E2E Shop"));
    assert!(
        csv.contains("1 still cached"),
        "the checks are exported: {csv}"
    );
    assert!(!csv.contains(SANDBOX_KEY), "the export holds the key");

    let rows_before = ui.wait_count("tr.request", 7).await.len();
    assert!(
        !ui.everything().await.contains(SANDBOX_KEY),
        "the key is in the DOM"
    );
    // Every view so far rendered under a CSP without 'unsafe-inline': nothing was blocked.
    let blocked = ui
        .client
        .execute(
            "return document.documentElement.dataset.cspViolations ?? null;",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(
        blocked,
        serde_json::Value::Null,
        "the CSP blocked something"
    );
    // On Linux the page names generic font families only: each family fontconfig is asked
    // for and lacks cost the first layout ~100 ms (ARCHITECTURE.md, "Fonts").
    let fonts = ui
        .client
        .execute(
            "return [document.documentElement.dataset.platform, \
               getComputedStyle(document.body).fontFamily, \
               getComputedStyle(document.querySelector('.mono')).fontFamily];",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(fonts, json!(["linux", "sans-serif", "monospace"]));
    ui.client.close().await.unwrap();
    drop(driver);

    // The key is nowhere but the keychain.
    for file in ["settings.json", "journal.sqlite3"] {
        let bytes = std::fs::read(data.path().join(file)).unwrap();
        assert!(
            !bytes
                .windows(SANDBOX_KEY.len())
                .any(|w| w == SANDBOX_KEY.as_bytes()),
            "{file} holds the key"
        );
    }

    // Quit and start again: the log is there, the key is not asked for, and it works.
    let driver = Driver::start(&env);
    let ui = Ui {
        client: driver.session().await,
        shots,
    };
    let rows_after = ui.wait_count("tr.request", rows_before).await.len();
    assert_eq!(rows_after, rows_before);
    ui.wait_text("select[aria-label='Project'] option:checked", "E2E Shop")
        .await;
    ui.click("#add-invalidation").await;
    ui.type_into("#paths-input", "/e2e/after-restart.jpg").await;
    ui.wait_text("#preview", "1 path").await;
    ui.click("#send").await;
    ui.newest_batch_reaches(1, "done").await;
    ui.shot("09-after-restart").await;
    ui.button("Projects…").await.click().await.unwrap();
    ui.wait_text("#projects-dialog .key", "saved in the keychain")
        .await;
    assert!(
        !ui.everything().await.contains(SANDBOX_KEY),
        "the key is in the DOM"
    );
    ui.client.close().await.unwrap();
    drop(driver);

    let uuids: Vec<String> = service.jobs().into_iter().map(|j| j.scope).collect();
    assert_eq!(uuids.iter().filter(|s| *s == "all").count(), 1);
}

/// A manager pastes a catalogue of 20,000 URLs and sends it: the list is kept out of the text
/// box, the preview groups its notices, the batch of 2,000 requests shows collapsed with its
/// counts, and the window answers clicks throughout (each click has its effect).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_catalogue_of_20000_lines_is_pasted_and_sent() {
    let _one = ONE_AT_A_TIME.lock().await;
    let shots = shots_dir();
    let data = tempfile::tempdir().unwrap();
    let env = vec![
        ("INVALIDATOR_DATA_DIR", data.path().display().to_string()),
        ("INVALIDATOR_POLL_MS", "300".to_owned()),
        ("INVALIDATOR_SANDBOX_STEP_MS", "300".to_owned()),
    ];
    let driver = Driver::start(&env);
    let ui = Ui {
        client: driver.session().await,
        shots,
    };
    ui.wait_text("#sandbox-banner", "Nothing reaches a real CDN")
        .await;
    ui.click("#add-invalidation").await;
    ui.wait("#paths-input").await;
    let catalogue: String = (0..20_000)
        .map(|i| format!("https://token.cloudimg.io/catalog/item-{i}.jpg?w=600\n"))
        .collect();
    // A paste, as the clipboard delivers it to the text box.
    ui.client
        .execute(
            "const data = new DataTransfer(); data.setData('text/plain', arguments[0]);
             const paste = new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true });
             document.getElementById('paths-input').dispatchEvent(paste);",
            vec![json!(catalogue)],
        )
        .await
        .unwrap();
    ui.wait_text("#staged-list", "20,000 lines").await;
    ui.wait_text("#preview", "20,000 paths").await;
    ui.wait_text("#preview", "2,000 requests").await;
    ui.wait_text("#preview", "and 19,995 more like this").await;
    assert!(
        ui.client.find(Locator::Css("#paths-input")).await.is_err(),
        "the catalogue went into the text box"
    );
    // The window answers: "See all" shows the next notices of a group.
    ui.click(".group[data-kind='queryStripped'] button.link")
        .await;
    ui.wait_count(".group[data-kind='queryStripped'] li", 200)
        .await;
    ui.shot("12-catalogue-preview").await;
    ui.click("#send").await;

    // The batch: collapsed, counted, expandable; clicks keep having their effect meanwhile.
    ui.wait("[data-big-batch]").await;
    ui.wait_text("tbody.batch .batch-head", "2,000 requests")
        .await;
    let rows = ui.wait_count("tr.request", 20).await.len();
    assert_eq!(rows, 20, "rows beyond the first page were built");
    for theme in ["dark", "light"] {
        ui.wait("select[aria-label='Theme']")
            .await
            .select_by_value(theme)
            .await
            .unwrap();
        ui.wait(&format!("html[data-theme='{theme}']")).await;
    }
    ui.click("tr.more-requests button").await;
    ui.wait_count("tr.request", 40).await;
    ui.wait_text("[data-big-batch] .counts", "done").await;
    ui.client
        .execute("window.scrollTo(0, 0);", vec![])
        .await
        .unwrap();
    ui.shot("13-catalogue-sent").await;

    // Too big to be checked at the CDN by itself; checked on demand, with progress and Stop.
    ui.click("button.check-batch").await;
    ui.wait_text("[data-checking]", "Checking at the CDN").await;
    ui.wait_text("[data-big-batch] .served", "served fresh")
        .await;
    ui.shot("14-catalogue-checking").await;
    ui.click("[data-checking] button").await;
    ui.wait_text(".toast", "checking stopped after").await;
    ui.wait("button.check-batch").await;
    ui.client.close().await.unwrap();
}

/// Waits until process `pid` has exited.
async fn wait_exit(pid: u32) {
    let deadline = Instant::now() + PATIENCE;
    while Path::new(&format!("/proc/{pid}")).exists() {
        // A zombie has exited: its status says so.
        let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
        if status.contains("State:\tZ") {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "the app (pid {pid}) did not exit"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// A torn settings file: the window says so and writes nothing; closed the way a window
/// manager closes it, the app leaves the file byte for byte. A journal from a newer version:
/// the window says only that, with the path and what to do, and quits.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn damaged_files_are_explained_and_left_as_they_are() {
    let _one = ONE_AT_A_TIME.lock().await;
    let shots = shots_dir();
    let data = tempfile::tempdir().unwrap();
    let settings = data.path().join("settings.json");
    let torn = br#"{"projects": [{"id": "shop", "name": "Winter Sh"#;
    std::fs::write(&settings, torn).unwrap();
    let env = vec![("INVALIDATOR_DATA_DIR", data.path().display().to_string())];
    let driver = Driver::start(&env);
    let ui = Ui {
        client: driver.session().await,
        shots: shots.clone(),
    };
    ui.wait_text("#settings-banner", "cannot be read").await;
    ui.wait_text("#settings-banner", &settings.display().to_string())
        .await;
    ui.wait_text("#settings-banner", "nothing is written to the file")
        .await;
    ui.shot("10-settings-damaged").await;
    let pid = invalidator_e2e::close_window("Invalidator")
        .expect("the display answers")
        .expect("the app's window is on the display");
    wait_exit(pid).await;
    drop(driver);
    assert_eq!(
        std::fs::read(&settings).unwrap(),
        torn,
        "the settings file was changed"
    );

    let data = tempfile::tempdir().unwrap();
    let journal = data.path().join("journal.sqlite3");
    drop(invalidator::Journal::open(&journal).unwrap());
    rusqlite::Connection::open(&journal)
        .unwrap()
        .pragma_update(None, "user_version", 99)
        .unwrap();
    let before = std::fs::read(&journal).unwrap();
    let env = vec![("INVALIDATOR_DATA_DIR", data.path().display().to_string())];
    let driver = Driver::start(&env);
    let ui = Ui {
        client: driver.session().await,
        shots,
    };
    ui.wait_text("#startup-failure", "Invalidator cannot start")
        .await;
    ui.wait_text("#startup-failure", &journal.display().to_string())
        .await;
    ui.wait_text("#startup-failure", "newer version of Invalidator")
        .await;
    ui.shot("11-cannot-start").await;
    // The app quits while the click is answered: the driver may report the click as failed.
    let _ = ui.button("Quit").await.click().await;
    let deadline = Instant::now() + PATIENCE;
    while invalidator_e2e::window_exists("Invalidator").unwrap() {
        assert!(Instant::now() < deadline, "the app did not quit");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    drop(driver);
    assert_eq!(
        std::fs::read(&journal).unwrap(),
        before,
        "the journal was changed"
    );
}

/// Not a test: refreshes the README's screenshots (docs/) from a Sandbox session.
///   xvfb-run -a -s "-screen 0 1280x860x24" scripts/with-keychain \
///     cargo test -p invalidator-e2e -- --ignored readme_screenshots
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore]
async fn readme_screenshots() {
    let docs = workspace().join("docs");
    std::fs::create_dir_all(&docs).unwrap();
    let data = tempfile::tempdir().unwrap();
    let env = vec![
        ("INVALIDATOR_DATA_DIR", data.path().display().to_string()),
        ("INVALIDATOR_POLL_MS", "400".to_owned()),
        ("INVALIDATOR_SANDBOX_STEP_MS", "1500".to_owned()),
    ];
    let driver = Driver::start(&env);
    let ui = Ui {
        client: driver.session().await,
        shots: docs.clone(),
    };
    ui.wait_text("#sandbox-banner", "Nothing reaches a real CDN")
        .await;
    let enter = char::from(fantoccini::key::Key::Enter).to_string();
    for text in [
        "/campaigns/winter_sale/banner.jpg",
        "/campaigns/winter_sale/hero-sandbox-error.jpg",
        "/sample.li/boat.jpg,/sample.li/birds.jpg,/sample.li/flat.jpg,/sample.li/tree.jpg",
        "https://token.cloudimg.io/v7/catalog/shoes/*?w=600",
    ] {
        ui.click("#add-invalidation").await;
        ui.type_into("#paths-input", &text.replace(',', &enter))
            .await;
        ui.wait_text("#preview", "→").await;
        ui.click("#send").await;
        tokio::time::sleep(Duration::from_millis(2500)).await;
    }
    ui.wait_count("tr.request[data-code='error']", 1).await;
    tokio::time::sleep(Duration::from_millis(1200)).await;
    ui.shot("screenshot").await;
    ui.wait("select[aria-label='Theme']")
        .await
        .select_by_value("dark")
        .await
        .unwrap();
    ui.shot("screenshot-dark").await;
    ui.click("#add-invalidation").await;
    ui.type_into(
        "#paths-input",
        &[
            "/products/red-shoe.jpg",
            "https://token.cloudimg.io/v7/products/red-shoe.jpg?w=300",
            "products/blue.jpg",
        ]
        .join(&enter),
    )
    .await;
    ui.wait_text("#preview", "does not start with /").await;
    ui.shot("screenshot-form").await;
    ui.client.close().await.unwrap();
}
