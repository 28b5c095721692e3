//! Runs the browser tests (`tests/browser/*.test.mjs`, node's test runner + playwright-core
//! driving Debian's /usr/bin/chromium) against freshly built sites.

use crate::util::{Site, available, build_bundled, repo};
use std::path::Path;
use std::process::Command;

const CHROMIUM: &str = "/usr/bin/chromium";

#[test]
fn browser_tests_pass() {
    let mut missing = Vec::new();
    if !repo().join("node_modules/playwright-core").is_dir() {
        missing.push("node_modules/playwright-core (npm ci)".to_owned());
    }
    let mermaid = repo().join("node_modules/mermaid/dist/mermaid.min.js");
    if !mermaid.is_file() {
        missing.push(format!("{} (npm ci)", mermaid.display()));
    }
    if !Path::new(CHROMIUM).is_file() {
        missing.push(format!("{CHROMIUM} (apt-get install chromium)"));
    }
    if Command::new("node").arg("--version").output().is_err() {
        missing.push("node".to_owned());
    }
    if !available("browser", "HELPSITE_REQUIRE_BROWSER", &missing) {
        return;
    }

    let bundled = build_bundled();
    let features = Site::fixture("features");
    // The fixture turns diagrams on; the library comes from npm, not from the repository.
    std::fs::create_dir_all(features.root.join("static")).expect("static folder");
    std::fs::copy(&mermaid, features.root.join("static/mermaid.min.js")).expect("copy Mermaid");
    features.build(&[]).ok();
    // Admonitions, collapsibles and tabs from MkDocs and Docusaurus sources; its planted
    // broken links are for the link checker, not for these tests.
    let wild = Site::fixture("docs-in-the-wild");
    wild.build(&["--skip-link-check"]).ok();

    let out = Command::new("node")
        .args(["--test", "--test-reporter=spec", "tests/browser/"])
        .current_dir(repo())
        .env("HELPSITE_DIST", &bundled.dist)
        .env("HELPSITE_FEATURES_DIST", features.dist())
        .env("HELPSITE_WILD_DIST", wild.dist())
        .env("HELPSITE_CHROMIUM", CHROMIUM)
        .output()
        .expect("run node");
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    eprintln!("{report}");
    assert!(out.status.success(), "browser tests failed (see above)");
    assert!(
        report.contains("# pass ") || report.contains("ℹ pass "),
        "no test ran:\n{report}"
    );
    assert!(
        !report.contains("ℹ pass 0") && !report.contains("# pass 0"),
        "no test passed:\n{report}"
    );
    assert!(
        report.contains("✔ tabs: keyboard focus lands on the checked tab"),
        "the docs-in-the-wild tests did not run:\n{report}"
    );
    assert!(
        report.contains("✔ the switcher is reached and used from the keyboard and keeps the page"),
        "the language tests did not run:\n{report}"
    );
    assert!(
        report.contains("✔ an article's answer and comment are posted, and analytics hear of it"),
        "the feedback tests did not run:\n{report}"
    );
    assert!(
        report.contains("✔ the home search box leads to the results, from the keyboard"),
        "the home page tests did not run:\n{report}"
    );
    assert!(
        report.contains("✔ related articles are reached by keyboard and lead to their page"),
        "the related-articles tests did not run:\n{report}"
    );
    assert!(
        report.contains("✔ the diagram page draws each block"),
        "the diagram tests did not run:\n{report}"
    );
}
