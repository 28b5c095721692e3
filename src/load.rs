//! Read sources: split and parse front matter, parse FAQ groups. All problems are collected.

use crate::diagnostic::Diagnostic;
use crate::discover::{Source, SourceKind};
use crate::location::{LineStarts, Location, Origin, line_text};
use crate::{fsx, rules, slug, suggest, yaml};
use serde::Deserialize;
use std::collections::{BTreeMap, HashSet};
use std::path::PathBuf;

pub mod dates;

/// Front-matter keys helpsite understands; others are warned about, not rejected.
pub const FRONT_MATTER_KEYS: &[&str] = &[
    "title",
    "description",
    "weight",
    "faq",
    "draft",
    "aliases",
    "tags",
    "updated",
    "image",
    "icon",
    "related",
    "extra",
    // Docusaurus' names for the same things.
    "last_update",
    "sidebar_position",
];

#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(untagged)]
pub enum OneOrMany {
    #[default]
    None,
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    pub fn as_slice(&self) -> &[String] {
        match self {
            OneOrMany::None => &[],
            OneOrMany::One(s) => std::slice::from_ref(s),
            OneOrMany::Many(v) => v,
        }
    }

    pub fn into_vec(self) -> Vec<String> {
        match self {
            OneOrMany::None => Vec::new(),
            OneOrMany::One(s) => vec![s],
            OneOrMany::Many(v) => v,
        }
    }
}

/// `tags:` as written: one name, a list of names, or (as Docusaurus writes them) a list with
/// `{label, permalink}` entries, whose label is the tag.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(untagged)]
pub enum TagList {
    #[default]
    None,
    One(String),
    Many(Vec<TagEntry>),
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(untagged)]
pub enum TagEntry {
    Name(String),
    Labelled { label: String },
}

impl TagList {
    pub fn into_vec(self) -> Vec<String> {
        match self {
            TagList::None => Vec::new(),
            TagList::One(s) => vec![s],
            TagList::Many(v) => v
                .into_iter()
                .map(|t| match t {
                    TagEntry::Name(s) | TagEntry::Labelled { label: s } => s,
                })
                .collect(),
        }
    }
}

/// Docusaurus' `last_update: {date, author}`: its date stands for `updated:`.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
pub struct LastUpdate {
    pub date: Option<String>,
}

/// Page metadata as written; unknown keys are ignored here and reported separately.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
pub struct FrontMatter {
    pub title: Option<String>,
    pub description: Option<String>,
    pub weight: Option<i64>,
    pub faq: Option<String>,
    #[serde(default)]
    pub draft: bool,
    #[serde(default)]
    pub aliases: OneOrMany,
    #[serde(default)]
    pub tags: TagList,
    pub updated: Option<String>,
    /// Docusaurus' `last_update`; `updated` wins when both are written.
    pub last_update: Option<LastUpdate>,
    /// Docusaurus' `sidebar_position`; `weight` wins when both are written.
    pub sidebar_position: Option<i64>,
    /// The social preview image: a path relative to the page, site-absolute, or a URL.
    pub image: Option<String>,
    /// A section's icon on the home page: a name from the theme's set (`book`, `key`, ...)
    /// or an image path relative to the page.
    pub icon: Option<String>,
    /// The pages shown as related at the end of the article, instead of the computed ones
    /// (`[]` shows none).
    pub related: Option<OneOrMany>,
    #[serde(default)]
    pub extra: BTreeMap<String, serde_json::Value>,
}

/// A Markdown page after reading.
#[derive(Debug, Clone)]
pub struct LoadedPage {
    pub source: Source,
    pub front: FrontMatter,
    /// The whole file text (for showing source lines in findings).
    pub src: String,
    /// Byte offset where the Markdown body starts.
    pub body_start: usize,
    pub body_origin: Origin,
}

impl LoadedPage {
    pub fn body(&self) -> &str {
        &self.src[self.body_start..]
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFaq {
    title: Option<String>,
    description: Option<String>,
    intro: Option<serde_saphyr::Spanned<String>>,
    weight: Option<i64>,
    #[serde(default)]
    draft: bool,
    #[serde(default)]
    questions: Vec<RawQuestion>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuestion {
    id: Option<serde_saphyr::Spanned<String>>,
    question: serde_saphyr::Spanned<String>,
    answer: Option<serde_saphyr::Spanned<String>>,
    #[serde(default)]
    tags: Vec<String>,
    updated: Option<serde_saphyr::Spanned<String>>,
}

/// A question of an FAQ group.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadedQuestion {
    pub id: String,
    pub question: String,
    pub answer: String,
    pub answer_origin: Origin,
    pub tags: Vec<String>,
    pub updated: Option<String>,
    pub location: Location,
}

/// An FAQ group after reading and validating ids.
#[derive(Debug, Clone)]
pub struct LoadedFaq {
    pub source: Source,
    pub title: String,
    pub description: String,
    pub intro: String,
    pub intro_origin: Origin,
    pub weight: Option<i64>,
    pub draft: bool,
    pub questions: Vec<LoadedQuestion>,
    pub src: String,
}

/// Everything read from `content/`, plus warnings. Errors are returned separately.
#[derive(Debug, Default)]
pub struct Loaded {
    pub pages: Vec<LoadedPage>,
    pub faqs: Vec<LoadedFaq>,
    pub assets: Vec<Source>,
    pub warnings: Vec<Diagnostic>,
    /// With `updated: git`, the last change date of each page and FAQ group source
    /// (content-relative path -> `YYYY-MM-DD`); empty otherwise.
    pub dates: std::collections::HashMap<String, String>,
}

/// Read and parse every source; on any error, return all errors found.
pub fn load(sources: Vec<Source>) -> Result<Loaded, Vec<Diagnostic>> {
    use rayon::prelude::*;
    let results: Vec<Result<Item, Vec<Diagnostic>>> =
        sources.into_par_iter().map(load_one).collect();
    let mut loaded = Loaded::default();
    let mut errors = Vec::new();
    for r in results {
        match r {
            Ok(Item::Page(p, w)) => {
                loaded.warnings.extend(w);
                loaded.pages.push(*p);
            }
            Ok(Item::Faq(f)) => loaded.faqs.push(*f),
            Ok(Item::Asset(a)) => loaded.assets.push(a),
            Err(e) => errors.extend(e),
        }
    }
    if errors.is_empty() {
        Ok(loaded)
    } else {
        Err(errors)
    }
}

enum Item {
    Page(Box<LoadedPage>, Vec<Diagnostic>),
    Faq(Box<LoadedFaq>),
    Asset(Source),
}

fn load_one(source: Source) -> Result<Item, Vec<Diagnostic>> {
    match source.kind {
        SourceKind::Asset => Ok(Item::Asset(source)),
        SourceKind::Page => {
            let src = fsx::read_text(&source.abs, &source.shown).map_err(|e| vec![e])?;
            let (page, warnings) = parse_page(source, src).map_err(|e| vec![e])?;
            Ok(Item::Page(Box::new(page), warnings))
        }
        SourceKind::Faq => {
            let bytes = std::fs::read(&source.abs).map_err(|e| {
                vec![Diagnostic::error(
                    "io",
                    format!("cannot read `{}`: {e}", source.shown.display()),
                )]
            })?;
            if !is_faq_group(&bytes) {
                return Ok(Item::Asset(Source {
                    kind: SourceKind::Asset,
                    ..source
                }));
            }
            let src = fsx::text_from_bytes(bytes, &source.shown).map_err(|e| vec![e])?;
            parse_faq(source, src).map(|f| Item::Faq(Box::new(f)))
        }
    }
}

/// A page whose whole text is its Markdown body.
fn body_only(source: Source, src: String) -> LoadedPage {
    LoadedPage {
        source,
        front: FrontMatter::default(),
        body_start: 0,
        body_origin: Origin::body(1),
        src,
    }
}

/// Split front matter from the body and parse it.
pub fn parse_page(
    source: Source,
    src: String,
) -> Result<(LoadedPage, Vec<Diagnostic>), Diagnostic> {
    let Some(fm) = split_front_matter(&src) else {
        return Ok((body_only(source, src), Vec::new()));
    };
    let fm = match fm {
        Ok(fm) if looks_like_mapping(&src[fm.yaml.clone()]) => fm,
        // A `---` first line that opens no YAML mapping is Markdown's thematic break.
        outcome => {
            let why = if outcome.is_err() {
                "no closing `---` follows it"
            } else {
                "the lines up to the next `---` are not a YAML mapping"
            };
            let warning = Diagnostic::warning(
                rules::FRONT_MATTER_THEMATIC_BREAK,
                format!("the first line `---` is read as a thematic break: {why}"),
            )
            .at(Location::new(&source.shown, 1, 1), &src)
            .span(3)
            .help("for front matter, write `key: value` lines between two `---` lines");
            return Ok((body_only(source, src), vec![warning]));
        }
    };
    let yaml_text = &src[fm.yaml.clone()];
    let front: FrontMatter = if yaml_text.trim().is_empty() {
        FrontMatter::default()
    } else {
        yaml::parse(yaml_text, &source.shown, 1).map_err(|mut d| {
            if let Some(loc) = &d.location {
                d.source_line = line_text(&src, loc.line).map(str::to_owned);
            }
            d
        })?
    };
    let mut front = front;
    if front.updated.is_none() {
        // `2024-05-01` or `2024-05-01T10:00:00Z`: the day is what a help page shows.
        front.updated = front
            .last_update
            .as_ref()
            .and_then(|l| l.date.as_deref())
            .map(|d| d.trim().chars().take(10).collect());
    }
    if front.weight.is_none() {
        front.weight = front.sidebar_position;
    }
    if let Some(problem) = front.updated.as_deref().and_then(date_problem) {
        return Err(front_matter_date_error(
            yaml_text,
            &source.shown,
            &src,
            &problem,
        ));
    }
    let warnings = unknown_keys(yaml_text, &source.shown, &src);
    let body_line = src[..fm.body_start].matches('\n').count() + 1;
    let page = LoadedPage {
        source,
        front,
        body_start: fm.body_start,
        body_origin: Origin::body(body_line),
        src,
    };
    Ok((page, warnings))
}

struct FrontMatterSpan {
    yaml: std::ops::Range<usize>,
    body_start: usize,
}

/// Whether a front-matter block is meant as a YAML mapping: empty, or its first line that
/// is not blank or a comment starts with `key:`. Anything else (prose, a list, a stray
/// `---`) is left to Markdown, where `---` is a thematic break.
fn looks_like_mapping(block: &str) -> bool {
    let Some(first) = block
        .lines()
        .map(str::trim_end)
        .find(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
    else {
        return true;
    };
    let line = first.trim_start_matches('\u{feff}');
    let key_end = if let Some(rest) = line.strip_prefix(['"', '\'']) {
        let quote = line.as_bytes()[0] as char;
        match rest.find(quote) {
            Some(i) => i + 2,
            None => return false,
        }
    } else {
        line.find(':').unwrap_or(0)
    };
    let key = &line[..key_end];
    !key.is_empty()
        && !key.starts_with([' ', '\t', '-', '[', '{', '>', '|', '*', '&', '!'])
        && line[key_end..].starts_with(':')
        && line[key_end + 1..]
            .chars()
            .next()
            .is_none_or(char::is_whitespace)
}

/// `None` when there is no front matter; `Some(Err(()))` when it is never closed.
fn split_front_matter(src: &str) -> Option<Result<FrontMatterSpan, ()>> {
    let first_end = src.find('\n')?;
    if src[..first_end].trim_end() != "---" {
        return None;
    }
    let yaml_start = first_end + 1;
    let mut pos = yaml_start;
    while pos < src.len() {
        let end = src[pos..].find('\n').map_or(src.len(), |i| pos + i);
        let line = src[pos..end].trim_end();
        if line == "---" || line == "..." {
            let body_start = (end + 1).min(src.len());
            return Some(Ok(FrontMatterSpan {
                yaml: yaml_start..pos,
                body_start,
            }));
        }
        pos = end + 1;
    }
    Some(Err(()))
}

/// Top-level keys that helpsite does not know, as warnings with a did-you-mean.
fn unknown_keys(yaml_text: &str, shown: &std::path::Path, src: &str) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (i, line) in yaml_text.lines().enumerate() {
        if line.starts_with([' ', '\t', '-', '#']) {
            continue;
        }
        let Some((key, _)) = line.split_once(':') else {
            continue;
        };
        let key = key.trim().trim_matches(['"', '\'']);
        if key.is_empty() || FRONT_MATTER_KEYS.contains(&key) {
            continue;
        }
        let mut d = Diagnostic::warning(
            "front-matter-unknown-key",
            format!("unknown front-matter key `{key}` is ignored"),
        )
        .at(Location::new(shown, i + 2, 1), src)
        .span(key.chars().count());
        d = match suggest::closest(key, FRONT_MATTER_KEYS.iter().copied()) {
            Some(s) => d.help(format!("did you mean `{s}`?")),
            None => d.help("put custom values under `extra:` to use them in templates"),
        };
        out.push(d);
    }
    out
}

/// Whether a YAML file is an FAQ group: it has a top-level `questions:` key (a line that
/// starts with it). Every other YAML file (Kubernetes manifests, compose files, samples,
/// data) is a data file, copied as it is. Decided on the text, not on a parse, so an FAQ
/// group with a YAML mistake is still read as one and its error located.
pub fn is_faq_group(bytes: &[u8]) -> bool {
    bytes.split(|&b| b == b'\n').any(|line| {
        let line = line.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(line);
        let rest = line
            .strip_prefix(b"questions")
            .or_else(|| line.strip_prefix(b"\"questions\""))
            .or_else(|| line.strip_prefix(b"'questions'"));
        rest.is_some_and(|r| {
            let r = r.trim_ascii_start();
            r.first() == Some(&b':') && r.get(1).is_none_or(u8::is_ascii_whitespace)
        })
    })
}

/// Parse and validate an FAQ group file.
pub fn parse_faq(source: Source, src: String) -> Result<LoadedFaq, Vec<Diagnostic>> {
    let raw: RawFaq = yaml::parse_all(&src, &source.shown, 0)?;
    // Each question's origin looks lines up: index them once, not per question.
    let lines = LineStarts::default();
    let mut errors = Vec::new();
    let mut seen = HashSet::new();
    let mut slugger = slug::Slugger::default();
    for q in &raw.questions {
        if let Some(id) = &q.id {
            slugger.reserve(&id.value);
        }
    }
    let mut questions = Vec::new();
    for q in raw.questions {
        let loc = Location::new(
            &source.shown,
            q.question.referenced.line() as usize,
            q.question.referenced.column() as usize,
        );
        let id = match &q.id {
            Some(id) => {
                let id_loc = Location::new(
                    &source.shown,
                    id.referenced.line() as usize,
                    id.referenced.column() as usize,
                );
                if let Some(problem) = invalid_id(&id.value) {
                    errors.push(
                        Diagnostic::error("faq-id", format!("FAQ id `{}` {problem}", id.value))
                            .at(id_loc.clone(), &src)
                            .span(id.value.chars().count())
                            .help(format!(
                                "use something like `{}`",
                                slug::slug(&q.question.value)
                            )),
                    );
                }
                if !seen.insert(id.value.clone()) {
                    errors.push(
                        Diagnostic::error(
                            "faq-duplicate-id",
                            format!("FAQ id `{}` is used twice in this group", id.value),
                        )
                        .at(id_loc, &src)
                        .span(id.value.chars().count())
                        .help("each question needs its own id: it is the question's permalink"),
                    );
                }
                id.value.clone()
            }
            None => {
                // A long question makes a long id: keep its first words.
                let id = slugger.unique(first_words(&q.question.value, MAX_ID_BYTES - 8));
                seen.insert(id.clone());
                id
            }
        };
        let answer = match q.answer {
            Some(a) if !a.value.trim().is_empty() => a,
            _ => {
                errors.push(
                    Diagnostic::error(
                        "faq-missing-answer",
                        format!("FAQ question `{}` has no answer", q.question.value),
                    )
                    .at(loc.clone(), &src)
                    .span(q.question.value.chars().count())
                    .help("add `answer: |` with the answer in Markdown below it"),
                );
                continue;
            }
        };
        if let Some(updated) = &q.updated
            && let Some(problem) = date_problem(&updated.value)
        {
            let at = Location::new(
                &source.shown,
                updated.referenced.line() as usize,
                updated.referenced.column() as usize,
            );
            errors.push(date_error(&updated.value, &problem, at, &src));
        }
        let answer_origin = scalar_origin(&src, &lines, &answer);
        questions.push(LoadedQuestion {
            id,
            question: q.question.value,
            answer: answer.value,
            answer_origin,
            tags: q.tags,
            updated: q.updated.map(|u| u.value),
            location: loc,
        });
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let (intro, intro_origin) = match raw.intro {
        Some(i) => {
            let origin = scalar_origin(&src, &lines, &i);
            (i.value, origin)
        }
        None => (String::new(), Origin::body(1)),
    };
    let title = raw.title.unwrap_or_else(|| title_from_file(&source.rel));
    Ok(LoadedFaq {
        title,
        description: raw.description.unwrap_or_default(),
        intro,
        intro_origin,
        weight: raw.weight,
        draft: raw.draft,
        questions,
        source,
        src,
    })
}

/// `text` cut at the last space within `max` bytes (at a character boundary when there is
/// no space), or all of it when it is short enough.
fn first_words(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    match text[..end].rfind(' ') {
        Some(space) if space > 0 => &text[..space],
        _ => &text[..end],
    }
}

/// Longest FAQ id, in bytes: ids are URL fragments, and stay usable as folder names (file
/// systems allow 255 bytes a name), as they were for the per-question embed pages of earlier
/// versions: a site can keep those URLs alive with files of its own.
const MAX_ID_BYTES: usize = 100;

/// Why `date` is not a calendar date written `YYYY-MM-DD`, or `None` when it is one.
/// February 29 exists in leap years only (every fourth year, but not 1900 or 2100).
pub fn date_problem(date: &str) -> Option<String> {
    let b = date.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    if b.len() != 10
        || b[4] != b'-'
        || b[7] != b'-'
        || !digits(0..4)
        || !digits(5..7)
        || !digits(8..10)
    {
        return Some("is not a date written YYYY-MM-DD".to_owned());
    }
    let number = |r: std::ops::Range<usize>| date[r].parse::<u32>().unwrap_or(0);
    let (year, month, day) = (number(0..4), number(5..7), number(8..10));
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return Some(format!("is not a calendar date: there is no month {month}")),
    };
    (day == 0 || day > days)
        .then(|| format!("is not a calendar date: month {month} of {year} has {days} days"))
}

/// The error for a page's invalid `updated:`, at its value in the front matter.
fn front_matter_date_error(
    yaml_text: &str,
    shown: &std::path::Path,
    src: &str,
    problem: &str,
) -> Diagnostic {
    // Parsed again, with the value's position, only on this error path.
    #[derive(Deserialize)]
    struct UpdatedAt {
        updated: Option<serde_saphyr::Spanned<String>>,
    }
    let spanned = yaml::parse::<UpdatedAt>(yaml_text, shown, 1)
        .ok()
        .and_then(|u| u.updated);
    let (value, line, col) = match &spanned {
        Some(u) => (
            u.value.as_str(),
            u.referenced.line() as usize + 1,
            u.referenced.column() as usize,
        ),
        None => ("", 2, 1),
    };
    date_error(value, problem, Location::new(shown, line, col), src)
}

fn date_error(value: &str, problem: &str, at: Location, src: &str) -> Diagnostic {
    Diagnostic::error("date", format!("`updated` value `{value}` {problem}"))
        .at(at, src)
        .span(value.chars().count())
        .help("write the date as YYYY-MM-DD, for example `updated: 2026-05-21`")
}

fn invalid_id(id: &str) -> Option<&'static str> {
    if id.is_empty() {
        Some("is empty")
    } else if id
        .chars()
        .any(|c| c.is_whitespace() || c == '#' || c == '/' || c == '?')
    {
        Some("contains spaces, `#`, `/` or `?`")
    } else if id
        .chars()
        .any(|c| c.is_control() || matches!(c, '\\' | '%' | '"' | '\'' | '<' | '>' | '`'))
    {
        Some("contains a control character or one of `\\ % \" ' < > `")
    } else if id.starts_with('.') {
        Some("starts with `.` (`.`, `..` and hidden names cannot be folder names)")
    } else if id.to_ascii_lowercase().ends_with(".html") {
        Some("ends in `.html`, which names a file, not a folder")
    } else if id.len() > MAX_ID_BYTES {
        Some("is longer than 100 bytes")
    } else {
        None
    }
}

/// Where a YAML scalar's text starts: below the `|`/`>` line for block scalars.
fn scalar_origin(src: &str, lines: &LineStarts, s: &serde_saphyr::Spanned<String>) -> Origin {
    let line = s.referenced.line() as usize;
    let col = s.referenced.column() as usize;
    let text = lines.line(src, line).unwrap_or("");
    let rest: String = text.chars().skip(col.saturating_sub(1)).collect();
    if rest.starts_with(['|', '>']) {
        let indent = (line + 1..)
            .map_while(|n| lines.line(src, n))
            .find(|l| !l.trim().is_empty())
            .map_or(0, |l| l.len() - l.trim_start().len());
        Origin {
            line: line + 1,
            col: indent + 1,
            indent: Some(indent),
        }
    } else if line > 1 && ends_block_indicator(lines.line(src, line - 1).unwrap_or("")) {
        Origin {
            line,
            col,
            indent: Some(col - 1),
        }
    } else {
        let quoted = rest.starts_with(['"', '\'']);
        Origin {
            line,
            col: col + usize::from(quoted),
            indent: None,
        }
    }
}

fn ends_block_indicator(line: &str) -> bool {
    let t = line.trim_end();
    let t = t.trim_end_matches(['-', '+', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    t.ends_with(": |") || t.ends_with(": >") || t.ends_with("- |") || t == "|" || t == ">"
}

/// "security-token.yaml" -> "Security token".
pub fn title_from_file(rel: &str) -> String {
    let stem = rel
        .rsplit('/')
        .next()
        .unwrap_or(rel)
        .split('.')
        .next()
        .unwrap_or(rel);
    let words = stem.replace(['-', '_'], " ");
    // Abbreviations read as such in a title made from a name: `faq` -> `FAQ`, `api-keys` ->
    // `API keys`.
    let words: Vec<String> = words
        .split_whitespace()
        .map(|w| {
            let plural = w
                .strip_suffix('s')
                .filter(|one| ABBREVIATIONS.contains(one));
            match plural {
                _ if ABBREVIATIONS.contains(&w) => w.to_ascii_uppercase(),
                Some(one) => format!("{}s", one.to_ascii_uppercase()),
                None => w.to_owned(),
            }
        })
        .collect();
    let words = words.join(" ");
    let mut chars = words.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => "Untitled".to_owned(),
    }
}

/// Lower-case abbreviations that file and folder names hold, written in capitals in titles.
/// A plural (`faqs`, `apis`) keeps its lower-case `s`: `FAQs`, `APIs`.
const ABBREVIATIONS: &[&str] = &[
    "faq", "api", "cli", "sdk", "url", "http", "https", "json", "yaml", "html", "css", "ui", "sso",
    "vpn", "ssh", "sql", "dns", "ssl", "tls", "pdf", "csv", "id", "os", "ci", "mfa", "2fa",
];

/// The path shown for a source, e.g. `content/guides/a.md`.
pub fn shown(rel: &str) -> PathBuf {
    PathBuf::from(crate::discover::CONTENT_DIR).join(rel)
}

#[cfg(test)]
mod tests;
