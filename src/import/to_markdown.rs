//! Cleaned HTML to Markdown with htmd (a turndown.js port), set up for helpsite's dialect:
//! `-` bullets, fenced code, GFM tables and strikethrough; `<sub>`, `<sup>` and `<kbd>` stay
//! inline HTML, which helpsite passes through.

use htmd::element_handler::{HandlerResult, Handlers};
use htmd::options::{BulletListMarker, Options};
use htmd::{Element, HtmlToMarkdown};
use markup5ever_rcdom::Handle;

/// The converter; build it once per import.
pub fn converter() -> HtmlToMarkdown {
    HtmlToMarkdown::builder()
        .options(Options {
            bullet_list_marker: BulletListMarker::Dash,
            ul_bullet_spacing: 1,
            ol_number_spacing: 1,
            ..Options::default()
        })
        .add_handler(vec!["del", "s", "strike"], strikethrough)
        .add_handler(vec!["sub", "sup", "kbd"], inline_html)
        .build()
}

fn strikethrough(handlers: &dyn Handlers, element: Element) -> Option<HandlerResult> {
    let inner = handlers.walk_children(element.node).content;
    let inner = inner.trim();
    (!inner.is_empty()).then(|| format!("~~{inner}~~").into())
}

fn inline_html(handlers: &dyn Handlers, element: Element) -> Option<HandlerResult> {
    let inner = handlers.walk_children(element.node).content;
    let tag = element.tag;
    Some(format!("<{tag}>{}</{tag}>", inner.trim()).into())
}

/// Markdown for `node` (a body or an FAQ answer), tidied: no trailing blanks on blank lines,
/// at most one empty line in a row outside code, one final newline.
pub fn convert(converter: &HtmlToMarkdown, node: &Handle) -> String {
    tidy(&converter.tree_to_markdown(node))
}

fn tidy(md: &str) -> String {
    let mut out = String::with_capacity(md.len() + 1);
    let mut blank_run = 0;
    let mut fence: Option<String> = None;
    for line in md.lines() {
        let trimmed = line.trim_start();
        if let Some(f) = &fence {
            if trimmed.starts_with(f.as_str())
                && trimmed.trim_start_matches(['`', '~']).trim().is_empty()
            {
                fence = None;
            }
            out.push_str(line);
            out.push('\n');
            continue;
        }
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            let marker: String = trimmed
                .chars()
                .take_while(|&c| c == '`' || c == '~')
                .collect();
            fence = Some(marker);
        }
        if line.trim().is_empty() {
            blank_run += 1;
            if blank_run == 1 && !out.is_empty() {
                out.push('\n');
            }
            continue;
        }
        blank_run = 0;
        out.push_str(line);
        out.push('\n');
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn md(html: &str) -> String {
        let c = converter();
        convert(&c, &c.html_to_tree(html).unwrap())
    }

    #[test]
    fn helpsite_dialect() {
        let out = md(
            "<h2>Set up</h2><p>Use <del>old</del> H<sub>2</sub>O, press <kbd>Ctrl</kbd>.</p>\
             <ul><li>one</li><li>two</li></ul><ol><li>first</li></ol>\
             <pre><code class=\"language-bash\">echo  hi\n\n\nbye</code></pre><p>&nbsp;</p><p>end</p>",
        );
        assert_eq!(
            out,
            "## Set up\n\nUse ~~old~~ H<sub>2</sub>O, press <kbd>Ctrl</kbd>.\n\n- one\n- two\n\n1. first\n\n```bash\necho  hi\n\n\nbye\n```\n\nend\n"
        );
    }

    #[test]
    fn tables_with_headers() {
        let out = md(
            "<table><thead><tr><th>A</th><th>B</th></tr></thead><tbody><tr><td>1</td><td>x | y</td></tr></tbody></table>",
        );
        assert!(out.starts_with("| A"), "{out}");
        assert!(out.contains("| 1 "), "{out}");
    }
}
