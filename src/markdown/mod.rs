//! Markdown -> HTML in small event passes: links, code and callouts, then headings.
//! Records what later stages need: headings with ids, links with source locations, and the
//! text of each section for search.

mod blocks;
mod callout;
mod containers;
mod diagram;
mod facts;
mod headings;
mod inline;
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
    /// Content another tool would generate here is missing (an mkdocstrings directive, a
    /// snippet include): the text's anchors are not all known.
    pub generated: bool,
    /// The text has a diagram to draw: its page loads the diagram library.
    pub diagrams: bool,
}

/// Words the Markdown renderer writes itself, in the page's language (the theme's
/// interface strings): heading permalinks, task checkboxes, GitHub alert titles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Labels {
    pub permalink: String,
    pub task_done: String,
    pub task_not_done: String,
    pub note: String,
    pub tip: String,
    pub important: String,
    pub warning: String,
    pub caution: String,
    /// Diagram type names by interface string (`diagram_flowchart` -> "Flowchart").
    pub diagrams: std::collections::BTreeMap<String, String>,
}

impl Labels {
    /// The name of a diagram type (`key` from [`diagram::NAMES`]).
    pub fn diagram(&self, key: &str) -> &str {
        self.diagrams.get(key).map_or("Diagram", String::as_str)
    }
}

impl Default for Labels {
    fn default() -> Self {
        Labels {
            permalink: "Permalink".to_owned(),
            task_done: "Done".to_owned(),
            task_not_done: "Not done".to_owned(),
            note: "Note".to_owned(),
            tip: "Tip".to_owned(),
            important: "Important".to_owned(),
            warning: "Warning".to_owned(),
            caution: "Caution".to_owned(),
            diagrams: diagram::NAMES
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
        }
    }
}

/// English labels, for Markdown rendered outside a page (lint facts, tests).
pub static ENGLISH: std::sync::LazyLock<Labels> = std::sync::LazyLock::new(Labels::default);

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
    pub labels: &'a Labels,
    /// Record what the content lint reads ([`Rendered::facts`]); a build that is not linted
    /// saves the work and the memory.
    pub lint: bool,
}

impl Input<'_> {
    fn locate(&self, offset: usize) -> Location {
        self.origin
            .locate_with(self.path, self.text, offset, &self.lines)
    }
}

/// The text pulldown-cmark parses: the author's, with other tools' containers expanded.
/// Offsets into it are turned back into the author's before they are located.
struct Parsed<'a> {
    input: &'a Input<'a>,
    expanded: &'a containers::Expanded<'a>,
}

impl Parsed<'_> {
    fn text(&self) -> &str {
        &self.expanded.text
    }

    fn locate(&self, offset: usize) -> Location {
        self.input.locate(self.expanded.original_offset(offset))
    }

    fn diagnostic_at(&self, d: Diagnostic, offset: usize) -> Diagnostic {
        d.at(self.locate(offset), self.input.file_src)
    }
}

impl Input<'_> {
    fn diagnostic_at(&self, d: Diagnostic, offset: usize) -> Diagnostic {
        d.at(self.locate(offset), self.file_src)
    }
}

/// The Markdown dialect: CommonMark plus GFM tables, alerts, footnotes, task lists,
/// strikethrough, heading attributes, smart punctuation and `^superscript^`.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_SUPERSCRIPT
        | Options::ENABLE_GFM
}

/// Render `input`. `rewrite` maps a link destination as written to the URL to emit;
/// `diagrams`: the site draws `mermaid` blocks (otherwise they are code).
pub fn render(
    input: &Input,
    rewrite: &dyn Fn(&str) -> String,
    highlighter: &Highlighter,
    diagrams: bool,
    slugger: &mut Slugger,
) -> Rendered {
    let mut out = Rendered::default();
    let mdx = input
        .path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("mdx"));
    let expanded = if mdx {
        containers::expand_mdx(input.text, slugger)
    } else {
        containers::expand(input.text, slugger)
    };
    let parsed = Parsed {
        input,
        expanded: &expanded,
    };
    out.generated = expanded.generated;
    for u in &expanded.unsupported {
        out.warnings.push(unsupported_warning(input, u));
    }
    let events: Vec<Spanned> = Parser::new_ext(parsed.text(), options())
        .into_offset_iter()
        .filter(|(_, r)| {
            input
                .skip
                .as_ref()
                .is_none_or(|s| !s.contains(&expanded.original_offset(r.start)))
        })
        .collect();
    if input.lint {
        facts::record(&events, &parsed, &mut out.facts);
    }
    let events = links::rewrite(events, &parsed, rewrite, &mut out.links);
    let events = blocks::code_and_callouts(events, &parsed, highlighter, diagrams, &mut out);
    let events = headings::anchor(
        events,
        slugger,
        &input.labels.permalink,
        &mut out.headings,
        &mut out.sections,
    );
    out.html.reserve(input.text.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut out.html, events.into_iter().map(|(e, _)| e));
    // Held until the pages' templates run: at 10,000 pages the spare capacity of grown
    // strings is tens of MB of the build's peak memory.
    out.html.shrink_to_fit();
    for s in &mut out.sections {
        s.text.shrink_to_fit();
    }
    out
}

fn unsupported_warning(input: &Input, u: &containers::Unsupported) -> Diagnostic {
    let more = match u.more {
        0 => String::new(),
        1 => " (and once more in this text)".to_owned(),
        n => format!(" (and {n} more times in this text)"),
    };
    let d = Diagnostic::warning(
        crate::rules::UNSUPPORTED_MARKDOWN,
        format!("{} is not supported: it is shown as written{more}", u.what),
    )
    .span(u.len)
    .help(u.help);
    input.diagnostic_at(d, u.offset)
}

/// A leading `# Title` (the first block, level 1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeadingHeading {
    pub text: String,
    pub range: Range<usize>,
    /// The id written with it (`# Title {#id}`), if any.
    pub id: Option<String>,
}

/// A leading `# Title` (the first block, level 1): its text, byte range and id.
pub fn leading_h1(text: &str) -> Option<LeadingHeading> {
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

fn heading_at_start(text: &str) -> Option<LeadingHeading> {
    let mut parser = Parser::new_ext(text, options()).into_offset_iter();
    let (first, range) = parser.next()?;
    let Event::Start(Tag::Heading {
        level: HeadingLevel::H1,
        id,
        attrs,
        ..
    }) = first
    else {
        return None;
    };
    let id = id
        .map(|i| i.to_string())
        .or_else(|| headings::id_attribute(&attrs));
    let mut title = String::new();
    for (event, _) in parser {
        match event {
            Event::Text(t) | Event::Code(t) => title.push_str(&t),
            Event::End(TagEnd::Heading(_)) => break,
            _ => {}
        }
    }
    let text = title.trim().to_owned();
    (!text.is_empty()).then_some(LeadingHeading { text, range, id })
}

#[cfg(test)]
mod tests;
