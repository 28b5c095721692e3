//! Small borrowed view structs that templates see: never the model itself.

use crate::markdown::Heading;
use crate::model::{Page, PageKind, Site};
use crate::resolve::relative;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Serialize)]
pub struct SiteView<'a> {
    pub title: &'a str,
    pub description: &'a str,
    pub base_url: &'a str,
    pub language: &'a str,
    pub extra: &'a BTreeMap<String, serde_json::Value>,
}

impl<'a> SiteView<'a> {
    pub fn new(site: &'a Site) -> Self {
        let c = &site.config;
        SiteView {
            title: &c.title,
            description: &c.description,
            base_url: &c.base_url,
            language: &c.language,
            extra: &c.extra,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct LinkView<'a> {
    pub title: &'a str,
    pub href: String,
}

#[derive(Debug, Serialize)]
pub struct ChildView<'a> {
    pub title: &'a str,
    pub href: String,
    pub description: &'a str,
}

#[derive(Debug, Serialize)]
pub struct NavItem<'a> {
    pub title: &'a str,
    pub href: String,
    pub current: bool,
    /// On the path to the current page.
    pub open: bool,
    pub section: bool,
    /// A "see all" link standing in for entries left out of a long list.
    pub more: bool,
    pub children: Vec<NavItem<'a>>,
}

/// Longest list the sidebar shows at one level; longer ones show a window around the current
/// page and a link to the full listing, so page size does not grow with the site.
const NAV_LEVEL_MAX: usize = 40;

#[derive(Debug, Serialize)]
pub struct QuestionView<'a> {
    pub id: &'a str,
    pub question: &'a str,
    pub answer_html: &'a str,
    pub tags: &'a [String],
    /// Link to this question (on the page being rendered).
    pub href: String,
}

#[derive(Debug, Serialize)]
pub struct FaqView<'a> {
    pub title: &'a str,
    pub heading_id: &'a str,
    pub show_heading: bool,
    /// Heading level of each question (2 on the FAQ page, 3 under an article).
    pub question_level: u8,
    pub intro_html: &'a str,
    pub questions: Vec<QuestionView<'a>>,
}

#[derive(Debug, Serialize)]
pub struct PageView<'a> {
    pub kind: &'static str,
    pub title: &'a str,
    pub description: &'a str,
    pub url: &'a str,
    pub canonical: String,
    pub content: &'a str,
    pub toc: Vec<&'a Heading>,
    pub breadcrumbs: Vec<LinkView<'a>>,
    pub prev: Option<LinkView<'a>>,
    pub next: Option<LinkView<'a>>,
    pub nav: Vec<NavItem<'a>>,
    pub children: Vec<ChildView<'a>>,
    pub faq: Option<FaqView<'a>>,
    pub tags: &'a [String],
    pub updated: Option<&'a str>,
    pub extra: &'a BTreeMap<String, serde_json::Value>,
    pub json_ld: Option<String>,
    pub noindex: bool,
}

pub fn kind_name(kind: PageKind) -> &'static str {
    match kind {
        PageKind::Home => "home",
        PageKind::Section => "section",
        PageKind::Article => "page",
        PageKind::Faq => "faq",
    }
}

/// The absolute URL of a site path, or empty when `base_url` is not set.
pub fn absolute(site: &Site, path: &str) -> String {
    if site.config.base_url.is_empty() {
        String::new()
    } else {
        format!("{}{}", site.config.base_url, path)
    }
}

pub fn link<'a>(from: &str, page: &'a Page) -> LinkView<'a> {
    LinkView {
        title: &page.title,
        href: relative(from, &page.url),
    }
}

/// Ancestors of `page`, home first.
pub fn breadcrumbs<'a>(site: &'a Site, page: &Page) -> Vec<LinkView<'a>> {
    let mut chain = Vec::new();
    let mut cur = page.parent.clone();
    while let Some(url) = cur {
        if let Some(&i) = site.by_url.get(&url) {
            chain.push(link(&page.url, &site.pages[i]));
        }
        cur = crate::model::parent_of(&url);
    }
    chain.reverse();
    chain
}

/// The navigation tree as seen from `current`: top-level entries always, and the children of
/// each section on the path to the current page. Its size grows with depth, not site size.
pub fn nav<'a>(site: &'a Site, current: &str) -> Vec<NavItem<'a>> {
    level(site, "", current)
}

fn level<'a>(site: &'a Site, section: &str, current: &str) -> Vec<NavItem<'a>> {
    let Some(kids) = site.children.get(section) else {
        return Vec::new();
    };
    let open_at = kids
        .iter()
        .position(|&i| current.starts_with(&site.pages[i].url))
        .unwrap_or(0);
    let (from, to) = if kids.len() > NAV_LEVEL_MAX {
        let from = open_at.saturating_sub(NAV_LEVEL_MAX / 2);
        (from, (from + NAV_LEVEL_MAX).min(kids.len()))
    } else {
        (0, kids.len())
    };
    let mut items: Vec<NavItem<'a>> = kids[from..to]
        .iter()
        .map(|&i| {
            let p = &site.pages[i];
            let is_section = site.children.contains_key(&p.url);
            let open = current.starts_with(&p.url);
            let children = if is_section && open {
                level(site, &p.url, current)
            } else {
                Vec::new()
            };
            NavItem {
                title: &p.title,
                href: relative(current, &p.url),
                current: p.url == current,
                open,
                section: is_section,
                more: false,
                children,
            }
        })
        .collect();
    if to - from < kids.len() {
        items.push(NavItem {
            title: "All pages in this section",
            href: relative(current, section),
            current: false,
            open: false,
            section: false,
            more: true,
            children: Vec::new(),
        });
    }
    items
}

pub fn children<'a>(site: &'a Site, page: &Page) -> Vec<ChildView<'a>> {
    site.children
        .get(&page.url)
        .map(|kids| {
            kids.iter()
                .map(|&i| {
                    let c = &site.pages[i];
                    ChildView {
                        title: &c.title,
                        href: relative(&page.url, &c.url),
                        description: &c.description,
                    }
                })
                .collect()
        })
        .unwrap_or_default()
}
