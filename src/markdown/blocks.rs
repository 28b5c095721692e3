//! Block pass: highlight fenced code with syntect (title, line numbers and marked lines from
//! the info string), leave `mermaid` blocks to be drawn when the site draws diagrams, and turn
//! GitHub alerts into callouts.

use super::callout::{self, Fold};
use super::{Labels, Parsed, Rendered, Spanned, diagram};
use crate::diagnostic::Diagnostic;
use crate::highlight::fence::{self, FenceOptions};
use crate::highlight::{Highlighted, Highlighter};
use crate::html::escape;
use pulldown_cmark::{BlockQuoteKind, CodeBlockKind, CowStr, Event, Tag, TagEnd};

/// `diagrams`: `mermaid` blocks become diagrams (and `out.diagrams` says there are some)
/// instead of code. Findings go to `out.warnings`.
pub(super) fn code_and_callouts<'a>(
    events: Vec<Spanned<'a>>,
    input: &Parsed,
    highlighter: &Highlighter,
    diagrams: bool,
    rendered: &mut Rendered,
) -> Vec<Spanned<'a>> {
    let mut out = Vec::with_capacity(events.len());
    let mut code: Option<(FenceOptions, String, std::ops::Range<usize>)> = None;
    for (event, range) in events {
        if let Some((options, text, start)) = &mut code {
            match event {
                Event::Text(t) => text.push_str(&t),
                Event::End(TagEnd::CodeBlock) if diagrams && options.lang == "mermaid" => {
                    rendered.diagrams = true;
                    out.push((
                        Event::Html(CowStr::from(diagram::html(text, input.input.labels))),
                        start.clone(),
                    ));
                    code = None;
                }
                Event::End(TagEnd::CodeBlock) => {
                    let warnings = &mut rendered.warnings;
                    let html = code_block(options, text, start.start, input, highlighter, warnings);
                    out.push((Event::Html(CowStr::from(html)), start.clone()));
                    code = None;
                }
                _ => {}
            }
            continue;
        }
        match event {
            Event::Start(Tag::CodeBlock(kind)) => {
                let options = match kind {
                    CodeBlockKind::Fenced(info) => FenceOptions::parse(&info),
                    CodeBlockKind::Indented => FenceOptions::default(),
                };
                code = Some((options, String::new(), range));
            }
            Event::Start(Tag::BlockQuote(Some(kind))) => {
                let (class, label) = alert(kind, input.input.labels);
                let html = callout::open(class, Some(&escape(label)), Fold::None);
                out.push((Event::Html(CowStr::from(html)), range));
            }
            Event::End(TagEnd::BlockQuote(Some(_))) => {
                let html = callout::close(Fold::None);
                out.push((Event::Html(CowStr::Borrowed(html)), range));
            }
            // A task's checkbox names its state, so screen readers (and axe) have a label.
            Event::TaskListMarker(done) => {
                let labels = input.input.labels;
                let html = if done {
                    format!(
                        "<input type=\"checkbox\" disabled checked aria-label=\"{}\">",
                        escape(&labels.task_done)
                    )
                } else {
                    format!(
                        "<input type=\"checkbox\" disabled aria-label=\"{}\">",
                        escape(&labels.task_not_done)
                    )
                };
                out.push((Event::InlineHtml(CowStr::from(html)), range));
            }
            other => out.push((other, range)),
        }
    }
    out
}

fn alert(kind: BlockQuoteKind, labels: &Labels) -> (&'static str, &str) {
    match kind {
        BlockQuoteKind::Note => ("note", &labels.note),
        BlockQuoteKind::Tip => ("tip", &labels.tip),
        BlockQuoteKind::Important => ("important", &labels.important),
        BlockQuoteKind::Warning => ("warning", &labels.warning),
        BlockQuoteKind::Caution => ("caution", &labels.caution),
    }
}

fn code_block(
    options: &FenceOptions,
    text: &str,
    offset: usize,
    input: &Parsed,
    highlighter: &Highlighter,
    warnings: &mut Vec<Diagnostic>,
) -> String {
    let lang = options.lang.as_str();
    let class = if lang.is_empty() {
        String::new()
    } else {
        format!(" class=\"language-{}\"", escape(lang))
    };
    let (pre_class, inner) = match highlighter.highlight(text, lang) {
        Highlighted::Html(spans) => ("code hl", spans),
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
            ("code", escape(text))
        }
    };
    let (extra, inner) = if options.wraps_lines() {
        let numbered = if options.first_line.is_some() {
            " linenums"
        } else {
            ""
        };
        (numbered, options.wrap_lines(&inner))
    } else {
        ("", inner)
    };
    let pre = format!("<pre class=\"{pre_class}{extra}\"><code{class}>{inner}</code></pre>");
    match &options.title {
        Some(_) => format!(
            "<div class=\"code-block\">{}{pre}</div>\n",
            fence::title_bar(options)
        ),
        None => format!("{pre}\n"),
    }
}
