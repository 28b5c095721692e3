//! `helpsite check`: internal links and anchors, content lint and, on request, external
//! links, all over a finished in-memory build. Findings are data; `format` prints them.

pub mod external;
pub mod format;

mod ignore;
mod jsonld;
mod links;
mod lint;
mod locate;
pub mod published;

use crate::config::ChecksConfig;
use crate::diagnostic::{self, Diagnostic, Severity};
use crate::html_scan::{self, Scan};
use crate::model::{Body, PageKind};
use crate::output::Content;
use crate::pipeline::Build;
use crate::resolve::Resolver;
use crate::rules::Level;
use published::Published;
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// What to check beyond internal links and lint.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Also request every external URL.
    pub external: bool,
    /// Site root: where `.helpsite-cache.json` lives.
    pub root: PathBuf,
    /// Show a progress bar (a terminal) or plain progress lines (not a terminal, not quiet).
    pub progress: external::Progress,
}

/// Counts for the summary line and the JSON `summary` object.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    pub errors: usize,
    pub warnings: usize,
    /// Findings of rules set to `info`: reported, never a failure.
    pub infos: usize,
    /// Source files checked (Markdown pages and FAQ groups).
    pub files: usize,
    /// Link occurrences checked in the output, plus external URLs requested or cached.
    pub links_checked: usize,
}

/// Everything `helpsite check` found.
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub findings: Vec<Diagnostic>,
    pub summary: Summary,
    /// How long each phase took (for `-v`).
    pub timings: Vec<(&'static str, Duration)>,
}

/// A template's text and where it came from, for pointing at template lines.
#[derive(Debug, Clone)]
pub struct TemplateText {
    pub name: String,
    pub origin: PathBuf,
    pub text: String,
}

/// Read-only facts every check shares: the build, each HTML output's links and ids, and
/// source texts by shown path.
pub struct Context<'a> {
    pub build: &'a Build,
    pub config: &'a ChecksConfig,
    pub scans: HashMap<&'a str, Scan<'a>>,
    pub published: Published<'a>,
    /// Page index by output path (`guides/a/index.html`).
    pub page_of_output: HashMap<String, usize>,
    pub sources: HashMap<&'a Path, &'a str>,
    pub templates: Vec<TemplateText>,
    /// Resolves Markdown destinations the way the renderer did, to explain broken ones.
    pub resolver: Resolver<'a>,
}

impl<'a> Context<'a> {
    /// Scan every generated HTML output (in parallel) and index the build.
    pub fn new(build: &'a Build) -> Self {
        Self::with_scans(build, scan_html(&build.outputs), None)
    }

    /// Index the build from scans made earlier (see [`scan_html`]); `later` holds outputs
    /// made after the scan, which links may point at but which hold no HTML to check.
    pub fn with_scans(
        build: &'a Build,
        mut scans: Scans<'a>,
        later: Option<&'a crate::output::Outputs>,
    ) -> Self {
        let site = &build.site;
        let mut all = vec![&build.outputs];
        all.extend(later);
        let published = Published::new(&all, &mut scans, &site.config.base_url);
        let page_of_output = site
            .pages
            .iter()
            .enumerate()
            .map(|(i, p)| (format!("{}index.html", p.url), i))
            .collect();
        let mut sources: HashMap<&Path, &str> = HashMap::new();
        for page in &site.pages {
            if let Body::Markdown(lp) = &page.body {
                sources.insert(&lp.source.shown, &lp.src);
            }
        }
        for f in &site.faqs {
            sources.insert(&f.source.shown, &f.src);
        }
        let templates = build
            .theme
            .templates
            .iter()
            .map(|(name, file)| TemplateText {
                name: name.clone(),
                origin: file
                    .origin
                    .clone()
                    .unwrap_or_else(|| PathBuf::from(format!("<default theme>/templates/{name}"))),
                text: String::from_utf8_lossy(&file.bytes).into_owned(),
            })
            .collect();
        Context {
            build,
            config: &site.config.checks,
            scans,
            published,
            page_of_output,
            sources,
            templates,
            resolver: Resolver::new(site),
        }
    }

    /// Whether the page at output `path` lacks content another tool would generate there
    /// (an mkdocstrings directive, a snippet include), so its ids are not all known and a
    /// missing anchor on it may well exist on the real site: such anchors are not reported
    /// (the page itself carries an `unsupported-markdown` warning saying so).
    pub fn anchors_unknown(&self, path: &str) -> bool {
        self.page_of_output
            .get(path)
            .and_then(|&i| self.build.rendered.pages.get(i))
            .is_some_and(|p| p.body.generated)
    }

    /// The template that rendered the output at `path`.
    pub fn template_of(&self, path: &str) -> &'static str {
        let Some(&i) = self.page_of_output.get(path) else {
            return if path == "404.html" {
                "404.html"
            } else if path == format!("{}index.html", crate::tags::TAGS_URL) {
                "tags.html"
            } else if path.starts_with(crate::tags::TAGS_URL) {
                "tag.html"
            } else {
                "redirect.html"
            };
        };
        match self.build.site.pages[i].kind {
            PageKind::Home if self.build.theme.templates.contains_key("index.html") => "index.html",
            PageKind::Home | PageKind::Section => "section.html",
            PageKind::Faq => "faq.html",
            PageKind::Article => "page.html",
        }
    }

    /// Output paths of scanned HTML, sorted, so results do not depend on hash order.
    pub fn scanned_paths(&self) -> Vec<&'a str> {
        let mut paths: Vec<&str> = self.scans.keys().copied().collect();
        paths.sort_unstable();
        paths
    }
}

/// The links and ids of each HTML output, by output path.
pub type Scans<'a> = HashMap<&'a str, Scan<'a>>;

/// Read the links and ids of every HTML output, in parallel.
pub fn scan_html(outputs: &crate::output::Outputs) -> Scans<'_> {
    outputs
        .par_iter()
        .filter_map(|(path, content)| match content {
            Content::Bytes(bytes) if path.ends_with(".html") => {
                Some((path.as_str(), html_scan::scan_bytes(bytes)))
            }
            _ => None,
        })
        .collect()
}

/// [`scan_html`] for a build whose pages were written as they were made: their links and
/// ids come from [`Build::page_scans`].
pub fn scan_build(build: &Build) -> Scans<'_> {
    let mut scans = scan_html(&build.outputs);
    let pages: Vec<(&str, Scan)> = build
        .site
        .pages
        .par_iter()
        .zip(&build.page_scans)
        .filter_map(|(page, kept)| {
            let (path, _) = build
                .outputs
                .get_key_value(&crate::output::page_path(page))?;
            Some((path.as_str(), kept.scan()))
        })
        .collect();
    scans.extend(pages);
    scans
}

/// Run every check. External links only with `opts.external`.
pub fn run(build: &Build, opts: &Options) -> Report {
    let mut timings = Vec::new();
    let mut clock = Instant::now();
    let mut lap = |name: &'static str| {
        timings.push((name, clock.elapsed()));
        clock = Instant::now();
    };
    let ctx = Context::new(build);
    lap("scan html");
    let outcome = links::internal(&ctx);
    lap("internal links");
    let mut findings = outcome.findings;
    findings.extend(crate::social::check(&build.site, &ctx.resolver));
    let mut links_checked = outcome.checked;
    findings.extend(lint::run(&ctx, &outcome.linked));
    lap("content lint");
    findings.extend(jsonld::run(&ctx));
    lap("structured data");
    findings.extend(build.warnings.iter().cloned());
    if opts.external {
        let (found, checked) = external::run(&ctx, opts);
        findings.extend(found);
        links_checked += checked;
        lap("external links");
    }
    let findings = finish(&ctx, findings);
    let files = build
        .site
        .pages
        .iter()
        .filter(|p| matches!(p.body, Body::Markdown(_)))
        .count()
        + build.site.faqs.len();
    Report {
        summary: summarize(&findings, files, links_checked),
        findings,
        timings,
    }
}

/// Only internal links and anchors (what `helpsite build` refuses to ship), over scans
/// made while the outputs in `later` were being made.
pub fn links_of_scans<'a>(
    build: &'a Build,
    scans: Scans<'a>,
    later: &'a crate::output::Outputs,
) -> Vec<Diagnostic> {
    links_of(Context::with_scans(build, scans, Some(later)))
}

fn links_of(ctx: Context) -> Vec<Diagnostic> {
    let mut findings = links::internal(&ctx).findings;
    findings.extend(crate::social::check(&ctx.build.site, &ctx.resolver));
    finish(&ctx, findings)
}

/// Apply configured levels and ignore comments, then sort and drop repeats (an FAQ group
/// shown on several pages reports each finding once).
fn finish(ctx: &Context, findings: Vec<Diagnostic>) -> Vec<Diagnostic> {
    // Ignore comments work in templates too (`{# helpsite-ignore: broken-link #}`).
    let mut texts = ctx.sources.clone();
    for t in &ctx.templates {
        texts.insert(t.origin.as_path(), t.text.as_str());
    }
    let mut out: Vec<Diagnostic> = findings
        .into_iter()
        .filter_map(|mut d| {
            d.severity = match ctx.config.level(d.rule) {
                Some(Level::Off) => return None,
                Some(Level::Error) => Severity::Error,
                Some(Level::Warning) => Severity::Warning,
                Some(Level::Info) => Severity::Info,
                None => d.severity,
            };
            (!ignore::silenced(&d, &texts)).then_some(d)
        })
        .collect();
    diagnostic::sort(&mut out);
    out.dedup_by(|a, b| a.rule == b.rule && a.location.is_some() && a.location == b.location);
    out
}

fn summarize(findings: &[Diagnostic], files: usize, links_checked: usize) -> Summary {
    let errors = findings.iter().filter(|d| d.is_error()).count();
    let infos = findings
        .iter()
        .filter(|d| d.severity == Severity::Info)
        .count();
    Summary {
        errors,
        warnings: findings.len() - errors - infos,
        infos,
        files,
        links_checked,
    }
}
