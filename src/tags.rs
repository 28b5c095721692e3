//! Tags of pages and FAQ questions, gathered by slug: tags whose slugs are equal are one
//! tag, named as first written. Their pages are made by [`crate::tag_pages`].

use std::collections::BTreeMap;

/// The folder every tag page lives in.
pub const TAGS_URL: &str = "tags/";

/// One tag and what carries it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag {
    /// As first written (pages in navigation order, then FAQ questions).
    pub name: String,
    pub slug: String,
    /// Indices into `Site::pages`, in navigation order.
    pub pages: Vec<usize>,
    /// (group index into `Site::faqs`, question index), in group then question order.
    pub questions: Vec<(usize, usize)>,
}

impl Tag {
    /// The tag page's URL: `tags/<slug>/`.
    pub fn url(&self) -> String {
        format!("{TAGS_URL}{}/", self.slug)
    }

    pub fn count(&self) -> usize {
        self.pages.len() + self.questions.len()
    }
}

/// The tag `name` belongs to, made on first sight; `None` for a blank name.
fn entry<'t>(by_slug: &'t mut BTreeMap<String, Tag>, name: &str) -> Option<&'t mut Tag> {
    if name.trim().is_empty() {
        return None;
    }
    let slug = slug(name);
    Some(by_slug.entry(slug.clone()).or_insert_with(|| Tag {
        name: name.trim().to_owned(),
        slug,
        pages: Vec::new(),
        questions: Vec::new(),
    }))
}

/// The slug of a tag; a tag with no letters or digits (an emoji) gets its UTF-8 bytes in hex.
pub fn slug(name: &str) -> String {
    let s = crate::slug::slug(name.trim());
    if s.trim_matches(['-', '_']).is_empty() {
        let hex: String = name.trim().bytes().map(|b| format!("{b:02x}")).collect();
        format!("tag-{hex}")
    } else {
        s
    }
}

/// Every tag of the pages (`(index, tags)` in navigation order) and of the FAQ questions
/// (`((group, question), tags)`), sorted by name (ignoring case), then slug.
pub fn collect<'a>(
    pages: impl Iterator<Item = (usize, &'a [String])>,
    questions: impl Iterator<Item = ((usize, usize), &'a [String])>,
) -> Vec<Tag> {
    let mut by_slug: BTreeMap<String, Tag> = BTreeMap::new();
    for (i, names) in pages {
        for name in names {
            if let Some(tag) = entry(&mut by_slug, name)
                && tag.pages.last() != Some(&i)
            {
                tag.pages.push(i);
            }
        }
    }
    for (at, names) in questions {
        for name in names {
            if let Some(tag) = entry(&mut by_slug, name)
                && tag.questions.last() != Some(&at)
            {
                tag.questions.push(at);
            }
        }
    }
    let mut tags: Vec<Tag> = by_slug.into_values().collect();
    tags.sort_by(|a, b| (a.name.to_lowercase(), &a.slug).cmp(&(b.name.to_lowercase(), &b.slug)));
    tags
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_tag_per_slug_named_as_first_written_sorted_by_name() {
        let pages = [
            vec!["VPN".to_owned(), "vpn".to_owned()],
            vec!["Billing".to_owned()],
        ];
        let questions = [vec!["vpn".to_owned(), " ".to_owned()]];
        let tags = collect(
            pages.iter().enumerate().map(|(i, t)| (i, t.as_slice())),
            questions.iter().map(|t| ((0, 0), t.as_slice())),
        );
        let names: Vec<&str> = tags.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, ["Billing", "VPN"]);
        assert_eq!(tags[1].pages, [0], "a page counts once for two spellings");
        assert_eq!(tags[1].questions, [(0, 0)]);
        assert_eq!(tags[1].count(), 2);
    }

    #[test]
    fn slugs_merge_spellings_and_never_come_out_empty() {
        assert_eq!(slug("Getting Started"), slug("getting started"));
        assert_eq!(slug("VPN"), "vpn");
        assert_eq!(slug("😄"), "tag-f09f9884");
    }
}
