//! The real `invalidator` process against a hostile API base: whatever the service says is
//! printed, logged and exported inert, and an endless list is refused before anything is sent.

use std::io::Write;
use std::process::Stdio;

use serde_json::{Value, json};

use crate::cli::{cli, code, run, sandbox, text};
use crate::common::hostile::hostile_api;

/// Characters that would act on a terminal: ESC, BEL, a C1 CSI, a bidi override.
const ACTING: [char; 4] = ['\u{1b}', '\u{7}', '\u{9b}', '\u{202e}'];

fn assert_inert(what: &str, output: &str) {
    assert!(
        !output.contains(ACTING),
        "{what} printed a control character: {output:?}"
    );
}

#[tokio::test]
async fn what_a_hostile_service_says_is_printed_inert() {
    let dir = tempfile::tempdir().unwrap();
    let status = "=1+1\u{1b}[2J\u{9b}31m\u{202e}\u{7}";
    let api = hostile_api(
        |_| "u-1".into(),
        "\u{1b}]0;pwned\u{7}hello\u{1b}[2J".into(),
        move |_, _| {
            json!({"status": status, "uuid": "u-1",
                   "urls": {"failed": ["/a.jpg"], "invalidated": ["/x\u{1b}[2J"]}})
        },
    )
    .await;
    let mut submit = cli(dir.path(), &api.base);
    submit.args(["submit", "/a.jpg"]);
    let output = run(submit).await;
    let (stdout, stderr) = text(&output);
    assert_eq!(code(&output), 0, "{stdout}\n{stderr}");
    assert_inert("submit", &format!("{stdout}{stderr}"));

    let mut status_cmd = cli(dir.path(), &api.base);
    status_cmd.args(["status", "1"]);
    let output = run(status_cmd).await;
    let (stdout, stderr) = text(&output);
    assert_inert("status", &format!("{stdout}{stderr}"));
    assert!(stdout.contains("<U+001B>]0;pwned<U+0007>hello"), "{stdout}");
    assert!(
        stdout.contains("=1+1<U+001B>[2J<U+009B>31m<U+202E><U+0007>"),
        "{stdout}"
    );

    let mut log = cli(dir.path(), &api.base);
    log.arg("log");
    let output = run(log).await;
    let (stdout, stderr) = text(&output);
    assert_inert("log", &format!("{stdout}{stderr}"));

    let mut log = cli(dir.path(), &api.base);
    log.args(["log", "--json"]);
    let output = run(log).await;
    let (stdout, _) = text(&output);
    assert_inert("log --json", &stdout);
    // Escaped, not lost: the JSON reads back as what the service said.
    let page: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(page["batches"][0]["requests"][0]["status"], status);

    let mut log = cli(dir.path(), &api.base);
    log.args(["log", "--csv"]);
    let output = run(log).await;
    let (stdout, _) = text(&output);
    assert_inert("log --csv", &stdout);
    let mut rows = csv::Reader::from_reader(stdout.as_bytes());
    let row = rows.records().next().unwrap().unwrap();
    assert_eq!(&row[8], "'=1+1<U+001B>[2J<U+009B>31m<U+202E><U+0007>");
}

#[tokio::test]
async fn a_line_break_from_the_service_starts_no_line_of_the_log() {
    let dir = tempfile::tempdir().unwrap();
    let fake = "2026-12-01T00:00:00.000000Z  INFO invalidator: all is well";
    let (base, _) = crate::common::recording_server(
        400,
        &[("content-type", "application/json")],
        r#"{"status": "error", "msg": "no\n2026-12-01T00:00:00.000000Z  INFO invalidator: all is well"}"#,
    )
    .await;
    let mut submit = cli(dir.path(), &base);
    submit.args(["submit", "/a.jpg"]);
    let output = run(submit).await;
    let (stdout, stderr) = text(&output);
    assert_eq!(code(&output), 3, "rejected\n{stdout}\n{stderr}");
    for line in stdout.lines().chain(stderr.lines()) {
        assert!(
            !line.starts_with("2026-12-01T00:00:00"),
            "a fake line on the terminal: {line}"
        );
    }
    let mut logged = String::new();
    for entry in std::fs::read_dir(dir.path().join("logs")).unwrap() {
        logged.push_str(&std::fs::read_to_string(entry.unwrap().path()).unwrap());
    }
    assert!(logged.contains(&format!("no<U+000A>{fake}")), "{logged}");
    for line in logged.lines() {
        assert!(
            !line.starts_with("2026-12-01T00:00:00"),
            "a fake log line: {line}"
        );
    }
}

#[tokio::test]
async fn an_endless_list_on_standard_input_is_refused_and_nothing_is_sent() {
    let dir = tempfile::tempdir().unwrap();
    let sandbox = sandbox(dir.path()).await;
    let mut submit = cli(dir.path(), &sandbox.base_url());
    submit
        .args(["submit", "--from-file", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let output = tokio::task::spawn_blocking(move || {
        let mut child = submit.spawn().unwrap();
        let mut stdin = child.stdin.take().unwrap();
        let line = b"/a.jpg\n".repeat(64 * 1024);
        // 65 MiB, or until the command stops reading: a closed pipe is the expected end.
        for _ in 0..((65 << 20) / line.len()) {
            if stdin.write_all(&line).is_err() {
                break;
            }
        }
        drop(stdin);
        child.wait_with_output().unwrap()
    })
    .await
    .unwrap();
    let (stdout, stderr) = text(&output);
    assert_eq!(code(&output), 2, "{stdout}\n{stderr}");
    assert!(
        stderr.contains("standard input is larger than 64 MB"),
        "{stderr}"
    );
    assert!(stderr.contains("nothing was sent"), "{stderr}");
    assert!(sandbox.jobs().is_empty());
    let mut log = cli(dir.path(), &sandbox.base_url());
    log.args(["log", "--json"]);
    let page: Value = serde_json::from_slice(&run(log).await.stdout).unwrap();
    assert_eq!(page["batches"], json!([]), "nothing was recorded");
}
