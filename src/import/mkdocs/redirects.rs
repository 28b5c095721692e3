//! The `redirects` plugin's `redirect_maps` as `aliases` of the target pages. MkDocs serves
//! `old.md` at `/old/` (at `/old.html` without `use_directory_urls`), so that is the alias.

use super::config::{Redirect, Yml};
use super::docs::{self, Docs};
use super::nav::is_link;
use crate::diagnostic::Diagnostic;

/// An alias to add to the page written at `dest` under `content/`.
#[derive(Debug, Clone, PartialEq)]
pub struct Alias {
    pub dest: String,
    pub url: String,
    pub at: (usize, usize),
}

/// The aliases, and a warning for each redirect that cannot be one.
pub fn aliases(
    redirects: &[Redirect],
    docs: &Docs,
    directory_urls: bool,
    yml: Yml,
) -> (Vec<Alias>, Vec<Diagnostic>) {
    let mut out = Vec::new();
    let mut warnings = Vec::new();
    for r in redirects {
        match alias(r, docs, directory_urls) {
            Ok(a) => out.push(a),
            Err((message, help)) => warnings.push(
                yml.warning("import-redirect", r.at, r.from.chars().count(), message)
                    .help(help),
            ),
        }
    }
    (out, warnings)
}

type Skip = (String, &'static str);

fn alias(r: &Redirect, docs: &Docs, directory_urls: bool) -> Result<Alias, Skip> {
    let not_carried =
        |why: &str| format!("the redirect from `{}` is not carried over: {why}", r.from);
    if is_link(&r.to) {
        return Err((
            not_carried(&format!("it leads out of the site, to `{}`", r.to)),
            "helpsite's aliases redirect to pages of the site; keep this redirect on your web server",
        ));
    }
    let path = r.to.split(['#', '?']).next().unwrap_or_default();
    let target = docs::normalize("", path)
        .and_then(|p| docs.lookup(&p))
        .map(|(_, f)| f)
        .filter(|f| f.page)
        .ok_or_else(|| {
            (
                not_carried(&format!("`{}` is not a page in the docs folder", r.to)),
                "redirect targets are paths relative to docs_dir",
            )
        })?;
    let from = docs::normalize("", &r.from).unwrap_or_default();
    if docs.files.get(&from).is_some_and(|f| f.page) {
        return Err((
            not_carried(&format!("`{from}` is still a page")),
            "delete the old page, or the redirect",
        ));
    }
    // `old/` names a folder address: keep the slash that normalizing dropped.
    let folder = r.from.ends_with('/') && !from.is_empty();
    let url = if folder {
        Some(format!("/{from}/"))
    } else {
        old_url(&from, directory_urls)
    };
    let url = url.ok_or_else(|| {
        (
            not_carried(
                "helpsite redirects from page addresses (`old.md`, `old/`, `old.html`) only",
            ),
            "the home page and files cannot redirect",
        )
    })?;
    // In helpsite every folder of pages has a section page at its address, so a redirect
    // from `/x/` cannot live there when `x/` holds pages.
    let folder_of_pages = url
        .strip_prefix('/')
        .and_then(|u| u.strip_suffix('/'))
        .filter(|u| !u.is_empty())
        .is_some_and(|dir| {
            let prefix = format!("{dir}/");
            docs.files
                .values()
                .any(|f| f.page && f.dest.starts_with(&prefix))
        });
    if folder_of_pages {
        return Err((
            not_carried(&format!(
                "`{url}` is the section page of the `{}` folder, which lists its pages",
                url.trim_matches('/')
            )),
            "link to the section, or move the redirect target",
        ));
    }
    Ok(Alias {
        dest: target.dest.clone(),
        url,
        at: r.at,
    })
}

/// The address MkDocs served `from` at, from the site root.
fn old_url(from: &str, directory_urls: bool) -> Option<String> {
    if from.ends_with(".html") || from.ends_with('/') {
        return Some(format!("/{from}"));
    }
    if !docs::is_markdown(from) {
        return None;
    }
    let stem = from.rsplit_once('.').map_or(from, |(s, _)| s);
    let (dir, name) = stem.rsplit_once('/').unwrap_or(("", stem));
    match (name, dir) {
        ("index" | "README", "") => None,
        ("index" | "README", dir) => Some(format!("/{dir}/")),
        _ if directory_urls => Some(format!("/{stem}/")),
        _ => Some(format!("/{stem}.html")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::mkdocs::docs::DocFile;
    use std::path::Path;

    #[test]
    fn redirects_become_aliases_of_their_targets() {
        let mut docs = Docs::default();
        for (rel, dest) in [("guide/README.md", "guide/index.md"), ("new.md", "new.md")] {
            let file = DocFile {
                abs: rel.into(),
                dest: dest.to_owned(),
                page: true,
            };
            docs.files.insert(rel.to_owned(), file);
        }
        let redirect = |from: &str, to: &str| Redirect {
            from: from.to_owned(),
            to: to.to_owned(),
            at: (3, 9),
        };
        let redirects = [
            redirect("old.md", "new.md#part"),
            redirect("older/", "guide/README.md"),
            redirect("new.md", "guide/README.md"),
            redirect("gone.md", "https://x.test/"),
            redirect("guide.md", "new.md"),
        ];
        let yml = Yml {
            src: "",
            shown: Path::new("mkdocs.yml"),
        };
        let (aliases, warnings) = aliases(&redirects, &docs, true, yml);
        let got: Vec<(&str, &str)> = aliases
            .iter()
            .map(|a| (a.dest.as_str(), a.url.as_str()))
            .collect();
        assert_eq!(got, [("new.md", "/old/"), ("guide/index.md", "/older/")]);
        assert_eq!(warnings.len(), 3);
        assert!(
            warnings[2].message.contains("section page"),
            "{}",
            warnings[2]
        );
        assert!(
            warnings[0]
                .to_string()
                .starts_with("mkdocs.yml:3:9: warning[import-redirect]")
        );
    }

    #[test]
    fn old_pages_redirect_from_their_mkdocs_address() {
        assert_eq!(old_url("old.md", true).as_deref(), Some("/old/"));
        assert_eq!(old_url("a/old.md", false).as_deref(), Some("/a/old.html"));
        assert_eq!(old_url("a/index.md", true).as_deref(), Some("/a/"));
        assert_eq!(old_url("a/README.md", true).as_deref(), Some("/a/"));
        assert_eq!(
            old_url("legacy/page.html", true).as_deref(),
            Some("/legacy/page.html")
        );
        assert_eq!(old_url("index.md", true), None);
        assert_eq!(old_url("files/x.pdf", true), None);
    }
}
