//! The log at scale: journals of 1,000 and of 100,000 requests, built through the domain (real
//! rows: batches, claims, acknowledgements, failures, status answers), read as the window and
//! the CLI read them. Prints, side by side, the median time of each read and their ratio, and
//! the time of a whole `invalidator log` process for both.
//!
//!   cargo build --release -p invalidator-cli && cargo run --release -p invalidator-bench --bin journal
//!
//! Nothing here asserts a time: it prints.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use invalidator::journal::{LogFilter, REQUESTS_PER_BATCH};
use invalidator::{Journal, StatusFilter};

const SMALL: usize = 1_000;
const LARGE: usize = 100_000;
const RUNS: usize = 15;

fn main() {
    let small = tempfile::tempdir().expect("temp dir");
    let large = tempfile::tempdir().expect("temp dir");
    // KEEP_JOURNAL=DIR keeps the 100,000-request journal there, to look into afterwards.
    let kept = std::env::var_os("KEEP_JOURNAL").map(PathBuf::from);
    let large_dir = kept.as_deref().unwrap_or(large.path());
    let started = Instant::now();
    invalidator_testkit::journal_of(small.path(), SMALL);
    let built_small = started.elapsed();
    let started = Instant::now();
    invalidator_testkit::journal_of(large_dir, LARGE);
    let built_large = started.elapsed();
    println!(
        "built through the domain: {SMALL} requests in {:.1} s, {LARGE} in {:.1} s",
        built_small.as_secs_f64(),
        built_large.as_secs_f64()
    );
    let small_journal = Journal::open(&journal_path(small.path())).expect("journal");
    let large_journal = Journal::open(&journal_path(large_dir)).expect("journal");

    let page = |filter: LogFilter| LogFilter {
        limit: 25,
        requests_per_batch: REQUESTS_PER_BATCH,
        ..filter
    };
    let mut cases: Vec<(String, LogFilter)> =
        vec![("first page".into(), page(LogFilter::default()))];
    for (name, filter) in StatusFilter::ALL {
        cases.push((
            format!("--status {name}"),
            page(LogFilter {
                status: Some(filter),
                ..LogFilter::default()
            }),
        ));
    }
    cases.push((
        "scope all".into(),
        page(LogFilter {
            scope: Some("all".into()),
            ..LogFilter::default()
        }),
    ));
    cases.push((
        "one project".into(),
        page(LogFilter {
            project_id: Some("p2".into()),
            ..LogFilter::default()
        }),
    ));
    for text in ["item-777/", "photo-3.jpg", "no-such-path", "ab"] {
        cases.push((
            format!("search {text:?}"),
            page(LogFilter {
                text: Some(text.into()),
                ..LogFilter::default()
            }),
        ));
    }

    println!();
    println!(
        "{:<32} {:>12} {:>12} {:>8}",
        "read (median of 15)", "1,000 (ms)", "100,000 (ms)", "ratio"
    );
    for (name, filter) in &cases {
        let a = median(|| {
            small_journal.log(filter).expect("log");
        });
        let b = median(|| {
            large_journal.log(filter).expect("log");
        });
        row(name, a, b);
    }
    // Load more: the second and the tenth page, from the cursor of the one before.
    for pages in [2, 10] {
        let a = median(|| load_pages(&small_journal, pages));
        let b = median(|| load_pages(&large_journal, pages));
        row(&format!("load more: {pages} pages"), a, b);
    }
    let big = large_journal
        .log(&page(LogFilter::default()))
        .expect("log")
        .batches
        .into_iter()
        .find(|b| b.request_count > 1_000)
        .map(|b| b.id);
    if let Some(batch) = big {
        let b = median(|| {
            large_journal
                .batch_page(batch, &LogFilter::default(), 5_000, 20)
                .expect("page");
        });
        println!(
            "{:<32} {:>12} {:>12.2} {:>8}",
            "big batch: rows 5,000-5,020",
            "-",
            ms(b),
            "-"
        );
    }

    let cli = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/release/invalidator");
    if cli.exists() {
        println!();
        println!(
            "{:<32} {:>12} {:>12} {:>8}",
            "whole CLI process (median of 15)", "1,000 (ms)", "100,000 (ms)", "ratio"
        );
        for args in [
            vec!["log", "--status", "failed"],
            vec!["log", "--search", "item-777/"],
            vec!["log"],
        ] {
            let a = median(|| run_cli(&cli, small.path(), &args));
            let b = median(|| run_cli(&cli, large_dir, &args));
            row(&format!("invalidator {}", args.join(" ")), a, b);
        }
    } else {
        println!(
            "\n(no {}: build it with `cargo build --release -p invalidator-cli` to time the CLI)",
            cli.display()
        );
    }

    // What the first window on a journal claims once (each is claimed once, so timed once):
    // every ended batch to announce, every done request to consider for a check.
    println!();
    println!(
        "{:<32} {:>12} {:>12} {:>8}",
        "first window's claims (once)", "1,000 (ms)", "100,000 (ms)", "ratio"
    );
    // Each claims once and says how many it claimed.
    type Claim = fn(&Journal) -> usize;
    let claims: [(&str, Claim); 2] = [
        ("ended batches", |j| {
            j.claim_ended_batches(None).expect("claimed").len()
        }),
        ("done requests to check", |j| {
            j.claim_auto_checks(None).expect("claimed").len()
        }),
    ];
    for (name, claim) in claims {
        let started = Instant::now();
        claim(&small_journal);
        let a = started.elapsed();
        let started = Instant::now();
        let count = claim(&large_journal);
        let b = started.elapsed();
        row(&format!("{name} ({count})"), a, b);
    }
}

fn row(name: &str, small: Duration, large: Duration) {
    println!(
        "{:<32} {:>12.2} {:>12.2} {:>8.2}",
        name,
        ms(small),
        ms(large),
        large.as_secs_f64() / small.as_secs_f64()
    );
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn median(mut f: impl FnMut()) -> Duration {
    f();
    let mut times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let started = Instant::now();
            f();
            started.elapsed()
        })
        .collect();
    times.sort();
    times[RUNS / 2]
}

fn load_pages(journal: &Journal, pages: usize) {
    let mut before = None;
    for _ in 0..pages {
        let page = journal
            .log(&LogFilter {
                before_batch: before,
                limit: 25,
                requests_per_batch: REQUESTS_PER_BATCH,
                ..LogFilter::default()
            })
            .expect("log");
        before = page.next_before;
    }
}

fn run_cli(cli: &Path, data: &Path, args: &[&str]) {
    let status = Command::new(cli)
        .args(args)
        .env("INVALIDATOR_DATA_DIR", data)
        .env_remove("INVALIDATOR_API_KEY")
        .stdout(std::process::Stdio::null())
        .status()
        .expect("the CLI runs");
    assert!(status.success());
}

fn journal_path(dir: &Path) -> PathBuf {
    invalidator::data_dir::journal_path(dir)
}
