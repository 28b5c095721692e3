//! Text that reaches JSON or XML inside the output is escaped for it: FAQ JSON-LD parses
//! whatever the answers hold, `check` reports an `application/ld+json` block that does not,
//! `updated:` dates are real calendar dates, and sitemap.xml stays well-formed.

use crate::util::{Run, Site, element, helpsite, json_ld};

const CONFIG: &str = "title: Escapes\nbase_url: https://help.example.com/\n";

/// An FAQ group whose answer holds an HTML comment (the documented ignore comment too),
/// `</script>` and `&`, and whose question holds `<`, `>` and `&`.
const TRICKY_FAQ: &str = r#"title: Tricky & <odd>
description: Answers that hold markup.
questions:
  - id: tricky
    question: "Is <b> & </script> safe?"
    answer: |
      <!-- helpsite-ignore: nbsp-entity -->
      Yes <!-- x --> and `</script>` & <span>a</span> > b.
"#;

fn tricky_site() -> Site {
    let site = Site::empty();
    site.write("helpsite.yaml", CONFIG);
    site.write(
        "content/index.md",
        "# Home\n\nSee the [FAQ](faq/tricky.yaml).\n",
    );
    site.write("content/faq/tricky.yaml", TRICKY_FAQ);
    site
}

/// The raw text of every JSON-LD script in `html`.
fn raw_json_ld(html: &str) -> Vec<&str> {
    let open = "<script type=\"application/ld+json\">";
    html.match_indices(open)
        .map(|(i, _)| {
            let body = &html[i + open.len()..];
            &body[..body.find("</script>").expect("closed script")]
        })
        .collect()
}

/// The one question's decoded JSON-LD answer text and name in `html`.
fn answer_and_name(html: &str) -> (String, String) {
    let docs = json_ld(html);
    assert_eq!(docs.len(), 1, "{docs:?}");
    let q = &docs[0]["mainEntity"][0];
    (
        q["acceptedAnswer"]["text"].as_str().unwrap().to_owned(),
        q["name"].as_str().unwrap().to_owned(),
    )
}

#[test]
fn invalid_json_ld_from_comments_script_ends_and_ampersands() {
    let site = tricky_site();
    site.build(&[]).ok();
    let group = site.read("faq/tricky/index.html");
    let embed = site.read("embed/faq/tricky/index.html");
    for html in [&group, &embed] {
        for raw in raw_json_ld(html) {
            // Only JSON escapes: nothing an HTML parser or a JSON parser could trip on.
            for bad in ["<", ">", "&", "<\\!", "\\!"] {
                assert!(!raw.contains(bad), "`{bad}` in JSON-LD: {raw}");
            }
            assert!(raw.contains("\\u003c!-- x --\\u003e"), "{raw}");
        }
    }
    // The decoded text round-trips: exactly the answer HTML the group page shows.
    let shown = element(&group, "details");
    let shown = shown
        .split("<div class=\"faq-answer\">")
        .nth(1)
        .unwrap()
        .split("<p class=\"faq-permalink\">")
        .next()
        .unwrap()
        .trim();
    let (text, name) = answer_and_name(&group);
    assert_eq!(text, shown);
    assert!(
        text.contains("<!-- helpsite-ignore: nbsp-entity -->"),
        "{text}"
    );
    assert!(text.contains("<!-- x -->"), "{text}");
    assert!(
        text.contains("<code>&lt;/script&gt;</code> &amp;"),
        "{text}"
    );
    assert_eq!(name, "Is <b> & </script> safe?");
    assert_eq!(answer_and_name(&embed), (text.clone(), name.clone()));
    assert_eq!(json_ld(&group)[0]["name"], "Tricky & <odd>");
}

#[test]
fn invalid_json_ld_is_reported_by_check() {
    let site = tricky_site();
    // The site's own JSON-LD parses, comments in answers and all.
    let run = check(&site);
    assert!(!run.stdout.contains("invalid-json-ld"), "{run}");
    // A theme that writes a JSON-LD block of its own, unescaped.
    site.write(
        "templates/redirect.html",
        "<!DOCTYPE html>\n<html><head><title>Moved</title>\n\
         <script type=\"application/ld+json\">{\"name\": \"{{ page.title }}\",}</script>\n\
         </head><body><a href=\"{{ page.target }}\">Moved</a></body></html>\n",
    );
    site.write(
        "content/guides/a.md",
        "---\ntitle: A\ndescription: The page about a.\naliases: [/old-a/]\n---\n\
         Text about a.\n\n\
         <script type=\"application/ld+json\">\n{\"@type\": \"Thing\" \"name\": \"a\"}\n</script>\n",
    );
    let run = check(&site);
    assert_eq!(run.code, 1, "{run}");
    let findings: Vec<&str> = run
        .stdout
        .lines()
        .chain(run.stderr.lines())
        .filter(|l| l.contains("error[invalid-json-ld]"))
        .collect();
    assert_eq!(findings.len(), 2, "{run}");
    // Written in the page's Markdown: the page source is the location.
    let all = format!("{}{}", run.stdout, run.stderr);
    assert!(all.contains("content/guides/a.md:9:"), "{run}");
    // Written by a template: the template line, and the output file in the message.
    assert!(all.contains("templates/redirect.html:3:"), "{run}");
    assert!(all.contains("old-a/index.html"), "{run}");
}

fn check(site: &Site) -> Run {
    helpsite(
        site.tmp.path(),
        &["check", "--root", site.root.to_str().unwrap()],
    )
}

/// A site with one page per `updated:` value, `content/d<i>.md`.
fn dated_site(dates: &[&str]) -> Site {
    let site = Site::empty();
    site.write("helpsite.yaml", CONFIG);
    for (i, date) in dates.iter().enumerate() {
        site.write(
            &format!("content/d{i}.md"),
            format!("---\ntitle: Page {i}\nupdated: {date}\n---\nText.\n"),
        );
    }
    site
}

#[track_caller]
fn fails_writing_nothing(site: &Site) -> Run {
    let run = site.build(&[]).fatal();
    assert!(run.stderr.contains("nothing was written"), "{run}");
    assert!(!site.dist().exists(), "a failed build wrote dist/");
    run
}

#[test]
fn updated_banana_is_an_error_with_its_location() {
    let site = dated_site(&["banana"]);
    fails_writing_nothing(&site)
        .stderr_has("content/d0.md:3:10")
        .stderr_has("`banana`")
        .stderr_has("YYYY-MM-DD");
}

#[test]
fn updated_february_30_is_an_error_with_its_location() {
    let site = dated_site(&[
        "2026-02-30",
        "2023-02-29",
        "1900-02-29",
        "2026-04-31",
        "2026-13-01",
        "2026-00-10",
        "2026-01-00",
        "2026-1-05",
        "\"2026-01-05T10:00:00\"",
    ]);
    let run = fails_writing_nothing(&site);
    for i in 0..9 {
        run.stderr_has(&format!("content/d{i}.md:3:10"));
    }
    run.stderr_has("`2026-02-30`");
    // The FAQ question's `updated:` too, at its own line and column.
    let site = Site::empty();
    site.write("helpsite.yaml", CONFIG);
    site.write(
        "content/faq/general.yaml",
        "title: General\nquestions:\n  - id: one\n    question: One?\n    updated: 2025-02-29\n    answer: Yes.\n",
    );
    fails_writing_nothing(&site)
        .stderr_has("content/faq/general.yaml:5:14")
        .stderr_has("`2025-02-29`");
}

#[test]
fn updated_leap_days_are_valid_dates() {
    let site = dated_site(&["2024-02-29", "2000-02-29", "'2026-12-31'"]);
    site.write(
        "content/faq/general.yaml",
        "title: General\nquestions:\n  - id: one\n    question: One?\n    updated: 2024-02-29\n    answer: Yes.\n",
    );
    site.build(&[]).ok();
    let page = site.read("d0/index.html");
    assert!(
        page.contains("<time datetime=\"2024-02-29\">2024-02-29</time>"),
        "{page}"
    );
    let sitemap = site.read("sitemap.xml");
    well_formed(&sitemap);
    for date in ["2024-02-29", "2000-02-29", "2026-12-31"] {
        assert!(
            sitemap.contains(&format!("<lastmod>{date}</lastmod>")),
            "{sitemap}"
        );
    }
}

#[test]
fn sitemap_injection_through_updated_is_refused() {
    let site = dated_site(&[
        "\"2026-01-01</lastmod></url><url><loc>https://evil.example/</loc><lastmod>2026-01-01\"",
    ]);
    fails_writing_nothing(&site).stderr_has("content/d0.md:3:10");
}

#[test]
fn sitemap_escapes_and_encodes_page_urls() {
    let site = Site::empty();
    site.write("helpsite.yaml", CONFIG);
    site.write("content/index.md", "# Home\n");
    site.write(
        "content/q&a.md",
        "---\ntitle: \"Q&A </loc><url><loc>https://evil.example/\"\naliases: [\"/old&<x>/\"]\n---\nText.\n",
    );
    site.write("content/it's <new>.md", "# New\n");
    site.write("content/100% über.md", "# Percent\n");
    site.build(&[]).ok();
    let sitemap = site.read("sitemap.xml");
    well_formed(&sitemap);
    assert_eq!(sitemap.matches("<url>").count(), 4, "{sitemap}");
    assert!(!sitemap.contains("evil.example"), "{sitemap}");
    for loc in [
        "<loc>https://help.example.com/</loc>",
        "<loc>https://help.example.com/q&amp;a/</loc>",
        "<loc>https://help.example.com/it&#39;s%20%3Cnew%3E/</loc>",
        "<loc>https://help.example.com/100%25%20%C3%BCber/</loc>",
    ] {
        assert!(sitemap.contains(loc), "{loc} missing from\n{sitemap}");
    }
}

/// A small well-formedness check for the sitemap's kind of XML (no attributes with `>`,
/// no CDATA): tags nest and close, text holds no `<`, and every `&` starts an entity.
#[track_caller]
fn well_formed(xml: &str) {
    let body = xml
        .strip_prefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        .unwrap_or_else(|| panic!("no XML declaration: {xml}"));
    let mut open: Vec<&str> = Vec::new();
    let mut rest = body;
    while let Some(lt) = rest.find('<') {
        text_ok(&rest[..lt], xml);
        let gt = rest[lt..].find('>').expect("tag closed") + lt;
        let tag = &rest[lt + 1..gt];
        assert!(!tag.contains('<'), "`<` inside a tag: {tag}");
        if let Some(name) = tag.strip_prefix('/') {
            assert_eq!(open.pop(), Some(name), "mismatched </{name}> in\n{xml}");
        } else if !tag.ends_with('/') {
            open.push(tag.split_whitespace().next().unwrap_or(""));
        }
        rest = &rest[gt + 1..];
    }
    text_ok(rest, xml);
    assert!(open.is_empty(), "unclosed {open:?}");
}

#[track_caller]
fn text_ok(text: &str, xml: &str) {
    assert!(!text.contains('>'), "`>` in text `{text}` of\n{xml}");
    for (i, _) in text.match_indices('&') {
        let entity = &text[i..text[i..].find(';').map_or(text.len(), |e| i + e + 1)];
        let known = ["&amp;", "&lt;", "&gt;", "&quot;", "&apos;"].contains(&entity)
            || (entity.starts_with("&#") && entity.len() > 3);
        assert!(known, "bare `&` in `{text}` of\n{xml}");
    }
}
