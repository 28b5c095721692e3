//! Heading ids as MkDocs made them and as helpsite makes them, so that a link to
//! `page.md#a-b` written for MkDocs (Python-Markdown's `toc` slugs: `A - B` -> `a-b`,
//! `Café` -> `cafe`, a repeat -> `setup_1`) can be pointed at helpsite's id for the same
//! heading (`a---b`, `café`, `setup-1`).

use crate::slug::{Slugger, mkdocs_slug, mkdocs_unique};
use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use std::collections::HashSet;

/// One heading's id in MkDocs and in helpsite.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ids {
    pub mkdocs: String,
    pub helpsite: String,
}

/// The ids of every heading of a Markdown page, in order.
pub fn headings(text: &str) -> Vec<Ids> {
    let mut mkdocs_seen = HashSet::new();
    let mut slugger = Slugger::default();
    let mut out = Vec::new();
    let flat = super::blocks::flatten(text);
    let mut events = Parser::new_ext(&flat.text, crate::markdown::options());
    while let Some(event) = events.next() {
        let Event::Start(Tag::Heading { id, .. }) = event else {
            continue;
        };
        let mut words = String::new();
        for e in events.by_ref() {
            match e {
                Event::Text(t) | Event::Code(t) => words.push_str(&t),
                Event::SoftBreak | Event::HardBreak => words.push(' '),
                Event::End(TagEnd::Heading(_)) => break,
                _ => {}
            }
        }
        let words = words.split_whitespace().collect::<Vec<_>>().join(" ");
        let ids = match id {
            Some(id) => Ids {
                mkdocs: id.to_string(),
                helpsite: id.to_string(),
            },
            None => Ids {
                mkdocs: mkdocs_unique(mkdocs_slug(&words), &mut mkdocs_seen),
                helpsite: slugger.unique(&words),
            },
        };
        out.push(ids);
    }
    out
}

/// helpsite's id for a fragment written for MkDocs, when it names a heading by its MkDocs
/// id alone (a fragment helpsite already knows, or that fits several headings, is kept).
pub fn translate<'a>(fragment: &str, headings: &'a [Ids]) -> Option<&'a str> {
    if headings.iter().any(|h| h.helpsite == fragment) {
        return None;
    }
    let mut hits = headings.iter().filter(|h| h.mkdocs == fragment);
    let hit = hits.next()?;
    hits.next().is_none().then_some(hit.helpsite.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mkdocs_slugs_follow_python_markdown() {
        assert_eq!(mkdocs_slug("Install & configure"), "install-configure");
        assert_eq!(mkdocs_slug("Step 1 - Download"), "step-1-download");
        assert_eq!(mkdocs_slug("Café au lait"), "cafe-au-lait");
        assert_eq!(mkdocs_slug("  snake_case()  "), "snake_case");
        assert_eq!(mkdocs_slug("trailing -"), "trailing-");
        assert_eq!(mkdocs_slug("-- lead"), "-lead");
    }

    #[test]
    fn fragments_written_for_mkdocs_find_helpsites_ids() {
        let ids = headings(
            "# Guide\n\n## Step 1 - Download\n\n## Setup\n\n## Setup\n\n## Same {#fixed}\n",
        );
        let pairs: Vec<(&str, &str)> = ids
            .iter()
            .map(|i| (i.mkdocs.as_str(), i.helpsite.as_str()))
            .collect();
        assert_eq!(
            pairs,
            [
                ("guide", "guide"),
                ("step-1-download", "step-1---download"),
                ("setup", "setup"),
                ("setup_1", "setup-1"),
                ("fixed", "fixed"),
            ]
        );
        assert_eq!(
            translate("step-1-download", &ids),
            Some("step-1---download")
        );
        assert_eq!(translate("setup_1", &ids), Some("setup-1"));
        assert_eq!(translate("setup", &ids), None);
        assert_eq!(translate("nowhere", &ids), None);
    }
}
