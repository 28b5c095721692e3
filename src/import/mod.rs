//! `helpsite import wordpress`: WordPress REST API post JSON in, helpsite pages and FAQ
//! groups out, with plain breakage repaired (and counted) and the rest reported.
//!
//! Import writes into `content/` itself (it is not a build output); it never replaces an
//! existing file unless asked to, and checks every file before writing any.
//! `helpsite import mkdocs` lives in [`mkdocs`], with the same promises.

mod clean;
mod depth;
mod dom;
mod emit;
mod faq_block;
mod fields;
mod links;
pub mod mkdocs;
mod post;
mod repairs;
mod review;
mod to_markdown;
mod url;
mod wordpress;
mod words;

pub use repairs::{Repair, Repairs};

use crate::diagnostic::Diagnostic;
use crate::discover::CONTENT_DIR;
use crate::fsx;
use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

/// What to import and where.
#[derive(Debug, Clone)]
pub struct Options {
    /// A post JSON file, or a folder of them.
    pub input: PathBuf,
    /// The site root.
    pub root: PathBuf,
    /// Target folder relative to the root, under `content/` (default `content/guides`).
    pub into: Option<PathBuf>,
    /// Replace existing files.
    pub force: bool,
}

/// A file to write: its path relative to the site root, and its text.
#[derive(Debug, Clone)]
pub struct File {
    pub shown: PathBuf,
    pub text: String,
}

/// Where pages go: the import folder relative to the root and to `content/`.
pub struct Layout {
    /// e.g. `content/guides`.
    pub shown: PathBuf,
    /// e.g. `guides` (empty for `content` itself), with `/` separators.
    pub under_content: String,
}

impl Layout {
    /// `guides/<stem>/`: the page's URL path without the leading `/`.
    fn url_dir(&self, stem: &str) -> String {
        match self.under_content.as_str() {
            "" => format!("{stem}/"),
            dir => format!("{dir}/{stem}/"),
        }
    }

    /// The page's `faq:` value: the FAQ file under `content/`, without extension.
    fn faq_key(&self, stem: &str) -> String {
        format!("{}faq", self.url_dir(stem))
    }
}

/// One imported post.
#[derive(Debug)]
pub struct Imported {
    pub source: PathBuf,
    pub title: String,
    pub files: Vec<PathBuf>,
    pub questions: usize,
    pub repairs: Repairs,
}

/// What an import did and what needs a human.
#[derive(Debug, Default)]
pub struct Report {
    pub posts: Vec<Imported>,
    pub warnings: Vec<Diagnostic>,
}

/// Import every post of `opts.input`. On any error nothing is written and all errors are
/// returned.
pub fn wordpress(opts: &Options) -> Result<Report, Vec<Diagnostic>> {
    let layout = layout(opts).map_err(|e| vec![e])?;
    let mut errors = Vec::new();
    let mut posts = Vec::new();
    for path in inputs(&opts.input).map_err(|e| vec![e])? {
        let parsed = fsx::read_text(&path, &path).and_then(|src| wordpress::parse(&src, &path));
        match parsed {
            Ok(list) => posts.extend(list.into_iter().map(|p| (p, path.clone()))),
            Err(e) => errors.push(e),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let converter = to_markdown::converter();
    let prepared: Vec<post::Prepared> = posts
        .into_iter()
        .map(|(p, source)| post::prepare(p, &source, &converter))
        .collect();
    let catalogue = catalogue(&prepared);
    let (report, files) = finish_all(&prepared, &catalogue, &layout, &converter);
    write_all(opts, &files)?;
    Ok(report)
}

/// Rewrite, convert and lay out every post; collect the files and the report.
fn finish_all(
    prepared: &[post::Prepared],
    catalogue: &links::Catalogue,
    layout: &Layout,
    converter: &htmd::HtmlToMarkdown,
) -> (Report, Vec<File>) {
    let mut report = Report::default();
    let mut files = Vec::new();
    for (i, p) in prepared.iter().enumerate() {
        let (done, link_repairs) = post::finish(p, catalogue, i, layout, converter);
        let mut repairs = p.repairs.clone();
        repairs.merge(&link_repairs);
        let written: Vec<File> = std::iter::once(done.page).chain(done.faq).collect();
        report.posts.push(Imported {
            source: p.source.clone(),
            title: p.title.clone(),
            files: written.iter().map(|f| f.shown.clone()).collect(),
            questions: done.questions,
            repairs,
        });
        report.warnings.extend(done.warnings);
        if p.post.term_names().is_none() {
            report.warnings.push(
                Diagnostic::warning(
                    "import-term-names",
                    format!(
                        "`{}`: categories and tags are only ids in this export, so no tags were written",
                        p.source.display()
                    ),
                )
                .help("export with `?_embed` to include their names"),
            );
        }
        files.extend(written);
    }
    (report, files)
}

/// Validate `--into`: relative, under `content/`, no `..`.
fn layout(opts: &Options) -> Result<Layout, Diagnostic> {
    let into = opts
        .into
        .clone()
        .unwrap_or_else(|| Path::new(CONTENT_DIR).join("guides"));
    let mut parts = Vec::new();
    let mut plain = true;
    for c in into.components() {
        match c {
            Component::Normal(s) => parts.push(s.to_string_lossy().into_owned()),
            Component::CurDir => {}
            // `..`, a root or a drive prefix could lead outside the site.
            _ => plain = false,
        }
    }
    if !plain || parts.first().map(String::as_str) != Some(CONTENT_DIR) {
        return Err(Diagnostic::error(
            "import-into",
            format!(
                "`--into {}` is not a folder under `content/`",
                into.display()
            ),
        )
        .help("give a path relative to the site root, such as `content/guides/imported`"));
    }
    let under_content = parts[1..].join("/");
    let shown = parts.iter().collect::<PathBuf>();
    Ok(Layout {
        shown,
        under_content,
    })
}

/// The export files: `input` itself, or the `.json` files in the folder, sorted.
fn inputs(input: &Path) -> Result<Vec<PathBuf>, Diagnostic> {
    if !input.is_dir() {
        if !input.exists() {
            return Err(Diagnostic::error(
                "io",
                format!("`{}` does not exist", input.display()),
            ));
        }
        return Ok(vec![input.to_path_buf()]);
    }
    let entries = std::fs::read_dir(input)
        .map_err(|e| Diagnostic::error("io", format!("cannot read `{}`: {e}", input.display())))?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.is_file()
                && p.extension()
                    .is_some_and(|x| x.eq_ignore_ascii_case("json"))
        })
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(
            Diagnostic::error("io", format!("no `.json` files in `{}`", input.display()))
                .help("save each `/wp-json/wp/v2/posts` answer as a .json file"),
        );
    }
    Ok(files)
}

fn catalogue(prepared: &[post::Prepared]) -> links::Catalogue {
    let mut c = links::Catalogue::default();
    for (i, p) in prepared.iter().enumerate() {
        c.targets.push(links::Target {
            file: format!("{}.md", p.stem),
            anchors: p.anchors.clone(),
        });
        // A draft is left out of the build, so links to it keep their old URL.
        let link = p.post.link.as_deref().filter(|_| p.post.is_published());
        if let Some(u) = link.and_then(url::parse) {
            c.by_path.entry(url::path_key(u.path)).or_insert(i);
        }
    }
    c
}

/// Whether writing `path` stays inside `content` (canonical): its nearest existing ancestor
/// must resolve inside it, and the file itself must not be a symlink.
fn stays_inside(path: &Path, content: &Path) -> bool {
    if path
        .symlink_metadata()
        .is_ok_and(|m| m.file_type().is_symlink())
    {
        return false;
    }
    let mut existing = path.parent();
    while let Some(dir) = existing {
        if dir.exists() {
            return dir.canonicalize().is_ok_and(|d| d.starts_with(content));
        }
        existing = dir.parent();
    }
    false
}

/// Check every target first (two posts on one file, existing files without `--force`),
/// then write.
fn write_all(opts: &Options, files: &[File]) -> Result<(), Vec<Diagnostic>> {
    let mut errors = Vec::new();
    let mut seen: HashMap<&Path, ()> = HashMap::new();
    let content = opts.root.join(CONTENT_DIR).canonicalize().map_err(|e| {
        vec![
            Diagnostic::error(
                "no-content",
                format!(
                    "no `{CONTENT_DIR}/` folder in `{}`: {e}",
                    opts.root.display()
                ),
            )
            .help("run it in a site (or pass --root); `helpsite init DIR` creates one"),
        ]
    })?;
    for f in files {
        let path = opts.root.join(&f.shown);
        if !stays_inside(&path, &content) {
            errors.push(
                Diagnostic::error(
                    "import-outside",
                    format!(
                        "`{}` would be written outside `content/` (a symlink leads out)",
                        f.shown.display()
                    ),
                )
                .help("import into a folder that is really under content/"),
            );
        } else if seen.insert(&f.shown, ()).is_some() {
            errors.push(
                Diagnostic::error(
                    "import-duplicate",
                    format!("two posts would both be written to `{}`", f.shown.display()),
                )
                .help("the posts share a slug; import them into different folders with --into"),
            );
        } else if !opts.force && opts.root.join(&f.shown).exists() {
            errors.push(
                Diagnostic::error(
                    "import-exists",
                    format!("`{}` already exists", f.shown.display()),
                )
                .help("pass --force to replace it, or import into another folder with --into"),
            );
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    for f in files {
        let path = opts.root.join(&f.shown);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| {
                vec![Diagnostic::error(
                    "io",
                    format!("cannot create `{}`: {e}", parent.display()),
                )]
            })?;
        }
        std::fs::write(&path, &f.text).map_err(|e| {
            vec![Diagnostic::error(
                "io",
                format!("cannot write `{}`: {e}", f.shown.display()),
            )]
        })?;
    }
    Ok(())
}
