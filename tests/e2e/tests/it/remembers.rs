//! The window remembers where it was, the log its filters and the language chosen, across
//! restarts, in the data folder's `ui-state.json`: a state cheap to lose. A torn file means
//! defaults and leaves
//! `settings.json` alone; a place on no screen comes back on one. The real window, moved as
//! a person (or a window manager) moves it, closed as a window manager closes it.

use std::path::Path;
use std::time::{Duration, Instant};

use fantoccini::{Client, Locator};

use crate::ui::{ONE_AT_A_TIME, app_binary};

const PATIENCE: Duration = Duration::from_secs(60);
const STATUS: &str = "#filter-status";

/// The app on `data`, through tauri-driver; the log's status filter on screen.
async fn open(data: &Path) -> (invalidator_e2e::Driver, Client) {
    let env = vec![("INVALIDATOR_DATA_DIR", data.display().to_string())];
    let driver = invalidator_e2e::Driver::start(&env);
    let client = driver.session(&app_binary()).await;
    let deadline = Instant::now() + PATIENCE;
    while client.find(Locator::Css(STATUS)).await.is_err() {
        assert!(Instant::now() < deadline, "the log never showed");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    (driver, client)
}

async fn status_filter(client: &Client) -> String {
    let select = client.find(Locator::Css(STATUS)).await.unwrap();
    select.prop("value").await.unwrap().unwrap_or_default()
}

/// Closes the window as a window manager does, and waits for the app to end. Under Xvfb with
/// no window manager, GTK now and then drops a close message that comes within moments of
/// the page showing (the app logs no close request at all); a person would click again, and
/// so does this, at most three times.
async fn close() {
    for _ in 0..3 {
        let pid = invalidator_e2e::close_window("Invalidator")
            .unwrap()
            .expect("the window is on the display");
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
            if status.is_empty() || status.contains("State:\tZ") {
                return;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
    panic!("the app did not close");
}

fn geometry() -> (i32, i32, u32, u32) {
    invalidator_e2e::window_geometry("Invalidator")
        .unwrap()
        .expect("the window is on the display")
}

/// Waits until the window is at `want` (the app places it as it starts).
async fn placed_at(want: (i32, i32, u32, u32)) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while geometry() != want {
        assert!(
            Instant::now() < deadline,
            "the window is at {:?}, not {want:?}",
            geometry()
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// The window as a first start has it: the default size, no status filter, the system's
/// language, and no error for a `ui-state.json` that is cheap to lose (`after`: what it read).
async fn at_defaults(client: &Client, after: &str) {
    let (_, _, width, height) = geometry();
    assert_eq!(
        (width, height),
        (1180, 780),
        "the default size after {after}"
    );
    assert_eq!(
        status_filter(client).await,
        "",
        "no status filter after {after}"
    );
    assert!(
        client
            .find(Locator::Css("select[aria-label='Language']"))
            .await
            .is_ok(),
        "the system's language after {after}"
    );
    assert!(
        client.find(Locator::Css("[role=alert]")).await.is_err(),
        "no error after {after}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_window_and_the_filters_are_as_they_were_left() {
    let _one = ONE_AT_A_TIME.lock().await;
    let data = tempfile::tempdir().unwrap();
    let state = data.path().join("ui-state.json");
    let settings = data.path().join("settings.json");

    // First start: the defaults. The user picks a filter and moves the window.
    let (driver, client) = open(data.path()).await;
    let (_, _, width, height) = geometry();
    assert_eq!((width, height), (1180, 780), "the default size");
    assert_eq!(status_filter(&client).await, "");
    client
        .find(Locator::Css(STATUS))
        .await
        .unwrap()
        .select_by_value("failed")
        .await
        .unwrap();
    client
        .find(Locator::Css("select[aria-label='Language']"))
        .await
        .unwrap()
        .select_by_value("fr")
        .await
        .unwrap();
    assert!(invalidator_e2e::place_window("Invalidator", 130, 90, 900, 600).unwrap());
    placed_at((130, 90, 900, 600)).await;
    // The store writes a moment after a change; closing writes it too.
    tokio::time::sleep(Duration::from_millis(800)).await;
    close().await;
    drop(client);
    drop(driver);
    let kept: serde_json::Value = serde_json::from_slice(&std::fs::read(&state).unwrap()).unwrap();
    assert_eq!(kept["logFilters"]["status"], "failed", "{kept}");
    assert_eq!(kept["language"], "fr", "{kept}");
    let settings_before = std::fs::read(&settings).ok();

    // Second start: as it was left.
    let (driver, client) = open(data.path()).await;
    placed_at((130, 90, 900, 600)).await;
    assert_eq!(status_filter(&client).await, "failed");
    let language = client
        .find(Locator::Css("select[aria-label='Langue']"))
        .await
        .expect("the window speaks French again");
    assert_eq!(language.prop("value").await.unwrap().as_deref(), Some("fr"));
    close().await;
    drop(client);
    drop(driver);

    // A place on no screen (the screen it was on is gone): back on this one, same size.
    let mut kept: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&state).unwrap()).unwrap();
    let layout = kept["placements"]
        .as_object()
        .unwrap()
        .keys()
        .next()
        .unwrap()
        .clone();
    kept["placements"][&layout]["x"] = 5000.into();
    std::fs::write(&state, serde_json::to_vec(&kept).unwrap()).unwrap();
    let (driver, client) = open(data.path()).await;
    placed_at((190, 130, 900, 600)).await;
    close().await;
    drop(client);
    drop(driver);

    // A torn file: defaults, no error, and the settings as they were.
    let whole = std::fs::read(&state).unwrap();
    std::fs::write(&state, &whole[..whole.len() / 2]).unwrap();
    let (driver, client) = open(data.path()).await;
    at_defaults(&client, "a torn file").await;
    close().await;
    drop(client);
    drop(driver);

    // Values of the wrong type (another version's, a hand's): each is a default, no error.
    std::fs::write(
        &state,
        r#"{"logFilters": {"status": 42, "projectId": ["x"]}, "language": 7, "placements": "here"}"#,
    )
    .unwrap();
    let (driver, client) = open(data.path()).await;
    at_defaults(&client, "values of the wrong type").await;
    close().await;
    drop(client);
    drop(driver);
    assert_eq!(
        std::fs::read(&settings).ok(),
        settings_before,
        "settings.json untouched"
    );
}
