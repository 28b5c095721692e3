//! Write the planned files into the site root: every target is checked first (an existing
//! file without `--force`, a symlink leading out of the root, a target inside the docs
//! folder), and nothing is written when one fails.

use super::plan::Output;
use crate::diagnostic::Diagnostic;
use crate::discover::CONTENT_DIR;
use std::path::{Component, Path, PathBuf};

/// How many "already exists" errors to list before summing up the rest.
const LISTED: usize = 10;

/// Check every output, then write them all. Returns the paths written, relative to `root`.
pub fn write(
    root: &Path,
    docs: &Path,
    outputs: &[Output],
    force: bool,
) -> Result<Vec<PathBuf>, Vec<Diagnostic>> {
    let root_real = real(root);
    check_overlap(&root_real, root, docs)?;
    let mut errors = Vec::new();
    let mut existing = Vec::new();
    for out in outputs {
        let path = root.join(out.to());
        if !stays_inside(&path, &root_real) {
            let message = format!(
                "`{}` would be written outside `{}` (a symlink leads out)",
                out.to().display(),
                root.display()
            );
            let error = Diagnostic::error("import-outside", message);
            errors.push(error.help("import into a folder that holds no such symlink"));
        } else if !force && path.symlink_metadata().is_ok() {
            existing.push(out.to());
        }
    }
    errors.extend(already_there(&existing));
    if !errors.is_empty() {
        return Err(errors);
    }
    outputs.iter().map(|out| write_one(root, out)).collect()
}

/// One error per file that exists, up to [`LISTED`], then a count of the rest.
fn already_there(existing: &[&Path]) -> Vec<Diagnostic> {
    let help = "pass --force to replace it, or import into another folder with --root";
    let mut errors: Vec<Diagnostic> = existing
        .iter()
        .take(LISTED)
        .map(|p| {
            let message = format!("`{}` already exists", p.display());
            Diagnostic::error("import-exists", message).help(help)
        })
        .collect();
    let more = existing.len().saturating_sub(LISTED);
    if more > 0 {
        let message = format!("{more} more files already exist");
        errors.push(Diagnostic::error("import-exists", message));
    }
    errors
}

fn write_one(root: &Path, out: &Output) -> Result<PathBuf, Vec<Diagnostic>> {
    let path = root.join(out.to());
    let io = |what: &str, p: &Path, e: std::io::Error| {
        vec![Diagnostic::error(
            "io",
            format!("cannot {what} `{}`: {e}", p.display()),
        )]
    };
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| io("create", parent, e))?;
    }
    match out {
        Output::Text { text, .. } => {
            std::fs::write(&path, text).map_err(|e| io("write", &path, e))?
        }
        Output::Copy { from, .. } => {
            std::fs::copy(from, &path).map_err(|e| io("copy to", &path, e))?;
        }
    }
    Ok(out.to().to_path_buf())
}

/// Refuse when the docs folder and the new `content/` are one, or one holds the other:
/// the import would write over the originals, or read its own output.
fn check_overlap(root_real: &Path, root: &Path, docs: &Path) -> Result<(), Vec<Diagnostic>> {
    let content = root_real.join(CONTENT_DIR);
    let docs_real = real(docs);
    if content.starts_with(&docs_real) || docs_real.starts_with(&content) {
        return Err(vec![
            Diagnostic::error(
                "import-overlap",
                format!(
                    "`{}` and `{}` overlap: the import would change the MkDocs files",
                    docs.display(),
                    root.join(CONTENT_DIR).display()
                ),
            )
            .help("import into a site root whose content/ folder is apart from docs_dir (--root)"),
        ]);
    }
    Ok(())
}

/// `path` with symlinks resolved, also when its end does not exist yet: the nearest
/// existing ancestor is resolved and the rest appended.
fn real(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut rest = Vec::new();
    let mut cur = absolute.as_path();
    loop {
        if let Ok(found) = cur.canonicalize() {
            return rest.iter().rev().fold(found, |acc, part| acc.join(part));
        }
        match (cur.parent(), cur.components().next_back()) {
            (Some(parent), Some(Component::Normal(name))) => {
                rest.push(name.to_owned());
                cur = parent;
            }
            _ => return absolute,
        }
    }
}

/// Whether writing `path` stays inside `root` (resolved): it is no symlink itself and its
/// nearest existing ancestor resolves inside the root.
fn stays_inside(path: &Path, root: &Path) -> bool {
    if path
        .symlink_metadata()
        .is_ok_and(|m| m.file_type().is_symlink())
    {
        return false;
    }
    real(path).starts_with(root)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_not_yet_made_resolve_through_their_ancestors() {
        let dir = tempfile::tempdir().unwrap();
        let base = dir.path().canonicalize().unwrap();
        assert_eq!(real(&dir.path().join("a/b")), base.join("a/b"));
        assert!(stays_inside(&dir.path().join("a/b"), &base));
        assert!(check_overlap(&base, dir.path(), &dir.path().join("content/docs")).is_err());
        assert!(check_overlap(&base, dir.path(), &dir.path().join("docs")).is_ok());
    }
}
