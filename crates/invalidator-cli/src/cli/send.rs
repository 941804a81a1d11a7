//! `submit` and `retry`: record, send, and wait until every request of the batch has an
//! answer (or is safely queued).

use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;

use invalidator::journal::RequestView;
use invalidator::list_file::read_list_from;
use invalidator::outside::one_line;
use invalidator::submission::Plan;
use invalidator::{Engine, Error, RequestState, Result, ScopeKind};

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
            return Err(Error::BadInput(
                "scope all flushes everything; it takes no paths".into(),
            ));
        }
        if !yes {
            return Err(Error::BadInput(format!(
                "scope all flushes the whole cache of `{}` on the CDN and the resizing servers; \
                 the cache must then rebuild and first requests are slow. Add --yes to confirm",
                project.name
            )));
        }
    } else if input.text.trim().is_empty() {
        return Err(Error::BadInput(
            "no paths given: pass them as arguments or with --from-file".into(),
        ));
    }
    let plan = Plan::labelled(project, scope, &input.text, &|line| input.label(line));
    for notice in &plan.list.notices {
        match notice.place {
            Some(_) => errln!("{notice}"),
            None => errln!("note: {notice}"),
        }
    }
    let batch = plan.into_batch(project, "cli")?;
    let journal = context.journal()?;
    let engine = context.engine(journal, &sender)?;
    let requests = batch.requests.len();
    let paths: usize = batch.requests.iter().map(|r| r.paths.len()).sum();
    let mut changes = engine.subscribe();
    let (batch_id, ids) = engine.submit(batch).await?;
    let sent = async {
        say(
            json,
            &format!(
                "Recorded batch {batch_id} for {}: {} in {requests} request(s). Sending…",
                project.name,
                if scope == ScopeKind::All {
                    "the whole cache".to_owned()
                } else {
                    format!("{paths} path(s)")
                }
            ),
        )?;
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
        return Err(Error::BadInput(format!(
            "request #{} belongs to project `{}` ({}); run again with that project's --project \
             name or key",
            original.id, original.project.name, original.project.api_base
        )));
    }
    let engine = context.engine(journal, &sender)?;
    let mut changes = engine.subscribe();
    let (batch_id, ids) = engine
        .retry(original.id, sender.project.batch_size(), "cli")
        .await?;
    let sent = async {
        say(
            json,
            &format!(
                "Recorded batch {batch_id}, retrying request #{} ({}). Sending…",
                original.id,
                render::status_text(&original)
            ),
        )?;
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
        outln!("Follow them until done with: invalidator watch")?;
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
        if let Some(problem) = engine.problem() {
            errln!("error: {}", one_line(&problem));
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
                &format!(
                    "{queued} request(s) stay queued in the journal: they are sent by the next \
                     `invalidator watch`, `submit` or `retry` with this key, or by the desktop app."
                ),
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
    file: Option<String>,
}

impl Input {
    fn read(paths: Vec<String>, file: Option<PathBuf>) -> Result<Input> {
        let from_args = paths.len();
        let mut text = paths.join("\n");
        let mut file_label = None;
        if let Some(file) = file {
            // Both stop at the app's list cap, so an endless pipe is refused, not read whole.
            let content = if file.as_os_str() == "-" {
                read_list_from(std::io::stdin().lock(), "standard input")?
            } else {
                let shown = file.display().to_string();
                let opened = std::fs::File::open(&file)
                    .map_err(|e| Error::BadInput(format!("cannot read {shown}: {e}")))?;
                read_list_from(opened, &shown)?
            };
            if !text.is_empty() {
                text.push('\n');
            }
            text.push_str(&content);
            file_label = Some(if file.as_os_str() == "-" {
                "stdin".to_owned()
            } else {
                file.display().to_string()
            });
        }
        Ok(Input {
            text,
            from_args,
            file: file_label,
        })
    }

    /// `argument 2` or `paths.txt line 7`.
    fn label(&self, line: usize) -> String {
        match &self.file {
            Some(file) if line > self.from_args => {
                format!("{file} line {}", line - self.from_args)
            }
            _ => format!("argument {line}"),
        }
    }
}
