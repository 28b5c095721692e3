//! The repairs an import makes, counted so the user can be told exactly what changed.

use std::collections::BTreeMap;
use std::fmt;

/// One kind of repair.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Repair {
    InvisibleChar,
    Nbsp,
    Entity,
    EmptyParagraph,
    EmptyLink,
    DeadLink,
    AnchorLink,
    InternalLink,
    SiteRelativeLink,
    BoldHeading,
    HeaderRow,
    PreCode,
    LazyImage,
    Script,
    TableOfContents,
    Embed,
    FaqQuestion,
    FaqHeading,
    DeepMarkup,
}

impl fmt::Display for Repair {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Repair::InvisibleChar => {
                "invisible characters removed (U+200B and friends, soft hyphens, control characters)"
            }
            Repair::Nbsp => "non-breaking spaces (&nbsp;) in prose turned into spaces",
            Repair::Entity => "HTML entities decoded",
            Repair::EmptyParagraph => "empty paragraphs and headings dropped",
            Repair::EmptyLink => "empty links removed",
            Repair::DeadLink => "links that lead nowhere (`javascript:`, missing anchors) unlinked",
            Repair::AnchorLink => "in-page links pointed at the new heading ids",
            Repair::InternalLink => "links to other imported posts made relative",
            Repair::SiteRelativeLink => "site-relative links made absolute (to the old site)",
            Repair::BoldHeading => "bold markup removed from headings",
            Repair::HeaderRow => "tables without a header row: first row made the header",
            Repair::PreCode => "preformatted blocks made code blocks",
            Repair::LazyImage => "lazy-loaded images given their real source",
            Repair::Script => "scripts, styles and forms removed",
            Repair::TableOfContents => {
                "tables of contents removed (helpsite makes its own from the headings)"
            }
            Repair::Embed => "embedded frames turned into links",
            Repair::FaqQuestion => "FAQ questions moved from the body into the FAQ group",
            Repair::FaqHeading => "FAQ headings above the FAQ block removed",
            Repair::DeepMarkup => "markup nested over 100 levels deep flattened to its text",
        })
    }
}

/// Counts per kind of repair.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Repairs(BTreeMap<Repair, usize>);

impl Repairs {
    pub fn add(&mut self, kind: Repair, n: usize) {
        if n > 0 {
            *self.0.entry(kind).or_insert(0) += n;
        }
    }

    pub fn count(&self, kind: Repair) -> usize {
        self.0.get(&kind).copied().unwrap_or(0)
    }

    pub fn merge(&mut self, other: &Repairs) {
        for (&k, &n) in &other.0 {
            self.add(k, n);
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `(count, description)` in a stable order.
    pub fn iter(&self) -> impl Iterator<Item = (usize, Repair)> + '_ {
        self.0.iter().map(|(&k, &n)| (n, k))
    }
}
