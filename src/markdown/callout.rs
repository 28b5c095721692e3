//! The one callout component: GitHub alerts (`> [!NOTE]`), MkDocs admonitions (`!!! note`,
//! collapsible `??? note`) and Docusaurus admonitions (`:::note`) all become this HTML, so
//! they look and behave the same and the theme styles one thing.

use crate::html::escape;

/// How a callout folds: always open, or a `<details>` that starts closed or open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Fold {
    None,
    Closed,
    Open,
}

/// The theme's five callout styles, and the words other tools use for each.
const FAMILIES: &[(&str, &[&str])] = &[
    (
        "note",
        &[
            "note",
            "info",
            "todo",
            "abstract",
            "summary",
            "tldr",
            "seealso",
            "quote",
            "cite",
            "example",
            "secondary",
            "question",
            "help",
            "faq",
        ],
    ),
    ("tip", &["tip", "hint", "success", "check", "done"]),
    ("important", &["important"]),
    ("warning", &["warning", "attention", "bug"]),
    (
        "caution",
        &["caution", "danger", "error", "failure", "fail", "missing"],
    ),
];

/// The style for a type word as authors write it (`note`, `danger`, `hint`, ...); unknown
/// words look like notes.
pub(super) fn family(kind: &str) -> &'static str {
    let kind = kind.to_ascii_lowercase();
    FAMILIES
        .iter()
        .find(|(_, words)| words.contains(&kind.as_str()))
        .map_or("note", |(family, _)| family)
}

/// Whether `kind` names a callout type (`note`, `danger`, `hint`, ...).
pub(super) fn is_kind(kind: &str) -> bool {
    let kind = kind.to_ascii_lowercase();
    FAMILIES
        .iter()
        .any(|(_, words)| words.contains(&kind.as_str()))
}

/// The default title for a type word: `danger` -> `Danger`, `see-also` -> `See also`.
pub(super) fn default_title(kind: &str) -> String {
    let words = kind.replace(['-', '_'], " ");
    let mut chars = words.chars();
    match chars.next() {
        Some(c) => c
            .to_uppercase()
            .chain(chars.map(|c| c.to_ascii_lowercase()))
            .collect(),
        None => String::new(),
    }
}

/// Title text as HTML: escaped, with `code spans` kept.
pub(super) fn title_html(title: &str) -> String {
    let ticks = title.matches('`').count();
    if ticks == 0 || ticks % 2 == 1 {
        return escape(title);
    }
    let mut out = String::new();
    for (i, part) in title.split('`').enumerate() {
        if i % 2 == 1 {
            out.push_str("<code>");
            out.push_str(&escape(part));
            out.push_str("</code>");
        } else {
            out.push_str(&escape(part));
        }
    }
    out
}

/// The opening HTML of a callout of style `family`. `title` is HTML; `None` leaves out the
/// title bar (not possible when folded: a `<summary>` is the only way to open it).
pub(super) fn open(family: &str, title: Option<&str>, fold: Fold) -> String {
    match fold {
        Fold::None => match title {
            Some(t) => format!(
                "<div class=\"callout callout-{family}\" role=\"note\"><p class=\"callout-title\">{t}</p>\n"
            ),
            None => format!("<div class=\"callout callout-{family}\" role=\"note\">\n"),
        },
        Fold::Closed | Fold::Open => {
            let open = if fold == Fold::Open { " open" } else { "" };
            let t = title.unwrap_or("Details");
            format!(
                "<details class=\"callout callout-{family}\"{open}><summary class=\"callout-title\">{t}</summary>\n"
            )
        }
    }
}

/// The closing HTML matching [`open`].
pub(super) fn close(fold: Fold) -> &'static str {
    match fold {
        Fold::None => "</div>\n",
        Fold::Closed | Fold::Open => "</details>\n",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn families_and_titles() {
        assert_eq!(family("danger"), "caution");
        assert_eq!(family("Hint"), "tip");
        assert_eq!(family("my-own"), "note");
        assert_eq!(default_title("see-also"), "See also");
        assert_eq!(title_html("Use `a<b` now"), "Use <code>a&lt;b</code> now");
        assert_eq!(title_html("a ` b"), "a ` b");
    }
}
