//! A request's condition in words: the label, the tone and the sentence "what happened, what
//! happens next".

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::{ConditionCode, Facts, Tone};

/// A request's condition in words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Condition {
    /// Stable code, also accepted by `log --status`.
    pub code: ConditionCode,
    /// Plain words: "Flushing CDN servers", "Send failed".
    pub label: String,
    /// The raw service value, when the service gave one.
    pub raw: Option<String>,
    pub tone: Tone,
    /// What happened and what happens next, in a sentence.
    pub detail: String,
    /// Nothing more will happen by itself.
    pub finished: bool,
    /// Retry is offered.
    pub retryable: bool,
}

impl Condition {
    pub fn of(f: &Facts<'_>, now: DateTime<Utc>) -> Condition {
        let code = ConditionCode::of(f);
        let error = f.error_message.unwrap_or("no reason given");
        let wait = f
            .due_at
            .map(|at| ((at - now).num_milliseconds().max(0) + 999) / 1000)
            .unwrap_or(0);
        let next = if f.due_at.is_some() {
            format!(" Checked again in {wait} s.")
        } else {
            String::new()
        };
        let working = |label: &str| {
            (
                label.to_owned(),
                Tone::Progress,
                format!("The service is working on it.{next}"),
            )
        };
        let (label, tone, detail): (String, Tone, String) = match code {
            ConditionCode::Queued
                if f.error_kind == Some(cloudimage::ErrorKind::Offline.as_str()) =>
            {
                (
                    "Queued (offline)".into(),
                    Tone::Local,
                    format!(
                        "The service did not answer ({error}). Kept in the queue; sent as soon as \
                     the service answers again, without using up attempts."
                    ),
                )
            }
            ConditionCode::Queued if f.error_kind == Some("interrupted") => (
                "Queued".into(),
                Tone::Local,
                "The process that was sending it stopped before the answer came. It is sent \
                 again (harmless if the service already had it)."
                    .into(),
            ),
            ConditionCode::Queued => (
                "Queued".into(),
                Tone::Local,
                "Recorded on this computer; waiting to be sent.".into(),
            ),
            ConditionCode::Sending => (
                "Sending".into(),
                Tone::Local,
                "Being sent to the service now.".into(),
            ),
            ConditionCode::Retrying => (
                // No countdown in the label: it would change every second; the window counts
                // down from `due_at`, and the detail says the wait as read.
                format!("Retrying (attempt {})", f.attempts + 1),
                Tone::Local,
                if f.maybe_sent {
                    format!(
                        "Attempt {} got no answer: {error}. The service may have received it; \
                         sent again in {wait} s (harmless if it did).",
                        f.attempts
                    )
                } else {
                    format!(
                        "Attempt {} failed: {error}. Trying again in {wait} s.",
                        f.attempts
                    )
                },
            ),
            ConditionCode::MaybeReceived if f.whole_cache => (
                "May have been received".into(),
                Tone::Warning,
                format!(
                    "It was sent, but no answer came back ({error}). The service may have \
                     received it and be flushing the whole cache, or not: this app cannot know. \
                     It is not sent again by itself, since flushing twice is costly; Retry \
                     sends it again."
                ),
            ),
            ConditionCode::MaybeReceived => (
                "May have been received".into(),
                Tone::Warning,
                format!(
                    "Gave up after {} attempts without an answer: {error}. The service may have \
                     received it and be invalidating, or not: this app cannot know. Retry sends \
                     it again (harmless if it was received).",
                    f.attempts
                ),
            ),
            ConditionCode::SendFailed => (
                "Send failed".into(),
                Tone::Error,
                format!(
                    "Gave up after {} attempts: {error}. Nothing was invalidated; Retry sends it \
                     again.",
                    f.attempts
                ),
            ),
            ConditionCode::Rejected => (
                "Rejected".into(),
                Tone::Error,
                format!(
                    "The service refused it: {error}. Nothing was invalidated; fix the cause \
                     (key, role, paths) and Retry."
                ),
            ),
            ConditionCode::Gone => (
                "Unknown to the service".into(),
                Tone::Warning,
                "The service no longer knows this invalidation (404), so its outcome cannot be \
                 known. Polling stopped; Retry sends it again."
                    .into(),
            ),
            ConditionCode::Stalled => {
                let raw = f.status.unwrap_or("no status");
                (
                    format!("Unknown, last seen {raw}"),
                    Tone::Warning,
                    format!(
                        "The service still said {raw} after a day (last checked {}). Polling \
                         stopped; Refresh asks again, Retry sends it again.",
                        f.updated_at.format("%Y-%m-%d %H:%M UTC")
                    ),
                )
            }
            ConditionCode::Received => working("Received"),
            ConditionCode::Preparing => working("Preparing"),
            ConditionCode::FlushingCloudimage => working("Flushing Scaleflex servers"),
            ConditionCode::FlushingCdn => working("Flushing CDN servers"),
            ConditionCode::DoneWithFailures => (
                "Done with failures".into(),
                Tone::Warning,
                format!(
                    "{} of {} paths failed. Retry sends the failed paths again.",
                    f.failed_count, f.path_count
                ),
            ),
            ConditionCode::Done => (
                "Done".into(),
                Tone::Ok,
                "The cache is flushed; the next request fetches the new file.".into(),
            ),
            ConditionCode::ErrorCdnNode => (
                "Error in the CDN step".into(),
                Tone::Error,
                "The service reported an error while flushing the CDN. Retry sends the failed \
                 paths again; if it keeps failing, contact Scaleflex support."
                    .into(),
            ),
            ConditionCode::Error => (
                "Error".into(),
                Tone::Error,
                "The service reported an error in one of the invalidation steps. Retry sends \
                 the failed paths again; if it keeps failing, contact Scaleflex support."
                    .into(),
            ),
            ConditionCode::Unknown => {
                let raw = f.status.unwrap_or("").to_owned();
                (
                    if raw.is_empty() {
                        "No status".to_owned()
                    } else {
                        raw
                    },
                    Tone::Progress,
                    format!(
                        "The service reported a status this app does not know; it keeps \
                         checking.{next}"
                    ),
                )
            }
        };
        Condition {
            code,
            label,
            raw: f.status.map(str::to_owned),
            tone,
            detail,
            finished: !code.in_progress(),
            retryable: code.is_failure(),
        }
    }
}
