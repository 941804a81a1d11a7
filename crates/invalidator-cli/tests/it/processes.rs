//! Real processes on one journal: one killed with SIGKILL in the middle of a batch and
//! started again, and two sending from the same queue at once.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use crate::common::*;
use cloudimage_sandbox::SANDBOX_KEY;
use invalidator::submission::Plan;
use invalidator::{Journal, Project, RequestState, ScopeKind};

const BIN: &str = env!("CARGO_BIN_EXE_invalidator");

fn cli(dir: &Path, base: &str) -> Command {
    let mut command = Command::new(BIN);
    command
        .env_remove("INVALIDATOR_PROJECT")
        .env("INVALIDATOR_DATA_DIR", dir)
        .env("INVALIDATOR_API_BASE", base)
        .env("INVALIDATOR_API_KEY", SANDBOX_KEY)
        .env("INVALIDATOR_POLL_MS", "40")
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    command
}

/// How many sandbox jobs carried each path.
fn sends_per_path(jobs: &[cloudimage_sandbox::Job]) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    for job in jobs {
        for url in &job.urls {
            *counts.entry(url.clone()).or_insert(0) += 1;
        }
    }
    counts
}

#[tokio::test]
async fn a_process_killed_mid_batch_loses_nothing_and_resends_nothing_acknowledged() {
    let dir = tempfile::tempdir().unwrap();
    let sandbox = sandbox(&dir.path().join("sb"), Duration::ZERO).await;
    sandbox.set_latency(Duration::from_millis(250));
    let base = sandbox.base_url();
    let paths: Vec<String> = (0..100).map(|i| format!("/crash/{i:03}.jpg")).collect();
    let file = dir.path().join("paths.txt");
    std::fs::write(&file, paths.join("\n")).unwrap();

    let mut submit = cli(dir.path(), &base);
    submit
        .args(["submit", "--max-in-flight", "2", "--from-file"])
        .arg(&file);
    let mut child = submit.spawn().unwrap();
    let journal = journal(dir.path());
    let deadline = std::time::Instant::now() + PATIENCE;
    loop {
        let acknowledged = journal
            .log(&Default::default())
            .unwrap()
            .batches
            .iter()
            .flat_map(|b| b.requests.iter())
            .filter(|r| r.uuid.is_some())
            .count();
        if acknowledged >= 3 {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the batch never got going"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();

    // Right after the kill: every path is either acknowledged (with a uuid) or still queued.
    let requests = journal.batch_requests(1).unwrap();
    assert_eq!(requests.len(), 10);
    let mut recorded: Vec<String> = Vec::new();
    let mut acknowledged_before: HashMap<i64, String> = HashMap::new();
    for request in &requests {
        recorded.extend(request.paths.iter().map(|p| p.path.clone()));
        match request.state {
            RequestState::Acknowledged => {
                acknowledged_before.insert(request.id, request.uuid.clone().unwrap());
            }
            RequestState::Queued | RequestState::Sending | RequestState::Retrying => {
                assert_eq!(request.uuid, None);
            }
            other => panic!("request #{} is {other:?} after the kill", request.id),
        }
    }
    assert_eq!(recorded, paths, "every path recorded, in order");
    assert!(acknowledged_before.len() >= 3);
    assert!(acknowledged_before.len() < 10, "the kill came mid-batch");

    // Started again: the rest is sent, everything reaches Done.
    let mut watch = cli(dir.path(), &base);
    watch.arg("watch");
    let output = tokio::task::spawn_blocking(move || watch.output().unwrap())
        .await
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let after = journal.batch_requests(1).unwrap();
    for request in &after {
        assert_eq!(request.condition.code, "done", "#{}", request.id);
        if let Some(uuid) = acknowledged_before.get(&request.id) {
            assert_eq!(request.uuid.as_ref(), Some(uuid), "not acknowledged twice");
        }
    }
    let sends = sends_per_path(&sandbox.jobs());
    for request in &after {
        for path in &request.paths {
            let times = sends.get(&path.path).copied().unwrap_or(0);
            if acknowledged_before.contains_key(&request.id) {
                assert_eq!(times, 1, "{} was acknowledged, then sent again", path.path);
            } else {
                // In flight at the kill: the answer may have been lost, so once or twice.
                assert!((1..=2).contains(&times), "{} sent {times} times", path.path);
            }
        }
    }
    let sent: HashSet<&String> = sends.keys().collect();
    assert_eq!(sent, paths.iter().collect::<HashSet<_>>(), "none lost");
}

#[tokio::test]
async fn two_processes_share_a_queue_and_send_each_request_exactly_once() {
    let dir = tempfile::tempdir().unwrap();
    let sandbox = sandbox(&dir.path().join("sb"), Duration::ZERO).await;
    sandbox.set_latency(Duration::from_millis(80));
    let base = sandbox.base_url();
    // What the CLI will call the project of this base and key.
    let project = Project::from_environment(&base, &cloudimage::ApiKey::new(SANDBOX_KEY));
    let journal: Journal = journal(dir.path());
    let text: String = (0..120).map(|i| format!("/shared/{i}.jpg\n")).collect();
    let mut small = project.clone();
    small.batch_size = 2;
    let batch = Plan::new(&small, ScopeKind::Original, &text)
        .into_batch(&project, "test")
        .unwrap();
    let (_, ids) = journal.record_batch(&batch).unwrap();
    assert_eq!(ids.len(), 60);
    // A project neither process holds a key for.
    let stranger = crate::common::project("stranger", &base);
    let stranger_id = record(&journal, &stranger, "/stranger.jpg")[0];

    let children: Vec<_> = (0..2)
        .map(|_| {
            let mut watch = cli(dir.path(), &base);
            watch.args(["watch", "--max-in-flight", "2"]);
            watch.spawn().unwrap()
        })
        .collect();
    for child in children {
        let output = tokio::task::spawn_blocking(move || child.wait_with_output().unwrap())
            .await
            .unwrap();
        assert_eq!(
            output.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    for id in &ids {
        assert_eq!(journal.request(*id).unwrap().condition.code, "done");
    }
    let sends = sends_per_path(&sandbox.jobs());
    assert_eq!(sends.len(), 120);
    assert!(sends.values().all(|n| *n == 1), "a request was sent twice");
    assert_eq!(sandbox.counters().submits, 60);
    assert_eq!(
        journal.request(stranger_id).unwrap().state,
        RequestState::Queued,
        "sent only with its own key"
    );
    // Both processes did part of the work.
    let mut senders = HashSet::new();
    for entry in std::fs::read_dir(dir.path().join("logs")).unwrap() {
        let log = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        for line in log.lines().filter(|l| l.contains("acknowledged")) {
            if let Some(owner) = line.split("owner=").nth(1) {
                senders.insert(owner.split(['-', ' ']).next().unwrap().to_owned());
            }
        }
    }
    assert_eq!(senders.len(), 2, "both processes sent: {senders:?}");
}
