//! The one place that orders the stages: config -> discover -> load -> model -> render ->
//! outputs (-> write).

use crate::config::{self, Config};
use crate::diagnostic::Diagnostic;
use crate::highlight::Highlighter;
use crate::model::{self, Site};
use crate::output::{self, Outputs};
use crate::render::{RenderedSite, Renderer};
use crate::templates::Templates;
use crate::{discover, load, theme, write};
use rayon::prelude::*;
use std::path::{Component, Path, PathBuf};
use std::time::{Duration, Instant};

/// What to build and where.
#[derive(Debug, Clone)]
pub struct Options {
    pub root: PathBuf,
    /// Output folder; `ROOT/dist` when `None`.
    pub out: Option<PathBuf>,
    pub drafts: bool,
}

impl Options {
    pub fn out_dir(&self) -> PathBuf {
        self.out.clone().unwrap_or_else(|| self.root.join("dist"))
    }
}

/// A finished in-memory build.
pub struct Build {
    pub site: Site,
    pub rendered: RenderedSite,
    pub outputs: Outputs,
    pub warnings: Vec<Diagnostic>,
    pub elapsed: Duration,
    /// Wall and CPU time of each stage, for `-v`.
    pub clock: Clock,
    /// The theme the site was rendered with (checks point broken template links at it).
    pub theme: theme::Theme,
    /// The search index of each language; its files are not in `outputs` yet (see
    /// [`search_index`]).
    pub search: crate::search::Indexes,
    /// The links and ids of each page, in the model's order, when the pages were written
    /// as they were made and their links are to be checked (see [`build_pages_into`]);
    /// empty otherwise (the pages' HTML is in `outputs`).
    pub page_scans: Vec<crate::html_scan::Kept>,
}

impl Build {
    pub fn question_count(&self) -> usize {
        self.site.faqs.iter().map(|f| f.questions.len()).sum()
    }
}

/// Run every stage up to the outputs, without writing. Returns all errors found.
pub fn build(opts: &Options, highlighter: &Highlighter) -> Result<Build, Vec<Diagnostic>> {
    let mut b = build_pages(opts, highlighter)?;
    b.clock.restart();
    let index = search_index(&b);
    b.outputs.extend(index);
    b.clock.lap("search index files");
    b.elapsed += b.clock.laps.last().map_or(Duration::ZERO, |l| l.wall);
    Ok(b)
}

/// Every stage but writing the search index's files: they are missing from the outputs.
/// `build` adds them; `helpsite build` makes them while it scans the pages for links.
pub fn build_pages(opts: &Options, highlighter: &Highlighter) -> Result<Build, Vec<Diagnostic>> {
    stages(opts, highlighter, None)
}

/// [`build_pages`] for `helpsite build`: each page is written into `stream`'s staging
/// folder as soon as its template has run, and only its record stays in the outputs
/// ([`crate::output::Content::Placed`]) and, with `scan_links`, its links and ids
/// ([`Build::page_scans`]). What only the content lint of `helpsite check` reads (section
/// texts, lint facts, each page's Markdown HTML) is dropped once the stages after it are
/// done with it. A build then never holds every page's HTML at once.
pub fn build_pages_into(
    opts: &Options,
    highlighter: &Highlighter,
    stream: &mut write::Stream,
    scan_links: bool,
) -> Result<Build, Vec<Diagnostic>> {
    stages(opts, highlighter, Some(Writing { stream, scan_links }))
}

/// Where a build writes its pages as it makes them.
struct Writing<'s> {
    stream: &'s mut write::Stream,
    scan_links: bool,
}

fn stages(
    opts: &Options,
    highlighter: &Highlighter,
    mut writing: Option<Writing>,
) -> Result<Build, Vec<Diagnostic>> {
    let keep_all = writing.is_none();
    let started = Instant::now();
    let mut clock = Clock::new();
    let config: Config = config::load(&opts.root)?;
    let theme = theme::load(&opts.root, &config.theme).map_err(|e| vec![e])?;
    let templates = Templates::new(&theme, &config.languages)?;
    clock.lap("config+theme");
    let found = discover::discover(&opts.root).map_err(|e| vec![e])?;
    clock.lap("discover");
    let mut warnings = found.warnings;
    warnings.extend(templates.strings.warnings.iter().cloned());
    let sources = outside_output(found.sources, &opts.out_dir());
    let dating = dates_in_background(&opts.root, &config, &sources);
    let mut loaded = load::load(sources)?;
    if let Some(dating) = dating {
        loaded.dates = dating.join().unwrap_or_default();
    }
    clock.lap("load");
    warnings.extend(loaded.warnings.iter().cloned());
    let site = model::assemble(config, loaded, opts.drafts)?;
    clock.lap("model");
    // The pages' folders are made (by a thread of the stream's) while they are rendered.
    let paths: Vec<String> = match &mut writing {
        Some(w) => {
            let paths: Vec<String> = site.pages.iter().map(output::page_path).collect();
            w.stream.expect(&paths).map_err(|e| vec![e])?;
            clock.lap("staging folder");
            paths
        }
        None => Vec::new(),
    };
    let mut renderer = Renderer::new(&site, &templates, highlighter);
    renderer.lint_facts = keep_all;
    let mut rendered = renderer.markdown_all()?;
    if !keep_all {
        // All code is highlighted; the server's builds keep the highlighter for the next.
        highlighter.release();
    }
    clock.lap("markdown");
    let documents = if keep_all {
        crate::search::documents(&site, &rendered)
    } else {
        crate::search::documents_taking(&site, &mut rendered)
    };
    let search = crate::search::Indexes::new(documents, &site.config.languages);
    clock.lap("search index");
    renderer.related = std::sync::Arc::new(crate::related::compute(&site, &search));
    clock.lap("related");
    let (placed, page_scans) = match writing {
        None => {
            renderer.template_all(&mut rendered)?;
            (Vec::new(), Vec::new())
        }
        Some(Writing { stream, scan_links }) => {
            template_and_write(&renderer, &mut rendered, stream, &paths, scan_links)?
        }
    };
    clock.lap(if keep_all {
        "templates"
    } else {
        "templates + write"
    });
    warnings.extend(rendered.warnings.iter().cloned());
    warnings.extend(crate::diagrams::missing(
        &site.config.mermaid,
        renderer.diagrams.as_ref(),
    ));
    let mut outputs = output::outputs(&site, &mut rendered, &renderer, &theme, &placed)?;
    crate::embed::outputs(&renderer, &rendered, &mut outputs)?;
    let broken = crate::identity::check(&site.config.identity, &outputs, &site.config.source);
    if !broken.is_empty() {
        return Err(broken);
    }
    clock.lap("outputs");
    drop(renderer);
    crate::diagnostic::sort(&mut warnings);
    warnings.dedup();
    Ok(Build {
        site,
        rendered,
        outputs,
        warnings,
        elapsed: started.elapsed(),
        clock,
        theme,
        search,
        page_scans,
    })
}

/// Run every page's template and write the page into `stream` (at `paths[i]`), keeping its
/// record and, with `scan_links`, its links and ids.
///
/// One thread writes while the others render: files created from both threads at once cost
/// 0.5-1.1 s more system time at 10,000 pages than the same files from one (each file
/// system operation takes locks the other waits on). A bounded queue between them holds
/// at most a few pages' HTML.
fn template_and_write(
    renderer: &Renderer,
    rendered: &mut RenderedSite,
    stream: &write::Stream,
    paths: &[String],
    scan_links: bool,
) -> Result<(Vec<output::Placed>, Vec<crate::html_scan::Kept>), Vec<Diagnostic>> {
    let (queue, pages) = std::sync::mpsc::sync_channel::<(usize, String)>(64);
    std::thread::scope(|scope| {
        let writer = scope.spawn(move || {
            let mut placed = vec![None; paths.len()];
            for (i, html) in pages {
                placed[i] = Some(stream.place(&paths[i], html.as_bytes())?);
            }
            Ok::<_, Diagnostic>(placed)
        });
        let scans = renderer.template_all_into(rendered, |i, html| {
            let scan = scan_links.then(|| crate::html_scan::Kept::of(html.as_bytes()));
            // Fails only once the writer has stopped on an error, reported below.
            let _ = queue.send((i, html));
            Ok(scan)
        });
        drop(queue);
        let placed = match writer.join() {
            Ok(Ok(placed)) => placed,
            Ok(Err(e)) => return Err(vec![e]),
            Err(_) => {
                return Err(vec![Diagnostic::error(
                    "io",
                    "the thread writing the pages stopped",
                )]);
            }
        };
        let scans = scans?;
        // Every page was templated, so every page was sent and written.
        let placed = placed.into_iter().flatten().collect();
        Ok((placed, scans.into_iter().flatten().collect()))
    })
}

/// With `updated: git`, start dating the page and FAQ sources on a thread of its own: the
/// history is read (by `git log`) while the files are loaded.
pub fn dates_in_background(
    root: &Path,
    config: &Config,
    sources: &[discover::Source],
) -> Option<std::thread::JoinHandle<std::collections::HashMap<String, String>>> {
    if !config.updated_from_git {
        return None;
    }
    let files: Vec<load::dates::Dated> = sources
        .iter()
        .filter(|s| s.kind != discover::SourceKind::Asset)
        .map(|s| load::dates::Dated {
            rel: s.rel.clone(),
            abs: s.abs.clone(),
        })
        .collect();
    let content = root.join(discover::CONTENT_DIR);
    Some(std::thread::spawn(move || {
        load::dates::last_changed(&content, &files)
    }))
}

/// The search index files of a build (`_search/...`).
pub fn search_index(b: &Build) -> Outputs {
    let mut index = Outputs::new();
    b.search.outputs(&b.site.config.search.synonyms, &mut index);
    index
}

/// Records how long each stage took, in wall time and CPU time: a stage whose CPU time is
/// well below wall time x cores is not using the machine.
pub struct Clock {
    last: Instant,
    last_cpu: Option<Duration>,
    pub laps: Vec<Lap>,
}

pub struct Lap {
    pub stage: &'static str,
    pub wall: Duration,
    pub cpu: Option<Duration>,
    /// The process's peak resident memory at the stage's end, in bytes: where a build's
    /// memory peak is reached (Linux only).
    pub peak_rss: Option<u64>,
}

impl Clock {
    pub fn new() -> Self {
        Clock {
            last: Instant::now(),
            last_cpu: cpu_time(),
            laps: Vec::new(),
        }
    }

    /// Start timing the next stage from now.
    pub fn restart(&mut self) {
        self.last = Instant::now();
        self.last_cpu = cpu_time();
    }

    /// Record a stage timed elsewhere (one that ran alongside another).
    pub fn record(&mut self, stage: &'static str, wall: Duration) {
        self.laps.push(Lap {
            stage,
            wall,
            cpu: None,
            peak_rss: None,
        });
    }

    /// End the current stage.
    pub fn lap(&mut self, stage: &'static str) {
        let now = Instant::now();
        let cpu = cpu_time();
        self.laps.push(Lap {
            stage,
            wall: now - self.last,
            cpu: cpu.zip(self.last_cpu).map(|(c, l)| c.saturating_sub(l)),
            peak_rss: peak_rss(),
        });
        self.last = now;
        self.last_cpu = cpu;
    }
}

impl Default for Clock {
    fn default() -> Self {
        Self::new()
    }
}

/// CPU time this process has used so far (Linux only; `None` elsewhere).
pub fn cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name (which may hold spaces) start after the last ')'.
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    // The kernel reports in USER_HZ, which is 100 on Linux.
    Some(Duration::from_millis(ticks * 10))
}

/// The peak resident memory of this process so far, in bytes (Linux only; `None` elsewhere).
pub fn peak_rss() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// Fail early, before building, when the output folder must not be replaced.
pub fn check_output(opts: &Options) -> Result<(), Vec<Diagnostic>> {
    let out = opts.out_dir();
    refuse_dangerous_output(&opts.root, &out).map_err(|e| vec![e])?;
    write::check_replaceable(&out).map_err(|e| vec![e])
}

/// `sources` without those inside the output folder `out` (resolved on disk: through a
/// symlink under `content/`, the last build's output could be read as input).
pub fn outside_output(sources: Vec<discover::Source>, out: &Path) -> Vec<discover::Source> {
    let Ok(out) = out.canonicalize() else {
        // No output folder yet: nothing lies inside it.
        return sources;
    };
    sources
        .into_par_iter()
        .filter(|s| s.abs.canonicalize().map_or(true, |p| !p.starts_with(&out)))
        .collect()
}

/// Folders at the site root that the site is built from (besides `helpsite.yaml`).
const INPUT_DIRS: [&str; 5] = [
    discover::CONTENT_DIR,
    "templates",
    "static",
    "themes",
    "i18n",
];

/// The output folder may not be the site root or hold it, nor lie inside (or hold) a folder
/// the site is built from: each build would read the last one's output as input (an output
/// in `static/` nests the previous site in `_static/`, build after build).
fn refuse_dangerous_output(root: &Path, out: &Path) -> Result<(), Diagnostic> {
    let root_real = root.canonicalize().map_err(|e| {
        Diagnostic::error(
            "io",
            format!("cannot open site root `{}`: {e}", root.display()),
        )
    })?;
    let out_abs = absolute(out);
    let refuse = |why: String| {
        Err(Diagnostic::error(
            "output",
            format!("refusing to write to `{}`: {why}", out.display()),
        )
        .help("use a separate folder such as `dist`"))
    };
    if root_real.starts_with(&out_abs) {
        return refuse(format!("it holds the site `{}`", root.display()));
    }
    for name in INPUT_DIRS {
        let dir = root_real.join(name);
        // Through a symlink an input folder may live anywhere.
        let real = dir.canonicalize().unwrap_or_else(|_| dir.clone());
        let shown = format!(
            "`{name}/`, a folder the site is built from (`{}`)",
            dir.display()
        );
        if out_abs.starts_with(&dir) || out_abs.starts_with(&real) {
            return refuse(format!("it lies inside {shown}"));
        }
        if real.starts_with(&out_abs) {
            return refuse(format!("it holds {shown}"));
        }
    }
    Ok(())
}

/// `p` made absolute, with symlinks resolved as far as it exists; the rest, which need not
/// exist yet, is appended (`..` taken lexically).
fn absolute(p: &Path) -> PathBuf {
    let joined = if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(p)
    };
    let mut rest = Vec::new();
    let mut base = joined.as_path();
    loop {
        if let Ok(mut real) = base.canonicalize() {
            for part in rest.iter().rev() {
                match part {
                    Component::ParentDir => {
                        real.pop();
                    }
                    Component::Normal(name) => real.push(name),
                    _ => {}
                }
            }
            return real;
        }
        match (base.parent(), base.components().next_back()) {
            (Some(parent), Some(last)) => {
                rest.push(last);
                base = parent;
            }
            _ => return joined,
        }
    }
}
