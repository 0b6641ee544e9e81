//! The JavaScript clients dashboards use (`tests/js`), run with Node.js.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use tokio::sync::mpsc;

/// The directory of the clients, installed once from the lock file if
/// missing.
pub fn clients() -> &'static Path {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/js");
    let installed = [
        "graphql-ws",
        "graphql-http",
        "puppeteer-core",
        "jose",
        "@digitalbazaar/vc-bitstring-status-list",
    ]
    .iter()
    .all(|package| dir.join("node_modules").join(package).exists());
    if !installed {
        let status = Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund", "--prefix"])
            .arg(&dir)
            .status()
            .expect("npm (Node.js) is installed; the client checks need it");
        assert!(status.success(), "npm ci in tests/js failed");
    }
    Box::leak(dir.into_boxed_path())
}

/// A running script whose standard output arrives line by line.
pub struct Script {
    child: Option<Child>,
    lines: mpsc::UnboundedReceiver<String>,
}

impl Script {
    /// Start `node <script> <args…>` from the clients' directory.
    pub fn start(script: &str, args: &[&str]) -> Script {
        let dir = clients();
        let mut child = Command::new("node")
            .arg(dir.join(script))
            .args(args)
            .stdout(Stdio::piped())
            .spawn()
            .expect("node runs");
        let stdout = child.stdout.take().expect("piped standard output");
        let (tx, lines) = mpsc::unbounded_channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { return };
                if tx.send(line).is_err() {
                    return;
                }
            }
        });
        Script {
            child: Some(child),
            lines,
        }
    }

    /// The next line printed, failing the test if none comes within ten
    /// seconds or the script ends first.
    pub async fn line(&mut self) -> String {
        self.line_within(std::time::Duration::from_secs(10)).await
    }

    /// The next line printed, failing the test if none comes within
    /// `limit` (a browser starting, say) or the script ends first.
    pub async fn line_within(&mut self, limit: std::time::Duration) -> String {
        tokio::time::timeout(limit, self.lines.recv())
            .await
            .expect("a line in time")
            .expect("the script printed a line before it ended")
    }

    /// Wait for the script to end; whether it succeeded.
    pub async fn finished(mut self) -> bool {
        let Some(mut child) = self.child.take() else {
            return false;
        };
        tokio::task::spawn_blocking(move || child.wait().is_ok_and(|s| s.success()))
            .await
            .unwrap_or(false)
    }
}

impl Drop for Script {
    fn drop(&mut self) {
        if let Some(child) = self.child.as_mut() {
            let _ = child.kill();
        }
    }
}
