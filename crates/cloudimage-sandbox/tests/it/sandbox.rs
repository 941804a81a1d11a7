//! The sandbox itself: it follows the documented API, remembers its jobs across restarts,
//! moves statuses on its clock, and takes faults over HTTP.

use std::time::Duration;

use cloudimage::{Error, Scope, Status};
use cloudimage_sandbox::{
    SANDBOX_FORBIDDEN_KEY, SANDBOX_KEY, Sandbox, SandboxConfig, UNKNOWN_STATUS,
};

fn client(base: &str, key: &str, timeout: Duration) -> cloudimage::Client {
    cloudimage::Client::builder()
        .base_url(base)
        .api_key(cloudimage::ApiKey::new(key))
        .timeout(timeout)
        .connect_timeout(Duration::from_secs(2))
        .build()
        .expect("client builds")
}

fn original(paths: &[&str]) -> Scope {
    Scope::Original {
        urls: paths.iter().map(|p| p.to_string()).collect(),
    }
}

async fn start(dir: &std::path::Path, step: Duration) -> Sandbox {
    let mut config = SandboxConfig::in_data_dir(dir);
    config.step = step;
    Sandbox::start(config).await.unwrap()
}

#[tokio::test]
async fn statuses_move_on_the_clock_to_done() {
    let dir = tempfile::tempdir().unwrap();
    let sandbox = start(dir.path(), Duration::from_millis(150)).await;
    let api = client(&sandbox.base_url(), SANDBOX_KEY, Duration::from_secs(5));
    let accepted = api.submit(&original(&["/a.jpg", "/b.jpg"])).await.unwrap();
    assert_eq!(accepted.status, Status::Received);
    assert!(accepted.added_at.is_some());
    let mut seen = vec![];
    loop {
        let status = api.status(&accepted.uuid).await.unwrap();
        if seen.last() != Some(&status.status) {
            seen.push(status.status.clone());
        }
        if status.status.is_terminal() {
            assert_eq!(status.invalidated, ["/a.jpg", "/b.jpg"]);
            assert!(status.failed.is_empty());
            assert_eq!(status.scope.as_deref(), Some("original"));
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert_eq!(
        seen,
        [
            Status::Received,
            Status::Preparing,
            Status::FlushingCloudimageServer,
            Status::FlushingCdnServers,
            Status::Done
        ]
    );
}

#[tokio::test]
async fn a_restarted_sandbox_still_knows_earlier_uuids() {
    let dir = tempfile::tempdir().unwrap();
    let sandbox = start(dir.path(), Duration::ZERO).await;
    let api = client(&sandbox.base_url(), SANDBOX_KEY, Duration::from_secs(5));
    let uuid = api.submit(&original(&["/a.jpg"])).await.unwrap().uuid;
    sandbox.stop().await;

    let sandbox = start(dir.path(), Duration::ZERO).await;
    let api = client(&sandbox.base_url(), SANDBOX_KEY, Duration::from_secs(5));
    let status = api.status(&uuid).await.unwrap();
    assert_eq!(status.status, Status::Done);
    assert_eq!(status.invalidated, ["/a.jpg"]);
    assert!(matches!(
        api.status("no-such-uuid").await,
        Err(Error::NotFound { .. })
    ));
}

#[tokio::test]
async fn keys_are_checked() {
    let dir = tempfile::tempdir().unwrap();
    let sandbox = start(dir.path(), Duration::ZERO).await;
    let base = sandbox.base_url();
    let wrong = client(
        &base,
        "some_other_key_000000000000000",
        Duration::from_secs(5),
    );
    assert!(matches!(
        wrong.submit(&original(&["/a"])).await,
        Err(Error::Unauthorized { .. })
    ));
    let viewer = client(&base, SANDBOX_FORBIDDEN_KEY, Duration::from_secs(5));
    assert!(matches!(
        viewer.submit(&original(&["/a"])).await,
        Err(Error::Forbidden { .. })
    ));
    assert!(matches!(
        viewer.status("x").await,
        Err(Error::Forbidden { .. })
    ));
    assert!(sandbox.jobs().is_empty());
}

#[tokio::test]
async fn bad_submissions_are_refused_like_the_service_would() {
    let dir = tempfile::tempdir().unwrap();
    let sandbox = start(dir.path(), Duration::ZERO).await;
    let api = client(&sandbox.base_url(), SANDBOX_KEY, Duration::from_secs(5));
    let sixteen: Vec<String> = (0..16).map(|i| format!("/{i}")).collect();
    let refused = api
        .submit(&Scope::Original { urls: sixteen })
        .await
        .unwrap_err();
    assert_eq!(refused.http_status(), Some(400));
    assert!(
        refused.to_string().contains("Too many urls: at most 15"),
        "{refused}"
    );
    let refused = api.submit(&original(&["relative.jpg"])).await.unwrap_err();
    assert!(
        refused.to_string().contains("must start with /"),
        "{refused}"
    );
    let refused = api
        .submit(&Scope::Original { urls: vec![] })
        .await
        .unwrap_err();
    assert!(refused.to_string().contains("non-empty"), "{refused}");
}

#[tokio::test]
async fn markers_shape_the_outcome_and_failing_ones_fail_only_once() {
    let dir = tempfile::tempdir().unwrap();
    let sandbox = start(dir.path(), Duration::ZERO).await;
    let api = client(&sandbox.base_url(), SANDBOX_KEY, Duration::from_secs(5));
    let cases = [
        ("/x/sandbox-fail.jpg", Status::Done, true),
        ("/x/sandbox-error.jpg", Status::Error, true),
        ("/x/sandbox-cdn-error.jpg", Status::ErrorCdnNode, true),
        (
            "/x/sandbox-unknown.jpg",
            Status::Unknown(UNKNOWN_STATUS.into()),
            false,
        ),
    ];
    for (path, status, fails) in cases {
        let uuid = api
            .submit(&original(&[path, "/fine.jpg"]))
            .await
            .unwrap()
            .uuid;
        let seen = api.status(&uuid).await.unwrap();
        assert_eq!(seen.status, status, "{path}");
        if fails {
            assert_eq!(seen.failed, [path]);
            assert_eq!(seen.invalidated, ["/fine.jpg"]);
            // The second time the same path goes through.
            let uuid = api.submit(&original(&[path])).await.unwrap().uuid;
            let again = api.status(&uuid).await.unwrap();
            assert_eq!(again.status, Status::Done, "{path} a second time");
            assert!(again.failed.is_empty());
        }
    }
    let uuid = api
        .submit(&original(&["/x/sandbox-forget.jpg"]))
        .await
        .unwrap()
        .uuid;
    assert!(matches!(
        api.status(&uuid).await,
        Err(Error::NotFound { .. })
    ));
}

#[tokio::test]
async fn faults_and_settings_can_be_set_over_http() {
    let dir = tempfile::tempdir().unwrap();
    let sandbox = start(dir.path(), Duration::from_secs(3600)).await;
    let base = sandbox.base_url();
    let http = reqwest::Client::new();
    let answer = http
        .post(format!("{base}/_sandbox/faults"))
        .json(&["503@submit*2", "429:9@status"])
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 200);
    let answer = http
        .post(format!("{base}/_sandbox/faults"))
        .json(&["teapot"])
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 400);

    let api = client(&base, SANDBOX_KEY, Duration::from_secs(5));
    for _ in 0..2 {
        let err = api.submit(&original(&["/a"])).await.unwrap_err();
        assert_eq!(err.http_status(), Some(503));
    }
    let uuid = api.submit(&original(&["/a"])).await.unwrap().uuid;
    let limited = api.status(&uuid).await.unwrap_err();
    assert_eq!(limited.retry_after(), Some(Duration::from_secs(9)));
    // With a one-hour step the job is still RECEIVED; a zero step finishes it.
    assert_eq!(api.status(&uuid).await.unwrap().status, Status::Received);
    let answer = http
        .post(format!("{base}/_sandbox/settings"))
        .json(&serde_json::json!({"stepMs": 0}))
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 200);
    assert_eq!(api.status(&uuid).await.unwrap().status, Status::Done);

    let jobs: serde_json::Value = http
        .get(format!("{base}/_sandbox/jobs"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(jobs["jobs"].as_array().unwrap().len(), 1);
    assert_eq!(jobs["counters"]["submits"], 3);
}

#[tokio::test]
async fn latency_is_added_to_every_answer() {
    let dir = tempfile::tempdir().unwrap();
    let sandbox = start(dir.path(), Duration::ZERO).await;
    sandbox.set_latency(Duration::from_millis(1200));
    let api = client(&sandbox.base_url(), SANDBOX_KEY, Duration::from_millis(400));
    // Slower than the client allows: a timeout, not a wrong answer.
    assert!(matches!(
        api.submit(&original(&["/a"])).await,
        Err(Error::Timeout(_))
    ));
}

#[tokio::test]
async fn a_jobs_file_torn_inside_a_character_is_read_and_written_on() {
    let dir = tempfile::tempdir().unwrap();
    let first = {
        let sandbox = start(dir.path(), Duration::ZERO).await;
        let api = client(&sandbox.base_url(), SANDBOX_KEY, Duration::from_secs(5));
        let accepted = api.submit(&original(&["/café.jpg"])).await.unwrap();
        sandbox.stop().await;
        accepted.uuid
    };
    // A crash mid-write: the last line ends inside the two bytes of `é`.
    let jobs_file = SandboxConfig::in_data_dir(dir.path()).jobs_file;
    let mut bytes = std::fs::read(&jobs_file).unwrap();
    let whole = bytes.clone();
    let torn_at = whole.iter().position(|b| *b == 0xC3).unwrap() + 1;
    bytes.extend_from_slice(&whole[..torn_at]);
    std::fs::write(&jobs_file, &bytes).unwrap();

    let sandbox = start(dir.path(), Duration::ZERO).await;
    let api = client(&sandbox.base_url(), SANDBOX_KEY, Duration::from_secs(5));
    assert_eq!(api.status(&first).await.unwrap().status, Status::Done);
    let second = api.submit(&original(&["/après.jpg"])).await.unwrap().uuid;
    sandbox.stop().await;

    // The job written after the torn line is a line of its own: a restart knows both.
    let sandbox = start(dir.path(), Duration::ZERO).await;
    let api = client(&sandbox.base_url(), SANDBOX_KEY, Duration::from_secs(5));
    assert_eq!(api.status(&first).await.unwrap().status, Status::Done);
    assert_eq!(api.status(&second).await.unwrap().status, Status::Done);
    assert_eq!(sandbox.jobs().len(), 2);
}

#[tokio::test]
async fn the_sandbox_answers_only_its_own_clients() {
    let dir = tempfile::tempdir().unwrap();
    let sandbox = start(dir.path(), Duration::ZERO).await;
    let base = sandbox.base_url();
    let port = base.rsplit(':').next().unwrap().to_owned();
    let http = reqwest::Client::new();

    // DNS rebinding: a page at evil.example whose name now points at 127.0.0.1.
    for host in [
        format!("evil.example:{port}"),
        "127.0.0.1:1".to_owned(),
        "127.0.0.1".into(),
    ] {
        let answer = http
            .post(format!("{base}/invalidate"))
            .header("host", &host)
            .header("x-client-key", SANDBOX_KEY)
            .json(&serde_json::json!({"scope": "all"}))
            .send()
            .await
            .unwrap();
        assert_eq!(answer.status(), 421, "{host}");
        let jobs = http
            .get(format!("{base}/_sandbox/jobs"))
            .header("host", &host)
            .send()
            .await
            .unwrap();
        assert_eq!(jobs.status(), 421, "{host}");
    }
    assert!(sandbox.jobs().is_empty(), "nothing was submitted");
    assert_eq!(sandbox.counters().submits, 0);

    // What a form on another page can send without asking first: not JSON.
    let answer = http
        .post(format!("{base}/_sandbox/faults"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("503*2")
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 415);
    let answer = http
        .delete(format!("{base}/_sandbox/faults"))
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 415);
    // Another page's origin, even with JSON.
    let answer = http
        .post(format!("{base}/_sandbox/settings"))
        .header("origin", "http://evil.example")
        .json(&serde_json::json!({"stepMs": 99}))
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 403);
    let pending: serde_json::Value = http
        .get(format!("{base}/_sandbox/faults"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        pending["pending"],
        serde_json::json!([]),
        "no fault was queued"
    );

    // Its own clients: by address or by name, with or without their own origin.
    let settings = http
        .post(format!("http://localhost:{port}/_sandbox/settings"))
        .header("origin", format!("http://127.0.0.1:{port}"))
        .json(&serde_json::json!({"latencyMs": 0}))
        .send()
        .await
        .unwrap();
    assert_eq!(settings.status(), 200);
    let settings: serde_json::Value = settings.json().await.unwrap();
    assert_ne!(settings["stepMs"], 99, "the foreign change did not land");
    let api = client(&base, SANDBOX_KEY, Duration::from_secs(5));
    api.submit(&original(&["/a.jpg"])).await.unwrap();
}
