//! Writing the answer to a send, grouped with the journal writer's other writes. When the
//! journal refuses it, the write is tried again; if it keeps failing, the answer is kept (an
//! acknowledgement also in a file beside the journal, see `journal/unrecorded.rs`), nothing new
//! is sent, and the user is told, until the journal takes writes again.

use std::sync::Arc;
use std::time::Duration;

use super::state::{Holdup, Part, Shared, Unwritten};
use crate::journal::{self, Setback, now_ms};

/// Pauses between tries of a journal write that failed, before the answer is kept aside.
const WRITE_RETRIES: [Duration; 3] = [
    Duration::from_millis(100),
    Duration::from_millis(400),
    Duration::from_millis(1600),
];

pub(super) async fn record(shared: &Arc<Shared>, id: i64, project: &str, setback: Setback) {
    let project = project.to_owned();
    write_or_keep(
        shared,
        Unwritten::Setback {
            id,
            project,
            setback,
        },
    )
    .await;
}

/// Writes an answer to the journal, trying again a few times. If the journal keeps refusing,
/// the answer is kept to be written later (an acknowledgement also on disk beside the
/// journal), and the dispatcher stops sending until it is written.
pub(super) async fn write_or_keep(shared: &Arc<Shared>, answer: Unwritten) {
    let mut tries = WRITE_RETRIES.iter();
    let error = loop {
        match write(shared, answer.clone()).await {
            Ok(()) => return,
            Err(e) => match tries.next() {
                Some(pause) => {
                    tracing::warn!(error = %e, "the journal refused a write; trying again");
                    tokio::time::sleep(*pause).await;
                }
                None => break e,
            },
        }
    };
    let mut problem = journal_problem(shared, &error);
    if let Unwritten::Acknowledged { id, accepted, .. } = &answer {
        let (me, uuid) = (shared.owner.id().to_owned(), accepted.uuid.clone());
        let (kept, a) = (shared.clone(), accepted.clone());
        let id = *id;
        let file = tokio::task::spawn_blocking(move || kept.journal.keep_unrecorded(&me, id, &a))
            .await
            .map_err(std::io::Error::other)
            .and_then(|r| r);
        tracing::error!(request = id, uuid = %uuid, "acknowledgement kept aside");
        let (path, cause) = (
            shared.journal.path().display().to_string(),
            error.to_string(),
        );
        problem = match file {
            Ok(file) => Holdup::AnswerKept {
                path,
                cause,
                request: id.to_string(),
                uuid,
                file: file.display().to_string(),
            },
            Err(e) => Holdup::AnswerUnkept {
                path,
                cause,
                request: id.to_string(),
                uuid,
                error: e.to_string(),
            },
        };
    }
    shared.unwritten.lock().unwrap().push(answer);
    shared.report(Part::Dispatcher, Some(problem));
}

/// One try at writing an answer, grouped with whatever else the journal writer has waiting.
/// A write that no longer applies (the claim was taken over) is done with all the same.
async fn write(shared: &Arc<Shared>, answer: Unwritten) -> crate::Result<()> {
    let me = shared.owner.id().to_owned();
    let id = match &answer {
        Unwritten::Acknowledged { id, .. } | Unwritten::Setback { id, .. } => *id,
    };
    shared
        .write(move |conn| match &answer {
            Unwritten::Acknowledged {
                id,
                accepted,
                poll_ms,
            } => journal::acknowledge(conn, *id, Some(&me), accepted, now_ms() + poll_ms, *poll_ms)
                .map(drop),
            Unwritten::Setback {
                id,
                project,
                setback,
            } => journal::record_setback(conn, *id, &me, project, setback).map(drop),
        })
        .await?;
    shared.changed(id);
    Ok(())
}

/// Writes what was kept while the journal refused writes. Returns whether nothing is left.
pub(super) async fn write_unwritten(shared: &Arc<Shared>) -> bool {
    let waiting: Vec<Unwritten> = std::mem::take(&mut *shared.unwritten.lock().unwrap());
    if waiting.is_empty() {
        return true;
    }
    let mut left = Vec::new();
    let mut last_error = None;
    for answer in waiting {
        if let Err(e) = write(shared, answer.clone()).await {
            last_error = Some(e);
            left.push(answer);
        }
    }
    let done = left.is_empty();
    shared.unwritten.lock().unwrap().extend(left);
    if done {
        let me = shared.owner.id().to_owned();
        let s = shared.clone();
        let _ = tokio::task::spawn_blocking(move || s.journal.forget_unrecorded(&me)).await;
        shared.report(Part::Dispatcher, None);
        shared.send_wake.notify_one();
    } else if let Some(e) = last_error {
        tracing::warn!(error = %e, "the journal still refuses writes");
    }
    done
}

/// The journal refuses writes, in words for the user.
pub(super) fn journal_problem(shared: &Shared, error: &crate::Error) -> Holdup {
    Holdup::Sending {
        path: shared.journal.path().display().to_string(),
        cause: error.to_string(),
    }
}
