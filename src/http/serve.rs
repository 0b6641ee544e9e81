//! The accept loop: every accepted TCP connection is served by hyper's
//! HTTP/1.1 server, with the protections a public server needs and
//! `axum::serve` does not give.
//!
//! - **A connection cap.** Each connection holds a slot of a semaphore for
//!   as long as its socket is open, WebSockets included (the slot travels
//!   with the socket into the upgrade). When every slot is taken the loop
//!   stops accepting: newcomers wait in the listen backlog and are served
//!   as soon as a connection closes, rather than being accepted and dropped,
//!   so a burst delays clients instead of failing them.
//! - **A header timeout.** A client has `header_timeout` to send a request's
//!   line and headers; hyper closes the connection when it does not. The
//!   same timer runs while an idle keep-alive connection waits for its next
//!   request, so idle connections are closed after it too.
//! - Bodies have their own deadline (`body_deadline`), set in the router.
//!
//! Handlers see `ConnectInfo<SocketAddr>` exactly as with
//! `into_make_service_with_connect_info::<SocketAddr>()`.
//!
//! On shutdown the loop stops accepting, asks every connection to finish
//! the request in flight and close, and returns once every socket has
//! closed; WebSockets close themselves on the same signal
//! (`AppState::shutdown`). The caller bounds the wait by the grace period.

use axum::Router;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{OwnedSemaphorePermit, Semaphore, watch};
use tower::Service;

/// How many connections are served at once, and how long a client may
/// take to send a request's headers.
#[derive(Clone, Copy, Debug)]
pub struct ConnectionLimits {
    pub max_connections: u32,
    pub header_timeout: Duration,
}

/// Serve `router` on `listener` until `stopping` turns `true`, then let the
/// open connections finish; returns when the last one has closed.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    limits: ConnectionLimits,
    mut stopping: watch::Receiver<bool>,
) {
    let slots = Arc::new(Semaphore::new(limits.max_connections as usize));
    let mut make_service = router.into_make_service_with_connect_info::<SocketAddr>();
    let mut http = http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(limits.header_timeout);
    loop {
        // A slot first, then a connection: while none is free, clients
        // wait in the backlog.
        let slot = tokio::select! {
            slot = slots.clone().acquire_owned() => match slot {
                Ok(slot) => slot,
                Err(_) => break,
            },
            () = stopped(&mut stopping) => break,
        };
        let (stream, remote) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(err) => {
                    accept_failed(err).await;
                    continue;
                }
            },
            () = stopped(&mut stopping) => break,
        };
        let Ok(service) = make_service.call(remote).await;
        let connection = Slotted {
            stream,
            _slot: slot,
        };
        tokio::spawn(serve_connection(
            http.clone(),
            connection,
            TowerToHyperService::new(service),
            stopping.clone(),
        ));
    }
    // No new connections from here on; the backlog is refused.
    drop(listener);
    // Every slot back means every socket closed, WebSockets included.
    let _ = slots.acquire_many(limits.max_connections).await;
}

/// One connection: requests until the client or the header timeout closes
/// it, or until shutdown, when the request in flight finishes first.
async fn serve_connection<S>(
    http: http1::Builder,
    connection: Slotted,
    service: S,
    mut stopping: watch::Receiver<bool>,
) where
    S: hyper::service::Service<hyper::Request<Incoming>, Response = axum::response::Response>
        + Send
        + 'static,
    S::Future: Send + 'static,
    S::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    let served = http
        .serve_connection(TokioIo::new(connection), service)
        .with_upgrades();
    tokio::pin!(served);
    let result = tokio::select! {
        result = served.as_mut() => result,
        () = stopped(&mut stopping) => {
            served.as_mut().graceful_shutdown();
            served.await
        }
    };
    if let Err(err) = result {
        // Timeouts and clients going away are routine, not failures.
        tracing::debug!(error = %err, "connection closed with an error");
    }
}

/// Completes when shutdown begins (or its sender is gone).
async fn stopped(stopping: &mut watch::Receiver<bool>) {
    let _ = stopping.wait_for(|stop| *stop).await;
}

/// An `accept` that failed. A client that gave up before being accepted
/// concerns only itself; anything else (typically out of file descriptors)
/// would fail again at once, so the loop pauses before accepting again
/// rather than spinning.
async fn accept_failed(err: io::Error) {
    if matches!(
        err.kind(),
        io::ErrorKind::ConnectionRefused
            | io::ErrorKind::ConnectionAborted
            | io::ErrorKind::ConnectionReset
    ) {
        return;
    }
    tracing::error!(error = %err, "cannot accept connections");
    tokio::time::sleep(Duration::from_secs(1)).await;
}

/// A socket holding its connection slot: the slot is given back when the
/// socket is dropped, whether by hyper or, after an upgrade, by the
/// WebSocket that took it over.
struct Slotted {
    stream: TcpStream,
    _slot: OwnedSemaphorePermit,
}

impl AsyncRead for Slotted {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().stream).poll_read(cx, buf)
    }
}

impl AsyncWrite for Slotted {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.get_mut().stream).poll_write(cx, buf)
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.get_mut().stream).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.stream.is_write_vectored()
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().stream).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().stream).poll_shutdown(cx)
    }
}
