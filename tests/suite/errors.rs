//! Bad input: every case exits 2 with a message naming `path:line:col`, never panics, and
//! writes nothing.

use crate::util::{Run, Site};

/// Build fixture `errors/<case>` (plus extra files), expect a clean fatal error, and check
/// that nothing was written.
fn fails(case: &str, extra: &[(&str, &[u8])]) -> Run {
    let site = Site::fixture(&format!("errors/{case}"));
    for (rel, bytes) in extra {
        site.write(rel, bytes);
    }
    let run = site.build(&[]).fatal();
    assert!(run.stderr.contains("nothing was written"), "{run}");
    assert!(
        !site.dist().exists(),
        "a failed build wrote {}",
        site.dist().display()
    );
    run
}

#[test]
fn broken_front_matter_yaml() {
    fails("front-matter-yaml", &[])
        .stderr_has("error[yaml]")
        .stderr_has("content/broken.md:2:8")
        .stderr_has("title: \"unclosed");
}

#[test]
fn unknown_config_key_suggests_the_right_one() {
    fails("config-unknown-key", &[])
        .stderr_has("unknown key `titel`")
        .stderr_has("helpsite.yaml:1:1")
        .stderr_has("did you mean `title`?");
}

#[test]
fn broken_faq_yaml() {
    fails("faq-yaml", &[])
        .stderr_has("error[yaml]")
        .stderr_has("content/faq/broken.yaml:4:15");
}

#[test]
fn duplicate_faq_id() {
    fails("faq-duplicate-id", &[])
        .stderr_has("FAQ id `same` is used twice")
        .stderr_has("content/faq/dup.yaml:6:9");
}

#[test]
fn faq_entry_without_answer() {
    fails("faq-missing-answer", &[])
        .stderr_has("`Where is the answer?` has no answer")
        .stderr_has("content/faq/open.yaml:7:15");
}

#[test]
fn template_including_a_missing_template() {
    fails("template-missing-include", &[])
        .stderr_has("partials/nowhere.html")
        .stderr_has("templates/page.html:3:12");
}

#[test]
fn template_extending_a_missing_template() {
    fails("template-missing-extends", &[])
        .stderr_has("no-such-base.html")
        .stderr_has("templates/page.html:1:1");
}

#[test]
fn tera_syntax_error_names_the_overriding_template() {
    fails("template-syntax", &[])
        .stderr_has("error[template]")
        .stderr_has("templates/page.html:3:19");
}

#[test]
fn invalid_utf8_in_markdown() {
    let latin1: &[u8] = b"---\ntitle: Caf\xe9\n---\n\nText.\n";
    fails("front-matter-yaml", &[("content/latin1.md", latin1)])
        .stderr_has("`content/latin1.md` is not valid UTF-8")
        .stderr_has("content/latin1.md:2:11");
}

#[test]
fn unknown_faq_group_suggests_the_right_one() {
    fails("unknown-faq-group", &[])
        .stderr_has("no FAQ group `faq/genral`")
        .stderr_has("content/guide.md:3:1")
        .stderr_has("did you mean `faq/general`?");
}

#[test]
fn every_bad_file_is_reported_in_one_run() {
    let latin1: &[u8] = b"---\ntitle: Fine\n---\n\ncaf\xe9 au lait\n";
    let run = fails("many-bad-files", &[("content/latin1.md", latin1)]);
    run.stderr_has("content/broken.md:2:8")
        .stderr_has("content/faq/dup.yaml:6:9")
        .stderr_has("content/faq/open.yaml:7:15")
        .stderr_has("content/latin1.md:5:4")
        .stderr_has("helpsite: 4 errors; nothing was written");
    assert_eq!(run.stderr.matches("error[").count(), 4, "{run}");
}
