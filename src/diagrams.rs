//! Where pages with a diagram load the Mermaid library from: the `url` the site sets, else
//! `_static/mermaid.min.js` when the site (or its theme) provides the file. With neither,
//! `mermaid` blocks stay code and the build warns.

use crate::config::{LibraryUrl, MermaidConfig, mermaid::LIBRARY_FILE};
use crate::diagnostic::Diagnostic;
use crate::resolve::{relative, root_prefix};

/// The theme script that draws the diagrams once the library has loaded.
pub const DRAW_SCRIPT: &str = "diagrams.js";

/// The diagram library of a site, when diagrams are drawn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Library(LibraryUrl);

impl Library {
    /// The library for `config`; `has_static(name)` says whether `_static/name` is written.
    pub fn find(config: &MermaidConfig, has_static: impl Fn(&str) -> bool) -> Option<Self> {
        if !config.enabled {
            return None;
        }
        match &config.url {
            Some(url) => Some(Library(url.clone())),
            None if has_static(LIBRARY_FILE) => {
                Some(Library(LibraryUrl::Site(format!("_static/{LIBRARY_FILE}"))))
            }
            None => None,
        }
    }

    /// The library's address as written into the page at `page_url`.
    pub fn src(&self, page_url: &str) -> String {
        match &self.0 {
            LibraryUrl::AsIs(url) => url.clone(),
            LibraryUrl::Site(path) if page_url.is_empty() => format!("{}{path}", root_prefix("")),
            LibraryUrl::Site(path) => relative(page_url, path),
        }
    }
}

/// The warning when diagrams are on but there is no library to draw them with.
pub fn missing(config: &MermaidConfig, library: Option<&Library>) -> Option<Diagnostic> {
    if !config.enabled || library.is_some() {
        return None;
    }
    let d = Diagnostic::warning(
        crate::rules::DIAGRAM_LIBRARY_MISSING,
        format!(
            "`mermaid: true` but there is no `static/{LIBRARY_FILE}`: diagrams are shown as code"
        ),
    )
    .span("mermaid".len())
    .help(format!(
        "download Mermaid's `dist/{LIBRARY_FILE}` into `static/`, or set where pages load it from: `mermaid: {{url: https://.../{LIBRARY_FILE}}}`"
    ));
    let mut d = match &config.location {
        Some(location) => d.at_location(location.clone()),
        None => d,
    };
    d.source_line.clone_from(&config.source_line);
    Some(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(yaml: &str) -> MermaidConfig {
        crate::config::parse(yaml).expect("valid config").mermaid
    }

    #[test]
    fn the_site_url_wins_then_the_static_file() {
        let with_file = |_: &str| true;
        let without = |_: &str| false;
        assert_eq!(Library::find(&config("title: a\n"), with_file), None);
        assert_eq!(Library::find(&config("mermaid: false\n"), with_file), None);
        let own = Library::find(&config("mermaid: true\n"), with_file).expect("file");
        assert_eq!(own.src("guides/a/"), "../../_static/mermaid.min.js");
        assert_eq!(own.src(""), "./_static/mermaid.min.js");
        assert_eq!(Library::find(&config("mermaid: true\n"), without), None);
        let cdn = config("mermaid: {url: 'https://cdn.example.com/m.js'}\n");
        let lib = Library::find(&cdn, without).expect("url");
        assert_eq!(lib.src("guides/a/"), "https://cdn.example.com/m.js");
        let path = Library::find(&config("mermaid: {url: js/m.js}\n"), without).expect("path");
        assert_eq!(path.src("a/"), "../js/m.js");
    }

    #[test]
    fn missing_library_warns_at_the_key() {
        let c = config("title: a\nmermaid: true\n");
        let w = missing(&c, None).expect("a warning");
        assert_eq!(w.location.map(|l| (l.line, l.col)), Some((2, 1)));
        assert!(w.help.is_some_and(|h| h.contains("static/")));
        assert!(missing(&config("mermaid: false\n"), None).is_none());
        let lib = Library::find(&c, |_| true);
        assert!(missing(&c, lib.as_ref()).is_none());
    }
}
