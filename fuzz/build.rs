//! Embeds the example claims of tests/fixtures/examples as the bases the
//! structured target mutates, so that the target follows the fixtures.

use std::env;
use std::fs;
use std::path::{Path, PathBuf};

fn main() {
    // Collect the example files in a stable order.
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/examples");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == "json"));
    files.sort();

    // Write them as an array of include_str! calls.
    let mut code =
        String::from("/// The example files, as JSON text.\npub const EXAMPLES: &[&str] = &[\n");
    for file in &files {
        code.push_str(&format!(
            "    include_str!({:?}),\n",
            file.display().to_string()
        ));
    }
    code.push_str("];\n");
    let out = PathBuf::from(env::var("OUT_DIR").unwrap_or_default()).join("examples.rs");
    if let Err(e) = fs::write(&out, code) {
        println!("cargo:warning=cannot write {}: {e}", out.display());
    }
}
