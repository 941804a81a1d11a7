//! Launches timed: from the process's start to the first content of its page, and where that
//! time went in the app's page.

use std::path::Path;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use fantoccini::Client;
use invalidator_e2e::Driver;

use crate::process::find_process;
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

/// The pause after a window closes before the next launch. Measured without WebDriver: the
/// app launched 0.5 s after the last one exited, or 3 s after it was killed, waited ~0.6 s
/// more before its page started, in every second launch; closed normally and 3 s apart,
/// none did. So each window is closed and left to exit, and the next launch waits: nobody
/// opens the app that way.
const BETWEEN_LAUNCHES: Duration = Duration::from_secs(3);

/// A window's launches to first content, each as it ran.
pub(crate) struct Launches {
    /// Seconds from launch to the first content, and to the start of the page's navigation.
    each: Vec<(f64, f64)>,
}

impl Launches {
    /// The median launch to first content.
    pub(crate) fn median(&self) -> f64 {
        median(self.each.iter().map(|(time, _)| *time))
    }

    /// The median time the page took, from its navigation to its first content: the part of
    /// a launch that is the page's own, without the process's start before it.
    pub(crate) fn page_median(&self) -> f64 {
        median(self.each.iter().map(|(time, navigation)| time - navigation))
    }
}

fn median(values: impl Iterator<Item = f64>) -> f64 {
    let mut all: Vec<f64> = values.collect();
    all.sort_by(f64::total_cmp);
    all.get(all.len() / 2).copied().unwrap_or(f64::NAN)
}

/// [`LAUNCHES`] launches to `first` in the page, each printed in the order they ran, with
/// when its page's navigation started: the spread says how far to trust the median, and a
/// slow one says whether the page or what came before it was slow.
pub(crate) async fn launches(binary: &Path, env: &[(&str, String)], first: &str) -> Launches {
    let mut each = Vec::with_capacity(LAUNCHES);
    for _ in 0..LAUNCHES {
        let driver = Driver::start(env);
        let started = Instant::now();
        let launched_at = SystemTime::now();
        let client = driver.session(binary).await;
        wait_for(&client, first).await;
        let time = started.elapsed().as_secs_f64();
        let navigation = start_marks(&client, launched_at).await[0].1;
        each.push((time, navigation));
        let process = find_process(driver.pid(), binary);
        let _ = client.close().await;
        if let Some(pid) = process {
            let deadline = Instant::now() + Duration::from_secs(10);
            while Path::new(&format!("/proc/{pid}")).exists() && Instant::now() < deadline {
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
        }
        drop(driver);
        tokio::time::sleep(BETWEEN_LAUNCHES).await;
    }
    let name = binary.file_name().unwrap_or_default().to_string_lossy();
    let painting = env
        .iter()
        .find(|(name, _)| *name == "WEBKIT_DISABLE_COMPOSITING_MODE")
        .map_or(
            "",
            |(_, v)| if v == "1" { ", flat" } else { ", composited" },
        );
    let shown: Vec<String> = each
        .iter()
        .map(|(time, navigation)| format!("{time:.2} ({navigation:.2})"))
        .collect();
    println!(
        "launches of {name}{painting}, s (navigation started): {}",
        shown.join(" ")
    );
    Launches { each }
}
