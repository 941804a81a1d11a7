//! `status ID`: one invalidation in full, after asking the service (when this run holds the
//! project's key and the request is still followed).

use std::time::Duration;

use invalidator::Result;

use super::context::Context;
use super::exit;
use super::output::{self, errln, outln};
use super::render;
use super::watch::outcome;

pub async fn status(context: &Context, reference: &str, json: bool) -> Result<u8> {
    let journal = context.journal()?;
    let view = journal.find(reference)?;
    let asked = view.uuid.is_some() && !view.condition.finished;
    if asked {
        match context.sender() {
            Ok(sender) if sender.project.id == view.project.id => {
                let engine = context.engine(journal.clone(), &sender)?;
                let mut changes = engine.subscribe();
                let before = view.updated_at;
                engine.refresh(Some(vec![view.id])).await?;
                let deadline =
                    tokio::time::Instant::now() + sender.client.timeout() + Duration::from_secs(1);
                while journal.request(view.id)?.updated_at == before {
                    if tokio::time::timeout_at(deadline, changes.recv())
                        .await
                        .is_err()
                    {
                        break;
                    }
                }
                engine.shutdown().await;
            }
            _ => errln!(
                "{}",
                render::say(
                    "cli-shown-as-recorded",
                    serde_json::json!({ "project": view.project.name })
                )
            ),
        }
    }
    // Every path: the CLI's output is whole.
    let view = journal.request_whole(view.id)?;
    if json {
        outln!("{}", output::json(&view)?)?;
    } else {
        output::text(&render::details(&view))?;
    }
    Ok(if view.condition.finished {
        outcome(std::slice::from_ref(&view))
    } else {
        exit::OK
    })
}
