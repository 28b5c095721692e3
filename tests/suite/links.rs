//! Links: `.md`, `.yaml#anchor`, `_index.md` and asset links are rewritten to relative URLs
//! that resolve inside the output, from a web server and from disk alike.

use crate::util::{Site, attr_values, element, html_files};
use std::path::{Path, PathBuf};

/// Resolve a relative `href` written in the output file `from` (relative path) to the file
/// a static server (or `file://` with `index.html` added) would open.
fn target_file(dist: &Path, from: &str, href: &str) -> PathBuf {
    let path = href.split(['#', '?']).next().unwrap();
    let dir = Path::new(from).parent().unwrap_or(Path::new(""));
    let mut target = dist.join(dir).join(path);
    if path.is_empty() {
        target = dist.join(from);
    } else if path.ends_with('/') || path == "." || path == ".." {
        target = target.join("index.html");
    }
    target
}

fn is_external(href: &str) -> bool {
    href.starts_with("https://") || href.starts_with("http://") || href.starts_with("mailto:")
}

#[test]
fn markdown_links_are_rewritten_to_relative_urls() {
    let site = Site::fixture("features");
    site.build(&[]).ok();
    let html = site.read("guides/markdown/index.html");
    let article = element(&html, "article");
    for (text, href) in [
        ("the FAQ page", "../with-faq/"),
        ("question", "../../faq/general/#reset-password"),
        ("the section", "../"),
        ("the home page", "../../"),
        ("heading here", "#set-up"),
        ("external site", "https://example.org/page"),
        ("PDF manual", "../../files/manual.pdf"),
    ] {
        let a = format!("<a href=\"{href}\">{text}</a>");
        assert!(article.contains(&a), "missing {a}\n{article}");
    }
    let faq = site.read("faq/general/index.html");
    assert!(
        faq.contains("<a href=\"../../guides/markdown/#my-anchor\">the guide</a>"),
        "{faq}"
    );
    let home = site.read("index.html");
    assert!(home.contains("<a href=\"faq/general/\">FAQ</a>"), "{home}");
}

#[test]
fn assets_are_copied_byte_for_byte_and_linked() {
    let site = Site::fixture("features");
    site.build(&[]).ok();
    for asset in ["files/diagram.png", "files/manual.pdf"] {
        let copied = std::fs::read(site.dist().join(asset)).unwrap();
        let original = std::fs::read(site.root.join("content").join(asset)).unwrap();
        assert_eq!(copied, original, "{asset}");
    }
    let html = site.read("guides/markdown/index.html");
    assert!(
        html.contains("<img src=\"../../files/diagram.png\" alt=\"A small diagram\""),
        "{html}"
    );
}

#[test]
fn page_urls_are_relative_except_on_the_404_page() {
    for fixture in ["features", "plain-markdown"] {
        let site = Site::fixture(fixture);
        site.build(&[]).ok();
        for file in html_files(&site.dist()) {
            if file == "404.html" {
                continue;
            }
            let html = site.read(&file);
            for attr in ["href", "src", "action"] {
                for value in attr_values(&html, attr) {
                    assert!(
                        !value.starts_with('/'),
                        "{fixture}/{file}: {attr}=\"{value}\""
                    );
                }
            }
        }
    }
}

/// Every relative link in every page leads to a file in the output, and every `#fragment`
/// to an element id on the target page.
#[test]
fn every_internal_link_resolves_in_the_output() {
    for fixture in ["features", "plain-markdown", "override"] {
        let site = Site::fixture(fixture);
        site.build(&[]).ok();
        let dist = site.dist();
        let mut checked = 0;
        for file in html_files(&dist) {
            if file == "404.html" {
                continue;
            }
            let html = site.read(&file);
            let links = attr_values(&html, "href")
                .into_iter()
                .chain(attr_values(&html, "src"));
            for href in links.filter(|h| !is_external(h)) {
                let target = target_file(&dist, &file, href);
                assert!(
                    target.is_file(),
                    "{fixture}/{file}: `{href}` -> missing {}",
                    target.display()
                );
                if let Some((_, frag)) = href.split_once('#') {
                    let page = std::fs::read_to_string(&target).unwrap();
                    assert!(
                        page.contains(&format!(" id=\"{frag}\"")),
                        "{fixture}/{file}: `{href}`: no id `{frag}` in {}",
                        target.display()
                    );
                }
                checked += 1;
            }
        }
        assert!(checked >= 10, "{fixture}: only {checked} links checked");
    }
}
