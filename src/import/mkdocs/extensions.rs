//! What helpsite's Markdown does with each Python-Markdown extension a MkDocs site may
//! enable, and what to do about each MkDocs plugin. One table each, so they can follow the
//! renderer as it learns more.

use super::config::Yml;
use crate::diagnostic::Diagnostic;

/// How far helpsite's Markdown covers an extension.
enum Support {
    /// Built in: nothing to report.
    Built,
    /// Partly built in, or not at all: what a reader gets instead.
    Partly(&'static str),
    Not(&'static str),
}

use Support::{Built, Not, Partly};

const EXTENSIONS: &[(&str, Support)] = &[
    ("tables", Built),
    ("fenced_code", Built),
    ("footnotes", Built),
    ("toc", Built),
    ("meta", Built),
    ("smarty", Built),
    ("sane_lists", Built),
    ("codehilite", Built),
    ("pymdownx.highlight", Built),
    ("pymdownx.superfences", Built),
    ("pymdownx.tasklist", Built),
    ("pymdownx.tilde", Built),
    ("pymdownx.betterem", Built),
    (
        "pymdownx.caret",
        Partly("`^superscript^` works; `^^insert^^` shows as written"),
    ),
    ("pymdownx.saneheaders", Built),
    ("admonition", Built),
    ("pymdownx.details", Built),
    ("pymdownx.tabbed", Built),
    (
        "attr_list",
        Partly(
            "ids and classes on headings (`## Title {#id .class}`) work; after other elements an id becomes an anchor and the rest is dropped",
        ),
    ),
    (
        "pymdownx.inlinehilite",
        Partly("inline code shows, without highlighting"),
    ),
    (
        "extra",
        Partly(
            "tables, footnotes, fenced code and heading ids work; definition lists, abbreviations and Markdown inside HTML do not",
        ),
    ),
    ("pymdownx.blocks.admonition", Built),
    ("pymdownx.blocks.details", Built),
    ("pymdownx.blocks.tab", Built),
    (
        "pymdownx.blocks.html",
        Partly("the block's content shows, without the element around it"),
    ),
    (
        "pymdownx.blocks.caption",
        Partly("the caption shows as a paragraph, not a figure caption"),
    ),
    (
        "pymdownx.snippets",
        Not("`--8<--` includes are not expanded: paste the included text into the pages"),
    ),
    (
        "pymdownx.emoji",
        Not("`:shortcodes:` show as text: use the emoji characters themselves"),
    ),
    ("pymdownx.arithmatex", Not("math shows as its source text")),
    (
        "pymdownx.magiclink",
        Partly("bare URLs become links; repository shorthands (`@user`, `#123`) do not"),
    ),
    ("pymdownx.mark", Built),
    ("pymdownx.keys", Built),
    ("pymdownx.critic", Not("CriticMarkup shows as typed")),
    (
        "pymdownx.smartsymbols",
        Not("`(c)`, `-->` and the like show as typed"),
    ),
    (
        "pymdownx.escapeall",
        Not("backslash escapes follow CommonMark"),
    ),
    ("pymdownx.progressbar", Not("progress bars show as text")),
    ("def_list", Not("definition lists show as paragraphs")),
    ("abbr", Not("abbreviations are not marked up")),
    (
        "md_in_html",
        Not("Markdown inside HTML blocks is not rendered"),
    ),
    (
        "nl2br",
        Not("single line breaks follow CommonMark (they join lines)"),
    ),
    (
        "wikilinks",
        Not("`[[Page]]` links show as text: write relative `.md` links"),
    ),
];

/// The warning for one entry of `markdown_extensions`, unless helpsite has it built in.
pub fn report(yml: Yml, name: &str, at: (usize, usize)) -> Option<Diagnostic> {
    let plain = name.strip_prefix("markdown.extensions.").unwrap_or(name);
    let span = name.chars().count();
    let found = EXTENSIONS.iter().find(|(n, _)| *n == plain).map(|(_, s)| s);
    let (message, help) = match found {
        Some(Built) => return None,
        Some(Partly(help)) => (
            format!("Markdown extension `{name}` is only partly carried over"),
            *help,
        ),
        Some(Not(help)) => (
            format!("Markdown extension `{name}` is not carried over"),
            *help,
        ),
        None => (
            format!("unknown Markdown extension `{name}` is not carried over"),
            "pages that rely on it may show its syntax as plain text",
        ),
    };
    Some(
        yml.warning("import-extension", at, span, message)
            .help(help),
    )
}

/// What to do instead of a MkDocs plugin.
pub fn plugin_help(name: &str) -> &'static str {
    match name {
        "tags" => {
            "the pages keep their `tags:`, available to templates; helpsite makes no tag index page"
        }
        "blog" => "posts become plain pages; helpsite has no blog index, archive or feed",
        "macros" => {
            "Jinja variables and macros in pages are not expanded: replace them with their text"
        }
        "include-markdown" => "includes are not expanded: paste the included text into the pages",
        "awesome-pages" | "literate-nav" => {
            "`.pages` files and nav files are not read: order pages with `weight:` in their front matter"
        }
        "git-revision-date-localized" | "git-revision-date" => {
            "set `updated:` in the pages' front matter to show a date"
        }
        "minify" | "optimize" | "privacy" | "offline" => {
            "helpsite output is already self-contained static files"
        }
        "social" => "set `description:` in the pages' front matter for Open Graph text",
        "i18n" | "static-i18n" => {
            "list the plugin's `languages` (each with `locale:`, one with `default: true`) to carry them over as helpsite's `language:` and `languages:`"
        }
        "mkdocstrings" => {
            "API reference pages are not generated: write or generate them as Markdown"
        }
        _ => "helpsite does not run MkDocs plugins",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn built_in_extensions_are_silent_and_others_located() {
        let yml = Yml {
            src: "a\nb\n",
            shown: Path::new("mkdocs.yml"),
        };
        assert!(report(yml, "tables", (1, 1)).is_none());
        assert!(report(yml, "markdown.extensions.toc", (1, 1)).is_none());
        assert!(report(yml, "admonition", (1, 1)).is_none());
        let d = report(yml, "pymdownx.snippets", (2, 5)).unwrap();
        assert_eq!(d.to_string().split(": ").next(), Some("mkdocs.yml:2:5"));
        let d = report(yml, "my.extension", (1, 3)).unwrap();
        assert!(d.message.starts_with("unknown"), "{}", d.message);
    }
}
