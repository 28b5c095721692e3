//! Description rules: present, a sensible length for search results, and about the page
//! (sharing at least one meaningful word with its title or main words).

use crate::check::Context;
use crate::diagnostic::Diagnostic;
use crate::location::Location;
use crate::model::Body;
use crate::rules::{DESCRIPTION_LENGTH, DESCRIPTION_MISSING, DESCRIPTION_OFF_TOPIC};
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// How many of the page's most frequent words count as its topic, besides its title.
const TOP_WORDS: usize = 8;

pub fn check(ctx: &Context, i: usize, out: &mut Vec<Diagnostic>) {
    let site = &ctx.build.site;
    let page = &site.pages[i];
    let (shown, src, front_end): (&Path, &str, usize) = match &page.body {
        Body::Markdown(lp) => (&lp.source.shown, &lp.src, lp.body_start),
        Body::Faq(g) => {
            let f = &site.faqs[*g];
            (&f.source.shown, &f.src, f.src.len())
        }
        Body::Listing => return,
    };
    let desc = page.description.trim();
    let at = description_line(src, front_end);
    let here = |col| Location::new(shown, at.unwrap_or(1), col);
    if desc.is_empty() {
        out.push(
            Diagnostic::warning(DESCRIPTION_MISSING, "page has no description")
                .at(Location::new(shown, 1, 1), src)
                .help("add `description:`: one or two sentences that say what the page answers; search engines show it"),
        );
        return;
    }
    let len = desc.chars().count();
    let (min, max) = (ctx.config.description_min, ctx.config.description_max);
    if len < min || len > max {
        let what = if len < min { "short" } else { "long" };
        out.push(
            Diagnostic::warning(
                DESCRIPTION_LENGTH,
                format!("description is too {what}: {len} characters"),
            )
            .at(here(1), src)
            .span(11)
            .help(format!(
                "aim for {min} to {max} characters; search results cut longer ones"
            )),
        );
    }
    let site_common = site_words(ctx);
    let said = content_words(desc, &site_common);
    if off_topic(ctx, i, &said, &site_common) {
        out.push(
            Diagnostic::error(
                DESCRIPTION_OFF_TOPIC,
                "description shares no meaningful word with the page's title and text",
            )
            .at(here(1), src)
            .span(11)
            .help(format!(
                "describe this page; it is about {}",
                topic_hint(ctx, i)
            )),
        );
    }
}

/// Line of `description:` in the front matter (or FAQ file), if written.
fn description_line(src: &str, end: usize) -> Option<usize> {
    src[..end.min(src.len())]
        .lines()
        .position(|l| l.starts_with("description:"))
        .map(|i| i + 1)
}

/// Words of the site title: shared by every page, so they say nothing about one.
fn site_words(ctx: &Context) -> HashSet<String> {
    content_words(&ctx.build.site.config.title, &HashSet::new())
        .into_iter()
        .collect()
}

/// Whether none of the description's words (`said`) is a title word or one of the page's
/// most frequent words. The title is looked at first: it settles most pages cheaply.
fn off_topic(ctx: &Context, i: usize, said: &[String], site_common: &HashSet<String>) -> bool {
    if said.is_empty() {
        return false;
    }
    let title = content_words(&ctx.build.site.pages[i].title, site_common);
    if said.iter().any(|w| title.contains(w)) {
        return false;
    }
    let topic = frequent_words(ctx, i, site_common);
    said.iter().all(|w| !topic.contains(w))
}

/// The page's most frequent meaningful words, as stems.
fn frequent_words(ctx: &Context, i: usize, site_common: &HashSet<String>) -> HashSet<String> {
    let mut topic = HashSet::new();
    let mut counts: HashMap<String, usize> = HashMap::new();
    for w in content_words(&page_text(ctx, i), site_common) {
        *counts.entry(w).or_default() += 1;
    }
    let mut ranked: Vec<(String, usize)> = counts.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    topic.extend(ranked.into_iter().take(TOP_WORDS).map(|(w, _)| w));
    topic
}

fn topic_hint(ctx: &Context, i: usize) -> String {
    format!("`{}`", ctx.build.site.pages[i].title)
}

/// The visible text of page `i`: body sections, or FAQ questions and answers.
fn page_text(ctx: &Context, i: usize) -> String {
    let r = &ctx.build.rendered.pages[i];
    let mut text: Vec<&str> = r.body.sections.iter().map(|s| s.text.as_str()).collect();
    if let Body::Faq(g) = &ctx.build.site.pages[i].body {
        let group = &ctx.build.site.faqs[*g];
        text.extend(group.questions.iter().map(|q| q.question.as_str()));
        if let Some(f) = &r.faq {
            for a in &f.answers {
                text.extend(a.sections.iter().map(|s| s.text.as_str()));
            }
        }
    }
    text.join(" ")
}

/// Lowercase stems of the words that carry meaning: no stop words, no site-wide words.
pub fn content_words(text: &str, skip: &HashSet<String>) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 3 && !w.chars().all(|c| c.is_ascii_digit()))
        .map(|w| stem(&w.to_lowercase()))
        .filter(|w| !stop_words().contains(w.as_str()) && !skip.contains(w))
        .collect()
}

/// A light English stem, enough to match `connect`, `connects` and `connecting`.
fn stem(word: &str) -> String {
    for (suffix, replacement) in [("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")] {
        if let Some(base) = word.strip_suffix(suffix)
            && base.chars().count() >= 3
            && !word.ends_with("ss")
        {
            return format!("{base}{replacement}");
        }
    }
    word.to_owned()
}

fn stop_words() -> &'static HashSet<&'static str> {
    static SET: std::sync::LazyLock<HashSet<&'static str>> =
        std::sync::LazyLock::new(|| STOP_WORDS.iter().copied().collect());
    &SET
}

/// Words too common to say what a page is about (stemmed forms included).
const STOP_WORDS: &[&str] = &[
    "the",
    "and",
    "for",
    "are",
    "but",
    "not",
    "you",
    "your",
    "yours",
    "with",
    "this",
    "that",
    "these",
    "those",
    "from",
    "into",
    "onto",
    "about",
    "what",
    "when",
    "where",
    "which",
    "who",
    "why",
    "how",
    "can",
    "could",
    "should",
    "would",
    "will",
    "shall",
    "may",
    "might",
    "must",
    "have",
    "has",
    "had",
    "hav",
    "was",
    "were",
    "been",
    "being",
    "its",
    "our",
    "their",
    "them",
    "they",
    "there",
    "here",
    "then",
    "than",
    "also",
    "any",
    "all",
    "each",
    "every",
    "more",
    "most",
    "other",
    "some",
    "such",
    "only",
    "own",
    "same",
    "very",
    "just",
    "one",
    "two",
    "out",
    "off",
    "over",
    "under",
    "again",
    "once",
    "use",
    "us",
    "using",
    "learn",
    "guide",
    "step",
    "way",
    "make",
    "mak",
    "get",
    "gett",
    "set",
    "see",
    "find",
    "need",
    "help",
    "page",
    "complete",
    "effective",
    "easy",
    "quick",
    "new",
    "does",
    "doe",
    "don",
    "did",
    "via",
    "after",
    "before",
    "while",
    "without",
    "within",
    "because",
    "both",
    "few",
    "many",
    "much",
    "method",
    "tip",
    "thing",
    "know",
    "like",
    "want",
    "let",
    "give",
    "take",
    "come",
    "keep",
    "everything",
    "something",
    "anything",
    "nothing",
    "etc",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_stemmed_and_filtered() {
        let skip: HashSet<String> = ["salesforce".to_owned()].into();
        let w = content_words(
            "Learn how to connect Salesforce reports to Google Sheets",
            &skip,
        );
        assert_eq!(w, ["connect", "report", "google", "sheet"]);
        assert_eq!(stem("connecting"), "connect");
        assert_eq!(stem("access"), "access");
    }
}
