//! The request rate limit: a client address sending more requests than
//! `--requests-per-second` (after a burst of `--request-burst`) is answered
//! 429 `RATE_LIMITED` with `Retry-After`, before any GraphQL work.
//!
//! The refusal is held until the client's next request would be allowed
//! (at most `HOLD_AT_MOST`): a client that ignores `Retry-After` and sends
//! again at once is slowed to the limit instead of being served refusals
//! as fast as it can ask for them, which would still take the processors
//! from everyone else. A held refusal costs a timer, not a thread.

use crate::error_code::ErrorCode;
use crate::http::negotiation::http_error;
use crate::i18n::Lang;
use crate::rate_limit::{ClientAddr, RateLimits};
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;
use std::time::Duration;

/// The longest a refusal is held.
const HOLD_AT_MOST: Duration = Duration::from_secs(1);

/// Middleware (`axum::middleware::from_fn_with_state`) counting every
/// request against its client address.
pub async fn limit(
    State(limits): State<RateLimits>,
    client: ClientAddr,
    request: Request,
    next: Next,
) -> Response {
    let Err(refused) = limits.request(client) else {
        return next.run(request).await;
    };
    tokio::time::sleep(refused.retry_after.min(HOLD_AT_MOST)).await;
    let mut response = http_error(
        StatusCode::TOO_MANY_REQUESTS,
        ErrorCode::RateLimited,
        &refused
            .message()
            .render(Lang::of_headers(request.headers())),
    );
    response.headers_mut().insert(
        header::RETRY_AFTER,
        HeaderValue::from(refused.retry_after_secs()),
    );
    response
}
