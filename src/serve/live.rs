//! What the server shows right now: the last good snapshot and the current failure, if
//! any. Readers take a cheap `Arc` copy; the rebuild thread swaps in a new value whole.

use super::failure::Failure;
use super::reload::Hub;
use super::snapshot::Snapshot;
use std::collections::{BTreeSet, VecDeque};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{SystemTime, UNIX_EPOCH};

/// The published state.
#[derive(Debug, Default, Clone)]
pub struct Published {
    /// The last complete, successful build (`None` until the first one).
    pub snapshot: Option<Arc<Snapshot>>,
    /// Set while the latest build attempt failed.
    pub failure: Option<Arc<Failure>>,
}

/// How many published builds are remembered for pages that connect late.
const HISTORY: usize = 64;

/// What a page from an earlier build needs to catch up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CatchUp {
    Nothing,
    /// Only stylesheets changed since: swap these.
    Css(Vec<String>),
    Reload,
}

/// One published build: its id, and what changed since the one before (`None` when the
/// page must reload whatever changed, e.g. after recovering from a failure).
type Step = (String, Option<BTreeSet<String>>);

/// Shared between the HTTP workers, the event streams and the rebuild thread.
pub struct Live {
    published: RwLock<Arc<Published>>,
    pub hub: Hub,
    /// Differs between server runs, so a page from an earlier run reloads on reconnect.
    instance: String,
    generation: AtomicU64,
    history: Mutex<VecDeque<Step>>,
    /// Held while a new state is worked out from the current one, so the rebuild thread and
    /// the search-index worker never publish over each other's changes.
    pub publishing: Mutex<()>,
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
            history: Mutex::new(VecDeque::new()),
            publishing: Mutex::new(()),
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

    /// Remember that build `id` was published, with the stylesheets that changed since the
    /// one before (`None`: anything else changed too).
    pub fn record(&self, id: &str, css: Option<BTreeSet<String>>) {
        let mut history = self.history.lock().unwrap_or_else(|e| e.into_inner());
        history.push_back((id.to_owned(), css));
        while history.len() > HISTORY {
            history.pop_front();
        }
    }

    /// What a page served from build `from` must do to show build `to` (the current one).
    pub fn catch_up(&self, from: Option<&str>, to: &str) -> CatchUp {
        if from == Some(to) {
            return CatchUp::Nothing;
        }
        let history = self.history.lock().unwrap_or_else(|e| e.into_inner());
        let Some(start) = from.and_then(|f| history.iter().position(|(id, _)| id == f)) else {
            return CatchUp::Reload;
        };
        let mut paths = BTreeSet::new();
        for (_, css) in history.iter().skip(start + 1) {
            match css {
                Some(changed) => paths.extend(changed.iter().cloned()),
                None => return CatchUp::Reload,
            }
        }
        CatchUp::Css(paths.into_iter().collect())
    }

    /// A new build id.
    pub fn next_id(&self) -> String {
        let n = self.generation.fetch_add(1, Ordering::Relaxed) + 1;
        format!("{}-{n}", self.instance)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn late_pages_catch_up_with_a_css_swap_only_when_nothing_else_changed() {
        let live = Live::new();
        live.record("b1", None);
        live.record("b2", Some(["_static/a.css".to_owned()].into()));
        live.record("b3", Some(["_static/b.css".to_owned()].into()));
        assert_eq!(live.catch_up(Some("b3"), "b3"), CatchUp::Nothing);
        assert_eq!(
            live.catch_up(Some("b1"), "b3"),
            CatchUp::Css(vec!["_static/a.css".to_owned(), "_static/b.css".to_owned()])
        );
        live.record("b4", None);
        assert_eq!(live.catch_up(Some("b2"), "b4"), CatchUp::Reload);
        assert_eq!(live.catch_up(Some("unknown"), "b4"), CatchUp::Reload);
        assert_eq!(live.catch_up(None, "b4"), CatchUp::Reload);
    }
}
