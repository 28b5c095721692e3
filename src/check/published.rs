//! What the build publishes: every output path and the ids of every HTML page, and how an
//! href found in one output resolves against them (the way a browser would).

use crate::html_scan::Scan;
use crate::output::Outputs;
use crate::resolve::{normalise, percent_decode};
use rayon::prelude::*;
use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use xxhash_rust::xxh3::xxh3_128;

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

/// The fast verdict on an href (see [`Published::quick`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quick {
    /// Leads to the output with this number (see [`Published::path`]).
    Fine(usize),
    /// External or not a web link: not this check's business.
    Skip,
    /// Broken, or too unusual for the fast path: ask [`Published::resolve`].
    Ask,
}

/// Paths and ids are looked up by a 128-bit hash of their text. A million lookups that
/// compared strings spent most of their time waiting for memory: the strings lie scattered
/// over half a gigabyte of pages. Two texts sharing a hash has odds of about 2^-128 per
/// pair, far below any hardware error rate, so a hash match counts as a text match.
type Key = u128;

fn key(text: &str) -> Key {
    xxh3_128(text.as_bytes())
}

/// Keys are already uniform hashes: use their low bits as they are.
#[derive(Debug, Default, Clone, Copy)]
struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }

    fn write_u128(&mut self, k: u128) {
        self.0 = k as u64;
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

type KeyMap<V> = HashMap<Key, V, BuildHasherDefault<KeyHasher>>;

/// Output paths and page ids.
pub struct Published<'a> {
    /// Output path (as a key) -> its number; `paths` maps back.
    numbers: KeyMap<usize>,
    paths: Vec<&'a str>,
    /// The ids of each output by number, as sorted keys; `None` for outputs not scanned.
    ids: Vec<Option<Vec<Key>>>,
    /// The same ids as text, for suggestions.
    id_texts: HashMap<&'a str, Vec<Cow<'a, str>>>,
    base_url: &'a str,
    /// Path part of `base_url`, e.g. `/help/`; `/` when not set.
    base_path: String,
}

impl<'a> Published<'a> {
    /// `outputs` are the build's outputs (in one map or several); `scans` holds the scan of
    /// each HTML output, by output path; their ids move here.
    pub fn new(
        outputs: &[&'a Outputs],
        scans: &mut HashMap<&'a str, Scan<'a>>,
        base_url: &'a str,
    ) -> Self {
        let paths: Vec<&str> = outputs
            .iter()
            .flat_map(|o| o.keys().map(String::as_str))
            .collect();
        let numbers: KeyMap<usize> = paths
            .par_iter()
            .enumerate()
            .map(|(i, p)| (key(p), i))
            .collect();
        let id_texts: HashMap<&str, Vec<Cow<str>>> = scans
            .iter_mut()
            .map(|(path, scan)| (*path, std::mem::take(&mut scan.ids)))
            .collect();
        let ids = paths
            .par_iter()
            .map(|p| {
                id_texts.get(p).map(|texts| {
                    let mut keys: Vec<Key> = texts.iter().map(|t| key(t)).collect();
                    keys.sort_unstable();
                    keys
                })
            })
            .collect();
        let base_path = base_url
            .split_once("://")
            .and_then(|(_, rest)| rest.find('/').map(|i| rest[i..].to_owned()))
            .unwrap_or_else(|| "/".to_owned());
        Published {
            numbers,
            paths,
            ids,
            id_texts,
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
            .find(|c| self.numbers.contains_key(&key(c)))
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

    /// The number of output `path`.
    pub fn number(&self, path: &str) -> Option<&usize> {
        self.numbers.get(&key(path))
    }

    /// How many outputs there are (numbers run from 0 to this).
    pub fn count(&self) -> usize {
        self.paths.len()
    }

    /// The output path with number `n`.
    pub fn path(&self, n: usize) -> &'a str {
        self.paths[n]
    }

    /// The verdict on `href` in the output `from` without allocating, for the common case
    /// of a relative link that works. `scratch` is reused between calls.
    /// `from_dir` is `from` without its file name (`guides/a`).
    pub fn quick(&self, from: &str, from_dir: &str, href: &str, scratch: &mut String) -> Quick {
        // One pass finds what the fast path cannot handle, and where the path ends.
        let bytes = href.as_bytes();
        let mut path_end = bytes.len();
        let mut hash = None;
        for (i, &b) in bytes.iter().enumerate() {
            match b {
                b'%' | b':' | b' ' | b'\t' | b'\n' | b'\r' | b'&' => {
                    return self.careful(from, href);
                }
                b'?' => path_end = path_end.min(i),
                b'#' => {
                    path_end = path_end.min(i);
                    hash = Some(i);
                    break;
                }
                _ => {}
            }
        }
        if bytes.first() == Some(&b'/') {
            return self.careful(from, href);
        }
        let fragment = hash.map(|i| &href[i + 1..]);
        let path = &href[..path_end];
        let target = if path.is_empty() {
            self.numbers.get(&key(from)).copied()
        } else {
            scratch.clear();
            scratch.push_str(from_dir);
            for seg in segments(path) {
                match seg {
                    "" | "." => {}
                    ".." => match scratch.rfind('/') {
                        Some(i) => scratch.truncate(i),
                        None if !scratch.is_empty() => scratch.clear(),
                        None => return Quick::Ask,
                    },
                    s => {
                        if !scratch.is_empty() {
                            scratch.push('/');
                        }
                        scratch.push_str(s);
                    }
                }
            }
            let exact = (!path.ends_with('/') && !scratch.is_empty())
                .then(|| self.numbers.get(&key(scratch)).copied())
                .flatten();
            exact.or_else(|| {
                if !scratch.is_empty() {
                    scratch.push('/');
                }
                scratch.push_str("index.html");
                self.numbers.get(&key(scratch)).copied()
            })
        };
        match (target, fragment) {
            (Some(n), Some(f)) if !self.has_fragment_at(n, f) => Quick::Ask,
            (Some(n), _) => Quick::Fine(n),
            (None, _) => Quick::Ask,
        }
    }

    /// Root-relative, encoded, external or odd links: let [`Published::resolve`] decide.
    fn careful(&self, from: &str, href: &str) -> Quick {
        match self.resolve(from, href) {
            Dest::Skip | Dest::External(_) => Quick::Skip,
            _ => Quick::Ask,
        }
    }

    /// Whether `fragment` names an element of the output at `path`. Fragments into files
    /// that are not scanned HTML (PDFs, copied HTML) cannot be verified and count as fine.
    pub fn has_fragment(&self, path: &str, fragment: &str) -> bool {
        self.number(path)
            .is_none_or(|&n| self.has_fragment_at(n, fragment))
    }

    fn has_fragment_at(&self, n: usize, fragment: &str) -> bool {
        if fragment.is_empty() || fragment.eq_ignore_ascii_case("top") {
            return true;
        }
        match &self.ids[n] {
            Some(ids) => ids.binary_search(&key(fragment)).is_ok(),
            None => true,
        }
    }

    /// The ids of the page at `path` (for "did you mean").
    pub fn ids_of(&self, path: &str) -> impl Iterator<Item = &str> {
        self.id_texts
            .get(path)
            .into_iter()
            .flatten()
            .map(|id| id.as_ref())
    }
}

/// `path.split('/')`, without the general pattern machinery (a million calls).
fn segments(path: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(path);
    std::iter::from_fn(move || {
        let r = rest?;
        match memchr::memchr(b'/', r.as_bytes()) {
            Some(i) => {
                rest = Some(&r[i + 1..]);
                Some(&r[..i])
            }
            None => {
                rest = None;
                Some(r)
            }
        }
    })
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
    use crate::output::Content;

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
    fn segments_split_like_str_split() {
        for p in ["", "a", "a/b", "/a//b/", "../x/./y"] {
            assert_eq!(
                segments(p).collect::<Vec<_>>(),
                p.split('/').collect::<Vec<_>>()
            );
        }
    }

    #[test]
    fn resolves_like_a_browser() {
        let o = outputs();
        let mut scans = HashMap::new();
        let p = Published::new(&[&o], &mut scans, "https://x.test/help/");
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
        let mut s = String::new();
        let n = |path: &str| Quick::Fine(p.numbers[&key(path)]);
        assert_eq!(
            p.quick(from, "guides/a", "../b/#x", &mut s),
            n("guides/b/index.html")
        );
        assert_eq!(
            p.quick(from, "guides/a", "../b", &mut s),
            n("guides/b/index.html")
        );
        assert_eq!(p.quick(from, "guides/a", "../../", &mut s), n("index.html"));
        assert_eq!(p.quick(from, "guides/a", "?q=1", &mut s), n(from));
        assert_eq!(
            p.quick(from, "guides/a", "../../img/my%20pic.png", &mut s),
            Quick::Ask
        );
        assert_eq!(p.quick(from, "guides/a", "../B/", &mut s), Quick::Ask);
        assert_eq!(p.quick(from, "guides/a", "../../../x", &mut s), Quick::Ask);
        assert_eq!(
            p.quick(from, "guides/a", "https://y.test/", &mut s),
            Quick::Skip
        );
    }
}
