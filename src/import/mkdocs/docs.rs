//! The files of `docs_dir`: which are pages, where each one goes under `content/`, and
//! which are left out (as MkDocs leaves them out, or because helpsite would misread them).
//! With the `i18n` plugin, the default language's files lose their locale folder or suffix
//! (`en/guide.md` and `guide.en.md` become `guide.md`), and a left-out language's files
//! are not copied.

use super::locales::{Locales, Owner, Structure};
use crate::diagnostic::Diagnostic;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// Extensions MkDocs reads as Markdown. helpsite reads `.md` and `.markdown`; the others
/// are renamed to `.md`.
const MARKDOWN: &[&str] = &["md", "markdown", "mdown", "mkdn", "mkd"];

/// One file of `docs_dir`.
#[derive(Debug, Clone, PartialEq)]
pub struct DocFile {
    /// The path to read.
    pub abs: PathBuf,
    /// Where it goes under `content/`, `/`-separated (differs from its docs path when a
    /// `README.md` becomes `index.md` or `.mkd` becomes `.md`).
    pub dest: String,
    pub page: bool,
}

/// The files of `docs_dir`, by their path in it (`/`-separated, as nav and links name them).
#[derive(Debug, Default)]
pub struct Docs {
    pub files: BTreeMap<String, DocFile>,
    /// Files of the docs folder that are not copied because of the `i18n` plugin (their
    /// language is left out, or their place is taken).
    pub not_copied: HashSet<String>,
    pub locales: Option<Locales>,
    pub warnings: Vec<Diagnostic>,
}

impl Docs {
    /// The pages' docs paths, for did-you-mean suggestions.
    pub fn page_paths(&self) -> impl Iterator<Item = &str> {
        self.files
            .iter()
            .filter(|(_, f)| f.page)
            .map(|(rel, _)| rel.as_str())
    }

    /// The file at `rel`, or else the default language's version of it (the `i18n` plugin
    /// lets nav and links name `guide.md` for `en/guide.md` or `guide.en.md`).
    pub fn lookup(&self, rel: &str) -> Option<(&str, &DocFile)> {
        let found = |r: &str| self.files.get_key_value(r).map(|(k, f)| (k.as_str(), f));
        found(rel).or_else(|| found(&self.default_version(rel)?))
    }

    /// The docs path of the default language's version of `rel`, when there are languages.
    fn default_version(&self, rel: &str) -> Option<String> {
        let locales = self.locales.as_ref()?;
        let locale = locales.default.as_deref()?;
        Some(match locales.structure {
            Structure::Folder => format!("{locale}/{rel}"),
            Structure::Suffix => {
                let (stem, ext) = rel.rsplit_once('.')?;
                format!("{stem}.{locale}.{ext}")
            }
        })
    }

    /// Whether a page will be written to `dest` under `content/`.
    pub fn has_dest(&self, dest: &str) -> bool {
        self.files.values().any(|f| f.dest == dest)
    }

    /// The pages whose name changes, docs path to destination.
    pub fn renames(&self) -> std::collections::HashMap<String, String> {
        self.files
            .iter()
            .filter(|(rel, f)| **rel != f.dest)
            .map(|(rel, f)| (rel.clone(), f.dest.clone()))
            .collect()
    }
}

/// Whether `rel` has a Markdown extension MkDocs knows.
pub fn is_markdown(rel: &str) -> bool {
    extension(rel).is_some_and(|e| MARKDOWN.contains(&e.as_str()))
}

fn extension(rel: &str) -> Option<String> {
    let name = rel.rsplit('/').next()?;
    name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase())
}

/// List `dir` (shown as `shown`). Like MkDocs, hidden files and the top `templates/`
/// folder are left out.
pub fn scan(dir: &Path, shown: &Path, locales: Option<&Locales>) -> Result<Docs, Diagnostic> {
    let mut docs = Docs {
        locales: locales.cloned(),
        ..Docs::default()
    };
    let mut found = Vec::new();
    let walk = WalkDir::new(dir)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            let name = e.file_name().to_string_lossy();
            e.depth() == 0
                || !(name.starts_with('.')
                    || (e.depth() == 1 && name == "templates" && e.file_type().is_dir()))
        });
    for entry in walk {
        let entry = entry.map_err(|e| {
            Diagnostic::error("io", format!("cannot read `{}`: {e}", shown.display()))
        })?;
        let Ok(rel) = entry.path().strip_prefix(dir) else {
            continue;
        };
        let rel = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        let is_file = if entry.path_is_symlink() {
            entry.path().is_file()
        } else {
            entry.file_type().is_file()
        };
        if entry.path_is_symlink() && !is_file {
            docs.warnings.push(file_warning(
                shown,
                &rel,
                "is a symlink to a folder; not copied",
            ));
        } else if is_file {
            found.push((rel, entry.into_path()));
        }
    }
    let faq_like = |abs: &Path| std::fs::read(abs).is_ok_and(|b| crate::load::is_faq_group(&b));
    place(&mut docs, found, shown, faq_like);
    Ok(docs)
}

/// Decide each file's destination. `faq_like` tells YAML files helpsite would read as FAQ
/// groups (the others are data files, copied).
fn place(
    docs: &mut Docs,
    found: Vec<(String, PathBuf)>,
    shown: &Path,
    faq_like: impl Fn(&Path) -> bool,
) {
    let all: HashSet<&str> = found.iter().map(|(r, _)| r.as_str()).collect();
    let mut claimed: HashSet<String> = HashSet::new();
    let mut files = BTreeMap::new();
    let mut moved = Vec::new();
    let locales = docs.locales.clone();
    let owner = |r: &str| locales.as_ref().map_or(Owner::Kept, |l| l.owner(r));
    for (rel, abs) in &found {
        if let Owner::LeftOut(_) = owner(rel) {
            docs.not_copied.insert(rel.clone());
            continue;
        }
        let yaml = matches!(extension(rel).as_deref(), Some("yaml" | "yml"));
        let mut dest = match destination(rel, &all, yaml && faq_like(abs)) {
            Ok(dest) => dest,
            Err((what, help)) => {
                docs.warnings
                    .push(file_warning(shown, rel, what).help(help));
                continue;
            }
        };
        if dest != *rel && (all.contains(dest.as_str()) || claimed.contains(&dest)) {
            dest = rel.clone();
        }
        let file = DocFile {
            abs: abs.clone(),
            dest: dest.clone(),
            page: false,
        };
        match owner(&dest) {
            Owner::Default(plain) => moved.push((rel.clone(), file, plain)),
            _ => {
                claimed.insert(dest);
                files.insert(rel.clone(), file);
            }
        }
    }
    settle(docs, &mut files, moved, shown);
    // Only `.md` and `.markdown` files are pages to helpsite.
    for (rel, file) in files.iter_mut() {
        file.page =
            is_markdown(rel) && matches!(extension(&file.dest).as_deref(), Some("md" | "markdown"));
    }
    docs.files = files;
}

/// Give the default language's files (`moved`, each with the path it moves to) their
/// place, unless a file that stays has it: then the moved one is reported and left out.
fn settle(
    docs: &mut Docs,
    files: &mut BTreeMap<String, DocFile>,
    moved: Vec<(String, DocFile, String)>,
    shown: &Path,
) {
    let mut taken: HashMap<String, String> = files
        .iter()
        .map(|(rel, f)| (f.dest.clone(), rel.clone()))
        .collect();
    for (rel, mut file, plain) in moved {
        if let Some(other) = taken.get(&plain) {
            let what = format!(
                "was not copied: it would be `content/{plain}`, where `{}` goes",
                shown.join(other).display()
            );
            let help = "the default language's files lose their locale folder or suffix, \
                        and this path is taken: rename or merge one of the two";
            docs.warnings
                .push(file_warning(shown, &rel, &what).help(help));
            docs.not_copied.insert(rel);
            continue;
        }
        taken.insert(plain.clone(), rel.clone());
        file.dest = plain;
        files.insert(rel, file);
    }
}

/// Where a docs file would go under `content/` (`all` holds every docs path), or why it
/// is left out.
fn destination(
    rel: &str,
    all: &HashSet<&str>,
    faq_like: bool,
) -> Result<String, (&'static str, &'static str)> {
    if faq_like {
        return Err((
            "was not copied: helpsite would read it as an FAQ group (it has `questions:`)",
            "rename the file if it is data; an FAQ group needs helpsite's FAQ format",
        ));
    }
    if !is_markdown(rel) {
        return Ok(rel.to_owned());
    }
    let (dir, name) = rel.rsplit_once('/').unwrap_or(("", rel));
    let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
    let join = |n: &str| match dir {
        "" => n.to_owned(),
        dir => format!("{dir}/{n}"),
    };
    if stem == "README" {
        if MARKDOWN
            .iter()
            .any(|e| all.contains(join(&format!("index.{e}")).as_str()))
        {
            return Err((
                "was not copied: MkDocs leaves out a README next to an index page",
                "merge what it says into the index page if it matters",
            ));
        }
        return Ok(join("index.md"));
    }
    match extension(rel).as_deref() {
        Some("md" | "markdown") => Ok(rel.to_owned()),
        _ => Ok(join(&format!("{stem}.md"))),
    }
}

/// `path` (`/`-separated, relative to the docs folder `dir`) without `.` and `..` parts;
/// `None` when it climbs out of the docs folder.
pub fn normalize(dir: &str, path: &str) -> Option<String> {
    let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
    for part in path.split(['/', '\\']) {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    Some(parts.join("/"))
}

fn file_warning(shown: &Path, rel: &str, what: &str) -> Diagnostic {
    Diagnostic::warning(
        "import-file",
        format!("`{}` {what}", shown.join(rel).display()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn placed(names: &[&str]) -> Docs {
        placed_with(names, None)
    }

    fn placed_with(names: &[&str], locales: Option<Locales>) -> Docs {
        let mut docs = Docs {
            locales,
            ..Docs::default()
        };
        let found = names
            .iter()
            .map(|n| (n.to_string(), PathBuf::from(n)))
            .collect();
        place(&mut docs, found, Path::new("docs"), |p| {
            p.ends_with("faq.yml")
        });
        docs
    }

    #[test]
    fn readme_becomes_the_index_unless_there_is_one() {
        let docs = placed(&[
            "README.md",
            "a/README.md",
            "a/index.md",
            "b/x.mkd",
            "c/y.mkd",
            "c/y.md",
            "data.yml",
            "faq.yml",
            "img/p.png",
        ]);
        let dest = |r: &str| docs.files.get(r).map(|f| f.dest.as_str());
        assert_eq!(dest("README.md"), Some("index.md"));
        assert_eq!(dest("a/README.md"), None);
        assert_eq!(dest("a/index.md"), Some("a/index.md"));
        assert_eq!(dest("b/x.mkd"), Some("b/x.md"));
        assert_eq!(dest("c/y.mkd"), Some("c/y.mkd"));
        assert_eq!(dest("data.yml"), Some("data.yml"));
        assert_eq!(dest("faq.yml"), None);
        assert_eq!(docs.files.get("img/p.png").map(|f| f.page), Some(false));
        assert_eq!(docs.warnings.len(), 2);
        assert_eq!(docs.renames().len(), 2);
        assert_eq!(docs.files.get("c/y.mkd").map(|f| f.page), Some(false));
    }

    #[test]
    fn the_default_languages_files_lose_their_locale() {
        let mut locales = Locales {
            structure: Structure::Folder,
            default: Some("en".to_owned()),
            others: vec!["fr".to_owned()],
            left_out: vec!["de".to_owned()],
        };
        let names = [
            "en/README.md",
            "en/a.md",
            "en/logo.png",
            "fr/a.md",
            "de/a.md",
            "logo.png",
        ];
        let docs = placed_with(&names, Some(locales.clone()));
        let dest = |r: &str| docs.files.get(r).map(|f| f.dest.as_str());
        assert_eq!(dest("en/README.md"), Some("index.md"));
        assert_eq!(dest("en/a.md"), Some("a.md"));
        assert_eq!(dest("fr/a.md"), Some("fr/a.md"));
        assert_eq!(dest("de/a.md"), None);
        assert_eq!(dest("logo.png"), Some("logo.png"));
        // The shared file keeps its place; the default language's is reported.
        assert_eq!(dest("en/logo.png"), None);
        assert_eq!(docs.warnings.len(), 1);
        assert!(
            docs.warnings[0]
                .message
                .contains("docs/en/logo.png` was not copied")
        );
        assert!(docs.not_copied.contains("de/a.md"));
        assert_eq!(docs.lookup("a.md").map(|(r, _)| r), Some("en/a.md"));

        locales.structure = Structure::Suffix;
        let names = [
            "a.en.md",
            "a.fr.md",
            "a.de.md",
            "b.md",
            "b.en.md",
            "img.en.png",
        ];
        let docs = placed_with(&names, Some(locales));
        let dest = |r: &str| docs.files.get(r).map(|f| f.dest.as_str());
        assert_eq!(dest("a.en.md"), Some("a.md"));
        assert_eq!(dest("a.fr.md"), Some("a.fr.md"));
        assert_eq!(dest("a.de.md"), None);
        assert_eq!(dest("b.md"), Some("b.md"));
        assert_eq!(dest("b.en.md"), None);
        assert_eq!(dest("img.en.png"), Some("img.png"));
        assert_eq!(docs.files.get("img.en.png").map(|f| f.page), Some(false));
        assert_eq!(docs.lookup("a.md").map(|(r, _)| r), Some("a.en.md"));
    }

    #[test]
    fn paths_are_normalized_inside_the_docs_folder() {
        assert_eq!(normalize("", "./a/b.md").as_deref(), Some("a/b.md"));
        assert_eq!(normalize("a/b", "../c.md").as_deref(), Some("a/c.md"));
        assert_eq!(normalize("a", "../../c.md"), None);
    }
}
