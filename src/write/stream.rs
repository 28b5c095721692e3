//! Writing files into the staging folder while the build still runs: each page goes to disk
//! as soon as its template has run, so a build never holds every page's HTML at once (at
//! 10,000 pages that was a third of its peak memory).

use super::fill::{self, Fault, Tree, fill, folders_of, put_bytes};
use super::manifest::{KEPT_MANIFEST, Manifest};
use super::own::discard;
use super::{OutputLock, Staged, check_replaceable, create_staging, drop_staging, take_kept};
use crate::diagnostic::Diagnostic;
use crate::output::{Outputs, Placed};
use std::collections::{BTreeSet, HashSet};
use std::fs;
use std::io;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, PoisonError};
use std::thread::JoinHandle;
use walkdir::WalkDir;

/// The staging folder, open for files written one at a time ([`Stream::place`], from any
/// thread) before [`Stream::finish`] fills in the rest.
///
/// Dropped unfinished (the build failed), it leaves the output alone and keeps the folder
/// for the next build to start from; when writing into it failed, it removes it instead (a
/// full disk must not stay full).
pub struct Stream {
    /// `None` once finished.
    lock: Option<OutputLock>,
    known: Manifest,
    /// What the staging folder holds, from [`Stream::expect`] on.
    tree: Tree,
    /// Folders the thread of [`Stream::expect`] made, once joined.
    made: Mutex<Vec<String>>,
    /// The thread [`Stream::expect`] started to make the files' folders, until joined.
    making: Mutex<Option<MakingFolders>>,
    /// Whether the folder is an earlier build's.
    reused: bool,
    /// Whether [`Stream::expect`] ran: files may have been placed.
    expected: bool,
    faulted: AtomicBool,
}

/// The folder thread: the folders it made, or why it stopped.
type MakingFolders = JoinHandle<Result<Vec<String>, Fault>>;

impl OutputLock {
    /// Open the staging folder beside the locked output: an earlier build's when there is
    /// one (only what changed is written), else a new one.
    pub fn stream(self) -> Result<Stream, Diagnostic> {
        let at = &self.beside;
        check_replaceable(&at.out)?;
        discard(&at.old)?;
        let reused = take_kept(at)?;
        let known = Manifest::take(&at.staging.join(KEPT_MANIFEST));
        Ok(Stream {
            lock: Some(self),
            known,
            tree: Tree::default(),
            made: Mutex::default(),
            making: Mutex::new(None),
            reused,
            expected: false,
            faulted: AtomicBool::new(false),
        })
    }

    /// Fill the staging folder beside the locked output with the outputs of every map in
    /// `outputs`. On failure the staging folder is removed (a full disk must not stay full)
    /// and the output is as it was.
    pub fn stage(self, outputs: &[&Outputs]) -> Result<Staged, Diagnostic> {
        self.stream()?.finish(outputs)
    }
}

impl Stream {
    fn staging(&self) -> &Path {
        // Only `finish` and `drop` take the lock, and both consume the stream.
        self.lock
            .as_ref()
            .map_or(Path::new(""), |l| &l.beside.staging)
    }

    /// Make way for files at `paths` (relative, `/`-separated) before they are placed: in a
    /// reused folder, symlinks and whatever stands where one of their folders or files must
    /// go are removed. A reused folder that cannot be written (after `chmod -R a-w dist`,
    /// say) is no start at all: it goes, and the build starts from an empty one. Then one
    /// thread starts making their folders while the caller goes on (call this early: at
    /// 10,000 pages that is half a second of file system work).
    pub fn expect(&mut self, paths: &[String]) -> Result<(), Diagnostic> {
        self.expected = true;
        let dirs = folders_of(paths.iter().map(String::as_str));
        let files: HashSet<&str> = paths.iter().map(String::as_str).collect();
        if self.reused {
            match clear_way(self.staging(), &dirs, &files) {
                Ok(Some(tree)) => self.tree = tree,
                Ok(None) => self.restart()?,
                Err(fault) => return Err(self.fault(fault)),
            }
        }
        let missing: Vec<String> = dirs
            .into_iter()
            .filter(|d| !self.tree.dirs.contains(*d))
            .map(str::to_owned)
            .collect();
        let staging = self.staging().to_path_buf();
        // One thread: folders made from several at once cost as much system time again.
        let making = std::thread::spawn(move || {
            // Parents come before their children.
            for dir in &missing {
                let full = staging.join(dir);
                fs::create_dir(&full).map_err(|e| Fault::staging("create", &full, e))?;
            }
            Ok(missing)
        });
        *self
            .making
            .get_mut()
            .unwrap_or_else(PoisonError::into_inner) = Some(making);
        Ok(())
    }

    /// Wait for the folders [`Stream::expect`] is making.
    fn folders_made(&self) -> Result<(), Fault> {
        let mut making = self.making.lock().unwrap_or_else(PoisonError::into_inner);
        let Some(thread) = making.take() else {
            return Ok(());
        };
        let dirs = thread.join().unwrap_or_else(|_| {
            let staging = self.staging();
            Err(Fault::staging(
                "create folders in",
                staging,
                std::io::Error::other("the thread making them stopped"),
            ))
        })?;
        self.made
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .extend(dirs);
        Ok(())
    }

    /// Start over from an empty staging folder.
    fn restart(&mut self) -> Result<(), Diagnostic> {
        let Some(lock) = &self.lock else {
            return Ok(());
        };
        let at = &lock.beside;
        discard(&at.staging)?;
        create_staging(at)?;
        self.reused = false;
        self.known = Manifest::default();
        self.tree = Tree::default();
        Ok(())
    }

    /// Write one file at a path given to [`Stream::expect`] (unless the folder holds these
    /// bytes already), once its folder is made.
    pub fn place(&self, path: &str, bytes: &[u8]) -> Result<Placed, Diagnostic> {
        self.folders_made().map_err(|f| self.fault(f))?;
        let on_disk = self.tree.files.contains(path);
        put_bytes(self.staging(), path, bytes, on_disk, &self.known).map_err(|f| self.fault(f))
    }

    fn fault(&self, fault: Fault) -> Diagnostic {
        self.faulted.store(true, Ordering::Relaxed);
        fault.into_diagnostic()
    }

    /// Fill in every other output of `outputs` (those placed already are
    /// [`crate::output::Content::Placed`]), remove what this build does not produce, and
    /// hand over the folder, ready to publish.
    pub fn finish(mut self, outputs: &[&Outputs]) -> Result<Staged, Diagnostic> {
        let Some(lock) = self.lock.take() else {
            return Err(Diagnostic::error("output", "the staging folder was closed"));
        };
        let at = &lock.beside;
        if let Err(fault) = self.folders_made() {
            drop_staging(at);
            return Err(fault.into_diagnostic());
        }
        // From `expect` on, the tree is known: the folder is not read again.
        let made = std::mem::take(self.made.get_mut().unwrap_or_else(PoisonError::into_inner));
        self.tree.dirs.extend(made);
        let tree = self.expected.then(|| std::mem::take(&mut self.tree));
        let mut filled = fill(&at.staging, outputs, &self.known, tree);
        if self.reused
            && !self.expected
            && matches!(
                filled,
                Err(Fault::Staging(_, io::ErrorKind::PermissionDenied))
            )
        {
            // See `expect`: nothing was placed yet, so the build can start over here.
            discard(&at.staging)?;
            create_staging(at)?;
            filled = fill(&at.staging, outputs, &Manifest::default(), None);
        }
        match filled {
            Ok((stats, manifest)) => Ok(Staged {
                lock,
                manifest,
                stats,
            }),
            Err(fault) => {
                drop_staging(at);
                Err(fault.into_diagnostic())
            }
        }
    }
}

impl Drop for Stream {
    /// A build that failed before `finish`: keep the folder for the next one (its manifest
    /// still vouches for the files left untouched), or remove it when writing it failed.
    fn drop(&mut self) {
        // The folder thread must be done before its folder is moved or removed.
        if self.folders_made().is_err() {
            self.faulted.store(true, Ordering::Relaxed);
        }
        let Some(lock) = self.lock.take() else {
            return;
        };
        let at = &lock.beside;
        if self.faulted.load(Ordering::Relaxed) {
            drop_staging(at);
            return;
        }
        self.known.save(&at.staging.join(KEPT_MANIFEST));
        if !at.previous.exists() {
            let _ = fs::rename(&at.staging, &at.previous);
        }
    }
}

/// Read a reused staging folder and clear the way for files at `files` in folders `dirs`:
/// remove symlinks and other special files (writing through one could write outside the
/// output), files where a folder must go and folders where a file must go. Returns what
/// remains, or `None` when a folder in it cannot be written.
fn clear_way(
    staging: &Path,
    dirs: &BTreeSet<&str>,
    files: &HashSet<&str>,
) -> Result<Option<Tree>, Fault> {
    if read_only(staging) {
        return Ok(None);
    }
    let mut tree = Tree::default();
    let mut walk = WalkDir::new(staging).min_depth(1).into_iter();
    while let Some(entry) = walk.next() {
        let entry = entry.map_err(|e| fill::read_fault(staging, e))?;
        let Some(rel) = fill::relative(staging, entry.path()) else {
            continue;
        };
        let path = entry.path();
        let kind = entry.file_type();
        let remove = |r: io::Result<()>| r.map_err(|e| Fault::staging("remove", path, e));
        if kind.is_dir() {
            if files.contains(rel.as_str()) {
                walk.skip_current_dir();
                remove(fs::remove_dir_all(path))?;
                continue;
            }
            if read_only(path) {
                return Ok(None);
            }
            tree.dirs.insert(rel);
        } else if kind.is_file() && !dirs.contains(rel.as_str()) {
            tree.files.insert(rel);
        } else {
            remove(fs::remove_file(path))?;
        }
    }
    Ok(Some(tree))
}

/// Whether the folder at `path` has lost its write permission.
fn read_only(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok_and(|m| m.permissions().readonly())
}
