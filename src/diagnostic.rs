//! Findings and errors as data: severity, rule, location, message, help; formatted at the edge.

use crate::location::{Location, line_text};
use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use serde::Serialize;
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing, never a fault (rules that are off unless asked for).
    Info,
    Warning,
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

/// One problem found in the input: what, where, and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Stable rule id, e.g. `yaml`, `front-matter-unknown-key`, `broken-link`.
    pub rule: &'static str,
    pub message: String,
    pub location: Option<Location>,
    /// The source line the location points at, kept so the finding can be shown later
    /// without reading the file again.
    pub source_line: Option<String>,
    /// Length in characters of the span to underline (at least 1).
    pub span_len: usize,
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn error(rule: &'static str, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            rule,
            message: message.into(),
            location: None,
            source_line: None,
            span_len: 1,
            help: None,
        }
    }

    pub fn warning(rule: &'static str, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(rule, message)
        }
    }

    pub fn info(rule: &'static str, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Info,
            ..Diagnostic::error(rule, message)
        }
    }

    /// Attach a location and remember its source line from `src` (the whole file).
    pub fn at(mut self, location: Location, src: &str) -> Self {
        self.source_line = line_text(src, location.line).map(str::to_owned);
        self.location = Some(location);
        self
    }

    /// Attach a location without a source line (when the file text is not at hand).
    pub fn at_location(mut self, location: Location) -> Self {
        self.location = Some(location);
        self
    }

    pub fn span(mut self, chars: usize) -> Self {
        self.span_len = chars.max(1);
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// rustc-style text with the source line and a caret; `color` for a terminal.
    pub fn render(&self, color: bool) -> String {
        let level = match self.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
            Severity::Info => Level::INFO,
        };
        let renderer = if color {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        let path_text = self.location.as_ref().map(|l| l.path.display().to_string());
        let title = level.primary_title(self.message.as_str()).id(self.rule);
        let snippet = match (&self.location, &self.source_line, &path_text) {
            (Some(loc), Some(line), Some(path)) => {
                let start = byte_of_char(line, loc.col.saturating_sub(1));
                let end = byte_of_char(line, loc.col.saturating_sub(1) + self.span_len).max(start);
                Some(
                    Snippet::source(line.as_str())
                        .line_start(loc.line)
                        .path(path.as_str())
                        .annotation(AnnotationKind::Primary.span(start..end)),
                )
            }
            _ => None,
        };
        let has_snippet = snippet.is_some();
        let mut group = match snippet {
            Some(s) => title.element(s),
            None => Group::with_title(title),
        };
        if let Some(h) = self.help.as_deref() {
            group = group.element(Level::HELP.message(h));
        }
        let mut out = renderer.render(&[group]);
        if let (false, Some(loc)) = (has_snippet, &self.location) {
            out = format!("{out}\n  --> {loc}");
        }
        if !out.ends_with('\n') {
            out.push('\n');
        }
        out
    }
}

fn byte_of_char(s: &str, chars: usize) -> usize {
    s.char_indices().nth(chars).map_or(s.len(), |(i, _)| i)
}

impl fmt::Display for Diagnostic {
    /// One line: `path:line:col: severity[rule]: message (help)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(loc) = &self.location {
            write!(f, "{loc}: ")?;
        }
        write!(f, "{}[{}]: {}", self.severity, self.rule, self.message)?;
        if let Some(help) = &self.help {
            write!(f, " (help: {help})")?;
        }
        Ok(())
    }
}

/// Sort findings by file, position, then rule, so output is stable.
pub fn sort(diags: &mut [Diagnostic]) {
    diags.sort_by(|a, b| (&a.location, a.rule, &a.message).cmp(&(&b.location, b.rule, &b.message)));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_path_line_col_caret_and_help() {
        let src = "title: x\ntitel: y\n";
        let d = Diagnostic::error("config-unknown-key", "unknown key `titel`")
            .at(Location::new("helpsite.yaml", 2, 1), src)
            .span(5)
            .help("did you mean `title`?");
        let text = d.render(false);
        assert!(text.contains("helpsite.yaml:2:1"), "{text}");
        assert!(text.contains("titel: y"), "{text}");
        assert!(text.contains("^^^^^"), "{text}");
        assert!(text.contains("did you mean `title`?"), "{text}");
        assert_eq!(
            d.to_string(),
            "helpsite.yaml:2:1: error[config-unknown-key]: unknown key `titel` (help: did you mean `title`?)"
        );
    }
}
