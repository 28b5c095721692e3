//! Block syntax of other documentation tools, expanded before parsing: MkDocs admonitions
//! (`!!! note "Title"`, collapsible `??? note` and `???+ note`), MkDocs content tabs
//! (`=== "Tab"`) and Docusaurus admonitions (`:::note Title` ... `:::`) become HTML containers
//! around Markdown, which pulldown-cmark then parses as usual: links, headings and code inside
//! are rendered, recorded and checked like any other. A map turns offsets in the expanded
//! text back into the author's text, so findings inside still name the right line and column.
//!
//! Syntax of other tools that helpsite does not render (snippet includes, mkdocstrings,
//! Jinja tags, ...) is reported once per kind and text, instead of silently showing as text.

use super::callout::{self, Fold};
use crate::html::escape;
use crate::slug::Slugger;
use std::borrow::Cow;

/// Markdown after expansion, and the way back to the author's offsets.
pub struct Expanded<'a> {
    pub text: Cow<'a, str>,
    map: Vec<Piece>,
    pub unsupported: Vec<Unsupported>,
    /// Content another tool would generate here is missing (a plugin directive, a snippet
    /// include), so anchors into this text cannot all be known.
    pub generated: bool,
}

/// Where a run of the expanded text came from: copied from `orig` on, or inserted (HTML
/// written by this pass) at the construct that starts at `orig`.
#[derive(Debug, Clone, Copy)]
struct Piece {
    at: usize,
    orig: usize,
    copied: bool,
}

/// A construct of another tool that is left as it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unsupported {
    /// Byte offset in the author's text.
    pub offset: usize,
    /// Length in characters of the construct on its line.
    pub len: usize,
    pub what: &'static str,
    pub help: &'static str,
    /// How many more times the same kind occurs in the text.
    pub more: usize,
}

impl Expanded<'_> {
    /// The offset in the author's text of byte `offset` of the expanded text.
    pub fn original_offset(&self, offset: usize) -> usize {
        if self.map.is_empty() {
            return offset;
        }
        let i = self
            .map
            .partition_point(|p| p.at <= offset)
            .saturating_sub(1);
        let p = self.map[i];
        if p.copied && offset >= p.at {
            p.orig + (offset - p.at)
        } else {
            p.orig
        }
    }
}

/// Byte sequences that may start a construct; text without any is returned as it is.
const TRIGGERS: &[&[u8]] = &[
    b"!!!",
    b"???",
    b"===",
    b":::",
    b"--8<--",
    b"[TOC]",
    b"*[",
    b"{%",
    b"///",
    b":material-",
    b":octicons-",
    b":fontawesome-",
    b":simple-",
];

/// Expand the containers of `text`. Tab sets take page-unique ids from `slugger`.
pub fn expand<'a>(text: &'a str, slugger: &mut Slugger) -> Expanded<'a> {
    expand_as(text, slugger, false)
}

/// [`expand`] for MDX (Docusaurus' `.mdx` pages): top-level `import`/`export` statements and
/// `{/* comments */}` are left out too.
pub fn expand_mdx<'a>(text: &'a str, slugger: &mut Slugger) -> Expanded<'a> {
    expand_as(text, slugger, true)
}

fn expand_as<'a>(text: &'a str, slugger: &mut Slugger, mdx: bool) -> Expanded<'a> {
    let bytes = text.as_bytes();
    if !mdx
        && !TRIGGERS
            .iter()
            .any(|t| memchr::memmem::find(bytes, t).is_some())
    {
        return Expanded {
            text: Cow::Borrowed(text),
            map: Vec::new(),
            unsupported: Vec::new(),
            generated: false,
        };
    }
    let mut x = Expander {
        out: Out::default(),
        stack: Vec::new(),
        fence: None,
        notes: Vec::new(),
        slugger,
        skipping: None,
        generated: false,
        pending: None,
        mdx,
        in_statement: false,
    };
    let mut lines = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        lines.push((offset, line));
        offset += line.len();
    }
    let mut i = 0;
    while i < lines.len() {
        i += x.line(&lines, i);
    }
    if let Some(p) = x.pending.take() {
        x.end_set(&p, offset);
    }
    x.close_to(0, offset);
    let changed = x.out.text != text;
    let generated = x.generated;
    let mut notes = x.notes;
    notes.sort_by_key(|n| n.offset);
    Expanded {
        text: if changed {
            Cow::Owned(x.out.text)
        } else {
            Cow::Borrowed(text)
        },
        map: if changed { x.out.map } else { Vec::new() },
        unsupported: notes,
        generated,
    }
}

#[derive(Default)]
struct Out {
    text: String,
    map: Vec<Piece>,
}

impl Out {
    fn copy(&mut self, s: &str, orig: usize) {
        if s.is_empty() {
            return;
        }
        let at = self.text.len();
        let contiguous = self
            .map
            .last()
            .is_some_and(|p| p.copied && p.orig + (at - p.at) == orig);
        if !contiguous {
            self.map.push(Piece {
                at,
                orig,
                copied: true,
            });
        }
        self.text.push_str(s);
    }

    fn insert(&mut self, s: &str, orig: usize) {
        if s.is_empty() {
            return;
        }
        let same = self.map.last().is_some_and(|p| !p.copied && p.orig == orig);
        if !same {
            self.map.push(Piece {
                at: self.text.len(),
                orig,
                copied: false,
            });
        }
        self.text.push_str(s);
    }
}

/// An open container.
#[derive(Debug)]
enum Frame {
    /// `!!!`/`???` (body indented by four columns more than the marker).
    Admonition {
        body_col: usize,
        emit_col: usize,
        fold: Fold,
    },
    /// One tab of a set: `=== "Label"` with its body indented like an admonition's, or
    /// `/// tab | Label` ... `///` (then `fence` is set and the body is not indented).
    Tab {
        body_col: Option<usize>,
        fence: Option<Fence>,
        emit_col: usize,
        marker_col: usize,
        set: String,
        index: usize,
    },
    /// A block closed by a line of the same fence: Docusaurus' `:::type` ... `:::` and
    /// pymdownx.blocks' `/// type | Title` ... `///`. The body is not indented. `wrap` is
    /// the callout it renders as; `None` renders the body alone.
    Fenced {
        fence: Fence,
        emit_col: usize,
        wrap: Option<Fold>,
    },
}

/// A closing line: this character, this many times (`:::`, `////`).
type Fence = (u8, usize);

impl Frame {
    /// Columns of indentation the body loses.
    fn removes(&self) -> usize {
        match self {
            Frame::Admonition { .. } | Frame::Tab { fence: None, .. } => 4,
            Frame::Tab { .. } | Frame::Fenced { .. } => 0,
        }
    }

    /// The column a non-blank line must reach to stay inside.
    fn body_col(&self) -> Option<usize> {
        match self {
            Frame::Admonition { body_col, .. } => Some(*body_col),
            Frame::Tab { body_col, .. } => *body_col,
            Frame::Fenced { .. } => None,
        }
    }

    fn fence(&self) -> Option<Fence> {
        match self {
            Frame::Tab { fence, .. } => *fence,
            Frame::Fenced { fence, .. } => Some(*fence),
            Frame::Admonition { .. } => None,
        }
    }
}

/// A tab set whose last tab just ended: the next non-blank line continues it or closes it.
struct Pending {
    set: String,
    index: usize,
    marker_col: usize,
    emit_col: usize,
    fence: Option<Fence>,
}

struct Expander<'s> {
    out: Out,
    stack: Vec<Frame>,
    /// An open code fence: its character, length, and the stack depth it opened at.
    fence: Option<(u8, usize, usize)>,
    notes: Vec<Unsupported>,
    slugger: &'s mut Slugger,
    /// Inside the options of a generated-content directive marked at this column: its
    /// lines are left out.
    skipping: Option<usize>,
    /// A generated-content directive or an include was met: the page's real anchors are
    /// not all known.
    generated: bool,
    /// A tab set waiting for the next non-blank line.
    pending: Option<Pending>,
    /// The text is MDX.
    mdx: bool,
    /// Inside an MDX `import`/`export` statement that spans lines.
    in_statement: bool,
}

impl Expander<'_> {
    fn removed(&self) -> usize {
        self.stack.iter().map(Frame::removes).sum()
    }

    /// Handle line `i`; returns how many lines it took (a block's options are taken with it).
    fn line(&mut self, lines: &[(usize, &str)], i: usize) -> usize {
        let (offset, line) = lines[i];
        let (col, start) = indentation(line);
        let content = &line[start..];
        let body = content.trim_end_matches(['\n', '\r']);
        let blank = body.trim().is_empty();
        if let Some(marker_col) = self.skipping {
            if blank || col > marker_col {
                return 1;
            }
            self.skipping = None;
        }
        let quoted = self.stack.is_empty()
            && self.fence.is_none()
            && self.pending.is_none()
            && col <= 3
            && body.starts_with('>');
        if let Some(taken) = quoted.then(|| self.blockquote(lines, i)).flatten() {
            return taken;
        }
        if self.mdx
            && self.fence.is_none()
            && self.stack.is_empty()
            && self.mdx_line(body, col, offset)
        {
            return 1;
        }
        let mut pending = if blank { None } else { self.pending.take() };
        let outdented = self
            .stack
            .iter()
            .position(|f| f.body_col().is_some_and(|b| col < b));
        if let (false, Some(i)) = (blank, outdented) {
            if let Some(p) = pending.take() {
                self.end_set(&p, offset);
            }
            pending = self.close_from(i, offset);
        }
        if self.fence.is_none() && !blank && generated_directive(body).is_some() {
            if let Some(p) = pending.take() {
                self.end_set(&p, offset);
            }
            self.note_unsupported(body, offset + start);
            self.generated = true;
            self.skipping = Some(col);
            return 1;
        }
        if self.fence.is_none() && !blank {
            let options = block_options(lines, i, col);
            if self.marker(body, col, offset + start, &mut pending, &options) == Some(true) {
                return 1 + options.len();
            }
        }
        if let Some(p) = pending.take() {
            self.end_set(&p, offset);
        }
        self.note_unsupported(body, offset + start);
        let removed = self.removed();
        if removed == 0 {
            self.out.copy(line, offset);
        } else if blank {
            self.out.insert("\n", offset);
        } else {
            self.out
                .insert(&" ".repeat(col.saturating_sub(removed)), offset + start);
            self.out.copy(content, offset + start);
        }
        self.track_fence(body);
        1
    }

    /// Handle a marker line; `Some(true)` when the line was consumed.
    fn marker(
        &mut self,
        body: &str,
        col: usize,
        at: usize,
        pending: &mut Option<Pending>,
        options: &[(&str, &str)],
    ) -> Option<bool> {
        let emit_col = col.saturating_sub(self.removed());
        let pad = " ".repeat(emit_col);
        let block = block_header(body);
        let block_tab = block
            .as_ref()
            .filter(|b| b.name == "tab")
            .map(|b| TabMarker {
                label: b.title.unwrap_or(""),
                new_set: option_true(options, "new"),
            });
        let tab_fence = block.as_ref().map(|b| (b'/', b.slashes));
        if let Some(tab) = block_tab.or_else(|| tab_marker(body)) {
            let continues = pending
                .as_ref()
                .is_some_and(|p| p.marker_col == col && !tab.new_set && p.fence == tab_fence);
            let (set, index, html) = if continues {
                let p = pending.take()?;
                let index = p.index + 1;
                let head = tab_head(&p.set, index, tab.label, false);
                let html = format!("{pad}</div>{head}\n\n");
                (p.set, index, html)
            } else {
                if let Some(p) = pending.take() {
                    self.end_set(&p, at);
                }
                let set = self.slugger.fresh("tabs:");
                let head = tab_head(&set, 1, tab.label, true);
                (set, 1, format!("{pad}<div class=\"tabs\">{head}\n\n"))
            };
            self.out.insert(&html, at);
            self.stack.push(Frame::Tab {
                body_col: tab_fence.is_none().then_some(col + 4),
                fence: tab_fence,
                emit_col,
                marker_col: col,
                set,
                index,
            });
            return Some(true);
        }
        if let Some(p) = pending.take() {
            self.end_set(&p, at);
        }
        if let Some(fence) = fence_close(body) {
            if let Some(i) = self.stack.iter().rposition(|f| f.fence() == Some(fence)) {
                // A `///` tab's set waits for the next line, which may be another tab.
                self.pending = self.close_from(i, at);
                return Some(true);
            }
            return None;
        }
        if let Some(b) = block {
            let kind = option(options, "type").unwrap_or(b.name);
            let (wrap, family) = match b.name {
                "details" => {
                    let open = option_true(options, "open");
                    (Some(if open { Fold::Open } else { Fold::Closed }), kind)
                }
                "admonition" => (Some(Fold::None), kind),
                name if callout::is_kind(name) => (Some(Fold::None), name),
                _ => (None, kind),
            };
            if let Some(fold) = wrap {
                let title = match b.title {
                    Some(t) => callout::title_html(t),
                    None if b.name == "details" => "Details".to_owned(),
                    None => escape(&callout::default_title(family)),
                };
                let html = callout::open(callout::family(family), Some(&title), fold);
                self.out.insert(&format!("{pad}{html}\n"), at);
            } else {
                self.note(at, body, OTHER_BLOCK);
            }
            self.stack.push(Frame::Fenced {
                fence: (b'/', b.slashes),
                emit_col,
                wrap,
            });
            return Some(true);
        }
        if let Some(a) = admonition_marker(body) {
            let title = match a.title {
                Some("") => None,
                Some(t) => Some(callout::title_html(t)),
                None => Some(escape(&callout::default_title(a.kind))),
            };
            let html = callout::open(callout::family(a.kind), title.as_deref(), a.fold);
            self.out.insert(&format!("{pad}{html}\n"), at);
            self.stack.push(Frame::Admonition {
                body_col: col + 4,
                emit_col,
                fold: a.fold,
            });
            return Some(true);
        }
        if let Some(d) = directive_open(body) {
            let title = match d.title {
                Some(t) => callout::title_html(t),
                None => escape(&callout::default_title(d.kind)),
            };
            let html = callout::open(callout::family(d.kind), Some(&title), Fold::None);
            self.out.insert(&format!("{pad}{html}\n"), at);
            self.stack.push(Frame::Fenced {
                fence: (b':', d.colons),
                emit_col,
                wrap: Some(Fold::None),
            });
            return Some(true);
        }
        None
    }

    /// Close frames `i..` (innermost first). A tab set whose last tab is the outermost frame
    /// closed stays pending: the line that closed it may add a tab to it.
    fn close_from(&mut self, i: usize, at: usize) -> Option<Pending> {
        let mut pending = None;
        while self.stack.len() > i {
            let Some(frame) = self.stack.pop() else {
                break;
            };
            if let Some(p) = pending.take() {
                self.end_set(&p, at);
            }
            if self
                .fence
                .is_some_and(|(_, _, depth)| depth > self.stack.len())
            {
                self.fence = None;
            }
            match frame {
                Frame::Admonition { emit_col, fold, .. } => {
                    let pad = " ".repeat(emit_col);
                    self.out
                        .insert(&format!("\n{pad}{}\n", callout::close(fold)), at);
                }
                Frame::Fenced { emit_col, wrap, .. } => {
                    let pad = " ".repeat(emit_col);
                    let close = wrap.map_or("", callout::close);
                    self.out.insert(&format!("\n{pad}{close}\n"), at);
                }
                Frame::Tab {
                    emit_col,
                    marker_col,
                    set,
                    index,
                    fence,
                    ..
                } => {
                    pending = Some(Pending {
                        set,
                        index,
                        marker_col,
                        emit_col,
                        fence,
                    });
                }
            }
        }
        pending
    }

    fn close_to(&mut self, depth: usize, at: usize) {
        if let Some(p) = self.close_from(depth, at) {
            self.end_set(&p, at);
        }
    }

    fn end_set(&mut self, p: &Pending, at: usize) {
        let pad = " ".repeat(p.emit_col);
        self.out.insert(&format!("\n{pad}</div></div>\n\n"), at);
    }

    fn track_fence(&mut self, body: &str) {
        let trimmed = body.trim_start();
        let Some(&c) = trimmed.as_bytes().first() else {
            return;
        };
        if c != b'`' && c != b'~' {
            return;
        }
        let run = trimmed.bytes().take_while(|&b| b == c).count();
        match self.fence {
            // A backtick fence's info string may not hold a backtick.
            None if run >= 3 && (c == b'~' || !trimmed[run..].contains('`')) => {
                self.fence = Some((c, run, self.stack.len()));
            }
            Some((fc, len, _)) if fc == c && run >= len && trimmed[run..].trim().is_empty() => {
                self.fence = None;
            }
            _ => {}
        }
    }

    fn note_unsupported(&mut self, body: &str, at: usize) {
        let in_code = self.fence.is_some();
        let found = UNSUPPORTED
            .iter()
            .find(|u| (u.inside_code || !in_code) && (u.matches)(body));
        let Some(u) = found else {
            return;
        };
        if u.marks_generated {
            self.generated = true;
        }
        self.note(at, body, (u.what, u.help));
    }

    /// A blockquote (`> ...` lines from line `i` on) whose text holds containers
    /// (`> !!! note`, `> === "Tab"`): its text is expanded on its own and quoted again.
    /// `None` (nothing taken) when it holds none.
    fn blockquote(&mut self, lines: &[(usize, &str)], i: usize) -> Option<usize> {
        // Each quoted line without its `>` (and one space after it), and where that starts.
        let mut inner = String::new();
        let mut starts: Vec<(usize, usize)> = Vec::new();
        let mut taken = 0;
        for &(offset, line) in &lines[i..] {
            let (col, start) = indentation(line);
            let Some(rest) = line[start..].strip_prefix('>').filter(|_| col <= 3) else {
                break;
            };
            let cut = start + 1 + usize::from(rest.starts_with(' '));
            starts.push((inner.len(), offset + cut));
            inner.push_str(&line[cut..]);
            if !line.ends_with('\n') {
                inner.push('\n');
            }
            taken += 1;
        }
        let bytes = inner.as_bytes();
        let holds = [b"!!!".as_slice(), b"???", b"===", b":::", b"///"]
            .iter()
            .any(|t| memchr::memmem::find(bytes, t).is_some());
        if !holds {
            return None;
        }
        let expanded = expand_as(&inner, self.slugger, self.mdx);
        // Inner offset -> offset in this text.
        let outer = |off: usize| {
            let k = starts.partition_point(|&(s, _)| s <= off).saturating_sub(1);
            starts.get(k).map_or(off, |&(s, o)| o + (off - s))
        };
        let text = expanded.text.as_ref();
        let mut at = 0;
        for line in text.split_inclusive('\n') {
            let first = outer(expanded.original_offset(at));
            let last = outer(expanded.original_offset(at + line.len().saturating_sub(1)));
            self.out.insert("> ", first);
            if last >= first && last - first == line.len().saturating_sub(1) {
                self.out.copy(line, first);
            } else {
                self.out.insert(line, first);
            }
            at += line.len();
        }
        for mut u in expanded.unsupported {
            u.offset = outer(u.offset);
            self.note(u.offset, "", (u.what, u.help));
        }
        self.generated |= expanded.generated;
        Some(taken)
    }

    /// Leave out an MDX statement or comment line; `true` when the line is one.
    fn mdx_line(&mut self, body: &str, col: usize, at: usize) -> bool {
        let t = body.trim();
        if self.in_statement {
            self.in_statement = !(t.is_empty() || t.ends_with(';'));
            return true;
        }
        let statement = col == 0 && (t.starts_with("import ") || t.starts_with("export "));
        let comment = t.starts_with("{/*") && t.ends_with("*/}");
        if statement {
            self.note(at, body, MDX_STATEMENT);
            self.in_statement = !(t.ends_with(';') || t.contains(" from "));
        }
        statement || comment
    }

    /// Note a construct left as it is, once per kind.
    fn note(&mut self, at: usize, body: &str, (what, help): (&'static str, &'static str)) {
        if let Some(n) = self.notes.iter_mut().find(|n| n.what == what) {
            n.more += 1;
            return;
        }
        self.notes.push(Unsupported {
            offset: at,
            len: body.trim_end().chars().count().clamp(1, 40),
            what,
            help,
            more: 0,
        });
    }
}

/// The input, label and start of the panel of tab `index` of `set`.
fn tab_head(set: &str, index: usize, label: &str, checked: bool) -> String {
    let checked = if checked { " checked" } else { "" };
    format!(
        "<input class=\"tab-input\" type=\"radio\" name=\"{set}\" id=\"{set}:{index}\"{checked}><label class=\"tab-label\" for=\"{set}:{index}\">{label}</label><div class=\"tab-panel\">",
        label = callout::title_html(label),
    )
}

/// Leading whitespace as a column (tabs to the next multiple of four) and its byte length.
fn indentation(line: &str) -> (usize, usize) {
    let mut col = 0;
    for (i, b) in line.bytes().enumerate() {
        match b {
            b' ' => col += 1,
            b'\t' => col = (col / 4 + 1) * 4,
            _ => return (col, i),
        }
    }
    (col, line.len())
}

fn is_word(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
}

struct AdmonitionMarker<'a> {
    fold: Fold,
    kind: &'a str,
    /// `None`: no quoted title; `Some("")`: `""`, no title bar.
    title: Option<&'a str>,
}

/// `!!! note "Title"`, `??? tip`, `???+ warning inline end ""`.
fn admonition_marker(body: &str) -> Option<AdmonitionMarker<'_>> {
    let (fold, rest) = if let Some(r) = body.strip_prefix("???+") {
        (Fold::Open, r)
    } else if let Some(r) = body.strip_prefix("???") {
        (Fold::Closed, r)
    } else {
        (Fold::None, body.strip_prefix("!!!")?)
    };
    let rest = rest.trim();
    let (words, title) = match rest.find('"') {
        Some(i) => {
            let t = rest[i..].strip_prefix('"')?.strip_suffix('"')?;
            (&rest[..i], Some(t))
        }
        None => (rest, None),
    };
    let mut words = words.split_whitespace();
    let kind = words.next()?;
    if !is_word(kind) || !words.all(is_word) {
        return None;
    }
    Some(AdmonitionMarker { fold, kind, title })
}

struct TabMarker<'a> {
    label: &'a str,
    new_set: bool,
}

/// `=== "Label"`, `===! "Label"` (starts a new set), `===+ "Label"`.
fn tab_marker(body: &str) -> Option<TabMarker<'_>> {
    let rest = body.strip_prefix("===")?;
    let flags_end = rest.find(|c| c != '!' && c != '+').unwrap_or(rest.len());
    let flags = &rest[..flags_end];
    let rest = rest[flags_end..].trim();
    let label = rest.strip_prefix('"')?.strip_suffix('"')?;
    Some(TabMarker {
        label,
        new_set: flags.contains('!'),
    })
}

/// Docusaurus admonition types.
const DIRECTIVE_KINDS: &[&str] = &[
    "note",
    "tip",
    "info",
    "warning",
    "danger",
    "caution",
    "important",
    "success",
    "secondary",
];

struct DirectiveMarker<'a> {
    colons: usize,
    kind: &'a str,
    title: Option<&'a str>,
}

/// `:::note`, `:::tip Title`, `:::info[Title]`, `::::warning` (outer, for nesting).
fn directive_open(body: &str) -> Option<DirectiveMarker<'_>> {
    let colons = body.bytes().take_while(|&b| b == b':').count();
    if colons < 3 {
        return None;
    }
    let rest = body[colons..].trim_start();
    let kind_end = rest
        .find(|c: char| !c.is_ascii_alphabetic())
        .unwrap_or(rest.len());
    let kind = &rest[..kind_end];
    if !DIRECTIVE_KINDS.contains(&kind.to_ascii_lowercase().as_str()) {
        return None;
    }
    let after = &rest[kind_end..];
    let title = if let Some(t) = after.strip_prefix('[') {
        Some(t.split_once(']').map_or(t, |(t, _)| t).trim())
    } else if after.is_empty() || after.starts_with([' ', '\t', '{']) {
        let t = after.split('{').next().unwrap_or("").trim();
        (!t.is_empty()).then_some(t)
    } else {
        return None;
    };
    Some(DirectiveMarker {
        colons,
        kind,
        title,
    })
}

/// A line of three or more colons or slashes only: the end of a Docusaurus admonition or
/// of a pymdownx.blocks block.
fn fence_close(body: &str) -> Option<Fence> {
    let t = body.trim();
    let c = *t.as_bytes().first()?;
    ((c == b':' || c == b'/') && t.len() >= 3 && t.bytes().all(|b| b == c)).then_some((c, t.len()))
}

struct BlockHeader<'a> {
    slashes: usize,
    name: &'a str,
    title: Option<&'a str>,
}

/// pymdownx.blocks: `/// name`, `/// name | Title` (more slashes outside, for nesting).
fn block_header(body: &str) -> Option<BlockHeader<'_>> {
    let slashes = body.bytes().take_while(|&b| b == b'/').count();
    if slashes < 3 {
        return None;
    }
    let rest = body[slashes..].trim();
    let (name, title) = match rest.split_once('|') {
        Some((n, t)) => (n.trim(), Some(t.trim()).filter(|t| !t.is_empty())),
        None => (rest, None),
    };
    let ok = name.starts_with(|c: char| c.is_ascii_alphabetic()) && is_word(name);
    ok.then_some(BlockHeader {
        slashes,
        name,
        title,
    })
}

/// The `key: value` options indented under a `///` block header on line `i`.
fn block_options<'a>(lines: &[(usize, &'a str)], i: usize, col: usize) -> Vec<(&'a str, &'a str)> {
    let is_header = lines.get(i).is_some_and(|(_, l)| {
        l.trim_start().starts_with("///") && block_header(l.trim()).is_some()
    });
    if !is_header {
        return Vec::new();
    }
    lines[i + 1..]
        .iter()
        .map_while(|(_, l)| {
            let (c, start) = indentation(l);
            let t = l[start..].trim_end();
            (c > col && !t.is_empty()).then_some(t)?;
            let (k, v) = t.split_once(':')?;
            Some((k.trim(), v.trim().trim_matches(['"', '\''])))
        })
        .collect()
}

fn option<'a>(options: &[(&str, &'a str)], key: &str) -> Option<&'a str> {
    options.iter().find(|(k, _)| *k == key).map(|(_, v)| *v)
}

fn option_true(options: &[(&str, &str)], key: &str) -> bool {
    option(options, key).is_some_and(|v| v.eq_ignore_ascii_case("true") || v == "yes")
}

const MDX_STATEMENT: (&str, &str) = (
    "an MDX import or export (`import Tabs from '@theme/Tabs';`)",
    "left out: helpsite renders MDX as Markdown and does not run its components",
);

const OTHER_BLOCK: (&str, &str) = (
    "a pymdownx.blocks block other than an admonition, details or tab (`/// html`, `/// caption`, ...)",
    "its content is shown without the block around it",
);

/// `::: pkg.module.Object` (mkdocstrings) or `::: mkdocs-click` (a plugin's directive):
/// content a plugin generates at build time, with indented options below. No closing line,
/// unlike Docusaurus' `:::note`.
fn generated_directive(body: &str) -> Option<&str> {
    // mkdocstrings also takes `## ::: module` (the heading level of the generated section).
    let hashes = body.bytes().take_while(|&b| b == b'#').count();
    let body = if (1..=6).contains(&hashes) {
        body[hashes..].strip_prefix(' ')?.trim_start()
    } else {
        body
    };
    let rest = body.strip_prefix(":::")?;
    if !rest.starts_with([' ', '\t']) {
        return None;
    }
    let name = rest.trim();
    let ok = !name.is_empty()
        && !DIRECTIVE_KINDS.contains(&name.to_ascii_lowercase().as_str())
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | ':' | '-'));
    ok.then_some(name)
}

/// The name of a Jinja tag a line starts with (`{% include "x.md" %}` -> `include`).
fn jinja_tag(line: &str) -> Option<&str> {
    let t = line.trim_start().strip_prefix("{%")?;
    if !t.contains("%}") {
        return None;
    }
    let t = t.trim_start_matches('-').trim_start();
    t.split(|c: char| !c.is_ascii_alphanumeric() && c != '_')
        .next()
        .filter(|n| !n.is_empty())
}

/// Icon sets of MkDocs Material's shortcodes (`:material-check:`, `:octicons-mark-github-16:`).
const ICON_SETS: &[&str] = &[":material-", ":octicons-", ":fontawesome-", ":simple-"];

struct UnsupportedKind {
    what: &'static str,
    help: &'static str,
    /// Also looked for inside code blocks (where snippet includes usually are).
    inside_code: bool,
    /// Content that would appear here is missing (see [`Expanded::generated`]).
    marks_generated: bool,
    matches: fn(&str) -> bool,
}

const UNSUPPORTED: &[UnsupportedKind] = &[
    UnsupportedKind {
        what: "a snippet include (`--8<--`, pymdownx.snippets)",
        help: "paste the included text here: helpsite does not include other files",
        inside_code: true,
        marks_generated: true,
        matches: |l| {
            let t = l.trim_start().trim_start_matches(';');
            t.starts_with("--8<--") || t.starts_with("-8<-")
        },
    },
    UnsupportedKind {
        what: "a generated-content directive (`::: module.path`, mkdocstrings or mkdocs-click)",
        help: "helpsite does not run MkDocs plugins: the directive and its options are left out, and links into this page's generated anchors are not checked",
        inside_code: false,
        marks_generated: true,
        matches: |l| generated_directive(l).is_some(),
    },
    UnsupportedKind {
        what: "an icon shortcode (`:material-check:`, MkDocs Material)",
        help: "use an emoji or an image instead: the shortcode shows as written",
        inside_code: false,
        marks_generated: false,
        matches: |l| {
            ICON_SETS.iter().any(|set| {
                l.match_indices(set).any(|(i, m)| {
                    let name = &l[i + m.len()..];
                    let end = name
                        .find(|c: char| !c.is_ascii_alphanumeric() && c != '-')
                        .unwrap_or(name.len());
                    end > 0 && name[end..].starts_with(':')
                })
            })
        },
    },
    UnsupportedKind {
        what: "a JSX component (`<Tabs>`, `<TabItem>`, MDX)",
        help: "write `=== \"Tab\"` tabs or `:::note` admonitions instead: components are not run",
        inside_code: false,
        marks_generated: false,
        matches: |l| {
            let t = l.trim_start();
            let name = t.strip_prefix("</").or_else(|| t.strip_prefix('<'));
            name.is_some_and(|n| {
                n.starts_with(|c: char| c.is_ascii_uppercase())
                    && n.chars()
                        .take_while(|c| !matches!(c, ' ' | '>' | '/'))
                        .all(|c| c.is_ascii_alphanumeric() || c == '.')
            })
        },
    },
    UnsupportedKind {
        what: "a `[TOC]` marker",
        help: "remove it: every page shows its table of contents (\"On this page\")",
        inside_code: false,
        marks_generated: false,
        matches: |l| l.trim() == "[TOC]",
    },
    UnsupportedKind {
        what: "a Jinja include (`{% include ... %}`, mkdocs-macros)",
        help: "paste the included text here: helpsite does not run templates inside Markdown",
        inside_code: false,
        marks_generated: true,
        matches: |l| jinja_tag(l).is_some_and(|name| name == "include"),
    },
    UnsupportedKind {
        what: "a Jinja tag (`{% ... %}`, mkdocs-macros)",
        help: "helpsite does not run templates inside Markdown; write the text out",
        inside_code: false,
        // Only an include brings text (and headings) of its own.
        marks_generated: false,
        matches: |l| jinja_tag(l).is_some(),
    },
    UnsupportedKind {
        what: "an abbreviation definition (`*[ABBR]: ...`)",
        help: "abbreviations are not expanded; spell the term out where it first appears",
        inside_code: false,
        marks_generated: false,
        matches: |l| {
            l.strip_prefix("*[")
                .and_then(|r| r.split_once("]:"))
                .is_some_and(|(abbr, _)| !abbr.is_empty() && !abbr.contains(']'))
        },
    },
];

#[cfg(test)]
mod tests;
