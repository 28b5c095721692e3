//! Loaded sources kept between builds, each stamped with its file's size and modification
//! time, so a rebuild reads and parses only files that changed.

use crate::diagnostic::Diagnostic;
use crate::discover::{Source, SourceKind};
use crate::load::{self, Loaded, LoadedFaq, LoadedPage};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::time::SystemTime;

/// What a file looked like when it was read. A file whose stamp changed is read again even
/// when no watcher event said so.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
}

impl Stamp {
    pub fn of(source: &Source) -> Option<Stamp> {
        let meta = std::fs::metadata(&source.abs).ok()?;
        Some(Stamp {
            len: meta.len(),
            modified: meta.modified().ok(),
        })
    }
}

/// One source after loading.
#[derive(Debug, Clone)]
pub enum Item {
    Page(Box<LoadedPage>, Vec<Diagnostic>),
    Faq(Box<LoadedFaq>),
    Asset(Source),
}

#[derive(Debug, Clone)]
struct Entry {
    stamp: Option<Stamp>,
    item: Item,
}

/// Loaded sources by content-relative path.
#[derive(Debug, Default)]
pub struct Cache {
    entries: BTreeMap<String, Entry>,
}

impl Cache {
    /// Whether a cached source lies inside folder `rel` (so a folder event touches it).
    pub fn has_under(&self, rel: &str) -> bool {
        let prefix = format!("{rel}/");
        self.entries
            .range(prefix.clone()..)
            .next()
            .is_some_and(|(k, _)| k.starts_with(&prefix))
    }

    /// Files under folder `rel` (at `dir` on disk) whose stamp differs from the cache; `None`
    /// when the folder holds a file the cache does not know, or lost one it knew. A folder
    /// event (a polling watcher sees the folder's time change; a folder replaced whole) is
    /// thereby narrowed to the files that really changed.
    pub fn changed_under(&self, dir: &std::path::Path, rel: &str) -> Option<Vec<String>> {
        let mut changed = Vec::new();
        let mut seen = 0;
        let walker = walkdir::WalkDir::new(dir).into_iter().filter_entry(|e| {
            e.depth() == 0 || !crate::discover::is_ignored_name(&e.file_name().to_string_lossy())
        });
        for entry in walker {
            let entry = entry.ok()?;
            let meta = std::fs::metadata(entry.path()).ok()?;
            if !meta.is_file() {
                continue;
            }
            let sub = entry
                .path()
                .strip_prefix(dir)
                .ok()?
                .to_str()?
                .replace('\\', "/");
            let file_rel = format!("{rel}/{sub}");
            let cached = self.entries.get(&file_rel)?;
            seen += 1;
            let stamp = Stamp {
                len: meta.len(),
                modified: meta.modified().ok(),
            };
            if cached.stamp != Some(stamp) && !matches!(cached.item, Item::Asset(_)) {
                changed.push(file_rel);
            }
        }
        let prefix = format!("{rel}/");
        let known = self
            .entries
            .range(prefix.clone()..)
            .take_while(|(k, _)| k.starts_with(&prefix))
            .count();
        (seen == known).then_some(changed)
    }

    pub fn item(&self, rel: &str) -> Option<&Item> {
        self.entries.get(rel).map(|e| &e.item)
    }

    /// Remember `item`, just read from `source`.
    pub fn put(&mut self, source: &Source, stamp: Option<Stamp>, item: Item) {
        self.entries
            .insert(source.rel.clone(), Entry { stamp, item });
    }

    /// Load `sources` (sorted, as discovered), reading only those that are new, stale or in
    /// `changed`. Returns what `load::load` would, and the paths that were read. Entries of
    /// sources that are gone are dropped.
    pub fn load(
        &mut self,
        sources: Vec<Source>,
        changed: &BTreeSet<String>,
    ) -> Result<(Loaded, BTreeSet<String>), Vec<Diagnostic>> {
        let stamped: Vec<(Source, Option<Stamp>)> = sources
            .into_par_iter()
            .map(|s| {
                let stamp = Stamp::of(&s);
                (s, stamp)
            })
            .collect();
        let fresh: Vec<Result<(String, Entry), Vec<Diagnostic>>> = stamped
            .par_iter()
            .filter(|(s, stamp)| !self.is_current(s, *stamp, changed))
            .map(|(s, stamp)| {
                read(s.clone()).map(|item| {
                    (
                        s.rel.clone(),
                        Entry {
                            stamp: *stamp,
                            item,
                        },
                    )
                })
            })
            .collect();
        let mut errors = Vec::new();
        let mut read_now = BTreeSet::new();
        for r in fresh {
            match r {
                Ok((rel, entry)) => {
                    read_now.insert(rel.clone());
                    self.entries.insert(rel, entry);
                }
                Err(e) => errors.extend(e),
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let keep: BTreeSet<&str> = stamped.iter().map(|(s, _)| s.rel.as_str()).collect();
        self.entries.retain(|rel, _| keep.contains(rel.as_str()));
        let mut loaded = Loaded::default();
        for (s, _) in &stamped {
            if let Some(entry) = self.entries.get(&s.rel) {
                add(&mut loaded, &entry.item);
            }
        }
        Ok((loaded, read_now))
    }

    fn is_current(
        &self,
        source: &Source,
        stamp: Option<Stamp>,
        changed: &BTreeSet<String>,
    ) -> bool {
        if changed.contains(&source.rel) {
            return false;
        }
        match self.entries.get(&source.rel) {
            Some(e) if source.kind == SourceKind::Asset => matches!(e.item, Item::Asset(_)),
            // A YAML file without `questions:` was read as a data file (an asset), and
            // stays one until it changes.
            Some(e) => {
                let kind = kind_of(&e.item);
                stamp.is_some()
                    && e.stamp == stamp
                    && (kind == source.kind
                        || (source.kind == SourceKind::Faq && kind == SourceKind::Asset))
            }
            None => false,
        }
    }

    /// Every page's load warnings, in path order (as `load::load` reports them).
    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.entries.values().flat_map(|e| match &e.item {
            Item::Page(_, w) => w.as_slice(),
            _ => &[],
        })
    }
}

fn kind_of(item: &Item) -> SourceKind {
    match item {
        Item::Page(..) => SourceKind::Page,
        Item::Faq(_) => SourceKind::Faq,
        Item::Asset(_) => SourceKind::Asset,
    }
}

/// Read and parse one source, exactly as a full build does.
pub fn read(source: Source) -> Result<Item, Vec<Diagnostic>> {
    let mut loaded = load::load(vec![source.clone()])?;
    if let Some(page) = loaded.pages.pop() {
        Ok(Item::Page(Box::new(page), loaded.warnings))
    } else if let Some(faq) = loaded.faqs.pop() {
        Ok(Item::Faq(Box::new(faq)))
    } else {
        Ok(Item::Asset(loaded.assets.pop().unwrap_or(source)))
    }
}

fn add(loaded: &mut Loaded, item: &Item) {
    match item {
        Item::Page(p, w) => {
            loaded.pages.push((**p).clone());
            loaded.warnings.extend(w.iter().cloned());
        }
        Item::Faq(f) => loaded.faqs.push((**f).clone()),
        Item::Asset(s) => loaded.assets.push(s.clone()),
    }
}
