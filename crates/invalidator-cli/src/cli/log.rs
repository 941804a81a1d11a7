//! `log`: the journal, newest first, as a table, JSON or CSV.

use chrono::Local;
use invalidator::journal::{LogFilter, LogPage};
use invalidator::{Result, ScopeKind, StatusFilter};

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
                    "--this-project needs --project NAME".into(),
                ));
            }
        }
    } else {
        None
    };
    let page = journal.log(&LogFilter {
        project_id,
        status: options.status,
        scope: options.scope.map(|s| s.as_str().to_owned()),
        text: options.search,
        before_batch: None,
        limit: options.limit.max(1),
        with_history: options.json,
        // JSON and CSV hold every request of every batch, with every path; the table shows a
        // big batch's first requests (failures first) and counts the rest.
        requests_per_batch: if options.json || options.csv {
            0
        } else {
            invalidator::journal::REQUESTS_PER_BATCH
        },
    })?;
    if options.json {
        outln!(
            "{}",
            serde_json::to_string_pretty(&page).map_err(std::io::Error::other)?
        )?;
    } else if options.csv {
        write_csv(&page)?;
    } else {
        write_table(&page)?;
    }
    Ok(exit::OK)
}

fn write_table(page: &LogPage) -> std::io::Result<()> {
    if page.batches.is_empty() {
        return outln!(
            "No invalidations recorded yet (this log lists the ones sent from this computer)."
        );
    }
    for batch in &page.batches {
        let local = batch.created_at.with_timezone(&Local);
        outln!(
            "Batch {}  {}  {}  {}{}",
            batch.id,
            local.format("%Y-%m-%d %H:%M"),
            batch.project.name,
            batch.scope,
            if batch.origin == "app" {
                "  (desktop app)"
            } else {
                ""
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
                .map(|c| format!("{} {}", c.count, c.code))
                .collect();
            outln!(
                "  … and {hidden} more (failures come first); all {} of this batch here: {}",
                batch.request_count,
                counts.join(", ")
            )?;
        }
    }
    if page.next_before.is_some() {
        outln!("(older batches not shown; raise --limit)")?;
    }
    Ok(())
}

/// One row per request: fit for a spreadsheet.
fn write_csv(page: &LogPage) -> Result<()> {
    let mut out = csv::Writer::from_writer(std::io::stdout());
    // A closed pipe stays a closed pipe, so that it ends the command quietly.
    let io = |e: csv::Error| {
        invalidator::Error::Io(match e.into_kind() {
            csv::ErrorKind::Io(e) => e,
            other => std::io::Error::other(format!("{other:?}")),
        })
    };
    out.write_record([
        "batch",
        "request",
        "created_at",
        "project",
        "api_base",
        "scope",
        "invalidation_id",
        "state",
        "status",
        "label",
        "attempts",
        "retry_of",
        "paths",
        "failed_paths",
        "error",
    ])
    .map_err(io)?;
    for batch in &page.batches {
        for r in &batch.requests {
            let paths: Vec<&str> = r.paths.iter().map(|p| p.path.as_str()).collect();
            let failed: Vec<&str> = r
                .paths
                .iter()
                .filter(|p| p.result == "failed")
                .map(|p| p.path.as_str())
                .collect();
            out.write_record([
                batch.id.to_string(),
                r.id.to_string(),
                r.created_at.to_rfc3339(),
                r.project.name.clone(),
                r.project.api_base.clone(),
                r.scope.clone(),
                r.uuid.clone().unwrap_or_default(),
                r.state.as_str().to_owned(),
                r.status.clone().unwrap_or_default(),
                r.condition.label.clone(),
                r.attempts.to_string(),
                r.retry_of.map(|i| i.to_string()).unwrap_or_default(),
                paths.join(" "),
                failed.join(" "),
                r.error
                    .as_ref()
                    .map(|e| e.message.clone())
                    .unwrap_or_default(),
            ])
            .map_err(io)?;
        }
    }
    out.flush()?;
    Ok(())
}
