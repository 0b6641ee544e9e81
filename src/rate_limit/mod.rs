//! Rate limits: how many requests one client address may send, how often
//! one client may try to sign in, and how many statistics one caller may
//! have computed anew, so that no client can take the service from the
//! others.
//!
//! Each limit is a keyed token bucket (`governor`, GCRA): requests and
//! sign-in per client address, sign-in per account name, statistics per
//! caller (the account, or the client address of anonymous callers). A refusal says
//! when to try again (`RateLimited::retry_after`), which becomes the
//! `Retry-After` header over HTTP and `extensions.retryAfter` in GraphQL.
//!
//! The buckets are kept in memory per key; a sweep every minute forgets
//! the keys whose buckets have filled up again, so memory follows the
//! clients of the last minute, not every client ever seen.

mod settings;

pub use settings::RateLimitArgs;

use crate::i18n::Message;
use crate::msg;
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use std::hash::{BuildHasher, Hash, RandomState};
use std::net::{IpAddr, Ipv6Addr};
use std::num::NonZeroU32;
use std::sync::{Arc, Weak};
use std::time::Duration;

/// The address a request came from (the TCP peer; see `http::client_addr`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ClientAddr(pub IpAddr);

impl ClientAddr {
    /// The key of the client: an IPv6 client is given a whole /64 (one
    /// subscriber's network), or it could take a new address per request.
    fn key(self) -> IpAddr {
        match self.0 {
            IpAddr::V4(v4) => IpAddr::V4(v4),
            IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
                Some(v4) => IpAddr::V4(v4),
                None => {
                    let bits = u128::from(v6) & !((1u128 << 64) - 1);
                    IpAddr::V6(Ipv6Addr::from(bits))
                }
            },
        }
    }
}

/// Who a per-caller limit counts for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CallerKey {
    Account(i64),
    Anonymous(IpAddr),
}

impl CallerKey {
    /// A signed-in caller is counted by account wherever it calls from; an
    /// anonymous one by its address.
    pub fn of(account_id: Option<i64>, addr: ClientAddr) -> CallerKey {
        match account_id {
            Some(id) => CallerKey::Account(id),
            None => CallerKey::Anonymous(addr.key()),
        }
    }
}

/// A refusal: too many requests of one kind; try again after `retry_after`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RateLimited {
    /// What was too much, a choice of the message `rate-limited`
    /// (`sign-in-from-address`).
    pub what: &'static str,
    pub retry_after: Duration,
}

impl RateLimited {
    /// Whole seconds to wait, at least one (what `Retry-After` carries).
    pub fn retry_after_secs(&self) -> u64 {
        let d = self.retry_after;
        (d.as_secs() + u64::from(d.subsec_nanos() > 0)).max(1)
    }

    pub fn message(&self) -> Message {
        let seconds = self.retry_after_secs();
        match self.what {
            "sign-up-from-address"
            | "password-resets-from-address"
            | "password-resets-for-email" => {
                msg!("rate-limited-accounts", what = self.what, seconds = seconds)
            }
            _ => msg!("rate-limited", what = self.what, seconds = seconds),
        }
    }
}

/// How often forgotten keys are swept.
const SWEEP_EVERY: Duration = Duration::from_secs(60);

/// The limits of one server, shared by its requests.
#[derive(Clone)]
pub struct RateLimits(Arc<Limiters>);

struct Limiters {
    requests_by_address: Option<DefaultKeyedRateLimiter<IpAddr>>,
    sign_in_by_address: Option<DefaultKeyedRateLimiter<IpAddr>>,
    /// Keyed by a hash of the account name: the names themselves (any
    /// text a client sends) are not kept.
    sign_in_by_account: Option<DefaultKeyedRateLimiter<u64>>,
    sign_up_by_address: Option<DefaultKeyedRateLimiter<IpAddr>>,
    password_resets_by_address: Option<DefaultKeyedRateLimiter<IpAddr>>,
    /// Reset e-mails per address they go to (a hash of it), so nobody can
    /// flood a person's inbox.
    password_resets_by_email: Option<DefaultKeyedRateLimiter<u64>>,
    statistics: Option<DefaultKeyedRateLimiter<CallerKey>>,
    statistics_burst: NonZeroU32,
    names: RandomState,
}

fn per_hour(n: u32) -> Option<Quota> {
    let n = NonZeroU32::new(n)?;
    Some(Quota::per_hour(n).allow_burst(n))
}

/// Reset e-mails one address receives per hour.
const RESET_EMAILS_PER_HOUR: u32 = 3;

fn per_minute(n: u32, burst: u32) -> Option<Quota> {
    let n = NonZeroU32::new(n)?;
    Some(Quota::per_minute(n).allow_burst(NonZeroU32::new(burst).unwrap_or(n)))
}

/// Check one key; the wait until it would pass when refused.
fn check<K: Hash + Eq + Clone>(
    limiter: &Option<DefaultKeyedRateLimiter<K>>,
    key: &K,
    n: NonZeroU32,
    what: &'static str,
) -> Result<(), RateLimited> {
    let Some(limiter) = limiter else {
        return Ok(());
    };
    let refused = |retry_after| RateLimited { what, retry_after };
    match limiter.check_key_n(key, n) {
        Ok(Ok(())) => Ok(()),
        Ok(Err(not_until)) => Err(refused(
            not_until.wait_time_from(DefaultClock::default().now()),
        )),
        // More than a full bucket: cannot happen, as callers cap `n` at
        // the burst; refuse for a whole refill rather than panic.
        Err(_) => Err(refused(SWEEP_EVERY)),
    }
}

impl RateLimits {
    /// The limits of `args`; sweeping starts with the first one made inside
    /// a runtime and stops when the limits are dropped.
    pub fn new(args: &RateLimitArgs) -> Self {
        let statistics_burst = NonZeroU32::new(args.statistics_burst).unwrap_or(NonZeroU32::MIN);
        let limits = RateLimits(Arc::new(Limiters {
            requests_by_address: NonZeroU32::new(args.requests_per_second).map(|n| {
                let burst = NonZeroU32::new(args.request_burst).unwrap_or(n);
                RateLimiter::keyed(Quota::per_second(n).allow_burst(burst))
            }),
            sign_in_by_address: per_minute(args.sign_in_per_address, args.sign_in_per_address)
                .map(RateLimiter::keyed),
            sign_in_by_account: per_minute(args.sign_in_per_account, args.sign_in_per_account)
                .map(RateLimiter::keyed),
            sign_up_by_address: per_hour(args.sign_up_per_address).map(RateLimiter::keyed),
            password_resets_by_address: per_hour(args.password_resets_per_address)
                .map(RateLimiter::keyed),
            password_resets_by_email: per_hour(RESET_EMAILS_PER_HOUR).map(RateLimiter::keyed),
            statistics: per_minute(args.statistics_per_minute, statistics_burst.get())
                .map(RateLimiter::keyed),
            statistics_burst,
            names: RandomState::new(),
        }));
        if tokio::runtime::Handle::try_current().is_ok() {
            tokio::spawn(sweep(Arc::downgrade(&limits.0)));
        }
        limits
    }

    /// One request from `addr`, of any kind.
    pub fn request(&self, addr: ClientAddr) -> Result<(), RateLimited> {
        check(
            &self.0.requests_by_address,
            &addr.key(),
            NonZeroU32::MIN,
            "requests-from-address",
        )
    }

    /// One sign-in attempt from `addr` for the account named `username`.
    pub fn sign_in(&self, addr: ClientAddr, username: &str) -> Result<(), RateLimited> {
        let limits = &self.0;
        check(
            &limits.sign_in_by_address,
            &addr.key(),
            NonZeroU32::MIN,
            "sign-in-from-address",
        )?;
        let name = limits.names.hash_one(username.trim().to_lowercase());
        check(
            &limits.sign_in_by_account,
            &name,
            NonZeroU32::MIN,
            "sign-in-for-account",
        )
    }

    /// One sign-up from `addr`.
    pub fn sign_up(&self, addr: ClientAddr) -> Result<(), RateLimited> {
        check(
            &self.0.sign_up_by_address,
            &addr.key(),
            NonZeroU32::MIN,
            "sign-up-from-address",
        )
    }

    /// One password-reset request or code from `addr`; for a request, the
    /// e-mail address the code would go to.
    pub fn password_reset(&self, addr: ClientAddr, email: Option<&str>) -> Result<(), RateLimited> {
        let limits = &self.0;
        check(
            &limits.password_resets_by_address,
            &addr.key(),
            NonZeroU32::MIN,
            "password-resets-from-address",
        )?;
        match email {
            Some(email) => check(
                &limits.password_resets_by_email,
                &limits.names.hash_one(email.trim().to_lowercase()),
                NonZeroU32::MIN,
                "password-resets-for-email",
            ),
            None => Ok(()),
        }
    }

    /// `scopes` statistics about to be computed anew for `caller` (figures
    /// already cached cost nothing). More than a full bucket at once (a
    /// long series) counts as a full bucket, so it runs when the caller
    /// has computed nothing for a while.
    pub fn statistics(&self, caller: CallerKey, scopes: usize) -> Result<(), RateLimited> {
        let burst = self.0.statistics_burst;
        let Some(n) = NonZeroU32::new(u32::try_from(scopes).unwrap_or(u32::MAX)) else {
            return Ok(());
        };
        check(
            &self.0.statistics,
            &caller,
            n.min(burst),
            "statistics-computed",
        )
    }
}

/// Forget the keys whose buckets are full again, every minute while the
/// limits are in use.
async fn sweep(limits: Weak<Limiters>) {
    let mut every = tokio::time::interval(SWEEP_EVERY);
    every.tick().await;
    loop {
        every.tick().await;
        let Some(limits) = limits.upgrade() else {
            return;
        };
        if let Some(l) = &limits.requests_by_address {
            l.retain_recent();
            l.shrink_to_fit();
        }
        if let Some(l) = &limits.sign_in_by_address {
            l.retain_recent();
            l.shrink_to_fit();
        }
        if let Some(l) = &limits.sign_in_by_account {
            l.retain_recent();
            l.shrink_to_fit();
        }
        for l in [
            &limits.sign_up_by_address,
            &limits.password_resets_by_address,
        ]
        .into_iter()
        .flatten()
        {
            l.retain_recent();
            l.shrink_to_fit();
        }
        if let Some(l) = &limits.password_resets_by_email {
            l.retain_recent();
            l.shrink_to_fit();
        }
        if let Some(l) = &limits.statistics {
            l.retain_recent();
            l.shrink_to_fit();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits(per_address: u32, per_account: u32) -> RateLimits {
        RateLimits::new(&RateLimitArgs {
            requests_per_second: 2,
            request_burst: 4,
            sign_in_per_address: per_address,
            sign_in_per_account: per_account,
            sign_up_per_address: 2,
            password_resets_per_address: 2,
            statistics_per_minute: 60,
            statistics_burst: 3,
        })
    }

    fn addr(text: &str) -> ClientAddr {
        ClientAddr(text.parse().unwrap())
    }

    #[test]
    fn an_account_is_limited_across_addresses() {
        let limits = limits(100, 2);
        assert!(limits.sign_in(addr("10.0.0.1"), "admin").is_ok());
        assert!(limits.sign_in(addr("10.0.0.2"), " Admin ").is_ok());
        let refused = limits
            .sign_in(addr("10.0.0.3"), "ADMIN")
            .expect_err("a third attempt for the account");
        assert_eq!(refused.what, "sign-in-for-account");
        assert!(
            (1..=30).contains(&refused.retry_after_secs()),
            "{refused:?}"
        );
        // Other accounts are not affected.
        assert!(limits.sign_in(addr("10.0.0.3"), "analyst").is_ok());
    }

    #[test]
    fn an_address_is_limited_across_accounts() {
        let limits = limits(2, 100);
        assert!(limits.sign_in(addr("10.0.0.1"), "a").is_ok());
        assert!(limits.sign_in(addr("10.0.0.1"), "b").is_ok());
        let refused = limits.sign_in(addr("10.0.0.1"), "c").expect_err("refused");
        assert_eq!(refused.what, "sign-in-from-address");
        assert!(limits.sign_in(addr("10.0.0.2"), "c").is_ok());
    }

    #[test]
    fn one_ipv6_network_is_one_client() {
        let limits = limits(1, 100);
        assert!(limits.sign_in(addr("2001:db8::1"), "a").is_ok());
        assert!(limits.sign_in(addr("2001:db8::2"), "b").is_err());
        assert!(limits.sign_in(addr("2001:db8:0:1::1"), "c").is_ok());
    }

    #[test]
    fn statistics_count_per_caller_and_a_long_series_takes_the_whole_burst() {
        let limits = limits(10, 10);
        let anonymous = CallerKey::of(None, addr("10.0.0.1"));
        let account = CallerKey::of(Some(7), addr("10.0.0.1"));
        assert!(
            limits.statistics(anonymous, 0).is_ok(),
            "cached figures are free"
        );
        assert!(
            limits.statistics(anonymous, 240).is_ok(),
            "a full bucket runs a long series"
        );
        assert!(limits.statistics(anonymous, 1).is_err());
        assert!(
            limits.statistics(account, 1).is_ok(),
            "accounts have their own"
        );
    }

    #[test]
    fn requests_are_counted_per_address_after_a_burst() {
        let limits = limits(10, 10);
        for _ in 0..4 {
            assert!(limits.request(addr("10.0.0.1")).is_ok());
        }
        let refused = limits
            .request(addr("10.0.0.1"))
            .expect_err("past the burst");
        assert_eq!(refused.what, "requests-from-address");
        assert!(
            refused.retry_after <= Duration::from_millis(500),
            "{refused:?}"
        );
        assert!(limits.request(addr("10.0.0.2")).is_ok());
    }

    #[test]
    fn zero_turns_a_limit_off() {
        let limits = limits(0, 0);
        for _ in 0..100 {
            assert!(limits.sign_in(addr("10.0.0.1"), "admin").is_ok());
        }
    }
}
