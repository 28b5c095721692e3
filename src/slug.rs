//! The one slugger: GitHub-style heading ids, unique per page. TOC, search and the link
//! checker all use it, so they can never disagree.

use std::collections::HashMap;
use unicode_general_category::{GeneralCategory as G, get_general_category};

/// GitHub's slug for one heading text (no de-duplication).
pub fn slug(text: &str) -> String {
    text.to_lowercase()
        .chars()
        .filter(|&c| keep(c))
        .map(|c| if c == ' ' { '-' } else { c })
        .collect()
}

fn keep(c: char) -> bool {
    if c == ' ' || c == '-' || c.is_alphabetic() {
        return true;
    }
    matches!(
        get_general_category(c),
        G::UppercaseLetter
            | G::LowercaseLetter
            | G::TitlecaseLetter
            | G::ModifierLetter
            | G::OtherLetter
            | G::NonspacingMark
            | G::SpacingMark
            | G::EnclosingMark
            | G::DecimalNumber
            | G::LetterNumber
            | G::ConnectorPunctuation
    )
}

/// Python-Markdown's default `toc` slug, which MkDocs uses: accents folded to ASCII,
/// anything but word characters, spaces and hyphens dropped, lower case, runs of spaces and
/// hyphens as one `-`. Docs written for MkDocs link to these ids.
pub fn mkdocs_slug(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let ascii: String = text.nfkd().filter(char::is_ascii).collect();
    let kept: String = ascii
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-') || c.is_whitespace())
        .collect();
    let mut out = String::new();
    let mut gap = false;
    for c in kept.trim().to_lowercase().chars() {
        let dash = c == '-' || c.is_whitespace();
        if !(dash && gap) {
            out.push(if dash { '-' } else { c });
        }
        gap = dash;
    }
    out
}

/// Python-Markdown's `unique`: `id`, then `id_1`, `id_2`, ... (an empty id becomes `_1`).
pub fn mkdocs_unique(id: String, seen: &mut std::collections::HashSet<String>) -> String {
    let mut id = id;
    while id.is_empty() || seen.contains(&id) {
        id = match id.rsplit_once('_') {
            Some((base, n)) if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => {
                let n: u64 = n.parse().unwrap_or(0);
                format!("{base}_{}", n + 1)
            }
            _ => format!("{id}_1"),
        };
    }
    seen.insert(id.clone());
    id
}

/// Hands out unique ids on one page: `intro`, `intro-1`, `intro-2`, ...
#[derive(Debug, Default, Clone)]
pub struct Slugger {
    seen: HashMap<String, usize>,
}

impl Slugger {
    /// A unique slug for `text`; an empty slug becomes `section`.
    pub fn unique(&mut self, text: &str) -> String {
        let base = slug(text);
        let base = if base.is_empty() {
            "section".to_owned()
        } else {
            base
        };
        self.claim(base)
    }

    /// A new id `PREFIX1`, `PREFIX2`, ... for generated elements (tab sets). Use a prefix
    /// slugs cannot produce (with `:`), so headings keep the ids they would have anyway.
    pub fn fresh(&mut self, prefix: &str) -> String {
        let mut n = 1;
        loop {
            let id = format!("{prefix}{n}");
            if !self.seen.contains_key(&id) {
                self.seen.insert(id.clone(), 0);
                return id;
            }
            n += 1;
        }
    }

    /// Whether `id` is taken on this page.
    pub fn is_taken(&self, id: &str) -> bool {
        self.seen.contains_key(id)
    }

    /// Reserve an id given by the author (`{#id}`); later slugs avoid it.
    pub fn reserve(&mut self, id: &str) {
        self.seen.entry(id.to_owned()).or_insert(0);
    }

    // github-slugger's loop: bump the base's counter until the candidate is free.
    fn claim(&mut self, base: String) -> String {
        let mut candidate = base.clone();
        while self.seen.contains_key(&candidate) {
            let n = self.seen.entry(base.clone()).or_insert(0);
            *n += 1;
            candidate = format!("{base}-{n}");
        }
        self.seen.insert(candidate.clone(), 0);
        candidate
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn github_fixtures() {
        let cases = [
            ("Hello World", "hello-world"),
            ("I ♥ unicode", "i--unicode"),
            ("en–dash", "endash"),
            ("😄 unicode emoji", "-unicode-emoji"),
            ("Step 2: Open Settings", "step-2-open-settings"),
            ("What's new?", "whats-new"),
            ("snake_case and kebab-case", "snake_case-and-kebab-case"),
            ("Über Größe", "über-größe"),
            ("x² ½", "x-"),
            ("  trim  ", "--trim--"),
            ("中文 标题", "中文-标题"),
        ];
        for (text, want) in cases {
            assert_eq!(slug(text), want, "{text}");
        }
    }

    #[test]
    fn duplicates_get_numbered_suffixes() {
        let mut s = Slugger::default();
        assert_eq!(s.unique("Intro"), "intro");
        assert_eq!(s.unique("Intro"), "intro-1");
        assert_eq!(s.unique("Intro"), "intro-2");
        assert_eq!(s.unique("Intro 1"), "intro-1-1");
        assert_eq!(s.unique("!!!"), "section");
    }

    #[test]
    fn reserved_ids_are_avoided() {
        let mut s = Slugger::default();
        s.reserve("setup");
        assert_eq!(s.unique("Setup"), "setup-1");
    }
}
