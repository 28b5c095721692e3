//! Heading rules: levels that skip (h2 -> h4) and the same heading twice on one page.

use crate::diagnostic::Diagnostic;
use crate::markdown::HeadingFact;
use crate::rules::{DUPLICATE_HEADING, HEADING_SKIP};
use std::collections::HashMap;

/// `src` is the page's file text. The page title is the `h1` the body's headings follow.
pub fn check(headings: &[HeadingFact], src: &str, out: &mut Vec<Diagnostic>) {
    let mut prev = 1;
    let mut seen: HashMap<String, usize> = HashMap::new();
    for h in headings {
        if h.level > prev + 1 {
            out.push(
                Diagnostic::warning(
                    HEADING_SKIP,
                    format!("heading level jumps from h{prev} to h{}", h.level),
                )
                .at(h.location.clone(), src)
                .span(h.span)
                .help(format!(
                    "make it h{} (`{}`)",
                    prev + 1,
                    "#".repeat(usize::from(prev) + 1)
                )),
            );
        }
        prev = h.level;
        let key = h.text.to_lowercase();
        if key.is_empty() {
            continue;
        }
        match seen.get(&key) {
            Some(first) => out.push(
                Diagnostic::warning(DUPLICATE_HEADING, format!("duplicate heading `{}`", h.text))
                    .at(h.location.clone(), src)
                    .span(h.span)
                    .help(format!(
                        "the same heading is on line {first}; reword one so the table of contents and links can tell them apart"
                    )),
            ),
            None => {
                seen.insert(key, h.location.line);
            }
        }
    }
}
