//! Filling the staging folder: make it hold exactly this build's outputs, rewriting only the
//! files whose bytes changed.

use super::manifest::{Entry, Manifest, mtime};
use super::{MARKER, WriteStats, err};
use crate::diagnostic::Diagnostic;
use crate::output::{Content, Outputs, Placed};
use rayon::prelude::*;
use std::collections::{BTreeSet, HashSet};
use std::fs;
use std::io::{self, Read, Write};
use std::path::Path;
use walkdir::WalkDir;
use xxhash_rust::xxh3::xxh3_128;

/// Why the staging folder could not be filled.
pub(super) enum Fault {
    /// An input (an asset copied as it is) could not be read.
    Input(Diagnostic),
    /// The staging folder could not be written, for this reason.
    Staging(Diagnostic, io::ErrorKind),
}

impl Fault {
    pub(super) fn staging(what: &str, path: &Path, e: io::Error) -> Fault {
        let kind = e.kind();
        Fault::Staging(err(what, path, e), kind)
    }

    pub(super) fn into_diagnostic(self) -> Diagnostic {
        match self {
            Fault::Input(d) | Fault::Staging(d, _) => d,
        }
    }
}

/// Make `staging` hold exactly `outputs` (plus the marker), touching only what differs.
///
/// `tree`: what the folder holds, when read already (see [`Tree`]); else it is read here.
pub(super) fn fill(
    staging: &Path,
    outputs: &[&Outputs],
    known: &Manifest,
    tree: Option<Tree>,
) -> Result<(WriteStats, Manifest), Fault> {
    let dirs = folders(outputs);
    let (existing, removed) = match tree {
        Some(tree) => prune_known(staging, outputs, &dirs, tree)?,
        None => prune(staging, outputs, &dirs)?,
    };
    let marker = staging.join(MARKER);
    if !existing.contains(MARKER) {
        fs::write(&marker, MARKER_TEXT).map_err(|e| Fault::staging("write", &marker, e))?;
    }
    make_folders(staging, &dirs, &existing)?;
    let entries: Vec<(bool, String, Option<Entry>)> = outputs
        .par_iter()
        .flat_map(|o| o.par_iter())
        .map(|(path, content)| {
            let on_disk = existing.contains(path.as_str());
            put(staging, path, content, on_disk, known)
        })
        .collect::<Result<_, Fault>>()?;
    let written = entries.iter().filter(|(w, _, _)| *w).count();
    let entries_len = entries.len();
    let manifest = Manifest {
        files: entries
            .into_iter()
            .filter_map(|(_, path, entry)| Some((path, entry?)))
            .collect(),
    };
    let stats = WriteStats {
        written,
        unchanged: entries_len - written,
        removed,
    };
    Ok((stats, manifest))
}

/// What the marker file says to whoever finds it.
pub(super) const MARKER_TEXT: &str = "written by helpsite; safe to delete with this folder\n";

/// Every folder the outputs need (relative, `/`-separated), parents before children.
fn folders<'a>(outputs: &[&'a Outputs]) -> BTreeSet<&'a str> {
    folders_of(outputs.iter().flat_map(|o| o.keys().map(String::as_str)))
}

/// Every folder that files at `paths` need, parents before children.
pub(super) fn folders_of<'a>(paths: impl Iterator<Item = &'a str>) -> BTreeSet<&'a str> {
    let mut dirs: BTreeSet<&str> = BTreeSet::new();
    for key in paths {
        let mut rest = key;
        while let Some(cut) = rest.rfind('/') {
            rest = &rest[..cut];
            if !dirs.insert(rest) {
                break;
            }
        }
    }
    dirs
}

/// Create the folders of `dirs` that are not in `existing`.
pub(super) fn make_folders(
    staging: &Path,
    dirs: &BTreeSet<&str>,
    existing: &HashSet<String>,
) -> Result<(), Fault> {
    // Parents sort before their children, so each folder's parent exists by the time it is
    // made; folders of one level are independent and can be made in parallel.
    let mut by_depth: Vec<Vec<&str>> = Vec::new();
    for d in dirs.iter().copied().filter(|d| !existing.contains(*d)) {
        let depth = d.matches('/').count();
        if by_depth.len() <= depth {
            by_depth.resize_with(depth + 1, Vec::new);
        }
        by_depth[depth].push(d);
    }
    for level in &by_depth {
        level.par_iter().try_for_each(|d| {
            let full = staging.join(d);
            fs::create_dir(&full).map_err(|e| Fault::staging("create", &full, e))
        })?;
    }
    Ok(())
}

/// Put one output file in place unless the same bytes are there already. Returns whether
/// it was written, its path, and its manifest entry.
fn put(
    staging: &Path,
    path: &str,
    content: &Content,
    on_disk: bool,
    known: &Manifest,
) -> Result<(bool, String, Option<Entry>), Fault> {
    let placed = match content {
        Content::Bytes(b) => put_bytes(staging, path, b, on_disk, known)?,
        Content::Copy(src) => {
            let bytes = fs::read(src).map_err(|e| Fault::Input(err("read", src, e)))?;
            put_bytes(staging, path, &bytes, on_disk, known)?
        }
        // Written while the build ran.
        Content::Placed(placed) => *placed,
    };
    let entry = placed.mtime.map(|mtime| Entry {
        len: placed.len,
        mtime,
        hash: placed.hash,
    });
    Ok((placed.written, path.to_owned(), entry))
}

/// [`put`] for bytes in hand; `on_disk`: whether the staging folder holds a file at `path`.
pub(super) fn put_bytes(
    staging: &Path,
    path: &str,
    bytes: &[u8],
    on_disk: bool,
    known: &Manifest,
) -> Result<Placed, Fault> {
    let dest = staging.join(path);
    let hash = xxh3_128(bytes);
    let len = bytes.len() as u64;
    if on_disk && let Some(entry) = known.vouches(path, &dest, len, hash) {
        return Ok(Placed {
            len,
            hash,
            mtime: Some(entry.mtime),
            written: false,
        });
    }
    let same = on_disk && same_bytes(&dest, bytes);
    let meta = if same {
        fs::symlink_metadata(&dest).ok()
    } else {
        // The time comes from the open file: no second lookup of its path.
        let write = || -> io::Result<fs::Metadata> {
            let mut file = fs::File::create(&dest)?;
            file.write_all(bytes)?;
            file.metadata()
        };
        Some(write().map_err(|e| Fault::staging("write", &dest, e))?)
    };
    let mtime = meta.as_ref().and_then(mtime);
    Ok(Placed {
        len,
        hash,
        mtime,
        written: !same,
    })
}

/// Remove from a reused staging folder everything this build does not produce. Returns the
/// files and folders that remain (relative, `/`-separated) and how many entries went.
fn prune(
    staging: &Path,
    outputs: &[&Outputs],
    dirs: &BTreeSet<&str>,
) -> Result<(HashSet<String>, usize), Fault> {
    let mut existing = HashSet::new();
    let mut removed = 0;
    let mut walk = WalkDir::new(staging).min_depth(1).into_iter();
    while let Some(entry) = walk.next() {
        let entry = entry.map_err(|e| read_fault(staging, e))?;
        let Some(rel) = relative(staging, entry.path()) else {
            continue;
        };
        let path = entry.path();
        let kind = entry.file_type();
        if kind.is_dir() {
            if dirs.contains(rel.as_str()) {
                existing.insert(rel);
            } else {
                walk.skip_current_dir();
                fs::remove_dir_all(path).map_err(|e| Fault::staging("remove", path, e))?;
                removed += 1;
            }
        } else if kind.is_file() && (rel == MARKER || outputs.iter().any(|o| o.contains_key(&rel)))
        {
            existing.insert(rel);
        } else {
            // Stale pages, files standing where a folder must go, and anything that is not
            // a plain file: writing through a symlink could write outside the output.
            fs::remove_file(path).map_err(|e| Fault::staging("remove", path, e))?;
            removed += 1;
        }
    }
    Ok((existing, removed))
}

/// The files and folders of a staging folder (relative, `/`-separated), as read by a walk
/// and kept up to date by the build's own changes since: a second walk is not needed.
/// Holds no symlinks or other special files (the walk removed them).
#[derive(Debug, Default)]
pub(super) struct Tree {
    pub(super) files: HashSet<String>,
    pub(super) dirs: HashSet<String>,
}

/// [`prune`] for a folder whose contents are known: the same removals, without reading it.
fn prune_known(
    staging: &Path,
    outputs: &[&Outputs],
    dirs: &BTreeSet<&str>,
    tree: Tree,
) -> Result<(HashSet<String>, usize), Fault> {
    let mut removed = 0;
    let mut stale: Vec<&String> = tree
        .dirs
        .iter()
        .filter(|d| !dirs.contains(d.as_str()))
        .collect();
    stale.sort_unstable();
    let mut gone: HashSet<&str> = HashSet::new();
    let under_gone = |path: &str, gone: &HashSet<&str>| {
        let mut rest = path;
        while let Some(cut) = rest.rfind('/') {
            rest = &rest[..cut];
            if gone.contains(rest) {
                return true;
            }
        }
        false
    };
    for d in stale {
        if under_gone(d, &gone) {
            continue;
        }
        let path = staging.join(d);
        fs::remove_dir_all(&path).map_err(|e| Fault::staging("remove", &path, e))?;
        removed += 1;
        gone.insert(d);
    }
    let mut existing: HashSet<String> = HashSet::with_capacity(tree.files.len() + tree.dirs.len());
    for f in tree.files {
        if f == MARKER || outputs.iter().any(|o| o.contains_key(&f)) {
            existing.insert(f);
        } else if !under_gone(&f, &gone) {
            let path = staging.join(&f);
            fs::remove_file(&path).map_err(|e| Fault::staging("remove", &path, e))?;
            removed += 1;
        }
    }
    drop(gone);
    existing.extend(tree.dirs.into_iter().filter(|d| dirs.contains(d.as_str())));
    Ok((existing, removed))
}

/// An entry of the staging folder that could not be read.
pub(super) fn read_fault(staging: &Path, e: walkdir::Error) -> Fault {
    let path = e.path().unwrap_or(staging).to_path_buf();
    Fault::staging("read", &path, e.into())
}

/// `path` relative to `staging`, `/`-separated; `None` when it is not valid UTF-8.
pub(super) fn relative(staging: &Path, path: &Path) -> Option<String> {
    path.strip_prefix(staging)
        .ok()
        .and_then(|r| r.to_str())
        .map(|r| r.replace(std::path::MAIN_SEPARATOR, "/"))
}

/// Whether the file at `path` holds exactly `bytes` (reading is far cheaper than writing).
fn same_bytes(path: &Path, bytes: &[u8]) -> bool {
    let Ok(mut file) = fs::File::open(path) else {
        return false;
    };
    if file.metadata().map(|m| m.len()).ok() != Some(bytes.len() as u64) {
        return false;
    }
    let mut have = Vec::with_capacity(bytes.len());
    file.read_to_end(&mut have).is_ok() && have == bytes
}
