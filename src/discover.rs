//! Walk `content/` into a sorted list of sources: Markdown pages, FAQ groups and assets.

use crate::diagnostic::Diagnostic;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

pub const CONTENT_DIR: &str = "content";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceKind {
    Page,
    Faq,
    Asset,
}

/// One file under `content/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    pub kind: SourceKind,
    /// Absolute (or root-joined) path to read.
    pub abs: PathBuf,
    /// Path relative to `content/`, with `/` separators: the key links resolve against.
    pub rel: String,
    /// Path relative to the site root, for messages (`content/guides/a.md`).
    pub shown: PathBuf,
}

/// Sorted sources and the warnings met on the way (skipped symlinks, names not UTF-8).
#[derive(Debug, Default)]
pub struct Discovered {
    pub sources: Vec<Source>,
    pub warnings: Vec<Diagnostic>,
}

pub fn kind_of(rel: &str) -> SourceKind {
    let ext = rel.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    match ext.as_deref() {
        Some("md" | "markdown" | "mdx") => SourceKind::Page,
        Some("yaml" | "yml") => SourceKind::Faq,
        _ => SourceKind::Asset,
    }
}

/// Whether a file or folder name is skipped: hidden files and editor leftovers.
pub fn is_ignored_name(name: &str) -> bool {
    name.starts_with('.')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name.starts_with("#")
}

/// List every file under `ROOT/content`, sorted by path. Symlinks are followed only when
/// they stay inside the content folder.
pub fn discover(root: &Path) -> Result<Discovered, Diagnostic> {
    let content = root.join(CONTENT_DIR);
    let mut out = Discovered::default();
    if !content.is_dir() {
        return Err(Diagnostic::error(
            "no-content",
            format!("no `{CONTENT_DIR}/` folder in `{}`", root.display()),
        )
        .help("run `helpsite init DIR` to create a starter site, or pass --root"));
    }
    let content_real = content.canonicalize().map_err(|e| {
        Diagnostic::error("io", format!("cannot open `{}`: {e}", content.display()))
    })?;
    let walker = WalkDir::new(&content)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored_name(&e.file_name().to_string_lossy()));
    for entry in walker {
        // A folder or file that cannot be read would silently drop part of the site.
        let entry = entry.map_err(|e| {
            let shown = e
                .path()
                .and_then(|p| p.strip_prefix(root).ok())
                .map_or_else(|| CONTENT_DIR.into(), Path::to_path_buf);
            let why = e
                .io_error()
                .map_or_else(|| e.to_string(), std::string::ToString::to_string);
            Diagnostic::error("io", format!("cannot read `{}`: {why}", shorten(&shown)))
                .help("make it readable, or move it out of `content/`")
        })?;
        let path = entry.path();
        let Ok(rel_path) = path.strip_prefix(&content) else {
            continue;
        };
        let shown = Path::new(CONTENT_DIR).join(rel_path);
        // `content/` itself may be a link (to a docs folder elsewhere): the walk follows it.
        if entry.path_is_symlink() && entry.depth() > 0 {
            match path.canonicalize() {
                Ok(real) if real.starts_with(&content_real) && real.is_file() => {}
                _ => {
                    out.warnings.push(Diagnostic::warning(
                        "symlink",
                        format!(
                            "skipped symlink `{}`: it leads outside `{CONTENT_DIR}/` or to a folder",
                            shown.display()
                        ),
                    ));
                    continue;
                }
            }
        } else if !entry.file_type().is_file() {
            continue;
        }
        let Some(rel) = rel_path.to_str() else {
            out.warnings.push(Diagnostic::warning(
                "encoding",
                format!("skipped `{}`: its name is not UTF-8", shown.display()),
            ));
            continue;
        };
        let rel = rel.replace('\\', "/");
        out.sources.push(Source {
            kind: kind_of(&rel),
            abs: path.to_path_buf(),
            rel,
            shown,
        });
    }
    out.sources.sort_by(|a, b| a.rel.cmp(&b.rel));
    Ok(out)
}

/// A path for a message, its middle left out when it is very long.
fn shorten(path: &Path) -> String {
    let text = path.display().to_string();
    let chars: Vec<char> = text.chars().collect();
    if chars.len() <= 160 {
        return text;
    }
    let head: String = chars[..80].iter().collect();
    let tail: String = chars[chars.len() - 60..].iter().collect();
    format!("{head}…{tail}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_by_extension() {
        assert_eq!(kind_of("a/b.md"), SourceKind::Page);
        assert_eq!(kind_of("faq/x.YAML"), SourceKind::Faq);
        assert_eq!(kind_of("img/x.png"), SourceKind::Asset);
        assert_eq!(kind_of("README"), SourceKind::Asset);
    }

    #[test]
    fn editor_files_are_ignored() {
        for n in [".x.md.swp", "a.md~", ".git", "#a.md#"] {
            assert!(is_ignored_name(n), "{n}");
        }
        assert!(!is_ignored_name("a.md"));
    }
}
