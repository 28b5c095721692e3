//! Resolve link destinations written in sources to pages, FAQ groups and assets, and
//! express them as URLs relative to the linking page (so output works from disk too).

use crate::model::Site;
use std::collections::HashSet;

/// What a link points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// Has a scheme (`https:`, `mailto:`) or starts with `//`.
    External,
    /// Only a fragment: `#id` on the same page.
    SamePage,
    /// A page (by URL), e.g. `guides/vpn/`.
    Page(String),
    /// A file copied from `content/`, by its path.
    Asset(String),
    /// A path that leaves the site root.
    Escapes,
    /// Nothing at that path; holds the normalised path.
    Missing(String),
}

/// A parsed destination: target plus its query and fragment (without `?`/`#`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    pub target: Target,
    pub query: Option<String>,
    pub fragment: Option<String>,
}

/// Looks destinations up in the site model.
pub struct Resolver<'a> {
    site: &'a Site,
    assets: HashSet<&'a str>,
}

impl<'a> Resolver<'a> {
    pub fn new(site: &'a Site) -> Self {
        let assets = site.assets.iter().map(|a| a.rel.as_str()).collect();
        Resolver { site, assets }
    }

    /// Resolve `dest` written in the source file at content-relative path `from_rel`.
    pub fn resolve(&self, from_rel: &str, dest: &str) -> Resolved {
        let dest = dest.trim();
        let (rest, fragment) = split_once_opt(dest, '#');
        let (path, query) = split_once_opt(rest, '?');
        let target = if is_external(dest) {
            Target::External
        } else if path.is_empty() {
            Target::SamePage
        } else {
            let base = match from_rel.rsplit_once('/') {
                Some((dir, _)) if !path.starts_with('/') => dir,
                _ => "",
            };
            match normalise(base, &percent_decode(path)) {
                Some(p) => {
                    let p = self.same_language(from_rel, p);
                    self.lookup(&p, path.ends_with('/'))
                }
                None => Target::Escapes,
            }
        };
        Resolved {
            target,
            query: query.map(str::to_owned),
            fragment: fragment.map(str::to_owned),
        }
    }

    /// In a translation named with a language suffix (`a.de.md`), a link to another source
    /// (`b.md`) means its translation (`b.de.md`) when there is one, as MkDocs' i18n plugin
    /// reads it.
    fn same_language(&self, from_rel: &str, path: String) -> String {
        let languages = &self.site.config.languages;
        let Some((lang, _)) = crate::model::suffixed(from_rel, languages) else {
            return path;
        };
        let Some((stem, ext)) = path.rsplit_once('.') else {
            return path;
        };
        let key = languages[lang].prefix.trim_end_matches('/');
        let translated = format!("{stem}.{key}.{ext}");
        if self.site.by_source.contains_key(&translated) {
            translated
        } else {
            path
        }
    }

    fn lookup(&self, path: &str, dir_form: bool) -> Target {
        if let Some(&i) = self.site.by_source.get(path) {
            return Target::Page(self.site.pages[i].url.clone());
        }
        if !dir_form && self.assets.contains(path) {
            return Target::Asset(path.to_owned());
        }
        let as_dir = path
            .strip_suffix("index.html")
            .unwrap_or(path)
            .trim_end_matches('/');
        let url = if as_dir.is_empty() {
            String::new()
        } else {
            format!("{as_dir}/")
        };
        if self.site.by_url.contains_key(&url) {
            return Target::Page(url);
        }
        Target::Missing(path.to_owned())
    }

    /// The URL to write for `dest` on the page at `from_url` (source `from_rel`). Links that
    /// cannot be resolved are left as written, for the checker to report.
    pub fn href(&self, from_rel: &str, from_url: &str, dest: &str) -> String {
        let r = self.resolve(from_rel, dest);
        let base = match &r.target {
            Target::Page(url) => relative(from_url, url),
            Target::Asset(path) => relative(from_url, path),
            Target::SamePage => String::new(),
            _ => return dest.to_owned(),
        };
        let mut out = base;
        if let Some(q) = &r.query {
            out.push('?');
            out.push_str(q);
        }
        if let Some(f) = &r.fragment {
            out.push('#');
            out.push_str(f);
        }
        out
    }
}

fn split_once_opt(s: &str, c: char) -> (&str, Option<&str>) {
    match s.split_once(c) {
        Some((a, b)) => (a, Some(b)),
        None => (s, None),
    }
}

/// `https://x`, `mailto:a`, `//cdn`: anything with a URL scheme.
pub fn is_external(dest: &str) -> bool {
    if dest.starts_with("//") {
        return true;
    }
    match dest.split_once(':') {
        Some((scheme, _)) => {
            !scheme.is_empty()
                && !scheme.contains(['/', '?', '#'])
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
                && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        }
        None => false,
    }
}

/// Join `path` onto `base` and resolve `.` and `..`; `None` if it leaves the root.
pub fn normalise(base: &str, path: &str) -> Option<String> {
    let mut parts: Vec<&str> = if path.starts_with('/') {
        Vec::new()
    } else {
        base.split('/').filter(|s| !s.is_empty()).collect()
    };
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

/// The relative URL from the page at `from_url` (a folder URL like `a/b/`) to `to`.
pub fn relative(from_url: &str, to: &str) -> String {
    // Called for every link of every page (navigation included): no intermediate lists.
    let from = from_url.split('/').filter(|s| !s.is_empty());
    let to_parts = to.split('/').filter(|s| !s.is_empty());
    let common = from
        .clone()
        .zip(to_parts.clone())
        .take_while(|(a, b)| a == b)
        .count();
    let ups = from.count() - common;
    let mut out = String::with_capacity(ups * 3 + to.len() + 2);
    for _ in 0..ups {
        out.push_str("../");
    }
    let mut rest = 0;
    for part in to_parts.skip(common) {
        if rest > 0 {
            out.push('/');
        }
        push_segment(&mut out, part);
        rest += 1;
    }
    let to_is_dir = to.is_empty() || to.ends_with('/');
    if to_is_dir && rest > 0 {
        out.push('/');
    }
    if out.is_empty() {
        out.push_str("./");
    }
    out
}

/// The prefix that leads from the page at `url` back to the site root (`../../` or `./`).
pub fn root_prefix(url: &str) -> String {
    let depth = url.split('/').filter(|s| !s.is_empty()).count();
    if depth == 0 {
        "./".to_owned()
    } else {
        "../".repeat(depth)
    }
}

pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2]))
        {
            out.push(h * 16 + l);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_owned())
}

fn hex(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

/// Percent-encode what may not appear raw in a URL path (spaces, quotes, non-ASCII stays).
/// Append one path segment (a file or folder name) for use in a URL: characters that would
/// end the path (`?`, `#`), start an escape (`%`) or are not allowed in URLs are
/// percent-encoded, so `what-is-it?.md` links to `what-is-it%3F/`.
pub fn push_segment(out: &mut String, segment: &str) {
    let plain = |b: u8| {
        !b.is_ascii_control()
            && !matches!(
                b,
                b' ' | b'"'
                    | b'#'
                    | b'%'
                    | b'<'
                    | b'>'
                    | b'?'
                    | b'\\'
                    | b'`'
                    | b'{'
                    | b'}'
                    | b'|'
                    | b'^'
            )
    };
    if segment.bytes().all(plain) {
        out.push_str(segment);
        return;
    }
    for c in segment.chars() {
        if c.is_ascii() && !plain(c as u8) {
            out.push_str(&format!("%{:02X}", c as u8));
        } else {
            out.push(c);
        }
    }
}

/// `path` with each segment encoded by [`push_segment`].
pub fn encode_segments(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for (i, part) in path.split('/').enumerate() {
        if i > 0 {
            out.push('/');
        }
        push_segment(&mut out, part);
    }
    out
}

pub fn encode_path(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            ' ' => out.push_str("%20"),
            '"' => out.push_str("%22"),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            '`' => out.push_str("%60"),
            '{' => out.push_str("%7B"),
            '}' => out.push_str("%7D"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_urls() {
        assert_eq!(relative("a/b/", "a/c/"), "../c/");
        assert_eq!(relative("a/b/", ""), "../../");
        assert_eq!(relative("", "faq/x/"), "faq/x/");
        assert_eq!(relative("a/b/", "a/b/"), "./");
        assert_eq!(relative("a/b/", "a/"), "../");
        assert_eq!(relative("a/b/", "img/x.png"), "../../img/x.png");
        assert_eq!(relative("guides/", "guides/x/"), "x/");
        assert_eq!(root_prefix(""), "./");
        assert_eq!(root_prefix("a/b/"), "../../");
    }

    #[test]
    fn normalising_paths() {
        assert_eq!(normalise("a/b", "../c.md").as_deref(), Some("a/c.md"));
        assert_eq!(normalise("a", "/x/y.md").as_deref(), Some("x/y.md"));
        assert_eq!(normalise("a", "../../x"), None);
        assert_eq!(percent_decode("my%20file.md"), "my file.md");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%é%zz"), "%é%zz");
    }

    #[test]
    fn schemes() {
        assert!(is_external("https://x.test"));
        assert!(is_external("mailto:a@b"));
        assert!(is_external("//cdn.test/x"));
        assert!(!is_external("a.md#x:y"));
        assert!(!is_external("./a:b.md"));
        assert!(!is_external("#x"));
    }
}
