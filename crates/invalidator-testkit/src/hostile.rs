//! A hostile API base on 127.0.0.1: it accepts every submission and answers each status
//! question with whatever the test makes of it (foreign paths, escapes, huge fields, the key
//! echoed back), and records what it was sent and asked.

use std::sync::{Arc, Mutex};

use axum::body::Bytes;
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::IntoResponse;
use serde_json::{Value, json};

/// The `invalidation` object of a status answer: the poll's number (0 first) and the key the
/// question carried.
pub type StatusAnswer = dyn Fn(usize, &str) -> Value + Send + Sync;

#[derive(Clone)]
pub struct HostileApi {
    pub base: String,
    /// Each submission's JSON body.
    pub submits: Arc<Mutex<Vec<Value>>>,
    /// Each status question's path, as it arrived.
    pub asked: Arc<Mutex<Vec<String>>>,
}

impl HostileApi {
    pub fn submitted(&self) -> Vec<Value> {
        self.submits.lock().unwrap().clone()
    }

    pub fn asked(&self) -> Vec<String> {
        self.asked.lock().unwrap().clone()
    }
}

/// Submission `n` (0 first) is acknowledged as `uuid(n)` (with `msg`); status questions are
/// answered by `status`.
pub async fn hostile_api(
    uuid: impl Fn(usize) -> Value + Send + Sync + 'static,
    msg: Value,
    status: impl Fn(usize, &str) -> Value + Send + Sync + 'static,
) -> HostileApi {
    let status: Arc<StatusAnswer> = Arc::new(status);
    let uuid: Arc<dyn Fn(usize) -> Value + Send + Sync> = Arc::new(uuid);
    let api = HostileApi {
        base: String::new(),
        submits: Arc::default(),
        asked: Arc::default(),
    };
    let (submits, asked) = (api.submits.clone(), api.asked.clone());
    let app = axum::Router::new().fallback(
        move |method: Method, uri: Uri, headers: HeaderMap, body: Bytes| {
            let (submits, asked, status) = (submits.clone(), asked.clone(), status.clone());
            let (uuid, msg) = (uuid.clone(), msg.clone());
            async move {
                let key = headers
                    .get("x-client-key")
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or_default()
                    .to_owned();
                if method == Method::POST {
                    let n = {
                        let mut submits = submits.lock().unwrap();
                        submits.push(serde_json::from_slice(&body).unwrap_or(Value::Null));
                        submits.len() - 1
                    };
                    let uuid = uuid(n);
                    let answer = json!({"status": "success", "msg": msg,
                        "invalidation": {"status": "RECEIVED", "uuid": uuid}});
                    return (StatusCode::CREATED, axum::Json(answer)).into_response();
                }
                let n = {
                    let mut asked = asked.lock().unwrap();
                    asked.push(uri.path().to_owned());
                    asked.len() - 1
                };
                let answer = json!({"status": "success", "invalidation": status(n, &key)});
                (StatusCode::OK, axum::Json(answer)).into_response()
            }
        },
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    HostileApi { base, ..api }
}
