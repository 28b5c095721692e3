//! The only module that writes to disk. Builds into a staging folder beside the output and
//! swaps it in, so the output folder holds the old site or the new one, never a mix.

use crate::diagnostic::Diagnostic;
use crate::output::{Content, Outputs};
use rayon::prelude::*;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// A file helpsite puts in every folder it writes; its absence means "not ours, hands off".
pub const MARKER: &str = ".helpsite-output";

fn err(what: &str, path: &Path, e: io::Error) -> Diagnostic {
    Diagnostic::error("io", format!("cannot {what} `{}`: {e}", path.display()))
}

/// Check that `out` may be replaced: absent, empty, or written by helpsite before.
pub fn check_replaceable(out: &Path) -> Result<(), Diagnostic> {
    if !out.exists() {
        return Ok(());
    }
    if !out.is_dir() {
        return Err(Diagnostic::error(
            "output",
            format!("`{}` exists and is not a folder", out.display()),
        )
        .help("choose another output folder with --out"));
    }
    if out.join(".git").exists() {
        return Err(Diagnostic::error(
            "output",
            format!(
                "refusing to replace `{}`: it holds a `.git` folder",
                out.display()
            ),
        )
        .help("choose another output folder with --out"));
    }
    let empty = fs::read_dir(out)
        .map_err(|e| err("read", out, e))?
        .next()
        .is_none();
    if !empty && !out.join(MARKER).is_file() {
        return Err(Diagnostic::error(
            "output",
            format!("refusing to replace `{}`: helpsite did not create it", out.display()),
        )
        .help(format!(
            "move its files away or choose another folder with --out; helpsite only replaces folders that hold a `{MARKER}` file"
        )));
    }
    Ok(())
}

/// Write every output into `out`, atomically replacing what was there.
pub fn write(out: &Path, outputs: &Outputs) -> Result<(), Diagnostic> {
    check_replaceable(out)?;
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&parent).map_err(|e| err("create", &parent, e))?;
    let name = out
        .file_name()
        .map_or_else(|| "dist".into(), |n| n.to_string_lossy().into_owned());
    let staging = parent.join(format!(".{name}.helpsite-staging"));
    let old = parent.join(format!(".{name}.helpsite-old"));
    remove_ours(&staging)?;
    remove_ours(&old)?;
    if let Err(e) = fill(&staging, outputs) {
        let _ = remove_ours(&staging);
        return Err(e);
    }
    let had_old = out.exists();
    if had_old {
        fs::rename(out, &old).map_err(|e| err("move aside", out, e))?;
    }
    if let Err(e) = fs::rename(&staging, out) {
        if had_old {
            let _ = fs::rename(&old, out);
        }
        return Err(err("move into place", out, e));
    }
    if had_old {
        remove_ours(&old)?;
    }
    Ok(())
}

/// Remove a leftover staging folder, but only one that helpsite wrote.
fn remove_ours(dir: &Path) -> Result<(), Diagnostic> {
    if dir.symlink_metadata().is_err() {
        return Ok(());
    }
    if dir.is_dir() && !dir.is_symlink() && dir.join(MARKER).is_file() {
        fs::remove_dir_all(dir).map_err(|e| err("remove", dir, e))
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

fn fill(staging: &Path, outputs: &Outputs) -> Result<(), Diagnostic> {
    fs::create_dir_all(staging).map_err(|e| err("create", staging, e))?;
    fs::write(
        staging.join(MARKER),
        "written by helpsite; safe to delete with this folder\n",
    )
    .map_err(|e| err("write", staging, e))?;
    let mut dirs: Vec<PathBuf> = outputs
        .keys()
        .filter_map(|k| Path::new(k).parent().map(Path::to_path_buf))
        .collect();
    dirs.sort();
    dirs.dedup();
    // create_dir_all tolerates a parent made by another thread at the same moment.
    dirs.par_iter().try_for_each(|d| {
        let full = staging.join(d);
        fs::create_dir_all(&full).map_err(|e| err("create", &full, e))
    })?;
    outputs.par_iter().try_for_each(|(path, content)| {
        let dest = staging.join(path);
        match content {
            Content::Bytes(b) => fs::write(&dest, b).map_err(|e| err("write", &dest, e)),
            Content::Copy(src) => fs::copy(src, &dest)
                .map(|_| ())
                .map_err(|e| err("copy", src, e)),
        }
    })
}

/// Replace one small file beside the site (the external-link cache) atomically: write a
/// sibling, then rename it over the old one.
pub fn replace_file(path: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".tmp");
    let tmp = PathBuf::from(tmp);
    fs::write(&tmp, bytes).map_err(|e| err("write", &tmp, e))?;
    fs::rename(&tmp, path).map_err(|e| {
        let _ = fs::remove_file(&tmp);
        err("replace", path, e)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_foreign_folders_and_replaces_its_own() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("dist");
        let mut outputs = Outputs::new();
        outputs.insert("a/index.html".into(), Content::Bytes(b"one".to_vec()));
        write(&out, &outputs).unwrap();
        assert_eq!(fs::read(out.join("a/index.html")).unwrap(), b"one");
        outputs.clear();
        outputs.insert("b.txt".into(), Content::Bytes(b"two".to_vec()));
        write(&out, &outputs).unwrap();
        assert!(!out.join("a").exists());
        assert!(out.join("b.txt").exists());

        let foreign = tmp.path().join("mine");
        fs::create_dir(&foreign).unwrap();
        fs::write(foreign.join("notes.txt"), "keep").unwrap();
        assert!(write(&foreign, &outputs).is_err());
        assert_eq!(
            fs::read_to_string(foreign.join("notes.txt")).unwrap(),
            "keep"
        );
    }
}
