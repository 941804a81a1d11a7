//! Retry: always a new request, linked to the one it retries, so both stay in the log.

use crate::condition::ConditionCode;
use crate::journal::{NewBatch, NewRequest, RequestView};
use crate::project::split_into_requests;
use crate::{Error, Problem, Result, ScopeKind};

/// The batch that retries `original`:
/// - a send that failed, was rejected, or was lost track of (404, stalled): all its paths;
/// - an ERROR, ERROR_CDN_NODE or done-with-failures invalidation: its failed paths, or all of
///   them if the service listed none.
///
/// Always paths the request sent, never one the service's answer named on its own.
pub fn retry_batch(original: &RequestView, batch_size: usize, origin: &str) -> Result<NewBatch> {
    if !original.condition.retryable {
        return Err(Error::NotRetryable(Problem::NothingToRetry {
            request: original.id.to_string(),
            status: original.condition.text.clone(),
        }));
    }
    let scope = original.scope;
    // Only what the request itself sent: whatever else an answer named is not its to resend.
    let sent = &original.paths[..original.path_count.min(original.paths.len())];
    let failed: Vec<String> = sent
        .iter()
        .filter(|p| p.result == "failed")
        .map(|p| p.path.clone())
        .collect();
    let only_failed = original.uuid.is_some()
        && matches!(
            original.condition.code,
            ConditionCode::Error | ConditionCode::ErrorCdnNode | ConditionCode::DoneWithFailures
        )
        && !failed.is_empty();
    let paths: Vec<String> = if only_failed {
        failed
    } else {
        sent.iter().map(|p| p.path.clone()).collect()
    };
    let requests = match scope {
        ScopeKind::All => vec![Vec::new()],
        ScopeKind::Original => split_into_requests(&paths, batch_size),
    };
    Ok(NewBatch {
        project: original.project.clone(),
        scope,
        requests: requests
            .into_iter()
            .map(|paths| NewRequest {
                paths,
                retry_of: Some(original.id),
            })
            .collect(),
        origin: origin.to_owned(),
    })
}
