//! The manifest of a folder helpsite wrote: length, time and hash of each file, so that a
//! later build can tell an unchanged file without reading it back.

use super::replace_file;
use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

/// The manifest's name inside the kept folder (never inside the published output).
pub(super) const KEPT_MANIFEST: &str = ".helpsite-manifest";

/// Length, modification time and content hash of every file in a folder helpsite wrote.
#[derive(Default, serde::Serialize, serde::Deserialize)]
pub(super) struct Manifest {
    pub(super) files: BTreeMap<String, Entry>,
}

#[derive(Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(super) struct Entry {
    pub(super) len: u64,
    /// Modification time, nanoseconds since the epoch.
    pub(super) mtime: u128,
    /// xxh3-128 of the bytes, as hex (JSON numbers stop at 64 bits in many readers).
    #[serde(with = "hex128")]
    pub(super) hash: u128,
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
    pub(super) fn take(path: &Path) -> Manifest {
        let manifest = fs::read(path)
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default();
        let _ = fs::remove_file(path);
        manifest
    }

    pub(super) fn save(&self, path: &Path) {
        if let Ok(json) = serde_json::to_vec(self) {
            // Best effort: without it the next write reads files back to compare them.
            let _ = replace_file(path, &json);
        }
    }

    /// Whether the file at `path`, described as `rel` here, certainly holds bytes hashing to
    /// `hash`, judged by its recorded length and time alone.
    pub(super) fn vouches(&self, rel: &str, path: &Path, len: u64, hash: u128) -> Option<Entry> {
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

pub(super) fn mtime(meta: &fs::Metadata) -> Option<u128> {
    meta.modified()
        .ok()?
        .duration_since(std::time::UNIX_EPOCH)
        .ok()
        .map(|d| d.as_nanos())
}
