//! `verify ID`: is the new file really what people see now? Asks each path of a done
//! invalidation at the project's delivery URL (no key goes there) and says what the CDN's
//! headers show.

use invalidator::cdn_check::{self, Check, Verdict};
use invalidator::journal::Freshness;
use invalidator::outside::one_line;
use invalidator::{Error, Result, SavedProjects};

use super::context::Context;
use super::exit;
use super::output::{self, outln};
use super::render::say;

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
                    return Err(Error::BadInput(format!(
                        "invalidation #{} was sent for `{}`, which has no saved delivery base: \
                         pass --delivery-base https://<token>.cloudimg.io",
                        view.id, view.project.name
                    )));
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
    let mut out = format!("Request #{id} at {base}: {}\n", summary.words());
    for check in checks {
        let answer = match check.http_status {
            Some(status) => {
                let mut parts = vec![status.to_string()];
                parts.extend(check.cache_status.clone());
                parts.extend(check.age.map(|age| format!("Age: {age}")));
                parts.join(", ")
            }
            None => "no answer".to_owned(),
        };
        out.push_str(&format!(
            "  {:<16} {}\n  {:<16} {}; {}\n",
            verdict_word(check.verdict),
            one_line(&check.path),
            "",
            one_line(&answer),
            one_line(&check.reason)
        ));
    }
    if checks.iter().any(|c| c.verdict == Verdict::StillCached) {
        out.push_str(
            "hint: a copy older than the invalidation is still served; wait a minute and run \
             verify again, or retry the invalidation\n",
        );
    }
    out
}

/// A path's verdict in this run's words (the window says the same).
fn verdict_word(verdict: Verdict) -> String {
    let none = serde_json::Value::Null;
    match verdict {
        Verdict::Fresh => say("verdict-fresh", none),
        Verdict::StillCached => say("verdict-still-cached", none),
        Verdict::Unknown => say("verdict-unknown", none),
        Verdict::CouldNotCheck => say("verdict-could-not-check", none),
    }
}
