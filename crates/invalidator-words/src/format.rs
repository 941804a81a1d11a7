//! Numbers and moments written as each language writes them, as the window's `Intl` does:
//! "20,000" and "Dec 2, 2026, 14:03" in English, "20 000" and "2 déc. 2026, 14:03" in French.
//! Fluent's Rust bundle groups no digits and has no DATETIME of its own, so each catalogue
//! says how (its `locale-*` messages): a language is still one file.

use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex};

use chrono::{DateTime, Datelike, Local};
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use intl_memoizer::Memoizable;
use unic_langid::LanguageIdentifier;

/// A catalogue read as it is, without the functions and formatters this module adds: where
/// the `locale-*` messages are read from.
type Plain = fluent_bundle::concurrent::FluentBundle<FluentResource>;

/// How one language writes numbers and moments, read from its catalogue.
pub struct Style {
    /// Between groups of three digits.
    group: String,
    months: Vec<String>,
    plain: Arc<Plain>,
}

/// Each language's style, read from its catalogue once per process.
static STYLES: LazyLock<Mutex<HashMap<String, Arc<Style>>>> = LazyLock::new(Default::default);

impl Style {
    /// The style of a language tag there is a catalogue for; English's for any other.
    pub fn of(tag: &str) -> Arc<Style> {
        let mut styles = STYLES.lock().unwrap_or_else(|e| e.into_inner());
        styles
            .entry(tag.to_owned())
            .or_insert_with(|| Arc::new(Style::read(tag)))
            .clone()
    }

    fn read(tag: &str) -> Style {
        let text = crate::catalogue(tag)
            .or_else(|| crate::catalogue(crate::ENGLISH))
            .unwrap_or_default();
        let resource = FluentResource::try_new(text.to_owned()).unwrap_or_else(|(r, _)| r);
        let langid: LanguageIdentifier = tag.parse().unwrap_or_default();
        let mut plain = Plain::new_concurrent(vec![langid]);
        plain.set_use_isolating(false);
        let _ = plain.add_resource(resource);
        let say = |id: &str| {
            let message = plain.get_message(id)?;
            let mut errors = Vec::new();
            Some(
                plain
                    .format_pattern(message.value()?, None, &mut errors)
                    .into_owned(),
            )
        };
        let group = say("locale-digit-group").unwrap_or_else(|| ",".to_owned());
        let mut months: Vec<String> = say("locale-months")
            .unwrap_or_default()
            .split_whitespace()
            .map(str::to_owned)
            .collect();
        months.resize(12, String::new());
        Style {
            group,
            months,
            plain: Arc::new(plain),
        }
    }

    /// A whole number with its digits grouped; other numbers as Fluent writes them.
    pub fn number(&self, value: f64) -> Option<String> {
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
                out.push_str(&self.group);
            }
            out.push(digit);
        }
        Some(out)
    }

    /// A moment (RFC 3339) in the local time zone, to the minute, as `locale-moment` says;
    /// what is not a moment is written as it came.
    pub fn moment(&self, raw: &str) -> String {
        let Ok(at) = DateTime::parse_from_rfc3339(raw) else {
            return raw.to_owned();
        };
        let at = at.with_timezone(&Local);
        let mut args = FluentArgs::new();
        // As text: a year is no number to group ("2,026").
        args.set("month", self.months[at.month0() as usize].clone());
        args.set("day", at.day().to_string());
        args.set("year", at.year().to_string());
        args.set("time", at.format("%H:%M").to_string());
        let Some(pattern) = self
            .plain
            .get_message("locale-moment")
            .and_then(|m| m.value())
        else {
            return at.format("%Y-%m-%d %H:%M").to_string();
        };
        let mut errors = Vec::new();
        self.plain
            .format_pattern(pattern, Some(&args), &mut errors)
            .into_owned()
    }
}

/// The formatter's way to its bundle's style: the formatter is a plain function, handed
/// only the bundle's memoizer, which knows the bundle's language.
struct BundleStyle(Arc<Style>);

impl Memoizable for BundleStyle {
    type Args = ();
    type Error = ();

    fn construct(lang: LanguageIdentifier, _: ()) -> Result<BundleStyle, ()> {
        Ok(BundleStyle(Style::of(lang.language.as_str())))
    }
}

/// The bundles' formatter: numbers as their language groups them.
pub fn number(
    value: &FluentValue,
    intls: &intl_memoizer::concurrent::IntlLangMemoizer,
) -> Option<String> {
    match value {
        FluentValue::Number(n) => intls
            .with_try_get::<BundleStyle, _, _>((), |style| style.0.number(n.value))
            .ok()
            .flatten(),
        _ => None,
    }
}

/// `DATETIME($at)` for a catalogue.
pub fn datetime_function(
    style: Arc<Style>,
) -> impl for<'a> Fn(&[FluentValue<'a>], &FluentArgs) -> FluentValue<'a> + Send + Sync {
    move |positional, _named| match positional.first() {
        Some(FluentValue::String(raw)) => FluentValue::from(style.moment(raw)),
        Some(other) => other.clone(),
        None => FluentValue::Error,
    }
}
