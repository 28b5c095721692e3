//! The FAQ feed and embed pages, on the bundled site: the JSON validates against the schema
//! the site ships, answers match the site's HTML, and embed pages are bare and safe.

use std::path::{Path, PathBuf};
use std::process::Command;

#[path = "node_support/mod.rs"]
#[allow(dead_code)]
mod node_support;
use node_support::{build, repo};

fn bundled() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dist = tmp.path().join("dist");
    build(&repo(), &dist);
    (tmp, dist)
}

fn json(path: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

#[test]
fn feeds_validate_against_the_shipped_schema() {
    let (_tmp, dist) = bundled();
    let schema = json(&dist.join("api/faq/schema.json"));
    let validator = jsonschema::validator_for(&schema).unwrap();
    for feed in ["api/faq/security-token.json", "api/faq/index.json"] {
        let doc = json(&dist.join(feed));
        let errors: Vec<String> = validator.iter_errors(&doc).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{feed}: {errors:?}");
    }
    // The schema is not a pushover: a question without an answer fails it.
    let mut broken = json(&dist.join("api/faq/security-token.json"));
    broken["questions"][0]
        .as_object_mut()
        .unwrap()
        .remove("answer_html");
    assert!(!validator.is_valid(&broken));
    let index = json(&dist.join("api/faq/index.json"));
    assert_eq!(index["groups"].as_array().unwrap().len(), 1);
    assert_eq!(index["groups"][0]["questions"].as_array().unwrap().len(), 8);
}

#[test]
fn answer_html_is_the_sites_html_and_answer_text_has_no_markup() {
    let (_tmp, dist) = bundled();
    let feed = json(&dist.join("api/faq/security-token.json"));
    let page = std::fs::read_to_string(dist.join("faq/security-token/index.html")).unwrap();
    for q in feed["questions"].as_array().unwrap() {
        let id = q["id"].as_str().unwrap();
        let start = page
            .find(&format!("<details class=\"faq-item\" id=\"{id}\">"))
            .unwrap();
        let answer_start = start + page[start..].find("<div class=\"faq-answer\">").unwrap();
        let body = &page[answer_start + "<div class=\"faq-answer\">".len()..];
        let body = &body[..body.find("<p class=\"faq-permalink\">").unwrap()];
        assert_eq!(
            body.trim(),
            q["answer_html"].as_str().unwrap().trim(),
            "answer {id}"
        );
        let text = q["answer_text"].as_str().unwrap();
        assert!(!text.is_empty());
        assert!(
            !text.contains('<') && !text.contains('>') && !text.contains("&amp;"),
            "{text}"
        );
        assert!(
            !text.contains(" ."),
            "no stray spaces where tags were: {text}"
        );
        assert_eq!(
            q["url"].as_str().unwrap(),
            format!("https://help.example.com/faq/security-token/#{id}")
        );
    }
}

#[test]
fn embed_pages_are_bare_with_valid_faq_json_ld() {
    let (_tmp, dist) = bundled();
    let html = std::fs::read_to_string(dist.join("embed/faq/security-token/index.html")).unwrap();
    assert!(!html.contains("<nav"), "no site navigation in an embed");
    assert!(
        !html.contains("_static/style.css"),
        "not the site's stylesheet"
    );
    // Shared by every group's page instead of inlined in each.
    assert!(!html.contains("<style"), "{html}");
    assert!(
        html.contains("href=\"../../../_static/embed.css\""),
        "{html}"
    );
    assert!(html.contains("src=\"../../../_static/embed.js\""), "{html}");
    for shared in ["_static/embed.css", "_static/embed.js"] {
        assert!(dist.join(shared).is_file(), "{shared}");
    }
    assert!(html.contains("<base target=\"_top\">"));
    assert_eq!(html.matches("<details id=").count(), 8);
    let ld = extract_json_ld(&html);
    assert_eq!(ld["@type"], "FAQPage");
    let entities = ld["mainEntity"].as_array().unwrap();
    assert_eq!(entities.len(), 8);
    for e in entities {
        assert_eq!(e["@type"], "Question");
        assert!(
            e["acceptedAnswer"].is_object(),
            "one acceptedAnswer object each"
        );
        assert_eq!(e["acceptedAnswer"]["@type"], "Answer");
    }
    // A question is `#id` on its group's page, not a page of its own.
    assert!(!dist.join("embed/faq/security-token/no-email").exists());
    assert!(dist.join("embed/helpsite-embed.js").is_file());
}

#[test]
fn links_can_open_in_a_new_tab_instead() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    std::fs::create_dir_all(root.join("content/faq")).unwrap();
    std::fs::write(
        root.join("helpsite.yaml"),
        "title: T\nembed:\n  links: new-tab\n",
    )
    .unwrap();
    std::fs::write(
        root.join("content/faq/general.yaml"),
        "title: General\nquestions:\n  - question: Is this a test?\n    answer: Yes.\n",
    )
    .unwrap();
    let dist = tmp.path().join("dist");
    build(&root, &dist);
    let html = std::fs::read_to_string(dist.join("embed/faq/general/index.html")).unwrap();
    assert!(html.contains("<base target=\"_blank\">"));
    let feed = json(&dist.join("api/faq/general.json"));
    assert_eq!(feed["questions"][0]["id"], "is-this-a-test");
    assert_eq!(feed["questions"][0]["url"], "/faq/general/#is-this-a-test");

    std::fs::write(
        root.join("helpsite.yaml"),
        "title: T\nembed:\n  links: sideways\n",
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_helpsite"))
        .args(["build", "--root"])
        .arg(&root)
        .arg("--out")
        .arg(tmp.path().join("dist2"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("helpsite.yaml:3:"), "{err}");
}

#[test]
fn invalid_json_ld_from_comments_in_embedded_answers() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    std::fs::create_dir_all(root.join("content/faq")).unwrap();
    std::fs::write(root.join("helpsite.yaml"), "title: T\n").unwrap();
    std::fs::write(
        root.join("content/faq/general.yaml"),
        "title: General & <more>\nquestions:\n  - id: odd\n    question: \"Is </script> & <!-- ok?\"\n    \
         answer: |\n      <!-- helpsite-ignore: nbsp-entity -->\n      Yes <!-- x --> and `</script>` & a > b.\n",
    )
    .unwrap();
    let dist = tmp.path().join("dist");
    build(&root, &dist);
    let feed = json(&dist.join("api/faq/general.json"));
    let answer = feed["questions"][0]["answer_html"].as_str().unwrap().trim();
    assert!(answer.contains("<!-- x -->"), "{answer}");
    let html = std::fs::read_to_string(dist.join("embed/faq/general/index.html")).unwrap();
    let ld = extract_json_ld(&html);
    assert_eq!(ld["name"], "General & <more>");
    let q = &ld["mainEntity"][0];
    assert_eq!(q["name"], "Is </script> & <!-- ok?");
    assert_eq!(q["acceptedAnswer"]["text"], answer);
}

/// The first JSON-LD block of `html`, parsed as it is: a browser takes the script's text
/// verbatim, so no unescaping here either.
fn extract_json_ld(html: &str) -> serde_json::Value {
    let start = html.find("<script type=\"application/ld+json\">").unwrap() + 35;
    let end = start + html[start..].find("</script>").unwrap();
    let text = &html[start..end];
    serde_json::from_str(text).unwrap_or_else(|e| panic!("invalid JSON-LD ({e}): {text}"))
}

#[test]
fn links_between_questions_stay_on_the_group_embed() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    std::fs::create_dir_all(root.join("content/faq")).unwrap();
    std::fs::write(
        root.join("content/faq/general.yaml"),
        "title: General\nquestions:\n  - id: a\n    question: What is A?\n    answer: |\n      See [B](#b) and [the note](#note).\n\n      ## Note\n\n      Text.\n  - id: b\n    question: What is B?\n    answer: B is B.\n",
    )
    .unwrap();
    // The build checks every link of every output, embed pages included: it must pass.
    let dist = tmp.path().join("dist");
    build(&root, &dist);
    let group = std::fs::read_to_string(dist.join("embed/faq/general/index.html")).unwrap();
    assert!(group.contains("href=\"#b\""), "{group}");
    assert!(group.contains("href=\"#note\""), "{group}");
    let ids: Vec<_> = std::fs::read_dir(dist.join("embed/faq/general"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(ids, ["index.html"], "no page per question");
}
