use super::*;
use crate::discover::kind_of;

fn source(rel: &str) -> Source {
    Source {
        kind: kind_of(rel),
        abs: PathBuf::from(rel),
        rel: rel.to_owned(),
        shown: shown(rel),
    }
}

#[test]
fn front_matter_is_split_and_body_located() {
    let src = "---\ntitle: Hi\nweight: 2\n---\n# Body\n".to_owned();
    let (page, warnings) = parse_page(source("a.md"), src).unwrap();
    assert_eq!(page.front.title.as_deref(), Some("Hi"));
    assert_eq!(page.front.weight, Some(2));
    assert_eq!(page.body(), "# Body\n");
    assert_eq!(page.body_origin.line, 5);
    assert!(warnings.is_empty());
}

#[test]
fn no_front_matter_is_fine() {
    let (page, _) = parse_page(source("a.md"), "plain *text*\n".to_owned()).unwrap();
    assert_eq!(page.front, FrontMatter::default());
    assert_eq!(page.body(), "plain *text*\n");
}

#[test]
fn unknown_front_matter_key_warns_with_suggestion() {
    let src = "---\ntitle: a\nweigth: 3\nlayout: post\n---\nx".to_owned();
    let (_, warnings) = parse_page(source("g/a.md"), src).unwrap();
    assert_eq!(warnings.len(), 2);
    assert_eq!(
        warnings[0].location,
        Some(Location::new("content/g/a.md", 3, 1))
    );
    assert_eq!(warnings[0].help.as_deref(), Some("did you mean `weight`?"));
}

#[test]
fn broken_front_matter_yaml_is_located_in_file() {
    let src = "---\ntitle: a\nweight: [1\n---\nx".to_owned();
    let err = parse_page(source("a.md"), src).unwrap_err();
    let loc = err.location.unwrap();
    assert!(loc.line >= 3, "{loc}");
    assert!(err.source_line.is_some());
}

#[test]
fn a_first_line_that_opens_no_front_matter_is_a_thematic_break() {
    for src in [
        "---\ntitle: a\n",
        "---\n\nSome prose after a rule.\n\n## Heading\n",
        "---\nJust text\n---\nMore\n",
        "---\n- a list\n---\n",
    ] {
        let (page, warnings) = parse_page(source("a.md"), src.to_owned()).unwrap();
        assert_eq!(page.body(), src, "{src:?}");
        assert_eq!(page.front, FrontMatter::default());
        assert_eq!(warnings.len(), 1, "{src:?}");
        assert_eq!(warnings[0].rule, "front-matter-thematic-break");
        assert_eq!(
            warnings[0].location,
            Some(Location::new("content/a.md", 1, 1))
        );
    }
    // Front matter that is meant as such still fails loudly when its YAML is wrong.
    let err = parse_page(source("a.md"), "---\ntitle: [a\n---\nx".to_owned()).unwrap_err();
    assert_eq!(err.rule, "yaml");
    let (page, w) = parse_page(
        source("a.md"),
        "---\n# comment\n\"title\": A\n---\nx".to_owned(),
    )
    .unwrap();
    assert_eq!((page.front.title.as_deref(), w.len()), (Some("A"), 0));
}

#[test]
fn yaml_files_are_faq_groups_only_with_a_top_level_questions_key() {
    assert!(is_faq_group(b"title: T\nquestions:\n  - id: a\n"));
    assert!(is_faq_group(b"\xEF\xBB\xBFquestions: []\n"));
    assert!(is_faq_group(b"title: [broken\nquestions:\n"));
    assert!(!is_faq_group(b"apiVersion: v1\nkind: Pod\n"));
    assert!(!is_faq_group(b"services:\n  web:\n    questions: 1\n"));
    assert!(!is_faq_group(b"questionsx: 1\n"));
}

#[test]
fn tags_accept_one_or_many() {
    let (p, _) = parse_page(source("a.md"), "---\ntags: x\n---\n".to_owned()).unwrap();
    assert_eq!(p.front.tags.into_vec(), vec!["x"]);
}

const FAQ: &str = "title: T\nquestions:\n  - id: one\n    question: First?\n    answer: |\n      Line **one**.\n\n      Line two.\n  - question: Second one?\n    answer: \"Yes.\"\n";

#[test]
fn faq_parses_and_derives_missing_ids() {
    let faq = parse_faq(source("faq/x.yaml"), FAQ.to_owned()).unwrap();
    assert_eq!(faq.questions.len(), 2);
    assert_eq!(faq.questions[1].id, "second-one");
    let q = &faq.questions[0];
    assert_eq!(q.answer_origin.line, 6);
    assert_eq!(q.answer_origin.col, 7);
    let loc = q
        .answer_origin
        .locate(Path::new("f"), &q.answer, q.answer.find("two").unwrap());
    assert_eq!((loc.line, loc.col), (8, 12));
}

#[test]
fn faq_duplicate_id_and_missing_answer_are_all_reported() {
    let src = "questions:\n  - id: a\n    question: A?\n    answer: x\n  - id: a\n    question: B?\n    answer: y\n  - question: C?\n";
    let errs = parse_faq(source("faq/x.yaml"), src.to_owned()).unwrap_err();
    let rules: Vec<_> = errs.iter().map(|e| e.rule).collect();
    assert_eq!(rules, vec!["faq-duplicate-id", "faq-missing-answer"]);
    assert_eq!(errs[0].location.as_ref().unwrap().line, 5);
    assert_eq!(errs[1].location.as_ref().unwrap().line, 8);
}

#[test]
fn faq_unknown_key_is_an_error_with_suggestion() {
    let src = "questions:\n  - question: A?\n    anwser: x\n";
    let errs = parse_faq(source("faq/x.yaml"), src.to_owned()).unwrap_err();
    assert_eq!(errs[0].help.as_deref(), Some("did you mean `answer`?"));
    assert_eq!(errs[0].location.as_ref().unwrap().line, 3);
}

use std::path::Path;

#[test]
fn titles_from_names_write_abbreviations_in_capitals() {
    assert_eq!(title_from_file("faq"), "FAQ");
    assert_eq!(title_from_file("guides/api-keys.md"), "API keys");
    assert_eq!(title_from_file("faqs/_index.md"), "Index");
    assert_eq!(title_from_file("sso-and-mfa.yaml"), "SSO and MFA");
    assert_eq!(title_from_file("your-apis.md"), "Your APIs");
    assert_eq!(title_from_file("setup-steps.md"), "Setup steps");
}
