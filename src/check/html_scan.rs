//! Read links and ids from final HTML (templates and raw HTML included) with lol_html.

use lol_html::html_content::Element;
use lol_html::{HtmlRewriter, Settings, element};

/// One URL-valued attribute found in a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HtmlLink {
    /// The attribute value with HTML entities decoded.
    pub value: String,
    /// Element name, lowercase (`a`, `img`, `link`, ...).
    pub tag: String,
    pub attr: &'static str,
    /// Byte offset of the element in the document.
    pub offset: usize,
    /// For `<img>`: whether it has an `alt` attribute at all.
    pub has_alt: bool,
}

/// Links and ids of one document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scan {
    pub links: Vec<HtmlLink>,
    /// Every `id`, plus `name` of `<a>` (both are fragment targets).
    pub ids: Vec<String>,
}

/// Element names and the attribute of each that holds a URL to check.
const URL_ATTRS: &[(&str, &str)] = &[
    ("a", "href"),
    ("area", "href"),
    ("link", "href"),
    ("img", "src"),
    ("script", "src"),
    ("iframe", "src"),
    ("source", "src"),
    ("video", "src"),
    ("audio", "src"),
    ("track", "src"),
    ("embed", "src"),
    ("video", "poster"),
];

/// Scan `html`. Malformed markup never fails: what can be read is returned.
pub fn scan(html: &str) -> Scan {
    let mut out = Scan::default();
    let settings =
        Settings::new().append_element_content_handler(element!("*", |el: &mut Element| {
            visit(el, &mut out);
            Ok(())
        }));
    let mut rewriter = HtmlRewriter::new(settings, |_: &[u8]| {});
    // Errors only come from handlers, which never fail, or memory limits on absurd input.
    let _ = rewriter.write(html.as_bytes());
    let _ = rewriter.end();
    out
}

fn visit(el: &Element, out: &mut Scan) {
    let tag = el.tag_name();
    let offset = el.source_location().bytes().start;
    for attr in el.attributes() {
        let name = attr.name();
        if name == "id" || (name == "name" && tag == "a") {
            out.ids.push(decode_entities(&attr.value()));
            continue;
        }
        if name == "srcset" && matches!(tag.as_str(), "img" | "source") {
            for candidate in srcset_urls(&decode_entities(&attr.value())) {
                out.links.push(link(&tag, "srcset", candidate, offset, el));
            }
            continue;
        }
        let Some(&(_, attr_name)) = URL_ATTRS.iter().find(|(t, a)| *t == tag && *a == name) else {
            continue;
        };
        out.links.push(link(
            &tag,
            attr_name,
            decode_entities(&attr.value()),
            offset,
            el,
        ));
    }
}

fn link(tag: &str, attr: &'static str, value: String, offset: usize, el: &Element) -> HtmlLink {
    HtmlLink {
        value,
        tag: tag.to_owned(),
        attr,
        offset,
        has_alt: el.has_attribute("alt"),
    }
}

/// The URLs of a `srcset` (`a.png 1x, b.png 2x`).
fn srcset_urls(srcset: &str) -> Vec<String> {
    srcset
        .split(',')
        .filter_map(|c| c.split_whitespace().next())
        .filter(|u| !u.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Decode the HTML entities that appear in attribute values: named basics and numeric ones.
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
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
    out
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
    fn finds_links_ids_and_srcset() {
        let html = "<p id=\"top-x\"><a href=\"a/?x=1&amp;y=2#f\">x</a><a name=\"old\"></a>\
            <img src=\"i.png\" srcset=\"i.png 1x, i@2.png 2x\"><link rel=\"stylesheet\" href=\"s.css\">\
            <script src=\"j.js\"></script><!-- <a href=\"no\"> --></p>";
        let s = scan(html);
        let values: Vec<&str> = s.links.iter().map(|l| l.value.as_str()).collect();
        assert_eq!(
            values,
            ["a/?x=1&y=2#f", "i.png", "i.png", "i@2.png", "s.css", "j.js"]
        );
        assert_eq!(s.ids, ["top-x", "old"]);
        assert!(!s.links[1].has_alt);
        assert_eq!(&html[s.links[0].offset..s.links[0].offset + 2], "<a");
    }

    #[test]
    fn entities_decode() {
        assert_eq!(
            decode_entities("a&amp;b&#39;c&#x41;&bogus;&"),
            "a&b'cA&bogus;&"
        );
    }
}
