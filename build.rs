//! Rebuild when the pages' files change: they are embedded in the binary
//! (`src/web/assets.rs`), and a file added to a directory is not otherwise
//! noticed. Directories holding `node_modules` are not named (cargo would
//! scan it too): their own files are, one by one.

use std::path::Path;

fn main() {
    for dir in [
        "assets/playground/dist",
        "assets/public/vendor",
        "assets/verify",
    ] {
        println!("cargo:rerun-if-changed={dir}");
    }
    for dir in ["assets/playground", "assets/public"] {
        let Ok(entries) = std::fs::read_dir(Path::new(dir)) else {
            continue;
        };
        for entry in entries.flatten() {
            if entry.file_type().is_ok_and(|t| t.is_file()) {
                println!("cargo:rerun-if-changed={}", entry.path().display());
            }
        }
    }
}
