//! `feed.xml`: an Atom 1.0 feed (RFC 4287) of the most recently updated pages and FAQ
//! questions. Written only with `base_url`, since every URL in it must be absolute.

use crate::model::Site;

/// How many entries the feed holds.
pub const MAX_ENTRIES: usize = 20;

/// The feed's path in the output folder.
pub const PATH: &str = "feed.xml";

/// One dated page or question.
#[derive(Debug)]
struct Entry<'a> {
    /// Site-relative URL of the page.
    url: &'a str,
    /// A question's id on its group's page.
    fragment: Option<&'a str>,
    title: &'a str,
    updated: &'a str,
    summary: &'a str,
}

/// The feed of `site`, or `None` without `base_url`. Entries are the [`MAX_ENTRIES`] most
/// recent by `updated`, then by title; entries without a date are left out. With none, the
/// feed is still valid, dated at the Unix epoch (a build reads no clock).
pub fn feed(site: &Site) -> Option<String> {
    let base = &site.config.base_url;
    if base.is_empty() {
        return None;
    }
    let mut entries = entries(site);
    entries.sort_by(|a, b| {
        b.updated
            .cmp(a.updated)
            .then_with(|| a.title.to_lowercase().cmp(&b.title.to_lowercase()))
            .then_with(|| (a.url, a.fragment).cmp(&(b.url, b.fragment)))
    });
    entries.truncate(MAX_ENTRIES);
    let absolute = |url: &str| format!("{base}{}", crate::resolve::encode_segments(url));
    let updated = entries.first().map_or("1970-01-01", |e| e.updated);
    let c = &site.config;
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    xml.push_str(&format!(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n",
        text(&c.language)
    ));
    element(&mut xml, 1, "id", &absolute(PATH));
    element(&mut xml, 1, "title", &c.title);
    if !c.description.is_empty() {
        element(&mut xml, 1, "subtitle", &c.description);
    }
    element(&mut xml, 1, "updated", &timestamp(updated));
    link(&mut xml, 1, "self", "application/atom+xml", &absolute(PATH));
    link(&mut xml, 1, "alternate", "text/html", base);
    xml.push_str("  <author><name>");
    xml.push_str(&text(&c.title));
    xml.push_str("</name></author>\n");
    element(&mut xml, 1, "generator", "helpsite");
    for e in &entries {
        let mut url = absolute(e.url);
        if let Some(id) = e.fragment {
            url.push('#');
            url.push_str(id);
        }
        xml.push_str("  <entry>\n");
        element(&mut xml, 2, "id", &url);
        element(&mut xml, 2, "title", e.title);
        element(&mut xml, 2, "updated", &timestamp(e.updated));
        link(&mut xml, 2, "alternate", "text/html", &url);
        if !e.summary.is_empty() {
            element(&mut xml, 2, "summary", e.summary);
        }
        xml.push_str("  </entry>\n");
    }
    xml.push_str("</feed>\n");
    Some(xml)
}

/// Every dated page and FAQ question (of groups that have a page).
fn entries(site: &Site) -> Vec<Entry<'_>> {
    let valid = |d: &&str| crate::load::date_problem(d).is_none();
    let mut out: Vec<Entry> = site
        .pages
        .iter()
        .filter_map(|p| {
            Some(Entry {
                url: &p.url,
                fragment: None,
                title: &p.title,
                updated: p.updated.as_deref().filter(valid)?,
                summary: &p.description,
            })
        })
        .collect();
    for page in site
        .pages
        .iter()
        .filter(|p| p.kind == crate::model::PageKind::Faq)
    {
        let Some(group) = page.faq.and_then(|g| site.faqs.get(g)) else {
            continue;
        };
        for q in &group.questions {
            let Some(updated) = q.updated.as_deref().filter(valid) else {
                continue;
            };
            out.push(Entry {
                url: &page.url,
                fragment: Some(&q.id),
                title: &q.question,
                updated,
                summary: "",
            });
        }
    }
    out
}

/// A date as an RFC 3339 time: the start of that day, UTC.
fn timestamp(date: &str) -> String {
    format!("{date}T00:00:00Z")
}

fn element(xml: &mut String, depth: usize, name: &str, value: &str) {
    xml.push_str(&"  ".repeat(depth));
    xml.push_str(&format!("<{name}>{}</{name}>\n", text(value)));
}

fn link(xml: &mut String, depth: usize, rel: &str, kind: &str, href: &str) {
    xml.push_str(&"  ".repeat(depth));
    xml.push_str(&format!(
        "<link rel=\"{rel}\" type=\"{kind}\" href=\"{}\"/>\n",
        text(href)
    ));
}

/// `s` as XML text: markup characters escaped, and characters XML 1.0 cannot hold at all
/// (control characters other than tab and line breaks) left out.
fn text(s: &str) -> String {
    let allowed: String = s
        .chars()
        .filter(|&c| !c.is_control() || matches!(c, '\t' | '\n' | '\r'))
        .filter(|&c| !matches!(c, '\u{FFFE}' | '\u{FFFF}'))
        .collect();
    crate::html::escape(&allowed)
}

#[cfg(test)]
mod tests {
    use super::text;

    #[test]
    fn text_is_escaped_and_stripped_of_what_xml_cannot_hold() {
        assert_eq!(
            text("a < b & \"c\"\u{1}\u{7f}"),
            "a &lt; b &amp; &quot;c&quot;"
        );
        assert_eq!(text("tab\there"), "tab\there");
    }
}
