//! What changed on disk, sorted by what it can affect: config, theme, or content files.

use crate::config::FILE_NAME;
use crate::discover::{CONTENT_DIR, is_ignored_name};
use std::collections::BTreeSet;
use std::path::{Component, Path};

/// Folders at the site root whose files make up the theme.
pub const THEME_DIRS: &[&str] = &["templates", "static", "themes", "i18n"];

/// A set of changes, merged from file-system events.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Changes {
    /// `helpsite.yaml` changed.
    pub config: bool,
    /// Something under `templates/`, `static/`, `themes/` or `i18n/` changed.
    pub theme: bool,
    /// Paths under `content/` that changed (files or folders), relative to it, `/`-separated.
    pub content: BTreeSet<String>,
    /// The watcher lost track (event overflow, the content folder itself moved): reread all.
    pub everything: bool,
}

impl Changes {
    /// Changes that make the next build read everything again.
    pub fn everything() -> Self {
        Changes {
            everything: true,
            ..Changes::default()
        }
    }

    pub fn is_empty(&self) -> bool {
        !self.config && !self.theme && !self.everything && self.content.is_empty()
    }

    pub fn merge(&mut self, other: Changes) {
        self.config |= other.config;
        self.theme |= other.theme;
        self.everything |= other.everything;
        self.content.extend(other.content);
    }

    /// Sort absolute `paths` (as a watcher reports them) into kinds. Paths outside the site's
    /// inputs, inside `out_dir`, or with an editor-temp or hidden name anywhere are dropped.
    /// `root` and `out_dir` should be canonical, as the watcher is given canonical paths.
    pub fn from_paths<I, P>(root: &Path, out_dir: &Path, paths: I) -> Changes
    where
        I: IntoIterator<Item = P>,
        P: AsRef<Path>,
    {
        let mut changes = Changes::default();
        for path in paths {
            let path = path.as_ref();
            if path.starts_with(out_dir) {
                continue;
            }
            if let Ok(rel) = path.strip_prefix(root) {
                changes.add(rel);
            }
        }
        changes
    }

    fn add(&mut self, rel: &Path) {
        let mut parts = Vec::new();
        for c in rel.components() {
            match c {
                Component::Normal(name) => match name.to_str() {
                    Some(n) if !is_ignored_name(n) => parts.push(n),
                    _ => return,
                },
                _ => return,
            }
        }
        match parts.as_slice() {
            [] => {}
            [name] if *name == FILE_NAME => self.config = true,
            [dir] if *dir == CONTENT_DIR => self.everything = true,
            [dir, rest @ ..] if *dir == CONTENT_DIR => {
                self.content.insert(rest.join("/"));
            }
            [dir, ..] if THEME_DIRS.contains(dir) => self.theme = true,
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_sorted_into_kinds() {
        let root = Path::new("/site");
        let out = Path::new("/site/dist");
        let c = Changes::from_paths(
            root,
            out,
            [
                "/site/helpsite.yaml",
                "/site/content/guides/a.md",
                "/site/content/guides/.a.md.swp",
                "/site/content/guides/a.md~",
                "/site/content/.git/index",
                "/site/themes/default/static/style.css",
                "/site/dist/index.html",
                "/site/README.md",
                "/elsewhere/x.md",
            ],
        );
        assert!(c.config && c.theme && !c.everything);
        assert_eq!(c.content.iter().collect::<Vec<_>>(), ["guides/a.md"]);
    }

    #[test]
    fn the_content_folder_itself_means_everything() {
        let c = Changes::from_paths(Path::new("/s"), Path::new("/s/dist"), ["/s/content"]);
        assert!(c.everything);
        assert!(
            Changes::from_paths(Path::new("/s"), Path::new("/s/dist"), ["/s/dist/a"]).is_empty()
        );
    }

    #[test]
    fn merging_unions_everything() {
        let mut a = Changes::from_paths(Path::new("/s"), Path::new("/o"), ["/s/content/a.md"]);
        a.merge(Changes::from_paths(
            Path::new("/s"),
            Path::new("/o"),
            ["/s/templates/x.html"],
        ));
        assert!(a.theme && a.content.contains("a.md"));
    }
}
