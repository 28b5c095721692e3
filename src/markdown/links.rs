//! Link pass: rewrite destinations to output URLs, turn bare `https://...` and `www.` URLs
//! into links (GFM autolink literals, as on GitHub), and record every link with its location.

use super::{Parsed, Spanned};
use crate::location::Location;
use pulldown_cmark::{CowStr, Event, LinkType, Tag, TagEnd};

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
    input: &Parsed,
    rewrite: &dyn Fn(&str) -> String,
    found: &mut Vec<LinkRef>,
) -> Vec<Spanned<'a>> {
    let mut out = Vec::with_capacity(events.len());
    // Inside a link, an image, code, or a raw `<a>`: bare URLs there stay text.
    let mut no_autolink = 0usize;
    let mut in_raw_link = false;
    let mut events = events.into_iter().peekable();
    while let Some((event, range)) = events.next() {
        match &event {
            Event::Start(Tag::Link { .. } | Tag::Image { .. } | Tag::CodeBlock(_)) => {
                no_autolink += 1
            }
            Event::End(TagEnd::Link | TagEnd::Image | TagEnd::CodeBlock) => {
                no_autolink = no_autolink.saturating_sub(1)
            }
            Event::InlineHtml(h) | Event::Html(h) => {
                let h = h.trim_start();
                if h.starts_with("<a ") || h.starts_with("<a>") || h.starts_with("<a\n") {
                    in_raw_link = true;
                } else if h.starts_with("</a") {
                    in_raw_link = false;
                }
            }
            _ => {}
        }
        let Event::Text(mut text) = event else {
            out.push(rewrite_one(event, range, input, rewrite, found));
            continue;
        };
        let mut range = range;
        // Smart punctuation splits text: join neighbours so a URL or `{...}` is seen whole.
        if matches!(events.peek(), Some((Event::Text(_), _))) {
            let mut joined = text.into_string();
            while let Some((Event::Text(next), r)) = events.peek() {
                joined.push_str(next);
                range.end = r.end;
                events.next();
            }
            text = CowStr::from(joined);
        }
        if text.starts_with('{') {
            let ends_paragraph = matches!(events.peek(), Some((Event::End(TagEnd::Paragraph), _)));
            if let Some(rest) =
                attribute_list(&text, &range, ends_paragraph, input, &mut out, found)
            {
                let (rest, start) = (rest.0.to_owned(), rest.1);
                if rest.is_empty() {
                    continue;
                }
                text = CowStr::from(rest);
                range.start = start;
            }
        }
        let pieces = match super::inline::extras(&text) {
            Some(pieces) => pieces,
            None => vec![super::inline::Piece::Text(text.into_string())],
        };
        for piece in pieces {
            match piece {
                super::inline::Piece::Html(html) => {
                    out.push((Event::InlineHtml(CowStr::from(html)), range.clone()))
                }
                super::inline::Piece::Text(text) => {
                    if no_autolink == 0 && !in_raw_link && may_hold_url(&text) {
                        autolink(text, range.clone(), input, found, &mut out);
                    } else {
                        out.push((Event::Text(CowStr::from(text)), range.clone()));
                    }
                }
            }
        }
    }
    out
}

/// An attribute list (Python-Markdown's attr_list: `{ #id .class key="value" }`) right
/// after an inline element (`**term**{ #term }`, `[](){#anchor}` as mkdocs-autorefs writes
/// anchors, `![img](x.png){ width="300" }`), or on a paragraph's last line (`{: .note }`).
/// Its id becomes an anchor (`<a id>`), so links to it work; the rest is dropped instead of
/// showing as text. Returns the text after the list and its source offset.
fn attribute_list<'t>(
    text: &'t str,
    range: &std::ops::Range<usize>,
    ends_paragraph: bool,
    input: &Parsed,
    out: &mut Vec<Spanned>,
    found: &mut Vec<LinkRef>,
) -> Option<(&'t str, usize)> {
    let after_inline = matches!(
        out.last(),
        Some((
            Event::End(
                TagEnd::Link
                    | TagEnd::Image
                    | TagEnd::Strong
                    | TagEnd::Emphasis
                    | TagEnd::Strikethrough
                    | TagEnd::Superscript
            ) | Event::Code(_),
            _
        ))
    );
    let own_line = matches!(out.last(), Some((Event::SoftBreak, _))) && ends_paragraph;
    if !after_inline && !own_line {
        return None;
    }
    let close = text.find('}')?;
    if own_line && !text[close + 1..].trim().is_empty() {
        return None;
    }
    let id = parse_attributes(&text[1..close])?;
    if own_line {
        out.pop();
    }
    if let Some(id) = id {
        // `[](){#id}`: an empty link that only carries an anchor.
        let n = out.len();
        let empty_link = n >= 2
            && matches!(out[n - 1].0, Event::End(TagEnd::Link))
            && matches!(&out[n - 2].0, Event::Start(Tag::Link { dest_url, .. }) if dest_url.is_empty());
        if empty_link {
            out.truncate(n - 2);
            if found.last().is_some_and(|l| l.dest.is_empty()) {
                found.pop();
            }
        }
        let html = format!("<a id=\"{}\"></a>", crate::html::escape(&id));
        out.push((Event::InlineHtml(CowStr::from(html)), range.clone()));
    }
    let source_close = input.text()[range.clone()]
        .find('}')
        .map_or(range.start, |i| range.start + i + 1);
    Some((&text[close + 1..], source_close))
}

/// The tokens of an attribute list (`#id`, `.class`, `key=value`, an optional leading `:`):
/// `Some(id)` when every token is well formed.
fn parse_attributes(inner: &str) -> Option<Option<String>> {
    let inner = inner.trim();
    let inner = inner.strip_prefix(':').unwrap_or(inner).trim();
    let name = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | ':' | '.' | '\\'))
    };
    let mut id = None;
    let mut any = false;
    for token in inner.split_whitespace() {
        any = true;
        if let Some(i) = token.strip_prefix('#') {
            if !name(i) {
                return None;
            }
            id.get_or_insert_with(|| i.replace('\\', ""));
        } else if let Some(c) = token.strip_prefix('.') {
            if !name(c) {
                return None;
            }
        } else if let Some((k, _)) = token.split_once('=') {
            if !name(k) {
                return None;
            }
        } else {
            return None;
        }
    }
    any.then_some(id)
}

/// Whether a text can hold a GFM autolink literal (cheap test before the real scan).
fn may_hold_url(t: &str) -> bool {
    let b = t.as_bytes();
    memchr::memmem::find(b, b"://").is_some()
        || memchr::memmem::find(b, b"www.").is_some()
        || memchr::memmem::find(b, b"WWW.").is_some()
}

/// Split `text` around its bare `http(s)://` and `www.` URLs, each becoming a link.
fn autolink<'a>(
    text: String,
    range: std::ops::Range<usize>,
    input: &Parsed,
    found: &mut Vec<LinkRef>,
    out: &mut Vec<Spanned<'a>>,
) {
    let mut finder = linkify::LinkFinder::new();
    finder.kinds(&[linkify::LinkKind::Url]);
    finder.url_must_have_scheme(false);
    let source = &input.text()[range.clone()];
    let mut last = 0;
    let mut searched = 0;
    for link in finder.links(&text) {
        let url = link.as_str();
        let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
        let href = if lower.starts_with("https://") || lower.starts_with("http://") {
            url.to_owned()
        } else if lower.starts_with("www.") {
            format!("http://{url}")
        } else {
            continue;
        };
        if link.start() > last {
            let before = text[last..link.start()].to_owned();
            out.push((Event::Text(CowStr::from(before)), range.clone()));
        }
        // Where the URL is in the source (escapes and entities can shift it).
        let at = match source.get(searched..).and_then(|s| s.find(url)) {
            Some(i) => {
                searched += i + url.len();
                range.start + searched - url.len()
            }
            None => range.start,
        };
        found.push(LinkRef {
            dest: href.clone(),
            href: href.clone(),
            is_image: false,
            location: input.locate(at),
            span: url.chars().count(),
        });
        let span = at..at + url.len();
        out.push((
            Event::Start(Tag::Link {
                link_type: LinkType::Autolink,
                dest_url: CowStr::from(href),
                title: CowStr::Borrowed(""),
                id: CowStr::Borrowed(""),
            }),
            span.clone(),
        ));
        out.push((Event::Text(CowStr::from(url.to_owned())), span.clone()));
        out.push((Event::End(TagEnd::Link), span));
        last = link.end();
    }
    if last < text.len() {
        let rest = if last == 0 {
            text
        } else {
            text[last..].to_owned()
        };
        out.push((Event::Text(CowStr::from(rest)), range));
    }
}

fn rewrite_one<'a>(
    event: Event<'a>,
    range: std::ops::Range<usize>,
    input: &Parsed,
    rewrite: &dyn Fn(&str) -> String,
    found: &mut Vec<LinkRef>,
) -> Spanned<'a> {
    match event {
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
    }
}

fn record<'a>(
    dest: &str,
    is_image: bool,
    input: &Parsed,
    range: &std::ops::Range<usize>,
    rewrite: &dyn Fn(&str) -> String,
    found: &mut Vec<LinkRef>,
) -> CowStr<'a> {
    let href = rewrite(dest);
    let first_line = input.text()[range.clone()].lines().next().unwrap_or("");
    found.push(LinkRef {
        dest: dest.to_owned(),
        href: href.clone(),
        is_image,
        location: input.locate(range.start),
        span: first_line.chars().count(),
    });
    CowStr::from(href)
}
