//! Search documents: one per section (split at h2/h3) and one per FAQ question.

use crate::markdown::SectionText;
use crate::model::{Page, PageKind, Site};
use crate::render::{RenderedFaq, RenderedSite};
use rayon::prelude::*;

/// Longest section text kept for snippets; the index still covers the whole section. A
/// snippet shows about 180 characters around the first matched word: most matches sit in a
/// section's first thousand characters, and a later one shows the section's start instead,
/// which keeps the page chunks a first query downloads small.
const SNIPPET_CHARS: usize = 600;
/// Longest section text the index reads.
const INDEX_CHARS: usize = 60_000;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchSection {
    /// Anchor on the page; empty for the top of the page.
    pub id: String,
    /// Section heading or FAQ question; empty for the page's opening text.
    pub heading: String,
    pub text: String,
    pub is_question: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchPage {
    /// Index of the page in `Site::pages`.
    pub page: usize,
    pub title: String,
    pub url: String,
    /// The home page or a section page: it introduces and lists other pages rather than
    /// answering a question itself.
    pub listing: bool,
    pub sections: Vec<SearchSection>,
}

/// Collect the searchable text of every page. FAQ questions are indexed on their group's page
/// only, so each answer appears once in results.
pub fn documents(site: &Site, rendered: &RenderedSite) -> Vec<SearchPage> {
    site.pages
        .par_iter()
        .zip(&rendered.pages)
        .enumerate()
        .filter_map(|(index, (page, r))| {
            document(site, index, page, r.faq.as_ref(), r.body.sections.clone())
        })
        .collect()
}

/// [`documents`], moving each page's section texts out of `rendered` instead of copying
/// them: for a build that reads them no further (at 10,000 pages they are 60 MB).
pub fn documents_taking(site: &Site, rendered: &mut RenderedSite) -> Vec<SearchPage> {
    site.pages
        .par_iter()
        .zip(&mut rendered.pages)
        .enumerate()
        .filter_map(|(index, (page, r))| {
            let sections = std::mem::take(&mut r.body.sections);
            document(site, index, page, r.faq.as_ref(), sections)
        })
        .collect()
}

fn document(
    site: &Site,
    index: usize,
    page: &Page,
    faq: Option<&RenderedFaq>,
    all: Vec<SectionText>,
) -> Option<SearchPage> {
    let mut sections = h2_h3_sections(all);
    if let (PageKind::Faq, Some(f)) = (page.kind, faq) {
        let group = &site.faqs[f.group];
        let intro = crate::html::to_text(&f.intro.html);
        if !intro.is_empty() {
            sections.push(SearchSection {
                id: String::new(),
                heading: String::new(),
                text: intro,
                is_question: false,
            });
        }
        for (q, a) in group.questions.iter().zip(&f.answers) {
            sections.push(SearchSection {
                id: q.id.clone(),
                heading: q.question.clone(),
                text: crate::html::to_text(&a.html),
                is_question: true,
            });
        }
    }
    if sections.is_empty() && page.kind != PageKind::Article {
        return None;
    }
    for s in &mut sections {
        truncate_chars(&mut s.text, INDEX_CHARS);
    }
    Some(SearchPage {
        page: index,
        title: page.title.clone(),
        listing: matches!(page.kind, PageKind::Home | PageKind::Section),
        // Written into links by the search script: encoded like every page URL.
        url: crate::resolve::encode_segments(&page.url),
        sections,
    })
}

/// The h2/h3 sections (and the opening text) of a page; text under h4-h6 belongs to the
/// h2/h3 section above it.
fn h2_h3_sections(all: Vec<SectionText>) -> Vec<SearchSection> {
    let mut out: Vec<SearchSection> = Vec::new();
    // Where text under a deeper heading goes: the last h2/h3 section kept.
    let mut target: Option<usize> = None;
    for s in all {
        if s.level <= 3 {
            target = None;
            if s.id.is_empty() && s.text.is_empty() {
                continue;
            }
            out.push(SearchSection {
                id: s.id,
                heading: s.heading,
                text: s.text,
                is_question: false,
            });
            target = Some(out.len() - 1);
        } else if let Some(t) = target.and_then(|i| out.get_mut(i)) {
            t.text.push(' ');
            t.text.push_str(&s.heading);
            t.text.push(' ');
            t.text.push_str(&s.text);
        }
    }
    out
}

fn truncate_chars(s: &mut String, max: usize) {
    if let Some((i, _)) = s.char_indices().nth(max) {
        s.truncate(i);
    }
}

/// The text kept for snippets (the index itself sees all of it).
pub fn snippet_text(text: &str) -> &str {
    // Counting characters one by one is only needed past an ASCII prefix.
    if text.len() <= SNIPPET_CHARS {
        return text;
    }
    if text.as_bytes()[..SNIPPET_CHARS].is_ascii() {
        return &text[..SNIPPET_CHARS];
    }
    match text.char_indices().nth(SNIPPET_CHARS) {
        Some((i, _)) => &text[..i],
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippet_keeps_the_first_characters() {
        let count = |s: &str| s.chars().count();
        for text in [
            "short".to_owned(),
            "a".repeat(SNIPPET_CHARS),
            "a".repeat(SNIPPET_CHARS + 5),
            format!("{}é{}", "a".repeat(SNIPPET_CHARS - 3), "b".repeat(10)),
            "é".repeat(SNIPPET_CHARS + 1),
        ] {
            let want: String = text.chars().take(SNIPPET_CHARS).collect();
            assert_eq!(snippet_text(&text), want, "{}", count(&text));
        }
    }

    #[test]
    fn text_under_deeper_headings_joins_the_section_above() {
        let section = |level: u8, id: &str, text: &str| SectionText {
            id: id.to_owned(),
            heading: id.to_uppercase(),
            level,
            text: text.to_owned(),
        };
        let all = vec![
            section(1, "", ""),
            section(4, "lost", "before any section"),
            section(2, "a", "first"),
            section(4, "a1", "deep"),
            section(5, "a2", "deeper"),
            section(3, "b", "second"),
            section(2, "c", ""),
            section(4, "c1", "under c"),
        ];
        let got: Vec<(String, String)> = h2_h3_sections(all)
            .into_iter()
            .map(|s| (s.id, s.text))
            .collect();
        let want = [
            ("a", "first A1 deep A2 deeper"),
            ("b", "second"),
            ("c", " C1 under c"),
        ];
        assert_eq!(
            got,
            want.map(|(i, t)| (i.to_owned(), t.to_owned())).to_vec()
        );
    }
}
