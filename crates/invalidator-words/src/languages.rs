//! Which languages there are, and which one the user asked for.

use unic_langid::LanguageIdentifier;

/// Every catalogue, English first (what every other language falls back to). A language is
/// added here with one line, beside its file in `locales/` (which also says how the
/// language writes numbers and moments); the window finds the file itself.
pub const CATALOGUES: &[(&str, &str)] = &[
    ("en", include_str!("../../../locales/en/invalidator.ftl")),
    ("fr", include_str!("../../../locales/fr/invalidator.ftl")),
];

/// The language every message exists in.
pub const ENGLISH: &str = "en";

/// The language tags there are catalogues for.
pub fn available() -> impl Iterator<Item = &'static str> {
    CATALOGUES.iter().map(|(tag, _)| *tag)
}

/// The catalogue of one language, as written.
pub fn catalogue(tag: &str) -> Option<&'static str> {
    CATALOGUES
        .iter()
        .find(|(t, _)| *t == tag)
        .map(|(_, text)| *text)
}

/// The language a POSIX locale or a BCP 47 tag asks for (`fr_FR.UTF-8`, `fr-CA`, `fr`), among
/// those there are catalogues for; `None` when it names none of them (`C`, `de_DE`, `x`).
pub fn negotiate(requested: &str) -> Option<&'static str> {
    // `fr_FR.UTF-8@euro`: the language and region, before the charset and modifier.
    let tag = requested
        .split(['.', '@'])
        .next()
        .unwrap_or("")
        .replace('_', "-");
    let wanted: LanguageIdentifier = tag.parse().ok()?;
    let have: Vec<LanguageIdentifier> = available().filter_map(|t| t.parse().ok()).collect();
    let chosen = fluent_langneg::negotiate_languages(
        &[wanted],
        &have,
        None,
        fluent_langneg::NegotiationStrategy::Lookup,
    );
    let chosen = chosen.first()?.language.as_str().to_owned();
    available().find(|t| *t == chosen)
}

/// The language of messages as POSIX says to find it: the first of `LC_ALL`, `LC_MESSAGES`
/// and `LANG` that is set and not empty decides, and a language without a catalogue (or `C`)
/// means English.
pub fn from_environment(read: impl Fn(&str) -> Option<String>) -> &'static str {
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|name| read(name))
        .find(|value| !value.is_empty())
        .and_then(|value| negotiate(&value))
        .unwrap_or(ENGLISH)
}
