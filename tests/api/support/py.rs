//! Python tools the tests verify output with (`tests/py`), installed once
//! into a virtual environment from the pinned requirements if missing.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;

static INSTALLING: Mutex<()> = Mutex::new(());

/// The path of the `frictionless` command (the Frictionless Data
/// validator).
pub fn frictionless() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/py");
    let venv = dir.join(".venv");
    let tool = venv.join("bin/frictionless");
    let _one_at_a_time = INSTALLING.lock().unwrap_or_else(|e| e.into_inner());
    if !tool.exists() {
        let status = Command::new("python3")
            .args(["-m", "venv"])
            .arg(&venv)
            .status()
            .expect("python3 is installed; the open-data check needs it");
        assert!(status.success(), "python3 -m venv tests/py/.venv failed");
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
