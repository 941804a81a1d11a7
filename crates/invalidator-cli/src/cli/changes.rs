//! Following requests without reading them all at every change: the engine says which
//! requests it changed, so only those are read again (and all of them now and then, in case
//! a notice was missed or another process wrote).

use std::collections::BTreeSet;
use std::time::Duration;

use invalidator::Change;
use tokio::sync::broadcast::Receiver;
use tokio::sync::broadcast::error::{RecvError, TryRecvError};

/// How often everything followed is read again anyway.
const EVERY: Duration = Duration::from_secs(2);

/// Waits for changes and returns which of `followed` to read again.
pub async fn next(changes: &mut Receiver<Change>, followed: &BTreeSet<i64>) -> Vec<i64> {
    let mut changed = BTreeSet::new();
    let mut all = false;
    match tokio::time::timeout(EVERY, changes.recv()).await {
        Ok(Ok(change)) => {
            changed.insert(change.request_id);
        }
        Ok(Err(RecvError::Lagged(_))) | Err(_) => all = true,
        Ok(Err(RecvError::Closed)) => all = true,
    }
    loop {
        match changes.try_recv() {
            Ok(change) => {
                changed.insert(change.request_id);
            }
            Err(TryRecvError::Lagged(_)) => all = true,
            Err(TryRecvError::Empty | TryRecvError::Closed) => break,
        }
    }
    if all {
        followed.iter().copied().collect()
    } else {
        changed.intersection(followed).copied().collect()
    }
}
