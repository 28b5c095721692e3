//! The site model: every page with its URL, title and place in the navigation tree.

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::discover::Source;
use crate::language::Language;
use crate::load::{FrontMatter, Loaded, LoadedFaq, LoadedPage, title_from_file};
use crate::location::Location;
use crate::markdown;
use std::collections::{BTreeMap, HashMap};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageKind {
    Home,
    Section,
    Article,
    Faq,
}

/// Where a page's content comes from.
#[derive(Debug, Clone)]
pub enum Body {
    Markdown(Box<LoadedPage>),
    /// Index into `Site::faqs`.
    Faq(usize),
    /// A section without `_index.md`: a generated listing.
    Listing,
}

/// One output page.
#[derive(Debug, Clone)]
pub struct Page {
    pub kind: PageKind,
    /// Site-relative URL path: `""` for the home page, `guides/vpn/` otherwise.
    pub url: String,
    pub title: String,
    pub description: String,
    pub weight: Option<i64>,
    /// URL of the section this page belongs to (`None` for the home page).
    pub parent: Option<String>,
    pub body: Body,
    /// For articles with `faq:`, the FAQ group shown at the end (index into `Site::faqs`).
    pub faq: Option<usize>,
    pub aliases: Vec<String>,
    pub tags: Vec<String>,
    pub updated: Option<String>,
    /// `image:` as written in front matter (see [`crate::social`]).
    pub image: Option<String>,
    pub extra: BTreeMap<String, serde_json::Value>,
    /// A leading `# Title` used as the title, left out of the body.
    pub title_heading: Option<TitleHeading>,
    /// The page's language: an index into `Config::languages` (0, the default, for pages
    /// outside every `content/<language>/` folder).
    pub lang: usize,
}

/// A leading `# Title` that the page shows as its title instead of in the body. Its id moves
/// to the page's `<h1>`, so links to it keep working.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TitleHeading {
    pub range: std::ops::Range<usize>,
    pub id: String,
}

impl Page {
    /// The source file of a Markdown page, as shown in messages.
    fn source_path(&self) -> Option<std::path::PathBuf> {
        match &self.body {
            Body::Markdown(lp) => Some(lp.source.shown.clone()),
            _ => None,
        }
    }

    pub fn source(&self, site: &Site) -> Option<Source> {
        match &self.body {
            Body::Markdown(p) => Some(p.source.clone()),
            Body::Faq(i) => Some(site.faqs[*i].source.clone()),
            Body::Listing => None,
        }
    }
}

/// The whole site, ready to render.
#[derive(Debug)]
pub struct Site {
    pub config: Config,
    /// Pages sorted by navigation order (depth-first), home first.
    pub pages: Vec<Page>,
    pub faqs: Vec<LoadedFaq>,
    pub assets: Vec<Source>,
    /// Page index by URL.
    pub by_url: HashMap<String, usize>,
    /// Page index by content-relative source path (`guides/a.md`).
    pub by_source: HashMap<String, usize>,
    /// Child page indices of each section URL, in navigation order. Looked up for every
    /// item of every page's navigation, so hashed (a tree of strings cost a dozen string
    /// comparisons a lookup).
    pub children: rustc_hash::FxHashMap<String, Vec<usize>>,
    /// Articles and FAQ groups under each section URL, at any depth (home page cards).
    pub article_counts: rustc_hash::FxHashMap<String, usize>,
    /// Every tag of pages and FAQ questions, sorted by name (see [`crate::tags`]).
    pub tags: Vec<crate::tags::Tag>,
    /// Index into `tags` by slug.
    pub tag_by_slug: HashMap<String, usize>,
}

impl Site {
    /// The page a `home.featured` entry names: a source path (`guides/a.md`) or a URL
    /// (`guides/a/`).
    pub fn featured_page(&self, entry: &str) -> Option<usize> {
        let url = if entry.is_empty() || entry.ends_with('/') {
            entry.to_owned()
        } else {
            format!("{entry}/")
        };
        self.by_source
            .get(entry)
            .or_else(|| self.by_url.get(&url))
            .copied()
    }

    /// The URL of FAQ group `g`'s page.
    pub fn faq_url(&self, g: usize) -> String {
        url_in(&self.faqs[g].source.rel, &self.config.languages)
    }
}

/// The URL of a Markdown or FAQ source: `a/b.md` -> `a/b/`, `a/_index.md` -> `a/`.
pub fn url_of(rel: &str) -> String {
    let stem = rel.rsplit_once('.').map_or(rel, |(s, _)| s);
    let (dir, name) = match stem.rsplit_once('/') {
        Some((d, n)) => (format!("{d}/"), n),
        None => (String::new(), stem),
    };
    if name == "_index" || name == "index" {
        dir
    } else {
        format!("{dir}{name}/")
    }
}

/// The URL of a source on a site in `languages`: as [`url_of`], except that a translation
/// written next to its original with the language as a suffix (`guides/a.de.md`, the layout
/// of MkDocs' i18n plugin) lives in that language's tree (`de/guides/a/`).
pub fn url_in(rel: &str, languages: &[Language]) -> String {
    match suffixed(rel, languages) {
        Some((lang, plain)) => format!("{}{}", languages[lang].prefix, url_of(&plain)),
        None => url_of(rel),
    }
}

/// For a source named with a language suffix (`guides/a.de.md`): that language's index and
/// the name without it (`guides/a.md`).
pub fn suffixed(rel: &str, languages: &[Language]) -> Option<(usize, String)> {
    let (stem, ext) = rel.rsplit_once('.')?;
    let (base, key) = stem.rsplit_once('.')?;
    if base.is_empty() || base.ends_with('/') {
        return None;
    }
    let lang = languages
        .iter()
        .position(|l| !l.prefix.is_empty() && l.prefix.trim_end_matches('/') == key)?;
    Some((lang, format!("{base}.{ext}")))
}

/// The section URL that contains `url` (`a/b/` -> `a/`, `a/` -> ``).
pub fn parent_of(url: &str) -> Option<String> {
    if url.is_empty() {
        return None;
    }
    let trimmed = url.trim_end_matches('/');
    Some(match trimmed.rsplit_once('/') {
        Some((d, _)) => format!("{d}/"),
        None => String::new(),
    })
}

/// The language of the page at `url`: an index into `languages` (the default is 0).
pub fn language_of(url: &str, languages: &[Language]) -> usize {
    languages
        .iter()
        .enumerate()
        .skip(1)
        .find(|(_, l)| url.starts_with(&l.prefix))
        .map_or(0, |(i, _)| i)
}

/// The section that contains `url` in its language's tree: a language's home page (`""`,
/// `de/`) has none, so each language has a tree of its own.
pub fn parent_in(url: &str, languages: &[Language]) -> Option<String> {
    if languages.iter().any(|l| l.prefix == url) {
        None
    } else {
        parent_of(url)
    }
}

/// Build the model; drafts are left out unless `drafts` is set.
pub fn assemble(config: Config, loaded: Loaded, drafts: bool) -> Result<Site, Vec<Diagnostic>> {
    let mut errors = Vec::new();
    let mut pages: Vec<Page> = Vec::new();
    let mut owners: HashMap<String, Location> = HashMap::new();
    let mut claim = |url: &str, shown: &std::path::Path, errors: &mut Vec<Diagnostic>| {
        let here = Location::new(shown, 1, 1);
        if let Some(first) = owners.get(url) {
            errors.push(
                Diagnostic::error(
                    "duplicate-url",
                    format!(
                        "`/{url}` is produced by both `{}` and this file",
                        first.path.display()
                    ),
                )
                .at_location(here)
                .help("rename one of the two files"),
            );
            false
        } else {
            owners.insert(url.to_owned(), here);
            true
        }
    };
    // Building a page looks for a leading `# Title`, a Markdown parse: do them in parallel.
    use rayon::prelude::*;
    let languages = &config.languages;
    let dates = &loaded.dates;
    let built: Vec<Page> = loaded
        .pages
        .into_par_iter()
        .filter(|lp| drafts || !lp.front.draft)
        .map(|lp| {
            let url = url_in(&lp.source.rel, languages);
            let date = dates.get(&lp.source.rel).cloned();
            let mut page = article(lp, url, languages);
            // An `updated:` written in the page is the author's word: it stays.
            page.updated = page.updated.or(date);
            page
        })
        .collect();
    for page in built {
        let shown = page.source_path().unwrap_or_default();
        if claim(&page.url, &shown, &mut errors) {
            pages.push(page);
        }
    }
    let faqs: Vec<LoadedFaq> = loaded
        .faqs
        .into_iter()
        .filter(|f| drafts || !f.draft)
        .map(|f| dated_faq(f, dates))
        .collect();
    for (i, f) in faqs.iter().enumerate() {
        let url = url_in(&f.source.rel, languages);
        if claim(&url, &f.source.shown, &mut errors) {
            let mut page = faq_page(f, i, url, languages);
            page.updated = dates.get(&f.source.rel).cloned();
            pages.push(page);
        }
    }
    add_missing_sections(&mut pages, languages);
    link_faqs(&mut pages, &faqs, languages, &mut errors);
    if !errors.is_empty() {
        return Err(errors);
    }
    let site = order(config, pages, faqs, loaded.assets);
    let unknown = unknown_featured(&site);
    if unknown.is_empty() {
        Ok(site)
    } else {
        Err(unknown)
    }
}

/// An FAQ group whose questions without an `updated:` of their own take the group file's
/// last change date (from `updated: git`).
fn dated_faq(mut f: LoadedFaq, dates: &HashMap<String, String>) -> LoadedFaq {
    if let Some(date) = dates.get(&f.source.rel) {
        for q in &mut f.questions {
            if q.updated.is_none() {
                q.updated = Some(date.clone());
            }
        }
    }
    f
}

/// Whether two titles say the same, ignoring case, spacing, punctuation and inline markup.
fn same_words(a: &str, b: &str) -> bool {
    let key = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    key(a) == key(b)
}

/// The page for a Markdown source at `url` (its `faq` group is linked later, by `assemble`).
pub fn article(lp: LoadedPage, url: String, languages: &[Language]) -> Page {
    let FrontMatter {
        title,
        description,
        weight,
        aliases,
        tags,
        updated,
        image,
        extra,
        ..
    } = lp.front.clone();
    // A leading `# Heading` is the title when there is no `title:`, or when it says the same;
    // a different one is a heading of the body and stays there.
    let leading = markdown::leading_h1(lp.body())
        .filter(|h| title.as_deref().is_none_or(|t| same_words(t, &h.text)));
    let title_heading = leading.as_ref().map(|h| TitleHeading {
        range: h.range.clone(),
        id: h.id.clone().unwrap_or_else(|| crate::slug::slug(&h.text)),
    });
    let title = title
        .or(leading.map(|h| h.text))
        .unwrap_or_else(|| title_from_file(&lp.source.rel));
    let parent = parent_in(&url, languages);
    let kind = if parent.is_none() {
        PageKind::Home
    } else if matches!(
        lp.source.rel.rsplit('/').next(),
        Some("_index.md" | "index.md")
    ) {
        PageKind::Section
    } else {
        PageKind::Article
    };
    Page {
        kind,
        parent,
        lang: language_of(&url, languages),
        url,
        title,
        description: description.unwrap_or_default(),
        weight,
        faq: None,
        aliases: aliases.into_vec(),
        tags: tags.into_vec(),
        updated,
        image: image.map(|i| i.trim().to_owned()).filter(|i| !i.is_empty()),
        extra,
        title_heading,
        body: Body::Markdown(Box::new(lp)),
    }
}

fn faq_page(f: &LoadedFaq, index: usize, url: String, languages: &[Language]) -> Page {
    Page {
        kind: PageKind::Faq,
        parent: parent_in(&url, languages),
        lang: language_of(&url, languages),
        url,
        title: f.title.clone(),
        description: f.description.clone(),
        weight: f.weight,
        body: Body::Faq(index),
        faq: Some(index),
        aliases: Vec::new(),
        tags: Vec::new(),
        updated: None,
        image: None,
        extra: BTreeMap::new(),
        title_heading: None,
    }
}

/// Every folder that holds pages gets a section page, generated when `_index.md` is absent;
/// a site with pages always has a home page.
fn add_missing_sections(pages: &mut Vec<Page>, languages: &[Language]) {
    let mut have: std::collections::HashSet<String> = pages.iter().map(|p| p.url.clone()).collect();
    let mut missing = Vec::new();
    if !pages.is_empty() && have.insert(String::new()) {
        missing.push(String::new());
    }
    for p in pages.iter() {
        let mut cur = p.parent.clone();
        while let Some(url) = cur {
            if have.insert(url.clone()) {
                missing.push(url.clone());
            }
            cur = parent_in(&url, languages);
        }
    }
    for url in missing {
        let name = url.trim_end_matches('/').rsplit('/').next().unwrap_or("");
        let parent = parent_in(&url, languages);
        let lang = language_of(&url, languages);
        let title = match (&parent, languages.get(lang)) {
            (None, Some(l)) if lang > 0 => l.title.clone().unwrap_or_else(|| l.name.clone()),
            (None, _) => "Home".to_owned(),
            _ => title_from_file(name),
        };
        pages.push(Page {
            kind: if parent.is_none() {
                PageKind::Home
            } else {
                PageKind::Section
            },
            parent,
            lang,
            url,
            title,
            description: String::new(),
            weight: None,
            body: Body::Listing,
            faq: None,
            aliases: Vec::new(),
            tags: Vec::new(),
            updated: None,
            image: None,
            extra: BTreeMap::new(),
            title_heading: None,
        });
    }
}

/// Resolve each article's `faq:` key to a group; an unknown group is an error. A page in
/// another language than the default takes the group's translation when there is one
/// (`faq/general` on a German page: `de/faq/general` or `faq/general.de`).
fn link_faqs(
    pages: &mut [Page],
    faqs: &[LoadedFaq],
    languages: &[Language],
    errors: &mut Vec<Diagnostic>,
) {
    let by_key: HashMap<String, usize> = faqs
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let key = f
                .source
                .rel
                .rsplit_once('.')
                .map_or(&*f.source.rel, |(s, _)| s);
            (key.to_owned(), i)
        })
        .collect();
    for page in pages.iter_mut() {
        let Body::Markdown(lp) = &page.body else {
            continue;
        };
        let Some(key) = lp.front.faq.as_deref() else {
            continue;
        };
        let norm = key
            .trim()
            .trim_start_matches('/')
            .trim_end_matches('/')
            .trim_end_matches(".yaml")
            .trim_end_matches(".yml");
        let own = languages.get(page.lang).filter(|_| page.lang > 0);
        let translated = own.and_then(|l| {
            let key = l.prefix.trim_end_matches('/');
            [format!("{norm}.{key}"), format!("{}{norm}", l.prefix)]
                .into_iter()
                .find_map(|k| by_key.get(k.as_str()).copied())
        });
        match translated.or_else(|| by_key.get(norm).copied()) {
            Some(i) => page.faq = Some(i),
            None => {
                let line = lp
                    .src
                    .lines()
                    .position(|l| l.starts_with("faq:"))
                    .unwrap_or(0)
                    + 1;
                let mut d = Diagnostic::error("unknown-faq", format!("no FAQ group `{key}`"))
                    .at(Location::new(&lp.source.shown, line, 1), &lp.src)
                    .span(3);
                let keys: Vec<&str> = by_key.keys().map(String::as_str).collect();
                d = match crate::suggest::closest(norm, keys.iter().copied()) {
                    Some(s) => d.help(format!("did you mean `{s}`?")),
                    None => d.help("name a file under content/ without its extension, e.g. `faq/security-token`"),
                };
                errors.push(d);
            }
        }
    }
}

/// The questions of every FAQ group with a page of its own, with their tags.
fn faq_questions<'a>(
    pages: &[Page],
    faqs: &'a [LoadedFaq],
) -> impl Iterator<Item = ((usize, usize), &'a [String])> {
    let shown: std::collections::HashSet<usize> = pages
        .iter()
        .filter(|p| p.kind == PageKind::Faq)
        .filter_map(|p| p.faq)
        .collect();
    faqs.iter()
        .enumerate()
        .filter(move |(g, _)| shown.contains(g))
        .flat_map(|(g, f)| {
            f.questions
                .iter()
                .enumerate()
                .map(move |(q, question)| ((g, q), question.tags.as_slice()))
        })
}

/// `home.featured` entries that name no page: errors at their line in `helpsite.yaml`.
fn unknown_featured(site: &Site) -> Vec<Diagnostic> {
    let src = &site.config.source;
    site.config
        .featured
        .iter()
        .filter(|f| site.featured_page(f).is_none())
        .map(|f| {
            let (line, col) = src
                .lines()
                .enumerate()
                .find_map(|(i, l)| l.find(f.as_str()).map(|c| (i + 1, c + 1)))
                .unwrap_or((1, 1));
            let sources = site.by_source.keys().map(String::as_str);
            let d = Diagnostic::error(
                "config",
                format!("`home.featured` names `{f}`, which is no page of the site"),
            )
            .at(Location::new(crate::config::FILE_NAME, line, col), src)
            .span(f.chars().count());
            match crate::suggest::closest(f, sources) {
                Some(s) => d.help(format!("did you mean `{s}`?")),
                None => d.help(
                    "name a page by its source path under `content/`, e.g. `guides/reset.md`",
                ),
            }
        })
        .collect()
}

/// Sort pages depth-first by (weight, title) and build the lookup tables.
fn order(config: Config, pages: Vec<Page>, faqs: Vec<LoadedFaq>, assets: Vec<Source>) -> Site {
    let mut kids: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    // One home per language: the default language's tree first, then each translation's.
    let mut roots = Vec::new();
    for (i, p) in pages.iter().enumerate() {
        match &p.parent {
            Some(parent) => kids.entry(parent.clone()).or_default().push(i),
            None => roots.push(i),
        }
    }
    roots.sort_by_key(|&i| (pages[i].lang, i));
    for list in kids.values_mut() {
        list.sort_by(|&a, &b| {
            let (pa, pb) = (&pages[a], &pages[b]);
            let wa = pa.weight.unwrap_or(i64::MAX);
            let wb = pb.weight.unwrap_or(i64::MAX);
            (wa, pa.title.to_lowercase(), &pa.url).cmp(&(wb, pb.title.to_lowercase(), &pb.url))
        });
    }
    let mut sequence = Vec::with_capacity(pages.len());
    let mut stack: Vec<usize> = roots.into_iter().rev().collect();
    while let Some(i) = stack.pop() {
        sequence.push(i);
        if let Some(children) = kids.get(&pages[i].url) {
            stack.extend(children.iter().rev());
        }
    }
    let mut slots: Vec<Option<Page>> = pages.into_iter().map(Some).collect();
    let pages: Vec<Page> = sequence.iter().filter_map(|&i| slots[i].take()).collect();
    let by_url: HashMap<String, usize> = pages
        .iter()
        .enumerate()
        .map(|(i, p)| (p.url.clone(), i))
        .collect();
    let mut children: rustc_hash::FxHashMap<String, Vec<usize>> = Default::default();
    for (i, p) in pages.iter().enumerate() {
        if let Some(parent) = &p.parent {
            children.entry(parent.clone()).or_default().push(i);
        }
    }
    let mut by_source = HashMap::new();
    for (i, p) in pages.iter().enumerate() {
        match &p.body {
            Body::Markdown(lp) => {
                by_source.insert(lp.source.rel.clone(), i);
            }
            Body::Faq(f) => {
                by_source.insert(faqs[*f].source.rel.clone(), i);
            }
            Body::Listing => {}
        }
    }
    let tags = crate::tags::collect(
        pages
            .iter()
            .enumerate()
            .map(|(i, p)| (i, p.tags.as_slice())),
        faq_questions(&pages, &faqs),
    );
    let tag_by_slug = tags
        .iter()
        .enumerate()
        .map(|(i, t)| (t.slug.clone(), i))
        .collect();
    let mut article_counts: rustc_hash::FxHashMap<String, usize> = Default::default();
    for p in pages
        .iter()
        .filter(|p| matches!(p.kind, PageKind::Article | PageKind::Faq))
    {
        let mut cur = p.parent.as_deref();
        while let Some(url) = cur {
            *article_counts.entry(url.to_owned()).or_default() += 1;
            cur = by_url.get(url).and_then(|&i| pages[i].parent.as_deref());
        }
    }
    Site {
        config,
        pages,
        faqs,
        assets,
        by_url,
        by_source,
        children,
        article_counts,
        tags,
        tag_by_slug,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_mirror_paths() {
        assert_eq!(url_of("guides/connect/vpn.md"), "guides/connect/vpn/");
        assert_eq!(url_of("faq/security-token.yaml"), "faq/security-token/");
        assert_eq!(url_of("index.md"), "");
        assert_eq!(url_of("guides/_index.md"), "guides/");
        assert_eq!(
            parent_of("guides/connect/vpn/").as_deref(),
            Some("guides/connect/")
        );
        assert_eq!(parent_of("guides/").as_deref(), Some(""));
        assert_eq!(parent_of(""), None);
    }
}
