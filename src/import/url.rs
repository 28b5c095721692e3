//! Just enough URL handling for links in WordPress posts: host, path and fragment of an
//! absolute URL, and resolving site-relative and relative links against the post's URL.

/// The parts of an absolute `http(s)://` (or scheme-relative `//`) URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Url<'a> {
    /// `https://example.com` as written (scheme, host and port), to build absolute links.
    pub origin: &'a str,
    /// Lowercase host without port, user info or a leading `www.`.
    pub host: String,
    /// The path, `/` when empty; no query, no fragment.
    pub path: &'a str,
    pub fragment: Option<&'a str>,
}

pub fn parse(url: &str) -> Option<Url<'_>> {
    let after_scheme = if let Some(rest) = url.strip_prefix("//") {
        rest
    } else {
        let (scheme, rest) = url.split_once("://")?;
        if !matches!(scheme.to_ascii_lowercase().as_str(), "http" | "https") {
            return None;
        }
        rest
    };
    let authority_len = after_scheme
        .find(['/', '?', '#'])
        .unwrap_or(after_scheme.len());
    let authority = &after_scheme[..authority_len];
    let origin_len = url.len() - after_scheme.len() + authority_len;
    let (origin, rest) = url.split_at(origin_len);
    let host = authority.rsplit('@').next().unwrap_or(authority);
    let host = host.split(':').next().unwrap_or(host).to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_owned();
    if host.is_empty() {
        return None;
    }
    let (before_fragment, fragment) = match rest.split_once('#') {
        Some((b, f)) => (b, Some(f)),
        None => (rest, None),
    };
    let path = before_fragment.split('?').next().unwrap_or("");
    Some(Url {
        origin,
        host,
        path: if path.is_empty() { "/" } else { path },
        fragment,
    })
}

/// Whether `href` names a scheme (`mailto:`, `https:`, `tel:` ...).
pub fn has_scheme(href: &str) -> bool {
    match href.find(':') {
        Some(i) => {
            let scheme = &href[..i];
            !scheme.is_empty()
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
                && !href[..i].contains('/')
        }
        None => false,
    }
}

/// Resolve a relative link (`../x/`, `page/`) against the absolute `base`; a
/// site-relative one (`/x/`) against its origin.
pub fn resolve(href: &str, base: &str) -> Option<String> {
    let b = parse(base)?;
    if href.starts_with('/') && !href.starts_with("//") {
        return Some(format!("{}{href}", b.origin));
    }
    let dir = match b.path.rfind('/') {
        Some(i) => &b.path[..=i],
        None => "/",
    };
    let (path_part, tail) = match href.find(['?', '#']) {
        Some(i) => href.split_at(i),
        None => (href, ""),
    };
    let mut segments: Vec<&str> = dir.split('/').filter(|s| !s.is_empty()).collect();
    for seg in path_part.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                segments.pop();
            }
            s => segments.push(s),
        }
    }
    let trailing = if path_part.ends_with('/') || path_part.is_empty() && !segments.is_empty() {
        "/"
    } else {
        ""
    };
    Some(format!(
        "{}/{}{trailing}{tail}",
        b.origin,
        segments.join("/")
    ))
}

/// A path as a lookup key: lowercase, without a trailing `/`.
pub fn path_key(path: &str) -> String {
    let p = path.trim_end_matches('/').to_lowercase();
    if p.is_empty() { "/".to_owned() } else { p }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_host_path_fragment() {
        let u = parse("https://www.Example.com:8443/blog/a-post/?x=1#step-2").unwrap();
        assert_eq!(u.origin, "https://www.Example.com:8443");
        assert_eq!(u.host, "example.com");
        assert_eq!(u.path, "/blog/a-post/");
        assert_eq!(u.fragment, Some("step-2"));
        assert_eq!(parse("//cdn.test").unwrap().path, "/");
        assert_eq!(parse("mailto:a@b.c"), None);
        assert_eq!(parse("ftp://x/y"), None);
    }

    #[test]
    fn schemes_are_recognised() {
        assert!(has_scheme("mailto:x@y.z"));
        assert!(has_scheme("HTTPS://x"));
        assert!(!has_scheme("a/b:c"));
        assert!(!has_scheme("page.md"));
    }

    #[test]
    fn resolves_relative_links() {
        let base = "https://ex.com/blog/post/";
        assert_eq!(resolve("/about/", base).unwrap(), "https://ex.com/about/");
        assert_eq!(
            resolve("../other/#x", base).unwrap(),
            "https://ex.com/blog/other/#x"
        );
        assert_eq!(
            resolve("img.png", base).unwrap(),
            "https://ex.com/blog/post/img.png"
        );
        assert_eq!(path_key("/Blog/A/"), "/blog/a");
        assert_eq!(path_key("/"), "/");
    }
}
