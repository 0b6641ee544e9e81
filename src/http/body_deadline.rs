//! The body deadline: a request's whole body must arrive within a set time
//! of its headers, or the request is answered 408 `BODY_TIMEOUT` and the
//! connection closed.
//!
//! The deadline is for the whole body, not for each piece of it: a client
//! trickling one byte just before each per-read timeout would otherwise
//! hold its connection (and a handler) for as long as it likes.

use crate::error_code::ErrorCode;
use crate::http::negotiation::http_error;
use crate::i18n::Lang;
use crate::msg;
use axum::body::{Body, Bytes, HttpBody};
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;
use http_body::{Frame, SizeHint};
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::time::Sleep;

/// Middleware (`axum::middleware::from_fn_with_state`) giving each request
/// body `limit` to arrive.
pub async fn limit(State(limit): State<Duration>, request: Request, next: Next) -> Response {
    if request.body().is_end_stream() {
        // Nothing to wait for (GET, WebSocket upgrades): no timer.
        return next.run(request).await;
    }
    let lang = Lang::of_headers(request.headers());
    let expired = Arc::new(AtomicBool::new(false));
    let request = request.map(|body| {
        Body::new(DeadlineBody {
            body,
            deadline: Box::pin(tokio::time::sleep(limit)),
            expired: expired.clone(),
        })
    });
    let response = next.run(request).await;
    if !expired.load(Ordering::Acquire) {
        return response;
    }
    // Whatever the handler made of the cut body, the truth is the timeout.
    let mut response = http_error(
        StatusCode::REQUEST_TIMEOUT,
        ErrorCode::BodyTimeout,
        &msg!(
            "body-too-slow",
            seconds = format!("{}", limit.as_secs_f32())
        )
        .render(lang),
    );
    response
        .headers_mut()
        .insert(header::CONNECTION, HeaderValue::from_static("close"));
    response
}

/// A body that fails once its deadline has passed.
struct DeadlineBody {
    body: Body,
    deadline: Pin<Box<Sleep>>,
    expired: Arc<AtomicBool>,
}

#[derive(Debug, thiserror::Error)]
#[error("the request body did not arrive in time")]
struct BodyTimedOut;

impl HttpBody for DeadlineBody {
    type Data = Bytes;
    type Error = axum::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, axum::Error>>> {
        // What has arrived is taken even at the deadline.
        if let Poll::Ready(frame) = Pin::new(&mut self.body).poll_frame(cx) {
            return Poll::Ready(frame);
        }
        if self.deadline.as_mut().poll(cx).is_ready() {
            self.expired.store(true, Ordering::Release);
            return Poll::Ready(Some(Err(axum::Error::new(BodyTimedOut))));
        }
        Poll::Pending
    }

    fn is_end_stream(&self) -> bool {
        self.body.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.body.size_hint()
    }
}
