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
    "templates/partials/related.html",
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

const SEARCH_SCRIPT: &str = "static/search.js";

/// The built-in search script as published: without its comments and indentation, since every
/// reader's first query downloads it and they are a quarter of its gzipped size. Only
/// whole-line comments go (a line starting with `//`, or a `/* ... */` block that starts a
/// line); in that file neither can be part of a string or a regular expression, as it has
/// no template literals and no strings continued across lines.
fn strip_comments(js: &str) -> String {
    let mut out = String::with_capacity(js.len());
    let mut keep = |code: &str| {
        if !code.is_empty() {
            out.push_str(code);
            out.push('\n');
        }
    };
    let mut in_block = false;
    for line in js.lines() {
        let code = line.trim();
        if in_block {
            if let Some(end) = code.find("*/") {
                in_block = false;
                keep(code[end + 2..].trim());
            }
        } else if code.starts_with("/*") {
            match code.find("*/") {
                Some(end) => keep(code[end + 2..].trim()),
                None => in_block = true,
            }
        } else if !code.starts_with("//") {
            keep(code);
        }
    }
    out
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
    // The built-in search script, also when read from a copy of the default theme on disk
    // (this repository builds its own site that way), is published without its comments.
    let raw = DEFAULT_THEME.iter().find(|(p, _)| *p == SEARCH_SCRIPT);
    if let (Some((_, raw)), Some(file)) = (raw, theme.statics.get_mut("search.js"))
        && file.bytes == *raw
    {
        file.bytes = strip_comments(&String::from_utf8_lossy(raw)).into_bytes();
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_script_loses_whole_line_comments_only() {
        let js = "/* header\n   more */\n(function () {\n  // a note\n  var url = \"http://x/*y*/\"; // kept\n  /* one line */ var re = /\\/\\//;\n})();\n";
        assert_eq!(
            strip_comments(js),
            "(function () {\nvar url = \"http://x/*y*/\"; // kept\nvar re = /\\/\\//;\n})();\n"
        );
        let published = load(Path::new("/nonexistent"), "default").expect("default theme");
        let script = String::from_utf8_lossy(&published.statics["search.js"].bytes).into_owned();
        assert!(script.contains("helpsiteSearch") && !script.contains("\n  "));
    }
}
