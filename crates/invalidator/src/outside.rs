//! Text that came from outside (the service's answers, a project's name, a list file) made
//! inert where it could act instead of show: on a terminal (escape codes, a cleared screen, a
//! changed title), in a log file (a line break that starts a fake line), in a spreadsheet (a
//! formula). The journal keeps what was said, bounded by the client; these change only how it
//! is written out.

use std::borrow::Cow;
use std::io;

use unicode_properties::{GeneralCategory, UnicodeGeneralCategory};

/// Characters that act rather than show: C0 controls (line breaks and tabs too), DEL, C1
/// controls, the invisible format characters (bidi controls, zero-width characters, byte-order
/// marks) and the line and paragraph separators.
pub fn acts(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_control();
    }
    matches!(
        c.general_category(),
        GeneralCategory::Control
            | GeneralCategory::Format
            | GeneralCategory::LineSeparator
            | GeneralCategory::ParagraphSeparator
    )
}

/// `text` on one line, every character that acts written as its code: `<U+001B>`.
pub fn one_line(text: &str) -> Cow<'_, str> {
    written_as_codes(text, acts)
}

/// `text` as lines: like [`one_line`], but its line breaks are kept. For blocks this program
/// composed; fields from outside inside them go through [`one_line`] first.
pub fn lines(text: &str) -> Cow<'_, str> {
    written_as_codes(text, |c| c != '\n' && acts(c))
}

/// How many characters of a text from outside a message quotes: enough to recognise it, too
/// few for one bad line to flood the message.
pub const QUOTED_CHARS: usize = 80;

/// `text` as a message quotes it: on one line, cut after [`QUOTED_CHARS`] characters with `…`.
pub fn quoted(text: &str) -> String {
    quoted_by(text, acts)
}

/// Like [`quoted`], with `written` choosing the characters written as their codes (the path
/// reader names the odd spaces too).
pub fn quoted_by(text: &str, written: impl Fn(char) -> bool) -> String {
    let mut out = String::new();
    for (count, c) in text.chars().enumerate() {
        if count == QUOTED_CHARS {
            out.push('…');
            break;
        }
        push_shown(&mut out, c, &written);
    }
    out
}

fn written_as_codes(text: &str, replaced: impl Fn(char) -> bool) -> Cow<'_, str> {
    if !text.chars().any(&replaced) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        push_shown(&mut out, c, &replaced);
    }
    Cow::Owned(out)
}

fn push_shown(out: &mut String, c: char, written: impl Fn(char) -> bool) {
    if written(c) {
        out.push_str(&format!("<U+{:04X}>", c as u32));
    } else {
        out.push(c);
    }
}

/// A CSV cell that a spreadsheet shows as text: on one line, and with a leading `'` when it
/// would start a formula (`=`, `+`, `-`, `@`, a tab or a carriage return, as OWASP advises).
pub fn csv_cell(text: &str) -> Cow<'_, str> {
    let starts_formula = text.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let shown = one_line(text);
    if starts_formula {
        Cow::Owned(format!("'{shown}"))
    } else {
        shown
    }
}

/// Writes `value` as JSON in which every character that acts is escaped (`\u001b`, `\u202e`),
/// so the text is inert on a terminal and still reads back as the same data. serde_json
/// escapes C0 controls itself; this adds DEL, C1 and the format characters.
pub fn write_json<W: io::Write, T: serde::Serialize + ?Sized>(
    out: W,
    value: &T,
    pretty: bool,
) -> serde_json::Result<()> {
    if pretty {
        let mut serializer = serde_json::Serializer::with_formatter(
            out,
            InertStrings(serde_json::ser::PrettyFormatter::new()),
        );
        value.serialize(&mut serializer)
    } else {
        let mut serializer = serde_json::Serializer::with_formatter(
            out,
            InertStrings(serde_json::ser::CompactFormatter),
        );
        value.serialize(&mut serializer)
    }
}

/// [`write_json`] into a string (pretty).
pub fn to_json_pretty<T: serde::Serialize + ?Sized>(value: &T) -> serde_json::Result<String> {
    let mut out = Vec::new();
    write_json(&mut out, value, true)?;
    Ok(String::from_utf8(out).expect("serde_json writes UTF-8"))
}

/// A JSON formatter that escapes the characters that act inside strings and leaves everything
/// else to the formatter it wraps.
struct InertStrings<F>(F);

impl<F: serde_json::ser::Formatter> serde_json::ser::Formatter for InertStrings<F> {
    fn write_string_fragment<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut rest = fragment;
        while let Some((at, c)) = rest.char_indices().find(|(_, c)| acts(*c)) {
            writer.write_all(&rest.as_bytes()[..at])?;
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                write!(writer, "\\u{unit:04x}")?;
            }
            rest = &rest[at + c.len_utf8()..];
        }
        writer.write_all(rest.as_bytes())
    }

    fn begin_array<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn end_object_key<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_key(w)
    }
    fn begin_object_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_value(w)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_acts_is_written_as_its_code() {
        assert_eq!(one_line("plain café ✓"), "plain café ✓");
        assert_eq!(
            one_line("\u{1b}]0;title\u{7}a\nb\u{202e}c\u{9b}d\u{7f}"),
            "<U+001B>]0;title<U+0007>a<U+000A>b<U+202E>c<U+009B>d<U+007F>"
        );
        assert_eq!(lines("a\nb\u{1b}[2J"), "a\nb<U+001B>[2J");
        // A no-break space shows; it is not replaced.
        assert_eq!(one_line("a\u{a0}b"), "a\u{a0}b");
    }

    #[test]
    fn a_cell_never_starts_a_formula() {
        for (cell, shown) in [
            ("=1+1", "'=1+1"),
            ("+1", "'+1"),
            ("-2", "'-2"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\t=1", "'<U+0009>=1"),
            ("\r=1", "'<U+000D>=1"),
            ("/a.jpg", "/a.jpg"),
            ("a=b", "a=b"),
            ("", ""),
        ] {
            assert_eq!(csv_cell(cell), shown);
        }
    }

    #[test]
    fn json_escapes_what_acts_and_reads_back_the_same() {
        let value =
            serde_json::json!({"s": "a\u{1b}[2J\u{7f}\u{9b}\u{202e}\u{e0001}b", "n": [1, 2]});
        for pretty in [false, true] {
            let mut out = Vec::new();
            write_json(&mut out, &value, pretty).unwrap();
            let text = String::from_utf8(out).unwrap();
            assert!(!text.chars().any(|c| acts(c) && c != '\n'), "{text:?}");
            assert!(
                text.contains(r"\u001b") && text.contains(r"\u202e"),
                "{text}"
            );
            assert!(text.contains(r"\udb40\udc01"), "{text}");
            assert_eq!(
                serde_json::from_str::<serde_json::Value>(&text).unwrap(),
                value
            );
        }
        assert!(to_json_pretty(&value).unwrap().contains("\n  \"n\": [\n"));
    }
}
