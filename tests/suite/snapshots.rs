//! Snapshot tests (insta): the rendered `<article>` of the Markdown feature page and the
//! JSON-LD of an FAQ group. Review changes with `cargo insta review` or by reading the
//! `.snap.new` files next to the snapshots.

use crate::util::{Site, element, json_ld};

#[test]
fn markdown_features_article() {
    let site = Site::fixture("features");
    site.build(&[]).ok();
    let html = site.read("guides/markdown/index.html");
    insta::assert_snapshot!(element(&html, "article"));
}

#[test]
fn faq_with_faq_article() {
    let site = Site::fixture("features");
    site.build(&[]).ok();
    let html = site.read("guides/with-faq/index.html");
    insta::assert_snapshot!(element(&html, "article"));
}

#[test]
fn faq_group_json_ld() {
    let site = Site::fixture("features");
    site.build(&[]).ok();
    let docs = json_ld(&site.read("faq/general/index.html"));
    assert_eq!(docs.len(), 1);
    insta::assert_snapshot!(serde_json::to_string_pretty(&docs[0]).unwrap());
}
