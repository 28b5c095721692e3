//! Watching the site's inputs (helpsite.yaml, content/, templates/, static/, themes/) with
//! notify, falling back to polling ([`Poller`]) when native watching is unavailable or
//! `--poll` asks.
//!
//! Events are debounced here rather than with notify-debouncer-full: a batch closes after
//! [`QUIET`] without events, so an editor's save burst (temp file, rename, backup) becomes
//! one batch with a delay of tens of milliseconds instead of the debouncer's timeout plus
//! tick. Renames need no file-id tracking: every touched path is looked at again on disk.

use super::poll::Poller;
use crate::diagnostic::Diagnostic;
use crate::discover::CONTENT_DIR;
use crate::incremental::{Changes, THEME_DIRS};
use notify::event::{AccessKind, AccessMode};
use notify::{Event, EventKind, RecursiveMode, Watcher};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

/// A batch closes after this long without new events.
pub const QUIET: Duration = Duration::from_millis(30);
/// A batch never waits longer than this (a long `git checkout`).
pub const MAX_WAIT: Duration = Duration::from_secs(1);
/// How often polling looks at every input file.
pub const POLL_INTERVAL: Duration = Duration::from_millis(500);

/// Changes gathered from one burst of events.
#[derive(Debug)]
pub struct Batch {
    pub changes: Changes,
    /// When the first event of the burst arrived.
    pub first_event: Instant,
}

impl Batch {
    pub fn merge(&mut self, other: Batch) {
        self.changes.merge(other.changes);
        self.first_event = self.first_event.min(other.first_event);
    }
}

/// How the files are watched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Native,
    Poll,
}

type Raw = notify::Result<Event>;

/// Start watching `root` (canonical); batches go to `batches` until `stop` is set.
pub fn start(
    root: &Path,
    out_dir: &Path,
    poll: bool,
    batches: Sender<Batch>,
    stop: Arc<AtomicBool>,
) -> Result<Mode, Diagnostic> {
    let (raw_tx, raw_rx) = mpsc::channel::<Raw>();
    let backend = if poll {
        Backend::poll(root, raw_tx)?
    } else {
        match Backend::native(root, raw_tx.clone()) {
            Ok(native) => native,
            Err(e) => {
                eprintln!(
                    "helpsite: warning: native file watching failed ({e}); polling every {} ms instead",
                    POLL_INTERVAL.as_millis()
                );
                Backend::poll(root, raw_tx)?
            }
        }
    };
    spawn(backend, raw_rx, root, out_dir, batches, stop)
}

fn spawn(
    mut backend: Backend,
    raw: Receiver<Raw>,
    root: &Path,
    out_dir: &Path,
    batches: Sender<Batch>,
    stop: Arc<AtomicBool>,
) -> Result<Mode, Diagnostic> {
    let mode = match backend {
        Backend::Native { .. } => Mode::Native,
        Backend::Poll { .. } => Mode::Poll,
    };
    let (root, out_dir) = (root.to_path_buf(), out_dir.to_path_buf());
    std::thread::Builder::new()
        .name("helpsite-watch".to_owned())
        .spawn(move || {
            while let Some(mut burst) = next_burst(&raw, &stop) {
                // Folders created since (a new `templates/`) get watched from now on.
                if let Err(e) = backend.refresh() {
                    eprintln!("helpsite: warning: {e}");
                    burst.rescan = true;
                }
                let mut changes = Changes::from_paths(&root, &out_dir, &burst.paths);
                changes.everything |= burst.rescan;
                if changes.is_empty() {
                    continue;
                }
                let batch = Batch {
                    changes,
                    first_event: burst.started,
                };
                if batches.send(batch).is_err() {
                    return;
                }
            }
        })
        .map_err(|e| Diagnostic::error("watch", format!("cannot start the watcher thread: {e}")))?;
    Ok(mode)
}

/// Paths from one burst of events.
struct Burst {
    paths: Vec<PathBuf>,
    rescan: bool,
    started: Instant,
}

impl Burst {
    fn add(&mut self, raw: Raw) {
        match raw {
            Ok(event) => {
                self.rescan |= event.need_rescan();
                // Opening and reading files (our own builds do) changes nothing.
                let reads = matches!(event.kind, EventKind::Access(a) if a != AccessKind::Close(AccessMode::Write));
                if !reads {
                    self.paths.extend(event.paths);
                }
            }
            Err(e) => {
                self.rescan |= e.paths.is_empty();
                self.paths.extend(e.paths);
            }
        }
    }
}

/// Wait for an event, then gather events until [`QUIET`] passes without one. `None` once
/// stopped or the watcher is gone.
fn next_burst(raw: &Receiver<Raw>, stop: &AtomicBool) -> Option<Burst> {
    let first = loop {
        match raw.recv_timeout(Duration::from_millis(250)) {
            Ok(event) => break event,
            Err(RecvTimeoutError::Timeout) if !stop.load(Ordering::Relaxed) => {}
            Err(_) => return None,
        }
    };
    let mut burst = Burst {
        paths: Vec::new(),
        rescan: false,
        started: Instant::now(),
    };
    burst.add(first);
    while burst.started.elapsed() < MAX_WAIT {
        match raw.recv_timeout(QUIET) {
            Ok(event) => burst.add(event),
            Err(_) => break,
        }
    }
    Some(burst)
}

/// What delivers the events.
enum Backend {
    Native {
        watcher: notify::RecommendedWatcher,
        root: PathBuf,
        watched: BTreeSet<PathBuf>,
    },
    /// Polling runs until this is dropped.
    Poll { _poller: Poller },
}

impl Backend {
    fn native(root: &Path, raw_tx: Sender<Raw>) -> notify::Result<Backend> {
        let mut backend = Backend::Native {
            watcher: notify::recommended_watcher(raw_tx)?,
            root: root.to_path_buf(),
            watched: BTreeSet::new(),
        };
        backend.refresh()?;
        Ok(backend)
    }

    fn poll(root: &Path, raw_tx: Sender<Raw>) -> Result<Backend, Diagnostic> {
        Poller::start(root, raw_tx, POLL_INTERVAL)
            .map(|p| Backend::Poll { _poller: p })
            .map_err(|e| {
                Diagnostic::error("watch", format!("cannot start polling for changes: {e}"))
            })
    }

    /// Watch the root (not recursively: it may hold the output folder, `.git`, node_modules)
    /// and each input folder that exists now; forget folders that are gone. (Polling looks
    /// at every input folder each time anyway.)
    fn refresh(&mut self) -> notify::Result<()> {
        let Backend::Native {
            watcher,
            root,
            watched,
        } = self
        else {
            return Ok(());
        };
        if watched.insert(root.clone())
            && let Err(e) = watcher.watch(root, RecursiveMode::NonRecursive)
        {
            watched.remove(root.as_path());
            return Err(e);
        }
        for name in std::iter::once(CONTENT_DIR).chain(THEME_DIRS.iter().copied()) {
            let dir = root.join(name);
            if !dir.is_dir() {
                if watched.remove(&dir) {
                    // Gone: inotify dropped its watch already.
                    let _ = watcher.unwatch(&dir);
                }
                continue;
            }
            if !watched.contains(&dir) {
                watcher.watch(&dir, RecursiveMode::Recursive)?;
                watched.insert(dir);
            }
        }
        Ok(())
    }
}
