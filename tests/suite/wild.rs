//! A docs tree written for MkDocs and Docusaurus (`tests/fixtures/docs-in-the-wild`) builds
//! as it is: YAML data files are copied, a leading `---` is a thematic break, admonitions,
//! collapsibles, tabs and Docusaurus admonitions render, and links inside them are checked
//! with exact locations: every planted fault found, nothing else.

use crate::util::{Site, helpsite};
use std::collections::BTreeSet;

fn check_json(site: &Site) -> serde_json::Value {
    let root = site.root.to_str().unwrap();
    let run = helpsite(
        site.tmp.path(),
        &["check", "--root", root, "--format", "json"],
    );
    assert_eq!(run.code, 1, "the planted faults are errors\n{run}");
    serde_json::from_str(&run.stdout).expect("json output")
}

#[test]
fn links_inside_admonitions_and_tabs_are_checked_with_locations() {
    let site = Site::fixture("docs-in-the-wild");
    let report = check_json(&site);
    let findings = report["findings"].as_array().unwrap();
    let errors: BTreeSet<(String, String, u64, u64)> = findings
        .iter()
        .filter(|f| f["rule"] == "broken-link" || f["rule"] == "broken-anchor")
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_owned(),
                f["file"].as_str().unwrap().to_owned(),
                f["line"].as_u64().unwrap(),
                f["column"].as_u64().unwrap(),
            )
        })
        .collect();
    let setup = "content/guide/setup.md".to_owned();
    let expected: BTreeSet<_> = [
        ("broken-link", 14, 14),  // `!!! warning` nested in `!!! note`
        ("broken-anchor", 18, 5), // `??? tip`, second line of a paragraph
        ("broken-link", 37, 15),  // second tab
        ("broken-anchor", 41, 1), // Docusaurus `:::info`
    ]
    .into_iter()
    .map(|(r, l, c)| (r.to_owned(), setup.clone(), l, c))
    .chain(std::iter::once((
        "broken-link".to_owned(),
        "content/guide/blocks.md".to_owned(),
        7,
        46,
    )))
    .collect();
    assert_eq!(errors, expected);
    let rules: BTreeSet<&str> = findings
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert!(rules.contains("unsupported-markdown"), "{rules:?}");
    assert!(rules.contains("front-matter-thematic-break"), "{rules:?}");
    // Anchors made by attribute lists, `<a id>`, a leading `# Title` and headings kept in the
    // body are all valid: no other link or anchor finding.
    assert_eq!(report["summary"]["errors"], 5, "{report:#}");
}

#[test]
fn the_tree_builds_with_data_files_and_every_container_rendered() {
    let site = Site::fixture("docs-in-the-wild");
    let run = site.build(&["--skip-link-check"]).ok();
    run.stderr_has("warning[unsupported-markdown]")
        .stderr_has("content/snippets.md:5:1")
        .stderr_has("warning[front-matter-thematic-break]")
        .stderr_has("content/thematic.md:1:1");
    // YAML files without `questions:` are data, copied byte for byte; the FAQ group is a page.
    for rel in ["deploy/k8s.yaml", "deploy/compose.yml"] {
        assert_eq!(
            std::fs::read(site.dist().join(rel)).unwrap(),
            std::fs::read(site.root.join("content").join(rel)).unwrap()
        );
    }
    assert!(
        site.read("faq/general/index.html")
            .contains("callout callout-tip")
    );
    let setup = site.read("guide/setup/index.html");
    assert!(setup.contains("<h1>Set up</h1>"), "the title");
    assert!(
        setup.contains("<h1 id=\"installation\">Installation"),
        "a leading heading unlike the title stays"
    );
    for needle in [
        "<div class=\"callout callout-note\" role=\"note\"><p class=\"callout-title\">Before you start</p>",
        "<div class=\"callout callout-warning\" role=\"note\"><p class=\"callout-title\">Warning</p>",
        "<details class=\"callout callout-tip\"><summary class=\"callout-title\">Advanced: environment</summary>",
        "<details class=\"callout callout-caution\" open><summary class=\"callout-title\">Danger</summary>",
        "<label class=\"tab-label\" for=\"tabs:1:2\">conda</label>",
        "<p class=\"callout-title\">Good to know</p>",
    ] {
        assert!(setup.contains(needle), "missing {needle}");
    }
    assert_eq!(
        setup.matches("<div").count(),
        setup.matches("</div>").count()
    );
    let blocks = site.read("guide/blocks/index.html");
    for needle in [
        "<div class=\"callout callout-warning\" role=\"note\"><p class=\"callout-title\">Careful</p>",
        "<details class=\"callout callout-tip\"><summary class=\"callout-title\">More options</summary>",
        "<label class=\"tab-label\" for=\"tabs:1:2\">Linux</label>",
    ] {
        assert!(blocks.contains(needle), "missing {needle}");
    }
    assert!(!blocks.contains("///"));
    // A Docusaurus `.mdx` page is a page: imports and comments left out (with a warning),
    // its admonition rendered.
    let upgrade = site.read("guide/upgrade/index.html");
    assert!(
        upgrade.contains("<p class=\"callout-title\">Back up first</p>"),
        "{upgrade}"
    );
    assert!(
        !upgrade.contains("import Admonition") && !upgrade.contains("/*"),
        "{upgrade}"
    );
    run.stderr_has("content/guide/upgrade.mdx:7:1");
    // A leading `# Reference` used as the title keeps its id on the page's <h1>.
    let reference = site.read("reference/index.html");
    assert!(
        reference.contains("<h1 id=\"reference\">Reference</h1>"),
        "{reference}"
    );
    assert!(reference.contains("<h2 id=\"options\" class=\"wide\">"));
    assert!(reference.contains("<h2 id=\"env-vars\">"));
    // A thematic break, not front matter.
    let thematic = site.read("thematic/index.html");
    assert!(
        thematic.contains("<hr />") || thematic.contains("<hr>"),
        "{thematic}"
    );
    // Bare URLs are links.
    let home = site.read("index.html");
    assert!(
        home.contains("<a href=\"https://example.com/project\">https://example.com/project</a>")
    );
    assert!(home.contains("<a href=\"http://www.example.org/mirror\">www.example.org/mirror</a>"));
}

#[test]
fn a_yaml_file_that_looks_like_an_faq_but_is_broken_is_still_an_error() {
    let site = Site::fixture("docs-in-the-wild");
    site.write(
        "content/faq/broken.yaml",
        "title: Broken\nquestions:\n  - question: Why?\n    answer: [unclosed\n",
    );
    site.build(&[])
        .fatal()
        .stderr_has("content/faq/broken.yaml:4:");
}
