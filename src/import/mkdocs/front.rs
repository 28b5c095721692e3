//! Front matter for an imported page: `title`, `weight` and `aliases` added to what the
//! page already has. Existing keys are never replaced, and the rest of the file is kept
//! byte for byte: new lines go just above the closing `---`, or in a new block on top.

use super::config::Yml;
use super::nav::Title;
use super::tree::Node;
use crate::diagnostic::Diagnostic;
use crate::discover::{Source, SourceKind};
use crate::import::emit::scalar;
use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};
use std::path::Path;

/// What the nav and redirects give a page.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Additions {
    pub title: Option<Title>,
    pub weight: Option<i64>,
    /// Alias URLs, each with the position of its redirect in `mkdocs.yml`.
    pub aliases: Vec<(String, (usize, usize))>,
}

/// The page's text with the additions, or `None` when nothing is added. Warnings say what
/// was not added and why.
pub fn merge(
    src: &str,
    shown: &Path,
    add: &Additions,
    yml: Yml,
    warnings: &mut Vec<Diagnostic>,
) -> Option<String> {
    let existing = existing(src, shown, warnings)?;
    let has = |k: &str| existing.keys.iter().any(|x| x == k);
    let mut lines = Vec::new();
    if let Some(title) = add.title.as_ref().filter(|_| !has("title")) {
        let body = &src[existing.body_start..];
        lines.extend(title_line(title, body, yml, warnings));
    }
    if let Some(w) = add.weight.filter(|_| !has("weight")) {
        lines.push(format!("weight: {w}"));
    }
    if has("aliases") {
        for (url, at) in &add.aliases {
            let message = format!(
                "the redirect to `{}` was not added: the page already has `aliases:`",
                shown.display()
            );
            let warning = yml.warning("import-redirect", *at, 1, message);
            warnings.push(warning.help(format!("add `{url}` to its aliases by hand")));
        }
    } else if !add.aliases.is_empty() {
        lines.push("aliases:".to_owned());
        let items = add
            .aliases
            .iter()
            .map(|(u, _)| format!("  - {}", scalar(u)));
        lines.extend(items);
    }
    (!lines.is_empty()).then(|| insert(src, existing.block.as_ref(), &lines))
}

/// What the page has: its front-matter block and keys, and where its body starts.
struct Existing {
    block: Option<Block>,
    keys: Vec<String>,
    body_start: usize,
}

/// Read the page's front matter as helpsite will; `None` (with a warning) when it cannot.
fn existing(src: &str, shown: &Path, warnings: &mut Vec<Diagnostic>) -> Option<Existing> {
    let source = Source {
        kind: SourceKind::Page,
        abs: shown.to_path_buf(),
        rel: String::new(),
        shown: shown.to_path_buf(),
    };
    let body_start = match crate::load::parse_page(source, src.to_owned()) {
        Ok((page, _)) => page.body_start,
        Err(e) => {
            let message = format!("no title, weight or aliases were added: {}", e.message);
            let mut w = Diagnostic::warning("import-front-matter", message)
                .help("fix the front matter, then add them by hand");
            w.location = e.location;
            w.source_line = e.source_line;
            warnings.push(w);
            return None;
        }
    };
    let block = (body_start > 0).then(|| front_block(src, body_start));
    let keys = match &block {
        Some(b) => keys(&src[b.yaml.clone()], shown)?,
        None => Vec::new(),
    };
    Some(Existing {
        block,
        keys,
        body_start,
    })
}

/// The `title:` line for a nav title, unless the page's own leading heading says something
/// else: helpsite shows that heading as the title then, so the nav title is reported.
fn title_line(
    title: &Title,
    body: &str,
    yml: Yml,
    warnings: &mut Vec<Diagnostic>,
) -> Option<String> {
    match leading_heading(body) {
        Some(h) if !same_words(&h, &title.text) => {
            let message = format!(
                "nav title `{}` is not carried over: the page's heading `{h}` stays its title",
                title.text
            );
            let span = title.text.chars().count();
            let help = "helpsite shows one title in the navigation and on the page; \
                        set `title:` in the page's front matter to choose";
            warnings.push(
                yml.warning("import-nav", title.at, span, message)
                    .help(help),
            );
            None
        }
        _ => Some(format!("title: {}", scalar(&title.text))),
    }
}

/// `src` with `lines` added above the closing line of `block`, or in a new block on top.
/// The file's own line ending is used.
fn insert(src: &str, block: Option<&Block>, lines: &[String]) -> String {
    let crlf = src.split('\n').next().is_some_and(|l| l.ends_with('\r'));
    let nl = if crlf { "\r\n" } else { "\n" };
    let added: String = lines.iter().map(|l| format!("{l}{nl}")).collect();
    match block {
        Some(b) => format!("{}{added}{}", &src[..b.close], &src[b.close..]),
        None => format!("---{nl}{added}---{nl}{nl}{src}"),
    }
}

/// Where an existing front-matter block's YAML is, and where its closing line starts.
struct Block {
    yaml: std::ops::Range<usize>,
    close: usize,
}

fn front_block(src: &str, body_start: usize) -> Block {
    let head = &src[..body_start];
    let head = head.strip_suffix('\n').unwrap_or(head);
    let head = head.strip_suffix('\r').unwrap_or(head);
    let close = head.rfind('\n').map_or(0, |i| i + 1);
    let open_end = src.find('\n').map_or(0, |i| i + 1).min(close);
    Block {
        yaml: open_end..close,
        close,
    }
}

/// The top-level keys of a front-matter block.
fn keys(yaml: &str, shown: &Path) -> Option<Vec<String>> {
    if yaml.trim().is_empty() {
        return Some(Vec::new());
    }
    let node: Node = crate::yaml::parse(yaml, shown, 1).ok()?;
    Some(node.entries().iter().map(|(k, _)| k.text.clone()).collect())
}

/// The text of a leading `# Heading`, which helpsite takes as the title when there is no
/// `title:` (and keeps in the body when `title:` says something else).
fn leading_heading(body: &str) -> Option<String> {
    let mut events = Parser::new_ext(body, pulldown_cmark::Options::ENABLE_HEADING_ATTRIBUTES);
    let Some(Event::Start(Tag::Heading {
        level: HeadingLevel::H1,
        ..
    })) = events.next()
    else {
        return None;
    };
    let mut text = String::new();
    for event in events {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::End(TagEnd::Heading(_)) => break,
            _ => {}
        }
    }
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

/// Whether two titles say the same words, ignoring case and punctuation.
fn same_words(a: &str, b: &str) -> bool {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    words(a) == words(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(src: &str, add: &Additions) -> (Option<String>, Vec<Diagnostic>) {
        let yml = Yml {
            src: "nav:\n  - Install: a.md\n",
            shown: Path::new("mkdocs.yml"),
        };
        let mut warnings = Vec::new();
        let out = merge(src, Path::new("docs/a.md"), add, yml, &mut warnings);
        (out, warnings)
    }

    fn add(title: &str, weight: i64, aliases: &[&str]) -> Additions {
        Additions {
            title: Some(Title {
                text: title.to_owned(),
                at: (2, 5),
            }),
            weight: Some(weight),
            aliases: aliases.iter().map(|a| (a.to_string(), (1, 1))).collect(),
        }
    }

    #[test]
    fn new_front_matter_goes_on_top() {
        let (out, w) = run("Some text.\n", &add("Install: now", 20, &["/old/"]));
        assert_eq!(
            out.unwrap(),
            "---\ntitle: \"Install: now\"\nweight: 20\naliases:\n  - \"/old/\"\n---\n\nSome text.\n"
        );
        assert!(w.is_empty());
    }

    #[test]
    fn existing_keys_are_kept_and_the_rest_added() {
        let src = "---\ntitle: Mine\nhide: [toc]\n---\n# Mine\n";
        let (out, w) = run(src, &add("Install", 20, &[]));
        assert_eq!(
            out.unwrap(),
            "---\ntitle: Mine\nhide: [toc]\nweight: 20\n---\n# Mine\n"
        );
        assert!(w.is_empty());
        let src = "---\r\nweight: 1\r\naliases: [/x/]\r\n...\r\nBody\r\n";
        let (out, w) = run(src, &add("Install", 20, &["/old/"]));
        assert_eq!(
            out.unwrap(),
            "---\r\nweight: 1\r\naliases: [/x/]\r\ntitle: Install\r\n...\r\nBody\r\n"
        );
        assert_eq!(w.len(), 1);
    }

    #[test]
    fn a_different_heading_stays_the_title() {
        let (out, w) = run(
            "# Installing the client\n\nText.\n",
            &add("Install", 20, &[]),
        );
        assert_eq!(
            out.unwrap(),
            "---\nweight: 20\n---\n\n# Installing the client\n\nText.\n"
        );
        assert_eq!(w.len(), 1);
        assert!(
            w[0].to_string()
                .starts_with("mkdocs.yml:2:5: warning[import-nav]"),
            "{}",
            w[0]
        );
        let (out, _) = run("# install\n", &add("Install", 20, &[]));
        assert!(out.unwrap().starts_with("---\ntitle: Install\n"));
    }

    #[test]
    fn nothing_to_add_keeps_the_file() {
        let (out, w) = run("---\ntitle: A\nweight: 3\n---\nx\n", &add("B", 20, &[]));
        assert_eq!(out, None);
        assert!(w.is_empty());
    }
}
