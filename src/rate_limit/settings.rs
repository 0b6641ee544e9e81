//! The settings of the rate limits (`serve` flags and environment).

use clap::Args;

/// How often clients may send requests, sign in and have statistics
/// computed.
#[derive(Debug, Clone, Args)]
pub struct RateLimitArgs {
    /// Requests one client address may send per second to the API (GraphQL
    /// over HTTP and WebSocket upgrades), on average; 0: no limit. Behind a
    /// reverse proxy every client has the proxy's address: set 0 there and
    /// let the proxy limit per client.
    #[arg(long, env = "FRONTOFFICE_REQUESTS_PER_SECOND", default_value_t = 50)]
    pub requests_per_second: u32,
    /// Requests one client address may send at once before the average
    /// applies.
    #[arg(long, env = "FRONTOFFICE_REQUEST_BURST", default_value_t = 100)]
    pub request_burst: u32,
    /// Sign-in attempts one client address may make per minute (0: no
    /// limit).
    #[arg(long, env = "FRONTOFFICE_SIGN_IN_PER_ADDRESS", default_value_t = 10)]
    pub sign_in_per_address: u32,
    /// Sign-in attempts for one account name per minute, from any address
    /// (0: no limit).
    #[arg(long, env = "FRONTOFFICE_SIGN_IN_PER_ACCOUNT", default_value_t = 5)]
    pub sign_in_per_account: u32,
    /// Sign-ups (`signUp`) one client address may make per hour (0: no
    /// limit). A school signing up a class from one network stays well
    /// within it; a script making accounts does not.
    #[arg(long, env = "FRONTOFFICE_SIGN_UP_PER_ADDRESS", default_value_t = 20)]
    pub sign_up_per_address: u32,
    /// Password-reset requests and code redemptions one client address may
    /// make per hour (0: no limit).
    #[arg(
        long,
        env = "FRONTOFFICE_PASSWORD_RESETS_PER_ADDRESS",
        default_value_t = 10
    )]
    pub password_resets_per_address: u32,
    /// Statistics scopes one caller may have computed anew per minute
    /// (cached figures are free; 0: no limit).
    #[arg(long, env = "FRONTOFFICE_STATISTICS_PER_MINUTE", default_value_t = 300)]
    pub statistics_per_minute: u32,
    /// Statistics scopes one caller may have computed anew at once.
    #[arg(long, env = "FRONTOFFICE_STATISTICS_BURST", default_value_t = 100)]
    pub statistics_burst: u32,
}
