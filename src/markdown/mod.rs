//! Markdown -> HTML in small event passes: links, code and callouts, then headings.
//! Records what later stages need: headings with ids, links with source locations, and the
//! text of each section for search.

mod blocks;
mod facts;
mod headings;
mod links;

use crate::diagnostic::Diagnostic;
use crate::highlight::Highlighter;
use crate::location::{Location, Origin};
use crate::slug::Slugger;
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::ops::Range;
use std::path::Path;

pub use facts::{Facts, HeadingFact, LinkText, Located, has_visible};
pub use links::LinkRef;

/// An event with its byte range in the Markdown text.
type Spanned<'a> = (Event<'a>, Range<usize>);

/// A heading of a rendered page.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
}

/// The text under one heading (or before the first), for search and lint.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SectionText {
    /// The heading id; empty for text before the first heading.
    pub id: String,
    pub heading: String,
    pub level: u8,
    pub text: String,
}

/// One rendered Markdown document.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    pub html: String,
    pub headings: Vec<Heading>,
    pub links: Vec<LinkRef>,
    pub sections: Vec<SectionText>,
    pub warnings: Vec<Diagnostic>,
    /// What the content linter needs, with source locations.
    pub facts: Facts,
}

/// A Markdown text and where it lives, so findings point into the right file.
pub struct Input<'a> {
    pub text: &'a str,
    pub origin: Origin,
    /// Path shown in findings (relative to the site root).
    pub path: &'a Path,
    /// The whole file, to quote the offending line.
    pub file_src: &'a str,
    /// A byte range to leave out (a leading `# Title` already used as the page title).
    pub skip: Option<Range<usize>>,
    /// Line starts of `text`, filled on first use.
    pub lines: crate::location::LineStarts,
}

impl Input<'_> {
    fn locate(&self, offset: usize) -> Location {
        self.origin
            .locate_with(self.path, self.text, offset, &self.lines)
    }

    fn diagnostic_at(&self, d: Diagnostic, offset: usize) -> Diagnostic {
        d.at(self.locate(offset), self.file_src)
    }
}

/// The Markdown dialect: CommonMark plus GFM tables, alerts, footnotes, task lists,
/// strikethrough, heading attributes and smart punctuation.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_GFM
}

/// Render `input`. `rewrite` maps a link destination as written to the URL to emit.
pub fn render(
    input: &Input,
    rewrite: &dyn Fn(&str) -> String,
    highlighter: &Highlighter,
    slugger: &mut Slugger,
) -> Rendered {
    let mut out = Rendered::default();
    let events: Vec<Spanned> = Parser::new_ext(input.text, options())
        .into_offset_iter()
        .filter(|(_, r)| input.skip.as_ref().is_none_or(|s| !s.contains(&r.start)))
        .collect();
    facts::record(&events, input, &mut out.facts);
    let events = links::rewrite(events, input, rewrite, &mut out.links);
    let events = blocks::code_and_callouts(events, input, highlighter, &mut out.warnings);
    let events = headings::anchor(events, slugger, &mut out.headings, &mut out.sections);
    out.html.reserve(input.text.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut out.html, events.into_iter().map(|(e, _)| e));
    out
}

/// A leading `# Title` (the first block, level 1): its text and byte range.
pub fn leading_h1(text: &str) -> Option<(String, Range<usize>)> {
    // pulldown-cmark finds every block of a document before yielding the first event, so
    // parse only the first block when that is enough: a heading cannot span a blank line.
    // Reference links (`# [x][ref]`) need the whole document for their definitions, and a
    // block of definitions alone yields no event.
    let block = first_block(text);
    let first = block.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let unindented = first.trim_start_matches(' ');
    let atx = first.len() - unindented.len() <= 3 && unindented.starts_with('#');
    let setext = block.lines().skip(1).any(|l| {
        let l = l.trim();
        !l.is_empty() && l.bytes().all(|b| b == b'=')
    });
    if !atx && !setext && !unindented.starts_with('[') {
        // Not a heading, nor link definitions that might come before one.
        return None;
    }
    if block.len() < text.len() && !block.contains('[') {
        return heading_at_start(block);
    }
    heading_at_start(text)
}

/// `text` up to the first blank line after its first non-blank one.
fn first_block(text: &str) -> &str {
    let mut seen = false;
    let mut end = 0;
    for line in text.split_inclusive('\n') {
        let blank = line.trim().is_empty();
        if blank && seen {
            return &text[..end];
        }
        seen |= !blank;
        end += line.len();
    }
    text
}

fn heading_at_start(text: &str) -> Option<(String, Range<usize>)> {
    let mut parser = Parser::new_ext(text, options()).into_offset_iter();
    let (first, range) = parser.next()?;
    if !matches!(
        first,
        Event::Start(Tag::Heading {
            level: HeadingLevel::H1,
            ..
        })
    ) {
        return None;
    }
    let mut title = String::new();
    for (event, _) in parser {
        match event {
            Event::Text(t) | Event::Code(t) => title.push_str(&t),
            Event::End(TagEnd::Heading(_)) => break,
            _ => {}
        }
    }
    let title = title.trim().to_owned();
    (!title.is_empty()).then_some((title, range))
}

#[cfg(test)]
mod tests;
