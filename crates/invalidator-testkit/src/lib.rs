//! Shared pieces of the integration tests: a sandbox on 127.0.0.1, a journal in a temp dir,
//! an engine paced in milliseconds instead of seconds; and journals as a year of use leaves
//! them, for the benchmarks and the e2e tests.

use std::path::Path;
use std::time::Duration;

use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::IntoResponse;
use cloudimage::{ApiKey, Client};
use cloudimage_sandbox::{SANDBOX_KEY, Sandbox, SandboxConfig};
use invalidator::journal::RequestView;
use invalidator::owner::Owner;
use invalidator::submission::Plan;
use invalidator::{Engine, EngineConfig, Journal, Project, ScopeKind};

pub mod hostile;
mod used;

pub use used::journal_of;

/// Long enough never to fire on a loaded machine; these are bounds, not measurements.
pub const PATIENCE: Duration = Duration::from_secs(60);

pub async fn sandbox(dir: &Path, step: Duration) -> Sandbox {
    let mut config = SandboxConfig::in_data_dir(dir);
    config.step = step;
    Sandbox::start(config).await.expect("sandbox starts")
}

/// Delays of tens of milliseconds where the real ones are seconds.
pub fn fast_config() -> EngineConfig {
    EngineConfig {
        max_in_flight: 4,
        max_polls_in_flight: 8,
        max_attempts: 4,
        retry_min: Duration::from_millis(20),
        retry_max: Duration::from_millis(100),
        retry_after_max: Duration::from_secs(10),
        offline_min: Duration::from_millis(50),
        offline_max: Duration::from_millis(200),
        poll_min: Duration::from_millis(30),
        poll_max: Duration::from_millis(120),
        poll_give_up: Duration::from_secs(3600),
        lease: Duration::from_secs(30),
        tick: Duration::from_millis(50),
        idle: Duration::from_millis(50),
    }
}

pub fn project(id: &str, base: &str) -> Project {
    Project {
        id: id.to_owned(),
        name: format!("Project {id}"),
        api_base: base.to_owned(),
        v7: false,
        batch_size: 10,
        delivery_base: None,
        check_limit: invalidator::project::DEFAULT_CHECK_LIMIT,
    }
}

pub fn client(base: &str, key: &str, timeout: Duration) -> Client {
    Client::builder()
        .base_url(base)
        .api_key(ApiKey::new(key))
        .timeout(timeout)
        .connect_timeout(Duration::from_secs(2))
        .build()
        .expect("client builds")
}

pub fn journal(dir: &Path) -> Journal {
    Journal::open(&invalidator::data_dir::journal_path(dir)).expect("journal opens")
}

/// An engine over `dir`'s journal that sends for `project` with `key`.
pub fn engine(dir: &Path, project: &Project, key: &str, config: EngineConfig) -> Engine {
    let owner = Owner::register(dir).expect("owner registers");
    let engine = Engine::start(journal(dir), owner, config);
    engine.set_endpoint(
        &project.id,
        client(&project.api_base, key, Duration::from_secs(5)),
    );
    engine
}

pub fn sandbox_engine(dir: &Path, project: &Project) -> Engine {
    engine(dir, project, SANDBOX_KEY, fast_config())
}

/// Records and sends `text` as one batch; returns its request ids.
pub async fn submit(engine: &Engine, project: &Project, text: &str) -> Vec<i64> {
    let batch = Plan::new(project, ScopeKind::Original, text)
        .into_batch(project, "test")
        .expect("a valid list");
    engine.submit(batch).await.expect("recorded").1
}

/// Records `text` as one batch in `journal`, sending nothing (no engine need run); returns
/// its request ids.
pub fn record(journal: &Journal, project: &Project, text: &str) -> Vec<i64> {
    let batch = Plan::new(project, ScopeKind::Original, text)
        .into_batch(project, "test")
        .expect("a valid list");
    journal.record_batch(&batch).expect("recorded").1
}

/// Waits until request `id` satisfies `done`, and returns it. Panics with the last view after
/// [`PATIENCE`].
pub async fn wait_for(
    journal: &Journal,
    id: i64,
    what: &str,
    done: impl Fn(&RequestView) -> bool,
) -> RequestView {
    let deadline = tokio::time::Instant::now() + PATIENCE;
    loop {
        let view = journal.request(id).expect("request readable");
        if done(&view) {
            return view;
        }
        if tokio::time::Instant::now() > deadline {
            panic!("request #{id} never became {what}; last seen: {view:#?}");
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

pub async fn wait_code(journal: &Journal, id: i64, code: &str) -> RequestView {
    wait_for(journal, id, code, |v| v.condition.code == code).await
}

/// The history of a request as `state/status: detail` lines.
pub fn history(view: &RequestView) -> Vec<String> {
    view.history
        .as_ref()
        .expect("history present")
        .iter()
        .map(|h| {
            format!(
                "{}{}{}",
                h.state,
                h.status
                    .as_ref()
                    .map(|s| format!("/{s}"))
                    .unwrap_or_default(),
                h.detail
                    .as_ref()
                    .map(|d| format!(": {d}"))
                    .unwrap_or_default()
            )
        })
        .collect()
}

pub fn path_results(view: &RequestView) -> Vec<(String, String)> {
    view.paths
        .iter()
        .map(|p| (p.path.clone(), p.result.clone()))
        .collect()
}

/// Every request a server got: method, path and all its headers.
pub type Seen = std::sync::Arc<std::sync::Mutex<Vec<(Method, String, Vec<(String, String)>)>>>;

/// A server on 127.0.0.1 answering every request with `status`, `headers` and `body`, and
/// recording what it was asked: where a key must never go, the test looks at what came.
pub async fn recording_server(
    status: u16,
    headers: &[(&str, &str)],
    body: &'static str,
) -> (String, Seen) {
    let seen: Seen = Seen::default();
    let recorder = seen.clone();
    let headers: Vec<(String, String)> = headers
        .iter()
        .map(|(name, value)| (name.to_string(), value.to_string()))
        .collect();
    let app = axum::Router::new().fallback(
        move |method: Method, uri: Uri, request_headers: HeaderMap| {
            let recorder = recorder.clone();
            let headers = headers.clone();
            async move {
                recorder.lock().unwrap().push((
                    method,
                    uri.path().to_owned(),
                    request_headers
                        .iter()
                        .map(|(n, v)| (n.to_string(), String::from_utf8_lossy(v.as_bytes()).into()))
                        .collect(),
                ));
                let mut response = (StatusCode::from_u16(status).unwrap(), body).into_response();
                for (name, value) in headers {
                    response.headers_mut().insert(
                        axum::http::HeaderName::from_bytes(name.as_bytes()).unwrap(),
                        value.parse().unwrap(),
                    );
                }
                response
            }
        },
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (base, seen)
}

/// The machine formats' words (English), as the doors pass them to an export.
pub const ENGLISH: invalidator::condition::MachineWords =
    invalidator_words::in_english::<invalidator::ConditionText>;

/// A condition's label in English, as the catalogue says it.
pub fn label(condition: &invalidator::Condition) -> String {
    invalidator_words::in_english(&condition.text).0
}

/// A condition's detail in English, as the catalogue says it.
pub fn detail(condition: &invalidator::Condition) -> String {
    invalidator_words::in_english(&condition.text).1
}
