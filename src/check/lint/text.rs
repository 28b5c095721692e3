//! Text rules: invisible characters, `&nbsp;` entities in prose, empty paragraphs.

use crate::check::Context;
use crate::diagnostic::Diagnostic;
use crate::location::Location;
use crate::markdown::Facts;
use crate::rules::{EMPTY_PARAGRAPH, INVISIBLE_CHARACTER, NBSP_ENTITY};
use std::path::Path;

/// The name of a character that is invisible in most editors and never wanted in help text.
fn invisible_name(c: char, before: Option<char>, after: Option<char>) -> Option<&'static str> {
    let ascii_around = before.is_some_and(|b| b.is_ascii()) && after.is_some_and(|a| a.is_ascii());
    match c {
        '\u{200b}' => Some("ZERO WIDTH SPACE"),
        '\u{2060}' => Some("WORD JOINER"),
        '\u{feff}' => Some("ZERO WIDTH NO-BREAK SPACE"),
        '\u{ad}' => Some("SOFT HYPHEN"),
        '\u{180e}' => Some("MONGOLIAN VOWEL SEPARATOR"),
        '\u{2061}'..='\u{2064}' => Some("INVISIBLE OPERATOR"),
        // Joiners are needed in emoji sequences and some scripts; between ASCII they are junk.
        '\u{200c}' if ascii_around => Some("ZERO WIDTH NON-JOINER"),
        '\u{200d}' if ascii_around => Some("ZERO WIDTH JOINER"),
        _ => None,
    }
}

/// Every invisible character in a source file (front matter and code included: a zero-width
/// space in a command breaks it when copied).
pub fn invisible(shown: &Path, src: &str, out: &mut Vec<Diagnostic>) {
    if src.is_ascii() {
        return;
    }
    let mut prev = None;
    let mut chars = src.char_indices().peekable();
    while let Some((offset, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        if let Some(name) = invisible_name(c, prev, next) {
            let code = format!("U+{:04X}", c as u32);
            out.push(
                Diagnostic::error(
                    INVISIBLE_CHARACTER,
                    format!("invisible character {code} {name}"),
                )
                .at(Location::at_offset(shown, src, offset), src)
                .help("delete it: readers cannot see it, but it breaks search and copied text"),
            );
        }
        prev = Some(c);
    }
}

/// Rules that read the renderer's facts: `&nbsp;` in prose and empty paragraphs.
pub fn from_facts(ctx: &Context, facts: &Facts, out: &mut Vec<Diagnostic>) {
    for n in &facts.nbsp {
        out.push(
            Diagnostic::warning(NBSP_ENTITY, "non-breaking-space entity in prose")
                .at(n.location.clone(), source(ctx, &n.location))
                .span(n.span)
                .help("use a plain space; keep `&nbsp;` only where a line must not break"),
        );
    }
    for p in &facts.empty_paragraphs {
        out.push(
            Diagnostic::error(EMPTY_PARAGRAPH, "empty paragraph")
                .at(p.location.clone(), source(ctx, &p.location))
                .span(p.span)
                .help("delete it; use CSS for spacing"),
        );
    }
}

pub fn source<'c>(ctx: &'c Context, loc: &Location) -> &'c str {
    ctx.sources.get(loc.path.as_path()).copied().unwrap_or("")
}
