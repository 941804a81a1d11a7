//! The main flows by keyboard alone, in the real window: Ctrl+N opens the form with the
//! keyboard in the list, Ctrl+Enter sends, Tab reaches a row's See links and Retry, Enter
//! opens and presses, Escape closes a dialog and gives the keyboard back where it was.

use std::time::{Duration, Instant};

use fantoccini::Client;
use fantoccini::key::Key;

use crate::ui::ONE_AT_A_TIME;

const PATIENCE: Duration = Duration::from_secs(60);

/// What has the keyboard: its id, else its accessible name, else its tag.
pub(crate) async fn focused(client: &Client) -> String {
    client
        .execute(
            "const e = document.activeElement; \
             return e ? (e.id || e.getAttribute('aria-label') || e.textContent.trim() || e.tagName) : '';",
            vec![],
        )
        .await
        .unwrap()
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

pub(crate) async fn press(client: &Client, keys: &str) {
    client
        .active_element()
        .await
        .unwrap()
        .send_keys(keys)
        .await
        .unwrap();
}

fn chord(modifier: Key, key: &str) -> String {
    format!("{}{key}{}", char::from(modifier), char::from(Key::Null))
}

pub(crate) async fn until(client: &Client, what: &str, script: &str) {
    let deadline = Instant::now() + PATIENCE;
    while client.execute(script, vec![]).await.unwrap() != serde_json::Value::Bool(true) {
        assert!(Instant::now() < deadline, "never: {what}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Presses Tab (or Shift+Tab) until the keyboard is on `name`, at most 80 times.
async fn tab_to(client: &Client, name: &str, back: bool) {
    for _ in 0..80 {
        if focused(client).await == name {
            return;
        }
        let key = if back {
            chord(Key::Shift, &char::from(Key::Tab).to_string())
        } else {
            char::from(Key::Tab).to_string()
        };
        press(client, &key).await;
    }
    panic!(
        "Tab never reached `{name}`; it is on `{}`",
        focused(client).await
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_manager_sends_sees_and_retries_by_keyboard_alone() {
    let _one = ONE_AT_A_TIME.lock().await;
    let data = tempfile::tempdir().unwrap();
    let (_driver, client) = crate::ui::open_on_sandbox(data.path()).await;
    until(
        &client,
        "the log shows",
        "return !!document.querySelector('#sandbox-banner')",
    )
    .await;

    // Ctrl+N: the form, with the keyboard in the list.
    press(&client, &chord(Key::Control, "n")).await;
    until(
        &client,
        "the form opens",
        "return !!document.querySelector('#add-dialog[open]')",
    )
    .await;
    assert_eq!(focused(&client).await, "paths-input");
    let enter = char::from(Key::Enter).to_string();
    press(&client, &format!("/kb/a.jpg{enter}/kb/sandbox-fail.jpg")).await;
    until(
        &client,
        "Send is ready",
        "return !document.querySelector('#send').disabled",
    )
    .await;
    // Ctrl+Enter sends; the form closes.
    press(&client, &chord(Key::Control, &enter)).await;
    until(
        &client,
        "the form closes",
        "return !document.querySelector('#add-dialog')",
    )
    .await;
    until(
        &client,
        "the request ends with a failed path",
        "return !!document.querySelector(\"tr.request[data-code='done-with-failures']\")",
    )
    .await;

    // Tab to the row's See links; Enter opens it; Escape closes it, and the keyboard is back.
    let see = "See links of request #1";
    tab_to(&client, see, false).await;
    press(&client, &enter).await;
    until(
        &client,
        "See links opens",
        "return !!document.querySelector('#details-dialog[open]')",
    )
    .await;
    until(
        &client,
        "the keyboard is in the dialog",
        "return !!document.activeElement.closest('dialog')",
    )
    .await;
    press(&client, &char::from(Key::Escape).to_string()).await;
    until(
        &client,
        "See links closes",
        "return !document.querySelector('#details-dialog')",
    )
    .await;
    assert_eq!(
        focused(&client).await,
        see,
        "the keyboard went back where it was"
    );

    // Tab once more: Retry of the same row; Enter retries it.
    tab_to(&client, "Retry request #1", false).await;
    press(&client, &enter).await;
    until(
        &client,
        "the retry is in the log",
        "return document.body.innerText.includes('Retry of #1')",
    )
    .await;

    // Shift+Tab back up to Projects…; Enter opens it; Escape gives the keyboard back.
    tab_to(&client, "Projects…", true).await;
    press(&client, &enter).await;
    until(
        &client,
        "Projects opens",
        "return !!document.querySelector('#projects-dialog[open]')",
    )
    .await;
    press(&client, &char::from(Key::Escape).to_string()).await;
    until(
        &client,
        "Projects closes",
        "return !document.querySelector('#projects-dialog')",
    )
    .await;
    assert_eq!(focused(&client).await, "Projects…");
    let _ = client.close().await;
}
