//! Dispatch throughput: 10,000 paths (1,000 requests of 10) sent to the sandbox, which takes a
//! fixed `d` per request, with at most `k` requests in flight. Prints, side by side in one run,
//! the time until all 1,000 are acknowledged, the ideal `ceil(1000 / k) × d`, their ratio, and
//! the time until all are Done.
//!
//!   cargo run --release -p invalidator-bench --bin dispatch [-- d_ms:k ...]
//!
//! Default cases: 20:4 20:16 50:8 5:16 2:32. Everything is real: HTTP on 127.0.0.1, the journal on a
//! SQLite file (synchronous=FULL) in a temp dir.

use std::time::{Duration, Instant};

use cloudimage_sandbox::{SANDBOX_KEY, Sandbox, SandboxConfig};
use invalidator::journal::BatchSummary;
use invalidator::owner::Owner;
use invalidator::submission::Plan;
use invalidator::{Engine, EngineConfig, Journal, Project, ScopeKind};

const PATHS: usize = 10_000;
const PER_REQUEST: usize = 10;

#[tokio::main]
async fn main() {
    let cases: Vec<(u64, usize)> = {
        let args: Vec<String> = std::env::args().skip(1).collect();
        if args.is_empty() {
            vec![(20, 4), (20, 16), (50, 8), (5, 16), (2, 32)]
        } else {
            args.iter()
                .map(|a| {
                    let (d, k) = a.split_once(':').expect("cases look like d_ms:k");
                    (d.parse().expect("d in ms"), k.parse().expect("k"))
                })
                .collect()
        }
    };
    println!(
        "{:>6} {:>4} {:>10} {:>12} {:>10} {:>8} {:>12}",
        "d(ms)", "k", "requests", "acked(ms)", "ideal(ms)", "ratio", "all done(ms)"
    );
    for (d, k) in cases {
        let result = run(Duration::from_millis(d), k).await;
        println!(
            "{:>6} {:>4} {:>10} {:>12} {:>10} {:>8.2} {:>12}",
            d,
            k,
            result.requests,
            result.acknowledged.as_millis(),
            result.ideal.as_millis(),
            result.acknowledged.as_secs_f64() / result.ideal.as_secs_f64(),
            result.done.as_millis()
        );
    }
}

struct Outcome {
    requests: usize,
    acknowledged: Duration,
    ideal: Duration,
    done: Duration,
}

async fn run(delay: Duration, in_flight: usize) -> Outcome {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut config = SandboxConfig::in_data_dir(dir.path());
    config.latency = delay;
    config.step = Duration::from_millis(50);
    let sandbox = Sandbox::start(config).await.expect("sandbox");
    let project = Project {
        id: "bench".into(),
        name: "Bench".into(),
        api_base: sandbox.base_url(),
        v7: false,
        batch_size: PER_REQUEST,
        delivery_base: None,
        check_limit: 0,
    };
    let journal = Journal::open(&dir.path().join("journal.sqlite3")).expect("journal");
    let engine = Engine::start(
        journal.clone(),
        Owner::register(dir.path()).expect("owner"),
        EngineConfig {
            max_in_flight: in_flight,
            max_polls_in_flight: 16,
            poll_min: Duration::from_millis(250),
            poll_max: Duration::from_secs(1),
            tick: Duration::from_millis(100),
            ..EngineConfig::default()
        },
    );
    engine.set_endpoint(
        &project.id,
        cloudimage::Client::builder()
            .base_url(&project.api_base)
            .api_key(cloudimage::ApiKey::new(SANDBOX_KEY))
            .build()
            .expect("client"),
    );
    let text: String = (0..PATHS).map(|i| format!("/bench/{i}.jpg\n")).collect();
    let batch = Plan::new(&project, ScopeKind::Original, &text)
        .into_batch(&project, "bench")
        .expect("batch");
    let requests = batch.requests.len();
    // A connection of its own, so that counting does not queue behind the engine's writes.
    let counter = Journal::open(&dir.path().join("journal.sqlite3")).expect("journal");
    let started = Instant::now();
    let (batch_id, _) = engine.submit(batch).await.expect("recorded");
    let acknowledged = wait(&counter, batch_id, |s| s.acknowledged).await;
    let acknowledged = acknowledged.duration_since(started);
    let done = wait(&counter, batch_id, |s| s.done)
        .await
        .duration_since(started);
    engine.shutdown().await;
    let rounds = requests.div_ceil(in_flight) as u32;
    Outcome {
        requests,
        acknowledged,
        ideal: delay * rounds,
        done,
    }
}

/// Waits until `count` of the batch's summary covers every request, checking every 10 ms
/// (on a connection of its own: the count itself costs the engine little).
async fn wait(journal: &Journal, batch_id: i64, count: impl Fn(&BatchSummary) -> usize) -> Instant {
    loop {
        let summary = journal.batch_summary(batch_id).expect("summary");
        if count(&summary) >= summary.requests {
            return Instant::now();
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}
