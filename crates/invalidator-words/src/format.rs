//! Numbers and moments written as each language writes them, as the window's `Intl` does:
//! "20,000" and "Dec 2, 2026, 14:03" in English, "20 000" and "2 déc. 2026, 14:03" in French.
//! Fluent's Rust bundle groups no digits and has no DATETIME of its own.

use chrono::{DateTime, Datelike, Local};
use fluent_bundle::FluentValue;

/// How one language writes numbers and moments.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    /// Between groups of three digits.
    pub group: &'static str,
    pub months: [&'static str; 12],
    /// Day first ("2 déc. 2026") or month first ("Dec 2, 2026").
    pub day_first: bool,
}

pub const ENGLISH: Style = Style {
    group: ",",
    months: [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ],
    day_first: false,
};

/// French groups with a narrow no-break space (U+202F), as `Intl.NumberFormat('fr')` does.
pub const FRENCH: Style = Style {
    group: "\u{202f}",
    months: [
        "janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.",
        "déc.",
    ],
    day_first: true,
};

/// The style of a language tag; English for any without one of its own.
pub fn style(tag: &str) -> Style {
    match tag {
        "fr" => FRENCH,
        _ => ENGLISH,
    }
}

/// A whole number with its digits grouped; other numbers as Fluent writes them.
pub fn number(value: f64, style: Style) -> Option<String> {
    if value.fract() != 0.0 || !value.is_finite() || value.abs() >= 1e15 {
        return None;
    }
    let digits = format!("{}", value.abs() as u64);
    let mut out = String::with_capacity(digits.len() + 8);
    if value < 0.0 {
        out.push('-');
    }
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push_str(style.group);
        }
        out.push(digit);
    }
    Some(out)
}

/// A moment (RFC 3339) in the local time zone, date and minute; what is not a moment is
/// written as it came.
pub fn moment(raw: &str, style: Style) -> String {
    let Ok(at) = DateTime::parse_from_rfc3339(raw) else {
        return raw.to_owned();
    };
    let at = at.with_timezone(&Local);
    let month = style.months[at.month0() as usize];
    let time = at.format("%H:%M");
    if style.day_first {
        format!("{} {month} {}, {time}", at.day(), at.year())
    } else {
        format!("{month} {}, {}, {time}", at.day(), at.year())
    }
}

/// `DATETIME($at)` for a catalogue.
pub fn datetime_function(
    style: Style,
) -> impl for<'a> Fn(&[FluentValue<'a>], &fluent_bundle::FluentArgs) -> FluentValue<'a> + Send + Sync
{
    move |positional, _named| match positional.first() {
        Some(FluentValue::String(raw)) => FluentValue::from(moment(raw, style)),
        Some(other) => other.clone(),
        None => FluentValue::Error,
    }
}
