//! The `invalidator` binary, run as a user would, against a sandbox on 127.0.0.1.

use std::path::Path;
use std::process::{Command, Output};
use std::time::Duration;

use cloudimage_sandbox::{SANDBOX_FORBIDDEN_KEY, SANDBOX_KEY, Sandbox};
use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_invalidator");

/// A command with a clean environment pointing at `dir` and `base`, and the sandbox key.
pub(crate) fn cli(dir: &Path, base: &str) -> Command {
    let mut command = Command::new(BIN);
    command
        .env_remove("INVALIDATOR_PROJECT")
        .env_remove("INVALIDATOR_API_KEY")
        // English unless a test asks for another language.
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG")
        .env("INVALIDATOR_DATA_DIR", dir)
        .env("INVALIDATOR_API_BASE", base)
        .env("INVALIDATOR_API_KEY", SANDBOX_KEY)
        .env("INVALIDATOR_POLL_MS", "40")
        .env("INVALIDATOR_LOG", "debug");
    command
}

/// Runs without blocking the runtime that serves the sandbox.
pub(crate) async fn run(mut command: Command) -> Output {
    tokio::task::spawn_blocking(move || command.output().expect("the binary runs"))
        .await
        .unwrap()
}

pub(crate) fn text(output: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

pub(crate) fn code(output: &Output) -> i32 {
    output.status.code().expect("exited normally")
}

pub(crate) async fn sandbox(dir: &Path) -> Sandbox {
    crate::common::sandbox(&dir.join("sandbox-home"), Duration::from_millis(30)).await
}

#[tokio::test]
async fn submit_then_watch_ends_done_and_the_log_shows_everything() {
    let dir = tempfile::tempdir().unwrap();
    let sandbox = sandbox(dir.path()).await;
    let base = sandbox.base_url();

    let mut submit = cli(dir.path(), &base);
    submit.args(["submit", "/a.jpg", "/b.jpg"]);
    let output = run(submit).await;
    let (stdout, stderr) = text(&output);
    assert_eq!(code(&output), 0, "{stdout}\n{stderr}");
    assert!(stdout.contains("Recorded batch 1"), "{stdout}");
    assert!(stdout.contains("2 paths in 1 request"), "{stdout}");
    assert!(stdout.contains("Received (RECEIVED)"), "{stdout}");

    let mut watch = cli(dir.path(), &base);
    watch.arg("watch");
    let output = run(watch).await;
    let (stdout, stderr) = text(&output);
    assert_eq!(code(&output), 0, "{stdout}\n{stderr}");
    assert!(stdout.contains("Done (DONE)"), "{stdout}");
    assert!(stdout.trim_end().ends_with("All done."), "{stdout}");

    let mut log = cli(dir.path(), &base);
    log.args(["log", "--json"]);
    let output = run(log).await;
    assert_eq!(code(&output), 0);
    let page: Value = serde_json::from_slice(&output.stdout).unwrap();
    let batch = &page["batches"][0];
    assert_eq!(batch["id"], 1);
    assert_eq!(batch["scope"], "original");
    assert_eq!(batch["origin"], "cli");
    let request = &batch["requests"][0];
    let uuid = request["uuid"].as_str().unwrap();
    assert_eq!(sandbox.jobs()[0].uuid, uuid);
    assert_eq!(request["status"], "DONE");
    assert_eq!(request["condition"]["label"], "Done");
    assert_eq!(
        request["paths"],
        serde_json::json!([
            {"path": "/a.jpg", "result": "invalidated"},
            {"path": "/b.jpg", "result": "invalidated"}
        ])
    );
    let history = request["history"].as_array().unwrap();
    let states: Vec<&str> = history
        .iter()
        .map(|h| h["state"].as_str().unwrap())
        .collect();
    assert_eq!(&states[..3], ["queued", "sending", "acknowledged"]);
    assert_eq!(history.last().unwrap()["status"], "DONE");
    for entry in history {
        let at = entry["at"].as_str().unwrap();
        chrono::DateTime::parse_from_rfc3339(at).expect("times are RFC 3339");
    }
}

#[tokio::test]
async fn paths_from_a_file_get_notices_that_name_their_line() {
    let dir = tempfile::tempdir().unwrap();
    let sandbox = sandbox(dir.path()).await;
    let file = dir.path().join("paths.txt");
    std::fs::write(
        &file,
        "/one.jpg\nhttps://t.cloudimg.io/two.jpg?w=1\n/one.jpg\n",
    )
    .unwrap();
    let mut submit = cli(dir.path(), &sandbox.base_url());
    submit
        .args(["submit", "/zero.jpg", "--from-file"])
        .arg(&file);
    let output = run(submit).await;
    let (stdout, stderr) = text(&output);
    assert_eq!(code(&output), 0, "{stdout}\n{stderr}");
    let name = file.display();
    assert!(
        stderr.contains(&format!("{name} line 2: host `t.cloudimg.io` dropped")),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("{name} line 2: `?w=1` removed")),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!(
            "{name} line 3: `/one.jpg` repeats {name} line 1; it is sent once"
        )),
        "{stderr}"
    );
    assert!(stdout.contains("3 paths in 1 request"), "{stdout}");
}

#[tokio::test]
async fn bad_input_exits_2_and_records_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let sandbox = sandbox(dir.path()).await;
    let base = sandbox.base_url();
    let mut submit = cli(dir.path(), &base);
    submit.args(["submit", "/fine.jpg", "relative.jpg"]);
    let output = run(submit).await;
    let (_, stderr) = text(&output);
    assert_eq!(code(&output), 2, "{stderr}");
    assert!(
        stderr.contains("argument 2: `relative.jpg` does not start with /"),
        "{stderr}"
    );
    assert!(stderr.contains("nothing was sent"), "{stderr}");

    let mut none = cli(dir.path(), &base);
    none.arg("submit");
    let output = run(none).await;
    assert_eq!(code(&output), 2);
    assert!(text(&output).1.contains("no paths given"));

    let mut unknown = cli(dir.path(), &base);
    unknown.args(["status", "#999"]);
    let output = run(unknown).await;
    assert_eq!(code(&output), 2);
    assert!(
        text(&output)
            .1
            .contains("no invalidation `#999` in the journal")
    );

    let mut log = cli(dir.path(), &base);
    log.args(["log", "--status", "sideways"]);
    let output = run(log).await;
    assert_eq!(code(&output), 2);
    assert!(text(&output).1.contains("unknown status `sideways`"));

    assert_eq!(sandbox.counters().submits, 0);
}

#[tokio::test]
async fn scope_all_needs_yes() {
    let dir = tempfile::tempdir().unwrap();
    let sandbox = sandbox(dir.path()).await;
    let base = sandbox.base_url();
    let mut refused = cli(dir.path(), &base);
    refused.args(["submit", "--scope", "all"]);
    let output = run(refused).await;
    assert_eq!(code(&output), 2);
    let (_, stderr) = text(&output);
    assert!(stderr.contains("flushes the whole cache"), "{stderr}");
    assert!(stderr.contains("Add --yes to confirm"), "{stderr}");
    assert_eq!(sandbox.counters().submits, 0);

    let mut confirmed = cli(dir.path(), &base);
    confirmed.args(["submit", "--scope", "all", "--yes"]);
    let output = run(confirmed).await;
    assert_eq!(code(&output), 0, "{:?}", text(&output));
    assert_eq!(sandbox.jobs()[0].scope, "all");
}

#[tokio::test]
async fn no_key_is_bad_input_and_a_key_is_never_taken_from_a_flag() {
    let dir = tempfile::tempdir().unwrap();
    let sandbox = sandbox(dir.path()).await;
    let mut submit = cli(dir.path(), &sandbox.base_url());
    submit
        .env_remove("INVALIDATOR_API_KEY")
        .args(["submit", "/a.jpg"]);
    let output = run(submit).await;
    assert_eq!(code(&output), 2);
    let (_, stderr) = text(&output);
    assert!(
        stderr.contains("no API key: set INVALIDATOR_API_KEY"),
        "{stderr}"
    );

    let mut flag = cli(dir.path(), &sandbox.base_url());
    flag.args(["--api-key", "x", "submit", "/a.jpg"]);
    let output = run(flag).await;
    assert_eq!(code(&output), 2, "clap refuses an unknown flag");
    assert_eq!(sandbox.counters().submits, 0);
}

#[tokio::test]
async fn a_rejected_key_exits_3_with_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    let sandbox = sandbox(dir.path()).await;
    let mut submit = cli(dir.path(), &sandbox.base_url());
    submit
        .env("INVALIDATOR_API_KEY", SANDBOX_FORBIDDEN_KEY)
        .args(["submit", "/a.jpg"]);
    let output = run(submit).await;
    let (stdout, stderr) = text(&output);
    assert_eq!(code(&output), 3, "{stdout}\n{stderr}");
    assert!(stdout.contains("Rejected"), "{stdout}");
    assert!(stdout.contains("may not invalidate"), "{stdout}");
    for stream in [&stdout, &stderr] {
        assert!(
            !stream.contains(SANDBOX_FORBIDDEN_KEY),
            "the key was printed"
        );
    }
}

#[tokio::test]
async fn offline_exits_4_and_leaves_the_requests_queued_for_later() {
    let dir = tempfile::tempdir().unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let base = format!("http://127.0.0.1:{port}");
    let mut submit = cli(dir.path(), &base);
    submit.args(["submit", "/a.jpg", "/b.jpg"]);
    let output = run(submit).await;
    let (stdout, stderr) = text(&output);
    assert_eq!(code(&output), 4, "{stdout}\n{stderr}");
    assert!(stdout.contains("Queued (offline)"), "{stdout}");
    assert!(stdout.contains("queued in the journal"), "{stdout}");

    // Later the service is there: `watch` sends what was queued and follows it to the end.
    let mut config = cloudimage_sandbox::SandboxConfig::in_data_dir(&dir.path().join("sb"));
    config.port = port;
    config.step = Duration::ZERO;
    let sandbox = Sandbox::start(config).await.unwrap();
    let mut watch = cli(dir.path(), &base);
    watch.arg("watch");
    let output = run(watch).await;
    let (stdout, stderr) = text(&output);
    assert_eq!(code(&output), 0, "{stdout}\n{stderr}");
    assert_eq!(sandbox.jobs().len(), 1);
    assert_eq!(sandbox.jobs()[0].urls, ["/a.jpg", "/b.jpg"]);
}

#[tokio::test]
async fn a_failed_path_shows_in_watch_status_log_and_retry_fixes_it() {
    let dir = tempfile::tempdir().unwrap();
    let sandbox = sandbox(dir.path()).await;
    let base = sandbox.base_url();
    let mut submit = cli(dir.path(), &base);
    submit.args(["submit", "/ok.jpg", "/bad/sandbox-error.jpg"]);
    assert_eq!(code(&run(submit).await), 0);

    let mut watch = cli(dir.path(), &base);
    watch.arg("watch");
    let output = run(watch).await;
    let (stdout, _) = text(&output);
    assert_eq!(code(&output), 5, "{stdout}");
    assert!(stdout.contains("Error (ERROR)"), "{stdout}");
    assert!(stdout.contains("invalidator retry ID` for #1"), "{stdout}");

    let mut status = cli(dir.path(), &base);
    status.args(["status", "1"]);
    let output = run(status).await;
    let (stdout, _) = text(&output);
    assert_eq!(code(&output), 5);
    assert!(
        stdout.contains("Failed       /bad/sandbox-error.jpg"),
        "{stdout}"
    );
    assert!(stdout.contains("Invalidated  /ok.jpg"), "{stdout}");
    assert!(stdout.contains("contact Scaleflex support"), "{stdout}");
    assert!(
        stdout.contains("Retry with: invalidator retry 1"),
        "{stdout}"
    );

    let mut failed = cli(dir.path(), &base);
    failed.args(["log", "--status", "failed", "--csv"]);
    let output = run(failed).await;
    let csv = String::from_utf8(output.stdout).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 2, "{csv}");
    assert!(
        lines[0].starts_with("batch,request,created_at,project,api_base,scope,invalidation_id")
    );
    assert!(
        lines[1].contains(",ERROR,Error,0,,/ok.jpg /bad/sandbox-error.jpg,/bad/sandbox-error.jpg,"),
        "{csv}"
    );

    let mut retry = cli(dir.path(), &base);
    retry.args(["retry", "1", "--json"]);
    let output = run(retry).await;
    let (stdout, stderr) = text(&output);
    assert_eq!(code(&output), 0, "{stdout}\n{stderr}");
    let requests: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(requests[0]["retryOf"], 1);
    assert_eq!(requests[0]["paths"][0]["path"], "/bad/sandbox-error.jpg");
    let mut watch = cli(dir.path(), &base);
    watch.args(["watch", "2"]);
    let output = run(watch).await;
    assert_eq!(code(&output), 0, "{:?}", text(&output));
    // The original is still in the log beside its retry.
    let mut log = cli(dir.path(), &base);
    log.arg("log");
    let (stdout, _) = text(&run(log).await);
    assert!(
        stdout.contains("Batch 2") && stdout.contains("Batch 1"),
        "{stdout}"
    );
    assert!(
        stdout.contains("Error (ERROR)") && stdout.contains("Done (DONE)"),
        "{stdout}"
    );
}

#[tokio::test]
async fn a_saved_project_is_found_by_name_and_unknown_names_are_explained() {
    let dir = tempfile::tempdir().unwrap();
    let sandbox = sandbox(dir.path()).await;
    let base = sandbox.base_url();
    std::fs::write(
        dir.path().join("settings.json"),
        serde_json::json!({
            "projects": [{"id": "p-123", "name": "Winter Shop", "apiBase": base, "v7": true, "batchSize": 1}],
            "selectedProject": "p-123",
            "theme": "system"
        })
        .to_string(),
    )
    .unwrap();
    // The key comes from the environment here (the keychain has its own test); the project
    // brings its settings: /v7 and one path per request.
    let mut submit = cli(dir.path(), &base);
    submit.args(["--project", "winter shop", "submit", "/a.jpg", "/b.jpg"]);
    let output = run(submit).await;
    let (stdout, stderr) = text(&output);
    assert_eq!(code(&output), 0, "{stdout}\n{stderr}");
    assert!(
        stdout.contains("for Winter Shop: 2 paths in 2 requests"),
        "{stdout}"
    );
    assert!(
        stderr.contains("note: `/v7` added to every path"),
        "{stderr}"
    );
    // Two requests sent side by side: they may arrive in either order.
    let mut urls: Vec<Vec<String>> = sandbox.jobs().into_iter().map(|j| j.urls).collect();
    urls.sort();
    assert_eq!(
        urls,
        [vec!["/v7/a.jpg".to_owned()], vec!["/v7/b.jpg".to_owned()]]
    );

    let mut unknown = cli(dir.path(), &base);
    unknown.args(["--project", "Summer", "submit", "/a.jpg"]);
    let output = run(unknown).await;
    assert_eq!(code(&output), 2);
    assert!(
        text(&output)
            .1
            .contains("no saved project named `Summer`; saved: Winter Shop"),
        "{:?}",
        text(&output)
    );
}

#[tokio::test]
async fn the_key_appears_in_no_output_and_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let sandbox = sandbox(dir.path()).await;
    let base = sandbox.base_url();
    sandbox.inject("503@submit".parse().unwrap());
    let mut outputs = Vec::new();
    for args in [
        vec!["submit", "/a.jpg"],
        vec!["watch"],
        vec!["log", "--json"],
        vec!["log", "--csv"],
        vec!["status", "1", "--json"],
    ] {
        let mut command = cli(dir.path(), &base);
        command.args(&args);
        let output = run(command).await;
        assert_eq!(code(&output), 0, "{args:?}: {:?}", text(&output));
        outputs.push(output);
    }
    for output in &outputs {
        let (stdout, stderr) = text(output);
        assert!(!stdout.contains(SANDBOX_KEY) && !stderr.contains(SANDBOX_KEY));
    }
    let mut checked = 0;
    for entry in walk(dir.path()) {
        if entry.starts_with(dir.path().join("sandbox-home")) {
            continue;
        }
        let bytes = std::fs::read(&entry).unwrap();
        assert!(
            !bytes
                .windows(SANDBOX_KEY.len())
                .any(|w| w == SANDBOX_KEY.as_bytes()),
            "{} holds the key",
            entry.display()
        );
        checked += 1;
    }
    assert!(checked >= 2, "journal and log were checked");
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files
}

/// `invalidator log | head -1`: the reader goes away after one line, and the command ends
/// quietly, as `rg` does, instead of panicking on the closed pipe.
#[tokio::test]
async fn output_into_a_closed_pipe_ends_quietly() {
    use std::io::{BufRead, BufReader};
    use std::process::Stdio;

    let dir = tempfile::tempdir().unwrap();
    let journal = crate::common::journal(dir.path());
    let project = crate::common::project("pipe", "http://127.0.0.1:9");
    for i in 0..600 {
        crate::common::record(
            &journal,
            &project,
            &format!("/pipe/{i}/a.jpg\n/pipe/{i}/b.jpg"),
        );
    }
    for args in [
        vec!["log", "--limit", "600"],
        vec!["log", "--limit", "600", "--csv"],
        vec!["log", "--limit", "600", "--json"],
    ] {
        let mut command = cli(dir.path(), "http://127.0.0.1:9");
        command
            .args(&args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let output = tokio::task::spawn_blocking(move || {
            let mut child = command.spawn().unwrap();
            let mut first = String::new();
            BufReader::new(child.stdout.take().unwrap())
                .read_line(&mut first)
                .unwrap();
            // The reader is gone: the rest of the output meets a closed pipe.
            let output = child.wait_with_output().unwrap();
            (first, output)
        })
        .await
        .unwrap();
        let (first, output) = output;
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!first.is_empty(), "{args:?}: no first line");
        assert_eq!(code(&output), 0, "{args:?}: {stderr}");
        assert!(stderr.is_empty(), "{args:?} wrote to stderr: {stderr}");
    }
}

#[tokio::test]
async fn verify_says_which_paths_are_served_fresh_and_which_are_still_cached() {
    let dir = tempfile::tempdir().unwrap();
    let sandbox = sandbox(dir.path()).await;
    let base = sandbox.base_url();
    let mut submit = cli(dir.path(), &base);
    submit.args(["submit", "/v/a.jpg", "/v/sandbox-stale.jpg"]);
    assert_eq!(code(&run(submit).await), 0);

    // Not done yet, or no delivery base: refused with what to do.
    let mut early = cli(dir.path(), &base);
    early.args(["verify", "1"]);
    let output = run(early).await;
    let (_, stderr) = text(&output);
    assert_eq!(code(&output), 2, "{stderr}");
    assert!(stderr.contains("--delivery-base"), "{stderr}");

    let mut watch = cli(dir.path(), &base);
    watch.arg("watch");
    assert_eq!(code(&run(watch).await), 0);

    let mut verify = cli(dir.path(), &base);
    verify.args([
        "verify",
        "1",
        "--json",
        "--delivery-base",
        &sandbox.delivery_base(),
    ]);
    let output = run(verify).await;
    let (stdout, stderr) = text(&output);
    assert_eq!(code(&output), 6, "not all fresh: {stdout}\n{stderr}");
    let verified: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(verified["request"], 1);
    assert_eq!(verified["freshness"]["fresh"], 1);
    assert_eq!(verified["freshness"]["stillCached"], 1);
    assert_eq!(verified["checks"][0]["path"], "/v/a.jpg");
    assert_eq!(verified["checks"][0]["verdict"], "fresh");
    assert_eq!(verified["checks"][0]["cacheStatus"], "x-cache: MISS");
    assert_eq!(verified["checks"][1]["verdict"], "stillCached");

    // In words, from the environment's delivery base; the answers are kept for the log.
    let mut words = cli(dir.path(), &base);
    words
        .env("INVALIDATOR_DELIVERY_BASE", sandbox.delivery_base())
        .args(["verify", "1"]);
    let output = run(words).await;
    let (stdout, _) = text(&output);
    assert!(stdout.contains("1 of 2 still cached"), "{stdout}");
    assert!(stdout.contains("Served fresh     /v/a.jpg"), "{stdout}");
    assert!(
        stdout.contains("Still cached     /v/sandbox-stale.jpg"),
        "{stdout}"
    );
    assert!(stdout.contains("x-cache: HIT"), "{stdout}");
    assert!(stdout.contains("hint: "), "{stdout}");
    let counters = sandbox.counters();
    assert_eq!(counters.deliveries, 4);
    assert_eq!(
        counters.keyed_deliveries, 0,
        "a key went to the delivery host"
    );
}
