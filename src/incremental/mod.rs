//! Incremental builds: a [`Session`] keeps the last good build in memory and, given what
//! changed on disk, redoes only the work the change touches.
//!
//! - A text edit that keeps every page's URL, title and place in the navigation re-renders
//!   just the edited pages (and pages showing an edited FAQ group), then recomputes the
//!   outputs aggregated over all pages (see [`output::aggregates`]).
//! - Anything else runs every stage again, but reads only files whose size or modification
//!   time changed and reuses each page's rendered Markdown while its sources are unchanged
//!   and its links still resolve to the same URLs; then only templates run again.
//!
//! The outputs are the same as [`pipeline::build`]'s for the same files (tests check this).

mod cache;
mod changes;
mod patch;
mod reuse;
#[cfg(test)]
mod tests;

pub use changes::{Changes, THEME_DIRS};

use crate::config::{self, Config};
use crate::diagnostic::{self, Diagnostic};
use crate::diagrams::Library;
use crate::highlight::Highlighter;
use crate::model::{self, Site};
use crate::output::{self, Outputs};
use crate::pipeline::Options;
use crate::render::{RenderedSite, Renderer};
use crate::templates::Templates;
use crate::theme::{self, Theme};
use crate::{discover, pipeline};
use cache::Cache;
use patch::Outcome;
use std::time::{Duration, Instant};

/// How an update was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Path {
    /// Only the touched pages were rendered again.
    Patch,
    /// Every stage ran again, reusing unchanged files and Markdown.
    Full,
}

/// The result of a successful build or update.
#[derive(Debug)]
pub struct Update {
    pub path: Path,
    /// After a full build, every output of the site; after a patch, only outputs that may
    /// have changed.
    pub outputs: Outputs,
    /// Outputs that no longer exist (after a patch; a full build lists everything instead).
    pub removed: Vec<String>,
    /// Copied files (`Content::Copy`) whose source changed on disk: their entry in
    /// `outputs` looks the same, but their bytes are new.
    pub touched: Vec<String>,
    /// Every warning the site has now, as `pipeline::build` would report them.
    pub warnings: Vec<Diagnostic>,
    /// Pages whose Markdown was rendered (not reused) and pages whose template ran.
    pub markdown_rendered: usize,
    pub templated: usize,
    pub pages: usize,
    pub questions: usize,
    pub elapsed: Duration,
    /// The search index in `outputs` is out of date (a patch re-rendered pages): rebuild it
    /// with [`Session::search_documents`] when convenient, off the reload path.
    pub search_stale: bool,
}

impl Update {
    /// A patch that only replaces `outputs` and drops `removed` (the search index, refreshed
    /// after the pages it indexes).
    pub fn files_only(outputs: Outputs, removed: Vec<String>) -> Update {
        Update {
            path: Path::Patch,
            outputs,
            removed,
            touched: Vec::new(),
            warnings: Vec::new(),
            markdown_rendered: 0,
            templated: 0,
            pages: 0,
            questions: 0,
            elapsed: Duration::ZERO,
            search_stale: false,
        }
    }

    /// Bring `outputs` (the site as of the previous update) up to date.
    pub fn apply_to(&self, outputs: &mut Outputs) {
        if self.path == Path::Full {
            outputs.clone_from(&self.outputs);
            return;
        }
        for path in &self.removed {
            outputs.remove(path);
        }
        outputs.extend(self.outputs.iter().map(|(k, v)| (k.clone(), v.clone())));
    }
}

/// The last good build.
struct State {
    config: Config,
    theme: Theme,
    templates: Templates,
    discover_warnings: Vec<Diagnostic>,
    site: Site,
    /// Rendered pages without their final HTML (it lives in the outputs handed out).
    rendered: RenderedSite,
    /// Each page's related pages as of the last full build: an edit that re-renders a few
    /// pages keeps them (the index they come from is refreshed off the reload path).
    related: std::sync::Arc<Vec<Vec<usize>>>,
}

/// A site being worked on: builds once, then updates as files change.
pub struct Session {
    opts: Options,
    cache: Cache,
    state: Option<State>,
    /// Changes not yet part of a good build: a file that failed stays here, so it is read
    /// again on every update until it builds.
    pending: Changes,
}

impl Session {
    pub fn new(opts: Options) -> Self {
        Session {
            opts,
            cache: Cache::default(),
            state: None,
            pending: Changes::default(),
        }
    }

    pub fn options(&self) -> &Options {
        &self.opts
    }

    /// Whether a build has succeeded yet.
    pub fn has_build(&self) -> bool {
        self.state.is_some()
    }

    /// The site of the last good build.
    pub fn site(&self) -> Option<&Site> {
        self.state.as_ref().map(|s| &s.site)
    }

    /// Build everything (reusing what an earlier build of this session read and rendered).
    pub fn build(&mut self, highlighter: &Highlighter) -> Result<Update, Vec<Diagnostic>> {
        self.update(Changes::everything(), highlighter)
    }

    /// Apply `changes` to the last good build. On error the last good build is kept, and
    /// the failed changes are retried with the next update.
    pub fn update(
        &mut self,
        changes: Changes,
        highlighter: &Highlighter,
    ) -> Result<Update, Vec<Diagnostic>> {
        let started = Instant::now();
        self.pending.merge(changes);
        let outcome = match &mut self.state {
            Some(state) => patch::patch(
                &self.opts,
                &mut self.cache,
                state,
                &self.pending,
                highlighter,
            ),
            None => Outcome::NeedsFull,
        };
        let result = match outcome {
            Outcome::Patched(p) => Ok(self.summary(p, started)),
            Outcome::Failed(errors) => Err(errors),
            Outcome::NeedsFull => self.full(highlighter, started),
        };
        if result.is_ok() {
            self.pending = Changes::default();
        }
        result
    }

    fn summary(&self, p: patch::Patched, started: Instant) -> Update {
        let state = self.state.as_ref();
        let site = state.map(|s| &s.site);
        Update {
            path: Path::Patch,
            outputs: p.outputs,
            removed: p.removed,
            touched: p.touched,
            warnings: state.map(|s| self.warnings(s)).unwrap_or_default(),
            markdown_rendered: p.rendered,
            templated: p.rendered,
            pages: site.map_or(0, |s| s.pages.len()),
            questions: site.map_or(0, question_count),
            elapsed: started.elapsed(),
            search_stale: p.rendered > 0,
        }
    }

    /// The search documents of the last good build and the synonyms to index them with.
    pub fn search_documents(&self) -> Option<crate::search::SearchInput> {
        let state = self.state.as_ref()?;
        Some(crate::search::SearchInput {
            documents: crate::search::documents(&state.site, &state.rendered),
            synonyms: state.site.config.search.synonyms.clone(),
            languages: state.site.config.languages.clone(),
        })
    }

    fn warnings(&self, state: &State) -> Vec<Diagnostic> {
        let mut warnings = state.discover_warnings.clone();
        warnings.extend(self.cache.warnings().cloned());
        for (page, r) in state.site.pages.iter().zip(&state.rendered.pages) {
            warnings.extend(r.warnings(page.kind).cloned());
        }
        let mermaid = &state.site.config.mermaid;
        let library = Library::find(mermaid, |f| state.templates.has_static(f));
        warnings.extend(crate::diagrams::missing(mermaid, library.as_ref()));
        diagnostic::sort(&mut warnings);
        warnings.dedup();
        warnings
    }

    /// Every stage, as `pipeline::build` runs them, reusing unchanged work.
    fn full(
        &mut self,
        highlighter: &Highlighter,
        started: Instant,
    ) -> Result<Update, Vec<Diagnostic>> {
        let opts = &self.opts;
        let config = config::load(&opts.root)?;
        let theme = theme::load(&opts.root, &config.theme).map_err(|e| vec![e])?;
        let templates = Templates::new(&theme, &config.languages)?;
        let found = discover::discover(&opts.root).map_err(|e| vec![e])?;
        let sources = pipeline::outside_output(found.sources, &opts.out_dir());
        let dating = pipeline::dates_in_background(&opts.root, &config, &sources);
        let (mut loaded, reread) = self.cache.load(sources, &self.pending.content)?;
        if let Some(dating) = dating {
            loaded.dates = dating.join().unwrap_or_default();
        }
        // Until a build succeeds, files read now count as changed: the next attempt must not
        // reuse what the last good build rendered from their old text.
        self.pending.content.extend(reread.iter().cloned());
        let reread = self.pending.content.clone();
        let site = model::assemble(config, loaded, opts.drafts)?;
        let mut renderer = Renderer::new(&site, &templates, highlighter);
        let counts = Counts::default();
        // Markdown holds interface strings (permalink labels, alert titles) and reads
        // differently with diagrams on: reuse it only when neither changed.
        let previous = self.state.as_ref().filter(|old| {
            let drew = Library::find(&old.site.config.mermaid, |f| old.templates.has_static(f));
            drew.is_some() == renderer.diagrams.is_some()
                && old.templates.strings.same_text(&templates.strings)
        });
        let mut rendered = renderer.markdown_with(|_, page| {
            let reused = previous.and_then(|old| {
                let previous = reuse::Previous {
                    site: &old.site,
                    rendered: &old.rendered,
                    reread: &reread,
                };
                previous.reuse(page, &renderer)
            });
            counts.templated.fetch_add(1, ORDER);
            match reused {
                Some(r) => Ok(r),
                None => {
                    counts.markdown.fetch_add(1, ORDER);
                    renderer.markdown_page(page)
                }
            }
        })?;
        let documents = crate::search::documents(&site, &rendered);
        let search = crate::search::Indexes::new(documents, &site.config.languages);
        let related = std::sync::Arc::new(crate::related::compute(&site, &search));
        renderer.related = related.clone();
        renderer.template_all(&mut rendered)?;
        let mut outputs = output::outputs(&site, &mut rendered, &renderer, &theme, &[])?;
        crate::embed::outputs(&renderer, &rendered, &mut outputs)?;
        let broken = crate::identity::check(&site.config.identity, &outputs, &site.config.source);
        if !broken.is_empty() {
            return Err(broken);
        }
        search.outputs(&site.config.search.synonyms, &mut outputs);
        drop(renderer);
        for page in &mut rendered.pages {
            page.html = String::new();
        }
        let state = State {
            config: site.config.clone(),
            theme,
            templates,
            discover_warnings: found.warnings,
            site,
            rendered,
            related,
        };
        let warnings = self.warnings(&state);
        let update = Update {
            path: Path::Full,
            outputs,
            removed: Vec::new(),
            touched: Vec::new(),
            warnings,
            markdown_rendered: counts.markdown.into_inner(),
            templated: counts.templated.into_inner(),
            pages: state.site.pages.len(),
            questions: question_count(&state.site),
            elapsed: started.elapsed(),
            search_stale: false,
        };
        self.state = Some(state);
        Ok(update)
    }
}

const ORDER: std::sync::atomic::Ordering = std::sync::atomic::Ordering::Relaxed;

#[derive(Default)]
struct Counts {
    markdown: std::sync::atomic::AtomicUsize,
    templated: std::sync::atomic::AtomicUsize,
}

fn question_count(site: &Site) -> usize {
    site.faqs.iter().map(|f| f.questions.len()).sum()
}
