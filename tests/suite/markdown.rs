//! The Markdown dialect as it shows in built pages: heading ids and permalinks, the table of
//! contents, callouts, GFM extras, smart punctuation and highlighted code.

use crate::util::{Site, attr_values, element};

fn markdown_page() -> (Site, String) {
    let site = Site::fixture("features");
    site.build(&[]).ok();
    let html = site.read("guides/markdown/index.html");
    (site, html)
}

#[test]
fn headings_get_github_ids_suffixes_and_permalinks() {
    let (_site, html) = markdown_page();
    let article = element(&html, "article");
    for (level, id, text) in [
        (2, "set-up", "Set up"),
        (2, "set-up-1", "Set up"),
        (2, "set-up-2", "Set up"),
        (3, "my-anchor", "Custom anchor"),
        (2, "tables-and-lists", "Tables and lists"),
    ] {
        let h = format!(
            "<h{level} id=\"{id}\">{text}<a class=\"anchor\" href=\"#{id}\" tabindex=\"-1\" aria-label=\"Permalink: {text}\">#</a></h{level}>"
        );
        // MkDocs numbers repeats `set-up_1`: that id is an anchor too, for docs written for it.
        let mkdocs = id.replace("set-up-", "set-up_");
        let aliased = format!(
            "<h{level} id=\"{id}\"><a id=\"{mkdocs}\"></a>{text}<a class=\"anchor\" href=\"#{id}\" tabindex=\"-1\" aria-label=\"Permalink: {text}\">#</a></h{level}>"
        );
        assert!(
            article.contains(&h) || (mkdocs != id && article.contains(&aliased)),
            "missing {h}\n{article}"
        );
    }
    // `{#my-anchor}` is consumed, not shown.
    assert!(!article.contains("{#"), "{article}");
    let ids = attr_values(&html, "id");
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(ids.len(), unique.len(), "duplicate ids: {ids:?}");
}

#[test]
fn pages_have_a_table_of_contents() {
    let (_site, html) = markdown_page();
    let toc = element(&html, "aside");
    assert!(toc.contains("class=\"toc\""), "{toc}");
    let hrefs = attr_values(toc, "href");
    assert_eq!(
        hrefs,
        [
            "#set-up",
            "#set-up-1",
            "#set-up-2",
            "#my-anchor",
            "#callouts",
            "#tables-and-lists",
            "#code"
        ]
    );
    assert!(
        toc.contains("<li class=\"toc-h3\"><a href=\"#my-anchor\">Custom anchor</a></li>"),
        "{toc}"
    );
}

#[test]
fn github_alerts_become_callouts() {
    let (_site, html) = markdown_page();
    for (class, label, text) in [
        ("note", "Note", "A note for readers."),
        ("tip", "Tip", "A helpful tip."),
        ("important", "Important", "Something important."),
        ("warning", "Warning", "A warning."),
        ("caution", "Caution", "Be careful."),
    ] {
        let callout = format!(
            "<div class=\"callout callout-{class}\" role=\"note\"><p class=\"callout-title\">{label}</p>\n<p>{text}</p>\n</div>"
        );
        assert!(html.contains(&callout), "missing {callout}\n{html}");
    }
    assert!(!html.contains("[!NOTE]"), "{html}");
    assert!(html.contains("<blockquote>\n<p>A plain quote stays a quote.</p>\n</blockquote>"));
}

#[test]
fn gfm_extras_and_smart_punctuation() {
    let (_site, html) = markdown_page();
    let article = element(&html, "article");
    assert!(
        article.contains("<table><thead><tr><th>Option</th><th>Meaning</th></tr></thead>"),
        "{article}"
    );
    assert!(
        article.contains("<td><code>-q</code></td><td>quiet</td>"),
        "{article}"
    );
    assert!(
        article.contains("<input type=\"checkbox\" disabled checked aria-label=\"Done\">"),
        "{article}"
    );
    assert!(
        article.contains("<input type=\"checkbox\" disabled aria-label=\"Not done\">"),
        "{article}"
    );
    assert!(article.contains("<del>wrong</del> right"), "{article}");
    assert!(
        article.contains(
            "\u{201c}Smart quotes\u{201d} \u{2013} and dashes \u{2014} and ellipses\u{2026}"
        ),
        "{article}"
    );
    assert!(
        article.contains("<sup class=\"footnote-reference\"><a href=\"#note\">1</a></sup>"),
        "{article}"
    );
    assert!(
        article.contains("<div class=\"footnote-definition\" id=\"note\">"),
        "{article}"
    );
}

#[test]
fn code_is_highlighted_with_classes_and_a_light_and_dark_stylesheet() {
    let (site, html) = markdown_page();
    assert!(html.contains("<pre class=\"code hl\"><code class=\"language-rust\"><span class=\"hl-source hl-rust\">"), "{html}");
    assert!(
        html.contains("<span class=\"hl-storage hl-type hl-function hl-rust\">fn</span>"),
        "{html}"
    );
    // No inline colours: the stylesheet does it.
    assert!(!element(&html, "article").contains("style="), "{html}");
    assert!(html.contains("<pre class=\"code\"><code class=\"language-text\">plain text is not highlighted\n</code></pre>"));
    assert!(
        html.contains("<link rel=\"stylesheet\" href=\"../../_static/highlight.css\">"),
        "{html}"
    );

    let css = site.read("_static/highlight.css");
    assert!(css.contains(".hl-storage"), "no light rules");
    assert!(
        css.contains(":root[data-theme=\"dark\"] .hl-"),
        "no dark-toggle rules"
    );
    assert!(
        css.contains("@media (prefers-color-scheme: dark)"),
        "no system-dark rules"
    );
    assert!(
        css.contains(":root:not([data-theme=\"light\"]) .hl-"),
        "system dark overrides the toggle"
    );
}

#[test]
fn unknown_language_and_front_matter_key_warn_but_build() {
    let site = Site::fixture("warnings");
    let run = site.build(&[]).ok();
    assert_eq!(run.warning_count(), 2, "{run}");
    assert_eq!(run.summary_warnings(), 2, "{run}");
    run.stderr_has("warning[front-matter-unknown-key]: unknown front-matter key `weigth`")
        .stderr_has("content/index.md:3:1")
        .stderr_has("did you mean `weight`?")
        .stderr_has("warning[unknown-code-language]: unknown code-block language `klingon`")
        .stderr_has("content/index.md:8:1");
    let html = site.read("index.html");
    let plain = "<pre class=\"code\"><code class=\"language-klingon\">qapla&#39;\n</code></pre>";
    assert!(html.contains(plain), "{html}");
}

#[test]
fn code_blocks_get_titles_line_numbers_and_marked_lines() {
    let (_site, html) = markdown_page();
    // MkDocs form: a title bar, numbers from 5 (generated content, hidden from readers) and
    // marked lines 2 and 4-5, each line its own well-formed span.
    let titled = "<div class=\"code-block\"><div class=\"code-title\">app.py</div><pre class=\"code hl linenums\"><code class=\"language-python\"><span class=\"line\"><span class=\"ln\" data-n=\"5\" aria-hidden=\"true\"></span>";
    assert!(html.contains(titled), "{html}");
    let python = html
        .split(titled)
        .nth(1)
        .and_then(|rest| rest.split("</code></pre>").next())
        .map(|rest| format!("<span class=\"line\">{rest}"))
        .unwrap_or_default();
    let lines: Vec<&str> = python
        .split("<span class=\"line")
        .skip(1)
        .map(|l| l.split_once('>').map_or("", |(class, _)| class))
        .collect();
    assert_eq!(lines, ["\"", " marked\"", "\"", " marked\"", " marked\""]);
    for n in 6..=9 {
        assert!(python.contains(&format!("data-n=\"{n}\"")), "line {n}");
    }
    // Docusaurus form `{2,4-5}`: no numbers, the same marks.
    let js = html
        .split("<pre class=\"code hl\"><code class=\"language-js\">")
        .nth(1)
        .and_then(|rest| rest.split("</code></pre>").next())
        .unwrap_or_default();
    assert_eq!(
        js.matches("<span class=\"line marked\">").count(),
        3,
        "{js}"
    );
    assert_eq!(js.matches("<span class=\"line\">").count(), 2, "{js}");
    assert!(!js.contains("class=\"ln\""), "{js}");
    // Blocks without options are unchanged: no line spans.
    assert!(html.contains("<pre class=\"code\"><code class=\"language-text\">plain text is not highlighted\n</code></pre>"));
}
