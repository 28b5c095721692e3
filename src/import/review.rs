//! What an import cannot repair and a human should look at, found in the Markdown it wrote
//! so every warning names `file:line:col` there: a description or first paragraph that does
//! not belong to the page, links and images still on the old site, a list that opens with
//! a stray lead-in item, images without alt text, embeds that became links.

use super::url;
use super::words::{content_words, share};
use crate::diagnostic::Diagnostic;
use crate::location::Location;
use crate::markdown;
use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use std::ops::Range;
use std::path::Path;

/// A written file and the facts the checks need.
pub struct Written<'a> {
    pub shown: &'a Path,
    pub text: &'a str,
    /// Byte offset of the Markdown body in `text`.
    pub body_start: usize,
    pub title: &'a str,
    pub description: Option<&'a str>,
    /// Host of the old site (`example.com`).
    pub old_host: Option<&'a str>,
    /// Sources of embedded frames that became links.
    pub embeds: &'a [String],
}

impl Written<'_> {
    fn at(&self, offset: usize) -> Location {
        Location::at_offset(self.shown, self.text, offset)
    }

    fn warn(&self, rule: &'static str, message: String, offset: usize) -> Diagnostic {
        self.warn_at(rule, message, self.at(offset))
    }

    fn warn_at(&self, rule: &'static str, message: String, at: Location) -> Diagnostic {
        Diagnostic::warning(rule, message).at(at, self.text)
    }
}

/// All warnings for an imported page.
pub fn page(w: &Written) -> Vec<Diagnostic> {
    let body = &w.text[w.body_start..];
    let mut out = Vec::new();
    let first = first_paragraph(body);
    let rest = match &first {
        Some(p) => plain_text(&body[p.range.end..]),
        None => plain_text(body),
    };
    let mut unrelated = false;
    if let Some(p) = &first
        && let Some(help) = unrelated_paragraph(w.title, p, &rest)
    {
        unrelated = true;
        out.push(
            w.warn(
                "import-first-paragraph",
                "the first paragraph looks unrelated to the title".into(),
                w.body_start + p.range.start,
            )
            .span(p.text.chars().count().min(40))
            .help(help),
        );
    }
    if let Some(d) = w.description {
        let mut page_text = format!("{} {rest}", w.title);
        if let (Some(p), false) = (&first, unrelated) {
            page_text.push(' ');
            page_text.push_str(&p.text);
        }
        if let Some(help) = mismatched_description(d, w.title, &page_text) {
            let offset = w.text.find("\ndescription: ").map_or(0, |i| i + 14);
            out.push(
                w.warn(
                    "import-description",
                    "the description does not match the page".into(),
                    offset,
                )
                .span(d.chars().count().min(40))
                .help(help),
            );
        }
    }
    out.extend(links(w, body, &|off| w.at(w.body_start + off)));
    out.extend(lead_in_items(w, body));
    out
}

/// Old-site links, images without alt text and former embeds in `md`; `locate` turns a
/// byte offset in `md` into a position in the written file.
pub fn links(w: &Written, md: &str, locate: &dyn Fn(usize) -> Location) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut open: Option<(bool, String, usize, String)> = None;
    for (event, range) in Parser::new_ext(md, markdown::options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Link { dest_url, .. }) => {
                open = Some((false, dest_url.to_string(), range.start, String::new()));
            }
            Event::Start(Tag::Image { dest_url, .. }) => {
                open = Some((true, dest_url.to_string(), range.start, String::new()));
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some(o) = open.as_mut() {
                    o.3.push_str(&t);
                }
            }
            Event::End(TagEnd::Link | TagEnd::Image) => {
                if let Some((image, dest, at, text)) = open.take() {
                    out.extend(link_findings(w, image, &dest, &text, locate(at)));
                }
            }
            _ => {}
        }
    }
    out
}

fn link_findings(
    w: &Written,
    image: bool,
    dest: &str,
    text: &str,
    at: Location,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let old = url::parse(dest).is_some_and(|u| Some(u.host.as_str()) == w.old_host);
    if image && text.trim().is_empty() {
        out.push(
            w.warn_at(
                "import-image-alt",
                "image without alt text".into(),
                at.clone(),
            )
            .span(2)
            .help("describe the image between `![` and `]` for readers who cannot see it"),
        );
    }
    if w.embeds.iter().any(|e| e == dest) {
        out.push(
            w.warn_at(
                "import-embed",
                format!("embedded content became a link: {dest}"),
                at,
            )
            .help("check that a link serves readers, or embed it with a template"),
        );
    } else if old && image {
        out.push(
            w.warn_at(
                "import-old-site-link",
                format!("image still hosted on the old site: {dest}"),
                at,
            )
            .help("save the image under content/ and link it with a relative path"),
        );
    } else if old {
        out.push(
            w.warn_at("import-old-site-link", format!("link to the old site: {dest}"), at)
                .help("import that post too (links between imported posts are rewritten), or link its new page"),
        );
    }
    out
}

/// A list whose first item is a lead-in sentence ending in `:` ("Once logged in:").
fn lead_in_items(w: &Written, body: &str) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let events: Vec<(Event, Range<usize>)> = Parser::new_ext(body, markdown::options())
        .into_offset_iter()
        .collect();
    for (i, (event, _)) in events.iter().enumerate() {
        if !matches!(event, Event::Start(Tag::List(_))) {
            continue;
        }
        let mut depth = 0;
        let (mut items, mut first_text, mut first_at) = (0, String::new(), 0);
        // An item with its own sub-list ("Windows:" then steps) is a heading, not a stray.
        let mut first_has_list = false;
        for (e, r) in &events[i + 1..] {
            match e {
                Event::Start(Tag::List(_)) => {
                    first_has_list |= depth == 0 && items == 1;
                    depth += 1;
                }
                Event::End(TagEnd::List(_)) if depth == 0 => break,
                Event::End(TagEnd::List(_)) => depth -= 1,
                Event::Start(Tag::Item) if depth == 0 => {
                    items += 1;
                    if items == 1 {
                        first_at = r.start;
                    }
                }
                Event::Text(t) | Event::Code(t) if depth == 0 && items == 1 => {
                    first_text.push_str(t)
                }
                _ => {}
            }
        }
        let text = first_text.trim();
        if items >= 2 && text.ends_with(':') && !first_has_list {
            out.push(
                w.warn(
                    "import-lead-in-item",
                    format!("the list opens with a lead-in, not an item: \"{text}\""),
                    w.body_start + first_at,
                )
                .span(text.chars().count() + 2)
                .help("move it above the list as a sentence, or delete it"),
            );
        }
    }
    out
}

/// The first block of a page, when it is a paragraph.
pub struct Paragraph {
    pub range: Range<usize>,
    pub text: String,
    /// Whether it opens with a bold label ending in `:` ("**Solution Design:** ...").
    pub label: bool,
}

fn first_paragraph(body: &str) -> Option<Paragraph> {
    let mut events = Parser::new_ext(body, markdown::options()).into_offset_iter();
    let (first, range) = events.next()?;
    if !matches!(first, Event::Start(Tag::Paragraph)) {
        return None;
    }
    let inner: Vec<Event> = events
        .map(|(e, _)| e)
        .take_while(|e| !matches!(e, Event::End(TagEnd::Paragraph)))
        .collect();
    let text: String = inner.iter().filter_map(text_of).collect();
    let strong_end = inner
        .iter()
        .position(|e| matches!(e, Event::End(TagEnd::Strong)));
    let label = matches!(inner.first(), Some(Event::Start(Tag::Strong)))
        && strong_end.is_some_and(|end| {
            let bold: String = inner[1..end].iter().filter_map(text_of).collect();
            let after = inner.get(end + 1).and_then(text_of).unwrap_or_default();
            bold.trim_end().ends_with(':') || after.starts_with(':')
        });
    Some(Paragraph { range, text, label })
}

fn text_of<'a>(e: &'a Event) -> Option<&'a str> {
    match e {
        Event::Text(t) | Event::Code(t) => Some(t),
        _ => None,
    }
}

fn plain_text(md: &str) -> String {
    let mut out = String::new();
    for e in Parser::new_ext(md, markdown::options()) {
        if let Event::Text(t) | Event::Code(t) = e {
            out.push_str(&t);
            out.push(' ');
        }
    }
    out
}

/// `Some(help)` when the first paragraph shares few words with the title and either opens
/// with a bold label or shares little with the rest of the page.
fn unrelated_paragraph(title: &str, p: &Paragraph, rest: &str) -> Option<String> {
    let title_words = content_words(title);
    let words = content_words(&p.text);
    if words.len() < 5 || title_words.is_empty() {
        return None;
    }
    let title_share = share(&title_words, &words);
    let rest_share = share(&words, &content_words(rest));
    if title_share >= 0.5 || !(p.label || rest_share < 0.35) {
        return None;
    }
    let shared = title_words.intersection(&words).count();
    let why = if p.label {
        "and opens with a bold label, like an item pasted from another text"
    } else {
        "and few with the rest of the page"
    };
    Some(format!(
        "it shares {shared} of the title's {} key words {why}; delete it or rewrite it as an introduction",
        title_words.len()
    ))
}

/// `Some(help)` when the description names little of the title and most of its words are
/// not in the page.
fn mismatched_description(description: &str, title: &str, page: &str) -> Option<String> {
    let words = content_words(description);
    let title_words = content_words(title);
    if words.len() < 3 {
        return None;
    }
    let title_hits = words.intersection(&title_words).count();
    let in_page = share(&words, &content_words(page));
    if title_hits >= title_words.len().min(2) || in_page >= 0.6 {
        return None;
    }
    Some(format!(
        "it shares {title_hits} of the title's {} key words and {:.0}% of its words appear in the page; write one that sums up this page",
        title_words.len(),
        in_page * 100.0
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pasted_label_paragraph_is_flagged_but_a_real_intro_is_not() {
        let title = "Connect a printer to the office network";
        let rest = "Open the printer settings. Choose the office network and enter the network password. The printer connects and prints a test page.";
        let pasted = first_paragraph("**Budget planning:** Work with finance to plan yearly budgets, forecast costs and report spending to managers.\n").unwrap();
        assert!(pasted.label);
        assert!(unrelated_paragraph(title, &pasted, rest).is_some());
        let intro = first_paragraph("Printers on the office network can be reached from every desk once they are connected.\n").unwrap();
        assert!(!intro.label);
        assert!(unrelated_paragraph(title, &intro, rest).is_none());
    }

    #[test]
    fn stray_lead_in_items_are_found() {
        let text = "---\ntitle: t\n---\n\n- Once signed in:\n- Open **Settings**.\n- Save.\n\n\
                    Text.\n\n- Windows:\n  - Open it.\n- Mac: open it.\n\n1. Only item:\n";
        let w = Written {
            shown: Path::new("content/a.md"),
            text,
            body_start: 18,
            title: "t",
            description: None,
            old_host: None,
            embeds: &[],
        };
        let found = lead_in_items(&w, &text[18..]);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].location, Some(Location::new("content/a.md", 5, 1)));
        assert!(found[0].message.contains("\"Once signed in:\""));
    }

    #[test]
    fn descriptions_must_fit_the_page() {
        let title = "Connect a printer to the office network";
        let page = "Open the printer settings, choose the office network and print a test page.";
        assert!(
            mismatched_description(
                "Export your invoices to a spreadsheet every month with three tools",
                title,
                page
            )
            .is_some()
        );
        assert!(
            mismatched_description(
                "Connect any printer to the office network in three steps",
                title,
                page
            )
            .is_none()
        );
        assert!(
            mismatched_description(
                "Open settings, choose the network, print a test page",
                title,
                page
            )
            .is_none()
        );
    }
}
