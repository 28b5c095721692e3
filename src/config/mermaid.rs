//! The `mermaid:` key of `helpsite.yaml`: `true`, `false`, or a mapping with the `url` pages
//! load the Mermaid library from.

use crate::config::FILE_NAME;
use crate::diagnostic::Diagnostic;
use crate::location::Location;
use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use std::fmt;

/// The file the site provides under `static/` (or its theme does), served at `_static/`.
pub const LIBRARY_FILE: &str = "mermaid.min.js";

/// `mermaid:` as written: a switch, or a mapping (which turns diagrams on).
#[derive(Debug)]
pub(super) enum RawMermaid {
    Switch(bool),
    With(RawOptions),
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawOptions {
    url: Option<String>,
}

impl<'de> Deserialize<'de> for RawMermaid {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Either;
        impl<'de> Visitor<'de> for Either {
            type Value = RawMermaid;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("`true`, `false` or a mapping with `url`")
            }
            fn visit_bool<E: de::Error>(self, on: bool) -> Result<RawMermaid, E> {
                Ok(RawMermaid::Switch(on))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<RawMermaid, A::Error> {
                // Through the map's own deserializer, so an unknown key keeps its location.
                RawOptions::deserialize(de::value::MapAccessDeserializer::new(map))
                    .map(RawMermaid::With)
            }
        }
        d.deserialize_any(Either)
    }
}

/// Where pages with a diagram load the library from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LibraryUrl {
    /// `http(s)://...` or `/...`: written into pages as it is.
    AsIs(String),
    /// A path from the site root (`_static/js/mermaid.min.js`): made relative to each page,
    /// like every other link, so the site still works from `file://`.
    Site(String),
}

/// Validated `mermaid:` settings.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MermaidConfig {
    /// Fenced `mermaid` blocks become diagrams (when the library is found).
    pub enabled: bool,
    /// The library's address; `None`: `_static/mermaid.min.js`, if the site provides it.
    pub url: Option<LibraryUrl>,
    /// Where `mermaid:` is written, and that line, for the warning when the library is
    /// missing.
    pub location: Option<Location>,
    pub source_line: Option<String>,
}

/// Validate `mermaid:`; `src` is the config text, to point at the offending line.
pub(super) fn validate(raw: Option<RawMermaid>, src: &str) -> Result<MermaidConfig, Diagnostic> {
    let location = key_location(src);
    let (enabled, url) = match raw {
        None => return Ok(MermaidConfig::default()),
        Some(RawMermaid::Switch(on)) => (on, None),
        Some(RawMermaid::With(options)) => (true, options.url),
    };
    let url = match url {
        Some(url) => Some(library_url(&url, src)?),
        None => None,
    };
    Ok(MermaidConfig {
        enabled,
        url,
        source_line: location
            .as_ref()
            .and_then(|l| crate::location::line_text(src, l.line))
            .map(str::to_owned),
        location,
    })
}

fn library_url(url: &str, src: &str) -> Result<LibraryUrl, Diagnostic> {
    let url = url.trim();
    let problem = if url.is_empty() {
        Some("`url` is empty")
    } else if url.starts_with("//") {
        Some("`url` must say its scheme (`https://`): without one it fails from `file://`")
    } else if url.contains(char::is_whitespace) {
        Some("`url` must not contain spaces (write them as `%20`)")
    } else if has_scheme(url) && !(url.starts_with("https://") || url.starts_with("http://")) {
        Some("`url` must be an http(s) URL or a path from the site root")
    } else {
        None
    };
    if let Some(message) = problem {
        return Err(value_error(src, url, message));
    }
    Ok(if has_scheme(url) || url.starts_with('/') {
        LibraryUrl::AsIs(url.to_owned())
    } else {
        LibraryUrl::Site(url.trim_start_matches("./").to_owned())
    })
}

/// `scheme:` before any `/`, `?` or `#`.
fn has_scheme(url: &str) -> bool {
    url.split_once(':').is_some_and(|(scheme, _)| {
        !scheme.is_empty()
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    })
}

/// An error at the `url` value under `mermaid:` (or at `mermaid:` when it cannot be found).
fn value_error(src: &str, url: &str, message: &str) -> Diagnostic {
    let start = key_location(src).map_or(1, |l| l.line);
    let found = src.lines().enumerate().skip(start - 1).find_map(|(i, l)| {
        let at = l.find("url")?;
        let value = l[at..]
            .find(url)
            .filter(|_| !url.is_empty())
            .map(|v| at + v);
        let col = l[..value.unwrap_or(at)].chars().count() + 1;
        Some((i + 1, col))
    });
    let (line, col) = found.unwrap_or((start, 1));
    Diagnostic::error("config", message)
        .at(Location::new(FILE_NAME, line, col), src)
        .span(url.chars().count().max(3))
        .help("for example `mermaid: {url: _static/mermaid.min.js}` or `url: https://cdn.example.com/mermaid.min.js`")
}

/// The line and column of the top-level `mermaid:` key.
fn key_location(src: &str) -> Option<Location> {
    src.lines()
        .position(|l| l.starts_with("mermaid:") || l.starts_with("mermaid :"))
        .map(|i| Location::new(FILE_NAME, i + 1, 1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::parse;

    #[test]
    fn switch_and_mapping_forms() {
        let off = parse("title: a\n").unwrap().mermaid;
        assert!(!off.enabled);
        let on = parse("title: a\nmermaid: true\n").unwrap().mermaid;
        assert!(on.enabled && on.url.is_none());
        assert_eq!(on.location, Some(Location::new(FILE_NAME, 2, 1)));
        let cdn = parse("mermaid:\n  url: https://cdn.example.com/m.js\n").unwrap();
        assert_eq!(
            cdn.mermaid.url,
            Some(LibraryUrl::AsIs("https://cdn.example.com/m.js".into()))
        );
        let site = parse("mermaid: {url: ./vendor/mermaid.js}\n").unwrap();
        assert_eq!(
            site.mermaid.url,
            Some(LibraryUrl::Site("vendor/mermaid.js".into()))
        );
        assert!(site.mermaid.enabled);
    }

    #[test]
    fn bad_values_are_located() {
        let err = parse("title: a\nmermaid:\n  url: javascript:alert(1)\n").unwrap_err();
        assert_eq!(err[0].location, Some(Location::new(FILE_NAME, 3, 8)));
        assert!(err[0].message.contains("http(s)"), "{}", err[0].message);
        let err = parse("mermaid: {url: //x.test/m.js}\n").unwrap_err();
        assert_eq!(err[0].location, Some(Location::new(FILE_NAME, 1, 16)));
        let err = parse("title: a\nmermaid: sometimes\n").unwrap_err();
        assert_eq!(err[0].location.as_ref().map(|l| l.line), Some(2));
        assert!(
            err[0].message.contains("expected `true`, `false`"),
            "{:?}",
            err[0]
        );
        let err = parse("mermaid:\n  url: [a]\n").unwrap_err();
        assert_eq!(
            err[0].location.as_ref().map(|l| l.line),
            Some(2),
            "{:?}",
            err[0]
        );
        let err = parse("mermaid:\n  ulr: x.js\n").unwrap_err();
        assert_eq!(err[0].location, Some(Location::new(FILE_NAME, 2, 3)));
        assert!(err[0].help.as_deref().is_some_and(|h| h.contains("url")));
    }
}
