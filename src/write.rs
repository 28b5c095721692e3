//! The only module that writes to disk. Builds into a staging folder beside the output and
//! swaps it in, so the output folder holds the old site or the new one, never a mix.

mod fill;
mod lock;
mod manifest;
mod own;
mod stream;

use crate::diagnostic::Diagnostic;
use crate::output::Outputs;
use fill::MARKER_TEXT;
pub use lock::OutputLock;
use manifest::{KEPT_MANIFEST, Manifest};
use own::{discard, ours};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
pub use stream::Stream;

/// A file helpsite puts in every folder it writes; its absence means "not ours, hands off".
pub const MARKER: &str = ".helpsite-output";

fn err(what: &str, path: &Path, e: io::Error) -> Diagnostic {
    Diagnostic::error("io", format!("cannot {what} `{}`: {e}", path.display()))
}

/// An error creating something at `path` in the folder `parent` that holds the output: when
/// that folder cannot be written, say so and what to do rather than name a staging folder
/// the user never asked for.
fn in_parent(parent: &Path, path: &Path, e: io::Error) -> Diagnostic {
    match e.kind() {
        io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem => {
            Diagnostic::error(
                "output",
                format!(
                    "`{}` cannot be written ({e}); helpsite builds the new site in a folder beside the output folder and swaps it in",
                    parent.display()
                ),
            )
            .help("make it writable, or choose an output folder elsewhere with --out")
        }
        _ => err("create", path, e),
    }
}

/// Check that `out` may be replaced: absent, empty, or written by helpsite before.
pub fn check_replaceable(out: &Path) -> Result<(), Diagnostic> {
    if !out.exists() {
        return Ok(());
    }
    let refuse = |why: String| {
        Diagnostic::error("output", why).help("choose another output folder with --out")
    };
    if !out.is_dir() {
        return Err(refuse(format!(
            "`{}` exists and is not a folder",
            out.display()
        )));
    }
    if out.join(".git").exists() {
        return Err(refuse(format!(
            "refusing to replace `{}`: it holds a `.git` folder",
            out.display()
        )));
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

/// What a write did, for `-v` and tests.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct WriteStats {
    /// Files written because they were new or their bytes changed.
    pub written: usize,
    /// Files left alone because the reused folder already held the same bytes.
    pub unchanged: usize,
    /// Files and folders of an earlier build that no longer exist in this one.
    pub removed: usize,
}

/// The output folder `DIR/NAME` and what helpsite keeps beside it, in `DIR`.
struct Beside {
    out: PathBuf,
    parent: PathBuf,
    /// `.NAME.helpsite-staging`: the build being written.
    staging: PathBuf,
    /// `.NAME.helpsite-previous`: the build before last, the next staging folder.
    previous: PathBuf,
    /// `.NAME.helpsite-manifest`: the manifest of the output.
    manifest: PathBuf,
    /// `.NAME.helpsite-lock`: locked while a build writes any of these.
    lock: PathBuf,
    /// `.NAME.helpsite-old`: left by versions that deleted the old output after the swap.
    old: PathBuf,
}

impl Beside {
    fn of(out: &Path) -> Beside {
        let parent = match out.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let name = out
            .file_name()
            .map_or_else(|| "dist".into(), |n| n.to_string_lossy().into_owned());
        let sibling = |what: &str| parent.join(format!(".{name}.helpsite-{what}"));
        Beside {
            out: out.to_path_buf(),
            staging: sibling("staging"),
            previous: sibling("previous"),
            manifest: sibling("manifest"),
            lock: sibling("lock"),
            old: sibling("old"),
            parent,
        }
    }
}

/// Write every output into `out`, atomically replacing what was there.
///
/// The output is assembled in a staging folder beside `out` and renamed into place. The
/// build before it is kept beside the output (`.<name>.helpsite-previous`) and becomes the
/// next staging folder: only files whose bytes changed are rewritten and stale ones removed.
/// Deleting and recreating twenty thousand files costs more than building the pages, and
/// unchanged files keep their timestamps, which `rsync`-style deploys rely on.
///
/// A manifest (length, modification time and hash of each file) describes each folder, so
/// that unchanged files need not even be read back: `.<name>.helpsite-manifest` beside the
/// output for the output, `.helpsite-manifest` inside the kept folder for that one. A
/// manifest entry only counts when the file on disk still has its length and time.
///
/// Waits (silently) while another build writes `out`; see [`OutputLock`].
pub fn write(out: &Path, outputs: &Outputs) -> Result<WriteStats, Diagnostic> {
    stage(out, &[outputs])?.publish()
}

/// A build written into its staging folder and not yet published: the caller decides
/// (after the link check, which can run while the files are written) whether it goes live.
/// It holds the output's lock until then.
pub struct Staged {
    lock: OutputLock,
    manifest: Manifest,
    stats: WriteStats,
}

/// The first half of [`write`]: fill the staging folder beside `out` with the outputs of
/// every map in `outputs` (the build keeps the search index apart while it is made),
/// waiting silently while another build writes `out`. [`OutputLock::stage`] does the same
/// for an output already locked.
pub fn stage(out: &Path, outputs: &[&Outputs]) -> Result<Staged, Diagnostic> {
    OutputLock::take(out, |_| {})?.stage(outputs)
}

/// Make the staging folder, from what an earlier build left when there is something;
/// returns whether it did.
fn take_kept(at: &Beside) -> Result<bool, Diagnostic> {
    if ours(&at.staging)? {
        // A write that was stopped half-way: its folder is as good a start as any.
        discard(&at.previous)?;
        return Ok(true);
    }
    if ours(&at.previous)? {
        fs::rename(&at.previous, &at.staging).map_err(|e| in_parent(&at.parent, &at.staging, e))?;
        return Ok(true);
    }
    create_staging(at)?;
    Ok(false)
}

/// An empty staging folder, marked as helpsite's from the start so that it can be removed.
fn create_staging(at: &Beside) -> Result<(), Diagnostic> {
    fs::create_dir(&at.staging).map_err(|e| in_parent(&at.parent, &at.staging, e))?;
    let marker = at.staging.join(MARKER);
    fs::write(&marker, MARKER_TEXT).map_err(|e| {
        let _ = fs::remove_file(&marker);
        let _ = fs::remove_dir(&at.staging);
        err("write", &marker, e)
    })
}

/// Remove the staging folder of a failed build (best effort: the error that failed the
/// build matters more than this one).
fn drop_staging(at: &Beside) {
    if discard(&at.staging).is_err() {
        // An empty folder (not marked yet) goes too; anything else stays.
        let _ = fs::remove_dir(&at.staging);
    }
}

impl Staged {
    /// Swap the staging folder in as the output; the old output becomes the kept folder.
    pub fn publish(self) -> Result<WriteStats, Diagnostic> {
        let Staged {
            lock,
            manifest,
            stats,
        } = self;
        let at = &lock.beside;
        let had_old = at.out.exists();
        if had_old {
            if let Err(e) = fs::rename(&at.out, &at.previous) {
                drop_staging(at);
                return Err(err("move aside", &at.out, e));
            }
            // The output's manifest travels with it into the kept folder (best effort: a
            // missing manifest only means the next write compares bytes).
            let _ = fs::rename(&at.manifest, at.previous.join(KEPT_MANIFEST));
        }
        if let Err(e) = fs::rename(&at.staging, &at.out) {
            if had_old && fs::rename(&at.previous, &at.out).is_ok() {
                let _ = fs::rename(at.out.join(KEPT_MANIFEST), &at.manifest);
            }
            drop_staging(at);
            return Err(err("move into place", &at.out, e));
        }
        manifest.save(&at.manifest);
        Ok(stats)
    }

    /// Do not publish: the output stays as it was, and the filled folder is kept for the
    /// next build to start from.
    pub fn abandon(self) {
        let at = &self.lock.beside;
        self.manifest.save(&at.staging.join(KEPT_MANIFEST));
        if !at.previous.exists() {
            let _ = fs::rename(&at.staging, &at.previous);
        }
    }
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
mod tests;
