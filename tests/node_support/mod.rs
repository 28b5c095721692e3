//! What the search and relevance tests share: the repository root, whether node can run
//! search.js, and a build of a site with the helpsite binary under test.

use std::path::{Path, PathBuf};
use std::process::Command;

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Node runs search.js; without it the tests skip loudly, unless the test command of the
/// README (which sets HELPSITE_REQUIRE_BROWSER=1) is running them. `what` names the tests
/// that did not run.
pub fn node_available(what: &str) -> bool {
    let ok = Command::new("node")
        .arg("--version")
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    if !ok {
        assert!(
            std::env::var_os("HELPSITE_REQUIRE_BROWSER").is_none(),
            "node is required (HELPSITE_REQUIRE_BROWSER is set) but was not found"
        );
        eprintln!("SKIPPED: node not found; {what} did not run");
    }
    ok
}

pub fn build(root: &Path, out: &Path) {
    let status = Command::new(env!("CARGO_BIN_EXE_helpsite"))
        .args(["build", "-q", "--root"])
        .arg(root)
        .arg("--out")
        .arg(out)
        .status()
        .expect("run helpsite");
    assert!(status.success(), "build of {} failed", root.display());
}
