//! Read links and ids from final HTML (templates and raw HTML included).
//!
//! A small tokenizer rather than an HTML rewriter: it only needs start tags and their
//! attributes, and it has to read every page of a 10,000-page site (about 450 MB) in well
//! under a second. It skips comments, doctypes and the raw text of `script`, `style`,
//! `textarea` and `title` the way a browser does, and understands quoted and unquoted
//! attribute values and character references in them.

use std::borrow::Cow;

/// One URL-valued attribute found in a document (borrowed from it where possible). Kept
/// small: a large site has millions of them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HtmlLink<'a> {
    /// The attribute value with HTML entities decoded.
    pub value: Cow<'a, str>,
    /// Byte offset of the element's `<` in the document.
    pub offset: u32,
    /// Index into [`URL_ATTRS`] and into that element's attribute list.
    element: u8,
    attribute: u8,
    /// For `<img>`: whether it has an `alt` attribute at all.
    pub has_alt: bool,
}

impl HtmlLink<'_> {
    /// Element name, lowercase (`a`, `img`, `link`, ...).
    pub fn tag(&self) -> &'static str {
        URL_ATTRS[usize::from(self.element)].0
    }

    /// The attribute that holds the URL (`href`, `src`, `srcset`, `poster`).
    pub fn attr(&self) -> &'static str {
        URL_ATTRS[usize::from(self.element)].1[usize::from(self.attribute)]
    }
}

/// Links and ids of one document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scan<'a> {
    pub links: Vec<HtmlLink<'a>>,
    /// Every `id`, plus `name` of `<a>` (both are fragment targets).
    pub ids: Vec<Cow<'a, str>>,
}

/// A [`Scan`] that owns its text, for a document that is not kept: a build that writes each
/// page as its template runs keeps only this. The values sit end to end in one string, so a
/// page costs one allocation for its text instead of one per link.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Kept {
    text: String,
    links: Vec<KeptLink>,
    /// Ends of the ids in `text`, which hold them after the links.
    id_ends: Vec<u32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct KeptLink {
    end: u32,
    offset: u32,
    element: u8,
    attribute: u8,
    has_alt: bool,
}

impl Kept {
    /// Scan `html` and keep what the scan found.
    pub fn of(html: &[u8]) -> Kept {
        let scan = scan_bytes(html);
        let len = scan.links.iter().map(|l| l.value.len()).sum::<usize>()
            + scan.ids.iter().map(|i| i.len()).sum::<usize>();
        let mut text = String::with_capacity(len);
        let mut end = |s: &str| {
            text.push_str(s);
            // Pages are far below 4 GB; a value past that would only read short.
            u32::try_from(text.len()).unwrap_or(u32::MAX)
        };
        let links = scan
            .links
            .iter()
            .map(|l| KeptLink {
                end: end(&l.value),
                offset: l.offset,
                element: l.element,
                attribute: l.attribute,
                has_alt: l.has_alt,
            })
            .collect();
        let id_ends = scan.ids.iter().map(|i| end(i)).collect();
        Kept {
            text,
            links,
            id_ends,
        }
    }

    /// The scan again, borrowing its values from here.
    pub fn scan(&self) -> Scan<'_> {
        let mut start = 0usize;
        let mut next = |end: u32| {
            let end = (end as usize).min(self.text.len());
            let s = self.text.get(start..end).unwrap_or_default();
            start = end;
            Cow::Borrowed(s)
        };
        let links = self
            .links
            .iter()
            .map(|l| HtmlLink {
                value: next(l.end),
                offset: l.offset,
                element: l.element,
                attribute: l.attribute,
                has_alt: l.has_alt,
            })
            .collect();
        let ids = self.id_ends.iter().map(|&e| next(e)).collect();
        Scan { links, ids }
    }
}

/// Element names whose attributes may hold a URL to check, and those attributes.
const URL_ATTRS: &[(&str, &[&str])] = &[
    ("a", &["href"]),
    ("area", &["href"]),
    ("link", &["href"]),
    ("img", &["src", "srcset"]),
    ("script", &["src"]),
    ("iframe", &["src"]),
    ("source", &["src", "srcset"]),
    ("video", &["src", "poster"]),
    ("audio", &["src"]),
    ("track", &["src"]),
    ("embed", &["src"]),
];

/// Elements whose content is raw text: no tags inside until their end tag.
const RAW_TEXT: &[&str] = &["script", "style", "textarea", "title", "xmp", "plaintext"];

/// Scan `html`. Malformed markup never fails: what can be read is returned.
pub fn scan(html: &str) -> Scan<'_> {
    scan_bytes(html.as_bytes())
}

/// [`scan`] for bytes that should be UTF-8 (an output file): only the values it keeps are
/// decoded, so a page is not validated as a whole first. Invalid bytes in a value become
/// U+FFFD.
pub fn scan_bytes(html: &[u8]) -> Scan<'_> {
    let mut out = Scan::default();
    let mut pos = 0;
    while let Some(start) = find_byte(html, pos, b'<') {
        let rest = &html[start + 1..];
        pos = start + 1;
        match rest.first() {
            Some(b'!') if rest.starts_with(b"!--") => {
                pos = find(html, start + 4, b"-->").map_or(html.len(), |e| e + 3);
            }
            Some(b'!' | b'?' | b'/') => {
                pos = find_byte(html, start, b'>').map_or(html.len(), |e| e + 1);
            }
            Some(c) if c.is_ascii_alphabetic() => {
                pos = start_tag(html, start, &mut out);
            }
            _ => {}
        }
    }
    // A build holds every page's scan at once.
    out.links.shrink_to_fit();
    out.ids.shrink_to_fit();
    out
}

/// What a start tag's name says about it.
#[derive(Clone, Copy)]
struct Element {
    /// Index into [`URL_ATTRS`], when its attributes may hold URLs.
    urls: Option<usize>,
    /// `<a>`: its `name` is a fragment target too.
    is_a: bool,
    /// Its content is raw text up to the matching end tag.
    raw: bool,
}

fn classify(name: &[u8]) -> Element {
    // Most tags are `div`, `span`, `li`, `p`...: rule them out by length before comparing.
    let urls = if name.len() <= 6 {
        URL_ATTRS
            .iter()
            .position(|(t, _)| t.len() == name.len() && t.as_bytes().eq_ignore_ascii_case(name))
    } else {
        None
    };
    let raw = matches!(name.len(), 3 | 5 | 6 | 8 | 9)
        && RAW_TEXT
            .iter()
            .any(|t| t.len() == name.len() && t.as_bytes().eq_ignore_ascii_case(name));
    Element {
        urls,
        is_a: urls == Some(0),
        raw,
    }
}

/// Text of `bytes[from..to]`, borrowed when it is valid UTF-8.
fn text(bytes: &[u8]) -> Cow<'_, str> {
    match std::str::from_utf8(bytes) {
        Ok(s) => Cow::Borrowed(s),
        Err(_) => String::from_utf8_lossy(bytes),
    }
}

/// Read the start tag at `start`; returns where scanning goes on.
fn start_tag<'a>(html: &'a [u8], start: usize, out: &mut Scan<'a>) -> usize {
    let bytes = html;
    let mut i = start + 1;
    while i < bytes.len() && !is_space(bytes[i]) && bytes[i] != b'>' && bytes[i] != b'/' {
        i += 1;
    }
    let name = &html[start + 1..i];
    let element = classify(name);
    let first_link = out.links.len();
    let mut has_alt = false;
    loop {
        while i < bytes.len() && (is_space(bytes[i]) || bytes[i] == b'/') {
            i += 1;
        }
        if i >= bytes.len() {
            break;
        }
        if bytes[i] == b'>' {
            i += 1;
            break;
        }
        let attr_start = i;
        while i < bytes.len() && !is_space(bytes[i]) && !matches!(bytes[i], b'>' | b'/' | b'=') {
            i += 1;
        }
        let attr = &html[attr_start..i];
        while i < bytes.len() && is_space(bytes[i]) {
            i += 1;
        }
        let mut value: &[u8] = b"";
        if i < bytes.len() && bytes[i] == b'=' {
            i += 1;
            while i < bytes.len() && is_space(bytes[i]) {
                i += 1;
            }
            let (v, next) = attr_value(html, i);
            value = v;
            i = next;
        }
        // Only these attribute names matter; most attributes (`class`, `rel`, ...) have
        // other lengths and are passed over without comparing.
        match attr.len() {
            2 if attr.eq_ignore_ascii_case(b"id") => out.ids.push(decode_entities(text(value))),
            4 if element.is_a && attr.eq_ignore_ascii_case(b"name") => {
                out.ids.push(decode_entities(text(value)));
            }
            3 if attr.eq_ignore_ascii_case(b"alt") => has_alt = true,
            3 | 4 | 6 => {
                if let Some(e) = element.urls
                    && let Some(a) = URL_ATTRS[e]
                        .1
                        .iter()
                        .position(|a| a.as_bytes().eq_ignore_ascii_case(attr))
                {
                    push_links(out, e, a, text(value), start);
                }
            }
            _ => {}
        }
    }
    for link in &mut out.links[first_link..] {
        link.has_alt = has_alt;
    }
    if element.raw {
        return end_of_raw_text(html, i, name);
    }
    i
}

fn push_links<'a>(
    out: &mut Scan<'a>,
    element: usize,
    attribute: usize,
    value: Cow<'a, str>,
    at: usize,
) {
    let value = decode_entities(value);
    let link = |value: Cow<'a, str>| HtmlLink {
        value,
        // Documents over 4 GiB do not exist here; an offset only places a finding.
        offset: u32::try_from(at).unwrap_or(u32::MAX),
        element: element as u8,
        attribute: attribute as u8,
        has_alt: false,
    };
    if URL_ATTRS[element].1[attribute] == "srcset" {
        for candidate in value.split(',').filter_map(|c| c.split_whitespace().next()) {
            out.links.push(link(Cow::Owned(candidate.to_owned())));
        }
    } else {
        out.links.push(link(value));
    }
}

/// An attribute value at `i` (quoted or not) and the position after it.
fn attr_value(html: &[u8], i: usize) -> (&[u8], usize) {
    let bytes = html;
    match bytes.get(i) {
        Some(&q @ (b'"' | b'\'')) => match find_byte(html, i + 1, q) {
            Some(end) => (&html[i + 1..end], end + 1),
            None => (&html[i + 1..], html.len()),
        },
        _ => {
            let mut end = i;
            while end < bytes.len() && !is_space(bytes[end]) && bytes[end] != b'>' {
                end += 1;
            }
            (&html[i..end], end)
        }
    }
}

/// The position after `</name ...>` (case-insensitive), or the end of the document.
fn end_of_raw_text(html: &[u8], from: usize, name: &[u8]) -> usize {
    let bytes = html;
    let mut pos = from;
    while let Some(found) = find(html, pos, b"</") {
        let after = found + 2;
        let candidate = bytes.get(after..after + name.len());
        if candidate.is_some_and(|c| c.eq_ignore_ascii_case(name)) {
            return find_byte(html, after, b'>').map_or(html.len(), |e| e + 1);
        }
        pos = after;
    }
    html.len()
}

fn find(html: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(html.get(from..)?, needle).map(|i| from + i)
}

/// The next `needle` at or after `from`.
fn find_byte(bytes: &[u8], from: usize, needle: u8) -> Option<usize> {
    memchr::memchr(needle, bytes.get(from..)?).map(|i| from + i)
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

/// Decode the HTML entities that appear in attribute values: named basics and numeric ones.
pub fn decode_entities(s: Cow<'_, str>) -> Cow<'_, str> {
    if memchr::memchr(b'&', s.as_bytes()).is_none() {
        return s;
    }
    let mut out = String::with_capacity(s.len());
    let mut rest: &str = &s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest[1..].find(';').map(|j| j + 1).filter(|&j| j <= 10);
        let decoded = end.and_then(|j| entity(&rest[1..j]).map(|c| (c, j)));
        match decoded {
            Some((c, j)) => {
                out.push(c);
                rest = &rest[j + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

fn entity(name: &str) -> Option<char> {
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        "nbsp" => Some('\u{a0}'),
        _ => {
            let num = name.strip_prefix('#')?;
            let code = match num.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => num.parse().ok()?,
            };
            char::from_u32(code)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kept_scan_reads_back_as_the_scan() {
        let html = "<p id=\"a\"><a href=\"x/#b\">x</a><img src=\"€.png\" alt=\"\"><a name=\"\">\
            <a href=\"&amp;\"></a><h2 id=\"été\"></h2><img srcset=\"i.png 1x, j.png 2x\">";
        let scanned = scan(html);
        let kept = Kept::of(html.as_bytes());
        assert_eq!(kept.scan(), scanned);
        assert_eq!(scanned.links.len(), 5);
        assert_eq!(scanned.ids, ["a", "", "été"]);
        // The values are held once, end to end.
        let values: usize = scanned.links.iter().map(|l| l.value.len()).sum::<usize>()
            + scanned.ids.iter().map(|i| i.len()).sum::<usize>();
        assert_eq!(kept.text.len(), values);
        assert_eq!(Kept::of(b"").scan(), Scan::default());
    }

    #[test]
    fn finds_links_ids_and_srcset() {
        let html = "<!DOCTYPE html><p id=\"top-x\"><a href=\"a/?x=1&amp;y=2#f\">x</a><A NAME=old></A>\
            <img src='i.png' srcset=\"i.png 1x, i@2.png 2x\"><link rel=\"stylesheet\" href=s.css>\
            <script src=\"j.js\">if (a<b) { x = '<a href=\"no1\">'; }</script><!-- <a href=\"no2\"> -->\
            <style>a[href=\"no3\"]{}</style><img alt=\"\" src=\"k.png\"/></p>";
        let s = scan(html);
        let values: Vec<&str> = s.links.iter().map(|l| l.value.as_ref()).collect();
        assert_eq!(
            values,
            [
                "a/?x=1&y=2#f",
                "i.png",
                "i.png",
                "i@2.png",
                "s.css",
                "j.js",
                "k.png"
            ]
        );
        assert_eq!(s.ids, ["top-x", "old"]);
        assert!(!s.links[1].has_alt);
        assert!(s.links[6].has_alt);
        let at = s.links[0].offset as usize;
        assert_eq!(&html[at..at + 2], "<a");
        assert_eq!((s.links[4].tag(), s.links[4].attr()), ("link", "href"));
        assert_eq!(s.links[3].attr(), "srcset");
    }

    #[test]
    fn malformed_markup_does_not_fail() {
        let s = scan("<a href=\"x <b id=unclosed <!-- never closed <script>");
        assert_eq!(s.links.len(), 1);
        assert!(scan("< a><<<>></").links.is_empty());
    }

    #[test]
    fn invalid_utf8_spoils_only_its_own_value() {
        let html =
            b"<p>\xff</p><a href=\"x\xfe.html\">a</a><h2 id=\"ok\">b</h2><a href=\"y.html\">";
        let s = scan_bytes(html);
        let values: Vec<&str> = s.links.iter().map(|l| l.value.as_ref()).collect();
        assert_eq!(values, ["x\u{fffd}.html", "y.html"]);
        assert_eq!(s.ids, ["ok"]);
    }

    #[test]
    fn entities_decode() {
        assert_eq!(
            decode_entities(Cow::Borrowed("a&amp;b&#39;c&#x41;&bogus;&")),
            "a&b'cA&bogus;&"
        );
    }
}
