//! `helpsite check` and the build's link gate, run as the real binary on fixture sites, with
//! external links checked against HTTP servers these tests start on 127.0.0.1.

#[path = "check_support/server.rs"]
mod server;

use serde_json::Value;
use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_helpsite"))
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// A throwaway site: `files` as (path, text) under a temp dir.
fn site(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (path, text) in files {
        let p = dir.path().join(path);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, text).unwrap();
    }
    dir
}

fn check(root: &Path, extra: &[&str]) -> Output {
    run("check", root, extra)
}

fn build(root: &Path) -> Output {
    run("build", root, &[])
}

fn run(command: &str, root: &Path, extra: &[&str]) -> Output {
    bin()
        .arg(command)
        .arg("--root")
        .arg(root)
        .args(extra)
        .output()
        .unwrap()
}

fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

/// `rule file:line` of every finding.
fn found(v: &Value) -> BTreeSet<String> {
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            format!(
                "{} {}:{}",
                f["rule"].as_str().unwrap(),
                f["file"].as_str().unwrap(),
                f["line"]
            )
        })
        .collect()
}

#[test]
fn fault_injection_site_has_full_precision_and_recall() {
    let root = fixture("check-faults");
    let expected: BTreeSet<String> = fs::read_to_string(root.join("expected.txt"))
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.split(" | ").next().unwrap().trim().to_owned())
        .collect();
    let out = check(&root, &["--format", "json"]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let got = found(&json(&out));
    let false_positives: Vec<_> = got.difference(&expected).collect();
    let missed: Vec<_> = expected.difference(&got).collect();
    assert!(
        false_positives.is_empty(),
        "reported but not planted: {false_positives:#?}"
    );
    assert!(missed.is_empty(), "planted but not reported: {missed:#?}");
    assert_eq!(expected.len(), 31);
}

#[test]
fn bundled_content_has_zero_findings() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = check(root, &["--format", "json"]);
    let v = json(&out);
    assert_eq!(v["findings"].as_array().unwrap().len(), 0, "{v:#}");
    assert_eq!(out.status.code(), Some(0));
    assert!(v["summary"]["links_checked"].as_u64().unwrap() > 50);
    assert!(v["summary"]["files"].as_u64().unwrap() >= 8);
}

#[test]
fn human_output_points_at_the_source_with_a_caret_and_a_suggestion() {
    let dir = site(&[
        (
            "content/index.md",
            "---\ntitle: Home\ndescription: The home page of a small test site about installing the client.\n---\n\n## Install the client\n\nSee [install](#install-the-clent) and [guide](gide.md).\n",
        ),
        (
            "content/guide.md",
            "---\ntitle: Install guide\ndescription: A guide page about installing the client on every platform we support.\n---\n\nBack [home](index.md#install-the-client).\n",
        ),
    ]);
    let out = check(dir.path(), &[]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(text.contains("content/index.md:8:5"), "{text}");
    assert!(
        text.contains("did you mean `#install-the-client`?"),
        "{text}"
    );
    assert!(text.contains("content/index.md:8:39"), "{text}");
    assert!(text.contains("did you mean `guide.md`?"), "{text}");
    assert!(text.contains("^^^^"), "{text}");
    assert!(text.contains("2 errors"), "{text}");
}

#[test]
fn build_refuses_to_ship_broken_links_unless_configured() {
    let page = "---\ntitle: Home\ndescription: x\n---\n\n[gone](gone.md)\n";
    let dir = site(&[("content/index.md", page)]);
    let out = build(dir.path());
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("content/index.md:6:1"), "{err}");
    assert!(err.contains("nothing was written"), "{err}");
    assert!(!dir.path().join("dist").exists());
    // The link check runs while the staging folder fills; a failed check sets it aside.
    assert!(!dir.path().join(".dist.helpsite-staging").exists());

    // With a published site in place, a build with a broken link leaves it as it was.
    let good = "---\ntitle: Home\ndescription: x\n---\n\nFine.\n";
    fs::write(dir.path().join("content/index.md"), good).unwrap();
    let built = build(dir.path());
    assert_eq!(built.status.code(), Some(0));
    let home = dir.path().join("dist/index.html");
    let before = fs::read(&home).unwrap();
    fs::write(
        dir.path().join("content/index.md"),
        page.replace("Home", "Changed"),
    )
    .unwrap();
    let out2 = build(dir.path());
    assert_eq!(out2.status.code(), Some(1));
    assert_eq!(
        fs::read(&home).unwrap(),
        before,
        "a build with broken links changed dist/"
    );
    assert!(!dir.path().join(".dist.helpsite-staging").exists());
    fs::write(
        dir.path().join("content/index.md"),
        good.replace("Fine.", "Fine again."),
    )
    .unwrap();
    let fixed = build(dir.path());
    assert_eq!(fixed.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&fs::read(&home).unwrap()).contains("Fine again."));
    fs::write(dir.path().join("content/index.md"), page).unwrap();

    fs::write(
        dir.path().join("helpsite.yaml"),
        "checks:\n  fail_build: false\n",
    )
    .unwrap();
    let out = build(dir.path());
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(dir.path().join("dist/index.html").exists());
}

#[test]
fn skip_link_check_publishes_a_site_with_broken_links() {
    let page = "---\ntitle: Home\ndescription: x\n---\n\n[gone](gone.md)\n";
    let dir = site(&[("content/index.md", page)]);
    let out = run("build", dir.path(), &["--skip-link-check"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(!err.contains("broken"), "{err}");
    let home = fs::read_to_string(dir.path().join("dist/index.html")).unwrap();
    assert!(home.contains("gone"), "{home}");
    // `check` still finds the link the build let through.
    assert_eq!(check(dir.path(), &[]).status.code(), Some(1));
}

#[test]
fn rule_levels_are_configurable_and_unknown_rules_are_fatal() {
    let page = "---\ntitle: Home\ndescription: Short home\n---\n\nA&nbsp;b and [gone](gone.md).\n";
    let dir = site(&[
        ("content/index.md", page),
        (
            "helpsite.yaml",
            "checks:\n  rules:\n    nbsp-entity: error\n    description-length: off\n    broken-link: warning\n",
        ),
    ]);
    let out = check(dir.path(), &["--format", "json"]);
    let v = json(&out);
    let rules: Vec<(&str, &str)> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["rule"].as_str().unwrap(), f["severity"].as_str().unwrap()))
        .collect();
    assert_eq!(
        rules,
        [("nbsp-entity", "error"), ("broken-link", "warning")],
        "{v:#}"
    );
    assert_eq!(out.status.code(), Some(1));

    fs::write(
        dir.path().join("helpsite.yaml"),
        "checks:\n  rules:\n    nbsp-entities: off\n",
    )
    .unwrap();
    let out = check(dir.path(), &[]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("helpsite.yaml:3:5"), "{err}");
    assert!(err.contains("did you mean `nbsp-entity`?"), "{err}");
}

#[test]
fn sarif_and_github_formats_carry_every_finding() {
    let root = fixture("check-faults");
    let out = check(&root, &["--format", "sarif"]);
    let v = json(&out);
    assert_eq!(v["version"], "2.1.0");
    let results = v["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 31);
    let first = &results[0]["locations"][0]["physicalLocation"];
    assert!(
        first["artifactLocation"]["uri"]
            .as_str()
            .unwrap()
            .ends_with("content/faq/general.yaml")
    );
    assert_eq!(first["region"]["startLine"], 15);

    let out = check(&root, &["--format", "github"]);
    let text = String::from_utf8_lossy(&out.stdout);
    let annotations: Vec<&str> = text.lines().filter(|l| l.starts_with("::")).collect();
    assert_eq!(annotations.len(), 31, "{text}");
    assert!(
        annotations.iter().any(|l| l.starts_with("::error file=")
            && l.contains("content/guides/setup.md,line=41,col=31,title=broken-link::")),
        "{text}"
    );
    assert!(
        annotations
            .iter()
            .any(|l| l.starts_with("::warning ") && l.contains("title=orphan-page")),
        "{text}"
    );
}

#[test]
fn list_rules_names_every_rule() {
    let out = bin().args(["check", "--list-rules"]).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    for id in [
        "broken-link",
        "broken-anchor",
        "external-broken",
        "description-off-topic",
        "orphan-page",
    ] {
        assert!(text.contains(id), "{text}");
    }
}

#[test]
fn external_links_against_a_local_server() {
    let srv = server::start();
    let base = srv.base();
    let refused = server::refused_port();
    let links: Vec<String> = [
        "fine",
        "missing",
        "error",
        "chain1",
        "moved",
        "loop-a",
        "busy-once",
        "busy",
        "slow",
        "head-refused",
        "needs-token",
        "skipped/by-pattern",
    ]
    .iter()
    .map(|p| format!("- [{p}]({base}/{p})\n"))
    .chain(std::iter::once(format!(
        "- [refused](http://127.0.0.1:{refused}/x)\n"
    )))
    .chain(std::iter::once(format!(
        "- [accepted status]({base}/robots-unwelcome)\n"
    )))
    .collect();
    let page = format!(
        "---\ntitle: Links\ndescription: A page of external links used to test the external link checker.\n---\n\n{}",
        links.concat()
    );
    let config = format!(
        "checks:\n  external:\n    timeout: 500ms\n    retries: 1\n    delay: 0\n    per_host: 8\n    concurrency: 8\n    accept: [999]\n    exclude: [\"{base}/skipped/*\"]\n    headers:\n      \"127.0.0.1:{}\":\n        X-Token: secret\n",
        srv.port
    );
    let dir = site(&[("content/index.md", &page), ("helpsite.yaml", &config)]);
    let out = check(dir.path(), &["--external", "--format", "json"]);
    let v = json(&out);
    assert_eq!(out.status.code(), Some(1), "{v:#}");
    let by_line = |line: u64| -> Vec<(String, String)> {
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["line"] == line)
            .map(|f| {
                (
                    f["rule"].as_str().unwrap().to_owned(),
                    f["message"].as_str().unwrap().to_owned(),
                )
            })
            .collect()
    };
    // Lines: the list starts on line 6, one link per line, in the order above.
    assert!(by_line(6).is_empty(), "fine: {:?}", by_line(6));
    assert_eq!(srv.count("HEAD", "/fine"), 1);
    assert_eq!(by_line(7)[0].0, "external-broken");
    assert!(by_line(7)[0].1.contains("404"), "{:?}", by_line(7));
    assert!(by_line(8)[0].1.contains("500"), "{:?}", by_line(8));
    assert!(
        by_line(9).is_empty(),
        "temporary redirect chain: {:?}",
        by_line(9)
    );
    assert_eq!(by_line(10)[0].0, "external-redirect");
    assert!(
        by_line(10)[0].1.contains("moved permanently"),
        "{:?}",
        by_line(10)
    );
    assert!(
        by_line(11)[0].1.contains("redirect loop"),
        "{:?}",
        by_line(11)
    );
    assert!(by_line(12).is_empty(), "429 then fine: {:?}", by_line(12));
    assert_eq!(by_line(13)[0].0, "external-rate-limited");
    assert!(
        by_line(14)[0].1.contains("no answer within 500 ms"),
        "{:?}",
        by_line(14)
    );
    assert!(
        by_line(15).is_empty(),
        "HEAD refused, GET fine: {:?}",
        by_line(15)
    );
    assert!(by_line(16).is_empty(), "per-host header: {:?}", by_line(16));
    assert!(by_line(17).is_empty(), "excluded: {:?}", by_line(17));
    assert!(
        by_line(18)[0].1.contains("connection refused"),
        "{:?}",
        by_line(18)
    );
    assert!(by_line(19).is_empty(), "accepted status: {:?}", by_line(19));
    let help: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["help"].as_str())
        .collect();
    assert!(
        help.iter().any(|h| h.contains(&format!("{base}/ok"))),
        "new URL of the moved link: {help:?}"
    );
    assert_eq!(
        srv.count("GET", "/skipped/by-pattern") + srv.count("HEAD", "/skipped/by-pattern"),
        0
    );
    assert_eq!(srv.count("GET", "/head-refused"), 1);
    assert_eq!(srv.count("HEAD", "/busy"), 2, "one retry after Retry-After");

    // Second run within the TTL: fine URLs come from the cache, failures are asked again.
    assert!(dir.path().join(".helpsite-cache.json").exists());
    let ok_before = srv.count("HEAD", "/fine");
    let missing_before = srv.count("HEAD", "/missing");
    let out = check(dir.path(), &["--external", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        srv.count("HEAD", "/fine"),
        ok_before,
        "cached URL requested again"
    );
    assert_eq!(srv.count("HEAD", "/missing"), missing_before + 1);
    assert_eq!(found(&json(&out)), found(&v));
}

/// Raw HTML may link to files the build makes last (the search index, which the build
/// makes while it scans the pages): they count as published, and the build does not fail.
#[test]
fn links_to_search_index_files_resolve() {
    let page = "---\ntitle: Home\ndescription: x\n---\n\n<a href=\"_search/index.js\">index</a> <a href=\"_search/nothing.js\">gone</a>\n";
    let dir = site(&[("content/index.md", page)]);
    let out = build(dir.path());
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("_search/nothing.js"), "{err}");
    assert!(!err.contains("`_search/index.js`"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    let fixed = page.replace(" <a href=\"_search/nothing.js\">gone</a>", "");
    fs::write(dir.path().join("content/index.md"), fixed).unwrap();
    let out = build(dir.path());
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Pages of one section are checked together and share the verdicts on `../` links: each
/// page must still get its own finding for a broken one, and fine ones stay fine.
#[test]
fn sibling_pages_each_report_their_broken_climbing_links() {
    let page = |title: &str| {
        format!(
            "---\ntitle: {title}\ndescription: x\n---\n\n<a href=\"../b/\">b</a> <a href=\"../missing/\">gone</a>\n"
        )
    };
    let dir = site(&[
        (
            "content/index.md",
            "---\ntitle: Home\ndescription: x\n---\n\nHome.\n",
        ),
        ("content/guides/a.md", &page("A")),
        ("content/guides/b.md", &page("B")),
        ("content/guides/c.md", &page("C")),
    ]);
    let out = check(dir.path(), &["--format", "json"]);
    let v = json(&out);
    let broken: Vec<String> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "broken-link")
        .map(|f| f["file"].as_str().unwrap_or_default().to_owned())
        .collect();
    assert_eq!(
        broken,
        [
            "content/guides/a.md",
            "content/guides/b.md",
            "content/guides/c.md"
        ],
        "{v}"
    );
}

/// Four pages share the file name `setup.md`: a link to a missing `setup.md` has four
/// equally good suggestions. Some candidates come out of a hash map, so before ties were
/// broken by a fixed order, identical runs suggested different files.
#[test]
fn did_you_mean_is_the_same_on_every_run() {
    let root = fixture("check-suggest-tie");
    let helps: BTreeSet<Vec<String>> = (0..6)
        .map(|_| {
            let out = check(&root, &["--format", "json"]);
            assert_eq!(out.status.code(), Some(1));
            json(&out)["findings"]
                .as_array()
                .unwrap()
                .iter()
                .map(|f| format!("{} {}", f["rule"], f["help"]))
                .collect()
        })
        .collect();
    assert_eq!(
        helps.len(),
        1,
        "suggestions differ between runs: {helps:#?}"
    );
    let helps = helps.into_iter().next().unwrap();
    assert_eq!(
        helps,
        [
            "\"broken-link\" \"did you mean `a/setup.md`?\"",
            "\"broken-anchor\" \"did you mean `#instal1`?\""
        ]
    );
}

/// MkDocs trees keep old anchors alive with lines such as `<a id="old"></a>`: a link
/// target, not an empty paragraph. Paragraphs with nothing to see and no id still are.
#[test]
fn anchor_only_lines_are_not_empty_paragraphs() {
    let page = "---\ntitle: Home\ndescription: A home page that keeps old anchors alive for links from elsewhere.\n---\n\n<a id=\"old-name\"></a>\n\n<a name=\"older-name\"></a>\n\n## New name\n\nSee [old](#old-name) and [older](#older-name).\n\n<a></a>\n\n&nbsp;\n";
    let dir = site(&[("content/index.md", page)]);
    let out = check(dir.path(), &["--format", "json"]);
    let v = json(&out);
    let got: Vec<String> = found(&v).into_iter().collect();
    assert_eq!(
        got,
        [
            "empty-paragraph content/index.md:14",
            "empty-paragraph content/index.md:16"
        ],
        "{v:#}"
    );
}

/// `#fragment`s of external links are looked up in the page, with one GET per page however
/// many fragments are asked of it; the verdicts are cached like the rest.
#[test]
fn external_fragments_are_looked_up_in_the_page() {
    let srv = server::start();
    let base = srv.base();
    let links = [
        "doc#intro",
        "doc#old-anchor",
        "doc#instal-the-client",
        "doc#in-script",
        "doc#L10-L20",
        "doc#:~:text=Intro",
        "doc",
        "notes.txt#nowhere",
        "guide#setup",
    ];
    let list: String = links
        .iter()
        .map(|l| format!("- [{l}]({base}/{l})\n"))
        .collect();
    let page = |list: &str| {
        format!(
            "---\ntitle: Links\ndescription: A page of external links with fragments, to test looking fragments up.\n---\n\n{list}"
        )
    };
    let dir = site(&[("content/index.md", &page(&list))]);
    let run = || {
        let out = check(dir.path(), &["--external", "--format", "json"]);
        // Missing fragments are warnings: the exit code stays 0.
        assert_eq!(out.status.code(), Some(0), "{}", json(&out));
        json(&out)
    };
    let v = run();
    let at: Vec<(String, u64, u64, String)> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                format!(
                    "{} {}",
                    f["rule"].as_str().unwrap(),
                    f["file"].as_str().unwrap()
                ),
                f["line"].as_u64().unwrap(),
                f["column"].as_u64().unwrap(),
                f["help"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    let missing = "external-fragment content/index.md".to_owned();
    // The list starts on line 6; `#in-script` is only text inside a script.
    assert_eq!(
        at,
        [
            (
                missing.clone(),
                8,
                3,
                "did you mean `#install-the-client`?".to_owned()
            ),
            (
                missing.clone(),
                9,
                3,
                "link to an id the page has, or leave the fragment out".to_owned()
            ),
        ],
        "{v:#}"
    );
    let message = v["findings"][0]["message"].as_str().unwrap();
    assert!(message.contains("instal-the-client"), "{message}");
    assert_eq!(srv.count("GET", "/doc"), 1, "one GET for every fragment");
    assert_eq!(srv.count("HEAD", "/doc"), 0);
    assert_eq!(srv.count("GET", "/notes.txt"), 1);
    assert_eq!(srv.count("GET", "/guide"), 1);

    // Second run: pages whose fragments were all found (or that are not HTML) come from the
    // cache; the page with missing fragments is asked again, with the same findings.
    let again = run();
    assert_eq!(found(&again), found(&v));
    assert_eq!(srv.count("GET", "/guide"), 1, "cached page fetched again");
    assert_eq!(
        srv.count("GET", "/notes.txt"),
        1,
        "cached text fetched again"
    );
    assert_eq!(srv.count("GET", "/doc"), 2);

    // A new fragment on a cached page is not answered from the cache.
    let more = format!("{list}- [nope]({base}/guide#nope)\n- [other]({base}/guide#other)\n");
    fs::write(dir.path().join("content/index.md"), page(&more)).unwrap();
    let third = run();
    assert_eq!(srv.count("GET", "/guide"), 2);
    let lines: Vec<u64> = third["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["line"].as_u64().unwrap())
        .collect();
    assert_eq!(lines, [8, 9, 15], "{third:#}");
}

#[test]
fn bare_urls_are_links_the_external_check_requests() {
    let srv = server::start();
    let base = srv.base();
    let refused = server::refused_port();
    let page = format!(
        "---\ntitle: Bare links\ndescription: A page whose external links are written as bare URLs, as on GitHub.\n---\n\nSee {base}/fine for the manual and {base}/missing.\nThe old mirror was http://127.0.0.1:{refused}/x, and {base}/error too.\n\n!!! note\n    Inside an admonition: {base}/fine and {base}/missing-in-note.\n\n`{base}/in-code` is code.\n"
    );
    let config = "checks:\n  external:\n    timeout: 500ms\n    retries: 0\n    delay: 0\n";
    let dir = site(&[("content/index.md", &page), ("helpsite.yaml", config)]);
    let out = check(dir.path(), &["--external", "--format", "json"]);
    let v = json(&out);
    let broken: BTreeSet<(u64, u64)> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "external-broken")
        .map(|f| (f["line"].as_u64().unwrap(), f["column"].as_u64().unwrap()))
        .collect();
    let col_of = |line: &str, needle: &str| line.find(needle).unwrap() as u64 + 1;
    let line6 = page.lines().nth(5).unwrap();
    let line7 = page.lines().nth(6).unwrap();
    let line10 = page.lines().nth(9).unwrap();
    let expected: BTreeSet<(u64, u64)> = [
        (6, col_of(line6, &format!("{base}/missing"))),
        (7, col_of(line7, "http://127.0.0.1")),
        (7, col_of(line7, &format!("{base}/error"))),
        (10, col_of(line10, &format!("{base}/missing-in-note"))),
    ]
    .into();
    assert_eq!(broken, expected, "{v:#}");
    assert_eq!(
        srv.count("HEAD", "/fine"),
        1,
        "the same URL twice is requested once"
    );
    assert_eq!(srv.count("HEAD", "/in-code"), 0, "code is not a link");
    assert_eq!(out.status.code(), Some(1));
}
