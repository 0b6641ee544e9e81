//! Python tools the tests verify output with (`tests/py`), installed once
//! into a virtual environment from the pinned requirements if missing.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;

static INSTALLING: Mutex<()> = Mutex::new(());

/// The path of the `frictionless` command (the Frictionless Data
/// validator).
pub fn frictionless() -> PathBuf {
    tool("frictionless")
}

/// A real SMTP server (`tests/py/smtp_sink.py`, on aiosmtpd) on a free
/// port of 127.0.0.1, and the messages it receives.
pub struct SmtpSink {
    pub port: u16,
    child: std::process::Child,
    lines: std::sync::mpsc::Receiver<String>,
}

impl SmtpSink {
    pub fn start() -> SmtpSink {
        use std::io::BufRead;
        let python = tool("aiosmtpd").with_file_name("python3");
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/py/smtp_sink.py");
        let mut child = Command::new(python)
            .arg(script)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .expect("the SMTP server starts");
        let stdout = child.stdout.take().expect("its output");
        let (send, lines) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in std::io::BufReader::new(stdout)
                .lines()
                .map_while(Result::ok)
            {
                if send.send(line).is_err() {
                    return;
                }
            }
        });
        let ready = lines
            .recv_timeout(std::time::Duration::from_secs(30))
            .expect("the SMTP server says it is ready");
        let port = ready
            .strip_prefix("READY ")
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| panic!("unexpected first line: {ready}"));
        SmtpSink { port, child, lines }
    }

    /// The next message received (recipients, text), waiting for it at
    /// most `within`.
    pub fn next_message(&self, within: std::time::Duration) -> Option<(String, String)> {
        let deadline = std::time::Instant::now() + within;
        let next = || {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            self.lines.recv_timeout(left).ok()
        };
        let to = loop {
            if let Some(to) = next()?.strip_prefix("MAIL ") {
                break to.to_owned();
            }
        };
        let mut text = String::new();
        loop {
            let line = next()?;
            if line == "END" {
                return Some((to, text));
            }
            text.push_str(&line);
            text.push('\n');
        }
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        drop(self.child.stdin.take());
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The path of the command `name` of the virtual environment, installed
/// with every pinned requirement if missing.
fn tool(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/py");
    let venv = dir.join(".venv");
    let tool = venv.join("bin").join(name);
    let _one_at_a_time = INSTALLING.lock().unwrap_or_else(|e| e.into_inner());
    if !tool.exists() {
        if !venv.join("bin/pip").exists() {
            let status = Command::new("python3")
                .args(["-m", "venv"])
                .arg(&venv)
                .status()
                .expect("python3 is installed; the open-data and e-mail tests need it");
            assert!(status.success(), "python3 -m venv tests/py/.venv failed");
        }
        let status = Command::new(venv.join("bin/pip"))
            .args(["install", "-q", "-r"])
            .arg(dir.join("requirements.txt"))
            .status()
            .expect("pip runs");
        assert!(
            status.success(),
            "pip install -r tests/py/requirements.txt failed"
        );
    }
    tool
}
