//! Link pass: rewrite destinations to output URLs and record every link with its location.

use super::{Input, Spanned};
use crate::location::Location;
use pulldown_cmark::{CowStr, Event, Tag};

/// A link or image as written in the source, and what it became.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkRef {
    /// The destination as written.
    pub dest: String,
    /// The URL written to the output.
    pub href: String,
    pub is_image: bool,
    pub location: Location,
    /// Length in characters of the source text the link spans on its first line.
    pub span: usize,
}

pub(super) fn rewrite<'a>(
    events: Vec<Spanned<'a>>,
    input: &Input,
    rewrite: &dyn Fn(&str) -> String,
    found: &mut Vec<LinkRef>,
) -> Vec<Spanned<'a>> {
    events
        .into_iter()
        .map(|(event, range)| match event {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let href = record(&dest_url, false, input, &range, rewrite, found);
                let tag = Tag::Link {
                    link_type,
                    dest_url: href,
                    title,
                    id,
                };
                (Event::Start(tag), range)
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let href = record(&dest_url, true, input, &range, rewrite, found);
                let tag = Tag::Image {
                    link_type,
                    dest_url: href,
                    title,
                    id,
                };
                (Event::Start(tag), range)
            }
            other => (other, range),
        })
        .collect()
}

fn record<'a>(
    dest: &str,
    is_image: bool,
    input: &Input,
    range: &std::ops::Range<usize>,
    rewrite: &dyn Fn(&str) -> String,
    found: &mut Vec<LinkRef>,
) -> CowStr<'a> {
    let href = rewrite(dest);
    let first_line = input.text[range.clone()].lines().next().unwrap_or("");
    found.push(LinkRef {
        dest: dest.to_owned(),
        href: href.clone(),
        is_image,
        location: input.locate(range.start),
        span: first_line.chars().count(),
    });
    CowStr::from(href)
}
