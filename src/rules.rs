//! The check rules: id, default level and a one-line summary. Config validation, the checker
//! and the README all read this one table.

use serde::Deserialize;

/// How a rule's findings are reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Error,
    Warning,
    Info,
    Off,
}

/// One rule of `helpsite check`.
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    pub id: &'static str,
    pub level: Level,
    pub summary: &'static str,
}

const fn rule(id: &'static str, level: Level, summary: &'static str) -> Rule {
    Rule { id, level, summary }
}

pub const BROKEN_LINK: &str = "broken-link";
pub const BROKEN_ANCHOR: &str = "broken-anchor";
pub const EXTERNAL_BROKEN: &str = "external-broken";
pub const EXTERNAL_REDIRECT: &str = "external-redirect";
pub const EXTERNAL_RATE_LIMITED: &str = "external-rate-limited";
pub const EXTERNAL_FRAGMENT: &str = "external-fragment";
pub const HTTP_LINK: &str = "http-link";
pub const INVISIBLE_CHARACTER: &str = "invisible-character";
pub const NBSP_ENTITY: &str = "nbsp-entity";
pub const EMPTY_PARAGRAPH: &str = "empty-paragraph";
pub const HEADING_SKIP: &str = "heading-skip";
pub const DUPLICATE_HEADING: &str = "duplicate-heading";
pub const DESCRIPTION_MISSING: &str = "description-missing";
pub const DESCRIPTION_LENGTH: &str = "description-length";
pub const DESCRIPTION_OFF_TOPIC: &str = "description-off-topic";
pub const IMAGE_ALT: &str = "image-alt";
pub const LINK_TEXT: &str = "link-text";
pub const ORPHAN_PAGE: &str = "orphan-page";
pub const FAQ_DUPLICATE_QUESTION: &str = "faq-duplicate-question";
pub const FAQ_EMPTY_ANSWER: &str = "faq-empty-answer";
pub const FRONT_MATTER_UNKNOWN_KEY: &str = "front-matter-unknown-key";
pub const UNKNOWN_CODE_LANGUAGE: &str = "unknown-code-language";
pub const DIAGRAM_LIBRARY_MISSING: &str = "diagram-library-missing";
pub const FRONT_MATTER_THEMATIC_BREAK: &str = "front-matter-thematic-break";
pub const UNSUPPORTED_MARKDOWN: &str = "unsupported-markdown";
pub const INVALID_JSON_LD: &str = "invalid-json-ld";
pub const MISSING_TRANSLATION: &str = "missing-translation";

/// Every rule, in the order the README lists them.
pub const RULES: &[Rule] = &[
    rule(
        BROKEN_LINK,
        Level::Error,
        "an internal link or image whose page, FAQ group or file does not exist, or that leaves the site root",
    ),
    rule(
        BROKEN_ANCHOR,
        Level::Error,
        "a `#fragment` that matches no id on the target page",
    ),
    rule(
        EXTERNAL_BROKEN,
        Level::Error,
        "an external link that answers 4xx/5xx, times out, loops or cannot connect (`--external`)",
    ),
    rule(
        EXTERNAL_REDIRECT,
        Level::Warning,
        "an external link that is permanently redirected: use the new URL (`--external`)",
    ),
    rule(
        EXTERNAL_RATE_LIMITED,
        Level::Warning,
        "an external host kept answering 429 Too Many Requests (`--external`)",
    ),
    rule(
        EXTERNAL_FRAGMENT,
        Level::Warning,
        "an external link whose `#fragment` matches no id or `<a name>` in its HTML page (`--external`)",
    ),
    rule(
        HTTP_LINK,
        Level::Warning,
        "an `http://` link whose host is known to serve `https://`",
    ),
    rule(
        INVISIBLE_CHARACTER,
        Level::Error,
        "zero-width spaces, soft hyphens and other invisible characters",
    ),
    rule(NBSP_ENTITY, Level::Warning, "`&nbsp;` entities in prose"),
    rule(
        EMPTY_PARAGRAPH,
        Level::Error,
        "a paragraph with no visible text",
    ),
    rule(
        HEADING_SKIP,
        Level::Warning,
        "a heading that skips a level (h2 -> h4)",
    ),
    rule(
        DUPLICATE_HEADING,
        Level::Warning,
        "two headings with the same text on one page",
    ),
    rule(
        DESCRIPTION_MISSING,
        Level::Warning,
        "a page without a description",
    ),
    rule(
        DESCRIPTION_LENGTH,
        Level::Warning,
        "a description that is too short or too long for search results",
    ),
    rule(
        DESCRIPTION_OFF_TOPIC,
        Level::Error,
        "a description that shares no meaningful word with the page's title and text",
    ),
    rule(IMAGE_ALT, Level::Warning, "an image without alt text"),
    rule(
        LINK_TEXT,
        Level::Warning,
        "a link with empty or meaningless text (\"click here\")",
    ),
    rule(
        ORPHAN_PAGE,
        Level::Warning,
        "a page that no other page links to, navigation included",
    ),
    rule(
        FAQ_DUPLICATE_QUESTION,
        Level::Error,
        "the same FAQ question asked twice",
    ),
    rule(
        FAQ_EMPTY_ANSWER,
        Level::Error,
        "an FAQ answer with no visible text",
    ),
    rule(
        FRONT_MATTER_UNKNOWN_KEY,
        Level::Warning,
        "a front-matter key helpsite does not know (did-you-mean)",
    ),
    rule(
        UNKNOWN_CODE_LANGUAGE,
        Level::Warning,
        "a fenced code block in a language the highlighter does not know",
    ),
    rule(
        DIAGRAM_LIBRARY_MISSING,
        Level::Warning,
        "`mermaid: true` without `static/mermaid.min.js` or a `url`: diagrams are shown as code",
    ),
    rule(
        FRONT_MATTER_THEMATIC_BREAK,
        Level::Warning,
        "a first line `---` that opens no front matter, read as a thematic break",
    ),
    rule(
        UNSUPPORTED_MARKDOWN,
        Level::Warning,
        "Markdown syntax of another tool that helpsite does not render (e.g. `--8<--` snippets)",
    ),
    rule(
        INVALID_JSON_LD,
        Level::Error,
        "an `application/ld+json` script block in the output that does not parse as JSON",
    ),
    rule(
        MISSING_TRANSLATION,
        Level::Off,
        "a page with no version in one of the site's other languages (`languages:`)",
    ),
];

/// The rule with `id`, if there is one.
pub fn find(id: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_findable() {
        let mut ids: Vec<&str> = RULES.iter().map(|r| r.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), RULES.len());
        assert_eq!(find("broken-link").map(|r| r.level), Some(Level::Error));
        assert!(find("nope").is_none());
    }
}
