//! Map a link found in final HTML back to where it was written: a Markdown link (recorded by
//! the renderer), raw HTML in a Markdown or FAQ file, or a template.

use crate::check::Context;
use crate::location::Location;
use crate::markdown::LinkRef;
use crate::model::Body;
use crate::resolve::percent_decode;

/// One place a link was written.
#[derive(Debug, Clone)]
pub struct Spot {
    pub location: Location,
    /// The file text, to quote the line.
    pub src: String,
    pub span: usize,
    /// The destination as the author wrote it.
    pub written: String,
    pub kind: SpotKind,
}

/// Which kind of source wrote a link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SpotKind {
    /// A Markdown link or image in the file at this content-relative path.
    Markdown(String),
    RawHtml,
    Template,
}

/// The key links are compared by: percent-decoded, as both sides encode differently.
pub fn key(href: &str) -> String {
    percent_decode(href)
}

/// Every place that produced the `count` occurrences of `value` in the page at output `path`:
/// Markdown links first, then raw HTML in the page's sources, then templates.
pub fn spots(
    ctx: &Context,
    path: &str,
    value: &str,
    count: usize,
    tag: &str,
    attr: &str,
) -> Vec<Spot> {
    let mut out = Vec::new();
    let wanted = key(value);
    if let Some(&i) = ctx.page_of_output.get(path) {
        for link in page_links(ctx, i).filter(|l| key(&l.href) == wanted) {
            out.push(markdown_spot(ctx, link));
        }
        for (shown, text, start) in page_sources(ctx, i) {
            if out.len() >= count {
                break;
            }
            for offset in raw_occurrences(text, start, value, attr) {
                if out.len() >= count {
                    break;
                }
                out.push(Spot {
                    location: Location::at_offset(shown, text, offset),
                    src: text.to_owned(),
                    span: value.chars().count(),
                    written: value.to_owned(),
                    kind: SpotKind::RawHtml,
                });
            }
        }
    }
    if out.len() < count && !ctx.page_of_output.contains_key(path) && path != "404.html" {
        out.extend(derived_spots(ctx, value));
    }
    if out.len() < count {
        out.push(template_spot(ctx, path, value, tag, attr));
    }
    out
}

fn markdown_spot(ctx: &Context, link: &LinkRef) -> Spot {
    let src = source_text(ctx, &link.location.path);
    let rel = link
        .location
        .path
        .strip_prefix(crate::discover::CONTENT_DIR);
    Spot {
        location: link.location.clone(),
        src: src.to_owned(),
        span: link.span,
        written: link.dest.clone(),
        kind: SpotKind::Markdown(
            rel.map(|r| r.to_string_lossy().replace('\\', "/"))
                .unwrap_or_default(),
        ),
    }
}

/// An HTML output that is not a page (an alias redirect, or another view of page content
/// such as an embeddable FAQ) repeats links written in Markdown, rewritten for its own
/// place: find them by the destination as written, or by the fragment they ask for.
fn derived_spots(ctx: &Context, value: &str) -> Vec<Spot> {
    let wanted = key(value);
    let fragment = value.split_once('#').map(|(_, f)| key(f));
    let same = |l: &&LinkRef| {
        key(&l.dest) == wanted
            || key(&l.href) == wanted
            || fragment
                .as_ref()
                .is_some_and(|f| l.dest.split_once('#').is_some_and(|(_, g)| key(g) == *f))
    };
    let mut spots: Vec<Spot> = (0..ctx.build.site.pages.len())
        .flat_map(|i| page_links(ctx, i))
        .filter(same)
        .map(|l| markdown_spot(ctx, l))
        .collect();
    spots.sort_by(|a, b| a.location.cmp(&b.location));
    spots.dedup_by(|a, b| a.location == b.location);
    spots
}

/// Links the renderer recorded for page `i`: its body, then its FAQ group's intro and answers.
fn page_links<'c>(ctx: &'c Context, i: usize) -> impl Iterator<Item = &'c LinkRef> {
    let r = &ctx.build.rendered.pages[i];
    let faq = r.faq.iter().flat_map(|f| {
        f.intro
            .links
            .iter()
            .chain(f.answers.iter().flat_map(|a| a.links.iter()))
    });
    r.body.links.iter().chain(faq)
}

/// The source files of page `i` (shown path, text, byte offset where content starts).
fn page_sources<'c>(ctx: &'c Context, i: usize) -> Vec<(&'c std::path::Path, &'c str, usize)> {
    let site = &ctx.build.site;
    let page = &site.pages[i];
    let mut out = Vec::new();
    if let Body::Markdown(lp) = &page.body {
        out.push((lp.source.shown.as_path(), lp.src.as_str(), lp.body_start));
    }
    if let Some(g) = page.faq {
        let f = &site.faqs[g];
        out.push((f.source.shown.as_path(), f.src.as_str(), 0));
    }
    out
}

fn source_text<'c>(ctx: &'c Context, path: &std::path::Path) -> &'c str {
    ctx.sources.get(path).copied().unwrap_or("")
}

/// Byte offsets of `attr="value"` (or single-quoted, or entity-escaped) in `text[start..]`.
fn raw_occurrences(text: &str, start: usize, value: &str, attr: &str) -> Vec<usize> {
    let escaped = value.replace('&', "&amp;");
    let mut found = Vec::new();
    let body = &text[start.min(text.len())..];
    for v in [value, escaped.as_str()] {
        for quote in ['"', '\''] {
            let needle = format!("{attr}={quote}{v}{quote}");
            for (pos, _) in body.match_indices(&needle) {
                found.push(start + pos + attr.len() + 2);
            }
        }
        if escaped == value {
            break;
        }
    }
    found.sort_unstable();
    found.dedup();
    found
}

/// Best guess at the template line that wrote the link: the longest tail of the URL that
/// appears in a template, else an element of the same kind with a computed URL, else the
/// first line of the template that rendered the page.
fn template_spot(ctx: &Context, path: &str, value: &str, tag: &str, attr: &str) -> Spot {
    let templates = &ctx.templates;
    let tails = tails(value);
    let by_tail = tails.iter().find_map(|tail| {
        templates.iter().find_map(|t| {
            t.text.lines().enumerate().find_map(|(n, line)| {
                let has_attr = line.contains(&format!("{attr}=")) || line.contains("url=");
                let col = line.find(tail.as_str())?;
                has_attr.then(|| {
                    (
                        t,
                        n + 1,
                        line[..col].chars().count() + 1,
                        tail.chars().count(),
                    )
                })
            })
        })
    });
    let by_tag = || {
        let needle = format!("{attr}=\"{{{{");
        templates.iter().find_map(|t| {
            t.text.lines().enumerate().find_map(|(n, line)| {
                let open = format!("<{tag}");
                let at = line.find(&needle)?;
                line.contains(&open).then(|| {
                    (
                        t,
                        n + 1,
                        line[..at].chars().count() + 1,
                        needle.chars().count(),
                    )
                })
            })
        })
    };
    let fallback = || {
        let name = ctx.template_of(path);
        let t = templates
            .iter()
            .find(|t| t.name == name)
            .or(templates.first())?;
        Some((t, 1, 1, 1))
    };
    match by_tail.or_else(by_tag).or_else(fallback) {
        Some((t, line, col, span)) => Spot {
            location: Location::new(&t.origin, line, col),
            src: t.text.clone(),
            span,
            written: value.to_owned(),
            kind: SpotKind::Template,
        },
        None => Spot {
            location: Location::new("templates", 1, 1),
            src: String::new(),
            span: 1,
            written: value.to_owned(),
            kind: SpotKind::Template,
        },
    }
}

/// `../../a/b.css` -> [`a/b.css`, `b.css`]: the parts a template could have written literally.
fn tails(value: &str) -> Vec<String> {
    let path = value.trim_start_matches("../").trim_start_matches("./");
    let mut out = Vec::new();
    let mut rest = path;
    loop {
        if rest.len() >= 3 {
            out.push(rest.to_owned());
        }
        match rest.split_once('/') {
            Some((_, tail)) if !tail.is_empty() => rest = tail,
            _ => break,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tails_drop_leading_segments() {
        assert_eq!(tails("../../_static/x.css"), ["_static/x.css", "x.css"]);
        assert!(tails("../").is_empty());
    }

    #[test]
    fn raw_html_is_found_by_attribute() {
        let text = "---\nt: 1\n---\nSee <a href=\"x/?a=1&amp;b=2\">x</a>.\n";
        let found = raw_occurrences(text, 12, "x/?a=1&b=2", "href");
        assert_eq!(found.len(), 1);
        assert!(text[found[0]..].starts_with("x/?a=1&amp;b=2"));
    }
}
