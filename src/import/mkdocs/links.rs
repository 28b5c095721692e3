//! Relative links to pages whose file name changes on import (`README.md` becomes
//! `index.md`, `page.mkd` becomes `page.md`) are pointed at the new name, links from and to
//! files that move (the `i18n` plugin's default language, `en/guide.md` -> `guide.md`) at
//! the new place, and fragments written as MkDocs slugged the heading at helpsite's id for
//! it. In a translation named with a suffix (`guide.fr.md`), a link to an asset with a
//! version in its language (`image.png`, `image.fr.png`) leads to that version, as the plugin
//! shows it. Only the link destination's text changes; links in code are not links and stay
//! as they are.

use super::anchors::{self, Ids};
use super::blocks;
use super::docs;
use super::locales::{Locales, Owner, Structure};
use pulldown_cmark::{Event, LinkType, Parser, Tag};
use std::collections::{HashMap, HashSet};
use std::ops::Range;

/// What links may need to follow, by docs path.
#[derive(Debug, Default)]
pub struct Targets {
    /// Files whose path changes, to their new path.
    pub renames: HashMap<String, String>,
    /// Every page's heading ids.
    pub anchors: HashMap<String, Vec<Ids>>,
    /// Every file of the docs folder.
    pub files: HashSet<String>,
    /// The `i18n` plugin's languages, if any.
    pub locales: Option<Locales>,
}

impl Targets {
    /// Where the docs path `rel` goes under `content/` (also for paths that are not files,
    /// inside the default language's folder).
    fn dest(&self, rel: &str) -> String {
        if let Some(renamed) = self.renames.get(rel) {
            return renamed.clone();
        }
        let Some(locales) = &self.locales else {
            return rel.to_owned();
        };
        if locales.structure == Structure::Folder && locales.default.as_deref() == Some(rel) {
            return String::new();
        }
        match locales.owner(rel) {
            Owner::Default(plain) => plain,
            _ => rel.to_owned(),
        }
    }

    /// The version of `target` in the language of the suffixed translation `page`
    /// (`image.png` -> `image.fr.png` from `guide.fr.md`), when there is one.
    fn translation(&self, page: &str, target: &str) -> Option<String> {
        let locale = self.locales.as_ref()?.suffix_of(page)?;
        let (stem, ext) = target.rsplit_once('.')?;
        if stem.is_empty() || stem.ends_with('/') || ext.contains('/') {
            return None;
        }
        let candidate = format!("{stem}.{locale}.{ext}");
        self.files.contains(&candidate).then_some(candidate)
    }

    /// The link path `path` (naming `target`, on `page`) after the import.
    fn new_path(&self, path: &str, page: &str, target: &str, asset: Option<&str>) -> String {
        let to = asset.unwrap_or(target);
        let (page_dest, to_dest) = (self.dest(page), self.dest(to));
        if docs::normalize(parent(&page_dest), path).is_some_and(|p| p == to_dest) {
            return path.to_owned();
        }
        let same_folders = parent(page) == parent(&page_dest) && parent(to) == parent(&to_dest);
        if same_folders && !path.ends_with('/') && !to_dest.is_empty() {
            // Only the file name changes: keep the rest as the author wrote it.
            let old_name = path.rsplit(['/', '\\']).next().unwrap_or_default();
            let new_name = to_dest.rsplit('/').next().unwrap_or_default();
            return format!("{}{new_name}", &path[..path.len() - old_name.len()]);
        }
        match relative(parent(&page_dest), &to_dest) {
            rel if rel.is_empty() => "./".to_owned(),
            rel if path.ends_with('/') => format!("{rel}/"),
            rel => rel,
        }
    }
}

/// The folder of a docs path (`` at the top).
fn parent(rel: &str) -> &str {
    rel.rsplit_once('/').map_or("", |(d, _)| d)
}

/// The relative path from the folder `from` to the path `to` (both docs paths).
fn relative(from: &str, to: &str) -> String {
    let from: Vec<&str> = from.split('/').filter(|p| !p.is_empty()).collect();
    let to: Vec<&str> = to.split('/').filter(|p| !p.is_empty()).collect();
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let ups = std::iter::repeat_n("..", from.len() - common);
    ups.chain(to[common..].iter().copied())
        .collect::<Vec<_>>()
        .join("/")
}

/// `text` of the page at `page` (its docs path) with its links rewritten, or `None` when
/// no link changes.
pub fn rewrite(text: &str, page: &str, targets: &Targets) -> Option<String> {
    let dir = page.rsplit_once('/').map_or("", |(d, _)| d);
    let flat = blocks::flatten(text);
    let parser = Parser::new_ext(&flat.text, crate::markdown::options());
    let mut edits: Vec<(Range<usize>, String)> = Vec::new();
    for (_, def) in parser.reference_definitions().iter() {
        edits.extend(edit(
            &flat.text,
            def.span.clone(),
            &def.dest,
            (page, dir),
            targets,
        ));
    }
    for (event, range) in parser.into_offset_iter() {
        if let Event::Start(
            Tag::Link {
                link_type: LinkType::Inline,
                dest_url,
                ..
            }
            | Tag::Image {
                link_type: LinkType::Inline,
                dest_url,
                ..
            },
        ) = event
        {
            edits.extend(edit(&flat.text, range, &dest_url, (page, dir), targets));
        }
    }
    // Back to the author's offsets; the destination must read the same there.
    let edits = edits.into_iter().filter_map(|(range, new)| {
        let start = flat.original(range.start);
        let end = start + range.len();
        (text.get(start..end) == flat.text.get(range)).then_some((start..end, new))
    });
    apply(text, edits.collect())
}

/// `text` with each range replaced, or `None` when there is nothing to replace.
fn apply(text: &str, mut edits: Vec<(Range<usize>, String)>) -> Option<String> {
    if edits.is_empty() {
        return None;
    }
    edits.sort_by_key(|(r, _)| r.start);
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for (range, new) in edits {
        if range.start < last {
            continue;
        }
        out.push_str(&text[last..range.start]);
        out.push_str(&new);
        last = range.end;
    }
    out.push_str(&text[last..]);
    Some(out)
}

/// The edit for one link whose destination `dest` is written inside `text[within]`, on
/// the page `page` in the folder `dir`.
fn edit(
    text: &str,
    within: Range<usize>,
    dest: &str,
    (page, dir): (&str, &str),
    targets: &Targets,
) -> Option<(Range<usize>, String)> {
    if dest.contains("://") || dest.starts_with('/') || dest.contains(':') && !dest.contains('/') {
        return None;
    }
    let split = dest.find(['#', '?']).unwrap_or(dest.len());
    let (path, rest) = dest.split_at(split);
    let target = match path {
        "" => page.to_owned(),
        p => docs::normalize(dir, p)?,
    };
    let translated = match path {
        "" => None,
        _ => targets.translation(page, &target),
    };
    let asset = translated.as_deref().filter(|t| !docs::is_markdown(t));
    let new_path = match path {
        "" => String::new(),
        _ => targets.new_path(path, page, &target, asset),
    };
    // A page link from a translation leads to the page's translation (helpsite picks it).
    let headed = translated.as_deref().unwrap_or(&target);
    let fragment = rest.strip_prefix('#');
    let new_rest = fragment
        .and_then(|f| anchors::translate(f, targets.anchors.get(headed)?))
        .map_or_else(|| rest.to_owned(), |id| format!("#{id}"));
    if new_path == path && new_rest == rest {
        return None;
    }
    let at = written_at(text.get(within.clone())?, dest)?;
    let start = within.start + at;
    Some((start..start + dest.len(), format!("{new_path}{new_rest}")))
}

/// Where the destination is written in a link's source: its last occurrence that starts
/// right after `(`, `<`, `:` or a space (so not in the link text or title).
fn written_at(source: &str, dest: &str) -> Option<usize> {
    source.rmatch_indices(dest).map(|(i, _)| i).find(|&i| {
        source[..i]
            .chars()
            .next_back()
            .is_some_and(|c| matches!(c, '(' | '<' | ':') || c.is_whitespace())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn targets() -> Targets {
        let renames = [
            ("README.md", "index.md"),
            ("guide/README.md", "guide/index.md"),
            ("old.mkd", "old.md"),
        ];
        let pages = [
            ("guide/README.md", "## Step 1 - Go\n"),
            ("guide/page.md", "## A & B\n"),
        ];
        Targets {
            renames: renames
                .into_iter()
                .map(|(a, b)| (a.to_owned(), b.to_owned()))
                .collect(),
            anchors: pages
                .into_iter()
                .map(|(p, t)| (p.to_owned(), anchors::headings(t)))
                .collect(),
            ..Targets::default()
        }
    }

    fn languages(structure: Structure, files: &[&str]) -> Targets {
        let files: HashSet<String> = files.iter().map(|f| f.to_string()).collect();
        let locales = Locales {
            structure,
            default: Some("en".to_owned()),
            others: vec!["fr".to_owned()],
            left_out: Vec::new(),
        };
        let renames = files
            .iter()
            .filter_map(|f| match locales.owner(f) {
                Owner::Default(plain) => Some((f.clone(), plain)),
                _ => None,
            })
            .collect();
        let anchors = [("b.fr.md", "## Étape 1 - Go\n")]
            .into_iter()
            .map(|(p, t)| (p.to_owned(), anchors::headings(t)))
            .collect();
        Targets {
            renames,
            anchors,
            files,
            locales: Some(locales),
        }
    }

    #[test]
    fn links_follow_the_default_languages_move() {
        let t = languages(
            Structure::Folder,
            &[
                "en/a.md",
                "en/sub/b.md",
                "fr/a.md",
                "img/x.png",
                "en/img.png",
            ],
        );
        let text = "[b](sub/b.md) [x](../img/x.png) [i](img.png) [fr](../fr/a.md) [home](../en/)\n";
        let out = rewrite(text, "en/a.md", &t).unwrap();
        assert_eq!(
            out,
            "[b](sub/b.md) [x](img/x.png) [i](img.png) [fr](fr/a.md) [home](./)\n"
        );
        let text =
            "[a](a.md) [en](../en/a.md) [b](../en/sub/b.md#top) [x](../img/x.png) [h](../en/)\n";
        let out = rewrite(text, "fr/a.md", &t).unwrap();
        assert_eq!(
            out,
            "[a](a.md) [en](../a.md) [b](../sub/b.md#top) [x](../img/x.png) [h](../)\n"
        );
        let text = "[x](../../img/x.png)\n";
        assert_eq!(
            rewrite(text, "en/sub/b.md", &t).unwrap(),
            "[x](../img/x.png)\n"
        );
    }

    #[test]
    fn suffixed_translations_link_to_their_languages_assets() {
        let t = languages(
            Structure::Suffix,
            &[
                "a.en.md",
                "a.fr.md",
                "b.fr.md",
                "b.md",
                "img.en.png",
                "img.fr.png",
                "logo.png",
            ],
        );
        let text = "[b](b.md#etape-1-go) ![i](img.png) ![l](logo.png) [a](a.en.md)\n";
        let out = rewrite(text, "a.fr.md", &t).unwrap();
        assert_eq!(
            out,
            "[b](b.md#étape-1---go) ![i](img.fr.png) ![l](logo.png) [a](a.md)\n"
        );
        assert_eq!(rewrite("![i](img.png) [b](b.md)\n", "a.en.md", &t), None);
    }

    #[test]
    fn links_to_renamed_pages_follow_them() {
        let text = "See [README.md](../README.md#top \"README.md\") and ![x](../old.mkd).\n\n\
                    `[c](../README.md)`\n\n[ref]: README.md\n\nUse [ref] and [s](other.md).\n";
        let out = rewrite(text, "guide/page.md", &targets()).unwrap();
        assert_eq!(
            out,
            "See [README.md](../index.md#top \"README.md\") and ![x](../old.md).\n\n\
             `[c](../README.md)`\n\n[ref]: index.md\n\nUse [ref] and [s](other.md).\n"
        );
    }

    #[test]
    fn fragments_follow_helpsites_heading_ids() {
        let text = "[a](README.md#step-1-go) [b](#a-b) [c](#a--b) [d](README.md#gone)\n\n\
                    !!! tip \"Also\"\n    See [e](README.md).\n";
        let out = rewrite(text, "guide/page.md", &targets()).unwrap();
        assert_eq!(
            out,
            "[a](index.md#step-1---go) [b](#a--b) [c](#a--b) [d](index.md#gone)\n\n\
             !!! tip \"Also\"\n    See [e](index.md).\n"
        );
    }

    #[test]
    fn nothing_to_change_is_none() {
        let text = "[a](a.md) [b](https://x.test/README.md) [c](#a--b) [m](mailto:x@y.z)\n";
        assert_eq!(rewrite(text, "guide/page.md", &targets()), None);
        assert_eq!(
            rewrite("[a](README.md)\n", "p.md", &Targets::default()),
            None
        );
    }
}
