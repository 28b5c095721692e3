//! Highlighted code blocks kept between builds (`.helpsite-highlight-cache` in the site
//! root), by a hash of their language and text.
//!
//! Parsing code with syntect's grammars is the costliest part of a cold build: a few hundred
//! microseconds a line, most of them for lines no other block repeats. A block whose language
//! and text are unchanged highlights the same way, so a later build copies it from here.
//! The file is only a shortcut: a missing, stale or damaged one means highlighting afresh,
//! never a different page.

use rustc_hash::FxHashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use xxhash_rust::xxh3::Xxh3;

/// The cache's file name, in the site root.
pub const FILE_NAME: &str = ".helpsite-highlight-cache";

/// First line of the file. A new helpsite version may highlight differently (another
/// syntect, other class names), so it starts afresh.
fn header() -> String {
    format!("helpsite highlight cache 1 {}\n", env!("CARGO_PKG_VERSION"))
}

/// A block's identity: 128 bits of xxh3 over language and text. Two blocks sharing it has
/// odds of about 2^-128 per pair; a hash match counts as a text match.
pub type Key = u128;

pub fn key(lang: &str, code: &str) -> Key {
    let mut h = Xxh3::new();
    h.update(lang.as_bytes());
    h.update(&[0]);
    h.update(code.as_bytes());
    h.digest128()
}

pub struct BlockCache {
    path: PathBuf,
    blocks: Mutex<Blocks>,
    /// Whether this build highlighted a block the file lacked.
    grew: AtomicBool,
    /// Set by [`BlockCache::release`]: the outcome of its save, reported by the next
    /// [`BlockCache::save`] (which writes nothing more).
    released: Mutex<Option<std::io::Result<()>>>,
}

#[derive(Default)]
struct Blocks {
    /// What the file held when the build began.
    earlier: FxHashMap<Key, Arc<str>>,
    /// The blocks of this build: what the file will hold next.
    now: FxHashMap<Key, Arc<str>>,
}

impl BlockCache {
    /// The cache kept at `path`; empty when there is none or it cannot be read.
    pub fn open(path: &Path) -> Self {
        let earlier = std::fs::read(path)
            .ok()
            .and_then(|bytes| parse(&bytes))
            .unwrap_or_default();
        BlockCache {
            path: path.to_path_buf(),
            blocks: Mutex::new(Blocks {
                earlier,
                now: FxHashMap::default(),
            }),
            grew: AtomicBool::new(false),
            released: Mutex::new(None),
        }
    }

    pub fn get(&self, key: Key) -> Option<Arc<str>> {
        let mut blocks = self.lock();
        let html = Arc::clone(blocks.earlier.get(&key)?);
        blocks.now.insert(key, Arc::clone(&html));
        Some(html)
    }

    pub fn put(&self, key: Key, html: &str) {
        if self.is_released() {
            return;
        }
        self.lock().now.insert(key, html.into());
        self.grew.store(true, Ordering::Relaxed);
    }

    fn is_released(&self) -> bool {
        self.released
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .is_some()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Blocks> {
        self.blocks.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Write this build's blocks (only those: blocks no page shows any more are dropped)
    /// when they differ from what the file holds. Through a temporary file and a rename, so
    /// a reader never sees half a file. After [`BlockCache::release`], returns what its
    /// save did.
    pub fn save(&self) -> std::io::Result<()> {
        let mut released = self.released.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(outcome) = released.as_mut() {
            return std::mem::replace(outcome, Ok(()));
        }
        let blocks = self.lock();
        if !self.grew.load(Ordering::Relaxed) && blocks.now.len() == blocks.earlier.len() {
            return Ok(());
        }
        let mut entries: Vec<(&Key, &Arc<str>)> = blocks.now.iter().collect();
        entries.sort_unstable_by_key(|(k, _)| **k);
        let mut bytes = header().into_bytes();
        for (key, html) in entries {
            bytes.extend_from_slice(&key.to_le_bytes());
            bytes.extend_from_slice(&(html.len() as u64).to_le_bytes());
            bytes.extend_from_slice(html.as_bytes());
        }
        // One temporary file per process: a `serve` and a `build` may save at once.
        let tmp = self
            .path
            .with_file_name(format!("{FILE_NAME}.{}.tmp", std::process::id()));
        let written = std::fs::write(&tmp, &bytes).and_then(|()| std::fs::rename(&tmp, &self.path));
        if written.is_err() {
            // Our own temporary file, if it got that far.
            let _ = std::fs::remove_file(&tmp);
        }
        written
    }

    /// Save, then free every block: for a build whose code is all highlighted. Blocks asked
    /// for later are highlighted afresh and not kept.
    pub fn release(&self) {
        let outcome = self.save();
        *self.released.lock().unwrap_or_else(PoisonError::into_inner) = Some(outcome);
        *self.lock() = Blocks::default();
    }
}

/// Entries of a cache file; `None` when it is from another version or damaged.
fn parse(bytes: &[u8]) -> Option<FxHashMap<Key, Arc<str>>> {
    let mut rest = bytes.strip_prefix(header().as_bytes())?;
    let mut entries = FxHashMap::default();
    while !rest.is_empty() {
        let (key, after) = rest.split_first_chunk::<16>()?;
        let (len, after) = after.split_first_chunk::<8>()?;
        let len = usize::try_from(u64::from_le_bytes(*len)).ok()?;
        let html = after.get(..len)?;
        entries.insert(
            u128::from_le_bytes(*key),
            std::str::from_utf8(html).ok()?.into(),
        );
        rest = &after[len..];
    }
    Some(entries)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saves_what_the_build_used_and_reads_it_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        let first = BlockCache::open(&path);
        first.put(key("rust", "a"), "<span>a</span>");
        first.put(key("rust", "b"), "<span>b</span>");
        first.save().unwrap();
        let second = BlockCache::open(&path);
        assert_eq!(
            second.get(key("rust", "a")).as_deref(),
            Some("<span>a</span>")
        );
        assert_eq!(second.get(key("bash", "a")), None);
        second.save().unwrap();
        // Only block `a` was used: `b` is gone from the file.
        let third = BlockCache::open(&path);
        assert_eq!(third.lock().earlier.len(), 1);
        assert!(third.get(key("rust", "a")).is_some());
    }

    #[test]
    fn a_released_cache_is_saved_and_emptied() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        let first = BlockCache::open(&path);
        first.put(key("rust", "a"), "<span>a</span>");
        first.release();
        assert_eq!(first.get(key("rust", "a")), None);
        assert_eq!(first.lock().now.len(), 0);
        // Nothing is kept any more, and a later save writes nothing: the file keeps what the
        // release saved.
        first.put(key("rust", "b"), "<span>b</span>");
        assert_eq!(first.lock().now.len(), 0);
        first.save().unwrap();
        let second = BlockCache::open(&path);
        assert!(second.get(key("rust", "a")).is_some());
        assert!(second.get(key("rust", "b")).is_none());
    }

    #[test]
    fn a_damaged_or_foreign_file_is_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        let cache = BlockCache::open(&path);
        cache.put(key("rust", "a"), "<span>a</span>");
        cache.save().unwrap();
        let whole = std::fs::read(&path).unwrap();
        std::fs::write(&path, &whole[..whole.len() - 3]).unwrap();
        assert!(
            BlockCache::open(&path).lock().earlier.is_empty(),
            "truncated"
        );
        std::fs::write(&path, b"helpsite highlight cache 0 0.0.1\n").unwrap();
        assert!(
            BlockCache::open(&path).lock().earlier.is_empty(),
            "other version"
        );
        std::fs::write(&path, [0xff; 64]).unwrap();
        assert!(BlockCache::open(&path).lock().earlier.is_empty(), "garbage");
    }
}
