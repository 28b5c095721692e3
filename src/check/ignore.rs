//! Silencing one spot: `<!-- helpsite-ignore: rule-id -->` (or `# helpsite-ignore: rule-id` in
//! YAML) on the finding's line or the line before it. Without rule ids, every rule is silenced.

use crate::diagnostic::Diagnostic;
use crate::location::line_text;
use std::collections::HashMap;
use std::path::Path;

const MARK: &str = "helpsite-ignore";

/// Whether `d` is silenced by a comment in `sources` (file texts by shown path).
pub fn silenced(d: &Diagnostic, sources: &HashMap<&Path, &str>) -> bool {
    let Some(loc) = &d.location else {
        return false;
    };
    let Some(src) = sources.get(loc.path.as_path()) else {
        return false;
    };
    let lines = [Some(loc.line), loc.line.checked_sub(1)];
    lines
        .into_iter()
        .flatten()
        .filter_map(|l| line_text(src, l))
        .any(|text| names_rule(text, d.rule))
}

/// Whether `line` holds an ignore comment that covers `rule`.
fn names_rule(line: &str, rule: &str) -> bool {
    let mut rest = line;
    while let Some(i) = rest.find(MARK) {
        let after = &rest[i + MARK.len()..];
        let list = after.strip_prefix(':').unwrap_or(after);
        let list = list.split("-->").next().unwrap_or("");
        let ids: Vec<&str> = list
            .split([',', ' ', '\t'])
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect();
        if !after.starts_with('-') && (ids.is_empty() || ids.contains(&rule)) {
            return true;
        }
        rest = after;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::names_rule;

    #[test]
    fn comments_name_rules_or_all() {
        assert!(names_rule(
            "<!-- helpsite-ignore: nbsp-entity -->",
            "nbsp-entity"
        ));
        assert!(names_rule(
            "text <!-- helpsite-ignore: a, nbsp-entity -->",
            "nbsp-entity"
        ));
        assert!(!names_rule(
            "<!-- helpsite-ignore: broken-link -->",
            "nbsp-entity"
        ));
        assert!(names_rule("<!-- helpsite-ignore -->", "anything"));
        assert!(names_rule(
            "  # helpsite-ignore: description-length",
            "description-length"
        ));
        assert!(!names_rule("plain text", "x"));
    }
}
