//! What the server shows right now: the last good snapshot and the current failure, if
//! any. Readers take a cheap `Arc` copy; the rebuild thread swaps in a new value whole.

use super::failure::Failure;
use super::reload::Hub;
use super::snapshot::Snapshot;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock};
use std::time::{SystemTime, UNIX_EPOCH};

/// The published state.
#[derive(Debug, Default, Clone)]
pub struct Published {
    /// The last complete, successful build (`None` until the first one).
    pub snapshot: Option<Arc<Snapshot>>,
    /// Set while the latest build attempt failed.
    pub failure: Option<Arc<Failure>>,
}

/// Shared between the HTTP workers, the event streams and the rebuild thread.
pub struct Live {
    published: RwLock<Arc<Published>>,
    pub hub: Hub,
    /// Differs between server runs, so a page from an earlier run reloads on reconnect.
    instance: String,
    generation: AtomicU64,
}

impl Default for Live {
    fn default() -> Self {
        Self::new()
    }
}

impl Live {
    pub fn new() -> Live {
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos() as u64);
        Live {
            published: RwLock::new(Arc::new(Published::default())),
            hub: Hub::default(),
            instance: format!("{:x}", nanos ^ u64::from(std::process::id())),
            generation: AtomicU64::new(0),
        }
    }

    pub fn current(&self) -> Arc<Published> {
        // A panic while holding the lock cannot leave a half-written Arc: the value is
        // replaced in one assignment, so a poisoned lock still holds a whole state.
        Arc::clone(&self.published.read().unwrap_or_else(|e| e.into_inner()))
    }

    pub fn set(&self, published: Published) {
        *self.published.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(published);
    }

    /// A new build id.
    pub fn next_id(&self) -> String {
        let n = self.generation.fetch_add(1, Ordering::Relaxed) + 1;
        format!("{}-{n}", self.instance)
    }
}
