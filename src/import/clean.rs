//! Repairs made on the parsed HTML before it becomes Markdown: invisible characters and
//! `&nbsp;`, empty paragraphs and links, scripts, lazy images, tables without a header
//! row, `<pre>` without `<code>`, bold headings. Each repair is counted.

use super::dom;
use super::repairs::{Repair, Repairs};
use html5ever::tendril::StrTendril;
use markup5ever_rcdom::{Handle, NodeData};

/// Remove invisible and control characters everywhere, and turn non-breaking spaces into
/// plain spaces outside code.
pub fn text(root: &Handle, repairs: &mut Repairs) {
    for node in dom::text_nodes(root) {
        let NodeData::Text { contents } = &node.data else {
            continue;
        };
        let in_code = dom::inside(&node, &["pre", "code", "kbd", "samp"]);
        let (fixed, invisible, nbsp) = clean_str(&contents.borrow(), !in_code);
        if invisible + nbsp > 0 {
            *contents.borrow_mut() = StrTendril::from(fixed.as_str());
            repairs.add(Repair::InvisibleChar, invisible);
            repairs.add(Repair::Nbsp, nbsp);
        }
    }
    for el in dom::elements(root) {
        for name in ["alt", "title", "href", "src"] {
            if let Some(v) = dom::attr(&el, name) {
                let (fixed, invisible, nbsp) = clean_str(&v, true);
                if invisible + nbsp > 0 {
                    let fixed = if name == "href" || name == "src" {
                        fixed.trim().to_owned()
                    } else {
                        fixed
                    };
                    dom::set_attr(&el, name, &fixed);
                    repairs.add(Repair::InvisibleChar, invisible);
                    repairs.add(Repair::Nbsp, nbsp);
                }
            }
        }
    }
}

/// `(cleaned, invisible characters removed, non-breaking spaces replaced)`.
pub fn clean_str(s: &str, replace_nbsp: bool) -> (String, usize, usize) {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let (mut invisible, mut nbsp) = (0, 0);
    for (i, &c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).map(|j| chars[j]);
        let next = chars.get(i + 1).copied();
        if is_invisible(c, prev, next) {
            invisible += 1;
        } else if c == '\u{a0}' && replace_nbsp {
            nbsp += 1;
            out.push(' ');
        } else {
            out.push(c);
        }
    }
    (out, invisible, nbsp)
}

/// Zero-width and formatting characters that only hide in prose. Joiners stay where they
/// do real work: U+200D inside emoji sequences, U+200C/U+200D between letters of scripts
/// that shape with them (Persian, Indic).
fn is_invisible(c: char, prev: Option<char>, next: Option<char>) -> bool {
    let joins_script = |p: Option<char>| p.is_some_and(|p| p.is_alphabetic() && p > '\u{36f}');
    let emoji = |p: Option<char>| {
        p.is_some_and(|p| p >= '\u{2190}' && !p.is_alphanumeric() && !p.is_whitespace())
    };
    match c {
        '\u{200b}' | '\u{2060}' | '\u{feff}' | '\u{ad}' => true,
        '\u{200c}' => !(joins_script(prev) && joins_script(next)),
        '\u{200d}' => !((joins_script(prev) && joins_script(next)) || (emoji(prev) && emoji(next))),
        '\t' | '\n' | '\r' => false,
        c => c.is_control(),
    }
}

/// Count HTML entities written in `html`: `(non-breaking spaces, all others)`.
pub fn count_entities(html: &str) -> (usize, usize) {
    let (mut nbsp, mut other) = (0, 0);
    let mut rest = html;
    while let Some(i) = rest.find('&') {
        rest = &rest[i + 1..];
        let end = rest
            .char_indices()
            .take(32)
            .find(|&(_, c)| !(c.is_ascii_alphanumeric() || c == '#'));
        if let Some((j, ';')) = end
            && j > 0
        {
            match &rest[..j] {
                "nbsp" | "#160" | "#xa0" | "#xA0" => nbsp += 1,
                _ => other += 1,
            }
        }
    }
    (nbsp, other)
}

/// Structural repairs. Returns the sources of embedded frames (now links), which a human
/// may want to embed again.
pub fn structure(root: &Handle, repairs: &mut Repairs) -> Vec<String> {
    let mut embeds = Vec::new();
    for el in dom::elements(root) {
        if dom::parent(&el).is_none() {
            continue; // already removed with an ancestor
        }
        let tag = dom::tag(&el).unwrap_or_default().to_owned();
        match tag.as_str() {
            "script" | "style" | "noscript" | "form" | "button" | "input" | "select"
            | "textarea" | "template" => {
                dom::detach(&el);
                repairs.add(Repair::Script, 1);
            }
            "iframe" | "embed" | "object" | "video" | "audio" => embed(&el, &mut embeds, repairs),
            "img" => lazy_image(&el, repairs),
            "pre" => pre_code(&el, repairs),
            "table" => header_row(&el, repairs),
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => bold_heading(&el, repairs),
            _ if is_table_of_contents(&el) => {
                dom::detach(&el);
                repairs.add(Repair::TableOfContents, 1);
            }
            _ => {}
        }
    }
    for el in dom::elements(root) {
        if dom::is(&el, &["a"]) && dom::attr(&el, "href").is_some() && is_empty(&el) {
            dom::detach(&el);
            repairs.add(Repair::EmptyLink, 1);
        }
    }
    empty_paragraphs(root, repairs);
    embeds
}

/// Drop paragraphs and headings with nothing to show.
pub fn empty_paragraphs(root: &Handle, repairs: &mut Repairs) {
    for el in dom::elements(root) {
        if dom::is(&el, &["p", "h1", "h2", "h3", "h4", "h5", "h6"]) && is_empty(&el) {
            dom::detach(&el);
            repairs.add(Repair::EmptyParagraph, 1);
        }
    }
}

fn is_empty(el: &Handle) -> bool {
    dom::text(el).trim().is_empty()
        && !dom::elements(el).iter().any(|e| {
            dom::is(
                e,
                &["img", "iframe", "video", "audio", "object", "embed", "svg"],
            )
        })
}

fn is_table_of_contents(el: &Handle) -> bool {
    const TOC: &[&str] = &[
        "ez-toc-container",
        "wp-block-rank-math-toc-block",
        "rank-math-toc",
        "wp-block-yoast-seo-table-of-contents",
        "yoast-table-of-contents",
        "lwptoc",
        "toc_container",
    ];
    TOC.iter()
        .any(|t| dom::attr(el, "id").as_deref() == Some(*t) || dom::has_class(el, t))
}

fn embed(el: &Handle, embeds: &mut Vec<String>, repairs: &mut Repairs) {
    let src = dom::attr(el, "src").or_else(|| dom::attr(el, "data"));
    match src.filter(|s| s.starts_with("http")) {
        Some(src) => {
            let label = dom::attr(el, "title")
                .filter(|t| !t.trim().is_empty())
                .unwrap_or_else(|| "Embedded content".to_owned());
            let p = dom::element("p");
            let a = dom::element("a");
            dom::set_attr(&a, "href", &src);
            dom::append(&a, dom::text_node(&label));
            dom::append(&p, a);
            dom::replace_with(el, vec![p]);
            embeds.push(src);
        }
        None => dom::detach(el),
    }
    repairs.add(Repair::Embed, 1);
}

fn lazy_image(img: &Handle, repairs: &mut Repairs) {
    let src = dom::attr(img, "src").unwrap_or_default();
    if !src.trim().is_empty() && !src.starts_with("data:") {
        return;
    }
    let real = ["data-src", "data-lazy-src", "data-original"]
        .iter()
        .find_map(|a| dom::attr(img, a).filter(|v| !v.trim().is_empty()));
    match real {
        Some(real) => {
            dom::set_attr(img, "src", real.trim());
            repairs.add(Repair::LazyImage, 1);
        }
        None => dom::detach(img),
    }
}

fn pre_code(pre: &Handle, repairs: &mut Repairs) {
    // Code cannot hold markup: line breaks become newlines, other tags (highlighting,
    // formatting the parser carried in) go, their text stays.
    for el in dom::elements(pre) {
        if dom::is(&el, &["br"]) {
            dom::replace_with(&el, vec![dom::text_node("\n")]);
        } else if !dom::is(&el, &["code"]) {
            dom::unwrap(&el);
        }
    }
    if dom::elements(pre).iter().any(|e| dom::is(e, &["code"])) {
        return;
    }
    let code = dom::element("code");
    let lang = dom::attr(pre, "class").and_then(|c| {
        c.split_whitespace()
            .find_map(|c| c.strip_prefix("lang-").or(c.strip_prefix("language-")))
            .map(str::to_owned)
    });
    if let Some(lang) = lang {
        dom::set_attr(&code, "class", &format!("language-{lang}"));
    }
    dom::adopt_children(pre, &code);
    dom::append(pre, code);
    repairs.add(Repair::PreCode, 1);
}

fn header_row(table: &Handle, repairs: &mut Repairs) {
    let cells = dom::elements(table);
    if cells.iter().any(|e| dom::is(e, &["th", "thead"])) {
        return;
    }
    let Some(first_row) = cells.iter().find(|e| dom::is(e, &["tr"])) else {
        return;
    };
    for td in dom::children(first_row) {
        if dom::is(&td, &["td"]) {
            dom::retag(&td, "th");
        }
    }
    repairs.add(Repair::HeaderRow, 1);
}

fn bold_heading(h: &Handle, repairs: &mut Repairs) {
    let bold: Vec<Handle> = dom::elements(h)
        .into_iter()
        .filter(|e| dom::is(e, &["strong", "b"]))
        .collect();
    for b in &bold {
        dom::unwrap(b);
    }
    if !bold.is_empty() {
        repairs.add(Repair::BoldHeading, 1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invisible_characters_go_but_working_joiners_stay() {
        let (s, inv, nbsp) = clean_str("a\u{200b}b\u{feff}c\u{ad}d\u{2060}e\u{a0}f\u{1}", true);
        assert_eq!((s.as_str(), inv, nbsp), ("abcde f", 5, 1));
        let family = "👩\u{200d}💻";
        assert_eq!(clean_str(family, true).0, family);
        let persian = "می\u{200c}خواهم";
        assert_eq!(clean_str(persian, true).0, persian);
        assert_eq!(clean_str("to\u{200c}ken", true).0, "token");
        assert_eq!(clean_str("x\u{a0}y", false).0, "x\u{a0}y");
    }

    #[test]
    fn structural_repairs_are_made_and_counted() {
        let c = super::super::to_markdown::converter();
        let doc = c
            .html_to_tree(
                "<h2><strong>Title</strong></h2><p>&nbsp;</p><h3> </h3><a href=\"x\"> </a>\
                 <pre class=\"lang-sh\">ls<br><b>-la</b></pre><img src=\"data:,\" data-src=\"/a.png\" alt=\"A\">\
                 <table><tr><td>k</td><td>v</td></tr><tr><td>1</td><td>2</td></tr></table>\
                 <script>x()</script><div id=\"ez-toc-container\"><a href=\"#t\">t</a></div>",
            )
            .unwrap();
        let body = dom::body(&doc);
        let mut r = Repairs::default();
        text(&body, &mut r);
        structure(&body, &mut r);
        let md = super::super::to_markdown::convert(&c, &body);
        assert_eq!(
            md,
            "## Title\n\n```sh\nls\n-la\n```\n\n![A](/a.png)\n\n| k | v |\n| - | - |\n| 1 | 2 |\n"
        );
        for (kind, n) in [
            (Repair::BoldHeading, 1),
            (Repair::EmptyParagraph, 2),
            (Repair::EmptyLink, 1),
            (Repair::PreCode, 1),
            (Repair::LazyImage, 1),
            (Repair::HeaderRow, 1),
            (Repair::Script, 1),
            (Repair::TableOfContents, 1),
            (Repair::Nbsp, 1),
        ] {
            assert_eq!(r.count(kind), n, "{kind:?}");
        }
    }

    #[test]
    fn entities_are_counted() {
        assert_eq!(
            count_entities("a&nbsp;b &#8217; &amp; &#xa0; & no; &x"),
            (2, 2)
        );
    }
}
