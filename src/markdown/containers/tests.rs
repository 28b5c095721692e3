use super::*;

fn run(text: &str) -> (String, Expanded<'_>) {
    let x = expand(text, &mut Slugger::default());
    (x.text.to_string(), x)
}

#[test]
fn text_without_triggers_is_borrowed() {
    let x = expand("# Title\n\nPlain text.\n", &mut Slugger::default());
    assert!(matches!(x.text, Cow::Borrowed(_)));
    assert_eq!(x.original_offset(5), 5);
}

#[test]
fn admonition_body_is_dedented_and_mapped_back() {
    let src = "Intro\n\n!!! note \"Heads up\"\n    Body with [a](b.md).\n\n    More.\n\nAfter\n";
    let (text, x) = run(src);
    assert!(
        text.contains("<div class=\"callout callout-note\" role=\"note\"><p class=\"callout-title\">Heads up</p>"),
        "{text}"
    );
    assert!(text.contains("\nBody with [a](b.md).\n"), "{text}");
    assert!(
        text.contains("</div>\n\nAfter\n") || text.contains("</div>\n\n\nAfter"),
        "{text}"
    );
    let at = text.find("[a]").unwrap();
    assert_eq!(x.original_offset(at), src.find("[a]").unwrap());
    let after = text.find("After").unwrap();
    assert_eq!(x.original_offset(after), src.find("After").unwrap());
}

#[test]
fn collapsible_and_untitled_admonitions() {
    let (text, _) = run("??? danger\n    x\n\n???+ tip \"Open\"\n    y\n\n!!! info \"\"\n    z\n");
    assert!(text.contains("<details class=\"callout callout-caution\"><summary class=\"callout-title\">Danger</summary>"), "{text}");
    assert!(text.contains("<details class=\"callout callout-tip\" open><summary class=\"callout-title\">Open</summary>"), "{text}");
    assert!(
        text.contains("<div class=\"callout callout-note\" role=\"note\">\n"),
        "{text}"
    );
    assert_eq!(text.matches("</details>").count(), 2);
}

#[test]
fn nested_admonitions_close_in_order() {
    let src = "!!! note\n    Outer\n\n    !!! warning\n        Inner\n\n    Outer again\n\nDone\n";
    let (text, _) = run(src);
    let inner = text.find("Inner").unwrap();
    let first_close = text.find("</div>").unwrap();
    let outer_again = text.find("Outer again").unwrap();
    assert!(inner < first_close && first_close < outer_again, "{text}");
    assert_eq!(text.matches("</div>").count(), 2);
    assert!(
        text.contains("\nInner\n"),
        "inner body dedented twice: {text}"
    );
}

#[test]
fn fenced_code_is_left_alone() {
    let src = "```\n!!! note\n    not an admonition\n```\n";
    let (text, _) = run(src);
    assert_eq!(text, src);
}

#[test]
fn tabs_make_one_set_until_other_content() {
    let src = "=== \"A\"\n    one\n\n=== \"B\"\n    two\n\nAfter\n\n=== \"C\"\n    three\n";
    let (text, _) = run(src);
    assert_eq!(text.matches("<div class=\"tabs\">").count(), 2, "{text}");
    assert!(
        text.contains(
            "id=\"tabs:1:1\" checked><label class=\"tab-label\" for=\"tabs:1:1\">A</label>"
        ),
        "{text}"
    );
    assert!(
        text.contains(
            "</div><input class=\"tab-input\" type=\"radio\" name=\"tabs:1\" id=\"tabs:1:2\">"
        ),
        "{text}"
    );
    assert!(
        text.contains("name=\"tabs:2\" id=\"tabs:2:1\" checked"),
        "{text}"
    );
    assert_eq!(text.matches("</div></div>").count(), 2, "{text}");
    let after = text.find("After").unwrap();
    assert!(text[..after].contains("</div></div>"), "{text}");
}

#[test]
fn new_set_marker_splits_sets() {
    let (text, _) = run("=== \"A\"\n    one\n\n===! \"B\"\n    two\n");
    assert_eq!(text.matches("<div class=\"tabs\">").count(), 2, "{text}");
}

#[test]
fn docusaurus_admonitions_nest_by_colons() {
    let src = "::::tip Outer title\n:::note\ninner\n:::\nouter\n::::\nafter\n";
    let (text, _) = run(src);
    assert!(text.contains("callout-tip"), "{text}");
    assert!(
        text.contains("<p class=\"callout-title\">Outer title</p>"),
        "{text}"
    );
    assert!(
        text.contains("<p class=\"callout-title\">Note</p>"),
        "{text}"
    );
    let inner_close = text.find("</div>").unwrap();
    assert!(
        inner_close > text.find("inner").unwrap() && inner_close < text.find("outer").unwrap(),
        "{text}"
    );
    assert!(!text.contains(":::"), "{text}");
}

#[test]
fn docusaurus_bracket_title_and_unclosed_line_of_colons() {
    let (text, _) = run(":::caution[Careful]\nbody\n:::\n\n:::\n");
    assert!(text.contains("callout-caution"), "{text}");
    assert!(text.contains(">Careful</p>"), "{text}");
    assert!(
        text.trim_end().ends_with(":::"),
        "a stray closer stays text: {text}"
    );
}

#[test]
fn admonition_in_a_list_item_keeps_the_item_indent() {
    let src = "- item\n\n    !!! note\n        inside\n\n- next\n";
    let (text, _) = run(src);
    assert!(text.contains("\n    <div class=\"callout"), "{text}");
    assert!(text.contains("\n    inside\n"), "{text}");
    assert!(text.contains("\n    </div>\n"), "{text}");
}

#[test]
fn unsupported_constructs_are_noted_once_per_kind() {
    let src = "Text\n\n```py\n--8<-- \"a.py\"\n```\n\n--8<-- \"b.md\"\n\n::: pkg.module\n\n[TOC]\n";
    let (_, x) = run(src);
    let whats: Vec<&str> = x.unsupported.iter().map(|u| u.what).collect();
    assert_eq!(whats.len(), 3, "{whats:?}");
    let snippet = &x.unsupported[0];
    assert!(snippet.what.contains("snippet"));
    assert_eq!(snippet.offset, src.find("--8<--").unwrap());
    assert_eq!(snippet.more, 1);
}

#[test]
fn marker_look_alikes_are_text() {
    for src in [
        "!!!Wow!!! great\n",
        "=== not a tab\n",
        "???\n",
        ":::\n",
        "!!! \"only title\"\n",
    ] {
        let (text, _) = run(src);
        assert_eq!(text, src, "{src:?}");
    }
}

#[test]
fn pymdownx_blocks_of_other_kinds_are_noted() {
    let (text, x) = run("/// caption\nA figure\n///\n");
    assert_eq!(text.trim(), "A figure");
    assert_eq!(x.unsupported.len(), 1);
    assert!(x.unsupported[0].what.contains("pymdownx.blocks"));
}

#[test]
fn pymdownx_blocks_render_as_callouts_details_and_tabs() {
    let src = "/// warning | Careful\nBody [a](a.md).\n///\n\n/// details | More\n    type: tip\n    open: true\n\nHidden\n///\n\n/// tab | One\nfirst\n///\n\n/// tab | Two\nsecond\n///\n\n/// tab | Three\n    new: true\n\nthird\n///\n\nAfter\n\n/// html | div.grid\ninside\n///\n";
    let (text, x) = run(src);
    assert!(text.contains("<div class=\"callout callout-warning\" role=\"note\"><p class=\"callout-title\">Careful</p>"), "{text}");
    assert!(text.contains("<details class=\"callout callout-tip\" open><summary class=\"callout-title\">More</summary>"), "{text}");
    assert!(!text.contains("type: tip"), "options are consumed: {text}");
    assert_eq!(text.matches("<div class=\"tabs\">").count(), 2, "{text}");
    assert!(text.contains("for=\"tabs:1:2\">Two</label>"), "{text}");
    assert!(text.contains("for=\"tabs:2:1\">Three</label>"), "{text}");
    assert_eq!(text.matches("</div></div>").count(), 2, "{text}");
    assert!(!text.contains("///"), "{text}");
    assert!(text.contains("\ninside\n"), "{text}");
    assert_eq!(x.unsupported.len(), 1, "the html block is noted");
    let at = text.find("[a]").unwrap();
    assert_eq!(x.original_offset(at), src.find("[a]").unwrap());
    let after = text.find("After").unwrap();
    assert!(
        text[..after].ends_with("</div></div>\n\n\n") || text[..after].contains("</div></div>"),
        "{text}"
    );
}

#[test]
fn generated_content_directives_are_left_out_with_their_options() {
    let src = "# API\n\n::: pkg.module\n    options:\n      show_source: false\n\n## ::: pkg.errors\n\n::: mkdocs-click\n    :module: app.cli\n\nAfter\n";
    let (text, x) = run(src);
    assert_eq!(text, "# API\n\nAfter\n");
    assert!(x.generated);
    assert_eq!(x.unsupported.len(), 1);
    assert_eq!(x.unsupported[0].more, 2);
}

#[test]
fn only_a_jinja_include_makes_anchors_unknown() {
    let (_, x) = run("{% if x %}\nText\n{% endif %}\n");
    assert!(!x.generated);
    assert_eq!(x.unsupported.len(), 1);
    let (_, x) = run("{% include 'snippets/intro.md' %}\n");
    assert!(x.generated);
}

#[test]
fn icon_shortcodes_are_noted() {
    let (text, x) = run("Done :material-check: and :octicons-mark-github-16: here.\n");
    assert_eq!(
        text,
        "Done :material-check: and :octicons-mark-github-16: here.\n"
    );
    assert_eq!(x.unsupported.len(), 1);
    assert!(x.unsupported[0].what.contains("icon"));
    let (_, x) = run("A :material- b\n");
    assert!(x.unsupported.is_empty());
}

#[test]
fn mdx_statements_and_comments_are_left_out() {
    let src = "import Tabs from '@theme/Tabs';\nimport {\n  a,\n} from './x';\nexport const meta = {a: 1};\n\n# Title\n\n{/* a comment */}\n\nText that says import things from there.\n\n<Tabs>\n</Tabs>\n";
    let x = expand_mdx(src, &mut Slugger::default());
    let text = x.text.to_string();
    assert!(text.starts_with("\n# Title\n"), "{text}");
    assert!(
        !text.contains("import Tabs") && !text.contains("export") && !text.contains("/*"),
        "{text}"
    );
    assert!(text.contains("Text that says import things from there."));
    let whats: Vec<&str> = x.unsupported.iter().map(|u| u.what).collect();
    assert_eq!(whats.len(), 2, "{whats:?}");
    let at = text.find("# Title").unwrap();
    assert_eq!(x.original_offset(at), src.find("# Title").unwrap());
    // In plain Markdown the same lines are text.
    let plain = expand("import x from 'y';\n", &mut Slugger::default());
    assert_eq!(plain.text, "import x from 'y';\n");
}
