//! `verify ID`: is the new file really what people see now? Asks each path of a done
//! invalidation at the project's delivery URL (no key goes there) and says what the CDN's
//! headers show.

use invalidator::cdn_check::{self, Check, Verdict};
use invalidator::journal::Freshness;
use invalidator::outside::one_line;
use invalidator::{Error, Problem, Result, SavedProjects};
use serde_json::{Value, json};

use super::context::Context;
use super::exit;
use super::output::{self, outln};
use super::render::{self, say};

pub async fn verify(
    context: &Context,
    reference: &str,
    delivery_base: Option<String>,
    json: bool,
) -> Result<u8> {
    let journal = context.journal()?;
    let view = journal.find(reference)?;
    let base = match delivery_base.filter(|b| !b.trim().is_empty()) {
        Some(base) => base.trim().trim_end_matches('/').to_owned(),
        None => {
            let saved = SavedProjects::load(&context.data_dir)?;
            match saved.projects.iter().find(|p| p.id == view.project.id) {
                Some(project) => invalidator::cdn_check::delivery_base_of(project)?,
                None => {
                    return Err(Error::BadInput(Problem::CliNoSavedDeliveryBase {
                        request: view.id.to_string(),
                        project: view.project.name.clone(),
                    }));
                }
            }
        }
    };
    let checks = cdn_check::check_request(&journal, view.id, &base, &cdn_check::client()).await?;
    let summary = Freshness::of(&checks);
    if json {
        let verified = serde_json::json!({
            "request": view.id,
            "deliveryBase": base,
            "freshness": summary,
            "checks": checks,
        });
        outln!("{}", output::json(&verified)?)?;
    } else {
        output::text(&render(view.id, &base, &checks, &summary))?;
    }
    Ok(if summary.fresh == checks.len() {
        exit::OK
    } else {
        exit::NOT_ALL_FRESH
    })
}

fn render(id: i64, base: &str, checks: &[Check], summary: &Freshness) -> String {
    let mut out = say(
        "cli-verify-head",
        json!({ "request": id.to_string(), "base": base, "summary": render::freshness(summary) }),
    );
    out.push('\n');
    for check in checks {
        let answer = match check.http_status {
            Some(status) => {
                let mut parts = vec![status.to_string()];
                parts.extend(check.cache_status.clone());
                parts.extend(check.age.map(|age| format!("Age: {age}")));
                parts.join(", ")
            }
            None => say("cli-no-answer", Value::Null),
        };
        out.push_str(&format!(
            "  {:<16} {}\n  {:<16} {}; {}\n",
            verdict_word(check.verdict),
            one_line(&check.path),
            "",
            one_line(&answer),
            render::said(&check.reason_said)
        ));
    }
    if checks.iter().any(|c| c.verdict == Verdict::StillCached) {
        out.push_str(&say("cli-verify-hint", Value::Null));
        out.push('\n');
    }
    out
}

/// A path's verdict in this run's words (the window says the same).
fn verdict_word(verdict: Verdict) -> String {
    let none = Value::Null;
    match verdict {
        Verdict::Fresh => say("verdict-fresh", none),
        Verdict::StillCached => say("verdict-still-cached", none),
        Verdict::Unknown => say("verdict-unknown", none),
        Verdict::CouldNotCheck => say("verdict-could-not-check", none),
    }
}
