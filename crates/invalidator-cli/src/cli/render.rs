//! How requests look on a terminal.

use std::io::IsTerminal;
use std::sync::OnceLock;

use chrono::Local;
use invalidator::journal::RequestView;
use invalidator::outside::one_line;
use invalidator::{ScopeKind, Tone};
use invalidator_words::Words;

use super::output;

static WORDS: OnceLock<Words> = OnceLock::new();

/// Chooses the language of this run: `--lang`, else `LC_ALL` / `LC_MESSAGES` / `LANG`. A
/// `--lang` there are no words for is said, and English is used.
pub fn choose_language(lang: Option<&str>) {
    if let Some(asked) = lang
        && invalidator_words::negotiate(asked).is_none()
    {
        let have: Vec<&str> = invalidator_words::available().collect();
        output::errln!(
            "warning: there are no words for the language `{}`; English is used (there are: {})",
            one_line(asked),
            have.join(", ")
        );
    }
    let _ = WORDS.set(lang.map_or_else(Words::from_env, Words::new));
}

/// The words of this run, in its language.
pub fn words() -> &'static Words {
    WORDS.get_or_init(Words::from_env)
}

/// One catalogue message in this run's language.
pub fn say(id: &str, args: serde_json::Value) -> String {
    words().text(id, &args)
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
        None => "(no id yet)".to_owned(),
    }
}

/// One line per request: number, id, paths, status.
pub fn request_line(view: &RequestView) -> String {
    let what = if view.scope == ScopeKind::All {
        "whole cache".to_owned()
    } else if view.path_count == 1 {
        view.paths
            .first()
            .map(|p| one_line(&p.path).into_owned())
            .unwrap_or_else(|| "1 path".into())
    } else {
        format!("{} paths", view.path_count)
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
    out.push_str(&format!(
        "Request #{} (batch {}, part {})\n",
        view.id, view.batch_id, view.seq
    ));
    out.push_str(&format!("  Invalidation ID  {}\n", id_text(view)));
    out.push_str(&format!(
        "  Project          {} ({})\n",
        one_line(&view.project.name),
        one_line(&view.project.api_base)
    ));
    out.push_str(&format!("  Scope            {}\n", view.scope));
    out.push_str(&format!(
        "  Submitted        {}\n",
        local.format("%Y-%m-%d %H:%M:%S %Z")
    ));
    out.push_str(&format!("  Status           {}\n", status_text(view)));
    out.push_str(&format!("                   {}\n", detail_text(view)));
    if let Some(original) = view.retry_of {
        out.push_str(&format!("  Retry of         #{original}\n"));
    }
    if !view.retried_by.is_empty() {
        let ids: Vec<String> = view.retried_by.iter().map(|i| format!("#{i}")).collect();
        out.push_str(&format!("  Retried by       {}\n", ids.join(", ")));
    }
    if view.scope != ScopeKind::All {
        out.push_str("  Paths\n");
        for path in &view.paths {
            out.push_str(&format!(
                "    {:<12} {}\n",
                path.result,
                one_line(&path.path)
            ));
        }
    }
    if let Some(history) = &view.history {
        out.push_str("  History\n");
        for entry in history {
            let at = entry.at.with_timezone(&Local).format("%H:%M:%S");
            let what = one_line(entry.status.as_deref().unwrap_or(&entry.state)).into_owned();
            match &entry.detail {
                Some(detail) => {
                    let detail = one_line(detail);
                    out.push_str(&format!("    {at}  {what:<26} {detail}\n"))
                }
                None => out.push_str(&format!("    {at}  {what}\n")),
            }
        }
    }
    if view.condition.retryable {
        out.push_str(&format!("  Retry with: invalidator retry {}\n", view.id));
    }
    out
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
