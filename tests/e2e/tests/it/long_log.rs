//! A long log in the real window: only the batches near the screen are built at start, and
//! the keyboard, scrolling and "Show older" reach every one of the journal's.

use std::time::{Duration, Instant};

use fantoccini::key::Key;
use serde_json::Value;

use crate::keyboard::{focused, press};
use crate::ui::{Driver, ONE_AT_A_TIME, PATIENCE, Ui, shots_dir};

/// Batches a page of the log holds (`VOCABULARY.log.batchesPerPage`).
const PAGE: u64 = 25;

async fn number(ui: &Ui, script: &str) -> u64 {
    ui.client
        .execute(script, vec![])
        .await
        .unwrap()
        .as_u64()
        .unwrap_or_else(|| panic!("not a count: {script}"))
}

async fn batches_built(ui: &Ui) -> u64 {
    number(
        ui,
        "return document.querySelectorAll('tbody.batch').length;",
    )
    .await
}

/// The batches built once nothing more is being built: the same count for a second.
async fn settled(ui: &Ui) -> u64 {
    let mut seen = batches_built(ui).await;
    let mut since = Instant::now();
    while since.elapsed() < Duration::from_secs(1) {
        tokio::time::sleep(Duration::from_millis(100)).await;
        let now = batches_built(ui).await;
        if now != seen {
            (seen, since) = (now, Instant::now());
        }
    }
    seen
}

/// Scrolls to the end of the page, again and again, until `count` batches are built.
async fn scroll_until_built(ui: &Ui, count: u64) {
    let deadline = Instant::now() + PATIENCE;
    while batches_built(ui).await < count {
        assert!(
            Instant::now() < deadline,
            "scrolled to the end, and only {} of {count} batches were built",
            batches_built(ui).await
        );
        ui.client
            .execute("window.scrollTo(0, document.body.scrollHeight);", vec![])
            .await
            .unwrap();
        tokio::time::sleep(Duration::from_millis(150)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_long_log_is_built_as_the_reader_comes_near_and_all_of_it_is_reached() {
    let _one = ONE_AT_A_TIME.lock().await;
    let data = tempfile::tempdir().unwrap();
    // Five batches of 40 requests (20 rows shown each), then small ones: two pages.
    invalidator_testkit::journal_of(data.path(), 400);
    let path = invalidator::data_dir::journal_path(data.path());
    let held: u32 = rusqlite::Connection::open(&path)
        .unwrap()
        .query_row("SELECT count(*) FROM batches", [], |row| row.get(0))
        .unwrap();
    let held = u64::from(held);
    assert!((PAGE + 1..2 * PAGE).contains(&held), "{held} batches");
    // Ended long ago and announced then: the window has nothing to say about them.
    let journal = invalidator::Journal::open(&path).unwrap();
    journal.claim_ended_batches(None).unwrap();
    journal.claim_auto_checks(None).unwrap();
    drop(journal);
    let driver = Driver::start(&[
        ("INVALIDATOR_DATA_DIR", data.path().display().to_string()),
        ("INVALIDATOR_POLL_MS", "100".to_owned()),
    ]);
    let ui = Ui {
        client: driver.session().await,
        shots: shots_dir(),
    };
    ui.wait("tbody.batch tr.request").await;

    // At start: what covers the screen and a little more, not the page read.
    let first = settled(&ui).await;
    ui.shot("long-log-first-screen").await;
    assert!(
        (1..PAGE).contains(&first),
        "{first} batches built at start, of the {PAGE} read"
    );
    let end_below = ui
        .client
        .execute(
            "return document.querySelector('.log .end').getBoundingClientRect().top > innerHeight;",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(end_below, Value::Bool(true), "the screen is not covered");
    // A batch's head reads from the left, as the rows under it do.
    let head = ui
        .client
        .execute(
            "return getComputedStyle(document.querySelector('tbody.batch .batch-head th')).textAlign;",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(head, Value::String("left".into()));

    // By keyboard alone: Tab walks past the rows built at start into the ones built as the
    // keyboard comes near them.
    let place = "const b = document.activeElement.closest('tbody.batch'); \
                 return b ? Array.from(document.querySelectorAll('tbody.batch')).indexOf(b) : 0;";
    let tab = char::from(Key::Tab).to_string();
    let mut presses = 0;
    while number(&ui, place).await < first {
        presses += 1;
        assert!(
            presses < 300,
            "Tab never left the batches built at start; it is on `{}`",
            focused(&ui.client).await
        );
        press(&ui.client, &tab).await;
        tokio::time::sleep(Duration::from_millis(60)).await;
    }

    // Scrolling: the whole page read, then "Show older" reads the next one, built as the
    // end of the table comes near again.
    scroll_until_built(&ui, PAGE).await;
    ui.click("#log-older").await;
    scroll_until_built(&ui, held).await;
    assert_eq!(settled(&ui).await, held, "batches the journal holds");
    assert_eq!(
        number(
            &ui,
            "return document.querySelectorAll('#log-older').length;"
        )
        .await,
        0,
        "nothing older to show"
    );
    ui.shot("long-log-all-built").await;
}
