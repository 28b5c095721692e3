//! Mermaid blocks (`mermaid:` in helpsite.yaml): diagrams with the library, code without it,
//! the library linked only from pages that draw one, and located config errors.

use crate::util::{Site, element};
use std::fs;

const PAGE: &str = "guides/diagrams/index.html";
const PLAIN: &str = "guides/markdown/index.html";

/// The features fixture (it has `mermaid: true`) with a stand-in for the library: these tests
/// read the markup; the browser tests draw with the real file.
fn with_library() -> Site {
    let site = Site::fixture("features");
    site.write("static/mermaid.min.js", "/* stand-in for Mermaid */\n");
    site
}

fn set_mermaid(site: &Site, value: &str) {
    let path = site.root.join("helpsite.yaml");
    let config = fs::read_to_string(&path).unwrap();
    let config = config.replace("mermaid: true\n", &format!("mermaid: {value}\n"));
    fs::write(path, config).unwrap();
}

#[test]
fn with_the_library_blocks_become_diagrams_and_only_their_page_loads_it() {
    let site = with_library();
    let run = site.build(&[]).ok();
    assert!(!run.stderr.contains("diagram-library-missing"), "{run}");
    let html = site.read(PAGE);
    let article = element(&html, "article");
    assert_eq!(
        article.matches("<pre class=\"mermaid\"").count(),
        2,
        "{article}"
    );
    assert!(
        article.contains(
            "<pre class=\"mermaid\" data-label=\"Flowchart\">flowchart LR\n  A[Open the app] --&gt; B{Signed in?}"
        ),
        "{article}"
    );
    assert!(
        article.contains("data-label=\"Sequence diagram: Saving a document\""),
        "{article}"
    );
    // The ordinary block next to them is still code.
    assert!(
        article.contains("<code class=\"language-text\">"),
        "{article}"
    );
    assert!(
        html.contains("<script src=\"../../_static/mermaid.min.js\" defer></script>"),
        "{html}"
    );
    assert!(html.contains("<script src=\"../../_static/diagrams.js\" defer></script>"));
    let plain = site.read(PLAIN);
    assert!(!plain.contains("mermaid"), "{plain}");
    assert!(!plain.contains("diagrams.js"), "{plain}");
    assert_eq!(
        site.read("_static/mermaid.min.js"),
        "/* stand-in for Mermaid */\n"
    );
}

#[test]
fn search_indexes_a_diagrams_label_not_its_source() {
    let site = with_library();
    site.build(&[]).ok();
    let index = site.read("_search/p/0.js");
    assert!(
        index.contains("Sequence diagram: Saving a document"),
        "{index}"
    );
    for source in [
        "sequenceDiagram",
        "accDescr",
        "--&gt;",
        "->>",
        "Browser->>Server",
    ] {
        assert!(!index.contains(source), "`{source}` in the search index");
    }
}

#[test]
fn the_link_check_reads_no_links_in_a_diagrams_source() {
    let site = with_library();
    site.build(&[]).ok();
    let root = site.root.to_str().unwrap();
    let run = crate::util::helpsite(site.tmp.path(), &["check", "--root", root]);
    assert!(!run.stdout.contains("missing-page"), "{run}");
    assert!(!run.stderr.contains("missing-page"), "{run}");
    assert!(!run.stderr.contains("broken-link"), "{run}");
}

#[test]
fn without_the_option_blocks_stay_code() {
    let site = with_library();
    set_mermaid(&site, "false");
    let run = site.build(&[]).ok();
    assert!(!run.stderr.contains("mermaid"), "{run}");
    let html = site.read(PAGE);
    assert!(!html.contains("<pre class=\"mermaid\""), "{html}");
    assert!(
        html.contains("<pre class=\"code\"><code class=\"language-mermaid\">flowchart LR"),
        "{html}"
    );
    assert!(!html.contains("mermaid.min.js"), "{html}");
}

#[test]
fn without_the_library_or_a_url_the_build_warns_and_blocks_stay_code() {
    let site = Site::fixture("features");
    let run = site.build(&[]).ok();
    assert_eq!(
        run.stderr
            .matches("warning[diagram-library-missing]")
            .count(),
        1
    );
    run.stderr_has("--> helpsite.yaml:4:1")
        .stderr_has("no `static/mermaid.min.js`")
        .stderr_has("download Mermaid's `dist/mermaid.min.js` into `static/`");
    let html = site.read(PAGE);
    assert!(!html.contains("<pre class=\"mermaid\""), "{html}");
    assert!(html.contains("<code class=\"language-mermaid\">"), "{html}");
    assert!(
        !html.contains("<script src=\"../../_static/mermaid"),
        "{html}"
    );
    assert!(!site.dist().join("_static/mermaid.min.js").exists());
}

#[test]
fn a_url_the_site_sets_is_used_as_it_is_or_made_relative() {
    let site = Site::fixture("features");
    set_mermaid(
        &site,
        "{url: \"https://cdn.example.test/mermaid@11/mermaid.min.js\"}",
    );
    let run = site.build(&[]).ok();
    assert!(!run.stderr.contains("diagram-library-missing"), "{run}");
    let html = site.read(PAGE);
    assert!(
        html.contains(
            "<script src=\"https://cdn.example.test/mermaid@11/mermaid.min.js\" defer></script>"
        ),
        "{html}"
    );
    assert!(html.contains("<pre class=\"mermaid\""), "{html}");

    let site = Site::fixture("features");
    site.write("static/vendor/mermaid.js", "/* stand-in */");
    set_mermaid(&site, "\n  url: _static/vendor/mermaid.js");
    site.build(&[]).ok();
    let html = site.read(PAGE);
    assert!(
        html.contains("<script src=\"../../_static/vendor/mermaid.js\" defer></script>"),
        "{html}"
    );
    let home = site.read("index.html");
    assert!(!home.contains("vendor/mermaid.js"), "{home}");
}

#[test]
fn config_errors_are_located() {
    for (value, at, message) in [
        (
            "{url: \"ftp://files.example.test/m.js\"}",
            "helpsite.yaml:4:17",
            "must be an http(s) URL",
        ),
        (
            "\n  url: //cdn.example.test/m.js",
            "helpsite.yaml:5:8",
            "must say its scheme",
        ),
        ("\n  ulr: m.js", "helpsite.yaml:5:3", "unknown key `ulr`"),
        ("sometimes", "helpsite.yaml:4:", "expected `true`, `false`"),
    ] {
        let site = Site::fixture("features");
        set_mermaid(&site, value);
        let run = site.build(&[]).fatal();
        run.stderr_has(at).stderr_has(message);
    }
}
