//! How requests look on a terminal, in this run's language: every word comes from the
//! catalogue (`locales/`), as the window's do.

use std::io::IsTerminal;
use std::sync::OnceLock;

use chrono::Local;
use invalidator::journal::{Freshness, RequestView};
use invalidator::outside::one_line;
use invalidator::paths::Notice;
use invalidator::{ScopeKind, Tone};
use invalidator_words::Words;
use serde::Serialize;
use serde_json::{Value, json};

use super::output;

static WORDS: OnceLock<Words> = OnceLock::new();

/// Chooses the language of this run: `--lang`, else `LC_ALL` / `LC_MESSAGES` / `LANG`. A
/// `--lang` there are no words for is said, and English is used.
pub fn choose_language(lang: Option<&str>) {
    if let Some(asked) = lang
        && invalidator_words::negotiate(asked).is_none()
    {
        let have: Vec<&str> = invalidator_words::available().collect();
        let _ = WORDS.set(Words::english());
        output::errln!(
            "{}",
            say(
                "cli-no-such-language",
                json!({ "language": one_line(asked), "languages": have.join(", ") })
            )
        );
    }
    let _ = WORDS.set(lang.map_or_else(Words::from_env, Words::new));
}

/// The words of this run, in its language.
pub fn words() -> &'static Words {
    WORDS.get_or_init(Words::from_env)
}

/// One catalogue message in this run's language.
pub fn say(id: &str, args: Value) -> String {
    words().text(id, &args)
}

/// A message of the domain's (`{"id", "args"}`) in this run's language, on one line.
pub fn said(message: &impl Serialize) -> String {
    one_line(&words().say(message)).into_owned()
}

/// A message as an argument of another: said inside it.
pub fn nested(message: &impl Serialize) -> Value {
    serde_json::to_value(message).unwrap_or(Value::Null)
}

/// A line of a list and what was done to it: "argument 2: `?w=1` removed: …".
pub fn notice(notice: &Notice) -> String {
    match &notice.place {
        Some(place) => say(
            "notice-at",
            json!({ "place": nested(place), "text": nested(&notice.text) }),
        ),
        None => say("cli-note", json!({ "text": nested(&notice.text) })),
    }
}

/// What a request's CDN checks found, the worst news first (the window's words too).
pub fn freshness(f: &Freshness) -> String {
    let total = f.fresh + f.still_cached + f.unknown + f.could_not_check;
    let of = |count| json!({ "count": count, "total": total });
    if f.still_cached > 0 {
        say("served-still-cached", of(f.still_cached))
    } else if f.could_not_check > 0 {
        say("served-could-not-check", of(f.could_not_check))
    } else if f.unknown > 0 {
        say("served-unknown", of(f.unknown))
    } else {
        say("served-fresh", json!({ "total": total }))
    }
}

/// Labels and values as a column, the labels padded to the longest (their length depends on
/// the language).
fn fields(rows: &[(String, String)], out: &mut String) {
    let width = rows
        .iter()
        .map(|(l, _)| l.chars().count())
        .max()
        .unwrap_or(0);
    for (label, value) in rows {
        let pad = width - label.chars().count();
        out.push_str(&format!("  {label}{}  {value}\n", " ".repeat(pad)));
    }
}

/// `Done (DONE)`: the plain words, and the service's raw value beside them when it differs.
pub fn status_text(view: &RequestView) -> String {
    let condition = &view.condition;
    // A label may be the service's own status (one it does not know): on one line too.
    let label = one_line(&words().say(&condition.text)).into_owned();
    match &condition.raw {
        Some(raw) if !raw.is_empty() && raw != &label => format!("{label} ({})", one_line(raw)),
        _ => label,
    }
}

/// What happened and what happens next, on one line.
pub fn detail_text(view: &RequestView) -> String {
    one_line(&words().say_attribute(&view.condition.text, "detail")).into_owned()
}

/// A short mark that does not rely on colour.
pub fn mark(tone: Tone) -> &'static str {
    match tone {
        Tone::Local => "…",
        Tone::Progress => "→",
        Tone::Ok => "✓",
        Tone::Warning => "!",
        Tone::Error => "✗",
    }
}

/// The invalidation id, or `(not sent yet)`.
pub fn id_text(view: &RequestView) -> String {
    match &view.uuid {
        Some(uuid) => one_line(uuid).into_owned(),
        None => say("cli-no-id-yet", Value::Null),
    }
}

/// One line per request: number, id, paths, status.
pub fn request_line(view: &RequestView) -> String {
    let count = || say("cli-paths", json!({ "count": view.path_count }));
    let what = if view.scope == ScopeKind::All {
        say("paths-whole-cache", Value::Null)
    } else if view.path_count == 1 {
        view.paths
            .first()
            .map(|p| one_line(&p.path).into_owned())
            .unwrap_or_else(count)
    } else {
        count()
    };
    format!(
        "{} #{:<4} {:<36}  {:<18}  {}",
        mark(view.condition.tone),
        view.id,
        id_text(view),
        truncate(&what, 18),
        status_text(view)
    )
}

/// Everything about one request.
pub fn details(view: &RequestView) -> String {
    let mut out = String::new();
    let local = view.created_at.with_timezone(&Local);
    let name = |id: i64| id.to_string();
    out.push_str(&say(
        "cli-request",
        json!({ "request": name(view.id), "batch": name(view.batch_id), "part": view.seq }),
    ));
    out.push('\n');
    let label = |id: &str| say(id, Value::Null);
    let mut rows = vec![
        (label("details-id"), id_text(view)),
        (
            label("details-project"),
            format!(
                "{} ({})",
                one_line(&view.project.name),
                one_line(&view.project.api_base)
            ),
        ),
        (label("details-scope"), scope_word(view.scope)),
        (
            label("details-submitted"),
            local.format("%Y-%m-%d %H:%M:%S %Z").to_string(),
        ),
        (label("log-column-status"), status_text(view)),
        (String::new(), detail_text(view)),
    ];
    if let Some(original) = view.retry_of {
        rows.push((label("details-retry-of"), format!("#{original}")));
    }
    if !view.retried_by.is_empty() {
        let ids: Vec<String> = view.retried_by.iter().map(|i| format!("#{i}")).collect();
        rows.push((label("details-retried-as"), ids.join(", ")));
    }
    fields(&rows, &mut out);
    if view.scope != ScopeKind::All {
        out.push_str(&format!("  {}\n", label("details-paths")));
        for path in &view.paths {
            out.push_str(&format!(
                "    {:<12} {}\n",
                result_word(&path.result),
                one_line(&path.path)
            ));
        }
    }
    if let Some(history) = &view.history {
        out.push_str(&format!("  {}\n", label("details-history")));
        for entry in history {
            let at = entry.at.with_timezone(&Local).format("%H:%M:%S");
            let what = match &entry.status {
                Some(status) => one_line(status).into_owned(),
                None => state_word(&entry.state),
            };
            match &entry.said {
                Some(said) => out.push_str(&format!("    {at}  {what:<26} {}\n", self::said(said))),
                None => out.push_str(&format!("    {at}  {what}\n")),
            }
        }
    }
    if view.condition.retryable {
        out.push_str(&say(
            "cli-retry-with",
            json!({ "command": format!("invalidator retry {}", view.id) }),
        ));
        out.push('\n');
    }
    out
}

/// A step of a request's history without a status of the service's: what this program did.
fn state_word(state: &str) -> String {
    let id = match state {
        "queued" => "state-queued",
        "sending" => "state-sending",
        "retrying" => "state-retrying",
        "send_failed" => "state-send-failed",
        "rejected" => "state-rejected",
        "acknowledged" => "state-acknowledged",
        "gone" => "state-gone",
        "stalled" => "state-stalled",
        other => return one_line(other).into_owned(),
    };
    say(id, Value::Null)
}

/// A path's result in an invalidation, in this run's words.
fn result_word(result: &str) -> String {
    match result {
        "invalidated" => say("result-invalidated", Value::Null),
        "failed" => say("result-failed", Value::Null),
        _ => say("result-pending", Value::Null),
    }
}

/// Original or All, in this run's words.
pub fn scope_word(scope: ScopeKind) -> String {
    match scope {
        ScopeKind::Original => say("scope-original", Value::Null),
        ScopeKind::All => say("scope-all", Value::Null),
    }
}

pub fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_owned()
    } else {
        let cut: String = text.chars().take(max.saturating_sub(1)).collect();
        format!("{cut}…")
    }
}

/// A status line redrawn in place on a terminal, left alone otherwise.
pub struct StatusLine {
    tty: bool,
    shown: bool,
}

impl StatusLine {
    pub fn new() -> StatusLine {
        StatusLine {
            tty: std::io::stderr().is_terminal(),
            shown: false,
        }
    }

    /// Prints a permanent line above the status line.
    pub fn println(&mut self, line: &str) -> std::io::Result<()> {
        self.clear();
        output::line(format_args!("{line}"))
    }

    pub fn show(&mut self, text: &str) {
        if self.tty {
            output::error_text(&format!("\r\x1b[2K{}", one_line(text)));
            self.shown = true;
        }
    }

    pub fn clear(&mut self) {
        if self.shown {
            output::error_text("\r\x1b[2K");
            self.shown = false;
        }
    }
}
