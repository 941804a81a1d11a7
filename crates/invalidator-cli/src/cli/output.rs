//! Printing that survives a closed pipe. `invalidator log | head -1` closes standard output
//! early; `println!` would then panic. Here a failed write to standard output is an error
//! that ends the command quietly (as `rg` does), and writes to standard error never fail it.

use std::fmt;
use std::io::{self, Write};

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
    let mut out = io::stdout().lock();
    out.write_fmt(args)?;
    out.write_all(b"\n")
}

/// Text without a line break to standard output (a block that ends with its own).
pub fn text(text: &str) -> io::Result<()> {
    let mut out = io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()
}

pub fn error_line(args: fmt::Arguments<'_>) {
    let mut err = io::stderr().lock();
    let _ = err.write_fmt(args);
    let _ = err.write_all(b"\n");
}

/// Bytes to standard error as they are (the status line's escape codes), never failing.
pub fn error_text(text: &str) {
    let mut err = io::stderr().lock();
    let _ = err.write_all(text.as_bytes());
    let _ = err.flush();
}

/// Whether an error is standard output closed under us: nobody is reading any more, which
/// is no failure of the command.
pub fn is_closed_pipe(error: &invalidator::Error) -> bool {
    matches!(error, invalidator::Error::Io(e) if e.kind() == io::ErrorKind::BrokenPipe)
}
