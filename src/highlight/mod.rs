//! Build-time code highlighting with syntect: CSS classes, one light and one dark stylesheet.

pub mod cache;
mod contrast;
pub mod fence;

use rustc_hash::FxHasher;
use std::hash::{Hash, Hasher};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};
use syntect::highlighting::ThemeSet;
use syntect::html::{ClassStyle, css_for_theme_with_class_style, line_tokens_to_classed_spans};
use syntect::parsing::{ParseState, ScopeStack, ScopeStackOp, SyntaxReference, SyntaxSet};
use syntect::util::LinesWithEndings;

const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

/// Languages rendered as plain text on purpose: no warning for them.
const PLAIN: &[&str] = &[
    "",
    "text",
    "txt",
    "plain",
    "plaintext",
    "output",
    "none",
    "toml",
    "dockerfile",
    "powershell",
    "ps1",
    "ini",
    "env",
    "mermaid",
    "http",
    "csv",
    "log",
];

/// Aliases that authors write for grammars syntect knows under another token.
const ALIASES: &[(&str, &str)] = &[
    ("shell", "bash"),
    ("console", "bash"),
    ("zsh", "bash"),
    ("terminal", "bash"),
    ("ts", "js"),
    ("typescript", "js"),
    ("tsx", "js"),
    ("jsx", "js"),
    ("yml", "yaml"),
    ("golang", "go"),
    ("py", "python"),
    ("rs", "rust"),
    ("c++", "cpp"),
    ("cs", "c#"),
    ("csharp", "c#"),
    ("html5", "html"),
    ("jsonc", "json"),
];

/// The outcome of highlighting one block.
pub enum Highlighted {
    /// Highlighted `<span>`s for the inside of `<code>`.
    Html(String),
    /// Render as plain text; `known` is false when the language was not recognised.
    Plain { known: bool },
}

/// Loads syntect's grammars once, on first use, and shares them between threads.
#[derive(Default)]
pub struct Highlighter {
    syntaxes: OnceLock<SyntaxSet>,
    memo: LineMemo,
    /// Blocks highlighted by earlier builds, when the caller keeps them.
    blocks: Option<cache::BlockCache>,
}

type Ops = Arc<Vec<(usize, ScopeStackOp)>>;

/// Parsed lines, shared by every block of a build and, under `serve`, by every rebuild.
///
/// Parsing a line with syntect's regexes costs 10-100 µs; the same line in the same parser
/// state always parses the same way, and docs repeat lines a lot (imports, closing braces,
/// the lines of an example shown on several pages, and every block of a page being
/// re-rendered by the live preview). The state before a line is part of the key, so a hit
/// is exactly what parsing would have produced.
#[derive(Default)]
struct LineMemo {
    shards: [Mutex<rustc_hash::FxHashMap<u64, Vec<MemoLine>>>; SHARDS],
    lines: AtomicUsize,
}

const SHARDS: usize = 16;
/// Enough for the code of a very large site (entries take a few hundred bytes); past it
/// lines are parsed without memo, so a long `serve` session cannot grow without bound.
const MEMO_LINES_MAX: usize = 200_000;

struct MemoLine {
    syntax: String,
    line: Box<str>,
    before: ParseState,
    ops: Ops,
    after: ParseState,
}

impl LineMemo {
    fn key(syntax: &str, line: &str) -> u64 {
        let mut h = FxHasher::default();
        syntax.hash(&mut h);
        line.hash(&mut h);
        h.finish()
    }

    /// Parse `line` from `state`, leaving `state` as syntect would.
    fn parse(
        &self,
        syntax: &str,
        line: &str,
        state: &mut ParseState,
        syntaxes: &SyntaxSet,
    ) -> Result<Ops, syntect::parsing::ParsingError> {
        let key = Self::key(syntax, line);
        let shard = &self.shards[(key as usize) % SHARDS];
        {
            let map = shard.lock().unwrap_or_else(PoisonError::into_inner);
            if let Some(hit) = map.get(&key).and_then(|v| {
                v.iter()
                    .find(|m| &m.before == state && *m.line == *line && m.syntax == syntax)
            }) {
                *state = hit.after.clone();
                return Ok(Arc::clone(&hit.ops));
            }
        }
        let before = state.clone();
        let ops = Arc::new(state.parse_line(line, syntaxes)?);
        if self.lines.load(Ordering::Relaxed) < MEMO_LINES_MAX {
            self.lines.fetch_add(1, Ordering::Relaxed);
            let mut map = shard.lock().unwrap_or_else(PoisonError::into_inner);
            map.entry(key).or_default().push(MemoLine {
                syntax: syntax.to_owned(),
                line: line.into(),
                before,
                ops: Arc::clone(&ops),
                after: state.clone(),
            });
        }
        Ok(ops)
    }
}

impl Highlighter {
    pub fn new() -> Self {
        Self::default()
    }

    /// A highlighter that reuses the blocks earlier builds of the site at `root` kept in
    /// [`cache::FILE_NAME`]; [`Highlighter::save_cache`] keeps this build's.
    pub fn with_cache(root: &std::path::Path) -> Self {
        Highlighter {
            blocks: Some(cache::BlockCache::open(&root.join(cache::FILE_NAME))),
            ..Self::default()
        }
    }

    /// Keep the blocks of this build for the next one (see [`Highlighter::with_cache`]).
    pub fn save_cache(&self) -> std::io::Result<()> {
        self.blocks.as_ref().map_or(Ok(()), cache::BlockCache::save)
    }

    /// Keep the blocks of this build for the next one, then free them and every memoised
    /// line: for a build that has rendered all its code (at 10,000 pages they held 50-80 MB
    /// until the build ended). The next [`Highlighter::save_cache`] reports this save's
    /// outcome. Code highlighted after this still highlights, only slower.
    pub fn release(&self) {
        if let Some(blocks) = &self.blocks {
            blocks.release();
        }
        for shard in &self.memo.shards {
            *shard.lock().unwrap_or_else(PoisonError::into_inner) = Default::default();
        }
        // Nothing is memoised any more.
        self.memo.lines.store(MEMO_LINES_MAX, Ordering::Relaxed);
    }

    /// Whether no line was parsed so far (every block came from the cache).
    #[cfg(test)]
    pub(crate) fn parsed_nothing(&self) -> bool {
        self.memo.lines.load(Ordering::Relaxed) == 0
    }

    fn syntaxes(&self) -> &SyntaxSet {
        self.syntaxes.get_or_init(SyntaxSet::load_defaults_newlines)
    }

    /// Whether `lang` (the first word of a fence's info string) has a grammar or is plain.
    pub fn knows(&self, lang: &str) -> bool {
        let lang = lang.to_ascii_lowercase();
        PLAIN.contains(&lang.as_str()) || self.find(&lang).is_some()
    }

    fn find(&self, lang: &str) -> Option<&SyntaxReference> {
        let token = ALIASES
            .iter()
            .find(|(a, _)| *a == lang)
            .map_or(lang, |(_, t)| t);
        let ss = self.syntaxes();
        ss.find_syntax_by_token(token)
            .or_else(|| ss.find_syntax_by_name(token))
    }

    pub fn highlight(&self, code: &str, lang: &str) -> Highlighted {
        let lang = lang.to_ascii_lowercase();
        if PLAIN.contains(&lang.as_str()) {
            return Highlighted::Plain { known: true };
        }
        let Some(syntax) = self.find(&lang) else {
            return Highlighted::Plain { known: false };
        };
        let Some(blocks) = &self.blocks else {
            return self.parse_block(code, syntax);
        };
        let key = cache::key(&syntax.name, code);
        if let Some(html) = blocks.get(key) {
            return Highlighted::Html(html.to_string());
        }
        let result = self.parse_block(code, syntax);
        if let Highlighted::Html(html) = &result {
            blocks.put(key, html);
        }
        result
    }

    fn parse_block(&self, code: &str, syntax: &SyntaxReference) -> Highlighted {
        // What syntect's ClassedHTMLGenerator does, with each line's parse memoised.
        let mut state = ParseState::new(syntax);
        let mut scopes = ScopeStack::new();
        let mut html = String::with_capacity(code.len() * 4);
        let mut open_spans = 0isize;
        for line in LinesWithEndings::from(code) {
            let spans = self
                .memo
                .parse(&syntax.name, line, &mut state, self.syntaxes())
                .map_err(syntect::Error::from)
                .and_then(|ops| line_tokens_to_classed_spans(line, &ops, CLASS_STYLE, &mut scopes));
            let Ok((spans, delta)) = spans else {
                return Highlighted::Plain { known: true };
            };
            open_spans += delta;
            html.push_str(&spans);
        }
        for _ in 0..open_spans {
            html.push_str("</span>");
        }
        Highlighted::Html(html)
    }
}

/// The stylesheet for highlighted code: light by default, dark for the dark theme and for
/// readers whose system prefers dark (unless they chose light). Made once per process: a
/// live server asks again on every theme change.
pub fn stylesheet() -> String {
    static CSS: OnceLock<String> = OnceLock::new();
    CSS.get_or_init(make_stylesheet).clone()
}

fn make_stylesheet() -> String {
    let themes = ThemeSet::load_defaults();
    let css = |name: &str| {
        themes
            .themes
            .get(name)
            .and_then(|t| css_for_theme_with_class_style(t, CLASS_STYLE).ok())
            .unwrap_or_default()
    };
    let light = contrast::readable(&css("InspiredGitHub"), contrast::LIGHT_BACKGROUNDS, false);
    let dark = contrast::readable(&css("base16-ocean.dark"), contrast::DARK_BACKGROUNDS, true);
    format!(
        "/* Code highlighting (syntect), generated by helpsite. */\n{}\n{}\n@media (prefers-color-scheme: dark) {{\n{}\n}}\n",
        strip_backgrounds(&light),
        prefix_selectors(&strip_backgrounds(&dark), ":root[data-theme=\"dark\"]"),
        prefix_selectors(
            &strip_backgrounds(&dark),
            ":root:not([data-theme=\"light\"])"
        ),
    )
}

/// The theme sets code colours; the page's own CSS sets the block background.
fn strip_backgrounds(css: &str) -> String {
    css.lines()
        .filter(|l| !l.trim_start().starts_with("background-color"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Put `prefix` before every selector of every rule in `css`.
fn prefix_selectors(css: &str, prefix: &str) -> String {
    let mut out = String::with_capacity(css.len() * 2);
    for chunk in css.split_inclusive('}') {
        match chunk.split_once('{') {
            Some((selectors, body)) => {
                let sel = selectors.trim();
                let comment_end = sel.rfind("*/").map_or(0, |i| i + 2);
                let (comment, sel) = sel.split_at(comment_end);
                out.push_str(comment);
                out.push('\n');
                let prefixed: Vec<String> = sel
                    .split(',')
                    .map(|s| format!("{prefix} {}", s.trim()))
                    .collect();
                out.push_str(&prefixed.join(", "));
                out.push_str(" {");
                out.push_str(body);
            }
            None => out.push_str(chunk),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_unknown_and_plain_languages() {
        let h = Highlighter::new();
        match h.highlight("fn main() {}\n", "rust") {
            Highlighted::Html(html) => assert!(html.contains("hl-"), "{html}"),
            Highlighted::Plain { .. } => panic!("rust should highlight"),
        }
        assert!(matches!(
            h.highlight("x", "text"),
            Highlighted::Plain { known: true }
        ));
        assert!(matches!(
            h.highlight("x", "klingon"),
            Highlighted::Plain { known: false }
        ));
        assert!(h.knows("shell") && h.knows("yml") && !h.knows("klingon"));
    }

    /// The memo must give exactly what syntect's own generator gives, including for a line
    /// that appears both inside and outside a multi-line comment or string.
    #[test]
    fn memoised_lines_match_syntect() {
        use syntect::html::ClassedHTMLGenerator;
        let h = Highlighter::new();
        let blocks = [
            ("rust", "let a = 1;\n/* start\nlet a = 1;\n*/\nlet a = 1;\n"),
            ("python", "x = 1\n\"\"\"\nx = 1\n\"\"\"\nx = 1\n"),
            ("rust", "let a = 1;\n/* start\nlet a = 1;\n*/\nlet a = 1;\n"),
            ("bash", "echo \"$HOME\" # done\nunfinished \"string"),
        ];
        for (lang, code) in blocks {
            let syntax = h.find(lang).unwrap();
            let mut g =
                ClassedHTMLGenerator::new_with_class_style(syntax, h.syntaxes(), CLASS_STYLE);
            for line in LinesWithEndings::from(code) {
                g.parse_html_for_line_which_includes_newline(line).unwrap();
            }
            let Highlighted::Html(ours) = h.highlight(code, lang) else {
                panic!("{lang} should highlight");
            };
            assert_eq!(ours, g.finalize(), "{lang}: {code}");
        }
        let Highlighted::Html(rust) = h.highlight(blocks[0].1, "rust") else {
            panic!()
        };
        let lines: Vec<&str> = rust.split('\n').collect();
        assert_ne!(
            lines[0], lines[2],
            "a line inside a comment rendered like code"
        );
    }

    #[test]
    fn cached_blocks_are_not_parsed_again_and_match() {
        let dir = tempfile::tempdir().unwrap();
        let code = "fn main() {\n    println!(\"hi\");\n}\n";
        let first = Highlighter::with_cache(dir.path());
        let Highlighted::Html(fresh) = first.highlight(code, "rust") else {
            panic!("rust should highlight")
        };
        assert!(first.memo.lines.load(Ordering::Relaxed) > 0);
        first.save_cache().unwrap();
        let second = Highlighter::with_cache(dir.path());
        let Highlighted::Html(cached) = second.highlight(code, "rs") else {
            panic!("rs is rust")
        };
        assert_eq!(cached, fresh);
        assert_eq!(second.memo.lines.load(Ordering::Relaxed), 0, "parsed again");
        assert!(matches!(
            second.highlight("x", "klingon"),
            Highlighted::Plain { known: false }
        ));
    }

    #[test]
    fn stylesheet_has_light_and_dark_rules() {
        let css = stylesheet();
        assert!(css.contains(".hl-"));
        assert!(css.contains(":root[data-theme=\"dark\"] .hl-"));
        assert!(css.contains("prefers-color-scheme: dark"));
    }
}
