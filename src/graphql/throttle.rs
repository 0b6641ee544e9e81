//! The rate limits as resolvers meet them: who the caller is counted as,
//! and the GraphQL error of a refusal (`RATE_LIMITED`, with
//! `extensions.retryAfter` in seconds; over HTTP also the `Retry-After`
//! header, see `http::graphql`).

use crate::error_code::ErrorCode;
use crate::graphql::context::ContextExt;
use crate::rate_limit::{CallerKey, ClientAddr, RateLimited, RateLimits};
use async_graphql::{Context, Error, ErrorExtensions};
use std::net::{IpAddr, Ipv4Addr};

/// The extension carrying the seconds to wait.
pub const RETRY_AFTER: &str = "retryAfter";

impl From<RateLimited> for Error {
    fn from(refused: RateLimited) -> Self {
        crate::graphql::error::translatable(refused.message()).extend_with(|_, ext| {
            ext.set("code", ErrorCode::RateLimited.as_str());
            ext.set(RETRY_AFTER, refused.retry_after_secs());
        })
    }
}

/// The client address of the request; requests that reached the schema
/// without one (only in-process callers) share one key.
fn client_addr(ctx: &Context<'_>) -> ClientAddr {
    ctx.data_opt::<ClientAddr>()
        .copied()
        .unwrap_or(ClientAddr(IpAddr::V4(Ipv4Addr::UNSPECIFIED)))
}

fn limits<'a>(ctx: &Context<'a>) -> &'a RateLimits {
    // Put there by `graphql::build`, like the database.
    ctx.data_unchecked::<RateLimits>()
}

/// One sign-in attempt for `username`.
pub fn sign_in(ctx: &Context<'_>, username: &str) -> Result<(), Error> {
    Ok(limits(ctx).sign_in(client_addr(ctx), username)?)
}

/// One sign-up.
pub fn sign_up(ctx: &Context<'_>) -> Result<(), Error> {
    Ok(limits(ctx).sign_up(client_addr(ctx))?)
}

/// One password-reset request (to `email`) or code.
pub fn password_reset(ctx: &Context<'_>, email: Option<&str>) -> Result<(), Error> {
    Ok(limits(ctx).password_reset(client_addr(ctx), email)?)
}

/// The client address of the request, as the sign-in history keeps it.
pub fn client_address(ctx: &Context<'_>) -> Option<String> {
    ctx.data_opt::<ClientAddr>().map(|a| a.0.to_string())
}

/// `scopes` statistics about to be computed anew for the caller.
pub fn statistics(ctx: &Context<'_>, scopes: usize) -> Result<(), Error> {
    let account = ctx.caller().principal().map(|p| p.account_id);
    let caller = CallerKey::of(account, client_addr(ctx));
    Ok(limits(ctx).statistics(caller, scopes)?)
}
