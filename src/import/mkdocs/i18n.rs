//! The mkdocs-static-i18n plugin (`i18n`): its default locale becomes `language:`, the other
//! built locales `languages:`, and its docs structure (suffix or folder) says where each
//! language's files go. Its options helpsite has no use for are reported one by one.

use super::config::{Yml, pos, pos_of_key};
use super::locales::{Locales, Structure};
use super::tree::{Key, Node, Value};
use crate::diagnostic::Diagnostic;

/// A language other than the default, as an entry of `languages:` in helpsite.yaml.
#[derive(Debug, Clone, PartialEq)]
pub struct Translation {
    /// The locale as written: the folder or suffix of its files.
    pub key: String,
    pub name: Option<String>,
    pub title: Option<String>,
    pub description: Option<String>,
}

/// What the plugin's configuration gives helpsite.
#[derive(Debug, Default)]
pub struct I18n {
    pub locales: Locales,
    /// The default language's tag, when it is a valid one.
    pub language: Option<String>,
    /// The default language's own `site_name` and `site_description`.
    pub title: Option<String>,
    pub description: Option<String>,
    pub translations: Vec<Translation>,
    pub warnings: Vec<Diagnostic>,
}

/// Plugin options with no equivalent, with what helpsite does instead.
const OPTIONS: &[(&str, &str)] = &[
    (
        "fallback_to_default",
        "a language's navigation and search hold its own pages; links to an untranslated page lead to the default language's version",
    ),
    (
        "reconfigure_material",
        "helpsite's theme follows each page's language by itself",
    ),
    (
        "reconfigure_search",
        "each language has its own search index already",
    ),
    (
        "build_only_locale",
        "helpsite builds every language of `languages:`",
    ),
];

/// Per-language settings with no equivalent, with what to do instead.
const LANGUAGE_SETTINGS: &[(&str, &str)] = &[
    (
        "nav_translations",
        "each language's navigation shows its pages' own titles: give translated pages a `# Heading` or `title:` in their language",
    ),
    (
        "admonition_translations",
        "write admonition titles in the page's language (`!!! note \"Remarque\"`)",
    ),
    (
        "link",
        "each language lives at `/<tag>/`, and helpsite's language switcher links there",
    ),
    (
        "fixed_link",
        "each language lives at `/<tag>/`, and helpsite's language switcher links there",
    ),
    (
        "nav",
        "each language's navigation lists its own pages, ordered by `weight:` in their front matter",
    ),
    (
        "theme",
        "interface strings come from the theme's language files; override them in `i18n/<tag>.yaml`",
    ),
];

/// One language entry of the plugin, in either of its forms.
struct Entry<'a> {
    locale: &'a str,
    at: (usize, usize),
    /// Its settings (the v1 list item, or the v0 mapping value).
    settings: Option<&'a Node>,
    /// A v0 entry written as `fr: Français`.
    name: Option<&'a str>,
}

impl Entry<'_> {
    fn text(&self, key: &str) -> Option<String> {
        let value = self.settings?.get(key)?.text()?.trim();
        (!value.is_empty()).then(|| value.to_owned())
    }

    fn flag(&self, key: &str) -> Option<(bool, (usize, usize))> {
        let (k, v) = self
            .settings?
            .entries()
            .iter()
            .find(|(k, _)| k.text == key)?;
        Some((v.text()?.eq_ignore_ascii_case("true"), pos_of_key(k)))
    }
}

/// Read the plugin's configuration. `None` when it names no languages (nothing to carry
/// over; the plugin is then reported as a whole).
pub fn read(yml: Yml, conf: &Node) -> Option<I18n> {
    let languages = conf.get("languages")?;
    let entries = entries(languages);
    if entries.is_empty() {
        return None;
    }
    let mut out = I18n::default();
    for (key, value) in conf.entries() {
        option(&mut out, yml, key, value);
    }
    report_unnamed(&mut out, yml, languages);
    let default = entries
        .iter()
        .position(|e| e.flag("default").is_some_and(|(d, _)| d))
        .or_else(|| {
            let named = conf.get("default_language").and_then(Node::text)?;
            entries.iter().position(|e| e.locale == named)
        })
        .unwrap_or(0);
    let mut seen: Vec<String> = Vec::new();
    let mut reported: Vec<String> = Vec::new();
    for (i, entry) in entries.iter().enumerate() {
        report_settings(&mut out, yml, entry, &mut reported);
        language(&mut out, yml, entry, i == default, &mut seen);
    }
    Some(out)
}

/// Whether the plugin's configuration names languages (else it is reported as a whole).
pub fn has_languages(conf: &Node) -> bool {
    conf.get("languages")
        .is_some_and(|l| !entries(l).is_empty())
}

/// A warning for each list entry without a `locale` (left out).
fn report_unnamed(out: &mut I18n, yml: Yml, languages: &Node) {
    let unnamed = match &languages.value {
        Value::Seq(items) => items
            .iter()
            .filter(|item| item.get("locale").and_then(Node::text).is_none())
            .collect(),
        _ => Vec::new(),
    };
    for item in unnamed {
        let message = "`i18n`: a language without a `locale` is left out".to_owned();
        out.warnings
            .push(yml.warning("import-plugin", pos(item), 1, message));
    }
}

/// The entries of `languages:`: a list of `{locale: fr, ...}` (v1), or a mapping of locale
/// to name or settings (v0).
fn entries(languages: &Node) -> Vec<Entry<'_>> {
    match &languages.value {
        Value::Seq(items) => items
            .iter()
            .filter_map(|item| {
                let locale = item.get("locale")?;
                Some(Entry {
                    locale: locale.text()?,
                    at: pos(locale),
                    settings: Some(item),
                    name: None,
                })
            })
            .collect(),
        Value::Map(m) => m
            .iter()
            .map(|(k, v)| Entry {
                locale: &k.text,
                at: pos_of_key(k),
                settings: matches!(v.value, Value::Map(_)).then_some(v),
                name: v.text(),
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// One plugin-level option: the docs structure is read, the languages elsewhere, the rest
/// reported.
fn option(out: &mut I18n, yml: Yml, key: &Key, value: &Node) {
    let help = match key.text.as_str() {
        "languages" | "default_language" => return,
        "docs_structure" => {
            match value.text() {
                Some("folder") => out.locales.structure = Structure::Folder,
                Some("suffix") => out.locales.structure = Structure::Suffix,
                _ => out.warnings.push(
                    yml.warning(
                        "import-plugin",
                        pos(value),
                        1,
                        "`i18n`: `docs_structure` must be `suffix` or `folder`; `suffix` was assumed"
                            .to_owned(),
                    ),
                ),
            }
            return;
        }
        k => OPTIONS
            .iter()
            .find(|(name, _)| *name == k)
            .map_or("helpsite has no such option", |(_, h)| *h),
    };
    let message = format!("`i18n`: option `{}` is not carried over", key.text);
    let span = key.text.chars().count();
    out.warnings.push(
        yml.warning("import-plugin", pos_of_key(key), span, message)
            .help(help),
    );
}

/// Report each per-language setting helpsite has no place for, once whatever the number of
/// languages that have it.
fn report_settings(out: &mut I18n, yml: Yml, entry: &Entry, reported: &mut Vec<String>) {
    const READ: &[&str] = &[
        "locale",
        "default",
        "name",
        "build",
        "site_name",
        "site_description",
    ];
    for (key, _) in entry.settings.map_or(&[][..], Node::entries) {
        let k = key.text.as_str();
        if READ.contains(&k) || reported.iter().any(|r| r == k) {
            continue;
        }
        reported.push(k.to_owned());
        let help = LANGUAGE_SETTINGS
            .iter()
            .find(|(name, _)| *name == k)
            .map_or(
                "per-language settings other than `name`, `site_name` and `site_description` are not carried over",
                |(_, h)| *h,
            );
        let message = format!("`i18n`: the languages' `{k}` is not carried over");
        let span = k.chars().count();
        out.warnings.push(
            yml.warning("import-plugin", pos_of_key(key), span, message)
                .help(help),
        );
    }
}

/// One language: the default one, a translation, or left out with a warning.
fn language(out: &mut I18n, yml: Yml, entry: &Entry, default: bool, seen: &mut Vec<String>) {
    let locale = entry.locale.trim();
    let span = locale.chars().count().max(1);
    let warn = |message: String| yml.warning("import-plugin", entry.at, span, message);
    if default && !locale.is_empty() {
        out.locales.default = Some(locale.to_owned());
        out.title = entry.text("site_name");
        out.description = entry.text("site_description");
    }
    let tag = match crate::language::parse_tag(locale) {
        Ok(tag) => tag,
        Err((message, help)) => {
            let what = if default {
                "the default language is not carried over".to_owned()
            } else {
                out.locales.left_out.push(locale.to_owned());
                "the language is left out, and its pages are not copied".to_owned()
            };
            out.warnings
                .push(warn(format!("`i18n`: {message}; {what}")).help(help));
            return;
        }
    };
    if seen.contains(&tag) {
        let message = format!("`i18n`: the language `{locale}` is listed again; left out");
        out.warnings.push(warn(message));
        return;
    }
    seen.push(tag.clone());
    if default {
        out.language = Some(tag);
        return;
    }
    if let Some((false, at)) = entry.flag("build") {
        out.locales.left_out.push(locale.to_owned());
        let message = format!(
            "`i18n`: the language `{locale}` is not built (`build: false`); it is left out, and its pages are not copied"
        );
        let help = format!(
            "to publish it, add `{locale}:` under `languages:` in helpsite.yaml and copy its pages into content/"
        );
        out.warnings
            .push(yml.warning("import-plugin", at, 5, message).help(help));
        return;
    }
    out.locales.others.push(locale.to_owned());
    out.translations.push(Translation {
        key: locale.to_owned(),
        name: entry.text("name").or(entry.name.map(str::to_owned)),
        title: entry.text("site_name"),
        description: entry.text("site_description"),
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn read_src(src: &str) -> I18n {
        let root: Node = crate::yaml::parse(src, Path::new("mkdocs.yml"), 0).unwrap();
        let yml = Yml {
            src,
            shown: Path::new("mkdocs.yml"),
        };
        read(yml, &root).unwrap()
    }

    #[test]
    fn languages_become_the_default_and_translations() {
        let src = "docs_structure: folder\nfallback_to_default: true\nlanguages:\n  - locale: fr\n    name: Français\n    site_name: Aide\n    nav_translations: {Home: Accueil}\n  - locale: en\n    default: true\n    site_name: Help\n  - locale: de\n    build: false\n  - locale: english\n    nav_translations: {}\n";
        let i = read_src(src);
        assert_eq!(i.locales.structure, Structure::Folder);
        assert_eq!(i.locales.default.as_deref(), Some("en"));
        assert_eq!(i.language.as_deref(), Some("en"));
        assert_eq!(i.title.as_deref(), Some("Help"));
        assert_eq!(i.locales.left_out, ["de", "english"]);
        let fr = Translation {
            key: "fr".to_owned(),
            name: Some("Français".to_owned()),
            title: Some("Aide".to_owned()),
            description: None,
        };
        assert_eq!(i.translations, [fr]);
        let found: Vec<String> = i.warnings.iter().map(|w| w.to_string()).collect();
        assert_eq!(found.len(), 4, "{found:#?}");
        assert!(found[0].starts_with(
            "mkdocs.yml:2:1: warning[import-plugin]: `i18n`: option `fallback_to_default`"
        ));
        assert!(found[1].starts_with(
            "mkdocs.yml:7:5: warning[import-plugin]: `i18n`: the languages' `nav_translations`"
        ));
        assert!(found[2].starts_with(
            "mkdocs.yml:12:5: warning[import-plugin]: `i18n`: the language `de` is not built"
        ));
        assert!(found[3].starts_with(
            "mkdocs.yml:13:13: warning[import-plugin]: `i18n`: `english` is not a language tag"
        ));
    }

    #[test]
    fn the_old_mapping_form_is_read_too() {
        let i = read_src("default_language: en\nlanguages:\n  en: English\n  fr: Français\n");
        assert_eq!(i.language.as_deref(), Some("en"));
        assert_eq!(i.translations[0].name.as_deref(), Some("Français"));
    }
}
