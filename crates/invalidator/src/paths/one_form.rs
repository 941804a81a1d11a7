//! One form per path, and nothing sent unseen: percent-encoded non-ASCII decoded and composed
//! (NFC); invisible, control and odd space characters refused by name; `//`, `.` and `..`
//! segments refused with what was meant.

use unicode_normalization::UnicodeNormalization;
use unicode_properties::{GeneralCategory, UnicodeGeneralCategory};

use super::{NoticeKind, NoticeText, Unseen};

/// The one form a path is sent in: percent-encoded non-ASCII characters decoded, then
/// composed (NFC). A decoded character that would be sent unseen is refused.
pub(super) fn one_form(
    path: &str,
    item: &str,
    notices: &mut Vec<(NoticeKind, NoticeText)>,
) -> Result<String, NoticeText> {
    let decoded = decode_non_ascii(path);
    if decoded != path {
        refuse_unseen(&decoded, item)?;
        notices.push((
            NoticeKind::Normalized,
            NoticeText::Decoded {
                path: quote(path),
                sent: quote(&decoded),
            },
        ));
    }
    if unicode_normalization::is_nfc_quick(decoded.chars())
        == unicode_normalization::IsNormalized::Yes
    {
        return Ok(decoded);
    }
    let composed: String = decoded.nfc().collect();
    if composed != decoded {
        notices.push((
            NoticeKind::Normalized,
            NoticeText::Composed {
                path: quote(&composed),
            },
        ));
    }
    Ok(composed)
}

/// Decodes runs of `%XX` escapes of bytes 0x80 and above that form UTF-8 characters. Escapes
/// of ASCII bytes, and bytes that form no character, stay as written.
fn decode_non_ascii(path: &str) -> String {
    if !path.contains('%') {
        return path.to_owned();
    }
    let mut out = String::with_capacity(path.len());
    let mut rest = path;
    while let Some(at) = rest.find('%') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        // The run of escapes of high bytes starting here, with their text.
        let mut bytes = Vec::new();
        let mut escapes = Vec::new();
        while let Some(byte) = high_escape(rest) {
            bytes.push(byte);
            escapes.push(&rest[..3]);
            rest = &rest[3..];
        }
        if bytes.is_empty() {
            out.push('%');
            rest = &rest[1..];
            continue;
        }
        let mut used = 0;
        for chunk in bytes.utf8_chunks() {
            out.push_str(chunk.valid());
            used += chunk.valid().len();
            for escape in &escapes[used..used + chunk.invalid().len()] {
                out.push_str(escape);
            }
            used += chunk.invalid().len();
        }
    }
    out.push_str(rest);
    out
}

/// The byte of a `%XX` escape at the start of `text`, if it is 0x80 or above.
fn high_escape(text: &str) -> Option<u8> {
    let hex = text.strip_prefix('%')?.get(..2)?;
    u8::from_str_radix(hex, 16).ok().filter(|b| *b >= 0x80)
}

/// Refuses `text` if it holds a character that would be sent without being seen, naming it.
pub(super) fn refuse_unseen(text: &str, item: &str) -> Result<(), NoticeText> {
    match text.chars().find(|c| is_unseen(*c)) {
        None => Ok(()),
        Some(c) => Err(NoticeText::Unseen {
            item: quote(item),
            character: Unseen::of(c),
        }),
    }
}

/// Control and format characters (zero-width, bidi controls, byte-order marks, soft hyphens),
/// line and paragraph separators (what [`crate::outside::acts`] names), and every space but
/// the plain one.
pub fn is_unseen(c: char) -> bool {
    crate::outside::acts(c)
        || (!c.is_ascii() && c.general_category() == GeneralCategory::SpaceSeparator)
}

/// Refuses empty and dot segments (`//`, `/./`, `/../`, also percent-encoded), which a server
/// may read as another path than the one written, suggesting the path they stand for.
pub(super) fn refuse_odd_segments(path: &str) -> Result<(), NoticeText> {
    let segments: Vec<&str> = path[1..].split('/').collect();
    let last = segments.len() - 1;
    let odd = segments
        .iter()
        .enumerate()
        .any(|(i, s)| (s.is_empty() && i != last) || dot_segment(s).is_some());
    if !odd {
        return Ok(());
    }
    let mut kept: Vec<&str> = Vec::new();
    for (i, segment) in segments.iter().enumerate() {
        match dot_segment(segment) {
            Some(Dots::One) => {}
            Some(Dots::Two) => {
                kept.pop();
            }
            None if segment.is_empty() && i != last => {}
            None => kept.push(segment),
        }
    }
    let meant = quote(&format!("/{}", kept.join("/")));
    let path = quote(path);
    Err(if segments.iter().any(|s| dot_segment(s).is_some()) {
        NoticeText::DotSegment { path, meant }
    } else {
        NoticeText::EmptySegment { path, meant }
    })
}

enum Dots {
    One,
    Two,
}

fn dot_segment(segment: &str) -> Option<Dots> {
    match segment.to_ascii_lowercase().replace("%2e", ".").as_str() {
        "." => Some(Dots::One),
        ".." => Some(Dots::Two),
        _ => None,
    }
}

/// Text from the list, made safe to show: cut when long, so that one bad paste does not flood
/// the preview, and every unseen character written as `<U+200B>`, so that a bidi control
/// cannot reorder the message around it.
pub(super) fn quote(text: &str) -> String {
    crate::outside::quoted_by(text, is_unseen)
}
