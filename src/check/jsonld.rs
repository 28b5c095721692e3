//! `invalid-json-ld`: every `<script type="application/ld+json">` block in the output must
//! parse as JSON, or search engines drop the page's structured data without a word. A block
//! written in a page's source is reported there; one a template wrote, at the template line,
//! naming the output file.

use crate::check::Context;
use crate::diagnostic::Diagnostic;
use crate::location::Location;
use crate::output::Content;
use crate::rules;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::ops::Range;

/// One structured-data block that does not parse.
struct Broken<'a> {
    output: &'a str,
    /// The block's text (between the tags).
    body: &'a str,
    /// The parser's complaint, and the byte offset in `body` it points at.
    error: String,
    at: usize,
}

/// Check every HTML output; findings at one place are reported once, with a count.
pub fn run(ctx: &Context) -> Vec<Diagnostic> {
    let broken: Vec<Broken> = ctx
        .build
        .outputs
        .par_iter()
        .flat_map_iter(|(path, content)| match content {
            Content::Bytes(bytes) if path.ends_with(".html") => broken_blocks(path, bytes),
            _ => Vec::new(),
        })
        .collect();
    let mut by_place: BTreeMap<Location, (Diagnostic, usize)> = BTreeMap::new();
    for b in &broken {
        let d = diagnose(ctx, b);
        let Some(loc) = d.location.clone() else {
            continue;
        };
        by_place.entry(loc).or_insert((d, 0)).1 += 1;
    }
    by_place
        .into_values()
        .map(|(mut d, n)| {
            if n > 1 {
                d.message
                    .push_str(&format!(" (and in {} more outputs)", n - 1));
            }
            d
        })
        .collect()
}

/// The structured-data blocks of one output that are not JSON.
fn broken_blocks<'a>(output: &'a str, bytes: &'a [u8]) -> Vec<Broken<'a>> {
    // Most pages have no block: skip them without decoding.
    let finder = |n: &[u8]| memchr::memmem::find(bytes, n).is_some();
    if !finder(b"+json") && !finder(b"+JSON") {
        return Vec::new();
    }
    let Ok(html) = std::str::from_utf8(bytes) else {
        return Vec::new();
    };
    blocks(html)
        .into_iter()
        .filter_map(|r| {
            let body = &html[r];
            let e = serde_json::from_str::<serde::de::IgnoredAny>(body).err()?;
            Some(Broken {
                output,
                body,
                error: message(&e),
                at: offset_of(body, e.line(), e.column()),
            })
        })
        .collect()
}

/// The byte ranges of the text of every `<script type="application/ld+json">` in `html`
/// (comments skipped, tag and type matched without regard to case).
fn blocks(html: &str) -> Vec<Range<usize>> {
    let lower = html.to_ascii_lowercase();
    let mut out = Vec::new();
    let mut pos = 0;
    while let Some(i) = lower[pos..].find('<').map(|i| pos + i) {
        let rest = &lower[i..];
        if rest.starts_with("<!--") {
            pos = rest.find("-->").map_or(html.len(), |e| i + e + 3);
            continue;
        }
        pos = i + 1;
        let after = rest.as_bytes().get(7).copied();
        if !rest.starts_with("<script") || !after.is_some_and(|b| b == b'>' || is_space(b)) {
            continue;
        }
        let Some(tag_end) = tag_end(&lower, i) else {
            break;
        };
        let close = lower[tag_end..]
            .find("</script")
            .map_or(html.len(), |e| tag_end + e);
        if attr(&lower[i + 7..tag_end - 1], "type").map(str::trim) == Some("application/ld+json") {
            out.push(tag_end..close);
        }
        pos = close;
    }
    out
}

/// The position after the `>` that ends the start tag at `start`, past quoted values.
fn tag_end(html: &str, start: usize) -> Option<usize> {
    let mut quote = None;
    for (i, b) in html.bytes().enumerate().skip(start) {
        match (quote, b) {
            (Some(q), _) if b == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(b),
            (None, b'>') => return Some(i + 1),
            _ => {}
        }
    }
    None
}

/// The value of attribute `name` in a start tag's attribute text.
fn attr<'a>(attrs: &'a str, name: &str) -> Option<&'a str> {
    let mut rest = attrs.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == '/');
    while !rest.is_empty() {
        let name_end = rest
            .find(|c: char| c.is_ascii_whitespace() || c == '=' || c == '/')
            .unwrap_or(rest.len());
        let (key, after) = rest.split_at(name_end);
        let after = after.trim_start();
        let (value, next) = match after.strip_prefix('=') {
            Some(v) => value_of(v.trim_start()),
            None => ("", after),
        };
        if key == name {
            return Some(value);
        }
        rest = next.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == '/');
    }
    None
}

/// An attribute value (quoted or not) and the text after it.
fn value_of(s: &str) -> (&str, &str) {
    match s.chars().next() {
        Some(q @ ('"' | '\'')) => match s[1..].find(q) {
            Some(e) => (&s[1..=e], &s[e + 2..]),
            None => (&s[1..], ""),
        },
        _ => {
            let end = s.find(|c: char| c.is_ascii_whitespace()).unwrap_or(s.len());
            s.split_at(end)
        }
    }
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/')
}

/// The parser's message without its own position (the finding carries one).
fn message(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.find(" at line ") {
        Some(i) => text[..i].to_owned(),
        None => text,
    }
}

/// Byte offset of 1-based `line` and `column` of `text`; `serde_json` counts columns in
/// bytes.
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    (start + column.saturating_sub(1)).min(text.len())
}

fn diagnose(ctx: &Context, b: &Broken) -> Diagnostic {
    let d = Diagnostic::error(
        rules::INVALID_JSON_LD,
        format!(
            "the `application/ld+json` block in `{}` is not valid JSON: {}",
            b.output, b.error
        ),
    );
    if let Some((shown, text, offset)) = in_sources(ctx, b) {
        return d
            .at(Location::at_offset(shown, text, offset + b.at), text)
            .help("structured data must be JSON: check quotes, commas and brackets");
    }
    match in_templates(ctx, b.output) {
        Some((loc, text)) => d.at(loc, text).help(
            "this template writes the block: every value put into it must be a JSON value, \
             strings quoted and escaped (`<` as `\\u003c`)",
        ),
        None => d.at_location(Location::new(b.output, 1, 1)),
    }
}

/// Where a page source holds the block's text as written (raw HTML in Markdown).
fn in_sources<'c>(ctx: &'c Context, b: &Broken) -> Option<(&'c std::path::Path, &'c str, usize)> {
    if b.body.trim().is_empty() {
        return None;
    }
    let mut sources: Vec<(&std::path::Path, &str)> =
        ctx.sources.iter().map(|(p, t)| (*p, *t)).collect();
    sources.sort_unstable();
    sources
        .into_iter()
        .find_map(|(shown, text)| text.find(b.body).map(|i| (shown, text, i)))
}

/// The template line that writes an `application/ld+json` block for `output`: in the
/// template that rendered it, else in any template (one it extends or includes).
fn in_templates<'c>(ctx: &'c Context, output: &str) -> Option<(Location, &'c str)> {
    let own = if output.starts_with("embed/") {
        "embed.html"
    } else {
        ctx.template_of(output)
    };
    let mut templates: Vec<_> = ctx.templates.iter().collect();
    templates.sort_by_key(|t| (t.name != own, t.name.clone()));
    templates.into_iter().find_map(|t| {
        let (n, line) = t
            .text
            .lines()
            .enumerate()
            .find(|(_, l)| l.to_ascii_lowercase().contains("application/ld+json"))?;
        let col = line.to_ascii_lowercase().find("<script").unwrap_or(0);
        let col = line[..col].chars().count() + 1;
        Some((Location::new(&t.origin, n + 1, col), t.text.as_str()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_json_ld_blocks_only() {
        let html = "<script>var a = 1;</script><!-- <script type=\"application/ld+json\">x</script> -->\
            <SCRIPT data-x='>' TYPE=application/LD+JSON>{\"a\":1}</Script>\
            <script type=\"application/ld+json\" >[2]</script><scripts type=\"application/ld+json\">";
        let found: Vec<&str> = blocks(html).into_iter().map(|r| &html[r]).collect();
        assert_eq!(found, ["{\"a\":1}", "[2]"]);
    }

    #[test]
    fn error_offsets_count_lines_and_characters() {
        let text = "\n{\"é\": 1 \"b\"}";
        let e = serde_json::from_str::<serde::de::IgnoredAny>(text).unwrap_err();
        assert_eq!(&text[offset_of(text, e.line(), e.column())..], "\"b\"}");
        assert_eq!(message(&e), "expected `,` or `}`");
    }
}
