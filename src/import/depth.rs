//! Deep nesting taken out of HTML text before it is parsed. The HTML parsing algorithm looks
//! through the stack of open elements for many start tags, so a post of N nested `<div>`s
//! parses in O(N²) time (100,000 of them: minutes). Tags nested deeper than a limit are
//! dropped here in one pass, keeping their text, which is what the importer does with deep
//! elements after parsing anyway ([`super::dom::flatten_deeper_than`]).

use std::collections::HashMap;

/// Elements without content: they never nest.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Elements whose end tag may be left out (`<p>`, `<li>`): counting them would drift, and
/// the parser closes them itself, so they neither nest here nor get dropped.
const OPTIONAL_END: &[&str] = &[
    "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "thead", "tbody", "tfoot",
    "colgroup", "caption", "rb", "rt", "rtc", "rp",
];

/// Elements whose content is text up to their end tag.
const RAW_TEXT: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed",
];

/// `html` with start and end tags nested deeper than `max` left out; the number of elements
/// dropped. Text and shallower markup are kept byte for byte.
pub fn drop_deeper_than(html: &str, max: usize) -> (std::borrow::Cow<'_, str>, usize) {
    let mut out = String::new();
    let mut copied = 0;
    let mut dropped = 0;
    // Open elements: name, and whether its tags were dropped. `open` counts names on the
    // stack, so an end tag with no open element of its name is passed by in O(1).
    let mut stack: Vec<(String, bool)> = Vec::new();
    let mut open: HashMap<String, usize> = HashMap::new();
    let bytes = html.as_bytes();
    let mut i = 0;
    while let Some(lt) = memchr::memchr(b'<', &bytes[i..]).map(|p| i + p) {
        let Some(tag) = Tag::at(html, lt) else {
            i = lt + 1;
            continue;
        };
        let mut skip = false;
        match &tag.kind {
            Kind::Start(name) => {
                if RAW_TEXT.contains(&name.as_str()) {
                    let close = format!("</{name}");
                    let rest = html[tag.end..].to_ascii_lowercase();
                    i = rest.find(&close).map_or(html.len(), |p| tag.end + p);
                    continue;
                }
                if !VOID.contains(&name.as_str()) && !OPTIONAL_END.contains(&name.as_str()) {
                    skip = stack.len() >= max;
                    dropped += usize::from(skip);
                    *open.entry(name.clone()).or_default() += 1;
                    stack.push((name.clone(), skip));
                }
            }
            Kind::End(name) => {
                if open.get(name).copied().unwrap_or(0) > 0 {
                    while let Some((top, was_dropped)) = stack.pop() {
                        if let Some(n) = open.get_mut(&top) {
                            *n -= 1;
                        }
                        if top == *name {
                            skip = was_dropped;
                            break;
                        }
                    }
                }
            }
            Kind::Other => {}
        }
        if skip {
            out.push_str(&html[copied..lt]);
            copied = tag.end;
        }
        i = tag.end;
    }
    if copied == 0 {
        return (std::borrow::Cow::Borrowed(html), 0);
    }
    out.push_str(&html[copied..]);
    (std::borrow::Cow::Owned(out), dropped)
}

enum Kind {
    Start(String),
    End(String),
    Other,
}

struct Tag {
    kind: Kind,
    /// Byte offset just past the tag's `>`.
    end: usize,
}

impl Tag {
    /// The tag starting at the `<` at `lt`, if it is one.
    fn at(html: &str, lt: usize) -> Option<Tag> {
        let rest = &html[lt + 1..];
        if let Some(comment) = rest.strip_prefix("!--") {
            let end = comment.find("-->").map_or(html.len(), |p| lt + 4 + p + 3);
            return Some(Tag {
                kind: Kind::Other,
                end,
            });
        }
        let (closing, name_at) = match rest.strip_prefix('/') {
            Some(_) => (true, lt + 2),
            None => (false, lt + 1),
        };
        let name_len = html[name_at..]
            .find(|c: char| !c.is_ascii_alphanumeric() && c != '-')
            .unwrap_or(html.len() - name_at);
        if name_len == 0 || !html[name_at..].starts_with(|c: char| c.is_ascii_alphabetic()) {
            return None;
        }
        let name = html[name_at..name_at + name_len].to_ascii_lowercase();
        let gt = find_tag_end(html, name_at + name_len)?;
        let self_closing = html[..gt].ends_with('/');
        let kind = match (closing, self_closing) {
            (true, _) => Kind::End(name),
            (false, true) => Kind::Other,
            (false, false) => Kind::Start(name),
        };
        Some(Tag { kind, end: gt + 1 })
    }
}

/// The `>` that ends a tag whose attributes start at `from` (quoted values may hold `>`).
fn find_tag_end(html: &str, from: usize) -> Option<usize> {
    let mut quote: Option<u8> = None;
    for (i, &b) in html.as_bytes()[from..].iter().enumerate() {
        match (quote, b) {
            (Some(q), _) if b == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(b),
            (None, b'>') => return Some(from + i),
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_tags_are_dropped_and_text_kept() {
        let html = format!("{}<b>deep</b>{}", "<div>".repeat(5), "</div>".repeat(5));
        let (out, dropped) = drop_deeper_than(&html, 3);
        assert_eq!(dropped, 3);
        assert_eq!(out, "<div><div><div>deep</div></div></div>");
    }

    #[test]
    fn shallow_markup_is_untouched() {
        let html = "<p>a<p>b <img src=x> <br/> <script>if (a<b) {}</script><!-- <div> --></p>";
        let (out, dropped) = drop_deeper_than(html, 2);
        assert_eq!((out.as_ref(), dropped), (html, 0));
    }

    #[test]
    fn stray_end_tags_do_not_unbalance_the_count() {
        let html = format!(
            "{}<div><div><div>x</div></div></div>",
            "</span>".repeat(1000)
        );
        let (out, dropped) = drop_deeper_than(&html, 2);
        assert_eq!(dropped, 1);
        assert!(out.ends_with("<div><div>x</div></div>"), "{out}");
    }
}
