//! Structured logging, set up once per process.

use crate::config::LogFormat;
use std::io::IsTerminal;
use tracing_subscriber::{EnvFilter, fmt, prelude::*};

/// Install the global subscriber. Invalid filters fall back to `info` with a
/// warning rather than stopping the server over a typo in a log setting.
pub fn init(filter: &str, format: LogFormat) {
    let (env_filter, bad_filter) = match EnvFilter::try_new(filter) {
        Ok(f) => (f, None),
        Err(err) => (EnvFilter::new("info"), Some(err)),
    };
    let registry = tracing_subscriber::registry().with(env_filter);
    let installed = match format {
        LogFormat::Text => registry
            .with(
                fmt::layer()
                    .with_writer(std::io::stderr)
                    .with_ansi(std::io::stderr().is_terminal()),
            )
            .try_init(),
        LogFormat::Json => registry
            .with(
                fmt::layer()
                    .json()
                    .flatten_event(true)
                    .with_writer(std::io::stderr),
            )
            .try_init(),
    };
    // A second init (tests start several servers in one process) is harmless.
    if installed.is_ok()
        && let Some(err) = bad_filter
    {
        tracing::warn!(%err, filter, "invalid log filter; using `info`");
    }
}
