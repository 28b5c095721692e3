//! Facts pass: record what the content linter needs (headings with positions, empty
//! paragraphs, `&nbsp;` in prose, link and image text) while rendering, so checks never parse
//! Markdown again. It only reads the events.

use super::{Parsed, Spanned};
use crate::location::Location;
use pulldown_cmark::{Event, Tag, TagEnd};

/// Lint-relevant facts about one Markdown text, with source locations.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facts {
    pub headings: Vec<HeadingFact>,
    /// Paragraphs with no visible text (Markdown or a raw `<p>` block).
    pub empty_paragraphs: Vec<Located>,
    /// `&nbsp;`, `&#160;` or `&#xA0;` written in prose (not in code).
    pub nbsp: Vec<Located>,
    /// Links and images in source order, with their visible text (alt text for images).
    pub links: Vec<LinkText>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeadingFact {
    pub level: u8,
    pub text: String,
    pub location: Location,
    pub span: usize,
}

/// A position and how many characters to underline there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    pub location: Location,
    pub span: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkText {
    pub dest: String,
    pub text: String,
    pub is_image: bool,
    pub location: Location,
    pub span: usize,
}

const NBSP_ENTITIES: &[&str] = &["&nbsp;", "&#160;", "&#xa0;"];

pub(super) fn record(events: &[Spanned], input: &Parsed, facts: &mut Facts) {
    let mut in_code = false;
    // Open containers whose text we are collecting: (kind, start event index).
    let mut open: Vec<(Open, usize)> = Vec::new();
    let mut texts: Vec<String> = Vec::new();
    for (i, (event, range)) in events.iter().enumerate() {
        match event {
            Event::Start(Tag::CodeBlock(_)) => in_code = true,
            Event::End(TagEnd::CodeBlock) => in_code = false,
            Event::Start(Tag::Paragraph) => {
                let mark = facts.nbsp.len();
                push(&mut open, &mut texts, Open::Paragraph(mark), i)
            }
            Event::Start(Tag::Heading { level, .. }) => {
                push(&mut open, &mut texts, Open::Heading(*level as u8), i)
            }
            Event::Start(Tag::Link { dest_url, .. }) => push(
                &mut open,
                &mut texts,
                Open::Link(dest_url.to_string(), false),
                i,
            ),
            Event::Start(Tag::Image { dest_url, .. }) => push(
                &mut open,
                &mut texts,
                Open::Link(dest_url.to_string(), true),
                i,
            ),
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Link | TagEnd::Image) => {
                if let (Some((kind, start)), Some(text)) = (open.pop(), texts.pop()) {
                    let is_image = matches!(kind, Open::Link(_, true));
                    close(kind, &text, &events[start].1, input, facts);
                    // Text inside a link is also text of the paragraph around it, and an
                    // image is something to see even without alt text.
                    if let Some(outer) = texts.last_mut() {
                        outer.push_str(&text);
                        if is_image {
                            outer.push('\u{fffc}');
                        }
                    }
                }
            }
            Event::Text(t) | Event::Code(t) if !in_code => {
                if let Some(cur) = texts.last_mut() {
                    cur.push_str(t);
                }
                if matches!(event, Event::Text(_)) {
                    nbsp_in(&input.text()[range.clone()], range.start, input, facts);
                }
            }
            Event::Html(h) | Event::InlineHtml(h) if !in_code => {
                if let Some(cur) = texts.last_mut() {
                    cur.push_str(&crate::html::to_text(h));
                    // An anchor kept for old links (`<a id="x"></a>`) is not emptiness.
                    if matches!(open.last(), Some((Open::Paragraph(_), _))) && names_target(h) {
                        cur.push('\u{fffc}');
                    }
                } else if is_empty_html_paragraph(h) {
                    // One finding: deleting the paragraph removes its `&nbsp;` too.
                    let span = h.trim_end().chars().count();
                    facts
                        .empty_paragraphs
                        .push(located(input, range.start, span));
                    continue;
                }
                nbsp_in(&input.text()[range.clone()], range.start, input, facts);
            }
            _ => {}
        }
    }
}

enum Open {
    /// Holds how many `&nbsp;` facts were recorded before the paragraph began.
    Paragraph(usize),
    Heading(u8),
    Link(String, bool),
}

fn push(open: &mut Vec<(Open, usize)>, texts: &mut Vec<String>, kind: Open, index: usize) {
    open.push((kind, index));
    texts.push(String::new());
}

fn close(
    kind: Open,
    text: &str,
    range: &std::ops::Range<usize>,
    input: &Parsed,
    facts: &mut Facts,
) {
    let first_line = input.text()[range.clone()].lines().next().unwrap_or("");
    let span = first_line.trim_end().chars().count();
    match kind {
        Open::Paragraph(nbsp_mark) => {
            if !has_visible(text) {
                // One finding: deleting the paragraph removes its `&nbsp;` too.
                facts.nbsp.truncate(nbsp_mark);
                facts
                    .empty_paragraphs
                    .push(located(input, range.start, span));
            }
        }
        Open::Heading(level) => facts.headings.push(HeadingFact {
            level,
            text: crate::html::squash_whitespace(text),
            location: input.locate(range.start),
            span,
        }),
        Open::Link(dest, is_image) => facts.links.push(LinkText {
            dest,
            text: crate::html::squash_whitespace(text),
            is_image,
            location: input.locate(range.start),
            span,
        }),
    }
}

fn located(input: &Parsed, offset: usize, span: usize) -> Located {
    Located {
        location: input.locate(offset),
        span: span.max(1),
    }
}

/// True when `text` holds something a reader can see (not only spaces and invisible marks).
pub fn has_visible(text: &str) -> bool {
    text.chars().any(|c| {
        !(c.is_whitespace()
            || matches!(
                c,
                '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{ad}'
            ))
    })
}

fn nbsp_in(source: &str, start: usize, input: &Parsed, facts: &mut Facts) {
    if !source.contains('&') {
        return;
    }
    let lower = source.to_ascii_lowercase();
    for entity in NBSP_ENTITIES {
        for (pos, _) in lower.match_indices(entity) {
            facts.nbsp.push(located(input, start + pos, entity.len()));
        }
    }
}

/// A raw HTML paragraph such as `<p></p>` or `<p>&nbsp;</p>`.
fn is_empty_html_paragraph(html: &str) -> bool {
    let t = html.trim();
    let lower = t.to_ascii_lowercase();
    let opens = lower.starts_with("<p>") || lower.starts_with("<p ");
    if !opens || !lower.ends_with("</p>") {
        return false;
    }
    let text = crate::html::to_text(&lower.replace("&nbsp;", " ").replace("&#160;", " "));
    !has_visible(&text) && !names_target(t)
}

/// Whether `html` holds a fragment target: a non-empty `id`, or `name` on an `<a>`.
fn names_target(html: &str) -> bool {
    let ids = crate::html_scan::scan(html).ids;
    ids.iter().any(|id| !id.is_empty())
}

#[cfg(test)]
mod tests {
    use super::super::{Input, containers};
    use super::*;
    use crate::location::Origin;
    use std::path::Path;

    fn facts(text: &str) -> Facts {
        let input = Input {
            text,
            origin: Origin::body(1),
            path: Path::new("a.md"),
            file_src: text,
            skip: None,
            lines: Default::default(),
            labels: &crate::markdown::ENGLISH,
            lint: true,
        };
        let events: Vec<Spanned> = pulldown_cmark::Parser::new_ext(text, super::super::options())
            .into_offset_iter()
            .collect();
        let mut f = Facts::default();
        let expanded = containers::expand(text, &mut Default::default());
        let parsed = Parsed {
            input: &input,
            expanded: &expanded,
        };
        record(&events, &parsed, &mut f);
        f
    }

    #[test]
    fn records_empty_paragraphs_nbsp_and_link_text() {
        let f = facts(
            "A&nbsp;b `c&nbsp;d`\n\n&nbsp;\n\n<p>&nbsp;</p>\n\n![](x.png)\n\n[click here](y.md) ![Alt](z.png)\n\n```\nx&nbsp;y\n```\n",
        );
        let lines = |v: &[Located]| {
            v.iter()
                .map(|l| (l.location.line, l.location.col))
                .collect::<Vec<_>>()
        };
        assert_eq!(lines(&f.nbsp), [(1, 2)]);
        assert_eq!(lines(&f.empty_paragraphs), [(3, 1), (5, 1)]);
        // Anchors kept for old links are not empty paragraphs; an id-less `<a>` still is.
        let anchors = "<a id=\"x\"></a>\n\n<a name=\"y\"></a>\n\n<p id=\"z\"></p>\n\n<a></a>\n";
        assert_eq!(lines(&facts(anchors).empty_paragraphs), [(7, 1)]);
        let links: Vec<(&str, &str, bool)> = f
            .links
            .iter()
            .map(|l| (l.dest.as_str(), l.text.as_str(), l.is_image))
            .collect();
        assert_eq!(
            links,
            [
                ("x.png", "", true),
                ("y.md", "click here", false),
                ("z.png", "Alt", true)
            ]
        );
    }

    #[test]
    fn records_headings_with_positions() {
        let f = facts("## One *two*\n\ntext\n\n#### Four\n");
        let h: Vec<(u8, &str, usize)> = f
            .headings
            .iter()
            .map(|h| (h.level, h.text.as_str(), h.location.line))
            .collect();
        assert_eq!(h, [(2, "One two", 1), (4, "Four", 5)]);
    }
}
