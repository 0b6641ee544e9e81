//! Who is making a request.
//!
//! Every request carries a `Caller` in its context, put there by the HTTP or
//! WebSocket layer from the bearer token; resolvers and domain functions take
//! it from there and never decide identity themselves. What each caller may
//! do is in `access`.

use entity::Role;
use std::fmt;
use std::sync::Arc;

/// The identity a request acts as.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Caller {
    /// No credentials were presented.
    Anonymous,
    /// The service itself (command line, demo data, migrations).
    System(&'static str),
    /// A signed-in account.
    User(Arc<Principal>),
}

/// A signed-in account as its token describes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Principal {
    pub account_id: i64,
    pub username: String,
    pub role: Role,
    /// The regions a coordinator is scoped to (empty for other roles).
    pub regions: Vec<String>,
    /// The volunteer record the account is, if any.
    pub volunteer_id: Option<i64>,
    /// The account's token version when the token was issued: a token
    /// works only while it is still the account's (`auth::versions`).
    pub token_version: i64,
}

impl Caller {
    /// The name written to the audit log.
    pub fn audit_name(&self) -> String {
        self.to_string()
    }

    pub fn principal(&self) -> Option<&Principal> {
        match self {
            Caller::User(p) => Some(p),
            _ => None,
        }
    }

    pub fn role(&self) -> Option<Role> {
        self.principal().map(|p| p.role)
    }

    /// An admin, or the service itself.
    pub fn is_admin(&self) -> bool {
        matches!(self, Caller::System(_)) || self.role() == Some(Role::Admin)
    }

    pub fn is_signed_in(&self) -> bool {
        !matches!(self, Caller::Anonymous)
    }

    /// Whether the caller administers everything in `region`: an admin, or
    /// a coordinator scoped to it.
    pub fn coordinates(&self, region: &str) -> bool {
        self.is_admin()
            || self.principal().is_some_and(|p| {
                p.role == Role::Coordinator && p.regions.iter().any(|r| r == region)
            })
    }

    /// The volunteer record the caller is.
    pub fn volunteer_id(&self) -> Option<i64> {
        self.principal().and_then(|p| p.volunteer_id)
    }
}

impl fmt::Display for Caller {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Caller::Anonymous => f.write_str("anonymous"),
            Caller::System(what) => write!(f, "system:{what}"),
            Caller::User(p) => write!(f, "user:{}", p.account_id),
        }
    }
}
