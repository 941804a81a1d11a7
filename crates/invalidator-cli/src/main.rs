//! `invalidator`: the command-line door onto the domain crate. It shares the journal, the
//! saved projects and the keychain entries with the desktop app.

mod cli;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let args = cli::Args::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            let words = args.lang.as_deref().map_or_else(
                invalidator_words::Words::from_env,
                invalidator_words::Words::new,
            );
            let said = words.text(
                "cli-cannot-start",
                &serde_json::json!({ "cause": e.to_string() }),
            );
            cli::output::error_line(format_args!("{said}"));
            return ExitCode::from(cli::exit::UNEXPECTED);
        }
    };
    let code = runtime.block_on(cli::run(args));
    // Keychain calls that timed out leave a thread behind; do not wait for it.
    runtime.shutdown_timeout(std::time::Duration::from_secs(1));
    ExitCode::from(code)
}
