//! What axe-core 4 (its WCAG 2.1 A and AA rules) finds in the real window, state by state, in
//! the light and the dark theme: nothing. axe runs inside the page through WebDriver, from
//! the copy `npm ci` puts in `ui/node_modules`.

use std::time::{Duration, Instant};

use fantoccini::{Client, Locator};

use crate::ui::{ONE_AT_A_TIME, app_binary};

const PATIENCE: Duration = Duration::from_secs(60);

async fn wait(client: &Client, css: &str) -> fantoccini::elements::Element {
    let deadline = Instant::now() + PATIENCE;
    loop {
        if let Ok(found) = client.find(Locator::Css(css)).await {
            return found;
        }
        assert!(Instant::now() < deadline, "no `{css}` on screen");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Closes the open dialog `dialog` with its close button.
async fn close_dialog(client: &Client, dialog: &str) {
    client
        .execute(
            &format!("document.querySelector('{dialog} button.close').click()"),
            vec![],
        )
        .await
        .unwrap();
}

/// Presses the form's Send once the preview allows it.
async fn send_when_ready(client: &Client) {
    let send = wait(client, "#send").await;
    let deadline = Instant::now() + PATIENCE;
    while send.attr("disabled").await.unwrap().is_some() {
        assert!(Instant::now() < deadline, "Send never became ready");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    send.click().await.unwrap();
}

/// The violations axe finds in the page as it is now: one line each, with where.
async fn violations(client: &Client) -> Vec<String> {
    let axe = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../ui/node_modules/axe-core/axe.min.js"),
    )
    .expect("axe-core is installed (npm ci in ui/)");
    // Two frames: what axe reads is what was painted.
    client
        .execute_async(
            &format!(
                "{axe};\nconst done = arguments[arguments.length - 1];\
                 requestAnimationFrame(() => requestAnimationFrame(() => \
                   axe.run(document, {{ runOnly: {{ type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }} }})\
                     .then(r => done(r.violations.map(v => v.impact + ' ' + v.id + ': ' + \
                       v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' (' + (n.failureSummary || '').replace(/\\s+/g, ' ').slice(0, 160) + ')').join('; '))))\
                     .catch(e => done(['axe failed: ' + e]))));"
            ),
            vec![],
        )
        .await
        .expect("axe runs")
        .as_array()
        .map(|a| a.iter().filter_map(|v| v.as_str().map(str::to_owned)).collect())
        .unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_state_passes_axe_in_both_themes() {
    let _one = ONE_AT_A_TIME.lock().await;
    let data = tempfile::tempdir().unwrap();
    let (driver, client) = crate::ui::open_on_sandbox(data.path()).await;
    wait(&client, "#sandbox-banner").await;

    let mut found = Vec::new();
    for theme in ["light", "dark"] {
        let select = wait(&client, "select[aria-label='Theme']").await;
        select.select_by_value(theme).await.unwrap();
        let deadline = Instant::now() + PATIENCE;
        while client
            .execute("return document.documentElement.dataset.theme", vec![])
            .await
            .unwrap()
            != theme
        {
            assert!(Instant::now() < deadline, "the theme never became {theme}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let mut look = async |state: &str| {
            for v in violations(&client).await {
                found.push(format!("{theme}, {state}: {v}"));
            }
        };

        look("the empty log").await;
        // The form, with a list that has a refused line and a changed one.
        wait(&client, "#add-invalidation")
            .await
            .click()
            .await
            .unwrap();
        let input = wait(&client, "#paths-input").await;
        input
            .send_keys("/a.jpg\n/b\u{200B}.jpg\nhttps://x.cloudimg.io/c.jpg")
            .await
            .unwrap();
        wait(&client, "#preview .group").await;
        look("the form with notices").await;
        // Flush everything: the confirmation that asks for the project's name.
        wait(&client, "input[name=scope][value=all]")
            .await
            .click()
            .await
            .unwrap();
        wait(&client, "#confirm-input").await;
        look("the whole-cache confirmation").await;
        close_dialog(&client, "#add-dialog").await;
        // A batch in the log, done.
        wait(&client, "#add-invalidation")
            .await
            .click()
            .await
            .unwrap();
        wait(&client, "#paths-input")
            .await
            .send_keys("/a.jpg\n/b.jpg")
            .await
            .unwrap();
        send_when_ready(&client).await;
        wait(&client, "tbody.batch tr.request[data-code='done']").await;
        look("the log with a batch").await;
        // Projects.
        client
            .execute(
                "Array.from(document.querySelectorAll('button')).find(b => b.textContent.includes('Projects')).click()",
                vec![],
            )
            .await
            .unwrap();
        wait(&client, "#projects-dialog[open]").await;
        look("Projects").await;
        close_dialog(&client, "#projects-dialog").await;
        // See links of the request.
        wait(&client, "tbody.batch tr.request .actions button")
            .await
            .click()
            .await
            .unwrap();
        wait(&client, "#details-dialog[open]").await;
        look("See links").await;
        close_dialog(&client, "#details-dialog").await;
    }
    // A big batch (25 requests of 10 paths), shown collapsed with its counts.
    wait(&client, "#add-invalidation")
        .await
        .click()
        .await
        .unwrap();
    wait(&client, "#paths-input").await;
    client
        .execute(
            "const list = document.querySelector('#paths-input'); \
             list.value = Array.from({length: 250}, (_, i) => `/big/${i}.jpg`).join('\\n'); \
             list.dispatchEvent(new Event('input', { bubbles: true }));",
            vec![],
        )
        .await
        .unwrap();
    send_when_ready(&client).await;
    wait(&client, "tr.more-requests").await;
    for v in violations(&client).await {
        found.push(format!("dark, a big batch: {v}"));
    }
    let _ = client.close().await;
    drop(driver);

    // A damaged settings file: the banner that explains it and offers the two ways out.
    let damaged = tempfile::tempdir().unwrap();
    std::fs::write(damaged.path().join("settings.json"), b"{\"projects\": [{").unwrap();
    let env = vec![("INVALIDATOR_DATA_DIR", damaged.path().display().to_string())];
    let driver = invalidator_e2e::Driver::start(&env);
    let client = driver.session(&app_binary()).await;
    wait(&client, "#settings-banner").await;
    for v in violations(&client).await {
        found.push(format!("the damaged-settings banner: {v}"));
    }
    let _ = client.close().await;
    assert!(found.is_empty(), "axe found:\n{}", found.join("\n"));
}

/// What a screen reader is told: the tree the real window puts on the accessibility bus
/// (AT-SPI, read with Debian's pyatspi) names the main controls, and names every control.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_screen_reader_is_told_the_name_of_every_control() {
    let _one = ONE_AT_A_TIME.lock().await;
    let script = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("atspi/names.py");
    // The accessibility bus first, as a desktop session starts it: the first question starts
    // the bus and its registry. In one clean-clone run the test's first question started them
    // while the app was starting, and the app never showed on the bus ("apps on the bus:"
    // with nobody on it, for the whole wait).
    let _ = std::process::Command::new(&script)
        .arg("invalidator-app")
        .output()
        .expect("python3-pyatspi is installed (scripts/bootstrap)");
    let data = tempfile::tempdir().unwrap();
    let mut app = std::process::Command::new(app_binary())
        .env("INVALIDATOR_DATA_DIR", data.path())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let wanted = [
        "combo box\tProject",
        "push button\tProjects…",
        "combo box\tTheme",
        "push button\tRefresh",
        "push button\t+ Add invalidation",
        "combo box\tFilter by status",
        "entry\tSearch by path or invalidation ID",
        "push button\tExport CSV…",
    ];
    let deadline = Instant::now() + PATIENCE;
    let told = loop {
        let out = std::process::Command::new(&script)
            .arg("invalidator-app")
            .output()
            .expect("python3-pyatspi is installed (scripts/bootstrap)");
        let told = String::from_utf8_lossy(&out.stdout).into_owned();
        if wanted.iter().all(|w| told.lines().any(|l| l == *w)) {
            break told;
        }
        if Instant::now() > deadline {
            let _ = app.kill();
            panic!(
                "the tree never named the main controls; it said:\n{told}{}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        tokio::time::sleep(Duration::from_millis(300)).await;
    };
    let _ = app.kill();
    let _ = app.wait();
    let unnamed: Vec<&str> = told.lines().filter(|l| l.ends_with('\t')).collect();
    assert!(
        unnamed.is_empty(),
        "controls without a name: {unnamed:?}\n{told}"
    );
}
