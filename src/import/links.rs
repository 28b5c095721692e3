//! Link repairs: in-page anchors follow the new heading and question ids, links between
//! posts imported together become relative `.md` links, site-relative links to the old
//! site become absolute, and links that lead nowhere lose their `<a>`.

use super::dom;
use super::repairs::{Repair, Repairs};
use super::url;
use markup5ever_rcdom::Handle;
use std::collections::HashMap;

/// Where an old anchor lands on the new page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Anchor {
    Heading(String),
    Question(String),
}

/// An imported post as a link target.
#[derive(Debug, Clone, Default)]
pub struct Target {
    /// The page's file name in the import folder, e.g. `reset-your-token.md`.
    pub file: String,
    /// Old element ids (and new ids) to the id on the new page.
    pub anchors: HashMap<String, Anchor>,
}

/// Every post of one import run, keyed by the path of its old URL.
#[derive(Debug, Default)]
pub struct Catalogue {
    pub targets: Vec<Target>,
    pub by_path: HashMap<String, usize>,
}

/// What one rewrite needs to know about the post being written.
pub struct Context<'a> {
    pub catalogue: &'a Catalogue,
    /// This post's index in the catalogue.
    pub me: usize,
    /// The post's old URL, to resolve relative links and to tell old-site links.
    pub link: Option<&'a str>,
    /// Whether the text goes into the FAQ file (one folder below the page).
    pub in_faq: bool,
}

impl Context<'_> {
    fn host(&self) -> Option<String> {
        self.link.and_then(url::parse).map(|u| u.host)
    }

    fn page_prefix(&self) -> &'static str {
        if self.in_faq { "../" } else { "" }
    }

    /// The new href for an anchor on post `target`, `None` when the anchor is gone.
    fn anchor_href(&self, target: usize, fragment: &str) -> Option<String> {
        let t = &self.catalogue.targets[target];
        let anchor = t.anchors.get(fragment).or_else(|| {
            let decoded = fragment.replace("%20", " ");
            t.anchors.get(&decoded)
        })?;
        let own = target == self.me;
        Some(match anchor {
            Anchor::Question(id) if own => format!("#{id}"),
            Anchor::Heading(id) if own && !self.in_faq => format!("#{id}"),
            Anchor::Heading(id) | Anchor::Question(id) => {
                format!("{}{}#{id}", self.page_prefix(), t.file)
            }
        })
    }
}

/// Rewrite every `<a href>` and `<img src>` below `root`.
pub fn rewrite(root: &Handle, ctx: &Context, repairs: &mut Repairs) {
    for el in dom::elements(root) {
        if dom::is(&el, &["a"]) {
            link(&el, ctx, repairs);
        } else if dom::is(&el, &["img"]) {
            let src = dom::attr(&el, "src").unwrap_or_default();
            if let Some(abs) = absolute(&src, ctx) {
                dom::set_attr(&el, "src", &abs);
                repairs.add(Repair::SiteRelativeLink, 1);
            }
        }
    }
}

/// A link that runs code or carries a document instead of leading somewhere:
/// `javascript:`, `vbscript:`, `data:`. Browsers ignore tabs, newlines and other control
/// characters inside the scheme (`java\tscript:`), so those are left out before comparing.
fn is_script_scheme(href: &str) -> bool {
    let scheme: String = href
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_ascii_control())
        .take(11)
        .collect::<String>()
        .to_ascii_lowercase();
    ["javascript:", "vbscript:", "data:"]
        .iter()
        .any(|s| scheme.starts_with(s))
}

fn link(a: &Handle, ctx: &Context, repairs: &mut Repairs) {
    let Some(href) = dom::attr(a, "href").map(|h| h.trim().to_owned()) else {
        dom::unwrap(a);
        return;
    };
    if href.is_empty() || is_script_scheme(&href) {
        dom::unwrap(a);
        repairs.add(Repair::DeadLink, 1);
        return;
    }
    if let Some(fragment) = href.strip_prefix('#') {
        match ctx.anchor_href(ctx.me, fragment) {
            Some(new) => {
                if new != href {
                    dom::set_attr(a, "href", &new);
                    repairs.add(Repair::AnchorLink, 1);
                }
            }
            None => {
                dom::unwrap(a);
                repairs.add(Repair::DeadLink, 1);
            }
        }
        return;
    }
    let absolute_href = absolute(&href, ctx);
    let full = absolute_href.as_deref().unwrap_or(&href);
    if let Some(new) = imported_target(full, ctx) {
        dom::set_attr(a, "href", &new);
        repairs.add(Repair::InternalLink, 1);
    } else if let Some(abs) = absolute_href {
        dom::set_attr(a, "href", &abs);
        repairs.add(Repair::SiteRelativeLink, 1);
    }
}

/// A site-relative or relative link made absolute against the post's old URL.
fn absolute(href: &str, ctx: &Context) -> Option<String> {
    if href.is_empty() || href.starts_with('#') || href.starts_with("//") || url::has_scheme(href) {
        return None;
    }
    url::resolve(href, ctx.link?)
}

/// The relative `.md` link for an old-site URL of a post imported in this run.
fn imported_target(full: &str, ctx: &Context) -> Option<String> {
    let u = url::parse(full)?;
    if Some(&u.host) != ctx.host().as_ref() {
        return None;
    }
    let &target = ctx.catalogue.by_path.get(&url::path_key(u.path))?;
    let fragment = u.fragment.filter(|f| !f.is_empty());
    if let Some(new) = fragment.and_then(|f| ctx.anchor_href(target, f)) {
        return Some(new);
    }
    let t = &ctx.catalogue.targets[target];
    Some(format!("{}{}", ctx.page_prefix(), t.file))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(html: &str, in_faq: bool) -> (String, Repairs) {
        let doc = htmd::HtmlToMarkdown::new().html_to_tree(html).unwrap();
        let body = dom::body(&doc);
        let mut catalogue = Catalogue::default();
        let mut anchors = HashMap::new();
        anchors.insert(
            "list-item-1".to_owned(),
            Anchor::Heading("what-is-it".into()),
        );
        anchors.insert("faq-question-7".to_owned(), Anchor::Question("why".into()));
        catalogue.targets.push(Target {
            file: "me.md".into(),
            anchors,
        });
        catalogue.targets.push(Target {
            file: "other.md".into(),
            anchors: HashMap::new(),
        });
        catalogue.by_path.insert("/blog/me".into(), 0);
        catalogue.by_path.insert("/blog/other".into(), 1);
        let ctx = Context {
            catalogue: &catalogue,
            me: 0,
            link: Some("https://old.test/blog/me/"),
            in_faq,
        };
        let mut repairs = Repairs::default();
        rewrite(&body, &ctx, &mut repairs);
        let md = htmd::HtmlToMarkdown::new().tree_to_markdown(&body);
        (md, repairs)
    }

    #[test]
    fn anchors_posts_and_site_relative_links() {
        let (md, r) = run(
            r##"<p><a href="#list-item-1">a</a> <a href="#faq-question-7">b</a> <a href="#gone">c</a>
            <a href="https://www.old.test/blog/other/">d</a> <a href="/blog/other">e</a>
            <a href="/pricing/">f</a> <a href="https://else.test/x">g</a> <a href="javascript:void(0)">h</a>
            <a href="data:text/html,x">i</a> <a href="VBScript:msgbox">j</a> <a href="java&#9;script:alert(1)">k</a>
            <img src="/wp-content/a.png" alt="A"></p>"##,
            false,
        );
        assert!(md.contains("[a](#what-is-it)"), "{md}");
        assert!(md.contains("[b](#why)"), "{md}");
        assert!(md.contains(" c ") && !md.contains("gone"), "{md}");
        assert!(
            md.contains("[d](other.md)") && md.contains("[e](other.md)"),
            "{md}"
        );
        assert!(md.contains("[f](https://old.test/pricing/)"), "{md}");
        assert!(md.contains("[g](https://else.test/x)"), "{md}");
        assert!(
            md.contains("![A](https://old.test/wp-content/a.png)"),
            "{md}"
        );
        for scheme in ["javascript", "data:", "VBScript", "script:"] {
            assert!(!md.contains(scheme), "{scheme} in {md}");
        }
        assert_eq!(r.count(Repair::DeadLink), 5);
        assert_eq!(r.count(Repair::InternalLink), 2);
        assert_eq!(r.count(Repair::SiteRelativeLink), 2);
    }

    #[test]
    fn faq_answers_link_back_to_the_page() {
        let (md, _) = run(
            r##"<p><a href="#list-item-1">a</a> <a href="#faq-question-7">b</a> <a href="/blog/other/">c</a></p>"##,
            true,
        );
        assert!(md.contains("[a](../me.md#what-is-it)"), "{md}");
        assert!(md.contains("[b](#why)"), "{md}");
        assert!(md.contains("[c](../other.md)"), "{md}");
    }
}
