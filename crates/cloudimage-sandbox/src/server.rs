//! The accept loop. It is written out (rather than `axum::serve`) for one fault: a connection
//! reset needs the raw socket, before HTTP is spoken on it.

use std::sync::Arc;
use std::time::Duration;

use hyper_util::rt::TokioIo;
use hyper_util::service::TowerToHyperService;
use tokio::io::AsyncReadExt;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;

use crate::State;
use crate::faults::{FaultKind, FaultTarget};

pub(super) async fn serve(
    listener: TcpListener,
    state: Arc<State>,
    mut stop: watch::Receiver<bool>,
) {
    let router = crate::routes::router(state.clone());
    loop {
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(e) => {
                    tracing::warn!(error = %e, "sandbox accept failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            _ = stop.changed() => return,
        };
        let state = state.clone();
        let service = TowerToHyperService::new(router.clone());
        tokio::spawn(async move {
            if let Some(endpoint) = endpoint_of(&stream).await {
                let reset = state
                    .faults
                    .lock()
                    .unwrap()
                    .take(endpoint, |k| *k == FaultKind::Reset);
                if reset.is_some() {
                    abort(stream, &state, endpoint).await;
                    return;
                }
            }
            // One request per connection, so that every request passes the reset check above.
            let _ = hyper::server::conn::http1::Builder::new()
                .keep_alive(false)
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}

/// Which API endpoint the request on `stream` is for, from its request line (peeked, so
/// hyper still reads it whole). `None` for anything else (the control routes).
async fn endpoint_of(stream: &TcpStream) -> Option<FaultTarget> {
    const PREFIX: usize = 16; // "POST /invalidate", "GET /invalidate/"
    let mut buf = [0u8; PREFIX];
    let deadline = tokio::time::Instant::now() + Duration::from_secs(2);
    loop {
        let n = tokio::time::timeout_at(deadline, stream.peek(&mut buf))
            .await
            .ok()?
            .ok()?;
        let head = &buf[..n];
        if n == 0 {
            return None;
        }
        if n == PREFIX || head.contains(&b'\n') {
            return match head {
                b"POST /invalidate" => Some(FaultTarget::Submit),
                b"GET /invalidate/" => Some(FaultTarget::Status),
                _ => None,
            };
        }
        tokio::time::sleep(Duration::from_millis(1)).await;
    }
}

/// Reads what the client sent, then closes with SO_LINGER 0: the client sees a reset.
async fn abort(mut stream: TcpStream, state: &State, endpoint: FaultTarget) {
    {
        let mut counters = state.counters.lock().unwrap();
        match endpoint {
            FaultTarget::Submit => counters.submits += 1,
            _ => counters.statuses += 1,
        }
    }
    let mut buf = vec![0u8; 16 * 1024];
    let _ = tokio::time::timeout(Duration::from_millis(200), stream.read(&mut buf)).await;
    let _ = socket2::SockRef::from(&stream).set_linger(Some(Duration::ZERO));
    drop(stream);
}
