//! The client against a real HTTP server on 127.0.0.1 that answers exactly what each test
//! needs: the odd shapes the service may send, and every kind of failure.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::http::Method;
use cloudimage::{ApiKey, Client, Error, Scope, Status};
use tokio::net::TcpListener;

use crate::canned::{KEY, Seen, answer, client, original, serve};

#[tokio::test]
async fn submit_sends_key_and_body_and_reads_the_documented_answer() {
    let (base, seen) = serve(answer(
        201,
        r#"{"status": "success", "msg": "Your invalidation request has been received",
            "invalidation": {"status": "RECEIVED", "uuid": "4fc96d31-aaaa",
                             "added_at": "2023-08-08 13:39:52.636426", "extra": {"x": 1}},
            "unexpected": true}"#,
    ))
    .await;
    let accepted = client(&base)
        .submit(&original(&["/campaigns/winter_sale/banner.jpg", "/b.jpg"]))
        .await
        .unwrap();
    assert_eq!(accepted.uuid, "4fc96d31-aaaa");
    assert_eq!(accepted.status, Status::Received);
    assert_eq!(
        accepted.added_at.unwrap().to_rfc3339(),
        "2023-08-08T13:39:52.636426+00:00"
    );
    assert_eq!(
        accepted.message.as_deref(),
        Some("Your invalidation request has been received")
    );
    let requests = seen.requests.lock().unwrap();
    let (method, path, key, body) = &requests[0];
    assert_eq!(method, Method::POST);
    assert_eq!(path, "/invalidate");
    assert_eq!(key.as_deref(), Some(KEY));
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(body).unwrap(),
        serde_json::json!({"scope": "original", "urls": ["/campaigns/winter_sale/banner.jpg", "/b.jpg"]})
    );
}

#[tokio::test]
async fn status_reads_lists_and_keeps_unknown_values() {
    let (base, seen) = serve(answer(
        200,
        r#"{"status": "success", "invalidation": {"status": "WAITING_FOR_MOON", "uuid": "u-1",
            "added_at": "2023-08-08 13:40:26.766563", "scope": "original",
            "urls": {"received": null, "invalidated": ["/a.jpg"], "failed": ["/b.jpg"]}}}"#,
    ))
    .await;
    let status = client(&base).status("u-1").await.unwrap();
    assert_eq!(status.status, Status::Unknown("WAITING_FOR_MOON".into()));
    assert!(!status.status.is_terminal());
    assert_eq!(status.invalidated, vec!["/a.jpg"]);
    assert_eq!(status.failed, vec!["/b.jpg"]);
    assert_eq!(status.scope.as_deref(), Some("original"));
    assert_eq!(seen.requests.lock().unwrap()[0].1, "/invalidate/u-1");
}

#[tokio::test]
async fn done_with_failed_paths_is_not_plain_done() {
    let (base, _) = serve(answer(
        200,
        r#"{"invalidation": {"status": "DONE", "urls": {"invalidated": [], "failed": ["/x"]}}}"#,
    ))
    .await;
    let status = client(&base).status("u-2").await.unwrap();
    assert!(status.is_done_with_failures());
    // A missing uuid in the answer falls back to the one asked about.
    assert_eq!(status.uuid, "u-2");
}

#[tokio::test]
async fn a_minimal_answer_without_optional_fields_is_fine() {
    let (base, _) = serve(answer(201, r#"{"invalidation": {"uuid": "u-3"}}"#)).await;
    let accepted = client(&base).submit(&Scope::All).await.unwrap();
    assert_eq!(accepted.uuid, "u-3");
    assert_eq!(accepted.added_at, None);
    assert_eq!(accepted.status, Status::Unknown(String::new()));
}

#[tokio::test]
async fn error_statuses_map_to_their_kinds_with_the_service_message() {
    let cases: Vec<(u16, &str, &str)> = vec![
        (
            401,
            r#"{"status":"error","msg":"Invalid token"}"#,
            "unauthorized",
        ),
        (403, r#"{"msg":"Role not allowed"}"#, "forbidden"),
        (400, r#"{"msg":"Too many urls"}"#, "rejected"),
        (422, "plain words", "rejected"),
        (500, "", "server"),
        (502, "<html>bad gateway</html>", "server"),
        (503, r#"{"msg":"maintenance"}"#, "server"),
    ];
    for (code, body, kind) in cases {
        let (base, _) = serve(answer(code, body)).await;
        let err = client(&base).submit(&original(&["/a"])).await.unwrap_err();
        assert_eq!(err.kind(), kind, "{code}");
        assert_eq!(err.http_status(), Some(code));
        assert_eq!(err.is_retryable(), code >= 500, "{code}");
        assert!(!err.is_offline());
        let text = err.to_string();
        match code {
            401 => assert!(text.contains("Invalid token"), "{text}"),
            403 => assert!(text.contains("Role not allowed"), "{text}"),
            400 => assert!(text.contains("Too many urls"), "{text}"),
            422 => assert!(text.contains("plain words"), "{text}"),
            500 => assert!(text.contains("Internal Server Error"), "{text}"),
            502 => assert!(text.contains("bad gateway"), "{text}"),
            _ => assert!(text.contains("maintenance"), "{text}"),
        }
    }
}

#[tokio::test]
async fn not_found_on_status_says_the_uuid_is_unknown() {
    let (base, _) = serve(answer(404, r#"{"msg":"not found"}"#)).await;
    let err = client(&base).status("gone").await.unwrap_err();
    assert!(
        matches!(
            err,
            Error::NotFound {
                from_service: true,
                ..
            }
        ),
        "{err:?}"
    );
    assert!(!err.is_retryable());
}

#[tokio::test]
async fn rate_limit_carries_retry_after() {
    let mut limited = answer(429, r#"{"msg":"slow down"}"#);
    limited.headers.push(("retry-after", "7".into()));
    let (base, _) = serve(limited).await;
    let err = client(&base).submit(&original(&["/a"])).await.unwrap_err();
    assert_eq!(err.retry_after(), Some(Duration::from_secs(7)));
    assert!(err.is_retryable());
    assert!(err.to_string().contains("slow down"));
}

#[tokio::test]
async fn a_slow_answer_is_a_timeout() {
    let mut slow = answer(201, r#"{"invalidation":{"uuid":"late"}}"#);
    slow.delay = Duration::from_secs(3);
    let (base, _) = serve(slow).await;
    let err = client(&base).submit(&original(&["/a"])).await.unwrap_err();
    assert!(matches!(err, Error::Timeout(_)), "{err:?}");
    assert!(err.is_retryable() && !err.is_offline());
}

#[tokio::test]
async fn malformed_json_is_a_decode_error_with_the_body() {
    let (base, _) = serve(answer(201, r#"{"status": "success", "invalidation": {"uu"#)).await;
    let err = client(&base).submit(&original(&["/a"])).await.unwrap_err();
    match &err {
        Error::Decode { body, .. } => assert!(body.contains("invalidation"), "{body}"),
        other => panic!("expected Decode, got {other:?}"),
    }
    assert!(err.is_retryable());

    let (base, _) = serve(answer(201, r#"{"status": "success"}"#)).await;
    let err = client(&base).submit(&original(&["/a"])).await.unwrap_err();
    assert!(err.to_string().contains("no invalidation"), "{err}");
}

#[tokio::test]
async fn nobody_listening_is_offline() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    let err = client(&base).submit(&original(&["/a"])).await.unwrap_err();
    assert!(err.is_offline(), "{err:?}");
    assert_eq!(err.kind(), "offline");
}

#[tokio::test]
async fn a_reset_connection_is_transient_not_offline() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        loop {
            let (stream, _) = listener.accept().await.unwrap();
            // Read the request, then abort the connection with a RST.
            let mut buf = [0u8; 4096];
            stream.readable().await.unwrap();
            let _ = stream.try_read(&mut buf);
            socket2::SockRef::from(&stream)
                .set_linger(Some(Duration::ZERO))
                .unwrap();
            drop(stream);
        }
    });
    let err = client(&base).submit(&original(&["/a"])).await.unwrap_err();
    assert!(matches!(err, Error::Transport { .. }), "{err:?}");
    assert!(err.is_retryable() && !err.is_offline());
}

#[tokio::test]
async fn a_key_echoed_by_the_service_is_scrubbed() {
    let (base, _) = serve(answer(401, &format!(r#"{{"msg":"key {KEY} is invalid"}}"#))).await;
    let err = client(&base).submit(&original(&["/a"])).await.unwrap_err();
    let text = format!("{err} {err:?}");
    assert!(!text.contains(KEY), "{text}");
    assert!(text.contains("[redacted key]"), "{text}");
}

/// A server that answers every request with a redirect to `location`.
async fn redirecting(status: u16, location: String) -> (String, Seen) {
    let mut moved = answer(status, "");
    moved.headers.push(("location", location));
    serve(moved).await
}

#[tokio::test]
async fn redirects_are_refused_and_the_key_never_reaches_their_target() {
    // The target is another origin: another port, and `localhost` rather than 127.0.0.1.
    let (target, target_seen) = serve(answer(
        201,
        r#"{"invalidation": {"uuid": "stolen", "status": "DONE"}}"#,
    ))
    .await;
    let target_port = target.rsplit(':').next().unwrap().to_owned();
    for status in [301, 302, 303, 307, 308] {
        let location = format!("http://localhost:{target_port}/invalidate");
        let (base, base_seen) = redirecting(status, location.clone()).await;
        let client = client(&base);
        let submitted = client.submit(&original(&["/a.jpg"])).await.unwrap_err();
        let asked = client.status("some-uuid").await.unwrap_err();
        for err in [&submitted, &asked] {
            assert_eq!(err.kind(), "redirected", "{status}: {err:?}");
            assert!(!err.is_retryable(), "{status}");
            let text = err.to_string();
            assert!(text.contains(&location), "{text}");
            assert!(text.contains("nothing was sent there"), "{text}");
        }
        assert_eq!(base_seen.requests.lock().unwrap().len(), 2);
    }
    assert!(
        target_seen.requests.lock().unwrap().is_empty(),
        "the redirect target was called: {:?}",
        target_seen.requests.lock().unwrap()
    );
}

#[tokio::test]
async fn a_key_in_a_redirect_location_is_scrubbed() {
    let (base, _) = redirecting(307, format!("https://evil.example/?k={KEY}")).await;
    let err = client(&base).submit(&original(&["/a"])).await.unwrap_err();
    let text = format!("{err} {err:?}");
    assert!(!text.contains(KEY), "{text}");
    assert!(text.contains("[redacted key]"), "{text}");
}

/// A raw HTTP server that sends a 200 with a body of `total` bytes, chunk after chunk, with or
/// without announcing its length. Returns the base and how many bytes it got out before the
/// client hung up.
async fn streaming(total: u64, announce_length: bool) -> (String, Arc<Mutex<u64>>) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let written = Arc::new(Mutex::new(0u64));
    let counter = written.clone();
    tokio::spawn(async move {
        let (mut stream, _) = listener.accept().await.unwrap();
        let mut request = [0u8; 4096];
        let _ = stream.read(&mut request).await;
        let head = if announce_length {
            format!(
                "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {total}\r\n\r\n"
            )
        } else {
            "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n\r\n".to_owned()
        };
        if stream.write_all(head.as_bytes()).await.is_err() {
            return;
        }
        let chunk = vec![b' '; 64 * 1024];
        let mut sent = 0u64;
        while sent < total {
            match stream.write_all(&chunk).await {
                Ok(()) => {
                    sent += chunk.len() as u64;
                    *counter.lock().unwrap() = sent;
                }
                Err(_) => break,
            }
        }
    });
    (base, written)
}

#[tokio::test]
async fn a_200_mb_answer_is_refused_after_at_most_1_mib_is_read() {
    const TOTAL: u64 = 200 * 1024 * 1024;
    for announce in [false, true] {
        let (base, written) = streaming(TOTAL, announce).await;
        let client = Client::builder()
            .base_url(&base)
            .api_key(ApiKey::new(KEY))
            .timeout(Duration::from_secs(60))
            .build()
            .unwrap();
        let err = client.submit(&original(&["/a"])).await.unwrap_err();
        assert!(matches!(err, Error::TooLarge { .. }), "{err:?}");
        assert_eq!(err.kind(), "badAnswer");
        assert!(err.to_string().contains("larger than 1024 KiB"), "{err}");
        // The client hung up: what the server got out is what fits in 1 MiB plus the
        // sockets' buffers, far from 200 MB.
        tokio::time::sleep(Duration::from_millis(300)).await;
        let sent = *written.lock().unwrap();
        assert!(sent < 32 * 1024 * 1024, "the server wrote {sent} bytes");
    }
}

#[tokio::test]
async fn the_key_is_scrubbed_before_an_excerpt_is_cut() {
    // 480 characters, then the key across the 500-character cut, then more.
    let body = format!("{}{KEY} and then some more words", "x".repeat(480));
    let (base, _) = serve(answer(401, &body)).await;
    let err = client(&base).submit(&original(&["/a"])).await.unwrap_err();
    let text = format!("{err} {err:?}");
    assert!(!text.contains(&KEY[..6]), "part of the key is left: {text}");
    assert!(text.contains("[redacted key]"), "{text}");

    let (base, _) = serve(answer(200, &body)).await;
    let err = client(&base).status("u").await.unwrap_err();
    let text = format!("{err} {err:?}");
    assert!(matches!(err, Error::Decode { .. }), "{err:?}");
    assert!(!text.contains(&KEY[..6]), "part of the key is left: {text}");
}

#[tokio::test]
async fn a_404_without_the_service_shape_is_not_an_unknown_uuid() {
    let (base, _) = serve(answer(404, "<html><body>Not Found</body></html>")).await;
    let err = client(&base).status("u").await.unwrap_err();
    assert!(
        matches!(
            err,
            Error::NotFound {
                from_service: false,
                ..
            }
        ),
        "{err:?}"
    );
    assert!(
        err.to_string()
            .contains("does not look like the Cloudimage API"),
        "{err}"
    );
}
