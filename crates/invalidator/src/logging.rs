//! Structured logs to a daily file in the data dir. Keys never reach them: the client masks
//! its key in every `Debug` and scrubs it from messages, and nothing logs a header. Text from
//! outside in a field is written on one line (see [`crate::outside`]).

use std::path::Path;

use tracing_appender::non_blocking::WorkerGuard;
use tracing_subscriber::EnvFilter;
use tracing_subscriber::field::MakeExt;

/// Sets the level, as in `INVALIDATOR_LOG=debug`; default `info`.
pub const LOG_ENV: &str = "INVALIDATOR_LOG";

/// Starts logging to `<data_dir>/logs/<process>.<date>.log`. Keep the guard alive for as long
/// as the process logs: dropping it flushes the file.
pub fn init(data_dir: &Path, process: &str) -> std::io::Result<WorkerGuard> {
    let dir = crate::data_dir::logs_dir(data_dir);
    std::fs::create_dir_all(&dir)?;
    let appender = tracing_appender::rolling::Builder::new()
        .rotation(tracing_appender::rolling::Rotation::DAILY)
        .filename_prefix(process)
        .filename_suffix("log")
        .max_log_files(14)
        .build(&dir)
        .map_err(std::io::Error::other)?;
    let (writer, guard) = tracing_appender::non_blocking(appender);
    let filter = EnvFilter::try_from_env(LOG_ENV).unwrap_or_else(|_| EnvFilter::new("info"));
    // A second init in one process (tests) keeps the first subscriber; that is fine.
    let _ = tracing_subscriber::fmt()
        .fmt_fields(inert_fields())
        .with_env_filter(filter)
        .with_writer(writer)
        .with_ansi(false)
        .with_target(true)
        .try_init();
    Ok(guard)
}

/// Every field of a log line written on one line, whatever it holds: a uuid, a status or an
/// error from the service with a line break in it cannot start a line that looks like the
/// app's own, nor carry a terminal escape into a file that is later `cat`ed.
fn inert_fields() -> impl for<'w> tracing_subscriber::fmt::FormatFields<'w> + 'static {
    tracing_subscriber::fmt::format::debug_fn(|writer, field, value| {
        let text = format!("{value:?}");
        let text = crate::outside::one_line(&text);
        if field.name() == "message" {
            write!(writer, "{text}")
        } else {
            write!(writer, "{field}={text}")
        }
    })
    .delimited(" ")
}
