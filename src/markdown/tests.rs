use super::*;

fn render_str(text: &str) -> Rendered {
    render_with(text, false)
}

fn render_with(text: &str, diagrams: bool) -> Rendered {
    let input = Input {
        text,
        origin: Origin::body(3),
        path: Path::new("content/a.md"),
        file_src: text,
        skip: None,
        lines: Default::default(),
        labels: &crate::markdown::ENGLISH,
        lint: true,
    };
    let rewrite = |d: &str| d.replace(".md", "/");
    render(
        &input,
        &rewrite,
        &Highlighter::new(),
        diagrams,
        &mut Slugger::default(),
    )
}

#[test]
fn headings_get_unique_github_ids_and_anchors() {
    let r = render_str("## Set up\n\n## Set up\n\n### Custom {#mine}\n");
    let ids: Vec<_> = r.headings.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(ids, ["set-up", "set-up-1", "mine"]);
    assert!(
        r.html
            .contains("<h2 id=\"set-up\">Set up<a class=\"anchor\" href=\"#set-up\"")
    );
}

#[test]
fn links_are_rewritten_and_located() {
    let r = render_str("Intro\n\nSee [the guide](other.md#x) and ![pic](img.png).\n");
    assert_eq!(r.links.len(), 2);
    assert_eq!(r.links[0].dest, "other.md#x");
    assert_eq!(r.links[0].href, "other/#x");
    assert_eq!((r.links[0].location.line, r.links[0].location.col), (5, 5));
    assert!(r.links[1].is_image);
    assert!(r.html.contains("href=\"other/#x\""));
}

#[test]
fn alerts_become_callouts() {
    let r = render_str("> [!WARNING]\n> Careful.\n");
    assert!(r.html.contains("callout callout-warning"), "{}", r.html);
    assert!(r.html.contains("Careful."));
}

#[test]
fn code_is_highlighted_and_unknown_language_warns() {
    let r = render_str("```python\nprint('hi')\n```\n\n```klingon\nqapla\n```\n");
    assert!(r.html.contains("hl-"), "{}", r.html);
    assert_eq!(r.warnings.len(), 1);
    assert_eq!(r.warnings[0].rule, "unknown-code-language");
    assert_eq!(r.warnings[0].location.as_ref().unwrap().line, 7);
}

#[test]
fn sections_split_at_headings() {
    let r = render_str("Lead text.\n\n## One\n\nAlpha *beta*.\n\n## Two\n\n- gamma\n- delta\n");
    let s: Vec<_> = r
        .sections
        .iter()
        .map(|s| (s.id.as_str(), s.text.as_str()))
        .collect();
    assert_eq!(
        s,
        [
            ("", "Lead text."),
            ("one", "Alpha beta."),
            ("two", "gamma delta")
        ]
    );
}

#[test]
fn leading_h1_is_found() {
    let h = leading_h1("# Hello `x`\n\ntext").unwrap();
    assert_eq!(h.text, "Hello x");
    assert_eq!(h.range.start, 0);
    assert_eq!(h.id, None);
    assert!(leading_h1("text\n\n# Later").is_none());
    let h = leading_h1("# Hello { #hi .x }\n").unwrap();
    assert_eq!((h.text.as_str(), h.id.as_deref()), ("Hello", Some("hi")));
    let h = leading_h1("# Hello { id=\"there\" }\n").unwrap();
    assert_eq!(h.id.as_deref(), Some("there"));
}

/// Parsing only the first block must agree with parsing the whole document.
#[test]
fn leading_h1_of_the_first_block_matches_a_full_parse() {
    for doc in [
        "\n\n# Title\n\nBody\n",
        "Setext title\n============\n\nBody\n",
        "# [Linked][ref] title\n\nBody\n\n[ref]: https://example.com\n",
        "[ref]: /x\n\n# After a definition\n",
        "    # indented code\n\n# Real\n",
        "<!-- a comment\n\nthat spans blocks -->\n\n# Title\n",
        "- # In a list\n\n- item\n",
        "> # Quoted\n\n# Real\n",
        "```\n# not a heading\n\n```\n",
        "# Only a title",
        "A paragraph with [a link](x.md).\n\n# Later\n",
        "Title with [a link](x.md)\n===\n\nBody\n",
        "  ## Indented h2\n\nBody\n",
        "   # Three spaces\n",
        "\t# Tab\n",
        "Para\n= not an underline\n",
        "<h1>Raw</h1>\n\n# Real\n",
    ] {
        assert_eq!(leading_h1(doc), heading_at_start(doc), "{doc:?}");
    }
    assert_eq!(
        leading_h1("# [Linked][ref] title\n\n[ref]: /x\n").map(|h| h.text),
        Some("Linked title".to_owned())
    );
}

#[test]
fn gfm_extras_render() {
    let r = render_str(
        "| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] done\n\n~~old~~ \"quoted\"[^1]\n\n[^1]: note\n",
    );
    assert!(r.html.contains("<table>"));
    assert!(r.html.contains("type=\"checkbox\""));
    assert!(r.html.contains("<del>old</del>"));
    assert!(r.html.contains("\u{201c}quoted\u{201d}"));
    assert!(r.html.contains("footnote"));
}

#[test]
fn footnote_labels_do_not_collide_with_heading_ids() {
    let r = render_str("## Note\n\nText[^note].\n\n[^note]: A footnote.\n");
    assert_eq!(r.headings[0].id, "note-1");
    assert_eq!(r.html.matches("id=\"note\"").count(), 1, "{}", r.html);
}

#[test]
fn links_inside_admonitions_and_tabs_are_rewritten_and_located() {
    let text = "Intro\n\n!!! tip \"Try\"\n    See [reset](reset.md#top).\n\n=== \"One\"\n    [one](one.md)\n\n=== \"Two\"\n    ## Inside a tab\n\n    [two](two.md)\n";
    let r = render_str(text);
    let at = |dest: &str| {
        let l = r.links.iter().find(|l| l.dest == dest).unwrap();
        (l.location.line, l.location.col)
    };
    // Origin::body(3): the text starts on line 3 of its file.
    assert_eq!(at("reset.md#top"), (6, 9));
    assert_eq!(at("one.md"), (9, 5));
    assert_eq!(at("two.md"), (14, 5));
    assert!(r.html.contains("href=\"reset/#top\""), "{}", r.html);
    assert!(r.html.contains("<h2 id=\"inside-a-tab\""), "{}", r.html);
    assert!(r.html.contains(
        "<div class=\"callout callout-tip\" role=\"note\"><p class=\"callout-title\">Try</p>"
    ));
    assert_eq!(
        r.html.matches("<div").count(),
        r.html.matches("</div>").count(),
        "{}",
        r.html
    );
}

#[test]
fn docusaurus_and_github_callouts_share_one_component() {
    let r = render_str(":::warning Mind the gap\nText\n:::\n\n> [!WARNING]\n> Text\n");
    let open = "<div class=\"callout callout-warning\" role=\"note\"><p class=\"callout-title\">";
    assert_eq!(r.html.matches(open).count(), 2, "{}", r.html);
}

#[test]
fn heading_attribute_lists_set_ids() {
    let r = render_str(
        "## One { #first .x }\n\n## Two {: #second }\n\n## Three { id=\"third\" }\n\n## third\n",
    );
    let ids: Vec<&str> = r.headings.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(ids, ["first", "second", "third", "third-1"]);
    assert!(
        r.html.contains("<h2 id=\"first\" class=\"x\">"),
        "{}",
        r.html
    );
}

#[test]
fn bare_urls_become_links_outside_code_and_links() {
    let r = render_str(
        "Visit https://example.com/a_b?c=1. Or www.example.org, or (https://x.org/p(q)).\n\n`https://code.example` [https://l.example](https://l.example) <a href=\"https://raw.example\">https://raw.example</a>\n\n```\nhttps://block.example\n```\n",
    );
    let dests: Vec<&str> = r.links.iter().map(|l| l.dest.as_str()).collect();
    assert_eq!(
        dests,
        [
            "https://example.com/a_b?c=1",
            "http://www.example.org",
            "https://x.org/p(q)",
            "https://l.example"
        ]
    );
    assert!(
        r.html
            .contains("<a href=\"https://example.com/a_b?c=1\">https://example.com/a_b?c=1</a>."),
        "{}",
        r.html
    );
    assert!(
        r.html
            .contains("<a href=\"http://www.example.org\">www.example.org</a>,"),
        "{}",
        r.html
    );
    assert_eq!(r.html.matches("code.example").count(), 1);
    assert!(!r.html.contains("<a href=\"https://block.example"));
    let first = &r.links[0];
    assert_eq!((first.location.line, first.location.col), (3, 7));
}

#[test]
fn unsupported_syntax_warns_with_its_location() {
    let r = render_str("Text\n\n--8<-- \"snippets/a.md\"\n");
    assert_eq!(r.warnings.len(), 1);
    let w = &r.warnings[0];
    assert_eq!(w.rule, "unsupported-markdown");
    let loc = w.location.as_ref().unwrap();
    assert_eq!((loc.line, loc.col), (5, 1));
}

#[test]
fn inline_attribute_lists_give_anchors_and_never_show_as_text() {
    let r = render_str(
        "[](){#cmd-setup}\nA **term**{ #term .x } and ![img](i.png){ width=\"300\" } and [btn](b.md){ .md-button }.\n\nPara\n{: #para .note }\n\nKeep {this} and {#not after space}.\n",
    );
    for id in ["cmd-setup", "term", "para"] {
        assert!(
            r.html.contains(&format!("<a id=\"{id}\"></a>")),
            "{id}: {}",
            r.html
        );
    }
    assert!(!r.html.contains("width"), "{}", r.html);
    assert!(!r.html.contains("md-button"), "{}", r.html);
    assert!(
        !r.html.contains("href=\"\""),
        "the empty autorefs link is gone: {}",
        r.html
    );
    assert!(
        r.html.contains("Keep {this} and {#not after space}."),
        "{}",
        r.html
    );
    let dests: Vec<&str> = r.links.iter().map(|l| l.dest.as_str()).collect();
    assert_eq!(dests, ["i.png", "b.md"]);
}

#[test]
fn headings_also_answer_to_the_ids_mkdocs_gives_them() {
    let r = render_str("## 3.0.0 - 2018-09-21\n\n## Templates\n\n## Templates\n\n## Plain words\n");
    let ids: Vec<&str> = r.headings.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "300---2018-09-21",
            "templates",
            "templates-1",
            "plain-words"
        ]
    );
    assert!(
        r.html.contains("<a id=\"300-2018-09-21\"></a>"),
        "{}",
        r.html
    );
    assert!(r.html.contains("<a id=\"templates_1\"></a>"), "{}", r.html);
    assert_eq!(
        r.html.matches("<a id=").count(),
        2,
        "only where the ids differ: {}",
        r.html
    );
}

#[test]
fn superscripts_carry_attribute_list_anchors() {
    let r =
        render_str("See CSS^[†](#_fn_1)^.\n\n^†^{#\\_fn_1} CSS is not included.\n\nx^2 stays.\n");
    assert!(r.html.contains("<sup>"), "{}", r.html);
    assert!(r.html.contains("<a id=\"_fn_1\"></a>"), "{}", r.html);
    assert!(r.html.contains("x^2 stays."), "{}", r.html);
}

#[test]
fn keys_and_marks_render_outside_code() {
    let r = render_str("Press ++ctrl+c++ to ==copy==. `++ctrl+c++` stays.\n");
    assert!(
        r.html
            .contains("<span class=\"keys\"><kbd>Ctrl</kbd>+<kbd>C</kbd></span>"),
        "{}",
        r.html
    );
    assert!(r.html.contains("<mark>copy</mark>"), "{}", r.html);
    assert!(r.html.contains("<code>++ctrl+c++</code>"), "{}", r.html);
}

#[test]
fn containers_inside_blockquotes() {
    let text = "> TIP: Hint\n>\n> === \"One\"\n>     See [one](one.md).\n>\n> === \"Two\"\n>     Two.\n\nAfter [x](x.md)\n";
    let r = render_str(text);
    assert!(r.html.contains("<blockquote>"), "{}", r.html);
    assert!(r.html.contains("<div class=\"tabs\">"), "{}", r.html);
    assert!(
        r.html.contains("for=\"tabs:1:2\">Two</label>"),
        "{}",
        r.html
    );
    let at = |dest: &str| {
        let l = r.links.iter().find(|l| l.dest == dest).unwrap();
        (l.location.line, l.location.col)
    };
    assert_eq!(at("one.md"), (6, 11));
    assert_eq!(at("x.md"), (11, 7));
    let end = r.html.find("</blockquote>").unwrap();
    assert!(
        r.html[..end].contains("</div></div>"),
        "the tab set closes inside the quote: {}",
        r.html
    );
}
