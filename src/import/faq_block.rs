//! FAQ blocks of the two big SEO plugins, taken out of the post body: Rank Math
//! (`#rank-math-faq`, `.wp-block-rank-math-faq-block`, `.rank-math-question`/`-answer`) and
//! Yoast (`.schema-faq`, `.wp-block-yoast-faq-block`, `.schema-faq-question`/`-answer`).

use super::dom;
use super::repairs::{Repair, Repairs};
use markup5ever_rcdom::Handle;
use std::rc::Rc;

/// One question with its answer (an element to convert to Markdown).
pub struct FaqItem {
    pub question: String,
    pub answer: Handle,
    /// The question's id in the WordPress page (`faq-question-…`), for in-page links.
    pub old_ids: Vec<String>,
}

/// Everything found in one post's FAQ blocks.
#[derive(Default)]
pub struct FaqBlocks {
    /// The text of a heading like "FAQs" that stood right above the block.
    pub heading: Option<String>,
    pub items: Vec<FaqItem>,
    /// Questions whose answer was empty, left out.
    pub unanswered: Vec<String>,
}

struct Plugin {
    block: &'static [&'static str],
    question: &'static str,
    answer: &'static str,
}

const PLUGINS: &[Plugin] = &[
    Plugin {
        block: &["rank-math-faq", "wp-block-rank-math-faq-block"],
        question: "rank-math-question",
        answer: "rank-math-answer",
    },
    Plugin {
        block: &["schema-faq", "wp-block-yoast-faq-block"],
        question: "schema-faq-question",
        answer: "schema-faq-answer",
    },
];

/// Take every FAQ block out of `body`, with the "FAQ" heading just above it.
pub fn extract(body: &Handle, repairs: &mut Repairs) -> FaqBlocks {
    let mut found = FaqBlocks::default();
    for plugin in PLUGINS {
        let blocks: Vec<Handle> = dom::elements(body)
            .into_iter()
            .filter(|e| is_block(e, plugin))
            .collect();
        for block in blocks.iter().filter(|b| !has_ancestor_in(b, &blocks)) {
            take_block(block, plugin, &mut found, repairs);
        }
    }
    found
}

fn is_block(el: &Handle, plugin: &Plugin) -> bool {
    plugin
        .block
        .iter()
        .any(|b| dom::attr(el, "id").as_deref() == Some(*b) || dom::has_class(el, b))
}

fn has_ancestor_in(el: &Handle, blocks: &[Handle]) -> bool {
    let mut cur = dom::parent(el);
    while let Some(p) = cur {
        if blocks.iter().any(|b| Rc::ptr_eq(b, &p)) {
            return true;
        }
        cur = dom::parent(&p);
    }
    false
}

fn take_block(block: &Handle, plugin: &Plugin, found: &mut FaqBlocks, repairs: &mut Repairs) {
    let parts: Vec<Handle> = dom::elements(block)
        .into_iter()
        .filter(|e| dom::has_class(e, plugin.question) || dom::has_class(e, plugin.answer))
        .collect();
    let mut i = 0;
    while i < parts.len() {
        if !dom::has_class(&parts[i], plugin.question) {
            i += 1;
            continue;
        }
        let q = parts[i].clone();
        let question = dom::squashed_text(&q);
        let answer = parts
            .get(i + 1)
            .filter(|a| dom::has_class(a, plugin.answer))
            .cloned();
        i += if answer.is_some() { 2 } else { 1 };
        if question.is_empty() {
            continue;
        }
        match answer.filter(|a| !dom::text(a).trim().is_empty() || has_media(a)) {
            Some(answer) => {
                dom::detach(&answer);
                found.items.push(FaqItem {
                    old_ids: ids_around(&q, block),
                    question,
                    answer,
                });
                repairs.add(Repair::FaqQuestion, 1);
            }
            None => found.unanswered.push(question),
        }
    }
    if let Some(h) = heading_above(block) {
        found.heading.get_or_insert(h.0);
        dom::detach(&h.1);
        repairs.add(Repair::FaqHeading, 1);
    }
    dom::detach(block);
}

fn has_media(el: &Handle) -> bool {
    dom::elements(el).iter().any(|e| dom::is(e, &["img", "a"]))
}

/// Ids of the question element and its ancestors up to the block: WordPress puts the
/// anchor (`faq-question-…`) on the item wrapper.
fn ids_around(question: &Handle, block: &Handle) -> Vec<String> {
    let mut ids = Vec::new();
    let mut cur = Some(question.clone());
    while let Some(el) = cur {
        if Rc::ptr_eq(&el, block) {
            break;
        }
        ids.extend(dom::attr(&el, "id"));
        cur = dom::parent(&el);
    }
    ids
}

/// A heading such as "FAQs" or "Frequently Asked Questions" right above the block (or
/// above the wrapper the block is alone in).
fn heading_above(block: &Handle) -> Option<(String, Handle)> {
    let mut el = block.clone();
    loop {
        let parent = dom::parent(&el)?;
        let siblings: Vec<Handle> = dom::children(&parent)
            .into_iter()
            .filter(|c| dom::tag(c).is_some() || !dom::text(c).trim().is_empty())
            .collect();
        let at = siblings.iter().position(|s| Rc::ptr_eq(s, &el))?;
        if at > 0 {
            let prev = &siblings[at - 1];
            let text = dom::squashed_text(prev);
            return (dom::is(prev, &["h2", "h3", "h4", "h5", "h6"]) && is_faq_title(&text))
                .then(|| (text.trim_end_matches(':').trim().to_owned(), prev.clone()));
        }
        if dom::is(&parent, &["body"]) {
            return None;
        }
        el = parent;
    }
}

fn is_faq_title(text: &str) -> bool {
    let t = text.to_lowercase();
    let t = t.trim_start_matches(|c: char| !c.is_alphanumeric());
    t.starts_with("faq") || t.starts_with("frequently asked")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(html: &str) -> (Handle, Handle) {
        let doc = htmd::HtmlToMarkdown::new().html_to_tree(html).unwrap();
        let body = dom::body(&doc);
        (doc, body)
    }

    #[test]
    fn rank_math_block_and_heading_are_taken_out() {
        let (_doc, b) = parse(
            r#"<p>Intro</p><h2>FAQs</h2><div id="rank-math-faq" class="rank-math-block"><div class="rank-math-list">
            <div id="faq-question-1" class="rank-math-list-item"><h3 class="rank-math-question">Why?</h3>
            <div class="rank-math-answer"><p>Because.</p></div></div>
            <div id="faq-question-2" class="rank-math-list-item"><h3 class="rank-math-question">Empty?</h3>
            <div class="rank-math-answer"><p> </p></div></div></div></div>"#,
        );
        let mut repairs = Repairs::default();
        let faq = extract(&b, &mut repairs);
        assert_eq!(faq.heading.as_deref(), Some("FAQs"));
        assert_eq!(faq.items.len(), 1);
        assert_eq!(faq.items[0].question, "Why?");
        assert_eq!(faq.items[0].old_ids, vec!["faq-question-1"]);
        assert_eq!(dom::squashed_text(&faq.items[0].answer), "Because.");
        assert_eq!(faq.unanswered, vec!["Empty?"]);
        assert_eq!(dom::squashed_text(&b), "Intro");
        assert_eq!(repairs.count(Repair::FaqHeading), 1);
    }

    #[test]
    fn yoast_block() {
        let (_doc, b) = parse(
            r#"<div class="schema-faq wp-block-yoast-faq-block"><div class="schema-faq-section" id="faq-question-9">
            <strong class="schema-faq-question">Is it <em>free</em>?</strong> <p class="schema-faq-answer">Yes, <a href="/p">see</a>.</p></div></div><p>After</p>"#,
        );
        let faq = extract(&b, &mut Repairs::default());
        assert_eq!(faq.items[0].question, "Is it free?");
        assert_eq!(faq.items[0].old_ids, vec!["faq-question-9"]);
        assert!(faq.heading.is_none());
        assert_eq!(dom::squashed_text(&b), "After");
    }
}
