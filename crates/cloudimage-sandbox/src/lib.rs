//! A simulated Cloudimage invalidation API on 127.0.0.1, following
//! `shared/api/cloudimage-invalidation.md`: the same endpoints, bodies and statuses, a fixed
//! public key, jobs that move through the documented statuses on a configurable clock, and
//! faults on demand. Tests and the desktop app start it in-process; `invalidator sandbox` runs
//! it on its own.
//!
//! It answers only its own clients: it listens on 127.0.0.1 alone, every route refuses a
//! `Host` other than `127.0.0.1:PORT` or `localhost:PORT` (a web page that rebinds its own
//! name to 127.0.0.1 gets nothing), and the control routes refuse a foreign `Origin` and take
//! only JSON, which a page cannot send across origins without asking first.

mod delivery;
mod faults;
mod jobs;
mod routes;
mod server;

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::watch;
use tokio::task::JoinHandle;

pub use faults::{Fault, FaultKind, FaultTarget};
pub use jobs::{Ending, Job, UNKNOWN_STATUS, markers};

/// The sandbox's one valid key. Public on purpose: it opens nothing but the sandbox.
pub const SANDBOX_KEY: &str = "sandbox_public_key_0123456789";
/// A key the sandbox knows but that may not invalidate: it gets 403.
pub const SANDBOX_FORBIDDEN_KEY: &str = "sandbox_viewer_key_0123456789";
/// The most paths the sandbox takes in one request, as the support article says.
pub const SANDBOX_MAX_PATHS: usize = 15;

/// How a sandbox runs.
#[derive(Debug, Clone)]
pub struct SandboxConfig {
    /// Where its jobs are kept.
    pub jobs_file: PathBuf,
    /// Time between two status steps. Zero: jobs are finished as soon as they are received.
    pub step: Duration,
    /// Added to every API answer, to simulate a distant service.
    pub latency: Duration,
    /// 0 picks a free port.
    pub port: u16,
}

impl SandboxConfig {
    /// Jobs in `<data_dir>/sandbox/jobs.jsonl`, a step every 2 s, no latency, any free port.
    pub fn in_data_dir(data_dir: &Path) -> SandboxConfig {
        SandboxConfig {
            jobs_file: data_dir.join("sandbox").join("jobs.jsonl"),
            step: Duration::from_secs(2),
            latency: Duration::ZERO,
            port: 0,
        }
    }
}

/// Counters of what the sandbox was asked.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Counters {
    /// Submissions that became jobs.
    pub accepted: u64,
    /// Every request to `/invalidate` (including refused and faulted ones).
    pub submits: u64,
    /// Every status question.
    pub statuses: u64,
    /// Every question to a delivery URL.
    pub deliveries: u64,
    /// Delivery questions that carried an API key (`X-Client-Key` or `Authorization`): the
    /// delivery host is public and must never be sent one.
    pub keyed_deliveries: u64,
}

pub(crate) struct State {
    /// The port it listens on: the only one a request may name in its `Host`.
    pub port: u16,
    pub jobs: Mutex<jobs::Jobs>,
    pub faults: Mutex<faults::FaultQueue>,
    pub step: Mutex<Duration>,
    pub latency: Mutex<Duration>,
    pub counters: Mutex<Counters>,
    pub copies: Mutex<delivery::Copies>,
}

/// A running sandbox. Stops when [`Sandbox::stop`] is called or it is dropped.
pub struct Sandbox {
    addr: SocketAddr,
    state: Arc<State>,
    stop: watch::Sender<bool>,
    task: Option<JoinHandle<()>>,
}

impl Sandbox {
    /// Binds 127.0.0.1 and starts answering.
    pub async fn start(config: SandboxConfig) -> std::io::Result<Sandbox> {
        let jobs = jobs::Jobs::open(&config.jobs_file)?;
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", config.port)).await?;
        let addr = listener.local_addr()?;
        let state = Arc::new(State {
            port: addr.port(),
            jobs: Mutex::new(jobs),
            faults: Mutex::new(faults::FaultQueue::default()),
            step: Mutex::new(config.step),
            latency: Mutex::new(config.latency),
            counters: Mutex::new(Counters::default()),
            copies: Mutex::new(delivery::Copies::new(chrono::Utc::now())),
        });
        let (stop, stopped) = watch::channel(false);
        let task = tokio::spawn(server::serve(listener, state.clone(), stopped));
        tracing::info!(%addr, "sandbox listening");
        Ok(Sandbox {
            addr,
            state,
            stop,
            task: Some(task),
        })
    }

    /// `http://127.0.0.1:<port>`: use as the API base.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The sandbox's CDN: each path is served at `<delivery base><path>`.
    pub fn delivery_base(&self) -> String {
        format!("{}/delivery", self.base_url())
    }

    /// Queues a fault for the next matching request(s).
    pub fn inject(&self, fault: Fault) {
        self.state.faults.lock().unwrap().push(fault);
    }

    pub fn clear_faults(&self) {
        self.state.faults.lock().unwrap().clear();
    }

    pub fn set_latency(&self, latency: Duration) {
        *self.state.latency.lock().unwrap() = latency;
    }

    /// Every job so far, oldest first.
    pub fn jobs(&self) -> Vec<Job> {
        self.state.jobs.lock().unwrap().all()
    }

    pub fn counters(&self) -> Counters {
        *self.state.counters.lock().unwrap()
    }

    /// Stops accepting connections and waits for the server task.
    pub async fn stop(mut self) {
        let _ = self.stop.send(true);
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        let _ = self.stop.send(true);
    }
}
