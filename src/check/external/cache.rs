//! `.helpsite-cache.json` in the site root: when each external URL was last found fine.
//! Only fine URLs are kept, so failures are always checked again.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

pub const FILE_NAME: &str = ".helpsite-cache.json";
const VERSION: u32 = 1;

#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Cache {
    version: u32,
    /// URL -> Unix time (seconds) it was last found fine.
    ok: BTreeMap<String, u64>,
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

    /// Whether `url` was found fine less than `ttl` ago.
    pub fn fresh(&self, url: &str, ttl: Duration) -> bool {
        self.ok
            .get(url)
            .is_some_and(|&t| now().saturating_sub(t) < ttl.as_secs())
    }

    pub fn record_ok(&mut self, url: &str) {
        self.ok.insert(url.to_owned(), now());
    }

    /// Forget `url` (it failed, so it must be checked next time).
    pub fn forget(&mut self, url: &str) {
        self.ok.remove(url);
    }

    /// Drop entries older than `ttl` and write the file.
    pub fn save(mut self, ttl: Duration) -> Result<(), crate::diagnostic::Diagnostic> {
        let t = now();
        self.ok
            .retain(|_, &mut seen| t.saturating_sub(seen) < ttl.as_secs());
        let mut text = serde_json::to_string_pretty(&self).unwrap_or_default();
        text.push('\n');
        crate::write::replace_file(&self.path, text.as_bytes())
    }
}
