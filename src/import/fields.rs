//! The simple fields of a post: its title and description as plain text, the page's file
//! stem from the slug, the date from `modified`.

use super::clean;
use super::dom;
use super::repairs::Repairs;
use super::wordpress::Post;
use htmd::HtmlToMarkdown;
use markup5ever_rcdom::Handle;

/// The document and its body. Parsing a `&str` cannot fail (html5ever recovers from any
/// markup), but the API returns a `Result`.
pub fn parse(converter: &HtmlToMarkdown, html: &str) -> (Handle, Handle) {
    let document = converter
        .html_to_tree(html)
        .unwrap_or_else(|_| dom::element("html"));
    let body = dom::body(&document);
    (document, body)
}

/// Plain text of an HTML snippet (a title, an excerpt), entities decoded and repaired.
pub fn html_text(converter: &HtmlToMarkdown, html: &str, repairs: &mut Repairs) -> String {
    let (_document, body) = parse(converter, html);
    clean::text(&body, repairs);
    dom::squashed_text(&body)
}

/// The SEO plugin's description, else the excerpt (an automatic excerpt loses its "[…]"
/// and is cut back to its last full sentence).
pub fn description(post: &Post, converter: &HtmlToMarkdown) -> Option<String> {
    let mut scratch = Repairs::default();
    if let Some(seo) = post.seo_description() {
        let text = html_text(converter, &seo, &mut scratch);
        if !text.is_empty() {
            return Some(text);
        }
    }
    let text = html_text(converter, post.excerpt.html(), &mut scratch);
    let Some(cut) = text
        .strip_suffix("[…]")
        .or_else(|| text.strip_suffix('…'))
        .map(str::trim_end)
    else {
        return (!text.is_empty()).then_some(text);
    };
    let end = cut.rfind(['.', '!', '?']).filter(|&i| i > cut.len() / 3);
    let shortened = match end {
        Some(i) => cut[..=i].to_owned(),
        None => format!("{cut}…"),
    };
    (!cut.is_empty()).then_some(shortened)
}

/// The page's file stem: the post slug (URL-decoded, made safe), else from the title.
pub fn stem(post: &Post, title: &str) -> String {
    let from = |s: &str| {
        let mut out = String::new();
        for c in s.chars().flat_map(char::to_lowercase) {
            if c.is_alphanumeric() || c == '_' {
                out.push(c);
            } else if !out.ends_with('-') {
                out.push('-');
            }
        }
        out.trim_matches('-').to_owned()
    };
    let mut s = from(&percent_decode(&post.slug));
    if s.is_empty() {
        s = from(title);
    }
    if s.is_empty() {
        s = format!("post-{}", post.id.unwrap_or(0));
    }
    if s == "index" || s == "_index" {
        s.push_str("-page");
    }
    s
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok());
        match (bytes[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// `YYYY-MM-DD` from a WordPress timestamp (`2026-05-21T11:51:39`).
pub fn date(modified: &str) -> Option<&str> {
    let d = modified.get(..10)?;
    let ok = d.char_indices().all(|(i, c)| {
        if i == 4 || i == 7 {
            c == '-'
        } else {
            c.is_ascii_digit()
        }
    });
    ok.then_some(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_dates_and_decoding() {
        assert_eq!(percent_decode("caf%C3%A9-ok%2"), "café-ok%2");
        assert_eq!(date("2026-05-21T11:51:39"), Some("2026-05-21"));
        assert_eq!(date("May 21"), None);
    }
}
