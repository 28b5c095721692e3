//! The only module that writes to disk. Builds into a staging folder beside the output and
//! swaps it in, so the output folder holds the old site or the new one, never a mix.

use crate::diagnostic::Diagnostic;
use crate::output::{Content, Outputs};
use rayon::prelude::*;
use std::collections::{BTreeSet, HashSet};
use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use walkdir::WalkDir;
use xxhash_rust::xxh3::xxh3_128;

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
pub fn write(out: &Path, outputs: &Outputs) -> Result<WriteStats, Diagnostic> {
    stage(out, &[outputs])?.publish()
}

/// A build written into its staging folder and not yet published: the caller decides
/// (after the link check, which can run while the files are written) whether it goes live.
pub struct Staged {
    out: PathBuf,
    staging: PathBuf,
    previous: PathBuf,
    out_manifest: PathBuf,
    manifest: Manifest,
    stats: WriteStats,
}

/// The first half of [`write`]: fill the staging folder beside `out` with the outputs of
/// every map in `outputs` (the build keeps the search index apart while it is made).
pub fn stage(out: &Path, outputs: &[&Outputs]) -> Result<Staged, Diagnostic> {
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
    let previous = parent.join(format!(".{name}.helpsite-previous"));
    let out_manifest = parent.join(format!(".{name}.helpsite-manifest"));
    // Left by versions that deleted the old output after the swap.
    remove_ours(&parent.join(format!(".{name}.helpsite-old")))?;
    if ours(&staging)? {
        // A write that stopped half-way: its folder is as good a start as any.
        remove_ours(&previous)?;
    } else if ours(&previous)? {
        fs::rename(&previous, &staging).map_err(|e| err("reuse", &previous, e))?;
    }
    let known = Manifest::take(&staging.join(KEPT_MANIFEST));
    let (stats, manifest) = fill(&staging, outputs, &known)?;
    Ok(Staged {
        out: out.to_path_buf(),
        staging,
        previous,
        out_manifest,
        manifest,
        stats,
    })
}

impl Staged {
    /// Swap the staging folder in as the output; the old output becomes the kept folder.
    pub fn publish(self) -> Result<WriteStats, Diagnostic> {
        let Staged {
            out,
            staging,
            previous,
            out_manifest,
            manifest,
            stats,
        } = self;
        let had_old = out.exists();
        if had_old {
            fs::rename(&out, &previous).map_err(|e| err("move aside", &out, e))?;
            // The output's manifest travels with it into the kept folder (best effort: a
            // missing manifest only means the next write compares bytes).
            let _ = fs::rename(&out_manifest, previous.join(KEPT_MANIFEST));
        }
        if let Err(e) = fs::rename(&staging, &out) {
            if had_old {
                let _ = fs::rename(&previous, &out);
            }
            return Err(err("move into place", &out, e));
        }
        manifest.save(&out_manifest);
        Ok(stats)
    }

    /// Do not publish: the output stays as it was, and the filled folder is kept for the
    /// next build to start from.
    pub fn abandon(self) {
        self.manifest.save(&self.staging.join(KEPT_MANIFEST));
        if !self.previous.exists() {
            let _ = fs::rename(&self.staging, &self.previous);
        }
    }
}

/// The manifest's name inside the kept folder (never inside the published output).
const KEPT_MANIFEST: &str = ".helpsite-manifest";

/// Length, modification time and content hash of every file in a folder helpsite wrote.
#[derive(Default, serde::Serialize, serde::Deserialize)]
struct Manifest {
    files: std::collections::BTreeMap<String, Entry>,
}

#[derive(Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
struct Entry {
    len: u64,
    /// Modification time, nanoseconds since the epoch.
    mtime: u128,
    /// xxh3-128 of the bytes, as hex (JSON numbers stop at 64 bits in many readers).
    #[serde(with = "hex128")]
    hash: u128,
}

mod hex128 {
    use serde::{Deserialize, Deserializer, Serializer};
    pub fn serialize<S: Serializer>(v: &u128, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&format!("{v:032x}"))
    }
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<u128, D::Error> {
        let text = String::deserialize(d)?;
        u128::from_str_radix(&text, 16).map_err(serde::de::Error::custom)
    }
}

impl Manifest {
    /// Read and delete the manifest at `path`; empty when absent or unreadable.
    fn take(path: &Path) -> Manifest {
        let manifest = fs::read(path)
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default();
        let _ = fs::remove_file(path);
        manifest
    }

    fn save(&self, path: &Path) {
        if let Ok(json) = serde_json::to_vec(self) {
            // Best effort: without it the next write reads files back to compare them.
            let _ = replace_file(path, &json);
        }
    }

    /// Whether the file at `path`, described as `rel` here, certainly holds bytes hashing to
    /// `hash`, judged by its recorded length and time alone.
    fn vouches(&self, rel: &str, path: &Path, len: u64, hash: u128) -> Option<Entry> {
        let e = self.files.get(rel)?;
        let meta = fs::symlink_metadata(path).ok()?;
        (e.hash == hash
            && e.len == len
            && meta.is_file()
            && meta.len() == len
            && mtime(&meta) == Some(e.mtime))
        .then_some(*e)
    }
}

fn mtime(meta: &fs::Metadata) -> Option<u128> {
    meta.modified()
        .ok()?
        .duration_since(std::time::UNIX_EPOCH)
        .ok()
        .map(|d| d.as_nanos())
}

/// Whether `dir` is a folder helpsite wrote; an error when something else is in the way.
fn ours(dir: &Path) -> Result<bool, Diagnostic> {
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

/// Remove a leftover folder, but only one that helpsite wrote.
fn remove_ours(dir: &Path) -> Result<(), Diagnostic> {
    if ours(dir)? {
        fs::remove_dir_all(dir).map_err(|e| err("remove", dir, e))?;
    }
    Ok(())
}

/// Make `staging` hold exactly `outputs` (plus the marker), touching only what differs.
fn fill(
    staging: &Path,
    outputs: &[&Outputs],
    known: &Manifest,
) -> Result<(WriteStats, Manifest), Diagnostic> {
    fs::create_dir_all(staging).map_err(|e| err("create", staging, e))?;
    let marker = staging.join(MARKER);
    if !marker.is_file() {
        fs::write(
            &marker,
            "written by helpsite; safe to delete with this folder\n",
        )
        .map_err(|e| err("write", staging, e))?;
    }
    let mut dirs: BTreeSet<&str> = BTreeSet::new();
    for key in outputs.iter().flat_map(|o| o.keys()) {
        let mut rest = key.as_str();
        while let Some(cut) = rest.rfind('/') {
            rest = &rest[..cut];
            if !dirs.insert(rest) {
                break;
            }
        }
    }
    let (existing, removed) = prune(staging, outputs, &dirs)?;
    // Parents sort before their children, so each folder's parent exists by the time it is
    // made; folders of one level are independent and can be made in parallel.
    let missing: Vec<&str> = dirs
        .iter()
        .copied()
        .filter(|d| !existing.contains(*d))
        .collect();
    let mut by_depth: Vec<Vec<&str>> = Vec::new();
    for d in missing {
        let depth = d.matches('/').count();
        if by_depth.len() <= depth {
            by_depth.resize_with(depth + 1, Vec::new);
        }
        by_depth[depth].push(d);
    }
    for level in &by_depth {
        level.par_iter().try_for_each(|d| {
            let full = staging.join(d);
            fs::create_dir(&full).map_err(|e| err("create", &full, e))
        })?;
    }
    let entries: Vec<(bool, String, Option<Entry>)> = outputs
        .par_iter()
        .flat_map(|o| o.par_iter())
        .map(|(path, content)| {
            let dest = staging.join(path);
            let owned;
            let bytes: &[u8] = match content {
                Content::Bytes(b) => b,
                Content::Copy(src) => {
                    owned = fs::read(src).map_err(|e| err("read", src, e))?;
                    &owned
                }
            };
            let hash = xxh3_128(bytes);
            let len = bytes.len() as u64;
            let on_disk = existing.contains(path.as_str());
            if on_disk && let Some(entry) = known.vouches(path, &dest, len, hash) {
                return Ok((false, path.clone(), Some(entry)));
            }
            let same = on_disk && same_bytes(&dest, bytes);
            if !same {
                fs::write(&dest, bytes).map_err(|e| err("write", &dest, e))?;
            }
            let entry = fs::symlink_metadata(&dest)
                .ok()
                .and_then(|m| mtime(&m))
                .map(|mtime| Entry { len, mtime, hash });
            Ok((!same, path.clone(), entry))
        })
        .collect::<Result<_, Diagnostic>>()?;
    let written = entries.iter().filter(|(w, _, _)| *w).count();
    let entries_len = entries.len();
    let manifest = Manifest {
        files: entries
            .into_iter()
            .filter_map(|(_, path, entry)| Some((path, entry?)))
            .collect(),
    };
    Ok((
        WriteStats {
            written,
            unchanged: entries_len - written,
            removed,
        },
        manifest,
    ))
}

/// Remove from a reused staging folder everything this build does not produce. Returns the
/// files and folders that remain (relative, `/`-separated) and how many entries went.
fn prune(
    staging: &Path,
    outputs: &[&Outputs],
    dirs: &BTreeSet<&str>,
) -> Result<(HashSet<String>, usize), Diagnostic> {
    let mut existing = HashSet::new();
    let mut removed = 0;
    let mut walk = WalkDir::new(staging).min_depth(1).into_iter();
    while let Some(entry) = walk.next() {
        let entry = entry.map_err(|e| {
            let path = e.path().unwrap_or(staging).to_path_buf();
            err("read", &path, e.into())
        })?;
        let Some(rel) = entry
            .path()
            .strip_prefix(staging)
            .ok()
            .and_then(|r| r.to_str())
            .map(|r| r.replace(std::path::MAIN_SEPARATOR, "/"))
        else {
            continue;
        };
        let path = entry.path();
        if entry.file_type().is_dir() {
            if dirs.contains(rel.as_str()) {
                existing.insert(rel);
            } else {
                walk.skip_current_dir();
                fs::remove_dir_all(path).map_err(|e| err("remove", path, e))?;
                removed += 1;
            }
        } else if rel == MARKER || outputs.iter().any(|o| o.contains_key(&rel)) {
            existing.insert(rel);
        } else {
            // Stale pages, and symlinks or files standing where a folder must go.
            fs::remove_file(path).map_err(|e| err("remove", path, e))?;
            removed += 1;
        }
    }
    Ok((existing, removed))
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
