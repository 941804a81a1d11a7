//! The sandbox's CDN, at `/delivery/<path>`: every path is a file, served from a cached copy
//! with the headers a CDN sends (`Age`, `X-Cache`, `Cache-Control`, `Last-Modified`, `ETag`).
//!
//! - Every copy was fetched from the origin an hour before the sandbox started, so before any
//!   invalidation it is old (`X-Cache: HIT`, `Age` over 3600).
//! - The first question after a job flushed the path fetches it again: `X-Cache: MISS`,
//!   `Age: 0`; later questions are `HIT`s whose `Age` counts from that fetch.
//! - A path with `sandbox-stale` in it is never fetched again (a CDN node that missed the
//!   flush); one with `sandbox-missing` is not found (404).

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use axum::extract::{Path, State as Extract};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};

use crate::State;
use crate::jobs::markers;

/// How long before the sandbox started every copy was fetched.
const FIRST_FETCH_BEFORE_START: chrono::Duration = chrono::Duration::hours(1);
/// How long before that the origin's files were last changed.
const MODIFIED_BEFORE_FETCH: chrono::Duration = chrono::Duration::hours(1);

/// When the CDN last fetched each path from the origin.
pub(crate) struct Copies {
    first_fetch: DateTime<Utc>,
    fetched: HashMap<String, DateTime<Utc>>,
}

impl Copies {
    pub fn new(started: DateTime<Utc>) -> Copies {
        Copies {
            first_fetch: started - FIRST_FETCH_BEFORE_START,
            fetched: HashMap::new(),
        }
    }
}

pub(super) async fn deliver(
    Extract(state): Extract<Arc<State>>,
    Path(path): Path<String>,
    headers: HeaderMap,
) -> Response {
    {
        let mut counters = state.counters.lock().unwrap();
        counters.deliveries += 1;
        if headers.contains_key("x-client-key") || headers.contains_key(header::AUTHORIZATION) {
            counters.keyed_deliveries += 1;
        }
    }
    let path = format!("/{path}");
    if path.contains(markers::MISSING) {
        return (StatusCode::NOT_FOUND, "Not found\n").into_response();
    }
    let now = Utc::now();
    let step = *state.step.lock().unwrap();
    let flushed = if path.contains(markers::STALE) {
        None
    } else {
        state.jobs.lock().unwrap().flushed(&path, step, now)
    };
    let (fetched, hit) = {
        let mut copies = state.copies.lock().unwrap();
        let fetched = copies
            .fetched
            .get(&path)
            .copied()
            .unwrap_or(copies.first_fetch);
        if flushed.is_some_and(|at| at > fetched) {
            copies.fetched.insert(path.clone(), now);
            (now, false)
        } else {
            (fetched, true)
        }
    };
    let age = (now - fetched).num_seconds().max(0);
    let mut etag = std::collections::hash_map::DefaultHasher::new();
    (&path, fetched.timestamp_millis()).hash(&mut etag);
    let body = format!("sandbox copy of {path}, fetched {}\n", fetched.to_rfc3339());
    let mut response = body.into_response();
    let out = response.headers_mut();
    let mut set = |name: header::HeaderName, value: String| {
        if let Ok(value) = HeaderValue::from_str(&value) {
            out.insert(name, value);
        }
    };
    set(header::AGE, age.to_string());
    set(
        header::HeaderName::from_static("x-cache"),
        if hit { "HIT" } else { "MISS" }.to_owned(),
    );
    set(header::CACHE_CONTROL, "public, max-age=31536000".to_owned());
    set(
        header::LAST_MODIFIED,
        http_date(fetched - MODIFIED_BEFORE_FETCH),
    );
    set(header::ETAG, format!("\"{:016x}\"", etag.finish()));
    set(header::CONTENT_TYPE, content_type(&path).to_owned());
    response
}

/// An HTTP date (RFC 9110 §5.6.7).
fn http_date(at: DateTime<Utc>) -> String {
    at.format("%a, %d %b %Y %H:%M:%S GMT").to_string()
}

fn content_type(path: &str) -> &'static str {
    let extension = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    match extension.as_deref() {
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("png") => "image/png",
        Some("webp") => "image/webp",
        Some("gif") => "image/gif",
        Some("svg") => "image/svg+xml",
        Some("css") => "text/css",
        Some("js") => "text/javascript",
        Some("pdf") => "application/pdf",
        _ => "application/octet-stream",
    }
}
