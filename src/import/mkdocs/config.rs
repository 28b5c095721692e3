//! The settings of `mkdocs.yml`: what becomes `helpsite.yaml`, where the pages are, the nav
//! and redirects to carry over, and a located warning for every setting that is not.

use super::i18n::Translation;
use super::locales::Locales;
use super::tree::{Key, Node, Value};
use super::{extensions, reported};
use crate::diagnostic::Diagnostic;
use crate::location::Location;
use std::path::Path;

/// `mkdocs.yml` with its path, to locate findings in it.
#[derive(Clone, Copy)]
pub struct Yml<'a> {
    pub src: &'a str,
    pub shown: &'a Path,
}

impl Yml<'_> {
    pub fn location(&self, line: usize, col: usize) -> Location {
        Location::new(self.shown, line.max(1), col.max(1))
    }

    /// A warning at `line:col`, underlining `span` characters.
    pub fn warning(
        &self,
        rule: &'static str,
        (line, col): (usize, usize),
        span: usize,
        message: String,
    ) -> Diagnostic {
        Diagnostic::warning(rule, message)
            .at(self.location(line, col), self.src)
            .span(span)
    }

    /// An error at `line:col`, underlining `span` characters.
    pub fn error(
        &self,
        rule: &'static str,
        (line, col): (usize, usize),
        span: usize,
        message: String,
    ) -> Diagnostic {
        Diagnostic::error(rule, message)
            .at(self.location(line, col), self.src)
            .span(span)
    }
}

/// Where a key or node starts.
pub fn pos_of_key(k: &Key) -> (usize, usize) {
    (k.line, k.col)
}

pub fn pos(n: &Node) -> (usize, usize) {
    (n.line, n.col)
}

/// The `helpsite.yaml` settings taken from `mkdocs.yml`.
#[derive(Debug, Default, PartialEq)]
pub struct Site {
    pub title: Option<String>,
    pub base_url: Option<String>,
    pub description: Option<String>,
    pub language: Option<String>,
    /// The other languages (the `i18n` plugin's).
    pub languages: Vec<Translation>,
}

/// A redirect of the `redirects` plugin: an old docs path and where it now lives.
#[derive(Debug, PartialEq)]
pub struct Redirect {
    pub from: String,
    pub to: String,
    pub at: (usize, usize),
}

/// What the import uses from `mkdocs.yml`.
#[derive(Debug)]
pub struct Config {
    pub site: Site,
    /// `docs_dir` as written (default `docs`), relative to `mkdocs.yml`.
    pub docs_dir: String,
    pub docs_dir_at: Option<(usize, usize)>,
    pub nav: Option<Node>,
    pub redirects: Vec<Redirect>,
    /// `use_directory_urls` (pages at `page/` rather than `page.html`).
    pub directory_urls: bool,
    /// Where the `i18n` plugin keeps each language's files.
    pub locales: Option<Locales>,
    pub warnings: Vec<Diagnostic>,
}

/// Settings read here.
const READ: &[&str] = &[
    "site_name",
    "site_description",
    "site_url",
    "docs_dir",
    "nav",
    "pages",
    "theme",
    "plugins",
    "markdown_extensions",
    "use_directory_urls",
];

/// Settings with no effect on the pages (build and serve options): left out silently.
const SILENT: &[&str] = &[
    "site_dir",
    "dev_addr",
    "strict",
    "watch",
    "remote_branch",
    "remote_name",
    "validation",
    "not_in_nav",
];

/// Every setting MkDocs has that the import knows of.
pub fn known() -> impl Iterator<Item = &'static str> {
    READ.iter()
        .chain(SILENT)
        .copied()
        .chain(reported::NOT_CARRIED.iter().map(|(k, _)| *k))
}

/// Read `mkdocs.yml`. Bad YAML and settings of the wrong shape are errors.
pub fn read(src: &str, shown: &Path) -> Result<Config, Vec<Diagnostic>> {
    let root: Node = crate::yaml::parse(src, shown, 0).map_err(|d| vec![d])?;
    let yml = Yml { src, shown };
    if !matches!(root.value, Value::Map(_) | Value::Null) {
        let message = format!(
            "mkdocs.yml must be a mapping of settings, not {}",
            root.shape()
        );
        return Err(vec![yml.error("import-config", pos(&root), 1, message)]);
    }
    let mut config = Config {
        site: Site::default(),
        docs_dir: "docs".to_owned(),
        docs_dir_at: None,
        nav: None,
        redirects: Vec::new(),
        directory_urls: true,
        locales: None,
        warnings: Vec::new(),
    };
    let mut errors = Vec::new();
    for (key, value) in root.entries() {
        if let Err(e) = setting(&mut config, yml, key, value) {
            errors.push(e);
        }
    }
    apply_i18n(&mut config, yml, &root);
    if errors.is_empty() {
        Ok(config)
    } else {
        Err(errors)
    }
}

fn setting(c: &mut Config, yml: Yml, key: &Key, value: &Node) -> Result<(), Diagnostic> {
    let w = &mut c.warnings;
    match key.text.as_str() {
        "site_name" => c.site.title = text(yml, key, value, w),
        "site_description" => c.site.description = text(yml, key, value, w),
        "site_url" => c.site.base_url = site_url(yml, key, value, w),
        "docs_dir" => match value.text() {
            Some(dir) if value.tag(yml.src).is_none() => {
                c.docs_dir = dir.to_owned();
                c.docs_dir_at = Some(pos(value));
            }
            _ => return Err(wrong_shape(yml, key, value, "a folder name")),
        },
        // `pages` is what MkDocs called `nav` before 1.0.
        "nav" | "pages" => match value.value {
            Value::Seq(_) => c.nav = Some(value.clone()),
            Value::Null => {}
            _ => return Err(wrong_shape(yml, key, value, "a list of pages and sections")),
        },
        "theme" => reported::theme(c, yml, key, value),
        "plugins" => reported::plugins(c, yml, value),
        "markdown_extensions" => {
            for (name, at) in reported::named_items(value) {
                c.warnings.extend(extensions::report(yml, &name, at));
            }
        }
        "use_directory_urls" => {
            if value.text() == Some("false") {
                c.directory_urls = false;
                let message = "`use_directory_urls: false` is not carried over: \
                               helpsite pages live at `page/`, not `page.html`";
                let help = "old `.html` addresses can redirect: \
                            list them under `aliases:` in the pages' front matter";
                let span = key.text.chars().count();
                c.warnings.push(
                    yml.warning("import-setting", pos_of_key(key), span, message.to_owned())
                        .help(help),
                );
            }
        }
        k if SILENT.contains(&k) => {}
        k => reported::not_carried(c, yml, key, value, k),
    }
    Ok(())
}

/// The `i18n` plugin's languages, which win over `theme.language` and, for the default
/// language, over `site_name` and `site_description`.
fn apply_i18n(c: &mut Config, yml: Yml, root: &Node) {
    let Some(plugins) = root.get("plugins") else {
        return;
    };
    let Some(i18n) = reported::i18n_plugin(plugins).and_then(|conf| super::i18n::read(yml, conf))
    else {
        return;
    };
    if i18n.language.is_some() {
        c.site.language = i18n.language;
    }
    c.site.title = i18n.title.or(c.site.title.take());
    c.site.description = i18n.description.or(c.site.description.take());
    c.site.languages = i18n.translations;
    c.locales = Some(i18n.locales);
    c.warnings.extend(i18n.warnings);
}

fn wrong_shape(yml: Yml, key: &Key, value: &Node, expected: &str) -> Diagnostic {
    let message = format!("`{}` must be {expected}, not {}", key.text, value.shape());
    yml.error("import-config", pos(value), 1, message)
}

/// A text setting. `!ENV [VAR, default]` gives its default (with a warning); a bare
/// `!ENV VAR` is read when MkDocs builds, so it is not carried over.
pub fn text(yml: Yml, key: &Key, value: &Node, warnings: &mut Vec<Diagnostic>) -> Option<String> {
    let env = value.tag(yml.src).is_some_and(|t| t == "!ENV");
    let span = key.text.chars().count();
    let warn = |message: String| yml.warning("import-setting", pos_of_key(key), span, message);
    match (&value.value, env) {
        (Value::Scalar(s), false) => Some(s.clone()),
        (Value::Null, _) => None,
        (Value::Seq(items), true) => {
            let default = items
                .last()
                .filter(|_| items.len() > 1)
                .and_then(Node::text)?;
            warnings.push(warn(format!(
                "`{}` comes from an environment variable (`!ENV`); its default `{default}` was used",
                key.text
            )));
            Some(default.to_owned())
        }
        (_, true) => {
            warnings.push(
                warn(format!(
                    "`{}` comes from an environment variable (`!ENV`) and is not carried over",
                    key.text
                ))
                .help("write the value into helpsite.yaml"),
            );
            None
        }
        _ => {
            warnings.push(warn(format!(
                "`{}` is {}, not a text value; not carried over",
                key.text,
                value.shape()
            )));
            None
        }
    }
}

/// `site_url` as `base_url`, which must be an absolute http(s) URL.
fn site_url(yml: Yml, key: &Key, value: &Node, warnings: &mut Vec<Diagnostic>) -> Option<String> {
    let url = text(yml, key, value, warnings)?;
    let url = url.trim();
    if url.is_empty() {
        return None;
    }
    if url.starts_with("https://") || url.starts_with("http://") {
        return Some(url.to_owned());
    }
    warnings.push(
        yml.warning(
            "import-setting",
            pos(value),
            url.chars().count(),
            format!("`site_url` `{url}` is not an absolute http(s) URL; not carried over"),
        )
        .help("set `base_url` in helpsite.yaml to the address the site is published at"),
    );
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn warnings(c: &Config) -> Vec<String> {
        c.warnings.iter().map(|w| w.to_string()).collect()
    }

    #[test]
    fn site_settings_become_helpsite_settings() {
        let src = "site_name: Docs\nsite_url: !ENV [URL, 'https://x.test/']\ntheme:\n  name: material\n  locale: de\nstrict: true\nwhatever: 1\nuse_directory_urls: false\n";
        let c = read(src, Path::new("mkdocs.yml")).unwrap();
        let site = Site {
            title: Some("Docs".to_owned()),
            base_url: Some("https://x.test/".to_owned()),
            description: None,
            language: Some("de".to_owned()),
            languages: Vec::new(),
        };
        assert_eq!(c.site, site);
        assert!(!c.directory_urls);
        let found = warnings(&c);
        assert_eq!(found.len(), 4, "{found:#?}");
        assert!(
            found[0].starts_with("mkdocs.yml:2:1: warning[import-setting]: `site_url` comes from")
        );
        assert!(found[1].starts_with("mkdocs.yml:4:9: warning[import-theme]: theme `material`"));
        assert!(found[2].starts_with(
            "mkdocs.yml:7:1: warning[import-setting]: unknown MkDocs setting `whatever`"
        ));
        assert!(
            found[3].starts_with(
                "mkdocs.yml:8:1: warning[import-setting]: `use_directory_urls: false`"
            )
        );
        let typo = read("site_nmae: x\n", Path::new("mkdocs.yml")).unwrap();
        let help = typo.warnings[0].help.as_deref();
        assert_eq!(help, Some("did you mean `site_name`?"));
    }

    #[test]
    fn plugins_and_redirects() {
        let src = "plugins:\n  - search\n  - material/tags\n  - redirects:\n      redirect_maps:\n        'a.md': 'b.md'\n";
        let c = read(src, Path::new("mkdocs.yml")).unwrap();
        let redirect = Redirect {
            from: "a.md".to_owned(),
            to: "b.md".to_owned(),
            at: (6, 9),
        };
        assert_eq!(c.redirects, [redirect]);
        let found = warnings(&c);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(
            found[0].starts_with("mkdocs.yml:3:5: warning[import-plugin]: plugin `material/tags`")
        );
    }

    #[test]
    fn wrong_shapes_are_errors() {
        let errors = read("docs_dir: [a]\nnav: x\n", Path::new("mkdocs.yml")).unwrap_err();
        assert_eq!(errors.len(), 2);
        assert!(read("- a\n", Path::new("mkdocs.yml")).is_err());
        assert!(read("a: [\n", Path::new("mkdocs.yml")).is_err());
    }
}
