//! Arguments, the shared context of a run, and the mapping of outcomes to exit codes.

mod changes;
mod context;
mod log;
pub mod output;
mod render;
mod sandbox;
mod send;
mod status;
mod verify;
mod watch;

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};
use invalidator::{Error, ErrorKind, ScopeKind, StatusFilter};
use serde_json::json;

pub use context::Context;

/// Exit codes. Stable: scripts switch on them.
pub mod exit {
    /// Everything asked for happened (acknowledged; for `watch`, done).
    pub const OK: u8 = 0;
    /// Something unexpected: the journal or a file could not be used.
    pub const UNEXPECTED: u8 = 1;
    /// Bad input: arguments, a path list, an unknown id. Nothing was sent.
    pub const BAD_INPUT: u8 = 2;
    /// The service refused: key rejected (401), not allowed (403), or another 4xx.
    pub const REJECTED: u8 = 3;
    /// Transient failure: the service did not answer, or kept failing. Requests stay queued or
    /// can be retried.
    pub const TRANSIENT: u8 = 4;
    /// `watch`/`status`: the service finished, but with errors or failed paths.
    pub const FINISHED_WITH_ERRORS: u8 = 5;
    /// `verify`: not every path is shown to be served fresh (still cached, unknown, or
    /// could not be checked).
    pub const NOT_ALL_FRESH: u8 = 6;
}

/// Invalidate cached files on the Cloudimage / Scaleflex CDN, and keep a log of it.
///
/// The API key comes from the INVALIDATOR_API_KEY environment variable, or from the OS
/// keychain entry of a project saved in the desktop app (--project NAME). It is never taken
/// from the command line, where it would show in `ps` and in shell history.
#[derive(Debug, Parser)]
#[command(name = "invalidator", version, about, long_about)]
pub struct Args {
    /// Where the journal, settings and logs live [default: the platform's app data dir].
    #[arg(long, env = "INVALIDATOR_DATA_DIR", global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,

    /// The API base, e.g. https://api.cloudimage.com or a sandbox's http://127.0.0.1:PORT.
    #[arg(long, env = "INVALIDATOR_API_BASE", global = true, value_name = "URL")]
    pub api_base: Option<String>,

    /// A project saved in the desktop app, by name: its key is read from the OS keychain.
    #[arg(
        long,
        short = 'p',
        env = "INVALIDATOR_PROJECT",
        global = true,
        value_name = "NAME"
    )]
    pub project: Option<String>,

    /// The language of what is printed for people (`en`, `fr`) [default: from LC_ALL,
    /// LC_MESSAGES or LANG]. `--json` and `--csv` are the same in every language.
    #[arg(long, global = true, value_name = "LANG")]
    pub lang: Option<String>,

    /// Requests sent at once.
    #[arg(long, default_value_t = 4, global = true, value_name = "N")]
    pub max_in_flight: usize,

    /// Seconds a call to the service may take.
    #[arg(long, default_value_t = 30, global = true, value_name = "SECONDS")]
    pub timeout: u64,

    /// First status check after an acknowledgement, in ms (then doubling to 60 s).
    #[arg(
        long,
        env = "INVALIDATOR_POLL_MS",
        default_value_t = 5000,
        global = true,
        hide = true
    )]
    pub poll_ms: u64,

    /// How long a claim on a request holds, in ms [default: the timeout + 60 s]. Tests shorten
    /// it to see a stopped process overtaken.
    #[arg(long, env = "INVALIDATOR_LEASE_MS", global = true, hide = true)]
    pub lease_ms: Option<u64>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Record and send an invalidation. Paths come as arguments and/or from a file, separated
    /// by line breaks or commas; whole delivery URLs are fine.
    Submit {
        /// Paths such as /folder/image.jpg.
        paths: Vec<String>,
        /// Read paths from this file (`-` for standard input).
        #[arg(long, short = 'f', value_name = "FILE")]
        from_file: Option<PathBuf>,
        /// `original`: the listed paths. `all`: the project's whole cache (needs --yes).
        #[arg(long, value_enum, default_value_t = ScopeArg::Original)]
        scope: ScopeArg,
        /// Confirm --scope all.
        #[arg(long)]
        yes: bool,
        /// Print the recorded batch as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Show one invalidation (by request number or invalidation id), asking the service first.
    Status {
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Follow invalidations until they finish: one, or every one still in progress.
    Watch { id: Option<String> },
    /// List recorded invalidations, newest first.
    Log {
        /// A status or group: in-progress, failed, done, queued, retrying, send-failed,
        /// maybe-received, rejected, received, preparing, flushing-cloudimage, flushing-cdn,
        /// done-with-failures, error, error-cdn-node, unknown, gone, stalled.
        #[arg(long, value_name = "STATUS")]
        status: Option<StatusFilter>,
        #[arg(long, value_enum)]
        scope: Option<ScopeArg>,
        /// Only invalidations with a path or id containing this text.
        #[arg(long, value_name = "TEXT")]
        search: Option<String>,
        /// Batches to show.
        #[arg(long, default_value_t = 20, value_name = "N")]
        limit: usize,
        /// Only this saved project's invalidations (by the --project name).
        #[arg(long)]
        this_project: bool,
        #[arg(long, conflicts_with = "csv")]
        json: bool,
        #[arg(long)]
        csv: bool,
    },
    /// Send a failed invalidation again: its failed paths, or all of them. The original stays
    /// in the log; the retry is linked to it.
    Retry {
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Check that a done invalidation's files are served fresh: one HEAD per path at the
    /// project's delivery URL (no key is sent there), read by its Age and cache headers.
    Verify {
        id: String,
        /// Where the files are served, e.g. https://<token>.cloudimg.io [default: the saved
        /// project's delivery base].
        #[arg(long, env = "INVALIDATOR_DELIVERY_BASE", value_name = "URL")]
        delivery_base: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Run the sandbox: a simulated Cloudimage API on 127.0.0.1.
    Sandbox {
        /// Port to listen on (0: any free port).
        #[arg(long, default_value_t = 0)]
        port: u16,
        /// Milliseconds between two status steps.
        #[arg(long, default_value_t = 2000)]
        step_ms: u64,
        /// Milliseconds added to every answer.
        #[arg(long, default_value_t = 0)]
        latency_ms: u64,
        /// A fault to inject, e.g. 503*2, 429:5@submit, delay:40000, reset, malformed.
        #[arg(long = "fault", value_name = "SPEC")]
        faults: Vec<cloudimage_sandbox::Fault>,
    },
}

impl Command {
    /// For the log: which command ran (its arguments may hold paths; they are not logged).
    pub fn name(&self) -> &'static str {
        match self {
            Command::Submit { .. } => "submit",
            Command::Status { .. } => "status",
            Command::Watch { .. } => "watch",
            Command::Log { .. } => "log",
            Command::Retry { .. } => "retry",
            Command::Verify { .. } => "verify",
            Command::Sandbox { .. } => "sandbox",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ScopeArg {
    Original,
    All,
}

impl From<ScopeArg> for ScopeKind {
    fn from(s: ScopeArg) -> ScopeKind {
        match s {
            ScopeArg::Original => ScopeKind::Original,
            ScopeArg::All => ScopeKind::All,
        }
    }
}

/// Runs a command and returns the exit code. Errors are printed here, once.
pub async fn run(args: Args) -> u8 {
    render::choose_language(args.lang.as_deref());
    let context = Context::new(&args);
    let _log_guard = invalidator::logging::init(&context.data_dir, "cli").ok();
    tracing::info!(command = args.command.name(), "cli start");
    let result = match args.command {
        Command::Submit {
            paths,
            from_file,
            scope,
            yes,
            json,
        } => send::submit(&context, paths, from_file, scope.into(), yes, json).await,
        Command::Retry { id, json } => send::retry(&context, &id, json).await,
        Command::Status { id, json } => status::status(&context, &id, json).await,
        Command::Watch { id } => watch::watch(&context, id.as_deref()).await,
        Command::Verify {
            id,
            delivery_base,
            json,
        } => verify::verify(&context, &id, delivery_base, json).await,
        Command::Log {
            status,
            scope,
            search,
            limit,
            this_project,
            json,
            csv,
        } => {
            let filter = log::Options {
                status,
                scope: scope.map(ScopeKind::from),
                search,
                limit,
                this_project,
                json,
                csv,
            };
            log::log(&context, filter)
        }
        Command::Sandbox {
            port,
            step_ms,
            latency_ms,
            faults,
        } => sandbox::run(&context, port, step_ms, latency_ms, faults).await,
    };
    match result {
        Ok(code) => code,
        // Whoever read the output stopped reading (`| head`): nothing went wrong here.
        Err(error) if output::is_closed_pipe(&error) => exit::OK,
        Err(error) => {
            // An error may carry the service's words: on one line, so they cannot fake one.
            let problem = render::nested(&error.problem());
            output::errln!(
                "{}",
                render::say("cli-error", json!({ "problem": problem }))
            );
            if let Error::ListRefused(notices) = &error {
                for notice in notices {
                    output::errln!("  {}", render::notice(notice));
                }
            }
            for hint in hints(&error) {
                output::errln!("{}", render::say("cli-hint", json!({ "hint": hint })));
            }
            tracing::error!(kind = %error.kind(), error = %error, "cli failed");
            exit_code(&error)
        }
    }
}

pub fn exit_code(error: &Error) -> u8 {
    match error {
        Error::BadInput(_)
        | Error::ListRefused(_)
        | Error::NotFound(_)
        | Error::NotRetryable(_)
        | Error::NoKey(_) => exit::BAD_INPUT,
        Error::Api(e) if e.is_retryable() => exit::TRANSIENT,
        Error::Api(cloudimage::Error::Config(_)) => exit::BAD_INPUT,
        Error::Api(_) => exit::REJECTED,
        Error::Keychain(_) => exit::TRANSIENT,
        Error::Journal(_)
        | Error::Io(_)
        | Error::SettingsDamaged(_)
        | Error::SettingsUnwritable { .. }
        | Error::CannotStart(_) => exit::UNEXPECTED,
    }
}

/// What to do next, as messages: the advice the app gives too, and the command line's own
/// ways around a missing key.
fn hints(error: &Error) -> Vec<serde_json::Value> {
    let env = || json!({ "id": "cli-hint-env-key", "args": { "variable": context::API_KEY_ENV } });
    let mut hints: Vec<serde_json::Value> =
        error.kind().advice().iter().map(render::nested).collect();
    match error.kind() {
        ErrorKind::NoKey => hints.push(json!({ "id": "cli-hint-no-key", "args": {
            "variable": context::API_KEY_ENV,
            "option": "--project NAME",
        } })),
        ErrorKind::KeychainUnavailable => hints.push(env()),
        _ => {}
    }
    hints
}
