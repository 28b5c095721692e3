//! Options of a fenced code block's info string (`title="app.py"`, `linenums="5"`,
//! `hl_lines="2 4-6"`, Docusaurus `{2,4-6}`) and the per-line markup they need.
//!
//! Lines are wrapped after highlighting (and after the highlight cache), on the finished
//! HTML: the cache key stays language and text only, so a block keeps hitting the cache
//! when its options change.

use crate::html::escape;

/// What a fence's info string asks for besides its language.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct FenceOptions {
    /// The first word: the language.
    pub lang: String,
    /// A title bar above the block.
    pub title: Option<String>,
    /// The number of the first line, when lines are numbered.
    pub first_line: Option<u32>,
    /// Highlighted lines, 1-based, counted from the block's first line.
    pub marked: Vec<(u32, u32)>,
}

impl FenceOptions {
    /// Read an info string: the language, then `key="value"` pairs and `{2,4-6}`.
    /// Unknown keys are ignored, as MkDocs and Docusaurus do.
    pub fn parse(info: &str) -> Self {
        let info = info.trim();
        let end = info
            .find(|c: char| c.is_whitespace() || c == ',' || c == '{')
            .unwrap_or(info.len());
        let mut options = FenceOptions {
            lang: info[..end].to_owned(),
            ..Self::default()
        };
        let mut rest = &info[end..];
        while let Some(c) = rest.chars().next() {
            if c == '{' {
                let close = rest.find('}').unwrap_or(rest.len());
                options.marked.extend(ranges(&rest[1..close]));
                rest = rest.get(close + 1..).unwrap_or("");
            } else if c.is_alphabetic() || c == '_' {
                let (key, value, after) = pair(rest);
                options.set(key, value);
                rest = after;
            } else {
                rest = &rest[c.len_utf8()..];
            }
        }
        options
    }

    fn set(&mut self, key: &str, value: &str) {
        match key {
            "title" if !value.is_empty() => self.title = Some(value.to_owned()),
            "linenums" | "showLineNumbers" => {
                self.first_line = Some(value.trim().parse().unwrap_or(1));
            }
            "hl_lines" => self.marked.extend(ranges(value)),
            _ => {}
        }
    }

    /// Whether the block needs one element per line.
    pub fn wraps_lines(&self) -> bool {
        self.first_line.is_some() || !self.marked.is_empty()
    }

    fn is_marked(&self, line: u32) -> bool {
        self.marked.iter().any(|&(a, b)| (a..=b).contains(&line))
    }

    /// `html` (the inside of `<code>`) with each line in a `<span class="line">`, marked
    /// lines `line marked` (not `hl-line`: syntect writes that for `comment.line`), and a
    /// number before each when asked. Spans that cross a line end are closed there and
    /// reopened on the next line, so every line is well-formed.
    pub fn wrap_lines(&self, html: &str) -> String {
        let mut out = String::with_capacity(html.len() * 2);
        let mut open: Vec<&str> = Vec::new();
        let mut lines: Vec<&str> = html.split('\n').collect();
        // After the last newline syntect only closes its spans: not a line of the block.
        if lines.len() > 1 && lines.last().is_some_and(|l| !has_text(l)) {
            lines.pop();
        }
        for (i, line) in lines.into_iter().enumerate() {
            let n = u32::try_from(i).unwrap_or(u32::MAX).saturating_add(1);
            let class = if self.is_marked(n) {
                "line marked"
            } else {
                "line"
            };
            out.push_str(&format!("<span class=\"{class}\">"));
            if let Some(first) = self.first_line {
                let shown = first.saturating_add(n - 1);
                out.push_str(&format!(
                    "<span class=\"ln\" data-n=\"{shown}\" aria-hidden=\"true\"></span>"
                ));
            }
            open.iter().for_each(|tag| out.push_str(tag));
            track(line, &mut open);
            out.push_str(line);
            open.iter().for_each(|_| out.push_str("</span>"));
            out.push_str("</span>\n");
        }
        out
    }
}

/// Whether an HTML fragment shows anything besides tags.
fn has_text(html: &str) -> bool {
    let mut in_tag = false;
    html.chars().any(|c| {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ => return !in_tag,
        }
        false
    })
}

/// Follow the `<span ...>` and `</span>` tags of one line of highlighted HTML.
fn track<'a>(line: &'a str, open: &mut Vec<&'a str>) {
    let mut rest = line;
    while let Some(at) = rest.find('<') {
        let tag_end = rest[at..].find('>').map_or(rest.len(), |e| at + e + 1);
        let tag = &rest[at..tag_end];
        if tag.starts_with("</") {
            open.pop();
        } else if tag.starts_with("<span") {
            open.push(tag);
        }
        rest = &rest[tag_end..];
    }
}

/// `key="value"`, `key='value'` or `key=value` at the start of `s`; the rest after it.
fn pair(s: &str) -> (&str, &str, &str) {
    let key_end = s
        .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
        .unwrap_or(s.len());
    let key = &s[..key_end];
    let Some(after) = s[key_end..].strip_prefix('=') else {
        return (key, "", &s[key_end..]);
    };
    if let Some(quote) = after.chars().next().filter(|c| *c == '"' || *c == '\'') {
        let inner = &after[1..];
        let close = inner.find(quote).unwrap_or(inner.len());
        return (key, &inner[..close], inner.get(close + 1..).unwrap_or(""));
    }
    let end = after.find(char::is_whitespace).unwrap_or(after.len());
    (key, &after[..end], &after[end..])
}

/// `2 4-6` or `2,4-6`: inclusive ranges; anything unreadable is skipped.
fn ranges(s: &str) -> Vec<(u32, u32)> {
    s.split(|c: char| c == ',' || c.is_whitespace())
        .filter_map(|part| {
            let (a, b) = part.split_once('-').unwrap_or((part, part));
            let (a, b) = (a.trim().parse().ok()?, b.trim().parse().ok()?);
            (a <= b).then_some((a, b))
        })
        .collect()
}

/// The title bar above a block, or nothing.
pub fn title_bar(options: &FenceOptions) -> String {
    options.title.as_deref().map_or_else(String::new, |t| {
        format!("<div class=\"code-title\">{}</div>", escape(t))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_mkdocs_and_docusaurus_options() {
        let o = FenceOptions::parse("python title=\"app.py\" linenums=\"5\" hl_lines=\"2 4-6\"");
        assert_eq!(o.lang, "python");
        assert_eq!(o.title.as_deref(), Some("app.py"));
        assert_eq!(o.first_line, Some(5));
        assert_eq!(o.marked, [(2, 2), (4, 6)]);
        let o = FenceOptions::parse("js {2,4-6} title='a b.js'");
        assert_eq!(o.lang, "js");
        assert_eq!(o.marked, [(2, 2), (4, 6)]);
        assert_eq!(o.title.as_deref(), Some("a b.js"));
        assert_eq!(FenceOptions::parse("rust").lang, "rust");
        assert!(!FenceOptions::parse("rust,ignore").wraps_lines());
        assert!(!FenceOptions::parse("").wraps_lines());
    }

    #[test]
    fn spans_crossing_a_line_end_are_closed_and_reopened() {
        let o = FenceOptions {
            first_line: Some(1),
            marked: vec![(2, 2)],
            ..FenceOptions::default()
        };
        let html = "<span class=\"c\">/* a\nb */</span> x\n";
        assert_eq!(
            o.wrap_lines(html),
            "<span class=\"line\"><span class=\"ln\" data-n=\"1\" aria-hidden=\"true\"></span><span class=\"c\">/* a</span></span>\n\
             <span class=\"line marked\"><span class=\"ln\" data-n=\"2\" aria-hidden=\"true\"></span><span class=\"c\">b */</span> x</span>\n"
        );
    }

    #[test]
    fn cached_blocks_still_hit_and_wrap_the_same() {
        use super::super::{Highlighted, Highlighter};
        let dir = tempfile::tempdir().expect("temp dir");
        let code = "fn main() {\n    /* a\n    b */\n}\n";
        let first = Highlighter::with_cache(dir.path());
        let Highlighted::Html(fresh) = first.highlight(code, "rust") else {
            panic!("rust should highlight")
        };
        first.save_cache().expect("saved");
        let second = Highlighter::with_cache(dir.path());
        let Highlighted::Html(cached) = second.highlight(code, "rust") else {
            panic!("rust should highlight")
        };
        assert!(second.parsed_nothing(), "a plain block missed the cache");
        let o = FenceOptions::parse("rust linenums=\"1\" hl_lines=\"2\"");
        assert_eq!(o.wrap_lines(&cached), o.wrap_lines(&fresh));
        assert_eq!(o.wrap_lines(&cached).matches("class=\"line").count(), 4);
    }
}
