//! A window's processes as /proc shows them: the app's among tauri-driver's descendants,
//! its tree (the WebKit children), their memory (PSS) and CPU time.

use std::collections::HashMap;
use std::path::Path;
use std::time::{Duration, Instant};

/// The process running `binary` among the descendants of `root`.
pub(crate) fn find_process(root: u32, binary: &Path) -> Option<u32> {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let found = descendants(root).into_iter().find(|pid| {
            std::fs::read_link(format!("/proc/{pid}/exe")).is_ok_and(|exe| exe == binary)
        });
        if found.is_some() || Instant::now() > deadline {
            return found;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// `pid` and every process below it.
pub(crate) fn descendants(pid: u32) -> Vec<u32> {
    let mut all = vec![pid];
    let mut index = 0;
    while index < all.len() {
        let parent = all[index];
        if let Ok(children) =
            std::fs::read_to_string(format!("/proc/{parent}/task/{parent}/children"))
        {
            all.extend(
                children
                    .split_whitespace()
                    .filter_map(|c| c.parse::<u32>().ok()),
            );
        }
        index += 1;
    }
    all
}

pub(crate) fn pss_kb(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup"))
        .ok()
        .and_then(|text| {
            text.lines()
                .find(|l| l.starts_with("Pss:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

/// CPU time of each thread of some processes so far, to the nanosecond (`schedstat`):
/// clock ticks of 10 ms cannot tell a window's 3 ms from its 0.
pub(crate) struct CpuTimes(HashMap<u32, u64>);

/// The CPU time of every thread of `pids` now.
pub(crate) fn cpu_times(pids: &[u32]) -> CpuTimes {
    let mut threads = HashMap::new();
    for pid in pids {
        let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) else {
            continue;
        };
        for task in tasks.flatten() {
            let tid = task.file_name().to_string_lossy().parse::<u32>();
            let ran = std::fs::read_to_string(task.path().join("schedstat"))
                .ok()
                .and_then(|stat| stat.split_whitespace().next()?.parse::<u64>().ok());
            if let (Ok(tid), Some(ran)) = (tid, ran) {
                threads.insert(tid, ran);
            }
        }
    }
    assert!(
        pids.is_empty() || !threads.is_empty(),
        "no /proc/PID/task/TID/schedstat to read: a kernel without CONFIG_SCHED_INFO"
    );
    CpuTimes(threads)
}

impl CpuTimes {
    /// CPU used since `earlier`, thread by thread: a sum of whole processes would lose, with
    /// a thread that ended (an idle pool's), all it ever ran. What a thread ran after
    /// `earlier` and before it ended is not counted.
    pub(crate) fn since(&self, earlier: &CpuTimes) -> Duration {
        let ran = self
            .0
            .iter()
            .map(|(tid, now)| now.saturating_sub(earlier.0.get(tid).copied().unwrap_or(0)))
            .sum();
        Duration::from_nanos(ran)
    }
}
