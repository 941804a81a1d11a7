//! `log`: the journal, newest first, as a table, JSON or CSV.

use chrono::Local;
use invalidator::journal::{LogFilter, LogPage};
use invalidator::{Result, ScopeKind, StatusFilter, export};
use serde_json::{Value, json};

use super::context::Context;
use super::exit;
use super::output::outln;
use super::render;

pub struct Options {
    pub status: Option<StatusFilter>,
    pub scope: Option<ScopeKind>,
    pub search: Option<String>,
    pub limit: usize,
    pub this_project: bool,
    pub json: bool,
    pub csv: bool,
}

pub fn log(context: &Context, options: Options) -> Result<u8> {
    let journal = context.journal()?;
    let project_id = if options.this_project {
        match context.named_project()? {
            Some(project) => Some(project.id),
            None => {
                return Err(invalidator::Error::BadInput(
                    invalidator::Problem::CliThisProject,
                ));
            }
        }
    } else {
        None
    };
    let filter = LogFilter {
        project_id,
        status: options.status,
        scope: options.scope.map(|s| s.as_str().to_owned()),
        text: options.search,
        before_batch: None,
        limit: options.limit.max(1),
        with_history: options.json,
        // The table shows a big batch's first requests (failures first) and counts the rest;
        // JSON and CSV (the same files the app exports) hold every request and path.
        requests_per_batch: invalidator::journal::REQUESTS_PER_BATCH,
    };
    if options.json || options.csv {
        let format = if options.json {
            export::Format::Json
        } else {
            export::Format::Csv
        };
        let out = std::io::BufWriter::new(std::io::stdout().lock());
        let words = super::output::MACHINE_WORDS;
        export::write_log(&journal, &filter, options.limit.max(1), format, words, out)?;
    } else {
        write_table(&journal.log(&filter)?)?;
    }
    Ok(exit::OK)
}

fn write_table(page: &LogPage) -> std::io::Result<()> {
    if page.batches.is_empty() {
        return outln!("{}", render::say("cli-log-empty", Value::Null));
    }
    for batch in &page.batches {
        let local = batch.created_at.with_timezone(&Local);
        let head = json!({
            "batch": batch.id.to_string(),
            "date": local.format("%Y-%m-%d %H:%M").to_string(),
            "project": invalidator::outside::one_line(&batch.project.name),
            "scope": render::scope_word(batch.scope),
        });
        outln!(
            "{}",
            if batch.origin == "app" {
                render::say("cli-log-batch-app", head)
            } else {
                render::say("cli-log-batch", head)
            }
        )?;
        for request in &batch.requests {
            outln!("  {}", render::request_line(request))?;
        }
        let hidden = batch.request_count - batch.requests.len();
        if hidden > 0 {
            let counts: Vec<String> = batch
                .counts
                .iter()
                .map(|c| render::say(&c.code.count_id(), json!({ "count": c.count })))
                .collect();
            outln!(
                "  {}",
                render::say(
                    "cli-log-more",
                    json!({ "hidden": hidden, "total": batch.request_count, "counts": counts.join(", ") })
                )
            )?;
        }
    }
    if page.next_before.is_some() {
        outln!("{}", render::say("cli-log-older", Value::Null))?;
    }
    Ok(())
}
