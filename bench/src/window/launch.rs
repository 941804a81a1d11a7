//! Launches timed: from the process's start to the first content of its page, and where that
//! time went in the app's page.

use std::path::Path;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use fantoccini::Client;
use invalidator_e2e::Driver;

use crate::{LAUNCHES, wait_for};

/// Where the launch went: when the page's navigation started, and each mark the page set on
/// its way to its first rows (`invalidator:script`, `first-page`, `mounted`, `start`), in
/// seconds after `launched_at`.
pub(crate) async fn start_marks(client: &Client, launched_at: SystemTime) -> Vec<(String, f64)> {
    let seen = client
        .execute(
            "return { origin: performance.timeOrigin, \
               marks: performance.getEntriesByType('mark').map(m => [m.name, m.startTime]) };",
            vec![],
        )
        .await
        .unwrap_or_default();
    let launched = launched_at
        .duration_since(UNIX_EPOCH)
        .map_or(0.0, |d| d.as_secs_f64() * 1000.0);
    let origin = seen["origin"].as_f64().unwrap_or(launched) - launched;
    let mut out = vec![("navigation".to_owned(), origin / 1000.0)];
    for mark in seen["marks"].as_array().into_iter().flatten() {
        let name = mark[0]
            .as_str()
            .unwrap_or_default()
            .trim_start_matches("invalidator:");
        let at = origin + mark[1].as_f64().unwrap_or_default();
        out.push((name.to_owned(), at / 1000.0));
    }
    out
}

/// The median time from launch to `first` in the page, over [`LAUNCHES`] launches (each is
/// printed: the spread says how far to trust the median).
pub(crate) async fn launch_median(binary: &Path, env: &[(&str, String)], first: &str) -> f64 {
    let mut times = Vec::with_capacity(LAUNCHES);
    for _ in 0..LAUNCHES {
        let driver = Driver::start(env);
        let started = Instant::now();
        let client = driver.session(binary).await;
        wait_for(&client, first).await;
        times.push(started.elapsed().as_secs_f64());
        let _ = client.close().await;
        drop(driver);
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    times.sort_by(f64::total_cmp);
    let each: Vec<String> = times.iter().map(|t| format!("{t:.2}")).collect();
    let name = binary.file_name().unwrap_or_default().to_string_lossy();
    let painting = env
        .iter()
        .find(|(name, _)| *name == "WEBKIT_DISABLE_COMPOSITING_MODE")
        .map_or("", |(_, v)| if v == "1" { ", flat" } else { ", composited" });
    println!("launches of {name}{painting}: {} s", each.join(" "));
    times[LAUNCHES / 2]
}
