//! `submit` and `retry`: record, send, and wait until every request of the batch has an
//! answer (or is safely queued).

use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;

use invalidator::journal::RequestView;
use invalidator::list_file::{ListName, read_list_from};
use invalidator::paths::Place;
use invalidator::submission::Plan;
use invalidator::{Engine, Error, Problem, RequestState, Result, ScopeKind};
use serde_json::json;

use super::changes;
use super::context::Context;
use super::exit;
use super::output::{self, errln, outln};
use super::render;

pub async fn submit(
    context: &Context,
    paths: Vec<String>,
    from_file: Option<PathBuf>,
    scope: ScopeKind,
    yes: bool,
    json: bool,
) -> Result<u8> {
    let sender = context.sender()?;
    let project = &sender.project;
    let input = Input::read(paths, from_file)?;
    if scope == ScopeKind::All {
        if !input.text.trim().is_empty() {
            return Err(Error::BadInput(Problem::CliScopeAllPaths));
        }
        if !yes {
            return Err(Error::BadInput(Problem::CliScopeAllYes {
                project: project.name.clone(),
            }));
        }
    } else if input.text.trim().is_empty() {
        return Err(Error::BadInput(Problem::CliNoPaths));
    }
    let plan = Plan::labelled(project, scope, &input.text, &|line| input.label(line));
    for notice in &plan.list.notices {
        errln!("{}", render::notice(notice));
    }
    let batch = plan.into_batch(project, "cli")?;
    let journal = context.journal()?;
    let engine = context.engine(journal, &sender)?;
    let requests = batch.requests.len();
    let paths: usize = batch.requests.iter().map(|r| r.paths.len()).sum();
    let mut changes = engine.subscribe();
    let (batch_id, ids) = engine.submit(batch).await?;
    let sent = async {
        let (batch, project) = (batch_id.to_string(), project.name.clone());
        let recorded = if scope == ScopeKind::All {
            render::say(
                "cli-recorded-whole-cache",
                json!({ "batch": batch, "project": project }),
            )
        } else {
            render::say(
                "cli-recorded",
                json!({ "batch": batch, "project": project, "paths": paths, "requests": requests }),
            )
        };
        say(json, &recorded)?;
        wait_until_sent(&engine, &ids, &mut changes, json).await
    }
    .await;
    finish(&engine, batch_id, sent, json).await
}

pub async fn retry(context: &Context, reference: &str, json: bool) -> Result<u8> {
    let journal = context.journal()?;
    let original = journal.find(reference)?;
    let sender = context.sender()?;
    if sender.project.id != original.project.id {
        return Err(Error::BadInput(Problem::CliOtherProject {
            request: original.id.to_string(),
            project: original.project.name.clone(),
            base: original.project.api_base.clone(),
        }));
    }
    let engine = context.engine(journal, &sender)?;
    let mut changes = engine.subscribe();
    let (batch_id, ids) = engine
        .retry(original.id, sender.project.batch_size(), "cli")
        .await?;
    let sent = async {
        let recorded = render::say(
            "cli-retry-recorded",
            json!({
                "batch": batch_id.to_string(),
                "request": original.id.to_string(),
                "status": render::status_text(&original),
            }),
        );
        say(json, &recorded)?;
        wait_until_sent(&engine, &ids, &mut changes, json).await
    }
    .await;
    finish(&engine, batch_id, sent, json).await
}

/// Stops the engine (what is on the wire is recorded first), however the wait ended, then
/// prints the outcome.
async fn finish(engine: &Engine, batch_id: i64, sent: Result<u8>, json: bool) -> Result<u8> {
    engine.shutdown().await;
    let code = sent?;
    if json {
        let requests = engine.journal().batch_requests(batch_id)?;
        outln!("{}", output::json(&requests)?)?;
    } else if code == exit::OK {
        outln!(
            "{}",
            render::say("cli-follow", json!({ "command": "invalidator watch" }))
        )?;
    }
    Ok(code)
}

/// Human progress goes to stdout, or to stderr when stdout carries JSON.
fn say(json: bool, line: &str) -> std::io::Result<()> {
    if json {
        errln!("{line}");
        Ok(())
    } else {
        outln!("{line}")
    }
}

/// Waits until each request is acknowledged, refused, given up on, or queued because the
/// service does not answer; prints each as it gets there. Returns the exit code.
async fn wait_until_sent(
    engine: &Engine,
    ids: &[i64],
    changes: &mut tokio::sync::broadcast::Receiver<invalidator::Change>,
    json: bool,
) -> Result<u8> {
    let mut last: HashMap<i64, String> = HashMap::new();
    let mut settled: HashMap<i64, RequestView> = HashMap::new();
    let mut unsettled: BTreeSet<i64> = ids.iter().copied().collect();
    let mut to_read: Vec<i64> = ids.to_vec();
    loop {
        for view in engine.journal().requests(&to_read)? {
            let id = view.id;
            let summary = format!(
                "{}|{}|{}",
                view.state.as_str(),
                view.attempts,
                render::status_text(&view)
            );
            if view.state == RequestState::Retrying && last.get(&id) != Some(&summary) {
                say(json, &render::request_line(&view))?;
            }
            last.insert(id, summary);
            if is_settled(&view) {
                say(json, &render::request_line(&view))?;
                if view.state != RequestState::Acknowledged {
                    say(json, &format!("    {}", render::detail_text(&view)))?;
                }
                unsettled.remove(&id);
                settled.insert(id, view);
            }
        }
        if unsettled.is_empty() {
            break;
        }
        // The journal refuses writes: waiting on would be waiting forever. What the service
        // answered is kept (the problem says where) and recorded at the next start.
        let holdups = engine.holdups();
        if !holdups.is_empty() {
            for holdup in &holdups {
                errln!(
                    "{}",
                    render::say("cli-error", json!({ "problem": render::nested(holdup) }))
                );
            }
            return Ok(exit::UNEXPECTED);
        }
        to_read = changes::next(changes, &unsettled).await;
    }
    let states: Vec<RequestState> = settled.values().map(|v| v.state).collect();
    Ok(if states.contains(&RequestState::Rejected) {
        exit::REJECTED
    } else if states
        .iter()
        .any(|s| matches!(s, RequestState::SendFailed | RequestState::Queued))
    {
        let queued = states
            .iter()
            .filter(|s| **s == RequestState::Queued)
            .count();
        if queued > 0 {
            say(
                json,
                &render::say("cli-stay-queued", json!({ "count": queued })),
            )?;
        }
        exit::TRANSIENT
    } else {
        exit::OK
    })
}

/// Sent as far as this command goes: the service answered for good, or it is unreachable.
fn is_settled(view: &RequestView) -> bool {
    match view.state {
        RequestState::Queued => view
            .error
            .as_ref()
            .is_some_and(|e| e.kind == cloudimage::ErrorKind::Offline.as_str()),
        RequestState::Sending | RequestState::Retrying => false,
        _ => true,
    }
}

/// The path list as typed, with where each line came from.
struct Input {
    text: String,
    from_args: usize,
    file: Option<ListName>,
}

impl Input {
    fn read(paths: Vec<String>, file: Option<PathBuf>) -> Result<Input> {
        let from_args = paths.len();
        let mut text = paths.join("\n");
        let mut file_label = None;
        if let Some(file) = file {
            // Both stop at the app's list cap, so an endless pipe is refused, not read whole.
            let name = if file.as_os_str() == "-" {
                ListName::StandardInput
            } else {
                ListName::file(&file)
            };
            let content = if name == ListName::StandardInput {
                read_list_from(std::io::stdin().lock(), &name)?
            } else {
                let opened = std::fs::File::open(&file).map_err(|e| {
                    Error::BadInput(Problem::ListUnreadable {
                        list: name.clone(),
                        cause: e.to_string(),
                    })
                })?;
                read_list_from(opened, &name)?
            };
            if !text.is_empty() {
                text.push('\n');
            }
            text.push_str(&content);
            file_label = Some(name);
        }
        Ok(Input {
            text,
            from_args,
            file: file_label,
        })
    }

    /// Argument 2, or line 7 of paths.txt.
    fn label(&self, line: usize) -> Place {
        match &self.file {
            Some(file) if line > self.from_args => Place::ListLine {
                list: file.clone(),
                line: line - self.from_args,
            },
            _ => Place::Argument { argument: line },
        }
    }
}
