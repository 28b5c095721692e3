//! Folders helpsite wrote (they hold the marker file), and removing them: only those.

use super::MARKER;
use crate::diagnostic::Diagnostic;
use std::fs;
use std::io;
use std::path::Path;

/// Whether `dir` is a folder helpsite wrote; an error when something else is in the way.
pub(super) fn ours(dir: &Path) -> Result<bool, Diagnostic> {
    if dir.symlink_metadata().is_err() {
        return Ok(false);
    }
    if dir.is_dir() && !dir.is_symlink() && dir.join(MARKER).is_file() {
        Ok(true)
    } else {
        Err(Diagnostic::error(
            "output",
            format!(
                "`{}` is in the way and was not written by helpsite",
                dir.display()
            ),
        )
        .help("remove it by hand"))
    }
}

/// Remove a folder helpsite wrote, and only such a folder. One made read-only since (say
/// by `chmod -R a-w`) has its folders made writable again first: it is helpsite's to
/// delete. One that still cannot be removed is an error that says so.
pub(super) fn discard(dir: &Path) -> Result<(), Diagnostic> {
    if !ours(dir)? {
        return Ok(());
    }
    let removed = fs::remove_dir_all(dir).or_else(|e| {
        if e.kind() != io::ErrorKind::PermissionDenied {
            return Err(e);
        }
        make_writable(dir);
        fs::remove_dir_all(dir)
    });
    removed.map_err(|e| {
        Diagnostic::error(
            "output",
            format!(
                "cannot remove `{}`, a folder an earlier build left: {e}",
                dir.display()
            ),
        )
        .help("remove it by hand; it holds nothing but an old build")
    })
}

/// Give the owner write (and search) permission on every folder under `dir`, without
/// following symlinks; files need none to be deleted.
fn make_writable(dir: &Path) {
    for entry in walkdir::WalkDir::new(dir).into_iter().flatten() {
        if !entry.file_type().is_dir() {
            continue;
        }
        let Ok(meta) = entry.metadata() else {
            continue;
        };
        let mut perms = meta.permissions();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            if perms.mode() & 0o700 == 0o700 {
                continue;
            }
            perms.set_mode(perms.mode() | 0o700);
        }
        #[cfg(not(unix))]
        {
            if !perms.readonly() {
                continue;
            }
            perms.set_readonly(false);
        }
        let _ = fs::set_permissions(entry.path(), perms);
    }
}
