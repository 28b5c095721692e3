//! `helpsite.yaml` -> a validated [`Config`]. Unknown keys are errors with a did-you-mean.

use crate::diagnostic::Diagnostic;
use crate::language::Language;
use crate::location::Location;
use crate::{fsx, yaml};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

pub mod checks;
pub use checks::{ChecksConfig, ExternalConfig};
pub mod feedback;
pub mod identity;
pub mod mermaid;
pub use mermaid::{LibraryUrl, MermaidConfig};

pub const FILE_NAME: &str = "helpsite.yaml";

/// The file as written; every key optional so that a missing file means defaults.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    title: Option<String>,
    base_url: Option<String>,
    description: Option<String>,
    theme: Option<String>,
    language: Option<String>,
    languages: Option<BTreeMap<String, Option<RawLanguage>>>,
    edit_url: Option<String>,
    updated: Option<String>,
    image: Option<String>,
    #[serde(default)]
    extra: BTreeMap<String, serde_json::Value>,
    #[serde(default)]
    search: RawSearch,
    #[serde(default)]
    embed: RawEmbed,
    checks: Option<checks::RawChecks>,
    mermaid: Option<mermaid::RawMermaid>,
    logo: Option<String>,
    favicon: Option<String>,
    #[serde(default)]
    nav_links: Vec<identity::RawLink>,
    footer: Option<identity::RawFooter>,
    announcement: Option<identity::RawAnnouncement>,
    feedback: Option<feedback::RawFeedback>,
    analytics: Option<feedback::RawAnalytics>,
    #[serde(default)]
    home: RawHome,
    support: Option<RawSupport>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHome {
    #[serde(default)]
    featured: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSupport {
    text: String,
    url: Option<String>,
    link: Option<String>,
}

/// "Still need help?": shown on the home page, under every article and on the 404 page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Support {
    pub text: String,
    pub target: Option<identity::Target>,
    /// The link's text; the theme's "Contact support" when not set.
    pub link: Option<String>,
}

/// One entry of `languages:` (every key optional: `de:` alone is enough).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLanguage {
    title: Option<String>,
    description: Option<String>,
    name: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEmbed {
    links: Option<EmbedLinks>,
}

/// Where links inside embedded FAQ frames open.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum EmbedLinks {
    /// Replace the portal page (the frame's top window).
    #[default]
    Top,
    /// Open a new tab, leaving the portal where it is.
    NewTab,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSearch {
    #[serde(default)]
    synonyms: Vec<Vec<String>>,
    default_synonyms: Option<bool>,
}

/// Search settings.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchConfig {
    /// Groups of interchangeable words (the built-in ones unless turned off, plus the site's).
    pub synonyms: Vec<Vec<String>>,
}

/// Site settings after validation.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    pub title: String,
    /// Absolute base URL, always ending in `/`; empty when not configured.
    pub base_url: String,
    pub description: String,
    pub theme: String,
    /// BCP 47 tag of the default language (the pages directly under `content/`).
    pub language: String,
    /// Every language of the site, the default first; the others from `languages:`, by
    /// folder name.
    pub languages: Vec<Language>,
    /// Where a page's source is edited: this URL followed by the source's path under
    /// `content/`. Empty when not configured (no "Edit this page" link).
    pub edit_url: String,
    /// `updated: git`: pages without an `updated:` date take their source's last commit date.
    pub updated_from_git: bool,
    /// `image:`: the social preview image of pages without one of their own, as written
    /// (a path under `content/`, site-absolute, or an absolute URL); empty when not set.
    pub image: String,
    /// Where `image:` is written, and that line's text (the check points broken ones there).
    pub image_at: Option<(Location, String)>,
    pub extra: BTreeMap<String, serde_json::Value>,
    pub search: SearchConfig,
    pub embed_links: EmbedLinks,
    /// `checks:`: what `helpsite check` and the build's link gate report, and how.
    pub checks: ChecksConfig,
    /// `mermaid:`: fenced `mermaid` blocks as diagrams, and where the library comes from.
    pub mermaid: MermaidConfig,
    /// `logo`, `favicon`, `nav_links`, `footer`, `announcement`.
    pub identity: identity::Identity,
    /// Where "Was this helpful?" answers go; `None`: no widget (unless analytics takes them).
    pub feedback: Option<feedback::Feedback>,
    pub analytics: Option<feedback::Analytics>,
    /// `home.featured`: source paths (`guides/reset.md`) of the home page's popular articles.
    pub featured: Vec<String>,
    pub support: Option<Support>,
    /// The text of `helpsite.yaml` (empty without one), to point later checks at a line.
    pub source: String,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            title: "Help".to_owned(),
            base_url: String::new(),
            description: String::new(),
            theme: "default".to_owned(),
            language: "en".to_owned(),
            languages: vec![Language::default_for("en")],
            edit_url: String::new(),
            updated_from_git: false,
            image: String::new(),
            image_at: None,
            extra: BTreeMap::new(),
            search: search_config(RawSearch::default()),
            embed_links: EmbedLinks::Top,
            checks: ChecksConfig::default(),
            mermaid: MermaidConfig::default(),
            identity: identity::Identity::default(),
            source: String::new(),
            feedback: None,
            analytics: None,
            featured: Vec::new(),
            support: None,
        }
    }
}

fn search_config(raw: RawSearch) -> SearchConfig {
    let mut synonyms: Vec<Vec<String>> = Vec::new();
    if raw.default_synonyms.unwrap_or(true) {
        for group in crate::words::DEFAULT_SYNONYMS {
            synonyms.push(group.iter().map(|w| (*w).to_owned()).collect());
        }
    }
    for group in raw.synonyms {
        let words: Vec<String> = group
            .iter()
            .map(|w| crate::words::fold(w.trim()))
            .filter(|w| !w.is_empty())
            .collect();
        if words.len() > 1 {
            synonyms.push(words);
        }
    }
    SearchConfig { synonyms }
}

/// Load `ROOT/helpsite.yaml`; a missing file gives the defaults.
pub fn load(root: &Path) -> Result<Config, Vec<Diagnostic>> {
    let path = root.join(FILE_NAME);
    if !path.exists() {
        return Ok(Config::default());
    }
    let src = fsx::read_text(&path, Path::new(FILE_NAME)).map_err(|e| vec![e])?;
    parse(&src)
}

/// Parse and validate config text.
pub fn parse(src: &str) -> Result<Config, Vec<Diagnostic>> {
    let shown = Path::new(FILE_NAME);
    let raw: RawConfig = if src.trim().is_empty() {
        RawConfig::default()
    } else {
        yaml::parse_all(src, shown, 0)?
    };
    let defaults = Config::default();
    let base_url = match raw.base_url {
        Some(url) => validate_base_url(&url, src, "base_url").map_err(|e| vec![e])?,
        None => String::new(),
    };
    let edit_url = match raw.edit_url {
        Some(url) => validate_base_url(&url, src, "edit_url").map_err(|e| vec![e])?,
        None => String::new(),
    };
    let language = match raw.language.as_deref() {
        Some(text) => tag_at(text, src, &key_line(src, "language", 0)).map_err(|e| vec![e])?,
        None => defaults.language,
    };
    let languages = languages(&language, raw.languages.unwrap_or_default(), src)?;
    let mut config = Config {
        title: raw.title.unwrap_or(defaults.title),
        base_url,
        description: raw.description.unwrap_or_default(),
        theme: raw.theme.unwrap_or(defaults.theme),
        language,
        languages,
        edit_url,
        updated_from_git: updated_from_git(raw.updated.as_deref(), src).map_err(|e| vec![e])?,
        image: raw.image.map(|i| i.trim().to_owned()).unwrap_or_default(),
        image_at: value_at(src, "image"),
        extra: raw.extra,
        search: search_config(raw.search),
        embed_links: raw.embed.links.unwrap_or_default(),
        checks: checks::validate(raw.checks.unwrap_or_default(), src).map_err(|e| vec![e])?,
        mermaid: mermaid::validate(raw.mermaid, src).map_err(|e| vec![e])?,
        identity: identity::validate(
            identity::RawIdentity {
                logo: raw.logo,
                favicon: raw.favicon,
                nav_links: raw.nav_links,
                footer: raw.footer,
                announcement: raw.announcement,
            },
            src,
        )?,
        source: src.to_owned(),
        feedback: feedback::feedback(raw.feedback, src).map_err(|e| vec![e])?,
        analytics: feedback::analytics(raw.analytics, src).map_err(|e| vec![e])?,
        featured: raw
            .home
            .featured
            .iter()
            .map(|f| f.trim().trim_start_matches('/').to_owned())
            .collect(),
        support: match raw.support {
            Some(s) => Some(Support {
                target: match s.url {
                    Some(u) => Some(identity::target(&u, "support", src).map_err(|e| vec![e])?),
                    None => None,
                },
                text: s.text,
                link: s.link,
            }),
            None => None,
        },
    };
    // The support link is checked with the identity's other site paths.
    config.identity.support_target = config.support.as_ref().and_then(|s| s.target.clone());
    Ok(config)
}

/// The site's languages: the default one, then those of `languages:` (validated tags, each
/// folder name once, none equal to the default).
fn languages(
    default: &str,
    raw: BTreeMap<String, Option<RawLanguage>>,
    src: &str,
) -> Result<Vec<Language>, Vec<Diagnostic>> {
    let mut out = vec![Language::default_for(default)];
    let mut errors = Vec::new();
    let start = key_line(src, "languages", 0);
    for (key, entry) in raw {
        let at = key_line(src, &key, start.line);
        let tag = match tag_at(&key, src, &at) {
            Ok(tag) => tag,
            Err(e) => {
                errors.push(e);
                continue;
            }
        };
        let clash = out
            .iter()
            .find(|l| l.tag == tag || l.prefix.trim_end_matches('/') == key);
        if let Some(other) = clash {
            let why = if other.prefix.is_empty() {
                format!("`{tag}` is the default language (`language:`)")
            } else {
                format!("`{key}` names the language `{}` twice", other.tag)
            };
            errors.push(
                Diagnostic::error("config", why)
                    .at(at, src)
                    .span(key.len())
                    .help("the default language's pages live in `content/`; list only the other languages here"),
            );
            continue;
        }
        let entry = entry.unwrap_or_default();
        out.push(Language {
            name: entry
                .name
                .or_else(|| crate::language::native_name(&tag).map(str::to_owned))
                .unwrap_or_else(|| tag.clone()),
            prefix: format!("{key}/"),
            tag,
            title: entry.title,
            description: entry.description,
        });
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// Where `key:` is written: the first line from `after` (1-based; 0 for the whole file) that
/// holds it, at its column.
fn key_line(src: &str, key: &str, after: usize) -> Location {
    let found = src.lines().enumerate().skip(after).find_map(|(i, line)| {
        let body = line.trim_start();
        let rest = body.strip_prefix(key)?;
        let rest = rest.strip_prefix(['"', '\'']).unwrap_or(rest);
        rest.starts_with(':')
            .then(|| (i + 1, line.len() - body.len() + 1))
    });
    let (line, column) = found.unwrap_or((after.max(1), 1));
    Location::new(FILE_NAME, line, column)
}

/// A language tag written at `at`, validated.
fn tag_at(text: &str, src: &str, at: &Location) -> Result<String, Diagnostic> {
    crate::language::parse_tag(text).map_err(|(message, help)| {
        let column = src
            .lines()
            .nth(at.line.saturating_sub(1))
            .and_then(|l| l.find(text.trim()))
            .map_or(at.col, |i| i + 1);
        Diagnostic::error("config", message)
            .at(Location::new(FILE_NAME, at.line, column), src)
            .span(text.trim().len().max(1))
            .help(help)
    })
}

/// `updated:`: `git` takes page dates from the history; nothing else is a valid value.
fn updated_from_git(value: Option<&str>, src: &str) -> Result<bool, Diagnostic> {
    match value.map(str::trim) {
        None => Ok(false),
        Some("git") => Ok(true),
        Some(other) => Err(value_error(
            src,
            "updated",
            format!("`updated` must be `git`, not `{other}`"),
        )
        .help("`updated: git` dates pages by their last commit; a page's own date goes in its front matter")),
    }
}

/// An error at the value of top-level key `key` (its first line, column of the value).
pub fn value_error(src: &str, key: &str, message: String) -> Diagnostic {
    let (at, line) = value_at(src, key).unwrap_or((Location::new(FILE_NAME, 1, 1), String::new()));
    let value = line.get(at.col - 1..).unwrap_or("").trim_end();
    Diagnostic::error("config", message)
        .at(at, src)
        .span(value.chars().count().max(1))
}

/// Where the value of top-level key `key` starts, and the text of its line.
fn value_at(src: &str, key: &str) -> Option<(Location, String)> {
    let prefix = format!("{key}:");
    src.lines().enumerate().find_map(|(i, l)| {
        let rest = l.strip_prefix(&prefix)?;
        let value = rest.trim_start();
        let col = prefix.len() + rest.len() - value.len() + 1;
        Some((Location::new(FILE_NAME, i + 1, col), l.to_owned()))
    })
}

/// An absolute http(s) URL given for `key`, ending in `/`.
fn validate_base_url(url: &str, src: &str, key: &str) -> Result<String, Diagnostic> {
    let trimmed = url.trim();
    if trimmed.is_empty() {
        return Ok(String::new());
    }
    if !(trimmed.starts_with("https://") || trimmed.starts_with("http://")) {
        let line = src
            .lines()
            .position(|l| l.starts_with(key))
            .map_or(1, |i| i + 1);
        let example = if key == "edit_url" {
            "https://git.example.com/docs/edit/main/content/"
        } else {
            "https://help.example.com/"
        };
        return Err(Diagnostic::error(
            "config",
            format!("`{key}` must be an absolute http(s) URL, not `{trimmed}`"),
        )
        .at(Location::new(FILE_NAME, line, 1), src)
        .span(key.len())
        .help(format!("for example `{key}: {example}`")));
    }
    let mut s = trimmed.to_owned();
    if !s.ends_with('/') {
        s.push('/');
    }
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_and_trailing_slash() {
        let c = parse("title: Docs\nbase_url: https://x.test/help\n").unwrap();
        assert_eq!(c.title, "Docs");
        assert_eq!(c.base_url, "https://x.test/help/");
        assert_eq!(c.theme, "default");
    }

    #[test]
    fn unknown_key_is_located_with_suggestion() {
        let errs = parse("titel: Docs\nlanguag: en\n").unwrap_err();
        assert_eq!(errs.len(), 2, "every unknown key at once");
        assert_eq!(errs[0].location, Some(Location::new(FILE_NAME, 1, 1)));
        assert_eq!(errs[0].help.as_deref(), Some("did you mean `title`?"));
        assert_eq!(errs[1].location, Some(Location::new(FILE_NAME, 2, 1)));
    }

    #[test]
    fn languages_are_tags_located_when_wrong() {
        let c = parse("language: de\nlanguages:\n  en:\n  pt-br:\n    title: Ajuda\n").unwrap();
        let tags: Vec<(&str, &str)> = c
            .languages
            .iter()
            .map(|l| (l.tag.as_str(), l.prefix.as_str()))
            .collect();
        assert_eq!(tags, [("de", ""), ("en", "en/"), ("pt-BR", "pt-br/")]);
        assert_eq!(c.languages[2].title.as_deref(), Some("Ajuda"));
        assert_eq!(c.languages[2].name, "Português (Brasil)");

        let err = &parse("title: a\nlanguage: english\n").unwrap_err()[0];
        assert_eq!(err.location, Some(Location::new(FILE_NAME, 2, 11)));
        assert_eq!(err.help.as_deref(), Some("did you mean `en`?"));
        let mut errs = parse("language: en\nlanguages:\n  fr:\n  german:\n  en:\n").unwrap_err();
        errs.sort_by_key(|e| e.location.as_ref().map(|l| l.line));
        assert_eq!(errs.len(), 2);
        assert_eq!(errs[0].location, Some(Location::new(FILE_NAME, 4, 3)));
        assert_eq!(errs[0].help.as_deref(), Some("did you mean `de`?"));
        assert_eq!(errs[1].location, Some(Location::new(FILE_NAME, 5, 3)));
    }

    #[test]
    fn updated_takes_only_git() {
        assert!(!parse("title: a\n").unwrap().updated_from_git);
        assert!(parse("updated: git\n").unwrap().updated_from_git);
        let err = parse("title: a\nupdated: svn\n").unwrap_err();
        assert_eq!(err[0].location, Some(Location::new(FILE_NAME, 2, 10)));
        assert!(err[0].message.contains("`svn`"), "{}", err[0].message);
    }

    #[test]
    fn relative_base_url_is_rejected() {
        let err = parse("title: a\nbase_url: help/\n").unwrap_err();
        assert_eq!(err[0].location.as_ref().map(|l| l.line), Some(2));
    }
}
