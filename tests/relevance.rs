//! The search relevance suite (tests/relevance/queries.json) on the bundled site and the
//! relevance fixture, run through the site's own `search.js` under node and scored by
//! bench/relevance.mjs. The floor is the level the ranking reached; a change that lowers the
//! suite as a whole fails here. `bench/relevance.sh` prints the full table, beside Pagefind.

use std::process::Command;

/// success@1, success@3 and MRR@5 over all queries (see bench/relevance.mjs for the scoring).
const FLOOR: (f64, f64, f64) = (0.904, 0.984, 0.94);

#[path = "node_support/mod.rs"]
mod node_support;
use node_support::{build, node_available, repo};

#[test]
fn relevance_suite_stays_above_its_floor() {
    if !node_available("the relevance suite") {
        return;
    }
    let tmp = tempfile::tempdir().expect("temp dir");
    let bundled = tmp.path().join("bundled");
    let parley = tmp.path().join("parley");
    build(&repo(), &bundled);
    build(&repo().join("tests/fixtures/relevance-site"), &parley);
    let floor = format!("{},{},{}", FLOOR.0, FLOOR.1, FLOOR.2);
    let out = Command::new("node")
        .arg(repo().join("bench/relevance.mjs"))
        .args(["--runner", "node", "--verbose", "--floor", &floor])
        .arg(format!("bundled={}", bundled.display()))
        .arg(format!("parley={}", parley.display()))
        .output()
        .expect("run node");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    println!("{stdout}");
    assert!(out.status.success(), "{stderr}\n{stdout}");
}

/// Every expected answer in the suite names a page or section that exists, so a renamed
/// heading cannot silently turn a query into one nobody can answer.
#[test]
fn every_expected_answer_exists() {
    let text =
        std::fs::read_to_string(repo().join("tests/relevance/queries.json")).expect("queries.json");
    let suite: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
    let tmp = tempfile::tempdir().expect("temp dir");
    let mut missing = Vec::new();
    let mut count = 0;
    let sites = suite["sites"].as_object().expect("sites");
    for (site, root) in sites {
        let dist = tmp.path().join(site);
        build(&repo().join(root.as_str().expect("site root")), &dist);
        for q in suite["queries"].as_array().expect("queries") {
            if q["site"] != site.as_str() {
                continue;
            }
            count += 1;
            for want in q["expect"].as_array().expect("expect") {
                let want = want.as_str().expect("answer");
                let (page, anchor) = want.split_once('#').unwrap_or((want, ""));
                let html =
                    std::fs::read_to_string(dist.join(page).join("index.html")).unwrap_or_default();
                let found = !html.is_empty()
                    && (anchor.is_empty() || html.contains(&format!("id=\"{anchor}\"")));
                if !found {
                    missing.push(format!("{site}: {want}"));
                }
            }
        }
    }
    assert!(count >= 100, "the suite has {count} queries");
    assert!(
        missing.is_empty(),
        "missing answers:\n{}",
        missing.join("\n")
    );
}
