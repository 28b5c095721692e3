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
    let (message, help, span) = describe(inner);
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

fn describe(e: &serde_saphyr::Error) -> (String, Option<String>, usize) {
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
    let text = e.to_string();
    // The crate's message may end with its own " at line X column Y"; we print our own.
    let text = match text.find(" at line ") {
        Some(i) => text[..i].to_owned(),
        None => text,
    };
    (
        text.lines().next().unwrap_or("invalid YAML").to_owned(),
        None,
        1,
    )
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
}
