//! The CDN check: "is the new file really what people see now?" After an invalidation is
//! done, each path it sent is asked of the project's delivery URL with a `HEAD` (never with
//! the API key: the delivery host is the public CDN), and the answer's cache headers are read
//! into a verdict (`verdict.rs`). `delivery.rs` asks, and never anywhere but the delivery
//! base; this file says which paths are asked, and records what was found in the journal
//! (`journal/checks.rs`). The window and `invalidator verify` both call [`check_request`].

mod delivery;
mod verdict;

pub use delivery::{check_paths, client, delivery_url, head};
pub use verdict::{Ago, Check, Verdict, VerdictReason, Window, judge};

use crate::{Error, Journal, Problem, Project, Result};

/// Delivery URLs asked at once: a CDN edge is not to be hammered for a check.
pub const CONCURRENCY: usize = 4;

/// Checks every path of request `request_id` under `delivery_base` and records the answers.
/// The request must be done; a path ending with `*` names no single file and is said so
/// without asking.
pub async fn check_request(
    journal: &Journal,
    request_id: i64,
    delivery_base: &str,
    client: &reqwest::Client,
) -> Result<Vec<Check>> {
    crate::project::check_delivery_base(delivery_base)?;
    let journal_for_read = journal.clone();
    let (view, window) = tokio::task::spawn_blocking(move || {
        let view = journal_for_read.request_whole(request_id)?;
        let window = journal_for_read.check_window(request_id)?;
        Ok::<_, Error>((view, window))
    })
    .await
    .map_err(|e| Error::Io(std::io::Error::other(e)))??;
    if view.scope == crate::ScopeKind::All {
        return Err(Error::BadInput(Problem::WholeCacheUnchecked {
            request: request_id.to_string(),
        }));
    }
    let Some(window) = window else {
        return Err(Error::BadInput(Problem::NotDoneYet {
            request: request_id.to_string(),
            status: view.condition.text.clone(),
        }));
    };
    let mut paths: Vec<String> = Vec::with_capacity(view.paths.len());
    // The paths the request sent, never one an answer named on its own.
    for result in view.paths.into_iter().take(view.path_count) {
        if !paths.contains(&result.path) {
            paths.push(result.path);
        }
    }
    let (prefixes, files): (Vec<String>, Vec<String>) =
        paths.iter().cloned().partition(|p| p.ends_with('*'));
    let mut checks = check_paths(client, delivery_base, &files, window, CONCURRENCY).await;
    let now = chrono::Utc::now();
    checks.extend(prefixes.into_iter().map(|path| {
        let url = delivery_url(delivery_base, &path).unwrap_or_default();
        Check::could_not_check(path, url, now, VerdictReason::Folder)
    }));
    let journal = journal.clone();
    let recorded = checks.clone();
    tokio::task::spawn_blocking(move || journal.record_checks(request_id, &recorded))
        .await
        .map_err(|e| Error::Io(std::io::Error::other(e)))??;
    // In the request's order, as the journal gives them back.
    checks.sort_by_key(|check| paths.iter().position(|p| *p == check.path));
    Ok(checks)
}

/// The delivery base to check `project`'s files at, or an error that says how to set one.
pub fn delivery_base_of(project: &Project) -> Result<String> {
    project.delivery_base.clone().ok_or_else(|| {
        Error::BadInput(Problem::NoDeliveryBase {
            project: project.name.clone(),
        })
    })
}
