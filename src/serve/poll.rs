//! Watching by polling, for file systems without native events (network shares, some
//! containers). Ours rather than notify's `PollWatcher`: that one compares modification
//! times in whole seconds, so an edit in the same second as the previous look is never
//! seen. This compares size and the full-precision time of every input file.

use crate::config::FILE_NAME;
use crate::discover::{CONTENT_DIR, is_ignored_name};
use crate::incremental::THEME_DIRS;
use notify::event::{Event, EventKind, ModifyKind};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::Sender;
use std::time::{Duration, SystemTime};

type Stamp = (u64, Option<SystemTime>);

/// A polling thread; it stops when this is dropped.
pub struct Poller {
    stop: Arc<AtomicBool>,
}

impl Drop for Poller {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

impl Poller {
    /// Look at every input file under `root` each `interval`, sending the paths that
    /// appeared, disappeared or changed as one event.
    pub fn start(
        root: &Path,
        events: Sender<notify::Result<Event>>,
        interval: Duration,
    ) -> std::io::Result<Poller> {
        let stop = Arc::new(AtomicBool::new(false));
        let stopped = Arc::clone(&stop);
        let root = root.to_path_buf();
        let mut before = scan(&root);
        std::thread::Builder::new()
            .name("helpsite-poll".to_owned())
            .spawn(move || {
                loop {
                    std::thread::sleep(interval);
                    if stopped.load(Ordering::Relaxed) {
                        return;
                    }
                    let now = scan(&root);
                    let changed = diff(&before, &now);
                    before = now;
                    if changed.is_empty() {
                        continue;
                    }
                    let mut event = Event::new(EventKind::Modify(ModifyKind::Any));
                    event.paths = changed;
                    if events.send(Ok(event)).is_err() {
                        return;
                    }
                }
            })?;
        Ok(Poller { stop })
    }
}

/// Every input file (config, content, theme) with its stamp.
fn scan(root: &Path) -> HashMap<PathBuf, Stamp> {
    let mut files = HashMap::new();
    let config = root.join(FILE_NAME);
    if let Ok(meta) = std::fs::metadata(&config) {
        files.insert(config, (meta.len(), meta.modified().ok()));
    }
    for dir in std::iter::once(CONTENT_DIR).chain(THEME_DIRS.iter().copied()) {
        let walker = walkdir::WalkDir::new(root.join(dir))
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !is_ignored_name(&e.file_name().to_string_lossy()));
        for entry in walker.flatten() {
            if let Ok(meta) = std::fs::metadata(entry.path())
                && meta.is_file()
            {
                files.insert(entry.into_path(), (meta.len(), meta.modified().ok()));
            }
        }
    }
    files
}

fn diff(before: &HashMap<PathBuf, Stamp>, now: &HashMap<PathBuf, Stamp>) -> Vec<PathBuf> {
    let mut changed: Vec<PathBuf> = now
        .iter()
        .filter(|(path, stamp)| before.get(*path) != Some(stamp))
        .map(|(path, _)| path.clone())
        .collect();
    changed.extend(before.keys().filter(|p| !now.contains_key(*p)).cloned());
    changed.sort();
    changed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sees_edits_within_the_same_second_additions_and_removals() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("content/a")).unwrap();
        std::fs::write(root.join("content/a/x.md"), "one").unwrap();
        std::fs::write(root.join("content/a/gone.md"), "bye").unwrap();
        let before = scan(root);
        std::fs::write(root.join("content/a/x.md"), "two!").unwrap();
        std::fs::write(root.join("content/a/.x.md.swp"), "swap").unwrap();
        std::fs::write(root.join("content/new.md"), "new").unwrap();
        std::fs::write(root.join("helpsite.yaml"), "title: x\n").unwrap();
        std::fs::remove_file(root.join("content/a/gone.md")).unwrap();
        let changed = diff(&before, &scan(root));
        let rel: Vec<_> = changed
            .iter()
            .map(|p| p.strip_prefix(root).unwrap().to_str().unwrap())
            .collect();
        assert_eq!(
            rel,
            [
                "content/a/gone.md",
                "content/a/x.md",
                "content/new.md",
                "helpsite.yaml"
            ]
        );
    }
}
