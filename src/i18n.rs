//! Interface strings ("Search", "On this page", ...) in the reader's language: the theme ships
//! `i18n/<language>.yaml` files, a site overrides single strings in its own `i18n/` folder.
//! Templates read them as `t.<key>`; the theme's scripts get the few they show as JSON.

use crate::diagnostic::Diagnostic;
use crate::language::Language;
use crate::location::Location;
use crate::markdown::Labels;
use crate::theme::{Theme, ThemeFile};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// The strings the theme's scripts show (copy button, search messages, theme toggle).
const SCRIPT_KEYS: &[&str] = &[
    "theme",
    "theme_light",
    "theme_dark",
    "theme_system",
    "copy",
    "copy_code",
    "copied",
    "copy_failed",
    "search_searching",
    "search_no_results",
    "search_no_results_for",
    "search_try",
    "search_see_all",
    "search_count",
    "search_results_for_one",
    "search_results_for",
    "search_unavailable",
    "search_question",
];

/// The strings of every site language, in the order of `Config::languages`.
#[derive(Debug, Clone, Default)]
pub struct Strings {
    tables: Vec<BTreeMap<String, String>>,
    labels: Vec<Labels>,
    values: Vec<tera::Value>,
    scripts: Vec<String>,
    /// Languages the theme has no strings for (shown in English).
    pub warnings: Vec<Diagnostic>,
}

impl Strings {
    /// String `key` in language `lang` (an index into `Config::languages`); empty if unknown.
    pub fn get(&self, lang: usize, key: &str) -> &str {
        self.tables
            .get(lang)
            .or(self.tables.first())
            .and_then(|t| t.get(key))
            .map_or("", String::as_str)
    }

    /// All strings of `lang` as a template value (`t`); cloning it shares, not copies.
    pub fn value(&self, lang: usize) -> tera::Value {
        self.values
            .get(lang)
            .or(self.values.first())
            .cloned()
            .unwrap_or_else(|| tera::Value::from_serializable(&BTreeMap::<String, String>::new()))
    }

    /// What the Markdown renderer writes itself, in language `lang`.
    pub fn labels(&self, lang: usize) -> &Labels {
        self.labels
            .get(lang)
            .or(self.labels.first())
            .unwrap_or(&crate::markdown::ENGLISH)
    }

    /// Whether both hold the same text for every language (Markdown rendered with one
    /// can be reused with the other).
    pub fn same_text(&self, other: &Strings) -> bool {
        self.tables == other.tables
    }

    /// The scripts' strings of `lang` as JSON, safe inside `<script>`.
    pub fn script_json(&self, lang: usize) -> &str {
        self.scripts
            .get(lang)
            .or(self.scripts.first())
            .map_or("{}", String::as_str)
    }
}

/// One layer of a language file, parsed.
struct Layer {
    table: BTreeMap<String, String>,
    shown: PathBuf,
    src: String,
    /// From the site's own `i18n/` folder (not the theme).
    site: bool,
}

/// The strings of each of `languages`. Keys a file adds that the theme's English file does
/// not have are errors (a typo would otherwise silently keep the English string).
pub fn load(theme: &Theme, languages: &[Language]) -> Result<Strings, Vec<Diagnostic>> {
    let mut errors = Vec::new();
    let mut files: BTreeMap<String, Vec<Layer>> = BTreeMap::new();
    for (name, layers) in &theme.strings {
        let Some(stem) = name.strip_suffix(".yaml").or(name.strip_suffix(".yml")) else {
            continue;
        };
        for file in layers {
            match parse(name, file) {
                Ok(layer) => files.entry(stem.to_owned()).or_default().push(layer),
                Err(mut e) => errors.append(&mut e),
            }
        }
    }
    let reference: Vec<&str> = files
        .get("en")
        .into_iter()
        .flatten()
        .filter(|l| !l.site)
        .flat_map(|l| l.table.keys().map(String::as_str))
        .collect();
    for layer in files.values().flatten() {
        for key in layer.table.keys() {
            if !reference.contains(&key.as_str()) {
                errors.push(unknown_key(layer, key, &reference));
            }
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut strings = Strings::default();
    for language in languages {
        let mut table = merged(files.get("en"));
        let own = file_for(&language.tag, &files);
        match own {
            Some(stem) if stem != "en" => table.extend(merged(files.get(stem))),
            Some(_) => {}
            None => strings.warnings.push(
                Diagnostic::warning(
                    "i18n",
                    format!(
                        "the theme has no interface strings in `{}`: they are shown in English",
                        language.tag
                    ),
                )
                .help(format!(
                    "translate the theme's English strings in `i18n/{}.yaml` (see README, \"Languages\")",
                    language.tag
                )),
            ),
        }
        let script: BTreeMap<&str, &str> = SCRIPT_KEYS
            .iter()
            .filter_map(|k| table.get(*k).map(|v| (*k, v.as_str())))
            .collect();
        let json = serde_json::to_string(&script).unwrap_or_else(|_| "{}".to_owned());
        strings.scripts.push(json.replace('<', "\\u003c"));
        strings.values.push(tera::Value::from_serializable(&table));
        strings.labels.push(labels(&table));
        strings.tables.push(table);
    }
    Ok(strings)
}

/// The Markdown renderer's words from a language's strings (English where a theme lacks one).
fn labels(table: &BTreeMap<String, String>) -> Labels {
    let english = Labels::default();
    let get = |key: &str, fallback: String| table.get(key).cloned().unwrap_or(fallback);
    Labels {
        permalink: get("permalink", english.permalink),
        task_done: get("task_done", english.task_done),
        task_not_done: get("task_not_done", english.task_not_done),
        note: get("callout_note", english.note),
        tip: get("callout_tip", english.tip),
        important: get("callout_important", english.important),
        warning: get("callout_warning", english.warning),
        caution: get("callout_caution", english.caution),
        diagrams: english
            .diagrams
            .into_iter()
            .map(|(k, v)| (k.clone(), get(&k, v)))
            .collect(),
    }
}

fn parse(name: &str, file: &ThemeFile) -> Result<Layer, Vec<Diagnostic>> {
    let shown = file
        .origin
        .clone()
        .unwrap_or_else(|| PathBuf::from(format!("<default theme>/i18n/{name}")));
    let src = crate::fsx::text_from_bytes(file.bytes.clone(), &shown).map_err(|e| vec![e])?;
    let table = if src.trim().is_empty() {
        BTreeMap::new()
    } else {
        crate::yaml::parse_all::<Option<BTreeMap<String, String>>>(&src, &shown, 0)?
            .unwrap_or_default()
    };
    let site = file.origin.as_ref().is_some_and(|o| o.starts_with("i18n"));
    Ok(Layer {
        table,
        shown,
        src,
        site,
    })
}

fn unknown_key(layer: &Layer, key: &str, reference: &[&str]) -> Diagnostic {
    let line = layer
        .src
        .lines()
        .position(|l| {
            l.strip_prefix(key)
                .or_else(|| l.strip_prefix(&format!("\"{key}\"")))
                .is_some_and(|rest| rest.trim_start().starts_with(':'))
        })
        .map_or(1, |i| i + 1);
    let d = Diagnostic::error(
        "i18n",
        format!("`{key}` is not an interface string of the theme"),
    )
    .at(Location::new(&layer.shown, line, 1), &layer.src)
    .span(key.len().max(1));
    match crate::suggest::closest(key, reference.iter().copied()) {
        Some(s) => d.help(format!("did you mean `{s}`?")),
        None => d.help("the theme's `i18n/en.yaml` lists every key (see README, \"Languages\")"),
    }
}

/// The layers of one file merged, later ones winning.
fn merged(layers: Option<&Vec<Layer>>) -> BTreeMap<String, String> {
    let mut table = BTreeMap::new();
    for layer in layers.into_iter().flatten() {
        table.extend(layer.table.clone());
    }
    table
}

/// The language file for `tag`: its own (`pt-BR`), then its language's (`pt`), then the
/// file of another variant of it (`pt` -> `pt-BR`, `zh-Hant` -> `zh`), matched without
/// regard to case.
fn file_for<'a, V>(tag: &str, files: &'a BTreeMap<String, V>) -> Option<&'a str> {
    let find = |want: &str| {
        files
            .keys()
            .find(|k| k.eq_ignore_ascii_case(want))
            .map(String::as_str)
    };
    let primary = crate::words::primary(tag);
    find(tag).or_else(|| find(primary)).or_else(|| {
        files
            .keys()
            .find(|k| crate::words::primary(k).eq_ignore_ascii_case(primary))
            .map(String::as_str)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn theme(extra: &[(&str, &str)]) -> Theme {
        let mut theme =
            crate::theme::load(std::path::Path::new("/nonexistent"), "default").unwrap_or_default();
        for (name, text) in extra {
            theme
                .strings
                .entry((*name).to_owned())
                .or_default()
                .push(ThemeFile {
                    bytes: text.as_bytes().to_vec(),
                    origin: Some(PathBuf::from(format!("i18n/{name}"))),
                });
        }
        theme
    }

    #[test]
    fn every_shipped_language_translates_every_string() {
        let theme = theme(&[]);
        let en = merged(Some(&vec![
            parse("en.yaml", &theme.strings["en.yaml"][0]).unwrap(),
        ]));
        assert!(en.len() > 40);
        for name in theme.strings.keys() {
            let layer = parse(name, &theme.strings[name][0]).unwrap();
            let keys: Vec<&String> = layer.table.keys().collect();
            assert_eq!(keys, en.keys().collect::<Vec<_>>(), "{name}");
            if name != "en.yaml" {
                let same = en.iter().filter(|(k, v)| layer.table[*k] == **v).count();
                assert!(same < 6, "{name}: {same} strings left in English");
            }
        }
        for want in ["de", "fr", "es", "pt-BR", "ja", "zh"] {
            assert!(
                theme.strings.contains_key(&format!("{want}.yaml")),
                "{want}"
            );
        }
    }

    #[test]
    fn languages_find_their_file_and_sites_override_single_strings() {
        let langs: Vec<Language> = ["en", "de-AT", "pt", "zh-Hant", "sv"]
            .iter()
            .map(|t| Language::default_for(t))
            .collect();
        let s = load(&theme(&[("de.yaml", "search: Finden\n")]), &langs).unwrap();
        assert_eq!(s.get(0, "search"), "Search");
        assert_eq!(s.get(1, "search"), "Finden");
        assert_eq!(s.get(1, "on_this_page"), "Auf dieser Seite");
        assert_eq!(s.get(2, "search"), "Pesquisar");
        assert_eq!(s.get(3, "search"), "搜索");
        assert_eq!(s.get(4, "search"), "Search");
        assert_eq!(s.warnings.len(), 1);
        assert!(s.warnings[0].message.contains("`sv`"));
        assert!(s.script_json(1).contains("\"copy\":\"Kopieren\""));
        assert_eq!(s.labels(1).note, "Hinweis");
        assert_eq!(s.labels(1).diagram("diagram_flowchart"), "Flussdiagramm");
        assert_eq!(s.labels(4).diagram("diagram_pie"), "Pie chart");
    }

    #[test]
    fn an_unknown_key_is_located_with_a_suggestion() {
        let langs = vec![Language::default_for("de")];
        let errs = load(
            &theme(&[("de.yaml", "search: Finden\nserach_label: x\n")]),
            &langs,
        )
        .unwrap_err();
        assert_eq!(errs.len(), 1);
        assert_eq!(errs[0].location, Some(Location::new("i18n/de.yaml", 2, 1)));
        assert_eq!(
            errs[0].help.as_deref(),
            Some("did you mean `search_label`?")
        );
    }

    #[test]
    fn script_strings_cannot_close_the_script() {
        let langs = vec![Language::default_for("en")];
        let s = load(&theme(&[("en.yaml", "copy: </script><b>\n")]), &langs).unwrap();
        assert!(!s.script_json(0).contains('<'), "{}", s.script_json(0));
    }
}
