//! The fast path: a change that keeps every page's URL, title and place in the navigation
//! re-renders only the pages it touches and patches the outputs.

use super::State;
use super::cache::{self, Cache, Item, Stamp};
use super::changes::Changes;
use crate::diagnostic::Diagnostic;
use crate::discover::CONTENT_DIR;
use crate::discover::Source;
use crate::highlight::Highlighter;
use crate::load::{LoadedFaq, LoadedPage};
use crate::model::{self, Body, Page};
use crate::output::{self, Content, Outputs};
use crate::pipeline::Options;
use crate::render::{RenderedPage, Renderer};
use crate::theme::{self, Theme};
use rayon::prelude::*;
use std::collections::BTreeSet;

/// What the fast path made of a change.
pub enum Outcome {
    Patched(Patched),
    /// The change moves pages, adds or removes files, or touches config or templates.
    NeedsFull,
    Failed(Vec<Diagnostic>),
}

/// Outputs that changed, and what else the caller should know.
pub struct Patched {
    pub outputs: Outputs,
    pub removed: Vec<String>,
    pub touched: Vec<String>,
    pub rendered: usize,
}

/// Everything the change needs, worked out before the site is touched.
#[derive(Default)]
struct Plan {
    pages: Vec<(usize, Page)>,
    faqs: Vec<(usize, LoadedFaq)>,
    reread: Vec<(Source, Option<Stamp>, Item)>,
    touched: Vec<String>,
    rerender: BTreeSet<usize>,
    theme: Option<Theme>,
}

/// Try to apply `changes` to the last good build in place.
pub fn patch(
    opts: &Options,
    cache: &mut Cache,
    state: &mut State,
    changes: &Changes,
    highlighter: &Highlighter,
) -> Outcome {
    // Dates from git change with commits, not only with the files edited.
    if changes.config || changes.everything || state.config.updated_from_git {
        return Outcome::NeedsFull;
    }
    let plan = match plan(opts, cache, state, changes) {
        Ok(Some(plan)) => plan,
        Ok(None) => return Outcome::NeedsFull,
        Err(errors) => return Outcome::Failed(errors),
    };
    let undo = swap_in(state, plan.pages, plan.faqs);
    let mut renderer = Renderer::new(&state.site, &state.templates, highlighter);
    renderer.related = state.related.clone();
    let results: Vec<(usize, Result<RenderedPage, Diagnostic>)> = plan
        .rerender
        .par_iter()
        .map(|&i| (i, renderer.page(&state.site.pages[i])))
        .collect();
    drop(renderer);
    let errors: Vec<Diagnostic> = results
        .iter()
        .filter_map(|(_, r)| r.as_ref().err().cloned())
        .collect();
    if !errors.is_empty() {
        swap_in(state, undo.0, undo.1);
        return Outcome::Failed(errors);
    }
    for (source, stamp, item) in plan.reread {
        cache.put(&source, stamp, item);
    }
    let mut outputs = Outputs::new();
    let rendered = results.len();
    let mut groups = BTreeSet::new();
    for (i, r) in results {
        if let (crate::model::PageKind::Faq, Some(g)) =
            (state.site.pages[i].kind, state.site.pages[i].faq)
        {
            groups.insert(g);
        }
        let Ok(mut page) = r else { continue };
        let html = std::mem::take(&mut page.html);
        outputs.insert(
            output::page_path(&state.site.pages[i]),
            Content::Bytes(html.into_bytes()),
        );
        state.rendered.pages[i] = page;
    }
    if rendered > 0 {
        outputs.extend(output::aggregates(&state.site));
    }
    if !groups.is_empty() {
        // An edited FAQ group: its embed pages and the JSON feeds change with it.
        let renderer = Renderer::new(&state.site, &state.templates, highlighter);
        for g in groups {
            if let Err(e) = crate::embed::group_outputs(&renderer, g, &mut outputs) {
                return Outcome::Failed(vec![e]);
            }
        }
        crate::embed::feeds(&renderer, &state.rendered, &mut outputs);
    }
    let mut removed = Vec::new();
    if let Some(theme) = plan.theme {
        let (old, new) = (
            output::theme_files(&state.theme),
            output::theme_files(&theme),
        );
        removed.extend(old.keys().filter(|k| !new.contains_key(*k)).cloned());
        outputs.extend(new.into_iter().filter(|(k, v)| old.get(k) != Some(v)));
        state.theme = theme;
    }
    Outcome::Patched(Patched {
        outputs,
        removed,
        touched: plan.touched,
        rendered,
    })
}

/// Pages and FAQ groups, each with its index in the site.
type Replaced = (Vec<(usize, Page)>, Vec<(usize, LoadedFaq)>);

/// Replace pages and FAQ groups by index; returns the replaced values, to swap back.
fn swap_in(
    state: &mut State,
    pages: Vec<(usize, Page)>,
    faqs: Vec<(usize, LoadedFaq)>,
) -> Replaced {
    let pages = pages
        .into_iter()
        .map(|(i, p)| (i, std::mem::replace(&mut state.site.pages[i], p)))
        .collect();
    let faqs = faqs
        .into_iter()
        .map(|(i, f)| (i, std::mem::replace(&mut state.site.faqs[i], f)))
        .collect();
    (pages, faqs)
}

/// `Ok(None)` when the change needs a full build; `Err` when a changed file does not load.
fn plan(
    opts: &Options,
    cache: &Cache,
    state: &State,
    changes: &Changes,
) -> Result<Option<Plan>, Vec<Diagnostic>> {
    let mut plan = Plan::default();
    let mut errors = Vec::new();
    let Some(rels) = narrow(opts, cache, &changes.content) else {
        return Ok(None);
    };
    for rel in &rels {
        let meta = std::fs::metadata(opts.root.join(CONTENT_DIR).join(rel));
        let Some(item) = cache.item(rel) else {
            // A file that came and went (an editor's temp file) needs nothing; anything else
            // that is new, or a folder holding sources, changes the set of pages.
            if meta.is_ok() || cache.has_under(rel) {
                return Ok(None);
            }
            continue;
        };
        if !meta.is_ok_and(|m| m.is_file()) {
            return Ok(None);
        }
        let source = match item {
            Item::Asset(source) => {
                plan.touched.push(source.rel.clone());
                continue;
            }
            Item::Page(p, _) => p.source.clone(),
            Item::Faq(f) => f.source.clone(),
        };
        let stamp = Stamp::of(&source);
        let item = match cache::read(source.clone()) {
            Ok(item) => item,
            Err(e) => {
                errors.extend(e);
                continue;
            }
        };
        let fits = match &item {
            Item::Page(p, _) => plan_page(opts, state, p, &mut plan),
            Item::Faq(f) => plan_faq(opts, state, f, &mut plan),
            Item::Asset(_) => false,
        };
        if !fits {
            return Ok(None);
        }
        plan.reread.push((source, stamp, item));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    if changes.theme {
        let theme = theme::load(&opts.root, &state.config.theme).map_err(|e| vec![e])?;
        if !same_templates(&theme, &state.theme) {
            return Ok(None);
        }
        plan.theme = Some(theme);
    }
    Ok(Some(plan))
}

/// Replace events on folders the site already has by the files in them that changed;
/// `None` when a folder gained or lost files (a full build finds out what).
fn narrow(opts: &Options, cache: &Cache, rels: &BTreeSet<String>) -> Option<BTreeSet<String>> {
    let mut out = BTreeSet::new();
    for rel in rels {
        let dir = opts.root.join(CONTENT_DIR).join(rel);
        if dir.is_dir() && cache.has_under(rel) {
            out.extend(cache.changed_under(&dir, rel)?);
        } else {
            out.insert(rel.clone());
        }
    }
    Some(out)
}

/// Plan a page whose text changed; false when its place in the site changed.
fn plan_page(opts: &Options, state: &State, lp: &LoadedPage, plan: &mut Plan) -> bool {
    let excluded = lp.front.draft && !opts.drafts;
    let Some(&i) = state.site.by_source.get(&lp.source.rel) else {
        return excluded;
    };
    let old = &state.site.pages[i];
    let Body::Markdown(old_lp) = &old.body else {
        return false;
    };
    if excluded || old_lp.front.faq != lp.front.faq {
        return false;
    }
    let mut page = model::article(lp.clone(), old.url.clone(), &state.site.config.languages);
    page.faq = old.faq;
    if !same_place(old, &page) {
        return false;
    }
    plan.pages.push((i, page));
    plan.rerender.insert(i);
    true
}

/// What other pages show of a page: its title, description, order, URL and tags (the tags
/// pages list it).
fn same_place(a: &Page, b: &Page) -> bool {
    a.kind == b.kind
        && a.tags == b.tags
        && a.url == b.url
        && a.parent == b.parent
        && a.title == b.title
        && a.description == b.description
        && a.weight == b.weight
        && a.aliases == b.aliases
}

/// Plan an FAQ group whose file changed: its page and every page showing it re-render.
fn plan_faq(opts: &Options, state: &State, f: &LoadedFaq, plan: &mut Plan) -> bool {
    let excluded = f.draft && !opts.drafts;
    let Some(g) = state
        .site
        .faqs
        .iter()
        .position(|x| x.source.rel == f.source.rel)
    else {
        return excluded;
    };
    let old = &state.site.faqs[g];
    if excluded
        || old.title != f.title
        || old.description != f.description
        || old.weight != f.weight
        || !same_tagged(old, f)
    {
        return false;
    }
    plan.faqs.push((g, f.clone()));
    for (i, page) in state.site.pages.iter().enumerate() {
        if page.faq == Some(g) {
            plan.rerender.insert(i);
        }
    }
    true
}

/// Whether the tags pages list the same of two versions of a group: its tagged questions'
/// places, ids, texts and tags.
fn same_tagged(a: &LoadedFaq, b: &LoadedFaq) -> bool {
    let tagged = |f: &LoadedFaq| -> Vec<(usize, String, String, Vec<String>)> {
        f.questions
            .iter()
            .enumerate()
            .filter(|(_, q)| !q.tags.is_empty())
            .map(|(i, q)| (i, q.id.clone(), q.question.clone(), q.tags.clone()))
            .collect()
    };
    tagged(a) == tagged(b)
}

/// Whether pages render the same with theme `a` as with `b`.
fn same_templates(a: &Theme, b: &Theme) -> bool {
    let strings = |t: &Theme| -> Vec<(String, Vec<Vec<u8>>)> {
        t.strings
            .iter()
            .map(|(n, layers)| (n.clone(), layers.iter().map(|l| l.bytes.clone()).collect()))
            .collect()
    };
    strings(a) == strings(b)
        // A static file that comes or goes can change pages (`mermaid.min.js` turns
        // diagrams on).
        && a.statics.keys().eq(b.statics.keys())
        && a.templates.len() == b.templates.len()
        && a.templates
            .iter()
            .zip(&b.templates)
            .all(|((na, fa), (nb, fb))| na == nb && fa.bytes == fb.bytes)
}
