//! Small borrowed view structs that templates see: never the model itself.

use crate::markdown::Heading;
use crate::model::{Page, PageKind, Site};
use crate::resolve::relative;
use rustc_hash::FxHashMap;
use serde::Serialize;
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, PoisonError};

#[derive(Debug, Serialize)]
pub struct SiteView<'a> {
    pub title: &'a str,
    pub description: &'a str,
    pub base_url: &'a str,
    pub language: &'a str,
    pub extra: &'a BTreeMap<String, serde_json::Value>,
    /// Whether `feed.xml` is written (it is with `base_url`).
    pub feed: bool,
    /// Where "Was this helpful?" answers are sent (`url`, `method`).
    pub feedback: Option<&'a crate::config::feedback::Feedback>,
    /// Whether pages ask "Was this helpful?": with `feedback` or `analytics` set.
    pub ask_feedback: bool,
    /// `analytics:` as JSON for the theme's script (safe inside `<script>`); empty without.
    pub analytics_json: String,
    /// The `custom` analytics snippet, written into `<head>` as it is.
    pub analytics_snippet: &'a str,
}

impl<'a> SiteView<'a> {
    /// The site as seen from a page in language `lang`: its title and description in that
    /// language when `languages:` gives them. `language` stays the default language's tag.
    pub fn new(site: &'a Site, lang: usize) -> Self {
        let c = &site.config;
        let l = c.languages.get(lang);
        SiteView {
            title: l.and_then(|l| l.title.as_deref()).unwrap_or(&c.title),
            description: l
                .and_then(|l| l.description.as_deref())
                .unwrap_or(&c.description),
            base_url: &c.base_url,
            language: &c.language,
            extra: &c.extra,
            feed: !c.base_url.is_empty(),
            feedback: c.feedback.as_ref(),
            ask_feedback: c.feedback.is_some() || c.analytics.is_some(),
            analytics_json: match &c.analytics {
                Some(crate::config::feedback::Analytics::Custom { .. }) | None => String::new(),
                Some(a) => serde_json::to_string(a)
                    .unwrap_or_default()
                    .replace('<', "\\u003c"),
            },
            analytics_snippet: match &c.analytics {
                Some(crate::config::feedback::Analytics::Custom { snippet }) => snippet,
                _ => "",
            },
        }
    }
}

/// The language of the page being rendered (`lang` in templates).
#[derive(Debug, Serialize)]
pub struct LangView<'a> {
    pub tag: &'a str,
    /// `""` for the default language, `de/` otherwise: its pages' URLs start with it.
    pub prefix: &'a str,
    pub name: &'a str,
}

impl<'a> LangView<'a> {
    pub fn new(site: &'a Site, lang: usize) -> Self {
        let l = site
            .config
            .languages
            .get(lang)
            .or(site.config.languages.first());
        LangView {
            tag: l.map_or(site.config.language.as_str(), |l| &l.tag),
            prefix: l.map_or("", |l| &l.prefix),
            name: l.map_or("", |l| &l.name),
        }
    }
}

/// One language in the language switcher.
#[derive(Debug, Serialize)]
pub struct TranslationView<'a> {
    pub tag: &'a str,
    pub name: &'a str,
    /// The page in that language, or that language's home page when it has no translation.
    pub href: String,
    /// The absolute URL of the translation (empty without `base_url`), for `hreflang`.
    pub absolute: String,
    /// This page exists in that language.
    pub exists: bool,
    /// The language of the page being rendered.
    pub current: bool,
}

/// The other-language versions of `page` (every site language, its own included), for the
/// switcher and `hreflang` links. Empty on a site with one language.
pub fn translations<'a>(site: &'a Site, page: &Page) -> Vec<TranslationView<'a>> {
    translations_at(site, &page.url, page.lang, |url, lang| {
        site.by_url
            .get(url)
            .is_some_and(|&p| site.pages[p].lang == lang)
    })
}

/// The versions of the page at `url` (in language `lang`) in every site language, where
/// `exists(url, lang)` tells whether a language has it.
pub fn translations_at<'a>(
    site: &'a Site,
    url: &str,
    lang: usize,
    exists: impl Fn(&str, usize) -> bool,
) -> Vec<TranslationView<'a>> {
    let languages = &site.config.languages;
    if languages.len() < 2 {
        return Vec::new();
    }
    let own = languages.get(lang).map_or("", |l| l.prefix.as_str());
    let rest = url.strip_prefix(own).unwrap_or(url);
    languages
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let there = format!("{}{rest}", l.prefix);
            let exists = exists(&there, i);
            let target = if exists { there } else { l.prefix.clone() };
            TranslationView {
                tag: &l.tag,
                name: &l.name,
                href: relative(url, &target),
                absolute: if exists {
                    absolute(site, &target)
                } else {
                    String::new()
                },
                exists,
                current: i == lang,
            }
        })
        .collect()
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
    /// One of the theme's icons ([`ICONS`]), named by the child's `icon:`.
    pub icon: Option<&'a str>,
    /// An image the child's `icon:` names instead, as a link from this page.
    pub icon_src: Option<String>,
    /// Articles and FAQ groups in the child, at any depth (0 for an article).
    pub count: usize,
}

/// The theme's icon for `icon:`: one of [`ICONS`] by name, or the icon set names of MkDocs
/// Material (`material/book-open-variant`, `octicons/gear-16`) by the word they contain.
fn builtin_icon(name: &str) -> Option<&'static str> {
    let last = name.rsplit('/').next().unwrap_or(name).to_ascii_lowercase();
    ICONS.iter().copied().find(|i| *i == last).or_else(|| {
        name.contains('/')
            .then(|| {
                last.split(['-', '_'])
                    .find_map(|w| ICONS.iter().copied().find(|i| *i == w))
            })
            .flatten()
    })
}

/// Whether an `icon:` names an image file (anything else that is no theme icon is left out:
/// icon names of other themes are not paths).
fn is_image(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    [".svg", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif"]
        .iter()
        .any(|e| lower.ends_with(e))
}

/// The icons the default theme draws for `icon:` (see `partials/icon.html`).
pub const ICONS: &[&str] = &[
    "book", "question", "key", "shield", "rocket", "gear", "user", "card", "chat", "lock", "mail",
    "tools",
];

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

/// Above the current page's own section, a list with more entries than this shows only the
/// section leading down (and a link to the full listing): a help centre's few sibling
/// sections stay in view, while a site with dozens does not repeat them on every page.
const SIBLINGS_SHOWN_MAX: usize = 12;

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

/// One entry of the "On this page" list.
#[derive(Debug, Clone, Serialize)]
pub struct TocEntry<'a> {
    pub level: u8,
    pub id: &'a str,
    pub text: &'a str,
}

impl<'a> From<&'a Heading> for TocEntry<'a> {
    fn from(h: &'a Heading) -> Self {
        TocEntry {
            level: h.level,
            id: &h.id,
            text: &h.text,
        }
    }
}

/// The page's contents: its h2 and h3 headings, then the FAQ group shown at its end (its
/// heading; on the group's own page, each question).
pub fn toc<'a>(headings: &'a [Heading], faq: Option<&FaqView<'a>>) -> Vec<TocEntry<'a>> {
    let mut toc: Vec<TocEntry> = headings
        .iter()
        .filter(|h| (2..=3).contains(&h.level))
        .map(TocEntry::from)
        .collect();
    match faq {
        Some(f) if f.show_heading => toc.push(TocEntry {
            level: 2,
            id: f.heading_id,
            text: f.title,
        }),
        Some(f) => toc.extend(f.questions.iter().map(|q| TocEntry {
            level: 2,
            id: q.id,
            text: q.question,
        })),
        None => {}
    }
    toc
}

#[derive(Debug, Serialize)]
pub struct PageView<'a> {
    pub kind: &'static str,
    pub title: &'a str,
    /// The id of the page's `<h1>`: a leading `# Title` moved there keeps its id.
    pub title_id: Option<&'a str>,
    /// The page's source file, relative to `content/` (`guides/a.md`); none for generated
    /// pages.
    pub source: Option<&'a str>,
    /// `edit_url` followed by the source path, when `edit_url` is set.
    pub edit_url: Option<String>,
    pub description: &'a str,
    pub url: &'a str,
    pub canonical: String,
    pub content: &'a str,
    /// Where the page loads the diagram library from; `None` when it has no diagram.
    pub diagram_library: Option<String>,
    pub toc: Vec<TocEntry<'a>>,
    pub breadcrumbs: Vec<LinkView<'a>>,
    pub prev: Option<LinkView<'a>>,
    pub next: Option<LinkView<'a>>,
    /// `None` when the caller adds `nav` as a template value (see [`NavValues`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nav: Option<Vec<NavItem<'a>>>,
    pub children: Vec<ChildView<'a>>,
    pub faq: Option<FaqView<'a>>,
    pub tags: &'a [String],
    /// The page's tags, each linked to its tag page.
    pub tag_links: Vec<TagLink<'a>>,
    pub updated: Option<&'a str>,
    pub extra: &'a BTreeMap<String, serde_json::Value>,
    pub json_ld: Option<String>,
    pub noindex: bool,
    /// The absolute URL of the social preview image (`og:image`), if any.
    pub image: Option<String>,
    /// Related articles, most similar first (`related:` in front matter, or computed).
    pub related: Vec<LinkView<'a>>,
}

impl<'a> PageView<'a> {
    /// A page with no source of its own (404, search, tags pages): no content, no
    /// neighbours, only the navigation `nav`.
    pub fn sourceless(
        kind: &'static str,
        title: &'a str,
        url: &'a str,
        nav: Vec<NavItem<'a>>,
        extra: &'a BTreeMap<String, serde_json::Value>,
    ) -> Self {
        PageView {
            kind,
            title,
            title_id: None,
            source: None,
            edit_url: None,
            description: "",
            url,
            canonical: String::new(),
            content: "",
            diagram_library: None,
            toc: Vec::new(),
            breadcrumbs: Vec::new(),
            prev: None,
            next: None,
            nav: Some(nav),
            children: Vec::new(),
            faq: None,
            tags: &[],
            tag_links: Vec::new(),
            updated: None,
            extra,
            json_ld: None,
            noindex: false,
            image: None,
            related: Vec::new(),
        }
    }
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
        format!(
            "{}{}",
            site.config.base_url,
            crate::resolve::encode_segments(path)
        )
    }
}

pub fn link<'a>(from: &str, page: &'a Page) -> LinkView<'a> {
    LinkView {
        title: &page.title,
        href: relative(from, &page.url),
    }
}

/// Ancestors of `page`, its language's home first.
pub fn breadcrumbs<'a>(site: &'a Site, page: &Page) -> Vec<LinkView<'a>> {
    let mut chain = Vec::new();
    let mut cur = page.parent.as_deref();
    while let Some(url) = cur {
        let Some(&i) = site.by_url.get(url) else {
            break;
        };
        chain.push(link(&page.url, &site.pages[i]));
        cur = site.pages[i].parent.as_deref();
    }
    chain.reverse();
    chain
}

/// The URL of the home page of the language `current` is in (`""`, `de/`).
fn home_of<'a>(site: &'a Site, current: &str) -> &'a str {
    let languages = &site.config.languages;
    languages
        .get(crate::model::language_of(current, languages))
        .map_or("", |l| l.prefix.as_str())
}

/// The navigation tree as seen from `current`: top-level entries of its language always, the
/// sections on the path to the current page, and the entries of its own section (of its
/// children too, for a section page). Its size grows with depth, not site size.
pub fn nav<'a>(site: &'a Site, current: &str) -> Vec<NavItem<'a>> {
    level(site, home_of(site, current), current)
}

fn level<'a>(site: &'a Site, section: &str, current: &str) -> Vec<NavItem<'a>> {
    entries(site, section, current)
        .into_iter()
        .map(|(page, item)| NavItem {
            children: match page {
                Some(i) if item.section && item.open => level(site, &site.pages[i].url, current),
                _ => Vec::new(),
            },
            ..item
        })
        .collect()
}

/// The list of `section` as seen from `current`, without children, each entry with its page
/// (`None` for the "all pages" entry).
fn entries<'a>(site: &'a Site, section: &str, current: &str) -> Vec<(Option<usize>, NavItem<'a>)> {
    let Some(kids) = site.children.get(section) else {
        return Vec::new();
    };
    let on_path = kids
        .iter()
        .position(|&i| current.starts_with(&site.pages[i].url));
    let open_at = on_path.unwrap_or(0);
    // Above the current page's own section (below the top level), a long list shows only
    // the section leading down and a link to the full listing: the sibling sections of the
    // ancestors were up to 40 entries of every page's navigation, the same on every page.
    let collapsed = kids.len() > SIBLINGS_SHOWN_MAX
        && on_path.is_some_and(|n| site.pages[kids[n]].url != current)
        && section != home_of(site, current);
    let (from, to) = if collapsed {
        (open_at, open_at + 1)
    } else {
        window(kids.len(), open_at)
    };
    let mut items: Vec<(Option<usize>, NavItem<'a>)> = kids[from..to]
        .iter()
        .map(|&i| (Some(i), page_entry(site, i, current)))
        .collect();
    if to - from < kids.len() {
        items.push((None, more_entry(current, section)));
    }
    items
}

/// The entry of page `i` as seen from `current`, without children.
fn page_entry<'a>(site: &'a Site, i: usize, current: &str) -> NavItem<'a> {
    let p = &site.pages[i];
    NavItem {
        title: &p.title,
        href: relative(current, &p.url),
        current: p.url == current,
        open: current.starts_with(&p.url),
        section: site.children.contains_key(&p.url),
        more: false,
        children: Vec::new(),
    }
}

/// Which entries of a list of `len` a page shows when entry `open_at` is on its path.
fn window(len: usize, open_at: usize) -> (usize, usize) {
    if len > NAV_LEVEL_MAX {
        let from = open_at.saturating_sub(NAV_LEVEL_MAX / 2);
        (from, (from + NAV_LEVEL_MAX).min(len))
    } else {
        (0, len)
    }
}

/// The entry standing in for those a long list leaves out.
fn more_entry<'a>(current: &str, section: &str) -> NavItem<'a> {
    NavItem {
        title: "All pages in this section",
        href: relative(current, section),
        current: false,
        open: false,
        section: false,
        more: true,
        children: Vec::new(),
    }
}

/// The navigation of every page as template values (what [`nav`] gives, serialized), made
/// once for what pages share. A list above the current page's own section reads the same
/// from every page of that section (same links, same open entry), so it is built once per
/// (list, section) and only the entry leading down gets its children per page. Template
/// values share arrays and maps, so reusing a list costs a reference count, not a copy.
///
/// The list of the page's own section is the same for all its pages except the page's own
/// entry (current, open, `./`) and where a long list's window starts: its entries are made
/// once per section, as seen from a sibling, and each page takes its window of them and
/// makes only its own entry.
#[derive(Default)]
pub struct NavValues {
    shared: Mutex<FxHashMap<(String, String), SharedList>>,
    siblings: Mutex<FxHashMap<String, Arc<Vec<tera::Value>>>>,
}

/// A list's entries as values, and the entry (if any) whose children lead towards the page.
#[derive(Clone)]
struct SharedList {
    entries: Arc<Vec<tera::Value>>,
    open: Option<(usize, String)>,
}

impl NavValues {
    /// The navigation seen from `page`.
    pub fn of(&self, site: &Site, page: &Page) -> tera::Value {
        let home = home_of(site, &page.url);
        self.level(site, home, &page.url, page.parent.as_deref())
    }

    fn level(
        &self,
        site: &Site,
        section: &str,
        current: &str,
        parent: Option<&str>,
    ) -> tera::Value {
        if parent == Some(section) {
            return self.own_section(site, section, current);
        }
        // Above the page's own section, the list reads the same from all its pages.
        let list = match parent {
            Some(parent) if section != current => self.shared(site, section, current, parent),
            _ => fresh(site, section, current),
        };
        let mut entries: Vec<tera::Value> = list.entries.as_ref().clone();
        if let Some((i, url)) = list.open {
            let children = self.level(site, &url, current, parent);
            let mut map = entries[i].clone().into_map().unwrap_or_default();
            map.insert("children".into(), children);
            entries[i] = tera::Value::from(map);
        }
        tera::Value::from(entries)
    }

    /// The list of `section`, the parent of `current`: what [`entries`] gives, with every
    /// entry but the current page's taken from the section's shared ones.
    fn own_section(&self, site: &Site, section: &str, current: &str) -> tera::Value {
        let Some(kids) = site.children.get(section) else {
            return tera::Value::from(Vec::<tera::Value>::new());
        };
        let all = self.sibling_entries(site, section, kids);
        let on_path = |i: usize| current.starts_with(&site.pages[i].url);
        let open_at = kids.iter().position(|&i| on_path(i)).unwrap_or(0);
        let (from, to) = window(kids.len(), open_at);
        let mut list: Vec<tera::Value> = Vec::with_capacity(to - from + 1);
        for (n, &i) in kids[from..to].iter().enumerate() {
            if !on_path(i) {
                list.push(all[from + n].clone());
                continue;
            }
            let entry = page_entry(site, i, current);
            let section_here = entry.section;
            let mut map = tera::Value::from_serializable(&entry)
                .into_map()
                .unwrap_or_default();
            if section_here {
                let url = &site.pages[i].url;
                map.insert("children".into(), self.level(site, url, current, None));
            }
            list.push(tera::Value::from(map));
        }
        if to - from < kids.len() {
            list.push(tera::Value::from_serializable(&more_entry(
                current, section,
            )));
        }
        tera::Value::from(list)
    }

    /// Every entry of `section` as a page inside it (not on any entry's path) sees it.
    fn sibling_entries(&self, site: &Site, section: &str, kids: &[usize]) -> Arc<Vec<tera::Value>> {
        let lock = || self.siblings.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(all) = lock().get(section) {
            return Arc::clone(all);
        }
        // A URL inside the section that no page has: links come out as from any sibling.
        let beside = format!("{section}\u{1}/");
        let all: Arc<Vec<tera::Value>> = Arc::new(
            kids.iter()
                .map(|&i| tera::Value::from_serializable(&page_entry(site, i, &beside)))
                .collect(),
        );
        lock().insert(section.to_owned(), Arc::clone(&all));
        all
    }

    fn shared(&self, site: &Site, section: &str, current: &str, parent: &str) -> SharedList {
        let key = (section.to_owned(), parent.to_owned());
        let lock = || self.shared.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(list) = lock().get(&key) {
            return list.clone();
        }
        let list = fresh(site, section, current);
        lock().insert(key, list.clone());
        list
    }
}

/// The list of `section` seen from `current`, its open section entry with empty children.
fn fresh(site: &Site, section: &str, current: &str) -> SharedList {
    let mut open = None;
    let entries = entries(site, section, current)
        .into_iter()
        .enumerate()
        .map(|(n, (page, item))| {
            if let Some(i) = page
                && item.section
                && item.open
            {
                open = Some((n, site.pages[i].url.clone()));
            }
            tera::Value::from_serializable(&item)
        })
        .collect();
    SharedList {
        entries: Arc::new(entries),
        open,
    }
}

pub fn children<'a>(
    site: &'a Site,
    page: &Page,
    resolver: &crate::resolve::Resolver,
) -> Vec<ChildView<'a>> {
    site.children
        .get(&page.url)
        .map(|kids| {
            kids.iter()
                .map(|&i| {
                    let c = &site.pages[i];
                    let icon = match &c.body {
                        crate::model::Body::Markdown(lp) => lp
                            .front
                            .icon
                            .as_deref()
                            .map(|name| (name, lp.source.rel.as_str())),
                        _ => None,
                    };
                    let builtin = icon.and_then(|(name, _)| builtin_icon(name));
                    let image = icon.filter(|(name, _)| builtin.is_none() && is_image(name));
                    ChildView {
                        title: &c.title,
                        href: relative(&page.url, &c.url),
                        description: &c.description,
                        icon: builtin,
                        icon_src: image.map(|(path, rel)| resolver.href(rel, &page.url, path)),
                        count: site.article_counts.get(&c.url).copied().unwrap_or(0),
                    }
                })
                .collect()
        })
        .unwrap_or_default()
}

/// A link to a tag page, as templates see it.
#[derive(Debug, Clone, Serialize)]
pub struct TagLink<'a> {
    pub name: &'a str,
    pub slug: &'a str,
    pub href: String,
    pub count: usize,
}

/// The tags `names` (as written on a page), linked from `from_url`, each once.
pub fn tag_links<'a>(site: &'a Site, names: &[String], from_url: &str) -> Vec<TagLink<'a>> {
    let mut out: Vec<TagLink<'a>> = Vec::new();
    for name in names {
        let Some(&i) = site.tag_by_slug.get(&crate::tags::slug(name)) else {
            continue;
        };
        let tag = &site.tags[i];
        if out.iter().any(|l| l.slug == tag.slug) {
            continue;
        }
        out.push(tag_link(tag, from_url));
    }
    out
}

pub fn tag_link<'a>(tag: &'a crate::tags::Tag, from_url: &str) -> TagLink<'a> {
    TagLink {
        name: &tag.name,
        slug: &tag.slug,
        href: relative(from_url, &tag.url()),
        count: tag.count(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn icons_by_name_by_other_themes_names_or_images() {
        assert_eq!(builtin_icon("book"), Some("book"));
        assert_eq!(builtin_icon("material/book-open-variant"), Some("book"));
        assert_eq!(builtin_icon("octicons/gear-16"), Some("gear"));
        assert_eq!(builtin_icon("material/emoticon-happy"), None);
        assert!(!is_image("material/emoticon-happy") && is_image("../files/Logo.SVG"));
    }
    use crate::highlight::Highlighter;
    use crate::pipeline::{Options, build};

    fn write_file(root: &std::path::Path, rel: &str, text: &str) {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    fn build_site(root: &std::path::Path) -> crate::pipeline::Build {
        let opts = Options {
            root: root.to_path_buf(),
            out: None,
            drafts: false,
        };
        build(&opts, &Highlighter::new()).unwrap_or_else(|e| panic!("{e:?}"))
    }

    /// The shared navigation values must be exactly the serialized [`nav`] of every page:
    /// nested sections, a list longer than the window, a folder without a section page.
    #[test]
    fn shared_values_equal_the_plain_navigation() {
        let dir = tempfile::tempdir().unwrap();
        let write = |rel: &str, text: &str| write_file(dir.path(), rel, text);
        write("content/index.md", "# Home\n");
        write("content/guides/_index.md", "# Guides\n");
        write("content/guides/deep/_index.md", "# Deep\n");
        write("content/guides/deep/inner/_index.md", "# Inner\n");
        write("content/guides/deep/inner/leaf.md", "# Leaf\n");
        write("content/loose/page.md", "# Loose page\n");
        write("content/about.md", "# About\n");
        write("content/guides/other/_index.md", "# Other\n");
        write("content/guides/other/x.md", "# X\n");
        for n in 0..NAV_LEVEL_MAX + 7 {
            write(
                &format!("content/guides/deep/p{n:02}.md"),
                &format!("# Page {n}\n"),
            );
        }
        let b = build_site(dir.path());
        let values = NavValues::default();
        assert!(b.site.pages.len() > NAV_LEVEL_MAX + 5);
        for page in &b.site.pages {
            let plain = tera::Value::from_serializable(&nav(&b.site, &page.url));
            assert_eq!(values.of(&b.site, page), plain, "nav of `{}`", page.url);
        }
    }

    /// Titles and hrefs of a navigation tree, nested as the sidebar shows them.
    fn outline(items: &[NavItem]) -> Vec<String> {
        let mut out = Vec::new();
        for item in items {
            out.push(format!("{} {}", item.title, item.href));
            out.extend(
                outline(&item.children)
                    .into_iter()
                    .map(|l| format!("  {l}")),
            );
        }
        out
    }

    /// Sibling sections show in the list of the page's own section; above it, a long list
    /// shows only the section leading down, with a link to the full listing.
    #[test]
    fn long_lists_above_the_own_section_show_only_the_way_down() {
        let dir = tempfile::tempdir().unwrap();
        let write = |rel: &str, text: &str| write_file(dir.path(), rel, text);
        write("content/index.md", "# Home\n");
        write("content/about.md", "# About\n");
        write("content/guides/_index.md", "# Guides\n");
        write("content/guides/a/_index.md", "# A\n");
        write("content/guides/a/one.md", "# One\n");
        write("content/guides/a/two.md", "# Two\n");
        write("content/guides/b/_index.md", "# B\n");
        write("content/guides/b/three.md", "# Three\n");
        let b = build_site(dir.path());
        // Few sibling sections: all stay in view.
        assert_eq!(
            outline(&nav(&b.site, "guides/a/one/")),
            [
                "About ../../../about/",
                "Guides ../../",
                "  A ../",
                "    One ./",
                "    Two ../two/",
                "  B ../../b/",
            ]
        );
        for n in 0..SIBLINGS_SHOWN_MAX {
            write(
                &format!("content/guides/s{n:02}/_index.md"),
                &format!("# S{n:02}\n"),
            );
        }
        let b = build_site(dir.path());
        let from = |url: &str| outline(&nav(&b.site, url));
        assert_eq!(
            from("guides/a/one/"),
            [
                "About ../../../about/",
                "Guides ../../",
                "  A ../",
                "    One ./",
                "    Two ../two/",
                "  All pages in this section ../../",
            ]
        );
        // A section page's own list is its parent's: the sibling sections show there.
        let mut own = vec![
            "About ../../about/".to_owned(),
            "Guides ../".to_owned(),
            "  A ./".to_owned(),
            "    One one/".to_owned(),
            "    Two two/".to_owned(),
            "  B ../b/".to_owned(),
        ];
        own.extend((0..SIBLINGS_SHOWN_MAX).map(|n| format!("  S{n:02} ../s{n:02}/")));
        assert_eq!(from("guides/a/"), own);
    }
}
