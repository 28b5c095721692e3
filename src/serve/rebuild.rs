//! The rebuild thread: builds once, then applies each batch of changes and publishes the
//! result: a new snapshot and a reload or stylesheet event, or a failure and its overlay.

use super::Log;
use super::failure::Failure;
use super::live::{Live, Published};
use super::reload::Event;
use super::snapshot::{Snapshot, mount_of};
use super::watch::Batch;
use crate::diagnostic::Diagnostic;
use crate::highlight::Highlighter;
use crate::incremental::{Path, Session, Update};
use std::collections::BTreeSet;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::Receiver;
use std::time::Instant;

/// Build, then rebuild on every batch until the watcher goes away.
pub fn run(mut session: Session, live: &Arc<Live>, batches: &Receiver<Batch>, log: &Log) {
    let highlighter = Highlighter::with_cache(&session.options().root);
    let mut publisher = Publisher {
        live,
        log,
        warnings: BTreeSet::new(),
    };
    let search = Arc::new(AtomicU64::new(0));
    let result = session.build(&highlighter);
    // Kept for the next start; later edits only add blocks the memo holds anyway.
    if let Err(e) = highlighter.save_cache() {
        log.info(&format!("could not keep highlighted code: {e}"));
    }
    publisher.publish(result, mount(&session), None);
    while let Ok(mut batch) = batches.recv() {
        // Changes that arrived during the last build join this one.
        while let Ok(more) = batches.try_recv() {
            batch.merge(more);
        }
        let result = session.update(batch.changes, &highlighter);
        let stale = result.as_ref().is_ok_and(|u| u.search_stale);
        publisher.publish(result, mount(&session), Some(batch.first_event));
        if stale {
            refresh_search(&session, live, &search);
        }
    }
}

/// Rebuild the search index on another thread after a patch, so the reload goes out first:
/// at 10,000 pages the index takes seconds, a page patch milliseconds. Only the newest
/// request publishes; the files are swapped in without a reload (readers fetch them on use).
fn refresh_search(session: &Session, live: &Arc<Live>, latest: &Arc<AtomicU64>) {
    let Some(input) = session.search_documents() else {
        return;
    };
    let mine = latest.fetch_add(1, Ordering::SeqCst) + 1;
    let (live, newest) = (Arc::clone(live), Arc::clone(latest));
    let spawned = std::thread::Builder::new()
        .name("helpsite-search".to_owned())
        .spawn(move || {
            let mut outputs = crate::output::Outputs::new();
            let mut index = || input.outputs(&mut outputs);
            // On a pool of its own: in the shared pool, its parallel parts would hold every
            // worker for up to a second and the next edit's page patch would queue behind them.
            match search_pool() {
                Some(pool) => {
                    // A newer edit's request supersedes this one while it waits its turn.
                    pool.install(|| (newest.load(Ordering::SeqCst) == mine).then(index));
                }
                None => index(),
            }
            let _guard = live.publishing.lock().unwrap_or_else(|e| e.into_inner());
            if newest.load(Ordering::SeqCst) != mine {
                return;
            }
            let now = live.current();
            let Some(current) = now.snapshot.as_deref() else {
                return;
            };
            let removed = current
                .paths()
                .filter(|p| input.is_index_path(p) && !outputs.contains_key(*p))
                .map(str::to_owned)
                .collect();
            let update = Update::files_only(outputs, removed);
            let (mut next, changed) = Snapshot::next(Some(current), current.id.clone(), update);
            if changed.is_empty() {
                return;
            }
            next.mount = current.mount.clone();
            live.set(Published {
                snapshot: Some(Arc::new(next)),
                failure: now.failure.clone(),
            });
        });
    if spawned.is_err() {
        latest.fetch_add(1, Ordering::SeqCst);
    }
}

/// One thread for search refreshes: they are background work and must leave the cores to
/// the rebuilds a reader is waiting for.
fn search_pool() -> Option<&'static rayon::ThreadPool> {
    static POOL: std::sync::OnceLock<Option<rayon::ThreadPool>> = std::sync::OnceLock::new();
    POOL.get_or_init(|| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .thread_name(|_| "helpsite-search-index".to_owned())
            .build()
            .ok()
    })
    .as_ref()
}

fn mount(session: &Session) -> String {
    session
        .site()
        .map(|s| mount_of(&s.config.base_url))
        .unwrap_or_default()
}

struct Publisher<'a> {
    live: &'a Live,
    log: &'a Log,
    /// Warnings already printed, so each is printed once.
    warnings: BTreeSet<String>,
}

impl Publisher<'_> {
    /// `since`: when the change was seen (`None` for the first build).
    fn publish(
        &mut self,
        result: Result<Update, Vec<Diagnostic>>,
        mount: String,
        since: Option<Instant>,
    ) {
        match result {
            Ok(update) => self.succeeded(update, mount, since),
            Err(errors) => self.failed(errors),
        }
    }

    fn succeeded(&mut self, update: Update, mount: String, since: Option<Instant>) {
        self.print_new_warnings(&update.warnings);
        let _guard = self
            .live
            .publishing
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        let now = self.live.current();
        let recovering = now.failure.is_some() || now.snapshot.is_none();
        let summary = summary(&update);
        let (mut snapshot, changed) =
            Snapshot::next(now.snapshot.as_deref(), self.live.next_id(), update);
        snapshot.mount = mount;
        if changed.is_empty() && !recovering {
            self.log.info(&format!("{summary}; no output changed"));
            return;
        }
        let snapshot = match (&now.snapshot, changed.is_empty()) {
            (Some(same), true) => Arc::clone(same),
            _ => Arc::new(snapshot),
        };
        let build = snapshot.id.clone();
        let css_only = !recovering
            && changed
                .iter()
                .all(|p| p.to_ascii_lowercase().ends_with(".css"));
        if !changed.is_empty() {
            self.live.record(&build, css_only.then(|| changed.clone()));
        }
        self.live.set(Published {
            snapshot: Some(snapshot),
            failure: None,
        });
        let paths: Vec<String> = changed.into_iter().collect();
        let event = if css_only {
            Event::Css {
                build: &build,
                paths: &paths,
            }
        } else {
            Event::Reload { build: &build }
        };
        self.live.hub.broadcast(&event);
        let Some(since) = since else {
            self.log.info(&format!("{summary}; {} files", paths.len()));
            return;
        };
        let what = if css_only {
            "stylesheets swapped"
        } else {
            "reload"
        };
        let n = paths.len();
        let fixed = if now.failure.is_some() { "fixed; " } else { "" };
        self.log.info(&format!(
            "{fixed}{summary}; {n} file{} changed -> {what} ({} ms after the change)",
            if n == 1 { "" } else { "s" },
            since.elapsed().as_millis()
        ));
    }

    fn failed(&mut self, errors: Vec<Diagnostic>) {
        self.log.errors(&errors);
        let _guard = self
            .live
            .publishing
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        let n = errors.len();
        let failure = Arc::new(Failure::new(errors));
        let now = self.live.current();
        self.live.set(Published {
            snapshot: now.snapshot.clone(),
            failure: Some(Arc::clone(&failure)),
        });
        self.live.hub.broadcast(&Event::Failed {
            json: &failure.json(),
        });
        let shown = if now.snapshot.is_some() {
            "the last good build is still served"
        } else {
            "pages show the error until it is fixed"
        };
        self.log.info(&format!(
            "build failed with {n} error{}; {shown}",
            if n == 1 { "" } else { "s" }
        ));
    }

    fn print_new_warnings(&mut self, warnings: &[Diagnostic]) {
        let fresh: Vec<Diagnostic> = warnings
            .iter()
            .filter(|w| !self.warnings.contains(&w.to_string()))
            .cloned()
            .collect();
        self.log.warnings(&fresh);
        self.warnings = warnings.iter().map(ToString::to_string).collect();
    }
}

fn summary(update: &Update) -> String {
    let took = update.elapsed.as_millis();
    match update.path {
        Path::Patch => format!(
            "updated {} page{} in {took} ms",
            update.templated,
            if update.templated == 1 { "" } else { "s" }
        ),
        Path::Full => format!(
            "built {} pages ({} rendered from Markdown, {} FAQ questions) in {took} ms",
            update.pages, update.markdown_rendered, update.questions
        ),
    }
}
