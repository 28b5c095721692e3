//! `#fragment`s of external links: which ones name an element worth looking for, the ids of
//! a fetched HTML page (read up to a cap), and the verdict on the fragments asked of it.

use crate::html_scan;
use crate::resolve::percent_decode;
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::io::Read;

/// The most of a page read (after decompression). Fragments not found in a longer page
/// are not reported: their element may lie past the cut.
pub const MAX_BODY: u64 = 4 * 1024 * 1024;

/// The fragment to look for, from what follows `#` in a link; `None` when it names no
/// element: empty, `top` (browsers scroll to the top), a text fragment (`:~:text=`), a line
/// range of a code host (`L10-L20`, `L3C1-L4C9`, `lines-10:20`), or a client-side route
/// (`#/path`, `#!/path`) that only the page's script understands.
pub fn target(raw: &str) -> Option<&str> {
    // A text fragment may follow an element fragment (`#intro:~:text=x`): keep the element.
    let raw = raw.split(":~:").next().unwrap_or("");
    let skip = raw.is_empty()
        || raw.eq_ignore_ascii_case("top")
        || raw.starts_with(['/', '!'])
        || is_line_range(raw);
    (!skip).then_some(raw)
}

/// `L10`, `L10-L20`, `L10-20`, `L10C5-L12C8` (GitHub, GitLab, Gitea) or `lines-10:20`
/// (Bitbucket): lines of a file shown by a script, not elements in the HTML.
fn is_line_range(f: &str) -> bool {
    fn digits(s: &str) -> bool {
        !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
    }
    fn position(s: &str) -> bool {
        let (line, col) = s.split_once('C').unwrap_or((s, "1"));
        digits(line) && digits(col)
    }
    if let Some(rest) = f.strip_prefix("lines-") {
        return rest.split(':').all(digits);
    }
    let Some(rest) = f.strip_prefix('L') else {
        return false;
    };
    match rest.split_once('-') {
        Some((from, to)) => position(from) && position(to.strip_prefix('L').unwrap_or(to)),
        None => position(rest),
    }
}

/// Whether a `Content-Type` (its MIME type, without parameters) is an HTML page.
pub fn is_html(mime: Option<&str>) -> bool {
    mime.is_some_and(|m| {
        let m = m.trim();
        m.eq_ignore_ascii_case("text/html") || m.eq_ignore_ascii_case("application/xhtml+xml")
    })
}

/// What a 2xx answer's body held, for looking fragments up in.
#[derive(Debug, Clone, Default)]
pub enum Body {
    /// Not read: no fragment was asked, the answer was not 2xx, or reading it failed.
    #[default]
    Unread,
    /// Not HTML (a PDF, plain text, JSON...): fragments mean something else there.
    NotHtml,
    Html(Page),
}

/// The fragment targets of an HTML page: every `id` and every `<a name>`.
#[derive(Debug, Clone, Default)]
pub struct Page {
    ids: HashSet<String>,
    /// Whether the whole page was read (it was no longer than [`MAX_BODY`]).
    complete: bool,
}

impl Page {
    /// Read at most [`MAX_BODY`] bytes of an HTML body and keep its ids.
    pub fn read(body: impl Read) -> std::io::Result<Page> {
        let mut bytes = Vec::new();
        body.take(MAX_BODY + 1).read_to_end(&mut bytes)?;
        let complete = bytes.len() as u64 <= MAX_BODY;
        bytes.truncate(MAX_BODY as usize);
        Ok(Page::of_html(&bytes, complete))
    }

    fn of_html(html: &[u8], complete: bool) -> Page {
        let ids = html_scan::scan_bytes(html).ids;
        Page {
            ids: ids.into_iter().map(|id| id.into_owned()).collect(),
            complete,
        }
    }

    /// Whether `fragment` (as written, maybe percent-encoded) names an element. Browsers try
    /// the fragment as it is, then decoded; a page cut short cannot say no.
    fn has(&self, fragment: &str) -> bool {
        !self.complete
            || self.ids.contains(fragment)
            || self.ids.contains(&percent_decode(fragment))
    }
}

/// What a page said about the fragments asked of it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Verdict {
    /// Nothing known: no fragment asked, no 2xx answer, or the body could not be read.
    #[default]
    Unknown,
    /// Not HTML: every fragment passes.
    NotHtml,
    /// The fragments found, and those missing with the closest id the page has.
    Checked {
        found: BTreeSet<String>,
        missing: BTreeMap<String, Option<String>>,
    },
}

/// The verdict of `body` on the fragments in `wanted`.
pub fn verdict(body: &Body, wanted: &BTreeSet<String>) -> Verdict {
    let page = match body {
        Body::Unread => return Verdict::Unknown,
        Body::NotHtml => return Verdict::NotHtml,
        Body::Html(page) => page,
    };
    let (found, missing): (BTreeSet<&String>, BTreeSet<&String>) =
        wanted.iter().partition(|f| page.has(f));
    let ids = || page.ids.iter().map(String::as_str);
    Verdict::Checked {
        found: found.into_iter().cloned().collect(),
        missing: missing
            .into_iter()
            .map(|f| {
                let near = crate::suggest::closest(&percent_decode(f), ids());
                (f.clone(), near.map(str::to_owned))
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_element_fragments_are_looked_for() {
        assert_eq!(target("install"), Some("install"));
        assert_eq!(target("intro:~:text=hello"), Some("intro"));
        for skipped in [
            "",
            "top",
            "TOP",
            ":~:text=hello",
            "L10",
            "L10-L20",
            "L10-20",
            "L3C1-L4C9",
            "lines-10:20",
            "/settings/profile",
            "!/inbox",
        ] {
            assert_eq!(target(skipped), None, "{skipped}");
        }
        for kept in ["L", "Lambda", "L10-", "L10-x", "lines-", "Level-2"] {
            assert_eq!(target(kept), Some(kept), "{kept}");
        }
        assert!(is_html(Some("text/html")));
        assert!(is_html(Some("application/XHTML+xml")));
        assert!(!is_html(Some("text/plain")));
        assert!(!is_html(None));
    }

    #[test]
    fn verdicts_use_ids_and_a_names_and_suggest() {
        let page = Page::of_html(
            b"<h2 id=\"install-the-client\">x</h2><a name=\"old\"></a><p id=\"caf\xc3\xa9\">",
            true,
        );
        let wanted: BTreeSet<String> = ["install-the-client", "old", "caf%C3%A9", "instal"]
            .map(str::to_owned)
            .into();
        let Verdict::Checked { found, missing } = verdict(&Body::Html(page), &wanted) else {
            panic!("not checked");
        };
        assert_eq!(found.len(), 3, "{found:?}");
        assert_eq!(
            missing.get("instal"),
            Some(&Some("install-the-client".to_owned()))
        );
        // A page cut short cannot say a fragment is missing.
        let partial = Body::Html(Page::of_html(b"<p id=a>", false));
        let Verdict::Checked { missing, .. } = verdict(&partial, &wanted) else {
            panic!("not checked");
        };
        assert!(missing.is_empty());
        assert_eq!(verdict(&Body::NotHtml, &wanted), Verdict::NotHtml);
    }
}
