//! Inline syntax of Python-Markdown extensions that real MkDocs trees use, on plain text (never
//! inside code): keys `++ctrl+alt+del++` (pymdownx.keys) become `<kbd>` elements and
//! `==marked==` text (pymdownx.mark) a `<mark>`.

use crate::html::escape;

/// A run of text, or HTML made from a construct.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Piece {
    Text(String),
    Html(String),
}

/// `text` split around its keys and marks; `None` when it holds neither.
pub(super) fn extras(text: &str) -> Option<Vec<Piece>> {
    if !text.contains("++") && !text.contains("==") {
        return None;
    }
    let mut pieces = Vec::new();
    let mut plain = String::new();
    let mut rest = text;
    let mut changed = false;
    while !rest.is_empty() {
        let next = [rest.find("++"), rest.find("==")]
            .into_iter()
            .flatten()
            .min();
        let Some(at) = next else {
            break;
        };
        plain.push_str(&rest[..at]);
        let tail = &rest[at..];
        let made = if tail.starts_with("++") {
            keys(tail)
        } else {
            mark(tail)
        };
        match made {
            Some((html, used)) => {
                if !plain.is_empty() {
                    pieces.push(Piece::Text(std::mem::take(&mut plain)));
                }
                pieces.push(Piece::Html(html));
                rest = &tail[used..];
                changed = true;
            }
            None => {
                plain.push_str(&tail[..2]);
                rest = &tail[2..];
            }
        }
    }
    plain.push_str(rest);
    if !plain.is_empty() {
        pieces.push(Piece::Text(plain));
    }
    changed.then_some(pieces)
}

/// `++ctrl+alt+del++` at the start of `text`: the HTML and the bytes it took.
fn keys(text: &str) -> Option<(String, usize)> {
    let inner_end = text[2..].find("++")? + 2;
    let inner = &text[2..inner_end];
    if inner.is_empty() || inner.contains(char::is_whitespace) && !inner.contains('"') {
        return None;
    }
    let names: Vec<&str> = inner.split('+').collect();
    if names.iter().any(|n| n.is_empty() || n.len() > 30) {
        return None;
    }
    let html: Vec<String> = names
        .iter()
        .map(|n| format!("<kbd>{}</kbd>", escape(&key_label(n))))
        .collect();
    Some((
        format!("<span class=\"keys\">{}</span>", html.join("+")),
        inner_end + 2,
    ))
}

/// What a key is called on the keyboard: `ctrl` -> `Ctrl`, `c` -> `C`, `"My key"` as written.
fn key_label(name: &str) -> String {
    if let Some(quoted) = name.strip_prefix('"').and_then(|n| n.strip_suffix('"')) {
        return quoted.to_owned();
    }
    let lower = name.to_ascii_lowercase();
    let named = match lower.as_str() {
        "ctrl" | "control" => "Ctrl",
        "alt" => "Alt",
        "shift" => "Shift",
        "cmd" | "command" => "Cmd",
        "opt" | "option" => "Option",
        "meta" => "Meta",
        "win" | "windows" => "Win",
        "enter" | "return" => "Enter",
        "esc" | "escape" => "Esc",
        "del" | "delete" => "Del",
        "backspace" => "Backspace",
        "space" => "Space",
        "tab" => "Tab",
        "up" | "arrow-up" => "↑",
        "down" | "arrow-down" => "↓",
        "left" | "arrow-left" => "←",
        "right" | "arrow-right" => "→",
        "pgup" | "page-up" => "Page Up",
        "pgdn" | "page-down" => "Page Down",
        _ => "",
    };
    if !named.is_empty() {
        return named.to_owned();
    }
    let mut chars = lower.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// `==marked text==` at the start of `text` (no space just inside the markers).
fn mark(text: &str) -> Option<(String, usize)> {
    let inner_end = text[2..].find("==")? + 2;
    let inner = &text[2..inner_end];
    let tight = !inner.is_empty()
        && !inner.starts_with(char::is_whitespace)
        && !inner.ends_with(char::is_whitespace)
        && !inner.starts_with('=');
    tight.then(|| (format!("<mark>{}</mark>", escape(inner)), inner_end + 2))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_and_marks() {
        let p = extras("Press ++ctrl+alt+del++ or ++cmd+c++ to ==really== quit.").unwrap();
        assert_eq!(
            p,
            [
                Piece::Text("Press ".into()),
                Piece::Html(
                    "<span class=\"keys\"><kbd>Ctrl</kbd>+<kbd>Alt</kbd>+<kbd>Del</kbd></span>"
                        .into()
                ),
                Piece::Text(" or ".into()),
                Piece::Html("<span class=\"keys\"><kbd>Cmd</kbd>+<kbd>C</kbd></span>".into()),
                Piece::Text(" to ".into()),
                Piece::Html("<mark>really</mark>".into()),
                Piece::Text(" quit.".into()),
            ]
        );
    }

    #[test]
    fn look_alikes_stay_text() {
        for t in [
            "a == b",
            "x++ and y++",
            "C++ is a language",
            "== not ==",
            "a ++ b ++",
        ] {
            assert_eq!(extras(t), None, "{t}");
        }
    }
}
