//! The bodies of MkDocs block containers (`!!! note`, `??? tip`, `=== "Tab"`) are
//! indented, so a Markdown parser sees them as code. To find the links and headings inside,
//! the text is flattened: marker lines become blank and bodies lose their indentation,
//! with a map back to the author's offsets (each line only loses a prefix).

/// Flattened text, and where each of its lines starts in the author's text.
#[derive(Debug)]
pub struct Flat {
    pub text: String,
    /// `(start in text, start in the original)` of every line.
    lines: Vec<(usize, usize)>,
}

impl Flat {
    /// The offset in the author's text of byte `offset` of the flattened text.
    pub fn original(&self, offset: usize) -> usize {
        let i = self.lines.partition_point(|&(s, _)| s <= offset).max(1) - 1;
        let (start, orig) = self.lines.get(i).copied().unwrap_or((0, 0));
        orig + offset.saturating_sub(start)
    }
}

/// Flatten `text`. Text without containers comes back as it is.
pub fn flatten(text: &str) -> Flat {
    let mut out = Flat {
        text: String::with_capacity(text.len()),
        lines: Vec::new(),
    };
    // The body indentation of each open container, innermost last.
    let mut open: Vec<usize> = Vec::new();
    let mut orig = 0;
    for line in text.split_inclusive('\n') {
        let indent = line.len() - line.trim_start_matches(' ').len();
        let blank = line.trim().is_empty();
        if !blank {
            while open.last().is_some_and(|&need| indent < need) {
                open.pop();
            }
        }
        let strip = open.last().copied().unwrap_or(0).min(indent);
        out.lines.push((out.text.len(), orig + strip));
        if is_marker(&line[indent..]) {
            open.push(indent + 4);
            out.text.push('\n');
        } else {
            out.text.push_str(&line[strip..]);
        }
        orig += line.len();
    }
    out
}

/// `!!! note`, `??? note`, `???+ note` (admonitions) or `=== "Tab"` (content tabs).
fn is_marker(line: &str) -> bool {
    let admonition = ["???+", "!!!", "???"]
        .iter()
        .find_map(|m| line.strip_prefix(m))
        .is_some_and(|rest| rest.starts_with([' ', '\t']) && !rest.trim().is_empty());
    let tab = ["===! ", "===+ ", "=== "]
        .iter()
        .find_map(|m| line.strip_prefix(m))
        .is_some_and(|rest| rest.trim_start().starts_with('"'));
    admonition || tab
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn container_bodies_lose_their_indentation() {
        let text = "# T\n\n!!! note \"Hi\"\n    See [a](a.md).\n\n    === \"One\"\n        [b](b.md)\n\nAfter.\n\n    code\n";
        let flat = flatten(text);
        assert_eq!(
            flat.text,
            "# T\n\n\nSee [a](a.md).\n\n\n[b](b.md)\n\nAfter.\n\n    code\n"
        );
        for link in ["a.md", "b.md", "After", "code"] {
            let at = flat.text.find(link).unwrap();
            assert_eq!(&text[flat.original(at)..][..link.len()], link);
        }
    }

    #[test]
    fn setext_underlines_are_not_tabs() {
        assert!(!is_marker("===\n"));
        assert!(!is_marker("!!!\n"));
        assert!(is_marker("???+ tip\n"));
    }
}
