//! One app per data folder, as a person launches it: from a menu, again and again. The real
//! binary under Xvfb, on the private session bus `scripts/with-keychain` runs.

use std::path::Path;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use crate::ui::{ONE_AT_A_TIME, app_binary};

const PATIENCE: Duration = Duration::from_secs(60);

/// The app on data folder `data`, killed on drop.
struct App(Child);

impl App {
    fn launch(data: &Path, extra: &[(&str, &str)]) -> App {
        let mut command = Command::new(app_binary());
        command
            .env("INVALIDATOR_DATA_DIR", data)
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        for (name, value) in extra {
            command.env(name, value);
        }
        App(command.spawn().expect("the app starts"))
    }

    fn pid(&self) -> u32 {
        self.0.id()
    }

    /// Its exit status, once it has exited within `within`; `None` while it runs.
    async fn exited_within(&mut self, within: Duration) -> Option<ExitStatus> {
        let deadline = Instant::now() + within;
        loop {
            if let Some(status) = self.0.try_wait().unwrap() {
                return Some(status);
            }
            if Instant::now() > deadline {
                return None;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}

impl Drop for App {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// The first line of the app's log holding `needle`, once the log has it.
async fn log_line(data: &Path, needle: &str) -> String {
    let deadline = Instant::now() + PATIENCE;
    loop {
        let log = log_of(data);
        if let Some(line) = log.lines().find(|line| line.contains(needle)) {
            return line.to_owned();
        }
        assert!(
            Instant::now() < deadline,
            "the log never said {needle:?}: {log}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Waits until the apps with an "Invalidator" window on the display are `pids`, in any order.
async fn windows_become(pids: &[u32]) {
    let mut want = pids.to_vec();
    want.sort_unstable();
    let deadline = Instant::now() + PATIENCE;
    loop {
        let mut seen = invalidator_e2e::windows_titled("Invalidator").expect("the display answers");
        seen.sort_unstable();
        if seen == want {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "windows of {seen:?}, not of {want:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

fn log_of(data: &Path) -> String {
    let mut text = String::new();
    for entry in std::fs::read_dir(data.join("logs"))
        .into_iter()
        .flatten()
        .flatten()
    {
        if entry.file_name().to_string_lossy().starts_with("app.") {
            text.push_str(&std::fs::read_to_string(entry.path()).unwrap_or_default());
        }
    }
    text
}

/// A second launch on the same data folder hands over to the first app, which shows its
/// window, and exits; one window, one engine. On another folder, a launch runs on its own.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_second_launch_shows_the_first_window_and_exits() {
    let _one = ONE_AT_A_TIME.lock().await;
    let data = tempfile::tempdir().unwrap();
    let first = App::launch(data.path(), &[]);
    windows_become(&[first.pid()]).await;
    // Its window can show before its engine is up (the log line comes last, and a loaded
    // machine once read the log between the two): started is what the count below counts.
    log_line(data.path(), "app started").await;

    // The user launches the app again.
    let mut second = App::launch(data.path(), &[]);
    let status = second.exited_within(PATIENCE).await;
    assert!(
        status.is_some_and(|s| s.success()),
        "the second launch handed over and exited quietly: {status:?}"
    );
    windows_become(&[first.pid()]).await;
    // The first app was asked to show its window (shown, unminimised, given the keyboard).
    // Whether the keyboard arrives is not asserted: with no window manager the X server
    // ignores a focus request whose timestamp is older than the last focus change, and it
    // now and then is (seen in a clean-clone run).
    assert!(log_of(data.path()).contains("launched again on this data folder"));
    assert_eq!(
        log_of(data.path()).matches("app started").count(),
        1,
        "one engine on the folder"
    );

    // Another data folder: another app, side by side.
    let other = tempfile::tempdir().unwrap();
    let mut third = App::launch(other.path(), &[]);
    windows_become(&[first.pid(), third.pid()]).await;
    assert_eq!(third.exited_within(Duration::from_millis(500)).await, None);
}

/// With no session bus, nothing can tell another instance: the app says so in its log and
/// starts all the same.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_a_session_bus_the_app_still_starts() {
    let _one = ONE_AT_A_TIME.lock().await;
    let data = tempfile::tempdir().unwrap();
    let nowhere = format!("unix:path={}", data.path().join("no-bus").display());
    let app = App::launch(data.path(), &[("DBUS_SESSION_BUS_ADDRESS", &nowhere)]);
    windows_become(&[app.pid()]).await;
    log_line(data.path(), "single-instance").await;
}

/// The page is painted without WebKit's compositing (src-tauri `webview.rs`), unless the user
/// chose: `WEBKIT_DISABLE_COMPOSITING_MODE=0` is left as it is.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_page_is_painted_without_compositing_unless_the_user_chose() {
    let _one = ONE_AT_A_TIME.lock().await;
    for (chosen, said) in [(None, "flat"), (Some("0"), "composited")] {
        let data = tempfile::tempdir().unwrap();
        let extra: Vec<(&str, &str)> = chosen
            .map(|value| ("WEBKIT_DISABLE_COMPOSITING_MODE", value))
            .into_iter()
            .collect();
        let app = App::launch(data.path(), &extra);
        windows_become(&[app.pid()]).await;
        let line = log_line(data.path(), "web view painting").await;
        assert!(
            line.contains(&format!("painting=\"{said}\"")),
            "with {chosen:?}: {line:?}"
        );
        drop(app);
        windows_become(&[]).await;
    }
}
