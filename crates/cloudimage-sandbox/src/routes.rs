//! The sandbox's HTTP answers: the two API endpoints and a small control surface under
//! `/_sandbox/` (faults, settings, jobs) for scripts and the CLI.

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State as Extract};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use chrono::Utc;
use serde::Deserialize;
use serde_json::{Value, json};

use crate::faults::{Fault, FaultKind, FaultTarget};
use crate::jobs::{Job, Seen};
use crate::{SANDBOX_FORBIDDEN_KEY, SANDBOX_KEY, SANDBOX_MAX_PATHS, State};

pub(super) fn router(state: Arc<State>) -> Router {
    Router::new()
        .route("/invalidate", post(submit))
        .route("/invalidate/{uuid}", get(status))
        // `get` answers HEAD too, without the body.
        .route("/delivery/{*path}", get(crate::delivery::deliver))
        .route(
            "/_sandbox/faults",
            post(add_faults).get(list_faults).delete(clear_faults),
        )
        .route("/_sandbox/settings", post(settings))
        .route("/_sandbox/jobs", get(list_jobs))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            only_its_own,
        ))
        .with_state(state)
}

/// Refuses what did not come from the sandbox's own clients (see the module's notes): a
/// foreign `Host` on any route; on the control routes, a foreign `Origin`, and a change that
/// is not JSON.
async fn only_its_own(
    Extract(state): Extract<Arc<State>>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let port = state.port;
    let own = [format!("127.0.0.1:{port}"), format!("localhost:{port}")];
    let headers = request.headers();
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
    if !host.is_some_and(|h| own.iter().any(|o| o.eq_ignore_ascii_case(h))) {
        return error(
            StatusCode::MISDIRECTED_REQUEST,
            &format!("This sandbox answers only at 127.0.0.1:{port} or localhost:{port}"),
        );
    }
    if request.uri().path().starts_with("/_sandbox/") {
        if let Some(origin) = headers.get(header::ORIGIN) {
            let from_own = origin.to_str().is_ok_and(|o| {
                own.iter()
                    .any(|own| o.eq_ignore_ascii_case(&format!("http://{own}")))
            });
            if !from_own {
                return error(
                    StatusCode::FORBIDDEN,
                    "The sandbox's control routes answer its own clients only, not other pages",
                );
            }
        }
        let json = headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|t| {
                t.split(';')
                    .next()
                    .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/json"))
            });
        if request.method() != axum::http::Method::GET && !json {
            return error(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "The sandbox's control routes take JSON: send Content-Type: application/json",
            );
        }
    }
    next.run(request).await
}

fn error(status: StatusCode, msg: &str) -> Response {
    (status, axum::Json(json!({"status": "error", "msg": msg}))).into_response()
}

/// Latency, then the fault queue, then the key: in that order, as a distant, flaky service
/// would fail before it even looks at the request.
async fn gate(state: &State, endpoint: FaultTarget, headers: &HeaderMap) -> Result<bool, Response> {
    let latency = *state.latency.lock().unwrap();
    if !latency.is_zero() {
        tokio::time::sleep(latency).await;
    }
    let fault = state
        .faults
        .lock()
        .unwrap()
        .take(endpoint, |k| *k != FaultKind::Reset);
    let mut malformed = false;
    match fault {
        Some(FaultKind::Status { code }) => {
            let status = StatusCode::from_u16(code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            return Err(error(status, &format!("Sandbox fault: {code} on demand")));
        }
        Some(FaultKind::RateLimited { retry_after_secs }) => {
            let mut response = error(StatusCode::TOO_MANY_REQUESTS, "Too many requests");
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, retry_after_secs.into());
            return Err(response);
        }
        Some(FaultKind::Delay { ms }) => tokio::time::sleep(Duration::from_millis(ms)).await,
        Some(FaultKind::Malformed) => malformed = true,
        Some(FaultKind::Reset) | None => {}
    }
    match headers.get("x-client-key").and_then(|v| v.to_str().ok()) {
        Some(SANDBOX_KEY) => Ok(malformed),
        Some(SANDBOX_FORBIDDEN_KEY) => Err(error(
            StatusCode::FORBIDDEN,
            "This API key's role may not invalidate (Developer, Manager, Administrator or Owner needed)",
        )),
        _ => Err(error(StatusCode::UNAUTHORIZED, "Invalid API key")),
    }
}

fn malformed_answer(status: StatusCode) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "application/json")],
        r#"{"status": "success", "invalidation": {"status": "RECEI"#,
    )
        .into_response()
}

#[derive(Deserialize)]
struct SubmitBody {
    scope: Option<Value>,
    urls: Option<Value>,
}

async fn submit(Extract(state): Extract<Arc<State>>, headers: HeaderMap, body: Bytes) -> Response {
    state.counters.lock().unwrap().submits += 1;
    let malformed = match gate(&state, FaultTarget::Submit, &headers).await {
        Ok(malformed) => malformed,
        Err(response) => return response,
    };
    let Ok(body) = serde_json::from_slice::<SubmitBody>(&body) else {
        return error(StatusCode::BAD_REQUEST, "The body must be JSON");
    };
    let scope = body.scope.as_ref().and_then(Value::as_str).unwrap_or("");
    let urls: Vec<String> = match scope {
        "all" => Vec::new(),
        "original" => {
            let Some(list) = body.urls.as_ref().and_then(Value::as_array) else {
                return error(
                    StatusCode::BAD_REQUEST,
                    "Scope original needs a list of urls",
                );
            };
            let urls: Vec<String> = list
                .iter()
                .filter_map(|u| u.as_str().map(str::to_owned))
                .collect();
            if urls.is_empty() || urls.len() != list.len() {
                return error(
                    StatusCode::BAD_REQUEST,
                    "urls must be a non-empty list of paths",
                );
            }
            if urls.len() > SANDBOX_MAX_PATHS {
                return error(
                    StatusCode::BAD_REQUEST,
                    &format!("Too many urls: at most {SANDBOX_MAX_PATHS} per request"),
                );
            }
            if let Some(bad) = urls.iter().find(|u| !u.starts_with('/')) {
                return error(
                    StatusCode::BAD_REQUEST,
                    &format!("Invalid path {bad}: it must start with /"),
                );
            }
            if let Some(bad) = urls.iter().find(|u| u.contains(crate::markers::REJECT)) {
                return error(
                    StatusCode::BAD_REQUEST,
                    &format!("The path {bad} is not allowed in this project"),
                );
            }
            urls
        }
        other => {
            return error(
                StatusCode::BAD_REQUEST,
                &format!("Unknown scope \"{other}\": use \"original\" or \"all\""),
            );
        }
    };
    let job = {
        let mut jobs = state.jobs.lock().unwrap();
        let (ending, failed) = jobs.plan(&urls);
        let job = Job {
            uuid: uuid::Uuid::new_v4().to_string(),
            added_at: Utc::now(),
            scope: scope.to_owned(),
            urls,
            ending,
            failed,
        };
        if let Err(e) = jobs.add(job.clone()) {
            return error(
                StatusCode::INTERNAL_SERVER_ERROR,
                &format!("Could not store the job: {e}"),
            );
        }
        job
    };
    state.counters.lock().unwrap().accepted += 1;
    if malformed {
        return malformed_answer(StatusCode::CREATED);
    }
    (
        StatusCode::CREATED,
        axum::Json(json!({
            "status": "success",
            "msg": "Your invalidation request has been received",
            "invalidation": {
                "status": "RECEIVED",
                "uuid": job.uuid,
                "added_at": job.added_at.format("%Y-%m-%d %H:%M:%S%.6f").to_string(),
            }
        })),
    )
        .into_response()
}

async fn status(
    Extract(state): Extract<Arc<State>>,
    Path(uuid): Path<String>,
    headers: HeaderMap,
) -> Response {
    state.counters.lock().unwrap().statuses += 1;
    let malformed = match gate(&state, FaultTarget::Status, &headers).await {
        Ok(malformed) => malformed,
        Err(response) => return response,
    };
    let Some(job) = state.jobs.lock().unwrap().get(&uuid).cloned() else {
        return error(StatusCode::NOT_FOUND, "Invalidation not found");
    };
    let step = *state.step.lock().unwrap();
    let (status, invalidated, failed) = match job.seen_at(Utc::now(), step) {
        Seen::Forgotten => return error(StatusCode::NOT_FOUND, "Invalidation not found"),
        Seen::Status {
            status,
            invalidated,
            failed,
        } => (status, invalidated, failed),
    };
    if malformed {
        return malformed_answer(StatusCode::OK);
    }
    axum::Json(json!({
        "status": "success",
        "invalidation": {
            "status": status,
            "uuid": job.uuid,
            "added_at": job.added_at.format("%Y-%m-%d %H:%M:%S%.6f").to_string(),
            "scope": job.scope,
            "urls": {"received": null, "invalidated": invalidated, "failed": failed},
        }
    }))
    .into_response()
}

/// `POST /_sandbox/faults` with a JSON list of specs, e.g. `["503@submit*2", "reset"]` (or
/// one string, a spec a line).
async fn add_faults(Extract(state): Extract<Arc<State>>, body: Bytes) -> Response {
    let specs: Vec<String> = match serde_json::from_slice::<Value>(&body) {
        Ok(Value::Array(items)) => match items
            .iter()
            .map(|v| v.as_str().map(str::to_owned))
            .collect()
        {
            Some(specs) => specs,
            None => return error(StatusCode::BAD_REQUEST, "Faults are a list of strings"),
        },
        Ok(Value::String(lines)) => lines.lines().map(str::to_owned).collect(),
        _ => {
            return error(
                StatusCode::BAD_REQUEST,
                "Faults are a JSON list of specs, as in [\"503@submit*2\"]",
            );
        }
    };
    let mut added = Vec::new();
    for line in specs.iter().map(|s| s.trim()).filter(|l| !l.is_empty()) {
        match line.parse::<Fault>() {
            Ok(fault) => added.push(fault),
            Err(e) => return error(StatusCode::BAD_REQUEST, &e),
        }
    }
    let mut queue = state.faults.lock().unwrap();
    for fault in added {
        queue.push(fault);
    }
    axum::Json(json!({"pending": queue.pending()})).into_response()
}

async fn list_faults(Extract(state): Extract<Arc<State>>) -> Response {
    axum::Json(json!({"pending": state.faults.lock().unwrap().pending()})).into_response()
}

async fn clear_faults(Extract(state): Extract<Arc<State>>) -> Response {
    state.faults.lock().unwrap().clear();
    axum::Json(json!({"pending": []})).into_response()
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Settings {
    step_ms: Option<u64>,
    latency_ms: Option<u64>,
}

/// `POST /_sandbox/settings` with `{"stepMs": 500, "latencyMs": 20}` (either may be left out).
async fn settings(
    Extract(state): Extract<Arc<State>>,
    axum::Json(s): axum::Json<Settings>,
) -> Response {
    if let Some(ms) = s.step_ms {
        *state.step.lock().unwrap() = Duration::from_millis(ms);
    }
    if let Some(ms) = s.latency_ms {
        *state.latency.lock().unwrap() = Duration::from_millis(ms);
    }
    axum::Json(json!({
        "stepMs": state.step.lock().unwrap().as_millis() as u64,
        "latencyMs": state.latency.lock().unwrap().as_millis() as u64,
    }))
    .into_response()
}

async fn list_jobs(Extract(state): Extract<Arc<State>>) -> Response {
    let jobs = state.jobs.lock().unwrap().all();
    axum::Json(json!({"jobs": jobs, "counters": *state.counters.lock().unwrap()})).into_response()
}
