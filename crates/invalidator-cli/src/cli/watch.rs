//! `watch`: follow invalidations until the service says they are finished, printing every
//! change, with a live summary line on a terminal.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::time::Instant;

use chrono::Local;
use invalidator::condition::ConditionCode;
use invalidator::journal::RequestView;
use invalidator::{Engine, Journal, RequestState, Result, Tone};

use super::changes;
use super::context::Context;
use super::exit;
use super::output::{errln, outln};
use super::render::{self, StatusLine, say};
use serde_json::{Value, json};

pub async fn watch(context: &Context, reference: Option<&str>) -> Result<u8> {
    let journal = context.journal()?;
    let targets: Vec<i64> = match reference {
        Some(reference) => vec![journal.find(reference)?.id],
        None => journal.unfinished(None)?,
    };
    if targets.is_empty() {
        outln!("{}", say("cli-nothing-in-progress", Value::Null))?;
        if let Some(batch) = journal.latest_batch()? {
            outln!(
                "{}",
                say("cli-latest-batch", json!({ "batch": batch.to_string() }))
            )?;
            for view in journal.batch_requests(batch)? {
                outln!("{}", render::request_line(&view))?;
            }
        }
        return Ok(exit::OK);
    }
    let views = read_all(&journal, &targets)?;
    if views.iter().all(|v| v.condition.finished) {
        for view in &views {
            outln!("{}", render::request_line(view))?;
        }
        return Ok(outcome(&views));
    }
    let sender = context.sender()?;
    let (mine, others): (Vec<RequestView>, Vec<RequestView>) = views
        .into_iter()
        .partition(|v| v.project.id == sender.project.id || v.condition.finished);
    for view in &others {
        outln!(
            "{}",
            say(
                "cli-skipping",
                json!({ "request": view.id.to_string(), "project": view.project.name })
            )
        )?;
    }
    if mine.is_empty() {
        return Ok(exit::BAD_INPUT);
    }
    let targets: Vec<i64> = mine.iter().map(|v| v.id).collect();
    let engine = context.engine(journal.clone(), &sender)?;
    let mut changes = engine.subscribe();
    let followed = follow(&engine, &targets, &mut changes).await;
    engine.shutdown().await;
    let final_views = followed?;
    let code = outcome(&final_views);
    outln!(
        "{}",
        match code {
            exit::OK => say("cli-all-done", Value::Null),
            _ => say(
                "cli-not-all-well",
                json!({
                    "status": "invalidator status ID",
                    "retry": "invalidator retry ID",
                    "requests": final_views
                        .iter()
                        .filter(|v| v.condition.retryable)
                        .map(|v| format!("#{}", v.id))
                        .collect::<Vec<_>>()
                        .join(", "),
                })
            ),
        }
    )?;
    Ok(code)
}

/// Prints every change of `targets` until all are finished; returns them as they ended.
async fn follow(
    engine: &Engine,
    targets: &[i64],
    changes: &mut tokio::sync::broadcast::Receiver<invalidator::Change>,
) -> Result<Vec<RequestView>> {
    let started = Instant::now();
    let mut line = StatusLine::new();
    let mut shown: HashMap<i64, String> = HashMap::new();
    let mut holdups_shown = Vec::new();
    let mut views: BTreeMap<i64, RequestView> = BTreeMap::new();
    let followed: BTreeSet<i64> = targets.iter().copied().collect();
    let mut to_read: Vec<i64> = targets.to_vec();
    let final_views = loop {
        let holdups = engine.holdups();
        if !holdups.is_empty() && holdups != holdups_shown {
            line.clear();
            for holdup in &holdups {
                errln!("{}", render::said(holdup));
            }
        }
        holdups_shown = holdups;
        for view in engine.journal().requests(&to_read)? {
            let text = render::status_text(&view);
            if shown.get(&view.id) != Some(&text) {
                let at = Local::now().format("%H:%M:%S");
                line.println(&format!("{at} {}", render::request_line(&view)))?;
                if matches!(view.condition.tone, Tone::Error | Tone::Warning) {
                    line.println(&format!("         {}", render::detail_text(&view)))?;
                }
                shown.insert(view.id, text);
            }
            views.insert(view.id, view);
        }
        let views: Vec<RequestView> = views.values().cloned().collect();
        let finished = views.iter().filter(|v| v.condition.finished).count();
        if finished == views.len() {
            break views;
        }
        let offline = views.iter().any(|v| {
            v.state == RequestState::Queued
                && v.error
                    .as_ref()
                    .is_some_and(|e| e.kind == cloudimage::ErrorKind::Offline.as_str())
        });
        let progress = json!({
            "finished": finished,
            "total": views.len(),
            "seconds": started.elapsed().as_secs(),
        });
        line.show(&if offline {
            say("cli-progress-offline", progress)
        } else {
            say("cli-progress", progress)
        });
        to_read = changes::next(changes, &followed).await;
    };
    line.clear();
    Ok(final_views)
}

fn read_all(journal: &Journal, ids: &[i64]) -> Result<Vec<RequestView>> {
    journal.requests(ids)
}

/// The exit code of a set of finished requests.
pub fn outcome(views: &[RequestView]) -> u8 {
    let codes: Vec<ConditionCode> = views.iter().map(|v| v.condition.code).collect();
    if codes.contains(&ConditionCode::Rejected) {
        exit::REJECTED
    } else if codes.contains(&ConditionCode::SendFailed)
        || codes.contains(&ConditionCode::MaybeReceived)
    {
        exit::TRANSIENT
    } else if views.iter().all(|v| v.condition.code == "done") {
        exit::OK
    } else {
        exit::FINISHED_WITH_ERRORS
    }
}
