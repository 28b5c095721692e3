//! `.helpsite-cache.json` in the site root: when each external URL was last found fine, and
//! which of the fragments asked of it were found then. Only fine URLs and found fragments
//! are kept, so failures are always checked again.

use super::fragments::Verdict;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

pub const FILE_NAME: &str = ".helpsite-cache.json";
const VERSION: u32 = 1;
/// Fragments kept per URL, and their longest length: the file stays small whatever the
/// site links to. A URL over the limit is fetched again when fragments are asked of it.
const MAX_FRAGMENTS: usize = 200;
const MAX_FRAGMENT_LEN: usize = 200;

/// What is known about the fragments of a fine URL.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum Anchors {
    /// The page is not HTML: no fragment is looked up on it.
    NotHtml,
    /// These fragments were found on the page.
    Found(BTreeSet<String>),
}

#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Cache {
    version: u32,
    /// URL -> Unix time (seconds) it was last found fine.
    ok: BTreeMap<String, u64>,
    /// URL (one of `ok`) -> its fragments, when some were asked. Missing in caches written
    /// before fragments were checked: those URLs are fetched again when asked for one.
    #[serde(default)]
    anchors: BTreeMap<String, Anchors>,
    #[serde(skip)]
    path: PathBuf,
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

impl Cache {
    /// The cache of the site at `root`; a missing, unreadable or foreign file is an empty cache.
    pub fn load(root: &Path) -> Self {
        let path = root.join(FILE_NAME);
        let cache = std::fs::read(&path)
            .ok()
            .and_then(|b| serde_json::from_slice::<Cache>(&b).ok())
            .filter(|c| c.version == VERSION)
            .unwrap_or_default();
        Cache {
            version: VERSION,
            path,
            ..cache
        }
    }

    /// Whether `url` was found fine less than `ttl` ago, with every fragment in `wanted`.
    pub fn fresh(&self, url: &str, ttl: Duration, wanted: &BTreeSet<String>) -> bool {
        let ok = self
            .ok
            .get(url)
            .is_some_and(|&t| now().saturating_sub(t) < ttl.as_secs());
        ok && (wanted.is_empty()
            || match self.anchors.get(url) {
                Some(Anchors::NotHtml) => true,
                Some(Anchors::Found(found)) => wanted.is_subset(found),
                None => false,
            })
    }

    /// Remember `url` as fine, with what its page said about the fragments asked of it.
    pub fn record_ok(&mut self, url: &str, verdict: &Verdict) {
        self.ok.insert(url.to_owned(), now());
        let anchors = match verdict {
            Verdict::NotHtml => Some(Anchors::NotHtml),
            Verdict::Checked { found, .. }
                if found.len() <= MAX_FRAGMENTS
                    && found.iter().all(|f| f.len() <= MAX_FRAGMENT_LEN) =>
            {
                Some(Anchors::Found(found.clone()))
            }
            _ => None,
        };
        match anchors {
            Some(a) => self.anchors.insert(url.to_owned(), a),
            None => self.anchors.remove(url),
        };
    }

    /// Forget `url` (it failed, so it must be checked next time).
    pub fn forget(&mut self, url: &str) {
        self.ok.remove(url);
        self.anchors.remove(url);
    }

    /// Drop entries older than `ttl` and write the file.
    pub fn save(mut self, ttl: Duration) -> Result<(), crate::diagnostic::Diagnostic> {
        let t = now();
        self.ok
            .retain(|_, &mut seen| t.saturating_sub(seen) < ttl.as_secs());
        let ok = &self.ok;
        self.anchors.retain(|url, _| ok.contains_key(url));
        let mut text = serde_json::to_string_pretty(&self).unwrap_or_default();
        text.push('\n');
        crate::write::replace_file(&self.path, text.as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(items: &[&str]) -> BTreeSet<String> {
        items.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn a_cached_page_answers_only_the_fragments_it_was_asked() {
        let dir = tempfile::tempdir().expect("temp dir");
        let ttl = Duration::from_secs(60);
        let mut cache = Cache::load(dir.path());
        let checked = Verdict::Checked {
            found: set(&["a", "b"]),
            missing: [("c".to_owned(), None)].into(),
        };
        cache.record_ok("https://x.test/p", &checked);
        cache.record_ok("https://x.test/f.txt", &Verdict::NotHtml);
        cache.record_ok("https://x.test/q", &Verdict::Unknown);
        cache.save(ttl).expect("saved");

        let cache = Cache::load(dir.path());
        let p = "https://x.test/p";
        assert!(cache.fresh(p, ttl, &set(&[])));
        assert!(cache.fresh(p, ttl, &set(&["a", "b"])));
        // A fragment missing last time, or never asked, is looked up again.
        assert!(!cache.fresh(p, ttl, &set(&["a", "c"])));
        assert!(!cache.fresh(p, ttl, &set(&["d"])));
        assert!(cache.fresh("https://x.test/f.txt", ttl, &set(&["any"])));
        assert!(cache.fresh("https://x.test/q", ttl, &set(&[])));
        assert!(!cache.fresh("https://x.test/q", ttl, &set(&["a"])));
    }

    #[test]
    fn fragment_lists_are_bounded() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut cache = Cache::load(dir.path());
        let many: BTreeSet<String> = (0..=MAX_FRAGMENTS).map(|i| format!("f{i}")).collect();
        let verdict = Verdict::Checked {
            found: many.clone(),
            missing: BTreeMap::new(),
        };
        cache.record_ok("https://x.test/big", &verdict);
        let ttl = Duration::from_secs(60);
        assert!(cache.fresh("https://x.test/big", ttl, &set(&[])));
        assert!(!cache.fresh("https://x.test/big", ttl, &set(&["f1"])));
    }
}
