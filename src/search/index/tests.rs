use super::*;
use crate::search::documents::SearchSection;

fn page(title: &str, sections: &[(&str, &str, &str)]) -> SearchPage {
    SearchPage {
        page: 0,
        title: title.to_owned(),
        url: format!("{}/", title.to_lowercase().replace(' ', "-")),
        listing: false,
        sections: sections
            .iter()
            .map(|(id, h, t)| SearchSection {
                id: (*id).to_owned(),
                heading: (*h).to_owned(),
                text: (*t).to_owned(),
                is_question: false,
            })
            .collect(),
    }
}

#[test]
fn headings_outrank_body_text() {
    let pages = vec![
        page(
            "Alpha",
            &[("", "", "intro"), ("setup", "Token setup", "words")],
        ),
        page(
            "Beta",
            &[(
                "",
                "",
                "the token appears once in this longer body text here",
            )],
        ),
    ];
    let idx = build_index(&pages);
    let token = &idx.terms["token"];
    let heading = token.iter().find(|p| p.0 == 0).unwrap().2;
    let body = token.iter().find(|p| p.0 == 1).unwrap().2;
    assert!(heading > body, "{heading} vs {body}");
    assert!(!idx.terms.contains_key("the"), "stop words are not indexed");
}

#[test]
fn small_index_is_one_shard_and_files_are_scripts() {
    let pages = vec![page("Alpha", &[("", "", "hello world")])];
    let files = build_index(&pages).files(&pages, &[]);
    let names: Vec<_> = files.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        ["_search/s/_all.js", "_search/p/0.js", "_search/index.js"]
    );
    assert!(files[0].1.starts_with("helpsiteSearch.shard(\"\",{"));
}

#[test]
fn big_index_is_split_by_prefix() {
    let text: String = (0..4000).map(|i| format!("w{i}x{} ", i % 7)).collect();
    let pages: Vec<_> = (0..40)
        .map(|i| page(&format!("P{i}"), &[("", "", &text)]))
        .collect();
    let idx = build_index(&pages);
    let files = idx.files(&pages, &[]);
    let shards = files
        .iter()
        .filter(|(n, _)| n.starts_with("_search/s/"))
        .count();
    assert!(shards > 4, "{shards}");
    for (name, body) in &files {
        if name.starts_with("_search/s/") {
            assert!(body.len() < SHARD_BYTES * 3, "{name} {}", body.len());
        }
    }
}

#[test]
fn file_keys_are_safe() {
    assert_eq!(file_key("re"), "re");
    assert_eq!(file_key("安全"), "_5b89_5168");
    assert_eq!(file_key(""), "_all");
}

#[test]
fn script_close_tags_cannot_escape() {
    let pages = vec![page("X", &[("", "", "</script><script>alert(1)</script>")])];
    let files = build_index(&pages).files(&pages, &[]);
    assert!(files.iter().all(|(_, b)| !b.contains("</script")));
}

#[test]
fn every_form_of_a_word_shares_its_stems_shard() {
    // Enough distinct words to split the index by prefixes of up to four letters.
    let mut text: String = (0..6000).map(|i| format!("w{i}x{} ", i % 7)).collect();
    // Many words under "d", so that "dying" (key "dy") and "die" (key "di") would part.
    text.extend((0..3000).map(|i| format!("d{i}q ")));
    text.push_str("dies die dying happily happy happiness configure configured configuration");
    let pages: Vec<_> = (0..40)
        .map(|i| page(&format!("P{i}"), &[("", "", &text)]))
        .collect();
    let files = build_index(&pages).files(&pages, &[]);
    let shard_of = |word: &str| {
        files
            .iter()
            .find(|(n, body)| n.starts_with("_search/s/") && body.contains(&format!("\"{word}\":")))
            .map(|(n, _)| n.clone())
            .unwrap_or_default()
    };
    for group in [
        &["dies", "die", "dying"][..],
        &["happily", "happy", "happiness"],
        &["configure", "configured", "configuration"],
    ] {
        let first = shard_of(group[0]);
        assert!(!first.is_empty(), "{group:?}");
        for w in group {
            assert_eq!(shard_of(w), first, "{w} in {group:?}");
        }
    }
}

#[test]
fn listing_pages_rank_below_the_pages_they_list() {
    let mut section = page("Billing", &[("", "", "Invoices, refunds and plans.")]);
    section.listing = true;
    let article = page("Invoices", &[("", "", "Invoices, refunds and plans.")]);
    let idx = build_index(&[section, article]);
    let refunds = &idx.terms["refunds"];
    assert!(refunds[0].2 < refunds[1].2, "{refunds:?}");
}
