//! A real HTTP server on 127.0.0.1 that gives one canned answer, and records what it was asked.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Bytes;
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use cloudimage::{ApiKey, Client, Scope};
use tokio::net::TcpListener;

pub const KEY: &str = "abcdefghij0123456789klmnopqrst";

/// Method, path, `X-Client-Key`, body.
pub type Request = (Method, String, Option<String>, String);

#[derive(Clone, Default)]
pub struct Seen {
    pub requests: Arc<Mutex<Vec<Request>>>,
}

/// One canned answer per test: status, extra headers, body, and an optional delay.
#[derive(Clone)]
pub struct Answer {
    pub status: u16,
    pub headers: Vec<(&'static str, String)>,
    pub body: String,
    pub delay: Duration,
}

pub fn answer(status: u16, body: &str) -> Answer {
    Answer {
        status,
        headers: Vec::new(),
        body: body.to_owned(),
        delay: Duration::ZERO,
    }
}

pub async fn serve(answer: Answer) -> (String, Seen) {
    let seen = Seen::default();
    let recorder = seen.clone();
    let app = axum::Router::new().fallback(
        move |method: Method, uri: Uri, headers: HeaderMap, body: Bytes| {
            let answer = answer.clone();
            let recorder = recorder.clone();
            async move {
                recorder.requests.lock().unwrap().push((
                    method,
                    uri.path().to_owned(),
                    headers
                        .get("x-client-key")
                        .map(|v| v.to_str().unwrap().to_owned()),
                    String::from_utf8_lossy(&body).into_owned(),
                ));
                tokio::time::sleep(answer.delay).await;
                let mut response: Response =
                    (StatusCode::from_u16(answer.status).unwrap(), answer.body).into_response();
                for (name, value) in answer.headers {
                    response.headers_mut().insert(name, value.parse().unwrap());
                }
                response
            }
        },
    );
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (base, seen)
}

pub fn client(base: &str) -> Client {
    Client::builder()
        .base_url(base)
        .api_key(ApiKey::new(KEY))
        .timeout(Duration::from_millis(800))
        .build()
        .unwrap()
}

pub fn original(paths: &[&str]) -> Scope {
    Scope::Original {
        urls: paths.iter().map(|p| p.to_string()).collect(),
    }
}
