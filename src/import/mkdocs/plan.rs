//! Every file the import writes, decided before any is written: `helpsite.yaml`, each page
//! with its front matter, a section page per nav section without one, and the other files
//! of the docs folder, copied as they are.

use super::anchors;
use super::config::{Config, Site, Yml};
use super::docs::{DocFile, Docs};
use super::front::{self, Additions};
use super::links;
use super::nav::Nav;
use super::redirects::Alias;
use crate::diagnostic::Diagnostic;
use crate::discover::CONTENT_DIR;
use crate::fsx;
use crate::import::emit::scalar;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

/// One file to write, its path relative to the site root.
#[derive(Debug, Clone, PartialEq)]
pub enum Output {
    Text { to: PathBuf, text: String },
    Copy { from: PathBuf, to: PathBuf },
}

impl Output {
    pub fn to(&self) -> &Path {
        match self {
            Output::Text { to, .. } | Output::Copy { to, .. } => to,
        }
    }
}

/// The files to write and what they hold.
#[derive(Debug, Default)]
pub struct Plan {
    pub outputs: Vec<Output>,
    pub pages: usize,
    pub sections: usize,
    pub aliases: usize,
    pub other_files: usize,
    pub warnings: Vec<Diagnostic>,
}

/// Where the docs are, as read and as shown.
pub struct Folder<'a> {
    pub docs: &'a Docs,
    pub shown: &'a Path,
}

/// Plan the import. Pages that cannot be read (not UTF-8, say) are errors.
pub fn plan(
    config: &Config,
    folder: Folder,
    nav: &Nav,
    aliases: &[Alias],
    yml: Yml,
) -> Result<Plan, Vec<Diagnostic>> {
    let mut additions = additions(nav, aliases, folder.docs);
    let mut plan = Plan {
        sections: nav.sections.len(),
        aliases: aliases.len(),
        ..Plan::default()
    };
    plan.outputs.push(Output::Text {
        to: PathBuf::from("helpsite.yaml"),
        text: site_yaml(&config.site),
    });
    let texts = read_pages(&folder)?;
    let targets = targets(folder.docs, &texts);
    for (rel, file) in &folder.docs.files {
        let to = Path::new(CONTENT_DIR).join(&file.dest);
        let Some(src) = texts.get(rel) else {
            plan.other_files += 1;
            plan.outputs.push(output(file, None, to));
            continue;
        };
        plan.pages += 1;
        let linked = links::rewrite(src, rel, &targets);
        let text = linked.as_deref().unwrap_or(src);
        let add = additions.remove(&file.dest).unwrap_or_default();
        let shown = folder.shown.join(rel);
        let merged = front::merge(text, &shown, &add, yml, &mut plan.warnings);
        plan.outputs.push(output(file, merged.or(linked), to));
    }
    // What is left are the section pages to create.
    let mut created: Vec<(String, Additions)> = additions.into_iter().collect();
    created.sort_by(|a, b| a.0.cmp(&b.0));
    for (dest, add) in created {
        let text = front::merge("", Path::new(&dest), &add, yml, &mut plan.warnings);
        let to = Path::new(CONTENT_DIR).join(dest);
        plan.outputs.push(Output::Text {
            to,
            text: text.unwrap_or_default(),
        });
    }
    Ok(plan)
}

/// A file's output: its new text, or a copy when it does not change.
fn output(file: &DocFile, text: Option<String>, to: PathBuf) -> Output {
    match text {
        Some(text) => Output::Text { to, text },
        None => Output::Copy {
            from: file.abs.clone(),
            to,
        },
    }
}

/// What links may point at: renamed and moved files, and every page's heading ids (also
/// under its new path, which a link may name: `guide.md` for `guide.en.md`).
fn targets(docs: &Docs, texts: &BTreeMap<String, String>) -> links::Targets {
    let mut anchors: HashMap<String, Vec<anchors::Ids>> = texts
        .iter()
        .map(|(rel, text)| (rel.clone(), anchors::headings(text)))
        .collect();
    for (rel, file) in &docs.files {
        if let Some(ids) = anchors.get(rel).filter(|_| *rel != file.dest).cloned() {
            anchors.entry(file.dest.clone()).or_insert(ids);
        }
    }
    links::Targets {
        renames: docs.renames(),
        anchors,
        files: docs.files.keys().cloned().collect(),
        locales: docs.locales.clone(),
    }
}

/// The text of every page, by docs path. A page that cannot be read is an error.
fn read_pages(folder: &Folder) -> Result<BTreeMap<String, String>, Vec<Diagnostic>> {
    let mut texts = BTreeMap::new();
    let mut errors = Vec::new();
    for (rel, file) in folder.docs.files.iter().filter(|(_, f)| f.page) {
        match fsx::read_text(&file.abs, &folder.shown.join(rel)) {
            Ok(text) => {
                texts.insert(rel.clone(), text);
            }
            Err(e) => errors.push(e),
        }
    }
    if errors.is_empty() {
        Ok(texts)
    } else {
        Err(errors)
    }
}

/// What each page gets, by destination. A section's page takes the section's title and
/// weight; a section without one gets an `_index.md`. Translations of a page in the nav take
/// its weight (not its title, which is in the default language).
fn additions(nav: &Nav, aliases: &[Alias], docs: &Docs) -> HashMap<String, Additions> {
    let mut out: HashMap<String, Additions> = HashMap::new();
    for (dest, place) in &nav.pages {
        let add = out.entry(dest.clone()).or_default();
        add.title = place.title.clone();
        add.weight = Some(place.weight);
        let translations = docs.locales.as_ref().map(|l| l.translations_of(dest));
        for t in translations.unwrap_or_default() {
            if docs.has_dest(&t) && !nav.pages.contains_key(&t) {
                out.entry(t).or_default().weight = Some(place.weight);
            }
        }
    }
    for s in &nav.sections {
        let existing = ["index.md", "_index.md"]
            .iter()
            .map(|name| format!("{}/{name}", s.folder))
            .find(|d| docs.has_dest(d));
        let dest = existing.unwrap_or_else(|| format!("{}/_index.md", s.folder));
        let add = out.entry(dest).or_default();
        add.title = Some(s.title.clone());
        add.weight = Some(s.weight);
    }
    for a in aliases {
        out.entry(a.dest.clone())
            .or_default()
            .aliases
            .push((a.url.clone(), a.at));
    }
    out
}

/// `helpsite.yaml` from the site settings.
pub fn site_yaml(site: &Site) -> String {
    let mut out = String::from("# Imported from mkdocs.yml (helpsite import mkdocs).\n");
    let fields = [
        ("title", &site.title),
        ("base_url", &site.base_url),
        ("description", &site.description),
        ("language", &site.language),
    ];
    for (key, value) in fields {
        if let Some(v) = value {
            out.push_str(&format!("{key}: {}\n", scalar(v)));
        }
    }
    if !site.languages.is_empty() {
        out.push_str("languages:\n");
    }
    for lang in &site.languages {
        out.push_str(&format!("  {}:\n", scalar(&lang.key)));
        let fields = [
            ("name", &lang.name),
            ("title", &lang.title),
            ("description", &lang.description),
        ];
        for (key, value) in fields {
            if let Some(v) = value {
                out.push_str(&format!("    {key}: {}\n", scalar(v)));
            }
        }
    }
    out
}
