//! A published build: every output in memory (copied assets are read from their source on
//! request), replaced as a whole only after a complete, successful build.

use crate::incremental::{Path, Update};
use crate::output::Content;
use std::collections::{BTreeSet, HashMap};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};
use std::time::UNIX_EPOCH;

/// Bytes shared between snapshots and in-flight responses without copying.
#[derive(Debug, Clone)]
pub struct Shared(Arc<Vec<u8>>);

impl AsRef<[u8]> for Shared {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

#[derive(Debug)]
pub enum Body {
    Memory(Shared),
    /// A file copied as it is (an image under `content/`), read when requested.
    Disk(PathBuf),
}

/// One output file.
#[derive(Debug)]
pub struct File {
    pub body: Body,
    pub content_type: &'static str,
    hash: OnceLock<u64>,
}

impl File {
    fn new(path: &str, content: Content) -> File {
        File {
            body: match content {
                Content::Bytes(b) => Body::Memory(Shared(Arc::new(b))),
                Content::Copy(p) => Body::Disk(p),
                // Only `helpsite build` writes pages while it renders them; the server's
                // builds keep every page in memory.
                Content::Placed(_) => Body::Memory(Shared(Arc::new(Vec::new()))),
            },
            content_type: super::mime::content_type(path),
            hash: OnceLock::new(),
        }
    }

    /// A hash of the content, for the ETag: of the bytes (computed once), or of a copied
    /// file's size and modification time (checked on every request, as the file may change).
    pub fn hash(&self) -> Option<u64> {
        match &self.body {
            Body::Memory(bytes) => Some(*self.hash.get_or_init(|| hash_of(bytes.as_ref()))),
            Body::Disk(path) => {
                let meta = std::fs::metadata(path).ok()?;
                let modified = meta.modified().ok()?.duration_since(UNIX_EPOCH).ok()?;
                Some(hash_of(&(meta.len(), modified.as_nanos())))
            }
        }
    }

    fn same_as(&self, content: &Content) -> bool {
        match (&self.body, content) {
            (Body::Memory(a), Content::Bytes(b)) => a.as_ref() == b.as_slice(),
            (Body::Disk(a), Content::Copy(b)) => a == b,
            _ => false,
        }
    }
}

/// The path part of `base_url` without its leading `/`: `help/` for `https://x.test/help/`.
pub fn mount_of(base_url: &str) -> String {
    base_url
        .split_once("://")
        .and_then(|(_, rest)| rest.find('/').map(|i| rest[i + 1..].to_owned()))
        .unwrap_or_default()
}

fn hash_of<T: Hash + ?Sized>(value: &T) -> u64 {
    let mut h = DefaultHasher::new();
    value.hash(&mut h);
    h.finish()
}

/// Every file of one build, by site path (`guides/a/index.html`).
#[derive(Debug)]
pub struct Snapshot {
    /// Identifies the build; pages tell the reload client which build they come from.
    pub id: String,
    /// The path the site is served under, from `base_url` (`help/` for
    /// `https://x.test/help/`), so that links the build writes from the site root (the 404
    /// page's) work here too. Empty for a site at the root.
    pub mount: String,
    /// Keys are shared so that patching a snapshot copies pointers, not 10,000 strings.
    files: HashMap<Arc<str>, Arc<File>>,
}

impl Snapshot {
    pub fn get(&self, path: &str) -> Option<&Arc<File>> {
        self.files.get(path)
    }

    /// Paths of the files under `prefix` (e.g. `_search/`).
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.files.keys().map(|k| &**k)
    }

    /// The snapshot after `update`, built on `previous` (if any), and the paths whose
    /// content differs from `previous`. Unchanged files keep their entries (and hashes).
    pub fn next(
        previous: Option<&Snapshot>,
        id: String,
        update: Update,
    ) -> (Snapshot, BTreeSet<String>) {
        let empty = HashMap::new();
        let old = previous.map_or(&empty, |s| &s.files);
        let mut changed: BTreeSet<String> = update.touched.into_iter().collect();
        let mut files = match update.path {
            Path::Full => {
                changed.extend(
                    old.keys()
                        .filter(|k| !update.outputs.contains_key(&***k))
                        .map(|k| k.to_string()),
                );
                HashMap::with_capacity(update.outputs.len())
            }
            Path::Patch => {
                let mut files = old.clone();
                for path in update.removed {
                    if files.remove(path.as_str()).is_some() {
                        changed.insert(path);
                    }
                }
                files
            }
        };
        for (path, content) in update.outputs {
            match old.get_key_value(path.as_str()) {
                Some((key, file)) if file.same_as(&content) => {
                    files.insert(Arc::clone(key), Arc::clone(file));
                }
                _ => {
                    let file = Arc::new(File::new(&path, content));
                    files.insert(Arc::from(path.as_str()), file);
                    changed.insert(path);
                }
            }
        }
        let mount = String::new();
        (Snapshot { id, mount, files }, changed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::Outputs;

    fn update(path: Path, outputs: &[(&str, &str)], removed: &[&str]) -> Update {
        let outputs = outputs
            .iter()
            .map(|(p, t)| (p.to_string(), Content::Bytes(t.as_bytes().to_vec())))
            .collect::<Outputs>();
        let removed = removed.iter().map(|s| s.to_string()).collect();
        Update {
            path,
            ..Update::files_only(outputs, removed)
        }
    }

    #[test]
    fn mounts_come_from_the_base_url_path() {
        assert_eq!(mount_of("https://x.test/help/"), "help/");
        assert_eq!(mount_of("https://x.test/"), "");
        assert_eq!(mount_of(""), "");
    }

    #[test]
    fn only_real_differences_count_as_changed() {
        let (first, changed) = Snapshot::next(
            None,
            "1".into(),
            update(Path::Full, &[("a.html", "A"), ("s.css", "S")], &[]),
        );
        assert_eq!(changed.len(), 2);
        let (second, changed) = Snapshot::next(
            Some(&first),
            "2".into(),
            update(Path::Full, &[("a.html", "A"), ("s.css", "S2")], &[]),
        );
        assert_eq!(changed.into_iter().collect::<Vec<_>>(), ["s.css"]);
        assert!(Arc::ptr_eq(
            first.get("a.html").unwrap(),
            second.get("a.html").unwrap()
        ));
        let (third, changed) = Snapshot::next(
            Some(&second),
            "3".into(),
            update(Path::Patch, &[("b.html", "B")], &["s.css"]),
        );
        assert_eq!(changed.into_iter().collect::<Vec<_>>(), ["b.html", "s.css"]);
        assert!(third.get("a.html").is_some() && third.get("s.css").is_none());
        let (_, changed) = Snapshot::next(
            Some(&third),
            "4".into(),
            update(Path::Full, &[("a.html", "A")], &[]),
        );
        assert_eq!(changed.into_iter().collect::<Vec<_>>(), ["b.html"]);
    }
}
