//! The client address of a request, for the rate limits: the TCP peer the
//! server accepted the connection from (axum's `ConnectInfo`).
//!
//! `X-Forwarded-For` is not read: any client can write it, so trusting it
//! would let one client pose as many. Behind a reverse proxy every client
//! shares the proxy's address; the proxy should then apply its own
//! per-client limits.

use crate::rate_limit::ClientAddr;
use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use std::convert::Infallible;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};

impl<S: Send + Sync> FromRequestParts<S> for ClientAddr {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        // Served without connection info (a router called in process),
        // every request shares one address.
        Ok(parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map_or(ClientAddr(IpAddr::V4(Ipv4Addr::UNSPECIFIED)), |info| {
                ClientAddr(info.0.ip())
            }))
    }
}
