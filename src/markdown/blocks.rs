//! Block pass: highlight fenced code with syntect and turn GitHub alerts into callouts.

use super::callout::{self, Fold};
use super::{Parsed, Spanned};
use crate::diagnostic::Diagnostic;
use crate::highlight::{Highlighted, Highlighter};
use crate::html::escape;
use pulldown_cmark::{BlockQuoteKind, CodeBlockKind, CowStr, Event, Tag, TagEnd};

pub(super) fn code_and_callouts<'a>(
    events: Vec<Spanned<'a>>,
    input: &Parsed,
    highlighter: &Highlighter,
    warnings: &mut Vec<Diagnostic>,
) -> Vec<Spanned<'a>> {
    let mut out = Vec::with_capacity(events.len());
    let mut code: Option<(String, String, std::ops::Range<usize>)> = None;
    for (event, range) in events {
        if let Some((lang, text, start)) = &mut code {
            match event {
                Event::Text(t) => text.push_str(&t),
                Event::End(TagEnd::CodeBlock) => {
                    let html = code_block(lang, text, start.start, input, highlighter, warnings);
                    out.push((Event::Html(CowStr::from(html)), start.clone()));
                    code = None;
                }
                _ => {}
            }
            continue;
        }
        match event {
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => info
                        .split(|c: char| c.is_whitespace() || c == ',' || c == '{')
                        .next()
                        .unwrap_or("")
                        .to_owned(),
                    CodeBlockKind::Indented => String::new(),
                };
                code = Some((lang, String::new(), range));
            }
            Event::Start(Tag::BlockQuote(Some(kind))) => {
                let (class, label) = alert(kind);
                let html = callout::open(class, Some(label), Fold::None);
                out.push((Event::Html(CowStr::from(html)), range));
            }
            Event::End(TagEnd::BlockQuote(Some(_))) => {
                let html = callout::close(Fold::None);
                out.push((Event::Html(CowStr::Borrowed(html)), range));
            }
            other => out.push((other, range)),
        }
    }
    out
}

fn alert(kind: BlockQuoteKind) -> (&'static str, &'static str) {
    match kind {
        BlockQuoteKind::Note => ("note", "Note"),
        BlockQuoteKind::Tip => ("tip", "Tip"),
        BlockQuoteKind::Important => ("important", "Important"),
        BlockQuoteKind::Warning => ("warning", "Warning"),
        BlockQuoteKind::Caution => ("caution", "Caution"),
    }
}

fn code_block(
    lang: &str,
    text: &str,
    offset: usize,
    input: &Parsed,
    highlighter: &Highlighter,
    warnings: &mut Vec<Diagnostic>,
) -> String {
    let class = if lang.is_empty() {
        String::new()
    } else {
        format!(" class=\"language-{}\"", escape(lang))
    };
    match highlighter.highlight(text, lang) {
        Highlighted::Html(spans) => {
            format!("<pre class=\"code hl\"><code{class}>{spans}</code></pre>\n")
        }
        Highlighted::Plain { known } => {
            if !known {
                let d = Diagnostic::warning(
                    "unknown-code-language",
                    format!("unknown code-block language `{lang}`: shown as plain text"),
                )
                .span(3 + lang.chars().count())
                .help("use a common name such as `bash`, `json`, `python` or `text`");
                warnings.push(input.diagnostic_at(d, offset));
            }
            format!(
                "<pre class=\"code\"><code{class}>{}</code></pre>\n",
                escape(text)
            )
        }
    }
}
