//! The one place that parses YAML, so the YAML crate can be swapped in one file.

use crate::diagnostic::Diagnostic;
use crate::location::Location;
use crate::suggest;
use serde::de::DeserializeOwned;
use std::path::Path;

/// Parse `src` as `T`. `line_offset` is added to reported lines (front matter starts below
/// the opening `---`). Unknown fields get a did-you-mean.
pub fn parse<T: DeserializeOwned>(
    src: &str,
    path: &Path,
    line_offset: usize,
) -> Result<T, Diagnostic> {
    serde_saphyr::from_str::<T>(src).map_err(|e| to_diagnostic(&e, src, path, line_offset))
}

/// Like [`parse`], but every unknown key is reported, not just the first: each one found is
/// blanked out (with the lines indented below it) and the text parsed again.
pub fn parse_all<T: DeserializeOwned>(
    src: &str,
    path: &Path,
    line_offset: usize,
) -> Result<T, Vec<Diagnostic>> {
    let mut text = std::borrow::Cow::Borrowed(src);
    let mut errors = Vec::new();
    // Bounded: a file cannot have more unknown keys than lines, and 100 is plenty to show.
    for _ in 0..100 {
        match serde_saphyr::from_str::<T>(&text) {
            Ok(value) if errors.is_empty() => return Ok(value),
            Ok(_) => return Err(errors),
            Err(e) => {
                let unknown = matches!(
                    e.without_snippet(),
                    serde_saphyr::Error::SerdeUnknownField { .. }
                );
                let line = e.without_snippet().location().map(|l| l.line() as usize);
                errors.push(to_diagnostic(&e, src, path, line_offset));
                match (unknown, line) {
                    (true, Some(line)) => text = std::borrow::Cow::Owned(blank_key(&text, line)),
                    _ => return Err(errors),
                }
            }
        }
    }
    Err(errors)
}

/// `text` with line `line` (1-based) and the lines indented deeper below it turned into
/// comments of the same length, so positions elsewhere stay put.
fn blank_key(text: &str, line: usize) -> String {
    let indent = |l: &str| l.len() - l.trim_start().len();
    let mut out = String::with_capacity(text.len());
    let mut key_indent = None;
    for (i, l) in text.split_inclusive('\n').enumerate() {
        let body = l.trim_end_matches(['\n', '\r']);
        let blank = match key_indent {
            None if i + 1 == line => {
                key_indent = Some(indent(body));
                true
            }
            Some(k) if i + 1 > line => {
                let inside = body.trim().is_empty() || indent(body) > k;
                if !inside {
                    key_indent = Some(usize::MAX);
                }
                inside && k != usize::MAX
            }
            _ => false,
        };
        if blank && !body.is_empty() {
            out.push('#');
            out.push_str(&" ".repeat(body.len() - 1));
            out.push_str(&l[body.len()..]);
        } else {
            out.push_str(l);
        }
    }
    out
}

fn to_diagnostic(
    e: &serde_saphyr::Error,
    src: &str,
    path: &Path,
    line_offset: usize,
) -> Diagnostic {
    let inner = e.without_snippet();
    let (line, col) = inner
        .location()
        .map_or((1, 1), |l| (l.line() as usize, l.column() as usize));
    let line_src = crate::location::line_text(src, line).unwrap_or("");
    let (message, help, span) = describe(inner, key_at(line_src, col));
    let mut diag = Diagnostic::error("yaml", message).span(span);
    if let Some(h) = help {
        diag = diag.help(h);
    }
    let line_text = crate::location::line_text(src, line)
        .unwrap_or("")
        .to_owned();
    let mut diag = diag.at_location(Location::new(path, line + line_offset, col.max(1)));
    diag.source_line = Some(line_text);
    diag
}

/// The key whose value starts before column `col` on a line (`  weight: [1` -> `weight`).
fn key_at(line: &str, col: usize) -> Option<&str> {
    let before: String = line.chars().take(col.saturating_sub(1)).collect();
    let (key, _) = before.rsplit_once(':')?;
    let key = key
        .trim()
        .trim_start_matches("- ")
        .trim()
        .trim_matches(['"', '\'']);
    let ok = !key.is_empty() && !key.contains([' ', ':', '[', '{', '#']);
    ok.then(|| {
        let start = line.find(key).unwrap_or(0);
        &line[start..start + key.len()]
    })
}

/// What a helpsite key holds, in words, for messages about a value of the wrong kind.
fn expected_for(key: &str) -> Option<&'static str> {
    Some(match key {
        "weight" | "min" | "max" | "concurrency" | "per_host" | "retries" => {
            "a whole number, like `2`"
        }
        "draft" | "fail_build" | "default_synonyms" => "`true` or `false`",
        "aliases" | "tags" => "a text or a list of texts, like `[a, b]`",
        "extra" | "checks" | "search" | "embed" | "rules" | "headers" | "external"
        | "description_length" => "a mapping (`name: value` lines indented below it)",
        "questions" => "a list of questions (`- question: ...` items)",
        "synonyms" | "accept" | "exclude" => "a list, like `[a, b]`",
        "title" | "description" | "faq" | "updated" | "intro" | "question" | "answer" | "id"
        | "base_url" | "language" | "theme" | "links" | "timeout" | "delay" | "cache_ttl" => {
            "a text"
        }
        _ => return None,
    })
}

fn describe(e: &serde_saphyr::Error, key: Option<&str>) -> (String, Option<String>, usize) {
    let text = e.to_string();
    let first = text.lines().next().unwrap_or("invalid YAML");
    if let Some(dup) = first
        .strip_prefix("duplicate mapping key: ")
        .map(|r| r.split(',').next().unwrap_or(r).trim())
    {
        return (
            format!("`{dup}` is given twice"),
            Some("keep one of the two".to_owned()),
            dup.chars().count().max(1),
        );
    }
    let wrong_kind = ["expected", "invalid", "untagged enum", "did not match"]
        .iter()
        .any(|w| first.contains(w))
        && !first.contains("unclosed")
        && !matches!(e, serde_saphyr::Error::SerdeUnknownField { .. });
    if let Some((key, expected)) = key
        .filter(|_| wrong_kind)
        .and_then(|k| expected_for(k).map(|e| (k, e)))
    {
        return (format!("`{key}` must be {expected}"), None, 1);
    }
    if let serde_saphyr::Error::SerdeUnknownField {
        field, expected, ..
    } = e
    {
        let help = match suggest::closest(field, expected.iter().copied()) {
            Some(s) => format!("did you mean `{s}`?"),
            None => format!("expected one of: {}", expected.join(", ")),
        };
        return (
            format!("unknown key `{field}`"),
            Some(help),
            field.chars().count(),
        );
    }
    // The crate's message may end with its own " at line X column Y"; we print our own.
    let first = first.split(" at line ").next().unwrap_or(first);
    let message = match key {
        Some(key) => format!("`{key}`: {first}"),
        None => first.to_owned(),
    };
    (message, None, 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Conf {
        title: String,
        weight: Option<i64>,
    }

    #[test]
    fn unknown_field_gets_location_and_suggestion() {
        let err = parse::<Conf>("title: a\nweigth: 3\n", Path::new("f.yaml"), 0).unwrap_err();
        assert_eq!(err.location, Some(Location::new("f.yaml", 2, 1)));
        assert!(err.message.contains("weigth"), "{}", err.message);
        assert_eq!(err.help.as_deref(), Some("did you mean `weight`?"));
    }

    #[test]
    fn syntax_error_is_located() {
        let err = parse::<Conf>("title: \"open\nweight: 1\n", Path::new("f.yaml"), 4).unwrap_err();
        let loc = err.location.unwrap();
        assert!(loc.line >= 5, "{loc}");
    }

    #[test]
    fn wrong_type_is_located() {
        let err = parse::<Conf>("title: a\nweight: heavy\n", Path::new("f.yaml"), 0).unwrap_err();
        assert_eq!(err.location.unwrap().line, 2, "{}", err.message);
    }

    #[test]
    fn wrong_kinds_say_what_the_key_takes() {
        let err = parse::<Conf>("title: a\nweight: heavy\n", Path::new("f.yaml"), 0).unwrap_err();
        assert_eq!(err.message, "`weight` must be a whole number, like `2`");
        let err = parse::<Conf>("title: a\ntitle: b\n", Path::new("f.yaml"), 0).unwrap_err();
        assert_eq!(err.message, "`title` is given twice");
        assert!(!err.message.contains("Policy"));
    }

    #[test]
    fn every_unknown_key_is_reported() {
        let errs = parse_all::<Conf>(
            "titel: a\nweigth: 3\n  nested: 1\ntitle: x\nother: 2\n",
            Path::new("f.yaml"),
            0,
        )
        .unwrap_err();
        let lines: Vec<usize> = errs
            .iter()
            .map(|e| e.location.as_ref().unwrap().line)
            .collect();
        assert_eq!(lines, [1, 2, 5], "{errs:?}");
    }
}
