//! Everything the build produces, as data: pages, redirects, sitemap, 404, theme and
//! content assets. Nothing here touches the disk.

use crate::diagnostic::Diagnostic;
use crate::location::Location;
use crate::model::{Body, Page, Site};
use crate::render::{RenderedSite, Renderer};
use crate::resolve::{normalise, relative};
use crate::theme::Theme;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// The bytes of one output file, or a source file to copy as it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Content {
    Bytes(Vec<u8>),
    Copy(PathBuf),
    /// Already in the staging folder: a page written as its template ran (see
    /// [`crate::write::Stream`]), its bytes dropped.
    Placed(Placed),
}

/// What writing a file ahead of the others recorded about it, for the output's manifest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Placed {
    pub len: u64,
    /// xxh3-128 of the bytes.
    pub hash: u128,
    /// Modification time after the write, nanoseconds since the epoch (`None` where the file
    /// system does not tell).
    pub mtime: Option<u128>,
    /// Whether the bytes were written (`false`: the staging folder held them already).
    pub written: bool,
}

/// Output files by path relative to the output folder (`guides/a/index.html`).
pub type Outputs = BTreeMap<String, Content>;

/// Collect every output of the site. Fails when two outputs claim one path.
pub fn outputs(
    site: &Site,
    rendered: &mut RenderedSite,
    renderer: &Renderer,
    theme: &Theme,
    placed: &[Placed],
) -> Result<Outputs, Vec<Diagnostic>> {
    let mut out = Outputs::new();
    let mut errors = Vec::new();
    // Each page's HTML moves into the outputs: at 10,000 pages a copy would be 300 MB.
    // `placed` holds the record of each page written as its template ran, when they were.
    for (i, (page, r)) in site.pages.iter().zip(rendered.pages.iter_mut()).enumerate() {
        let content = match placed.get(i) {
            Some(p) => Content::Placed(*p),
            None => Content::Bytes(std::mem::take(&mut r.html).into_bytes()),
        };
        out.insert(page_path(page), content);
    }
    for asset in &site.assets {
        if out.contains_key(&asset.rel) || is_search_path(site, &asset.rel) {
            let what = if out.contains_key(&asset.rel) {
                match page_source(site, &asset.rel) {
                    Some(shown) => format!("`{}`", shown.display()),
                    None => "a generated section page".to_owned(),
                }
            } else {
                "the search index".to_owned()
            };
            errors.push(collision(&asset.shown, &asset.rel, &what));
            continue;
        }
        out.insert(asset.rel.clone(), Content::Copy(asset.abs.clone()));
    }
    add_generated(
        site,
        &mut out,
        theme_files(theme),
        "the theme's files",
        &mut errors,
    );
    let mut pages = Outputs::new();
    match renderer.not_found() {
        Ok(html) => {
            pages.insert("404.html".to_owned(), Content::Bytes(html.into_bytes()));
        }
        Err(e) => errors.push(e),
    }
    for (lang, language) in site.config.languages.iter().enumerate() {
        match renderer.search_page(lang) {
            Ok(html) => {
                pages.insert(
                    format!("{}search/index.html", language.prefix),
                    Content::Bytes(html.into_bytes()),
                );
            }
            Err(e) => errors.push(e),
        }
    }
    add_generated(
        site,
        &mut out,
        pages,
        "the 404 and search pages",
        &mut errors,
    );
    match crate::tag_pages::outputs(renderer) {
        Ok(tags) => add_generated(site, &mut out, tags, "the tags pages", &mut errors),
        Err(e) => errors.extend(e),
    }
    add_generated(
        site,
        &mut out,
        aggregates(site),
        "the sitemap and feed",
        &mut errors,
    );
    // A `robots.txt` of the site's own replaces the generated one on purpose.
    if !site.config.base_url.is_empty() && !out.contains_key("robots.txt") {
        let robots = format!(
            "User-agent: *\nAllow: /\nSitemap: {}sitemap.xml\n",
            site.config.base_url
        );
        out.insert("robots.txt".to_owned(), Content::Bytes(robots.into_bytes()));
    }
    // Last, so an alias onto any output above is refused rather than replacing it.
    redirects(site, renderer, &mut out, &mut errors);
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// The folder of the search index (of each language: `de/_search/`); nothing else may write
/// there.
pub const SEARCH_DIR: &str = "_search/";

/// Whether output path `rel` lies in a language's search index folder.
pub fn is_search_path(site: &Site, rel: &str) -> bool {
    site.config.languages.iter().any(|l| {
        rel.strip_prefix(&l.prefix)
            .is_some_and(|r| r.starts_with(SEARCH_DIR))
    })
}

/// Add outputs `batch` that helpsite generates (`what`: "the theme's files"); one whose path
/// a page, a file of the site or an alias already writes is an error naming that source.
pub fn add_generated(
    site: &Site,
    out: &mut Outputs,
    batch: Outputs,
    what: &str,
    errors: &mut Vec<Diagnostic>,
) {
    for (path, content) in batch {
        if out.contains_key(&path) {
            let source = source_of(site, &path);
            let shown = source
                .clone()
                .unwrap_or_else(|| PathBuf::from("helpsite.yaml"));
            let mut d = collision(&shown, &path, what);
            if source.is_none() {
                d.message = format!(
                    "`{path}` is written by both {what} and {}",
                    writer_of(site, &path)
                );
            }
            errors.push(d);
            continue;
        }
        out.insert(path, content);
    }
}

fn collision(shown: &std::path::Path, path: &str, other: &str) -> Diagnostic {
    Diagnostic::error(
        "output-collision",
        format!("`{}` and {other} both write `{path}`", shown.display()),
    )
    .at_location(Location::new(shown, 1, 1))
    .help("rename or move the file: one output would silently replace the other")
}

/// The source file behind output `path`, if a page or a file of the site writes it.
fn source_of(site: &Site, path: &str) -> Option<PathBuf> {
    if let Some(asset) = site.assets.iter().find(|a| a.rel == path) {
        return Some(asset.shown.clone());
    }
    page_source(site, path)
}

/// The source file of the page written at `path`, if a page is and has one.
fn page_source(site: &Site, path: &str) -> Option<PathBuf> {
    site.pages
        .iter()
        .find(|p| page_path(p) == path)
        .and_then(|p| match &p.body {
            Body::Markdown(lp) => Some(lp.source.shown.clone()),
            Body::Faq(g) => site.faqs.get(*g).map(|f| f.source.shown.clone()),
            _ => None,
        })
}

/// Who writes output `path`, in words, for messages.
fn writer_of(site: &Site, path: &str) -> String {
    match source_of(site, path) {
        Some(shown) => format!("`{}`", shown.display()),
        None if site.pages.iter().any(|p| page_path(p) == path) => {
            "a generated section page".to_owned()
        }
        None => "another generated file".to_owned(),
    }
}

/// Where a page's HTML goes: `guides/a/index.html`.
pub fn page_path(page: &Page) -> String {
    format!("{}index.html", page.url)
}

/// The theme's static files under `_static/`, plus the code highlighting stylesheet unless the
/// theme brings its own.
pub fn theme_files(theme: &Theme) -> Outputs {
    let mut out = Outputs::new();
    for (name, file) in &theme.statics {
        // The embed host script is linked from other sites, at a stable address of its own.
        let path = if name == crate::theme::HOST_SCRIPT_SOURCE {
            crate::theme::HOST_SCRIPT.to_owned()
        } else {
            format!("_static/{name}")
        };
        out.insert(path, Content::Bytes(file.bytes.clone()));
    }
    out.entry("_static/highlight.css".to_owned())
        .or_insert_with(|| Content::Bytes(crate::highlight::stylesheet().into_bytes()));
    out
}

/// Outputs computed from every page's data (the sitemap and the Atom feed). Cheap enough to recompute after
/// any page changes, so an incremental build calls this instead of tracking dependencies.
pub fn aggregates(site: &Site) -> Outputs {
    let mut out = Outputs::new();
    if !site.config.base_url.is_empty() {
        out.insert(
            "sitemap.xml".to_owned(),
            Content::Bytes(sitemap(site).into_bytes()),
        );
    }
    if let Some(feed) = crate::atom::feed(site) {
        out.insert(
            crate::atom::PATH.to_owned(),
            Content::Bytes(feed.into_bytes()),
        );
    }
    out
}

/// A redirect page at each alias, pointing at its page with a relative URL.
fn redirects(site: &Site, renderer: &Renderer, out: &mut Outputs, errors: &mut Vec<Diagnostic>) {
    for page in &site.pages {
        for alias in &page.aliases {
            let located = |message: String| {
                let mut d = Diagnostic::error("alias", message);
                if let Body::Markdown(lp) = &page.body {
                    let line = lp
                        .src
                        .lines()
                        .position(|l| l.contains(alias.as_str()))
                        .map_or(1, |i| i + 1);
                    d = d.at(Location::new(&lp.source.shown, line, 1), &lp.src);
                }
                d
            };
            let Some(path) = normalise("", alias.split(['?', '#']).next().unwrap_or("")) else {
                errors.push(located(format!("alias `{alias}` leaves the site root")));
                continue;
            };
            let file = if path.is_empty()
                || alias.ends_with('/')
                || !path.rsplit('/').next().unwrap_or("").contains('.')
            {
                if path.is_empty() {
                    "index.html".to_owned()
                } else {
                    format!("{path}/index.html")
                }
            } else {
                path.clone()
            };
            if out.contains_key(&file) {
                errors.push(located(format!(
                    "alias `{alias}` would overwrite `{file}`, which the site already has"
                )));
                continue;
            }
            let dir_url = match file.rsplit_once('/') {
                Some((d, _)) => format!("{d}/"),
                None => String::new(),
            };
            // The pretty URL for servers; the redirect page adds `index.html` when opened
            // from disk, where a folder URL opens a directory listing.
            let target = relative(&dir_url, &page.url);
            match renderer.redirect(page, &target, &dir_url) {
                Ok(html) => {
                    out.insert(file, Content::Bytes(html.into_bytes()));
                }
                Err(e) => errors.push(e),
            }
        }
    }
}

/// sitemap.xml: every page's absolute URL, and its `updated` date as `<lastmod>`, then the
/// tags pages. Each
/// value is escaped for XML; page paths are percent-encoded as the protocol asks.
fn sitemap(site: &Site) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let escape = crate::html::escape;
    for page in &site.pages {
        xml.push_str("  <url><loc>");
        xml.push_str(&escape(&crate::resolve::encode_path(&site.config.base_url)));
        xml.push_str(&escape(&encode_url_path(&page.url)));
        xml.push_str("</loc>");
        // Loading refused any other `updated`; checked again as this text goes out as is.
        if let Some(date) = page
            .updated
            .as_deref()
            .filter(|d| crate::load::date_problem(d).is_none())
        {
            xml.push_str("<lastmod>");
            xml.push_str(&escape(date));
            xml.push_str("</lastmod>");
        }
        xml.push_str("</url>\n");
    }
    if !site.tags.is_empty() {
        let urls = std::iter::once(crate::tags::TAGS_URL.to_owned());
        for url in urls.chain(site.tags.iter().map(crate::tags::Tag::url)) {
            xml.push_str("  <url><loc>");
            xml.push_str(&escape(&crate::resolve::encode_path(&site.config.base_url)));
            xml.push_str(&escape(&encode_url_path(&url)));
            xml.push_str("</loc></url>\n");
        }
    }
    xml.push_str("</urlset>\n");
    xml
}

/// A page path as it goes into an absolute URL: every byte but the RFC 3986 path characters
/// (unreserved, sub-delims, `:`, `@` and `/`) percent-encoded, `%` and non-ASCII included,
/// since a page's path is its file name as written, not something already encoded.
fn encode_url_path(path: &str) -> String {
    use std::fmt::Write;
    let mut out = String::with_capacity(path.len());
    for &b in path.as_bytes() {
        let keep = b.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@/".contains(&b);
        if keep {
            out.push(char::from(b));
        } else {
            // Writing into a String cannot fail.
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::encode_url_path;

    #[test]
    fn page_paths_are_percent_encoded_for_urls() {
        assert_eq!(encode_url_path("guides/q&a/"), "guides/q&a/");
        assert_eq!(
            encode_url_path("100% über <x>/a#b?c/"),
            "100%25%20%C3%BCber%20%3Cx%3E/a%23b%3Fc/"
        );
    }
}
