//! `helpsite import mkdocs`: an MkDocs project (`mkdocs.yml` and its docs folder) in, a
//! helpsite site (`helpsite.yaml` and `content/`) out, leaving the MkDocs files untouched.
//!
//! Site settings go to `helpsite.yaml`; `nav` order and titles, and the `redirects`
//! plugin's maps, go into the pages' front matter; nav sections whose pages share a folder
//! become that folder's section page. The `i18n` plugin's languages become helpsite's, its
//! default language's files moving to the content root. Everything else in `mkdocs.yml` (theme, plugins,
//! Markdown extensions helpsite lacks, hooks, extra CSS) is reported at its line.

mod anchors;
mod blocks;
mod config;
mod docs;
mod extensions;
mod front;
mod i18n;
mod links;
mod locales;
mod nav;
mod plan;
mod redirects;
mod reported;
mod tree;
mod write;

use crate::diagnostic::{self, Diagnostic};
use crate::fsx;
use std::path::{Path, PathBuf};

/// What to import and where.
#[derive(Debug, Clone)]
pub struct Options {
    /// `mkdocs.yml`, or the folder holding it.
    pub config: PathBuf,
    /// The site root to write `helpsite.yaml` and `content/` into.
    pub root: PathBuf,
    /// Replace files that already exist.
    pub force: bool,
}

/// What an import wrote and what it could not carry over.
#[derive(Debug, Default)]
pub struct Report {
    /// The `mkdocs.yml` read.
    pub config: PathBuf,
    /// Files written, relative to the site root.
    pub written: Vec<PathBuf>,
    pub pages: usize,
    pub sections: usize,
    pub aliases: usize,
    pub other_files: usize,
    /// Settings, nav entries and files not carried over, sorted by place.
    pub warnings: Vec<Diagnostic>,
}

/// Import the MkDocs project. On any error nothing is written and all errors are returned.
pub fn import(opts: &Options) -> Result<Report, Vec<Diagnostic>> {
    let path = config_path(&opts.config).map_err(|e| vec![e])?;
    let src = fsx::read_text(&path, &path).map_err(|e| vec![e])?;
    let yml = config::Yml {
        src: &src,
        shown: &path,
    };
    let config = config::read(&src, &path)?;
    let docs_shown = docs_folder(&config, yml).map_err(|e| vec![e])?;
    let docs =
        docs::scan(&docs_shown, &docs_shown, config.locales.as_ref()).map_err(|e| vec![e])?;
    let nav = match &config.nav {
        Some(n) => nav::read(n, &docs, yml)?,
        None => nav::Nav::default(),
    };
    let (aliases, alias_warnings) =
        redirects::aliases(&config.redirects, &docs, config.directory_urls, yml);
    let folder = plan::Folder {
        docs: &docs,
        shown: &docs_shown,
    };
    let plan = plan::plan(&config, folder, &nav, &aliases, yml)?;
    let written = write::write(&opts.root, &docs_shown, &plan.outputs, opts.force)?;
    let mut warnings: Vec<Diagnostic> = [
        config.warnings,
        docs.warnings,
        nav.warnings,
        alias_warnings,
        plan.warnings,
    ]
    .concat();
    diagnostic::sort(&mut warnings);
    Ok(Report {
        config: path,
        written,
        pages: plan.pages,
        sections: plan.sections,
        aliases: plan.aliases,
        other_files: plan.other_files,
        warnings,
    })
}

/// The docs folder (as shown: relative to where `mkdocs.yml` was named from), which must
/// exist.
fn docs_folder(config: &config::Config, yml: config::Yml) -> Result<PathBuf, Diagnostic> {
    let base = yml.shown.parent().unwrap_or(Path::new(""));
    let dir = base.join(&config.docs_dir);
    if dir.is_dir() {
        return Ok(dir);
    }
    let at = config.docs_dir_at.unwrap_or((1, 1));
    let span = config.docs_dir.chars().count();
    let message = format!("the docs folder `{}` does not exist", dir.display());
    Err(yml
        .error("import-docs-dir", at, span, message)
        .help("set `docs_dir` to the folder holding the Markdown pages (relative to mkdocs.yml)"))
}

/// `mkdocs.yml` itself: the path given, or the `mkdocs.yml` (or `mkdocs.yaml`) in it.
fn config_path(given: &Path) -> Result<PathBuf, Diagnostic> {
    let candidates = if given.is_dir() {
        vec![given.join("mkdocs.yml"), given.join("mkdocs.yaml")]
    } else if given == Path::new("mkdocs.yml") {
        vec![given.to_path_buf(), PathBuf::from("mkdocs.yaml")]
    } else {
        vec![given.to_path_buf()]
    };
    candidates
        .iter()
        .find(|p| p.is_file())
        .cloned()
        .ok_or_else(|| {
            let message = format!("`{}` does not exist", candidates[0].display());
            Diagnostic::error("io", message)
                .help("pass the project's mkdocs.yml: `helpsite import mkdocs path/to/mkdocs.yml`")
        })
}
