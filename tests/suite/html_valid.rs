//! The generated HTML passes the W3C Nu HTML checker (vnu.jar from `npm ci`, run with the
//! system Java): the bundled site and the feature, plain-markdown and docs-in-the-wild
//! fixtures, in one JVM run.

use crate::util::{Site, available, build_bundled, repo};
use std::process::Command;

fn java_works() -> bool {
    Command::new("java")
        .arg("-version")
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn generated_html_passes_the_nu_checker() {
    let jar = repo().join("node_modules/vnu-jar/build/dist/vnu.jar");
    let mut missing = Vec::new();
    if !jar.is_file() {
        missing.push(format!("{} (npm ci)", jar.display()));
    }
    if !java_works() {
        missing.push("java (openjdk-17-jre-headless)".to_owned());
    }
    if !available("HTML validity (vnu)", "HELPSITE_REQUIRE_VNU", &missing) {
        return;
    }

    let bundled = build_bundled();
    let features = Site::fixture("features");
    // A stand-in library, so that pages carry their diagram markup and script tags (the
    // checker reads HTML, not the script).
    features.write("static/mermaid.min.js", "/* stand-in for Mermaid */\n");
    features.build(&["--drafts"]).ok();
    let plain = Site::fixture("plain-markdown");
    plain.build(&[]).ok();
    // MkDocs/Docusaurus admonitions, collapsibles and tabs; its planted broken links are
    // for the link checker.
    let wild = Site::fixture("docs-in-the-wild");
    wild.build(&["--skip-link-check"]).ok();

    let out = Command::new("java")
        .arg("-jar")
        .arg(&jar)
        .args(["--format", "gnu", "--skip-non-html"])
        .arg(&bundled.dist)
        .arg(features.dist())
        .arg(plain.dist())
        .arg(wild.dist())
        .output()
        .expect("run java");
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let errors: Vec<&str> = report
        .lines()
        .filter(|l| l.contains(": error:") || l.contains(": fatal:"))
        .collect();
    let others: Vec<&str> = report
        .lines()
        .filter(|l| !l.trim().is_empty() && !errors.contains(l))
        .collect();
    if !others.is_empty() {
        eprintln!(
            "Nu checker warnings and notes ({}):\n{}",
            others.len(),
            others.join("\n")
        );
    }
    assert!(
        errors.is_empty(),
        "Nu checker errors ({}):\n{}",
        errors.len(),
        errors.join("\n")
    );
    assert!(
        out.status.success(),
        "vnu exited with {}:\n{report}",
        out.status
    );
}
