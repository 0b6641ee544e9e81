//! The raw SQL floor: PostgreSQL's `pgbench` running a scenario's script
//! (prepared statements, as both servers use), with every transaction's
//! latency logged.

use reqwest::Url;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

/// `pgbench` on the PATH, else PostgreSQL 15's.
fn program() -> PathBuf {
    let on_path = Command::new("pgbench")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if on_path {
        PathBuf::from("pgbench")
    } else {
        PathBuf::from("/usr/lib/postgresql/15/bin/pgbench")
    }
}

/// How long a run lasts.
pub enum Length {
    Transactions(usize),
    Seconds(f64),
}

/// What a run did: its rate and each transaction's latency.
pub struct Run {
    pub per_second: f64,
    pub latencies: Vec<Duration>,
}

/// Run `scripts` (weighted equally) on `database_url` with `clients`
/// connections, each `:name` of the scripts set from `defines`.
pub fn run(
    database_url: &str,
    scripts: &[&Path],
    defines: &[(&str, String)],
    clients: usize,
    length: Length,
) -> Result<Run, String> {
    let url = Url::parse(database_url).map_err(|e| e.to_string())?;
    let logs = tempfile::tempdir().map_err(|e| e.to_string())?;
    let prefix = logs.path().join("tx");
    let mut command = Command::new(program());
    command
        .args(["--no-vacuum", "--protocol", "prepared"])
        .args(["--host", url.host_str().unwrap_or("127.0.0.1")])
        .args(["--port", &url.port().unwrap_or(5432).to_string()])
        .args(["--username", url.username()])
        .args(["--client", &clients.to_string()])
        .args(["--jobs", &clients.min(2).to_string()])
        .arg("--log")
        .arg(format!("--log-prefix={}", prefix.display()));
    match length {
        Length::Transactions(n) => command.args(["--transactions", &n.to_string()]),
        Length::Seconds(s) => command.args(["--time", &(s.round().max(1.0) as u64).to_string()]),
    };
    for script in scripts {
        command.arg(format!("--file={}@1", script.display()));
    }
    for (name, value) in defines {
        command.arg(format!("--define={name}={value}"));
    }
    command.arg(url.path().trim_start_matches('/'));
    let output = command
        .output()
        .map_err(|e| format!("pgbench (PostgreSQL's postgresql-contrib): {e}"))?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    if !output.status.success() {
        return Err(format!(
            "pgbench failed: {}{}",
            stdout,
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    let per_second = stdout
        .lines()
        .find_map(|l| l.strip_prefix("tps = "))
        .and_then(|rest| rest.split_whitespace().next()?.parse().ok())
        .ok_or_else(|| format!("no rate in pgbench's output: {stdout}"))?;
    // One log per thread: `client transaction latency_us script epoch us`.
    let mut latencies = Vec::new();
    for entry in std::fs::read_dir(logs.path()).map_err(|e| e.to_string())? {
        let text = std::fs::read_to_string(entry.map_err(|e| e.to_string())?.path())
            .map_err(|e| e.to_string())?;
        for line in text.lines() {
            if let Some(us) = line.split_whitespace().nth(2).and_then(|v| v.parse().ok()) {
                latencies.push(Duration::from_micros(us));
            }
        }
    }
    Ok(Run {
        per_second,
        latencies,
    })
}
