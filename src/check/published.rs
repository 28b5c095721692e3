//! What the build publishes: every output path and the ids of every HTML page, and how an
//! href found in one output resolves against them (the way a browser would).

use crate::check::html_scan::Scan;
use crate::output::{Content, Outputs};
use crate::resolve::{normalise, percent_decode};
use std::collections::{HashMap, HashSet};

/// Where an href leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Dest {
    /// Not checked: `mailto:`, `tel:`, `javascript:`, `data:` and other non-web schemes.
    Skip,
    /// An `http(s)` URL outside the site.
    External(String),
    /// An output file that exists (output path) and the fragment asked for, if any.
    Found {
        path: String,
        fragment: Option<String>,
    },
    /// Nothing is published there; holds the site path looked for.
    Missing(String),
    /// The path climbs above the site root (or, when absolute, lies outside the base path).
    Escapes,
}

/// Output paths and page ids.
pub struct Published<'a> {
    outputs: &'a Outputs,
    ids: HashMap<&'a str, HashSet<String>>,
    base_url: &'a str,
    /// Path part of `base_url`, e.g. `/help/`; `/` when not set.
    base_path: String,
}

impl<'a> Published<'a> {
    /// `scans` holds the scan of each HTML output, by output path.
    pub fn new(outputs: &'a Outputs, scans: &HashMap<&'a str, Scan>, base_url: &'a str) -> Self {
        let ids = scans
            .iter()
            .map(|(path, scan)| (*path, scan.ids.iter().cloned().collect()))
            .collect();
        let base_path = base_url
            .split_once("://")
            .and_then(|(_, rest)| rest.find('/').map(|i| rest[i..].to_owned()))
            .unwrap_or_else(|| "/".to_owned());
        Published {
            outputs,
            ids,
            base_url,
            base_path,
        }
    }

    /// Resolve `href` found in the output at `from` (e.g. `guides/a/index.html`).
    pub fn resolve(&self, from: &str, href: &str) -> Dest {
        let href = href.trim();
        let own = (!self.base_url.is_empty())
            .then(|| href.strip_prefix(self.base_url))
            .flatten();
        if let Some(rest) = own {
            return self.local(&format!("{}{rest}", self.base_path), from);
        }
        if href.starts_with("//") {
            return Dest::External(format!("https:{href}"));
        }
        if crate::resolve::is_external(href) {
            let lower = href.to_ascii_lowercase();
            return if lower.starts_with("http://") || lower.starts_with("https://") {
                Dest::External(href.to_owned())
            } else {
                Dest::Skip
            };
        }
        self.local(href, from)
    }

    fn local(&self, href: &str, from: &str) -> Dest {
        let (rest, fragment) = match href.split_once('#') {
            Some((r, f)) => (r, Some(percent_decode(f))),
            None => (href, None),
        };
        let path = rest.split('?').next().unwrap_or("");
        if path.is_empty() {
            return Dest::Found {
                path: from.to_owned(),
                fragment,
            };
        }
        let joined = if let Some(abs) = path.strip_prefix('/') {
            match format!("/{abs}").strip_prefix(&self.base_path) {
                Some(inside) => normalise("", &percent_decode(inside)),
                None => None,
            }
        } else {
            let dir = from.rsplit_once('/').map_or("", |(d, _)| d);
            normalise(dir, &percent_decode(path))
        };
        let Some(site_path) = joined else {
            return Dest::Escapes;
        };
        let dir_form = path.ends_with('/') || site_path.is_empty();
        let candidates = if dir_form {
            vec![join_index(&site_path)]
        } else {
            vec![site_path.clone(), join_index(&site_path)]
        };
        match candidates
            .into_iter()
            .find(|c| self.outputs.contains_key(c))
        {
            Some(found) => Dest::Found {
                path: found,
                fragment,
            },
            None => Dest::Missing(if dir_form && !site_path.is_empty() {
                format!("{site_path}/")
            } else {
                site_path
            }),
        }
    }

    /// Whether `fragment` names an element of the output at `path`. Fragments into files
    /// that are not scanned HTML (PDFs, copied HTML) cannot be verified and count as fine.
    pub fn has_fragment(&self, path: &str, fragment: &str) -> bool {
        if fragment.is_empty() || fragment.eq_ignore_ascii_case("top") {
            return true;
        }
        match self.ids.get(path) {
            Some(ids) => ids.contains(fragment),
            None => true,
        }
    }

    /// The ids of the page at `path` (for "did you mean").
    pub fn ids_of(&self, path: &str) -> impl Iterator<Item = &str> {
        self.ids.get(path).into_iter().flatten().map(String::as_str)
    }

    /// Whether `path` is an output that was written as bytes (a generated page).
    pub fn is_generated(&self, path: &str) -> bool {
        matches!(self.outputs.get(path), Some(Content::Bytes(_)))
    }
}

fn join_index(path: &str) -> String {
    if path.is_empty() {
        "index.html".to_owned()
    } else {
        format!("{path}/index.html")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outputs() -> Outputs {
        let mut o = Outputs::new();
        for p in [
            "index.html",
            "guides/a/index.html",
            "guides/b/index.html",
            "img/my pic.png",
        ] {
            o.insert(p.to_owned(), Content::Bytes(Vec::new()));
        }
        o
    }

    #[test]
    fn resolves_like_a_browser() {
        let o = outputs();
        let scans = HashMap::new();
        let p = Published::new(&o, &scans, "https://x.test/help/");
        let from = "guides/a/index.html";
        let found = |path: &str, f: Option<&str>| Dest::Found {
            path: path.to_owned(),
            fragment: f.map(str::to_owned),
        };
        assert_eq!(
            p.resolve(from, "../b/#x"),
            found("guides/b/index.html", Some("x"))
        );
        assert_eq!(
            p.resolve(from, "../b/index.html?q=1"),
            found("guides/b/index.html", None)
        );
        assert_eq!(p.resolve(from, "../b"), found("guides/b/index.html", None));
        assert_eq!(
            p.resolve(from, "../../img/my%20pic.png"),
            found("img/my pic.png", None)
        );
        assert_eq!(
            p.resolve(from, "/help/guides/b/"),
            found("guides/b/index.html", None)
        );
        assert_eq!(
            p.resolve(from, "https://x.test/help/"),
            found("index.html", None)
        );
        assert_eq!(p.resolve(from, "#top"), found(from, Some("top")));
        assert_eq!(
            p.resolve(from, "../B/"),
            Dest::Missing("guides/B/".to_owned())
        );
        assert_eq!(p.resolve(from, "../../../x"), Dest::Escapes);
        assert_eq!(p.resolve(from, "/other/"), Dest::Escapes);
        assert_eq!(p.resolve(from, "mailto:a@b.test"), Dest::Skip);
        assert_eq!(
            p.resolve(from, "//cdn.test/x"),
            Dest::External("https://cdn.test/x".to_owned())
        );
    }
}
