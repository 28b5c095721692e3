//! `nav:` of `mkdocs.yml`: the order and titles of pages, and sections, which become
//! helpsite sections when their pages share a folder of their own (helpsite's sections are
//! folders; MkDocs' are free groupings).

use super::config::{Yml, pos, pos_of_key};
use super::docs::{self, Docs};
use super::tree::{Key, Node, Value};
use crate::diagnostic::Diagnostic;
use std::collections::{HashMap, HashSet};

/// Weights go up in steps, leaving room to insert pages later.
const STEP: i64 = 10;

/// A title written in `nav:`, with its position there.
#[derive(Debug, Clone, PartialEq)]
pub struct Title {
    pub text: String,
    pub at: (usize, usize),
}

/// A page's place in the nav.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    pub weight: i64,
    pub title: Option<Title>,
}

/// A nav section that maps to a folder.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub title: Title,
    pub weight: i64,
    /// Its folder under `content/`.
    pub folder: String,
}

/// What the nav says, by destination path under `content/`.
#[derive(Debug, Default)]
pub struct Nav {
    pub pages: HashMap<String, Place>,
    pub sections: Vec<Section>,
    pub warnings: Vec<Diagnostic>,
}

enum Item {
    Page {
        dest: String,
        place: Place,
        at: (usize, usize),
    },
    Section {
        title: Title,
        weight: i64,
        children: Vec<Item>,
    },
}

struct Walk<'a> {
    yml: Yml<'a>,
    docs: &'a Docs,
    weight: i64,
    errors: Vec<Diagnostic>,
    warnings: Vec<Diagnostic>,
}

/// Read `nav`. An entry naming a Markdown file that is not in the docs folder, and entries
/// of a shape MkDocs does not accept, are errors.
pub fn read(nav: &Node, docs: &Docs, yml: Yml) -> Result<Nav, Vec<Diagnostic>> {
    let mut walk = Walk {
        yml,
        docs,
        weight: 0,
        errors: Vec::new(),
        warnings: Vec::new(),
    };
    let items = match &nav.value {
        Value::Seq(entries) => walk.items(entries),
        _ => Vec::new(),
    };
    if !walk.errors.is_empty() {
        return Err(walk.errors);
    }
    let mut out = Nav {
        warnings: walk.warnings,
        ..Nav::default()
    };
    pages(&items, &mut out, yml);
    sections(&items, &mut HashSet::new(), &mut out, yml);
    Ok(out)
}

impl Walk<'_> {
    fn next_weight(&mut self) -> i64 {
        self.weight += STEP;
        self.weight
    }

    fn items(&mut self, entries: &[Node]) -> Vec<Item> {
        entries.iter().filter_map(|e| self.item(e)).collect()
    }

    fn item(&mut self, node: &Node) -> Option<Item> {
        match &node.value {
            Value::Scalar(s) => self.target(s, None, pos(node)),
            Value::Map(entries) if entries.len() == 1 => {
                let (key, value) = &entries[0];
                self.titled(key, value)
            }
            Value::Map(entries) => {
                let titles: Vec<String> = entries
                    .iter()
                    .map(|(k, _)| format!("`{}`", k.text))
                    .collect();
                let n = titles.len();
                let message = format!(
                    "a nav entry has one title, this one has {n}: {}",
                    titles.join(", ")
                );
                self.shape_error(node, message)
            }
            _ => {
                let message = format!(
                    "a nav entry must be a page, `Title: page.md` or `Section: [...]`, not {}",
                    node.shape()
                );
                self.shape_error(node, message)
            }
        }
    }

    /// `Title: page.md`, `Title: https://...` or `Section: [...]`.
    fn titled(&mut self, key: &Key, value: &Node) -> Option<Item> {
        let title = Title {
            text: key.text.clone(),
            at: pos_of_key(key),
        };
        match &value.value {
            Value::Scalar(s) => self.target(s, Some(title), pos(value)),
            Value::Seq(children) => {
                let weight = self.next_weight();
                let children = self.items(children);
                Some(Item::Section {
                    title,
                    weight,
                    children,
                })
            }
            _ => {
                let message = format!(
                    "nav entry `{}` must name a page, a link or a list of entries, not {}",
                    key.text,
                    value.shape()
                );
                self.shape_error(value, message)
            }
        }
    }

    fn shape_error(&mut self, node: &Node, message: String) -> Option<Item> {
        let help = "write entries as `- page.md`, `- Title: page.md` or `- Section: [...]`";
        let error = self.yml.error("import-nav", pos(node), 1, message);
        self.errors.push(error.help(help));
        None
    }

    /// A page entry, or a link or file (reported, not carried over).
    fn target(&mut self, target: &str, title: Option<Title>, at: (usize, usize)) -> Option<Item> {
        let span = target.chars().count();
        let named = title
            .as_ref()
            .map_or(String::new(), |t| format!("`{}` ", t.text));
        let file = (!is_link(target))
            .then(|| docs::normalize("", target))
            .flatten();
        let found = file
            .as_deref()
            .and_then(|f| self.docs.lookup(f))
            .map(|(_, f)| f);
        let not_copied = file
            .as_deref()
            .is_some_and(|f| self.docs.not_copied.contains(f));
        let (message, help) = match found {
            Some(f) if f.page => {
                let weight = self.next_weight();
                let dest = f.dest.clone();
                let place = Place { weight, title };
                return Some(Item::Page { dest, place, at });
            }
            None if not_copied => (
                format!(
                    "nav entry {named}`{target}` names a file that is not copied; not carried over"
                ),
                "its language is left out, or its place is taken (see the warnings about `i18n` and the file)",
            ),
            None if file.is_some() && docs::is_markdown(target) => {
                self.missing(target, at);
                return None;
            }
            Some(_) => (
                format!("nav entry {named}`{target}` is a file, not a page; not carried over"),
                "link to the file from a page",
            ),
            None => (
                format!("nav link {named}to `{target}` is not carried over"),
                "helpsite's navigation lists the site's pages: link to it from a page, \
                 or add it to an overridden `templates/partials/nav.html`",
            ),
        };
        let warning = self.yml.warning("import-nav", at, span, message);
        self.warnings.push(warning.help(help));
        None
    }

    /// A nav entry naming a Markdown file that is not in the docs folder.
    fn missing(&mut self, target: &str, at: (usize, usize)) {
        let message = format!("nav entry `{target}` is not a page in the docs folder");
        let error = self
            .yml
            .error("import-nav", at, target.chars().count(), message);
        self.errors.push(
            match crate::suggest::closest(target, self.docs.page_paths()) {
                Some(s) => error.help(format!("did you mean `{s}`?")),
                None => error.help("nav paths are relative to docs_dir"),
            },
        );
    }
}

/// Whether a nav target is a URL rather than a docs path.
pub fn is_link(target: &str) -> bool {
    target.contains("://")
        || target.starts_with(['/', '#'])
        || ["mailto:", "tel:", "data:"]
            .iter()
            .any(|s| target.starts_with(s))
}

/// Every page's place; a page listed twice keeps its first.
fn pages(items: &[Item], out: &mut Nav, yml: Yml) {
    for item in items {
        match item {
            Item::Page { dest, place, at } => {
                if out.pages.contains_key(dest) {
                    out.warnings.push(
                        yml.warning(
                            "import-nav",
                            *at,
                            1,
                            format!("`{dest}` is listed in the nav again; its first place is kept"),
                        )
                        .help("helpsite lists each page once"),
                    );
                } else {
                    out.pages.insert(dest.clone(), place.clone());
                }
            }
            Item::Section { children, .. } => pages(children, out, yml),
        }
    }
}

/// Map each section to the folder holding all its pages, when that folder is its own.
fn sections(items: &[Item], claimed: &mut HashSet<String>, out: &mut Nav, yml: Yml) {
    for item in items {
        let Item::Section {
            title,
            weight,
            children,
        } = item
        else {
            continue;
        };
        let mut dests = Vec::new();
        page_dests(children, &mut dests);
        let folder = common_folder(&dests);
        let span = title.text.chars().count();
        if dests.is_empty() {
            out.warnings.push(yml.warning(
                "import-nav",
                title.at,
                span,
                format!(
                    "nav section `{}` holds no pages; not carried over",
                    title.text
                ),
            ));
        } else if folder.is_empty() || !claimed.insert(folder.clone()) {
            let message = format!(
                "nav section `{}` is not carried over: its pages are not in a folder of their own",
                title.text
            );
            let help = "helpsite's sections are folders; its pages keep their folders and \
                        addresses (move them into one folder to make it a section)";
            let warning = yml.warning("import-nav", title.at, span, message);
            out.warnings.push(warning.help(help));
        } else {
            out.sections.push(Section {
                title: title.clone(),
                weight: *weight,
                folder,
            });
        }
        sections(children, claimed, out, yml);
    }
}

fn page_dests<'a>(items: &'a [Item], out: &mut Vec<&'a str>) {
    for item in items {
        match item {
            Item::Page { dest, .. } => out.push(dest),
            Item::Section { children, .. } => page_dests(children, out),
        }
    }
}

/// The deepest folder holding every one of `dests` (empty: the docs folder itself).
fn common_folder(dests: &[&str]) -> String {
    let folder = |d: &str| -> Vec<String> {
        let mut parts: Vec<String> = d.split('/').map(str::to_owned).collect();
        parts.pop();
        parts
    };
    let mut common = match dests.first() {
        Some(d) => folder(d),
        None => return String::new(),
    };
    for d in &dests[1..] {
        let other = folder(d);
        let same = common
            .iter()
            .zip(&other)
            .take_while(|(a, b)| a == b)
            .count();
        common.truncate(same);
    }
    common.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::mkdocs::docs::DocFile;
    use std::path::Path;

    fn docs(paths: &[&str]) -> Docs {
        let mut docs = Docs::default();
        for rel in paths {
            let file = DocFile {
                abs: rel.into(),
                dest: rel.replace("README", "index"),
                page: rel.ends_with(".md"),
            };
            docs.files.insert(rel.to_string(), file);
        }
        docs
    }

    #[test]
    fn sections_that_own_a_folder_become_sections() {
        let src = "nav:\n  - Home: index.md\n  - Guide:\n    - guide/README.md\n    - guide/a.md\n    - Deep:\n      - guide/deep/x.md\n  - Mixed:\n    - b.md\n    - guide/a.md\n  - Spec: spec.pdf\n";
        let root: Node = crate::yaml::parse(src, Path::new("mkdocs.yml"), 0).unwrap();
        let yml = Yml {
            src,
            shown: Path::new("mkdocs.yml"),
        };
        let docs = docs(&[
            "index.md",
            "guide/README.md",
            "guide/a.md",
            "guide/deep/x.md",
            "b.md",
            "spec.pdf",
        ]);
        let nav = read(root.get("nav").unwrap(), &docs, yml).unwrap();
        let folders: Vec<(&str, i64)> = nav
            .sections
            .iter()
            .map(|s| (s.folder.as_str(), s.weight))
            .collect();
        assert_eq!(folders, [("guide", 20), ("guide/deep", 50)]);
        assert_eq!(nav.pages["guide/index.md"].weight, 30);
        assert_eq!(nav.pages["guide/a.md"].weight, 40);
        assert_eq!(nav.pages["b.md"].weight, 80);
        let found: Vec<String> = nav.warnings.iter().map(|w| w.to_string()).collect();
        assert_eq!(found.len(), 3, "{found:#?}");
        assert!(found.iter().any(|w| {
            w.starts_with("mkdocs.yml:10:7: warning[import-nav]: `guide/a.md` is listed")
        }));
        assert!(
            found
                .iter()
                .any(|w| w.starts_with("mkdocs.yml:8:5: warning[import-nav]: nav section `Mixed`"))
        );
        assert!(found.iter().any(|w| w.starts_with(
            "mkdocs.yml:11:11: warning[import-nav]: nav entry `Spec` `spec.pdf` is a file"
        )));
    }

    #[test]
    fn common_folder_of_pages() {
        assert_eq!(
            common_folder(&["guide/index.md", "guide/a.md", "guide/adv/x.md"]),
            "guide"
        );
        assert_eq!(common_folder(&["guide/adv/x.md"]), "guide/adv");
        assert_eq!(common_folder(&["a.md", "guide/a.md"]), "");
        assert_eq!(common_folder(&["ab/x.md", "abc/y.md"]), "");
    }

    #[test]
    fn links_are_told_from_paths() {
        assert!(is_link("https://github.com/x"));
        assert!(is_link("/absolute/"));
        assert!(is_link("mailto:a@b.c"));
        assert!(!is_link("guide/install.md"));
    }
}
