//! Related articles: for each article and FAQ page, the pages of its language that share the
//! most distinctive words with it. Computed from the search index's postings (each word's
//! score in each section already weighs how often the word occurs, where, and how rare it
//! is), so the text is not read again.

use crate::model::{PageKind, Site};
use crate::search::{Indexes, LanguageIndex};
use rayon::prelude::*;

/// At most this many related pages are shown.
pub const MAX: usize = 5;
/// At least this many are shown when the site has them, however weak the fourth and fifth.
const MIN: usize = 3;
/// Beyond `MIN`, a page is shown only when it is at least this similar, relative to the
/// most similar one: a reader should not find a page about something else at the end.
const SHARE_OF_BEST: f32 = 0.5;
/// Each page is described by its most distinctive words: enough to find pages on the same
/// subject, few enough that comparing 10,000 pages stays cheap.
const WORDS_PER_PAGE: usize = 24;
/// A word that many pages count among their own keeps only the pages where it weighs most:
/// it bounds the work per page on sites where thousands of pages share their vocabulary.
const PAGES_PER_WORD: usize = 100;

/// Whether a page shows related pages and can be one: articles and FAQ groups.
pub fn takes_part(kind: PageKind) -> bool {
    matches!(kind, PageKind::Article | PageKind::Faq)
}

/// Related pages for every page of `site`, from the search indexes built for it:
/// `lists[i]` holds page `i`'s, most similar first (empty for pages that show none: home,
/// sections, and pages with no distinctive word in common with another).
pub fn compute(site: &Site, indexes: &Indexes) -> Vec<Vec<usize>> {
    let mut lists = vec![Vec::new(); site.pages.len()];
    for language in &indexes.0 {
        let eligible: Vec<bool> = language
            .pages
            .iter()
            .map(|p| site.pages.get(p.page).is_some_and(|p| takes_part(p.kind)))
            .collect();
        // An article that shows an FAQ group does not list the group's page as well.
        let local: rustc_hash::FxHashMap<usize, usize> = language
            .pages
            .iter()
            .enumerate()
            .map(|(i, p)| (p.page, i))
            .collect();
        let shown: Vec<Option<usize>> = language
            .pages
            .iter()
            .map(|p| {
                let page = site.pages.get(p.page)?;
                let g = page.faq.filter(|_| page.kind == PageKind::Article)?;
                let faq = site.by_url.get(&site.faq_url(g))?;
                local.get(faq).copied()
            })
            .collect();
        for (i, list) in in_language(language, &eligible, &shown) {
            let page = language.pages[i].page;
            if let Some(slot) = lists.get_mut(page) {
                *slot = list.into_iter().map(|j| language.pages[j].page).collect();
            }
        }
    }
    lists
}

/// Related pages within one language's index, by index into `language.pages`; `shown[p]`
/// is a page `p` must not list.
fn in_language(
    language: &LanguageIndex,
    eligible: &[bool],
    shown: &[Option<usize>],
) -> Vec<(usize, Vec<usize>)> {
    let n = language.pages.len();
    let vectors = page_vectors(language, eligible);
    // Which pages count each word among their own, strongest first.
    let mut holders: rustc_hash::FxHashMap<u32, Vec<(u32, f32)>> = Default::default();
    for (p, v) in vectors.iter().enumerate() {
        for &(word, w) in &v.words {
            holders.entry(word).or_default().push((p as u32, w));
        }
    }
    holders.par_iter_mut().for_each(|(_, list)| {
        if list.len() > PAGES_PER_WORD {
            list.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            list.truncate(PAGES_PER_WORD);
        }
    });
    (0..n)
        .into_par_iter()
        .filter(|&p| eligible[p] && !vectors[p].words.is_empty())
        .map_init(
            || (vec![0.0f32; n], Vec::new()),
            |(sums, touched), p| {
                let mine = &vectors[p];
                for &(word, w) in &mine.words {
                    for &(q, wq) in holders.get(&word).map_or(&[][..], Vec::as_slice) {
                        let q = q as usize;
                        if q == p || shown.get(p).copied().flatten() == Some(q) {
                            continue;
                        }
                        if sums[q] == 0.0 {
                            touched.push(q);
                        }
                        sums[q] += w * wq;
                    }
                }
                let mut scored: Vec<(usize, f32)> = touched
                    .drain(..)
                    .map(|q| {
                        let cosine = sums[q] / (mine.norm * vectors[q].norm);
                        sums[q] = 0.0;
                        (q, cosine)
                    })
                    .collect();
                let best_first =
                    |a: &(usize, f32), b: &(usize, f32)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
                // Only the best few are wanted: select them, then sort just those.
                if scored.len() > MAX {
                    scored.select_nth_unstable_by(MAX - 1, best_first);
                    scored.truncate(MAX);
                }
                scored.sort_unstable_by(best_first);
                (p, choose(&scored))
            },
        )
        .collect()
}

/// The most similar pages: `MIN` of them, then up to `MAX` while they stay close to the best.
fn choose(scored: &[(usize, f32)]) -> Vec<usize> {
    let best = scored.first().map_or(0.0, |s| s.1);
    scored
        .iter()
        .take(MAX)
        .enumerate()
        .take_while(|(rank, s)| *rank < MIN || s.1 >= best * SHARE_OF_BEST)
        .map(|(_, s)| s.0)
        .collect()
}

/// A page as its most distinctive words (word id, weight) and the vector's length.
#[derive(Default)]
struct Vector {
    words: Vec<(u32, f32)>,
    norm: f32,
}

/// Each eligible page's words, weighted by the sum of the word's scores over the page's
/// sections. Words on one page only are left out: they link it to nothing.
fn page_vectors(language: &LanguageIndex, eligible: &[bool]) -> Vec<Vector> {
    let mut vectors: Vec<Vector> = (0..language.pages.len())
        .map(|_| Vector::default())
        .collect();
    let common = (eligible.iter().filter(|&&e| e).count() / 2).max(3);
    let lists: Vec<&[(u32, u16, u16)]> = language.index.terms.values().map(Vec::as_slice).collect();
    // Each word's weight on each page holding it, words in parallel.
    let weighted: Vec<Vec<(u32, f32)>> = lists
        .par_iter()
        .map(|postings| {
            let mut weights: Vec<(u32, f32)> = Vec::new();
            // Postings are sorted by page: a page's sections are neighbours.
            for &(page, _, score) in *postings {
                if !eligible.get(page as usize).copied().unwrap_or(false) {
                    continue;
                }
                match weights.last_mut() {
                    Some((p, w)) if *p == page => *w += f32::from(score),
                    _ => weights.push((page, f32::from(score))),
                }
            }
            // A word on one page links it to nothing; a word on most pages says nothing
            // about any of them (and would make every page a candidate for every other).
            if weights.len() < 2 || weights.len() > common {
                weights = Vec::new();
            }
            weights
        })
        .collect();
    for (word, weights) in weighted.iter().enumerate() {
        for &(page, w) in weights {
            vectors[page as usize].words.push((word as u32, w));
        }
    }
    vectors.par_iter_mut().for_each(|v| {
        let best_first = |a: &(u32, f32), b: &(u32, f32)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
        if v.words.len() > WORDS_PER_PAGE {
            v.words
                .select_nth_unstable_by(WORDS_PER_PAGE - 1, best_first);
            v.words.truncate(WORDS_PER_PAGE);
        }
        v.words.sort_unstable_by(best_first);
        v.norm = v.words.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
    });
    vectors
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::language::Language;
    use crate::search::{SearchPage, SearchSection};

    fn page(i: usize, title: &str, text: &str) -> SearchPage {
        SearchPage {
            page: i,
            title: title.to_owned(),
            url: format!("p{i}/"),
            listing: false,
            sections: vec![SearchSection {
                id: String::new(),
                heading: String::new(),
                text: text.to_owned(),
                is_question: false,
            }],
        }
    }

    fn related(pages: Vec<SearchPage>) -> Vec<(usize, Vec<usize>)> {
        let n = pages.len();
        let indexes = Indexes::new(pages, &[Language::default_for("en")]);
        let mut out = in_language(&indexes.0[0], &vec![true; n], &vec![None; n]);
        out.sort();
        out
    }

    #[test]
    fn pages_on_the_same_subject_come_first() {
        let out = related(vec![
            page(
                0,
                "Reset your password",
                "password reset email link expired",
            ),
            page(
                1,
                "Password reset email",
                "the reset email with the password link",
            ),
            page(2, "Invoices", "download invoices as pdf billing"),
            page(
                3,
                "Billing address",
                "change the billing address on invoices",
            ),
            page(4, "Expired password", "an expired password needs a reset"),
        ]);
        let of = |p: usize| out.iter().find(|(q, _)| *q == p).map(|(_, l)| l.clone());
        let zero = of(0).unwrap_or_default();
        assert_eq!(
            zero.len(),
            2,
            "{zero:?}: pages sharing no word are not related"
        );
        assert!(zero.contains(&1) && zero.contains(&4), "{zero:?}");
        assert_eq!(of(2), Some(vec![3]));
        assert!(!zero.contains(&0), "a page is not related to itself");
    }

    #[test]
    fn at_most_max_and_only_close_ones_past_min() {
        let scored: Vec<(usize, f32)> = vec![(1, 1.0), (2, 0.2), (3, 0.1), (4, 0.6), (5, 0.55)];
        let mut sorted = scored.clone();
        sorted.sort_unstable_by(|a, b| b.1.total_cmp(&a.1));
        assert_eq!(choose(&sorted), vec![1, 4, 5]);
        let close: Vec<(usize, f32)> = (0..8).map(|i| (i, 1.0 - i as f32 * 0.01)).collect();
        assert_eq!(choose(&close).len(), MAX);
        assert!(choose(&[]).is_empty());
    }

    #[test]
    fn pages_that_take_no_part_are_neither_shown_nor_given() {
        let pages = vec![
            page(0, "Alpha token", "token reset"),
            page(1, "Beta token", "token reset"),
            page(2, "Gamma token", "token reset"),
        ];
        let indexes = Indexes::new(pages, &[Language::default_for("en")]);
        let out = in_language(&indexes.0[0], &[true, false, true], &[None, None, Some(0)]);
        assert_eq!(out.len(), 2);
        for (p, list) in &out {
            assert!(!list.contains(&1), "{p}: {list:?}");
        }
        assert_eq!(
            out.iter().find(|(p, _)| *p == 2).map(|(_, l)| l.clone()),
            Some(vec![]),
            "page 2 shows page 0 already"
        );
    }
}
