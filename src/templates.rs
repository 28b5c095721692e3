//! Tera setup: templates from the theme, rendering with errors that name the template file.

use crate::diagnostic::Diagnostic;
use crate::location::Location;
use crate::theme::Theme;
use std::path::PathBuf;
use tera::{Context, Tera};

/// Parsed templates plus where each came from, to point errors at the right file.
pub struct Templates {
    tera: Tera,
    origins: std::collections::BTreeMap<String, PathBuf>,
    /// Ids the templates write as literals (`id="main"`): content ids must avoid them.
    pub ids: Vec<String>,
    /// The theme's static files (by path under `_static/`), for pages that link one only
    /// when it exists.
    statics: std::collections::BTreeSet<String>,
    /// The interface strings of each site language.
    pub strings: crate::i18n::Strings,
}

impl Templates {
    /// Parse every template of the theme and load its strings for `languages`.
    pub fn new(
        theme: &Theme,
        languages: &[crate::language::Language],
    ) -> Result<Self, Vec<Diagnostic>> {
        let strings = crate::i18n::load(theme, languages)?;
        let mut tera = Tera::new();
        tera.autoescape_on([".html", ".xml"]);
        let mut origins = std::collections::BTreeMap::new();
        let mut sources = Vec::new();
        for (name, file) in &theme.templates {
            let text = String::from_utf8_lossy(&file.bytes).into_owned();
            let origin = file
                .origin
                .clone()
                .unwrap_or_else(|| PathBuf::from(format!("<default theme>/templates/{name}")));
            origins.insert(name.clone(), origin);
            sources.push((name.clone(), text));
        }
        let mut ids: Vec<String> = sources.iter().flat_map(|(_, t)| literal_ids(t)).collect();
        ids.sort_unstable();
        ids.dedup();
        let statics = theme.statics.keys().cloned().collect();
        let mut templates = Templates {
            tera,
            origins,
            ids,
            statics,
            strings,
        };
        templates
            .tera
            .add_raw_templates(sources.iter().map(|(n, t)| (n.as_str(), t.as_str())))
            .map_err(|e| vec![templates.error(&e, None)])?;
        Ok(templates)
    }

    /// Whether the theme writes `id` on its pages.
    pub fn is_theme_id(&self, id: &str) -> bool {
        self.ids.binary_search_by(|i| i.as_str().cmp(id)).is_ok()
    }

    pub fn has(&self, name: &str) -> bool {
        self.tera.contains_template(name)
    }

    /// Whether the theme (or the site's `static/`) writes `_static/{name}`.
    pub fn has_static(&self, name: &str) -> bool {
        self.statics.contains(name)
    }

    /// Render `name` with `context`.
    pub fn render(&self, name: &str, context: &Context) -> Result<String, Diagnostic> {
        thread_local! {
            /// Rendered straight into a string, a page grows through several sizes, each
            /// left behind as a gap in memory: at 10,000 pages held until written, that is
            /// tens of MB of the build's peak. Pages render here, then are copied out at
            /// their exact size.
            static BUFFER: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
        }
        BUFFER.with(|cell| {
            // A template that rendered another from inside (none does) would find the
            // buffer taken: it gets a buffer of its own.
            let mut own = Vec::new();
            let mut taken = cell.try_borrow_mut();
            let buffer = match taken.as_mut() {
                Ok(b) => &mut **b,
                Err(_) => &mut own,
            };
            buffer.clear();
            self.tera
                .render_to(name, context, &mut *buffer)
                .map_err(|e| self.error(&e, Some(name)))?;
            // Templates write only `str`s, so the bytes are UTF-8 (`from_utf8` checks them a
            // word at a time; `from_utf8_lossy` would go byte by byte).
            Ok(match std::str::from_utf8(buffer) {
                Ok(text) => text.to_owned(),
                Err(_) => String::from_utf8_lossy(buffer).into_owned(),
            })
        })
    }

    fn error(&self, e: &tera::Error, rendering: Option<&str>) -> Diagnostic {
        let text = error_chain(e);
        let (name, line, col) = parse_position(&text, rendering);
        let origin = name
            .as_deref()
            .and_then(|n| self.origins.get(n).cloned())
            .or_else(|| rendering.and_then(|n| self.origins.get(n).cloned()))
            .or_else(|| self.mentioned(&text))
            .unwrap_or_else(|| PathBuf::from("templates"));
        let first = text
            .lines()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("template error")
            .trim()
            .to_owned();
        let mut d = Diagnostic::error("template", first);
        if let Some(line) = line {
            d = d.at_location(Location::new(&origin, line, col.unwrap_or(1)));
        } else {
            d = d.at_location(Location::new(&origin, 1, 1));
        }
        if text.lines().count() > 1 {
            d = d.help(
                text.lines()
                    .skip(1)
                    .map(str::trim_end)
                    .collect::<Vec<_>>()
                    .join("\n"),
            );
        }
        d
    }
}

impl Templates {
    /// The first known template named in quotes in tera's message, for errors that carry
    /// no position (such as extending a template that does not exist).
    fn mentioned(&self, text: &str) -> Option<PathBuf> {
        text.split(['\'', '`'])
            .skip(1)
            .step_by(2)
            .find_map(|n| self.origins.get(n).cloned())
    }
}

fn error_chain(e: &tera::Error) -> String {
    let mut text = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        text.push('\n');
        text.push_str(&s.to_string());
        source = s.source();
    }
    text
}

/// Find `--> name:line:col` in tera's message.
fn parse_position(
    text: &str,
    fallback: Option<&str>,
) -> (Option<String>, Option<usize>, Option<usize>) {
    for line in text.lines() {
        if let Some(rest) = line.trim().strip_prefix("--> ") {
            let mut parts = rest.rsplitn(3, ':');
            let col = parts.next().and_then(|c| c.trim().parse().ok());
            let ln = parts.next().and_then(|l| l.trim().parse().ok());
            let name = parts.next().map(str::to_owned);
            if ln.is_some() {
                return (name, ln, col);
            }
        }
    }
    (fallback.map(str::to_owned), None, None)
}

/// The literal values of `id="..."` attributes in a template (values with template code
/// left out: they are not known until rendering).
fn literal_ids(text: &str) -> Vec<String> {
    text.match_indices("id=\"")
        .filter(|(i, _)| text[..*i].ends_with(|c: char| c.is_whitespace()))
        .filter_map(|(i, m)| {
            let rest = &text[i + m.len()..];
            let value = &rest[..rest.find('"')?];
            let literal = !value.is_empty() && !value.contains(['{', '}', '%', ' ']);
            literal.then(|| value.to_owned())
        })
        .collect()
}
