//! Relative links to pages whose file name changes on import (`README.md` becomes
//! `index.md`, `page.mkd` becomes `page.md`) are pointed at the new name, and fragments
//! written as MkDocs slugged the heading at helpsite's id for it. Only the link
//! destination's text changes; links in code are not links and stay as they are.

use super::anchors::{self, Ids};
use super::blocks;
use super::docs;
use pulldown_cmark::{Event, LinkType, Parser, Tag};
use std::collections::HashMap;
use std::ops::Range;

/// What links may need to follow, by docs path.
#[derive(Debug, Default)]
pub struct Targets {
    /// Pages whose name changes, to their new path (in the same folder).
    pub renames: HashMap<String, String>,
    /// Every page's heading ids.
    pub anchors: HashMap<String, Vec<Ids>>,
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
    let new_path = match targets.renames.get(&target) {
        Some(renamed) if !path.is_empty() => {
            let old_name = path.rsplit(['/', '\\']).next()?;
            let new_name = renamed.rsplit('/').next()?;
            format!("{}{new_name}", &path[..path.len() - old_name.len()])
        }
        _ => path.to_owned(),
    };
    let fragment = rest.strip_prefix('#');
    let new_rest = fragment
        .and_then(|f| anchors::translate(f, targets.anchors.get(&target)?))
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
        }
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
