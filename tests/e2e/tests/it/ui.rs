//! The app under test and the UI as a person uses it: what the e2e tests of the main flows
//! share (the app's binary, tauri-driver for it, waiting for what the page says, screenshots
//! taken when the page is painted).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::{Client, Locator};
use serde_json::json;

pub(crate) const PATIENCE: Duration = Duration::from_secs(60);

/// One app window at a time: the tests share the display, and each starts its own app.
pub(crate) static ONE_AT_A_TIME: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

pub(crate) fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

pub(crate) fn app_binary() -> PathBuf {
    let path = std::env::var_os("INVALIDATOR_APP_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace().join("target/debug/invalidator-app"));
    assert!(
        path.exists(),
        "{} is missing: build it first (scripts/test does: cargo build -p invalidator-app)",
        path.display()
    );
    path
}

/// The app on data folder `data`, its Sandbox's clock and first status check quick, through
/// tauri-driver (kept alive by the first half of the pair).
pub(crate) async fn open_on_sandbox(data: &Path) -> (invalidator_e2e::Driver, Client) {
    let env = vec![
        ("INVALIDATOR_DATA_DIR", data.display().to_string()),
        ("INVALIDATOR_SANDBOX_STEP_MS", "100".to_owned()),
        ("INVALIDATOR_POLL_MS", "100".to_owned()),
    ];
    let driver = invalidator_e2e::Driver::start(&env);
    let client = driver.session(&app_binary()).await;
    (driver, client)
}

/// tauri-driver for the app under test.
pub(crate) struct Driver(pub(crate) invalidator_e2e::Driver);

impl Driver {
    pub(crate) fn start(env: &[(&str, String)]) -> Driver {
        Driver(invalidator_e2e::Driver::start(env))
    }

    pub(crate) async fn session(&self) -> Client {
        self.0.session(&app_binary()).await
    }
}

/// The UI, as a person uses it.
pub(crate) struct Ui {
    pub(crate) client: Client,
    pub(crate) shots: PathBuf,
}

impl Ui {
    pub(crate) async fn wait(&self, css: &str) -> Element {
        let deadline = Instant::now() + PATIENCE;
        loop {
            if let Ok(found) = self.client.find(Locator::Css(css)).await {
                return found;
            }
            if Instant::now() > deadline {
                self.shot("timeout").await;
                panic!("no `{css}` on screen after {PATIENCE:?}");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    pub(crate) async fn wait_count(&self, css: &str, count: usize) -> Vec<Element> {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let found = self
                .client
                .find_all(Locator::Css(css))
                .await
                .unwrap_or_default();
            if found.len() >= count {
                return found;
            }
            if Instant::now() > deadline {
                self.shot("timeout").await;
                panic!("{} of `{css}` on screen, wanted {count}", found.len());
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits until an element matching `css` holds `text` (its DOM text, whether or not it
    /// is cut off on screen).
    pub(crate) async fn wait_text(&self, css: &str, text: &str) {
        let deadline = Instant::now() + PATIENCE;
        let mut seen = Vec::new();
        loop {
            let texts = self
                .client
                .execute(
                    "return Array.from(document.querySelectorAll(arguments[0])).map(e => e.textContent);",
                    vec![json!(css)],
                )
                .await
                .unwrap_or_default();
            seen = texts
                .as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|t| t.as_str().map(str::to_owned))
                        .collect()
                })
                .unwrap_or(seen);
            if seen.iter().any(|t| t.contains(text)) {
                return;
            }
            if Instant::now() > deadline {
                self.shot("timeout").await;
                panic!("`{css}` never said `{text}`; it said {seen:?}");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    pub(crate) async fn click(&self, css: &str) {
        self.wait(css)
            .await
            .click()
            .await
            .unwrap_or_else(|e| panic!("click {css}: {e}"));
    }

    pub(crate) async fn button(&self, text: &str) -> Element {
        let xpath = format!("//button[normalize-space(.)='{text}']");
        let deadline = Instant::now() + PATIENCE;
        loop {
            if let Ok(found) = self.client.find(Locator::XPath(&xpath)).await {
                return found;
            }
            if Instant::now() > deadline {
                self.shot("timeout").await;
                panic!("no button `{text}`");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    pub(crate) async fn type_into(&self, css: &str, text: &str) {
        let field = self.wait(css).await;
        field.clear().await.unwrap();
        field.send_keys(text).await.unwrap();
    }

    /// What a person sees: the display itself (ImageMagick's `import`), cut to the window's
    /// size. WebKitWebDriver's own screenshot can show an earlier paint of the page.
    pub(crate) async fn shot(&self, name: &str) {
        eprintln!("e2e: {name}");
        // Taken when the page says the last change is painted: two animation frames after it
        // (the first may be the one already under way), then a moment for the window to put
        // the frame on the screen, which is what `import` reads.
        let _ = self
            .client
            .execute_async(
                "const done = arguments[0];
                 requestAnimationFrame(() => requestAnimationFrame(() => done(true)));",
                vec![],
            )
            .await;
        tokio::time::sleep(Duration::from_millis(100)).await;
        let file = self.shots.join(format!("{name}.png"));
        let taken = Command::new("import")
            .args(["-window", "root", "-crop", "1180x780+0+0", "+repage"])
            .arg(&file)
            .status()
            .is_ok_and(|s| s.success());
        if !taken && let Ok(png) = self.client.screenshot().await {
            let _ = std::fs::write(&file, png);
        }
    }

    /// Everything the page holds: markup, visible text and the values of its fields.
    pub(crate) async fn everything(&self) -> String {
        let source = self.client.source().await.unwrap();
        let values = self
            .client
            .execute(
                "return document.body.innerText + '\\n' + \
                 Array.from(document.querySelectorAll('input, textarea')).map(e => e.value).join('\\n');",
                vec![],
            )
            .await
            .unwrap();
        format!("{source}\n{}", values.as_str().unwrap_or_default())
    }

    /// Waits until the newest batch (the log's first) has `count` requests, all at `code`.
    pub(crate) async fn newest_batch_reaches(&self, count: usize, code: &str) {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let codes = self
                .client
                .execute(
                    "const batch = document.querySelector('tbody.batch'); \
                     return batch ? Array.from(batch.querySelectorAll('tr.request')).map(r => r.dataset.code) : [];",
                    vec![],
                )
                .await
                .unwrap_or_default();
            let codes: Vec<&str> = codes
                .as_array()
                .map(|a| a.iter().filter_map(|c| c.as_str()).collect())
                .unwrap_or_default();
            if codes.len() == count && codes.iter().all(|c| *c == code) {
                return;
            }
            if Instant::now() > deadline {
                self.shot("timeout").await;
                panic!("the newest batch is {codes:?}, not {count} × {code}");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}
pub(crate) fn shots_dir() -> PathBuf {
    let shots = workspace().join("target/e2e-screenshots");
    std::fs::create_dir_all(&shots).unwrap();
    shots
}
