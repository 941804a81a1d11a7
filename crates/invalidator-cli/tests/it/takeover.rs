//! A CLI process stopped past its lease (SIGSTOP), then resumed, while the app took its
//! request over: its late answer must not overwrite the app's claim. Real processes, a real
//! journal, the sandbox over HTTP.

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use crate::common::*;
use cloudimage_sandbox::{Fault, SANDBOX_KEY};
use invalidator::owner::Owner;
use invalidator::{Engine, Project};

fn fault(spec: &str) -> Fault {
    spec.parse().unwrap()
}

fn state_of(dir: &Path, id: i64) -> (String, Option<String>) {
    rusqlite::Connection::open(invalidator::data_dir::journal_path(dir))
        .unwrap()
        .query_row(
            "SELECT state, claim_owner FROM requests WHERE id = ?1",
            [id],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .unwrap()
}

async fn wait_until(what: &str, check: impl Fn() -> bool) {
    let deadline = tokio::time::Instant::now() + PATIENCE;
    while !check() {
        assert!(tokio::time::Instant::now() < deadline, "never: {what}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// The project a CLI run with `INVALIDATOR_API_KEY` sends for.
fn environment_project(base: &str) -> Project {
    Project::from_environment(base, &cloudimage::ApiKey::new(SANDBOX_KEY))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cli_stopped_past_its_lease_does_not_overwrite_the_claim_that_took_over() {
    let dir = tempfile::tempdir().unwrap();
    let sandbox = sandbox(&dir.path().join("service"), Duration::from_millis(100)).await;
    let base = sandbox.base_url();
    // The CLI's send is answered after 9 s; the send that takes over, after 4 s.
    sandbox.inject(fault("delay:9000@submit"));
    sandbox.inject(fault("delay:4000@submit"));
    let mut cli = Command::new(env!("CARGO_BIN_EXE_invalidator"));
    cli.env("INVALIDATOR_DATA_DIR", dir.path())
        .env("INVALIDATOR_API_BASE", &base)
        .env("INVALIDATOR_API_KEY", SANDBOX_KEY)
        .env("INVALIDATOR_LEASE_MS", "1500")
        .env_remove("INVALIDATOR_PROJECT")
        .args(["submit", "/stopped.jpg"]);
    let child = cli.spawn().unwrap();
    let pid = child.id().to_string();
    let journal = journal(dir.path());
    wait_until("the CLI sends", || {
        journal
            .unfinished(None)
            .unwrap()
            .first()
            .is_some_and(|id| state_of(dir.path(), *id).0 == "sending")
    })
    .await;
    let id = journal.unfinished(None).unwrap()[0];
    let signal = |name: &str| {
        assert!(
            Command::new("kill")
                .args([name, &pid])
                .status()
                .unwrap()
                .success()
        );
    };
    signal("-STOP");

    // The app: a lease of 5 s, so that the CLI, once resumed, never finds its claim stale.
    let project = environment_project(&base);
    let owner = Owner::register(dir.path()).unwrap();
    let me = owner.id().to_owned();
    let mut config = fast_config();
    config.lease = Duration::from_secs(5);
    let app = Engine::start(journal.clone(), owner, config);
    app.set_endpoint(
        &project.id,
        client(&base, SANDBOX_KEY, Duration::from_secs(20)),
    );
    wait_until("the app takes the request over", || {
        state_of(dir.path(), id) == ("sending".into(), Some(me.clone()))
    })
    .await;
    signal("-CONT");
    // The CLI's answer arrives while the app still holds the claim.
    let output = tokio::task::spawn_blocking(move || child.wait_with_output().unwrap())
        .await
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let view = wait_code(&journal, id, "done").await;
    app.shutdown().await;

    let jobs = sandbox.jobs();
    assert_eq!(jobs.len(), 2, "both sends reached the service");
    let (cli_uuid, app_uuid) = (&jobs[0].uuid, &jobs[1].uuid);
    assert_eq!(
        view.uuid.as_ref(),
        Some(app_uuid),
        "the CLI overwrote the app"
    );
    assert!(
        history(&view).iter().any(|h| h.contains(&format!(
            "A late answer to an earlier send: the service acknowledged it as {cli_uuid}"
        ))),
        "{:?}",
        history(&view)
    );
}
