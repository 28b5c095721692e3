//! One build at a time per output folder: an advisory lock on a file beside it
//! (`.<name>.helpsite-lock`), held from staging until the new output is published.

use super::{Beside, err, in_parent};
use crate::diagnostic::Diagnostic;
use std::fs::{self, File, OpenOptions, TryLockError};
use std::io;
use std::path::Path;

/// The right to write one output folder and the folders helpsite keeps beside it. Other
/// helpsite processes wait for it; it is released when dropped (or the process ends).
pub struct OutputLock {
    /// Held open for the lock; closing it releases the lock.
    _file: File,
    pub(super) beside: Beside,
}

impl OutputLock {
    /// Lock the output folder `out`. While another build holds it, call `on_wait` once and
    /// wait for it: two builds writing one folder would delete each other's files.
    ///
    /// The lock file stays (empty) after the build: deleting it could let a third build
    /// lock a new file while a second still waits on the old one.
    pub fn take(out: &Path, on_wait: impl FnOnce(&Path)) -> Result<OutputLock, Diagnostic> {
        let beside = Beside::of(out);
        fs::create_dir_all(&beside.parent).map_err(|e| err("create", &beside.parent, e))?;
        let file = open(&beside.lock).map_err(|e| in_parent(&beside.parent, &beside.lock, e))?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                on_wait(out);
                file.lock().map_err(|e| err("lock", &beside.lock, e))?;
            }
            // A file system without locks (some network shares): go on unguarded, as before.
            Err(TryLockError::Error(e)) if e.kind() == io::ErrorKind::Unsupported => {}
            Err(TryLockError::Error(e)) => return Err(err("lock", &beside.lock, e)),
        }
        Ok(OutputLock {
            _file: file,
            beside,
        })
    }
}

/// Open (creating) the lock file; an existing one that cannot be written still locks.
fn open(path: &Path) -> io::Result<File> {
    let created = OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(false)
        .open(path);
    match created {
        Err(e) if e.kind() == io::ErrorKind::PermissionDenied => File::open(path).map_err(|_| e),
        other => other,
    }
}
