//! FAQ groups: a page per group with `<details>` per question, schema.org FAQPage JSON-LD
//! once per question site-wide, and groups shown at the end of articles with `faq:`.

use crate::util::{Site, build_bundled, element, html_files, json_ld, read};
use std::collections::BTreeMap;
use std::path::Path;

const IDS: [&str; 3] = ["reset-password", "where-is-the-save-button", "contact"];

#[test]
fn faq_page_has_a_details_element_per_question() {
    let site = Site::fixture("features");
    site.build(&[]).ok();
    let html = site.read("faq/general/index.html");
    let article = element(&html, "article");
    assert!(article.contains("<h1>General questions</h1>"), "{article}");
    assert!(
        article.contains("<div class=\"faq-intro\"><p>Quick answers."),
        "{article}"
    );
    for id in IDS {
        let open = format!("<details class=\"faq-item\" id=\"{id}\">");
        assert_eq!(article.matches(&open).count(), 1, "{open}\n{article}");
        assert!(
            article.contains(&format!("<a href=\"./#{id}\">Link to this answer</a>")),
            "{article}"
        );
    }
    // Question order is the file's order; the missing id was derived from the question.
    let positions: Vec<usize> = IDS
        .iter()
        .map(|id| article.find(&format!("id=\"{id}\"")).unwrap())
        .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{positions:?}");
    assert!(article.contains("<summary><h2 class=\"faq-question\">Where is the &quot;Save&quot; button?</h2></summary>"), "{article}");
    assert!(
        article.contains("<p>Open <strong>Settings</strong> and choose <em>Reset password</em>."),
        "{article}"
    );
}

#[test]
fn faq_page_carries_valid_faqpage_json_ld() {
    let site = Site::fixture("features");
    site.build(&[]).ok();
    let html = site.read("faq/general/index.html");
    let docs = json_ld(&html);
    assert_eq!(docs.len(), 1, "{docs:?}");
    // Answers hold HTML; inside <script> every `</` must be escaped so no tag can end it.
    let script = html
        .split("<script type=\"application/ld+json\">")
        .nth(1)
        .unwrap();
    let script = script.split("</script>").next().unwrap();
    assert!(!script.contains("</"), "{script}");
    let doc = &docs[0];
    assert_eq!(doc["@context"], "https://schema.org");
    assert_eq!(doc["@type"], "FAQPage");
    let questions = doc["mainEntity"].as_array().expect("mainEntity is a list");
    let names: Vec<&str> = questions
        .iter()
        .map(|q| q["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "How do I reset my password?",
            "Where is the \"Save\" button?",
            "How do I contact support?"
        ]
    );
    for q in questions {
        assert_eq!(q["@type"], "Question", "{q}");
        let answer = q.get("acceptedAnswer").expect("acceptedAnswer");
        assert!(
            answer.is_object(),
            "exactly one acceptedAnswer, not a list: {q}"
        );
        assert_eq!(answer["@type"], "Answer");
        assert!(!answer["text"].as_str().unwrap().trim().is_empty(), "{q}");
        assert!(q.get("suggestedAnswer").is_none(), "{q}");
    }
    assert!(
        questions[2]["acceptedAnswer"]["text"]
            .as_str()
            .unwrap()
            .contains("support@example.test")
    );
}

#[test]
fn article_with_faq_shows_the_group_without_json_ld() {
    let site = Site::fixture("features");
    site.build(&[]).ok();
    let html = site.read("guides/with-faq/index.html");
    let article = element(&html, "article");
    let section = element(article, "section");
    assert!(
        section.contains("<h2 id=\"general-questions\">General questions"),
        "{section}"
    );
    for id in IDS {
        assert!(
            section.contains(&format!("<details class=\"faq-item\" id=\"{id}\">")),
            "{section}"
        );
        // The permalink points at the group's own page.
        assert!(
            section.contains(&format!(
                "<a href=\"../../faq/general/#{id}\">Link to this answer</a>"
            )),
            "{section}"
        );
    }
    assert!(
        section.contains("<summary><h3 class=\"faq-question\">"),
        "questions sit below the group heading"
    );
    assert!(json_ld(&html).is_empty(), "the article repeats the JSON-LD");
}

/// Names of the questions in all FAQPage JSON-LD of the site's own pages under `dist`, with
/// how often each appears. Embed pages (`embed/`, made for other sites' frames) repeat it by
/// design and point search engines at the group page with `rel=canonical` instead.
fn json_ld_questions(dist: &Path) -> BTreeMap<String, usize> {
    let mut seen = BTreeMap::new();
    for file in html_files(dist) {
        if file.starts_with("embed/") {
            let html = read(dist, &file);
            assert!(
                html.contains("<link rel=\"canonical\""),
                "{file} has no canonical link"
            );
            continue;
        }
        for doc in json_ld(&read(dist, &file)) {
            if doc["@type"] != "FAQPage" {
                continue;
            }
            for q in doc["mainEntity"].as_array().unwrap() {
                *seen
                    .entry(q["name"].as_str().unwrap().to_owned())
                    .or_default() += 1;
            }
        }
    }
    seen
}

#[test]
fn each_question_has_json_ld_once_site_wide() {
    let site = Site::fixture("features");
    site.build(&[]).ok();
    let seen = json_ld_questions(&site.dist());
    // Three questions in English, two in the German group.
    assert_eq!(seen.len(), 5, "{seen:?}");
    assert!(seen.values().all(|&n| n == 1), "{seen:?}");

    let bundled = build_bundled();
    let seen = json_ld_questions(&bundled.dist);
    // The eight questions of the bundled security token FAQ.
    assert_eq!(seen.len(), 8, "{seen:?}");
    assert!(seen.values().all(|&n| n == 1), "{seen:?}");
}
