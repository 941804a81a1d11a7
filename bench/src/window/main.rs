//! The window, measured beside a bare Tauri window (bench/bare-window: the same Tauri, built
//! in the same run, one static page). Both are driven through tauri-driver, as the e2e tests
//! drive the app, under the display in DISPLAY. The app paints without WebKit's compositing
//! (src-tauri `webview.rs`); the bare window is run as Tauri ships it and painting the same
//! way ("flat"), and the app once more composited. Prints, for each:
//! - launch to first content (the app: its first log row, over a 100,000-request journal),
//!   once with the rest and as the median of 7 launches of their own;
//! - CPU used in the 5 s after that first content;
//! - PSS of the process and its WebKit children, 10 s after launch;
//! - CPU used over 60 s of idling (nothing queued or in progress);
//! - frames at idle: how long a change takes to reach the screen (`frames`);
//!
//! and, for the app, paste to preview at 1,000, 20,000 and 100,000 lines, with the longest
//! time the page was blocked meanwhile, and its frames while a 20,000-line catalogue is
//! pasted, sent to the sandbox and checked at its CDN.
//!
//!   bench/window          (builds both in release, then runs this under xvfb-run)
//!   bench/window launch   (the launches to first content alone)
//!
//! Nothing here asserts a time: it prints.

mod frames;
mod launch;
mod process;

use launch::{Launches, launches, start_marks};
use process::{cpu_times, descendants, find_process, pss_kb};

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

use fantoccini::{Client, Locator};
use invalidator_e2e::Driver;
use serde_json::json;

const IDLE: Duration = Duration::from_secs(60);
const SETTLE: Duration = Duration::from_secs(10);
const AFTER_FIRST: Duration = Duration::from_secs(5);
/// Launches timed again for the median: one launch is too noisy to compare two windows.
const LAUNCHES: usize = 7;

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let target = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../target/release")
        .canonicalize()
        .expect("target/release exists: bench/window builds it");
    let app = target.join("invalidator-app");
    let bare = target.join("bare-window");
    for binary in [&app, &bare] {
        assert!(
            binary.exists(),
            "{} is missing: bench/window builds it",
            binary.display()
        );
    }
    let data = tempfile::tempdir().expect("temp dir");
    let started = Instant::now();
    invalidator_testkit::journal_of(data.path(), 100_000);
    // As a window that followed them left them: each ended batch told, each done request
    // considered for a check. (The first window on a journal nobody followed claims them all
    // at its start, once: the journal benchmark times that.)
    let journal = invalidator::Journal::open(&invalidator::data_dir::journal_path(data.path()))
        .expect("journal");
    journal.claim_ended_batches(None).expect("claimed");
    journal.claim_auto_checks(None).expect("claimed");
    drop(journal);
    println!(
        "journal of 100,000 requests built in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let app_env = vec![("INVALIDATOR_DATA_DIR", data.path().display().to_string())];

    // `bench/window launch`: the launches alone, two minutes instead of ten.
    if std::env::args().any(|arg| arg == "launch") {
        print_launches(&all_launches(&bare, &app, &app_env).await);
        return;
    }
    // The app paints without WebKit's compositing unless told otherwise (src-tauri
    // `webview.rs`); the bare window is measured both as Tauri ships it and painting the same
    // way, and the app also composited, so each figure has its like beside it.
    let bare_run = measure(&bare, &[], "#content", "Bare window").await;
    let bare_flat = measure(&bare, &[flat()], "#content", "Bare window").await;
    let app_run = measure(&app, &app_env, "tr.request", "Invalidator").await;
    let mut app_composited_env = app_env.clone();
    app_composited_env.push(composited());
    let app_composited = measure(&app, &app_composited_env, "tr.request", "Invalidator").await;
    let launched = all_launches(&bare, &app, &app_env).await;
    println!();
    print_heading();
    let row = |name: &str, value: &dyn Fn(&Run) -> f64, unit: &str| {
        let (bare, app, flat) = (value(&bare_run), value(&app_run), value(&bare_flat));
        println!(
            "{:<44} {:>10.2}{unit:>2} {:>10.2}{unit:>2} {:>8.2} {:>10.2}{unit:>2} {:>8.2} {:>12.2}{unit:>2}",
            name,
            bare,
            app,
            app / bare,
            flat,
            app / flat,
            value(&app_composited)
        );
    };
    row("launch to first content", &|r| r.launch.as_secs_f64(), "s");
    print_launch_rows(&launched);
    row(
        "CPU in the 5 s after first content",
        &|r| r.cpu_after_first.as_secs_f64() * 1e3,
        "ms",
    );
    row(
        "  of which its own process (not WebKit's)",
        &|r| r.own_cpu_after_first.as_secs_f64() * 1e3,
        "ms",
    );
    row(
        "PSS after 10 s (process + WebKit children)",
        &|r| r.pss_mb,
        "MB",
    );
    row(
        "CPU over 60 s idle",
        &|r| r.idle_cpu.as_secs_f64() * 1e3,
        "ms",
    );
    for (name, run) in [("bare", &bare_run), ("app", &app_run)] {
        let moments: Vec<String> = run
            .start
            .iter()
            .chain([&("first content".to_owned(), run.launch.as_secs_f64())])
            .map(|(mark, at)| format!("{mark} {at:.2}"))
            .collect();
        println!("start of {name}, s after launch: {}", moments.join(", "));
    }

    for (name, phase) in [
        ("bare", &bare_run.frames),
        ("bare, flat", &bare_flat.frames),
        ("app", &app_run.frames),
        ("app composited", &app_composited.frames),
    ] {
        let (_, median, _, worst, _) = phase.summary();
        println!(
            "{:<44} {:>12}",
            format!("frame at idle, {name}: median / worst"),
            format!("{median:.0} / {worst:.0} ms")
        );
    }

    println!();
    println!(
        "{:<44} {:>12} {:>16}",
        "paste to preview (app)", "time", "longest block"
    );
    let driver = Driver::start(&app_env);
    let client = driver.session(&app).await;
    wait_for(&client, "tr.request").await;
    for lines in [1_000, 20_000, 100_000] {
        let (time, blocked) = paste_to_preview(&client, lines).await;
        println!(
            "{:<44} {:>10.2} s {:>13.0} ms",
            format!("{lines} lines"),
            time.as_secs_f64(),
            blocked.as_secs_f64() * 1000.0
        );
    }
    let _ = client.close().await;
    drop(driver);

    catalogue_frames(&app).await;
}

/// Painting without WebKit's compositing, as the app does unless told otherwise.
fn flat() -> (&'static str, String) {
    ("WEBKIT_DISABLE_COMPOSITING_MODE", "1".to_owned())
}

/// Painting composited, as Tauri ships a window.
fn composited() -> (&'static str, String) {
    ("WEBKIT_DISABLE_COMPOSITING_MODE", "0".to_owned())
}

/// The launches to first content of the bare window, the app, the bare window flat and the
/// app composited, in that order.
async fn all_launches(
    bare: &Path,
    app: &Path,
    app_env: &[(&'static str, String)],
) -> [Launches; 4] {
    let mut composited_env = app_env.to_vec();
    composited_env.push(composited());
    [
        launches(bare, &[], "#content").await,
        launches(app, app_env, "tr.request").await,
        launches(bare, &[flat()], "#content").await,
        launches(app, &composited_env, "tr.request").await,
    ]
}

/// The launches' medians under the table's heading.
fn print_launches(launched: &[Launches; 4]) {
    println!();
    print_heading();
    print_launch_rows(launched);
}

fn print_heading() {
    println!(
        "{:<44} {:>12} {:>12} {:>8} {:>12} {:>8} {:>14}",
        "", "bare", "app", "ratio", "bare, flat", "ratio", "app composited"
    );
}

/// The launches' medians, as rows of the table.
fn print_launch_rows(launched: &[Launches; 4]) {
    for (name, value) in [
        (
            format!("launch to first content, median of {LAUNCHES}"),
            Launches::median as fn(&Launches) -> f64,
        ),
        (
            "  of which the page (from its navigation)".to_owned(),
            Launches::page_median,
        ),
    ] {
        let [bare, app, flat, composited] = launched.each_ref().map(value);
        println!(
            "{name:<44} {bare:>10.2} s {app:>10.2} s {:>8.2} {flat:>10.2} s {:>8.2} {composited:>12.2} s",
            app / bare,
            app / flat,
        );
    }
}

/// The app's frames on a fresh data folder while a 20,000-line catalogue goes through it.
async fn catalogue_frames(app: &Path) {
    let data = tempfile::tempdir().expect("temp dir");
    let env = vec![
        ("INVALIDATOR_DATA_DIR", data.path().display().to_string()),
        ("INVALIDATOR_POLL_MS", "300".to_owned()),
        ("INVALIDATOR_SANDBOX_STEP_MS", "300".to_owned()),
    ];
    let driver = Driver::start(&env);
    let client = driver.session(app).await;
    wait_for(&client, "#add-invalidation").await;
    println!();
    println!(
        "{:<44} {:>7} {:>7} {:>7} {:>7} {:>9}",
        "frames, 20,000-line catalogue (app, ms)", "samples", "median", "p95", "worst", "script"
    );
    for phase in frames::catalogue(&client, 20_000).await {
        let (samples, median, p95, worst, script) = phase.summary();
        println!(
            "{:<44} {samples:>7} {median:>7.0} {p95:>7.0} {worst:>7.0} {script:>9.0}",
            phase.name
        );
    }
    let _ = client.close().await;
}

struct Run {
    launch: Duration,
    /// Moments of the page's start (`performance` marks, and its navigation), in seconds
    /// after launch.
    start: Vec<(String, f64)>,
    cpu_after_first: Duration,
    /// Of it, the application's own process: the web view's processes are the rest.
    own_cpu_after_first: Duration,
    pss_mb: f64,
    idle_cpu: Duration,
    frames: frames::Phase,
}

/// Launches `binary` through tauri-driver, waits for `first` in its page, then measures its
/// CPU just after, its memory once it settles, its CPU while it idles, and its frames at
/// idle (its window is titled `title`).
async fn measure(binary: &Path, env: &[(&str, String)], first: &str, title: &str) -> Run {
    let driver = Driver::start(env);
    let started = Instant::now();
    let launched_at = SystemTime::now();
    let client = driver.session(binary).await;
    wait_for(&client, first).await;
    let launch = started.elapsed();
    let start = start_marks(&client, launched_at).await;
    let pid = find_process(driver.pid(), binary).expect("the application's process");
    let (at_first, own_at_first) = (cpu_times(&descendants(pid)), cpu_times(&[pid]));
    tokio::time::sleep(AFTER_FIRST).await;
    let cpu_after_first = cpu_times(&descendants(pid)).since(&at_first);
    let own_cpu_after_first = cpu_times(&[pid]).since(&own_at_first);
    tokio::time::sleep(SETTLE.saturating_sub(started.elapsed())).await;
    let tree = descendants(pid);
    let pss_mb = tree.iter().map(|p| pss_kb(*p)).sum::<u64>() as f64 / 1024.0;
    let before = cpu_times(&tree);
    tokio::time::sleep(IDLE).await;
    let idle_cpu = cpu_times(&descendants(pid)).since(&before);
    let frames = frames::idle(&client, title, 40).await;
    let _ = client.close().await;
    Run {
        launch,
        start,
        cpu_after_first,
        own_cpu_after_first,
        pss_mb,
        idle_cpu,
        frames,
    }
}

pub(crate) async fn wait_for(client: &Client, css: &str) {
    let deadline = Instant::now() + Duration::from_secs(120);
    while client.find(Locator::Css(css)).await.is_err() {
        assert!(Instant::now() < deadline, "`{css}` never showed");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// Opens the form, pastes `lines` URLs, and measures in the page the time until the preview
/// counts them, and the longest gap between 10 ms timer ticks meanwhile (the page was busy
/// for that long).
async fn paste_to_preview(client: &Client, lines: usize) -> (Duration, Duration) {
    client
        .execute(
            "document.querySelector('#add-dialog') || document.getElementById('add-invalidation').click();",
            vec![],
        )
        .await
        .expect("open the form");
    wait_for(client, "#paths-input, #staged-list").await;
    let list: String = (0..lines)
        .map(|i| format!("https://token.cloudimg.io/catalog/{lines}/item-{i}.jpg?w=600\n"))
        .collect();
    let expected = format!("{} paths", frames::group(lines));
    let outcome = client
        .execute_async(
            "const [list, expected, done] = arguments;
             const clear = document.querySelector('#staged-list button');
             if (clear) clear.click();
             setTimeout(() => {
               let longest = 0, last = performance.now(), running = true;
               const tick = () => {
                 const now = performance.now();
                 longest = Math.max(longest, now - last - 10);
                 last = now;
                 if (running) setTimeout(tick, 10);
               };
               setTimeout(tick, 10);
               const started = performance.now();
               const data = new DataTransfer();
               data.setData('text/plain', list);
               document.getElementById('paths-input').dispatchEvent(
                 new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
               const check = () => {
                 const preview = document.getElementById('preview');
                 if (preview && preview.textContent.includes(expected)) {
                   running = false;
                   done([performance.now() - started, longest]);
                 } else {
                   setTimeout(check, 5);
                 }
               };
               check();
             }, 300);",
            vec![json!(list), json!(expected), ],
        )
        .await
        .expect("paste and preview");
    let numbers: Vec<f64> = outcome
        .as_array()
        .expect("[time, longest]")
        .iter()
        .map(|v| v.as_f64().unwrap_or(0.0))
        .collect();
    (
        Duration::from_secs_f64(numbers[0] / 1000.0),
        Duration::from_secs_f64(numbers[1].max(0.0) / 1000.0),
    )
}
