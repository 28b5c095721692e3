//! Themes: the default theme is embedded in the binary; a site's `themes/<name>/` and
//! `templates/` files replace embedded ones file by file.

use crate::diagnostic::Diagnostic;
use crate::fsx;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

macro_rules! embed {
    ($($path:literal),* $(,)?) => {
        &[$(($path, include_bytes!(concat!("../themes/default/", $path)) as &[u8])),*]
    };
}

/// The default theme, file by file: (path inside the theme, contents).
pub const DEFAULT_THEME: &[(&str, &[u8])] = embed![
    "templates/base.html",
    "templates/page.html",
    "templates/section.html",
    "templates/index.html",
    "templates/faq.html",
    "templates/404.html",
    "templates/redirect.html",
    "templates/search.html",
    "templates/tags.html",
    "templates/tag.html",
    "templates/embed.html",
    "templates/partials/nav.html",
    "templates/partials/search.html",
    "templates/partials/breadcrumbs.html",
    "templates/partials/pager.html",
    "templates/partials/faq.html",
    "templates/partials/edit.html",
    "templates/partials/languages.html",
    "templates/partials/toc.html",
    "templates/partials/toc-mobile.html",
    "templates/partials/feedback.html",
    "templates/partials/support.html",
    "templates/partials/icon.html",
    "templates/partials/tags.html",
    "static/style.css",
    "static/helpsite.js",
    "static/search.js",
    "static/embed-host.js",
    "static/embed.css",
    "static/embed.js",
    "static/favicon.svg",
    "i18n/en.yaml",
    "i18n/de.yaml",
    "i18n/fr.yaml",
    "i18n/es.yaml",
    "i18n/pt-BR.yaml",
    "i18n/ja.yaml",
    "i18n/zh.yaml",
    "static/diagrams.js",
];

/// The embed host script's path in the output; its source is the theme's
/// `static/embed-host.js`, so a site can replace it like any theme file. Here, below both the
/// outputs (which place it) and the embeds (which link to it).
pub const HOST_SCRIPT: &str = "embed/helpsite-embed.js";
/// The host script's name among the theme's static files.
pub const HOST_SCRIPT_SOURCE: &str = "embed-host.js";

/// One theme file and where it came from (for messages).
#[derive(Debug, Clone)]
pub struct ThemeFile {
    pub bytes: Vec<u8>,
    /// `None` for embedded files; the path relative to the site root otherwise.
    pub origin: Option<PathBuf>,
}

/// Templates (by name, e.g. `page.html`), static files (by path under `_static/`) and
/// interface strings (by language file name, e.g. `de.yaml`).
#[derive(Debug, Clone, Default)]
pub struct Theme {
    pub templates: BTreeMap<String, ThemeFile>,
    pub statics: BTreeMap<String, ThemeFile>,
    /// Every layer of each language file, the built-in one first: a site's
    /// `i18n/de.yaml` overrides some strings and keeps the rest.
    pub strings: BTreeMap<String, Vec<ThemeFile>>,
}

impl Theme {
    fn put(&mut self, path: &str, file: ThemeFile) {
        if let Some(name) = path.strip_prefix("templates/") {
            self.templates.insert(name.to_owned(), file);
        } else if let Some(name) = path.strip_prefix("static/") {
            self.statics.insert(name.to_owned(), file);
        } else if let Some(name) = path.strip_prefix("i18n/") {
            self.strings.entry(name.to_owned()).or_default().push(file);
        }
    }
}

/// The embedded default theme, overridden by `ROOT/themes/<name>/` and then `ROOT/templates/`,
/// `ROOT/static/` and `ROOT/i18n/`.
pub fn load(root: &Path, name: &str) -> Result<Theme, Diagnostic> {
    let mut theme = Theme::default();
    for (path, bytes) in DEFAULT_THEME {
        theme.put(
            path,
            ThemeFile {
                bytes: bytes.to_vec(),
                origin: None,
            },
        );
    }
    let theme_dir = root.join("themes").join(name);
    if name != "default" && !theme_dir.is_dir() {
        return Err(Diagnostic::error(
            "theme",
            format!("theme `{name}` not found: there is no `themes/{name}/` folder"),
        )
        .help("remove `theme:` from helpsite.yaml to use the built-in default theme"));
    }
    overlay(&mut theme, root, &theme_dir, "")?;
    overlay(&mut theme, root, &root.join("templates"), "templates/")?;
    overlay(&mut theme, root, &root.join("static"), "static/")?;
    overlay(&mut theme, root, &root.join("i18n"), "i18n/")?;
    Ok(theme)
}

/// `i18n/de.yaml`: a language file of interface strings (not in a subfolder).
fn is_strings_file(rel: &str) -> bool {
    rel.strip_prefix("i18n/").is_some_and(|name| {
        !name.contains('/') && (name.ends_with(".yaml") || name.ends_with(".yml"))
    })
}

fn overlay(theme: &mut Theme, root: &Path, dir: &Path, prefix: &str) -> Result<(), Diagnostic> {
    if !dir.is_dir() {
        return Ok(());
    }
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry =
            entry.map_err(|e| Diagnostic::error("io", format!("cannot read theme: {e}")))?;
        if !entry.file_type().is_file()
            || crate::discover::is_ignored_name(&entry.file_name().to_string_lossy())
        {
            continue;
        }
        let Ok(rel) = entry.path().strip_prefix(dir) else {
            continue;
        };
        let rel = format!("{prefix}{}", rel.to_string_lossy().replace('\\', "/"));
        if rel.starts_with("i18n/") && !is_strings_file(&rel) {
            // Other tools keep translated pages there (Docusaurus: `i18n/de/...`).
            continue;
        }
        let shown = entry.path().strip_prefix(root).unwrap_or(entry.path());
        let bytes = std::fs::read(entry.path()).map_err(|e| {
            Diagnostic::error("io", format!("cannot read `{}`: {e}", shown.display()))
        })?;
        if rel.starts_with("templates/") || rel.starts_with("i18n/") {
            // Templates must be text; check now so the error names the file.
            fsx::text_from_bytes(bytes.clone(), shown)?;
        }
        theme.put(
            &rel,
            ThemeFile {
                bytes,
                origin: Some(shown.to_path_buf()),
            },
        );
    }
    Ok(())
}
