//! Printing that survives a closed pipe. `invalidator log | head -1` closes standard output
//! early; `println!` would then panic. Here a failed write to standard output is an error
//! that ends the command quietly (as `rg` does), and writes to standard error never fail it.
//!
//! Everything printed is inert: a character that would act on the terminal (an escape code, a
//! bell, a bidi control) is written as its code, `<U+001B>`, whatever it came from. The
//! renderers also put each field from outside on one line, so it cannot start a line of its
//! own.

use std::fmt;
use std::io::{self, Write};

use invalidator::outside::lines;

/// One line to standard output; `?` it, so a closed pipe stops the command.
macro_rules! outln {
    ($($arg:tt)*) => { $crate::cli::output::line(format_args!($($arg)*)) };
}

/// One line to standard error, whatever becomes of it.
macro_rules! errln {
    ($($arg:tt)*) => { $crate::cli::output::error_line(format_args!($($arg)*)) };
}

pub(crate) use {errln, outln};

pub fn line(args: fmt::Arguments<'_>) -> io::Result<()> {
    let text = args.to_string();
    let mut out = io::stdout().lock();
    out.write_all(lines(&text).as_bytes())?;
    out.write_all(b"\n")
}

/// Text without a line break to standard output (a block that ends with its own).
pub fn text(text: &str) -> io::Result<()> {
    let mut out = io::stdout().lock();
    out.write_all(lines(text).as_bytes())?;
    out.flush()
}

pub fn error_line(args: fmt::Arguments<'_>) {
    let text = args.to_string();
    let mut err = io::stderr().lock();
    let _ = err.write_all(lines(&text).as_bytes());
    let _ = err.write_all(b"\n");
}

/// Bytes to standard error as they are (the status line's own escape codes), never failing.
/// Its text from outside is made inert by the caller ([`super::render::StatusLine`]).
pub fn error_text(text: &str) {
    let mut err = io::stderr().lock();
    let _ = err.write_all(text.as_bytes());
    let _ = err.flush();
}

/// A value as `--json` prints it: pretty, inert, and in the machine formats' words (a
/// condition's `label` and `detail` in English, whatever the language of the run).
pub fn json<T: serde::Serialize + ?Sized>(value: &T) -> io::Result<String> {
    invalidator::condition::in_machine_words(MACHINE_WORDS, || {
        invalidator::outside::to_json_pretty(value)
    })
    .map_err(io::Error::other)
}

/// The words of the machine formats: English, whatever the language of the run.
pub const MACHINE_WORDS: invalidator::condition::MachineWords =
    invalidator_words::in_english::<invalidator::ConditionText>;

/// Whether an error is standard output closed under us: nobody is reading any more, which
/// is no failure of the command.
pub fn is_closed_pipe(error: &invalidator::Error) -> bool {
    matches!(error, invalidator::Error::Io(e) if e.kind() == io::ErrorKind::BrokenPipe)
}
