//! Source positions: every finding and error points at `path:line:col`.

use std::fmt;
use std::path::{Path, PathBuf};

/// A 1-based line and column in a source file, with the file's path relative to the site root.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Location {
    pub path: PathBuf,
    pub line: usize,
    pub col: usize,
}

impl Location {
    pub fn new(path: impl Into<PathBuf>, line: usize, col: usize) -> Self {
        Location {
            path: path.into(),
            line,
            col,
        }
    }

    /// The location of byte `offset` in `src`; columns count characters, not bytes.
    pub fn at_offset(path: &Path, src: &str, offset: usize) -> Self {
        let (line, col) = line_col(src, offset);
        Location::new(path, line, col)
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.path.display(), self.line, self.col)
    }
}

/// 1-based (line, column) of a byte offset; an offset past the end clamps to the end.
pub fn line_col(src: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(src.len());
    while !src.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &src[..offset];
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = src[line_start..offset].chars().count() + 1;
    (line, col)
}

/// Line starts of one text, found on first use, so that locating many offsets in it (every
/// link and heading of a page) costs a binary search each instead of a scan from the start.
#[derive(Debug, Default)]
pub struct LineStarts(std::sync::OnceLock<Vec<usize>>);

impl LineStarts {
    /// The same as [`line_col`], for `src` (always the same text for one `LineStarts`).
    pub fn line_col(&self, src: &str, offset: usize) -> (usize, usize) {
        let starts = self.starts(src);
        let mut offset = offset.min(src.len());
        while !src.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = starts.partition_point(|&s| s <= offset).max(1);
        let col = src[starts[line - 1]..offset].chars().count() + 1;
        (line, col)
    }

    /// The same as [`line_text`], for `src`, without scanning from the start each time.
    pub fn line<'s>(&self, src: &'s str, line: usize) -> Option<&'s str> {
        let starts = self.starts(src);
        let start = *starts.get(line.checked_sub(1)?)?;
        let end = starts.get(line).map_or(src.len(), |&next| next - 1);
        Some(&src[start..end])
    }

    fn starts(&self, src: &str) -> &[usize] {
        self.0.get_or_init(|| {
            std::iter::once(0)
                .chain(
                    src.bytes()
                        .enumerate()
                        .filter(|&(_, b)| b == b'\n')
                        .map(|(i, _)| i + 1),
                )
                .collect()
        })
    }
}

/// The text of 1-based line `line` in `src`, without its line ending.
pub fn line_text(src: &str, line: usize) -> Option<&str> {
    src.split('\n')
        .nth(line.checked_sub(1)?)
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_become_one_based_line_and_char_column() {
        let src = "ab\ncdé\nx";
        assert_eq!(line_col(src, 0), (1, 1));
        assert_eq!(line_col(src, 3), (2, 1));
        assert_eq!(line_col(src, 7), (2, 4));
        assert_eq!(line_col(src, 99), (3, 2));
        assert_eq!(line_text(src, 2), Some("cdé"));
        assert_eq!(line_text(src, 0), None);
        let lines = LineStarts::default();
        for offset in 0..12 {
            assert_eq!(
                lines.line_col(src, offset),
                line_col(src, offset),
                "{offset}"
            );
        }
        for src in ["ab\ncdé\nx", "a\n\nb\n", "", "\n"] {
            let lines = LineStarts::default();
            for n in 0..6 {
                assert_eq!(lines.line(src, n), line_text(src, n), "{src:?} {n}");
            }
        }
    }
}

/// Where a piece of embedded text (a page body, an FAQ answer) starts in its file, so byte
/// offsets inside it can be turned back into file positions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Origin {
    /// 1-based line of the text's first character.
    pub line: usize,
    /// 1-based column of the text's first character.
    pub col: usize,
    /// For block text (YAML `|`), the indentation added to every line; `None` for text
    /// that starts mid-line and continues at column 1 (a page body).
    pub indent: Option<usize>,
}

impl Origin {
    /// Text that starts at the beginning of `line` (a Markdown body after front matter).
    pub fn body(line: usize) -> Self {
        Origin {
            line,
            col: 1,
            indent: None,
        }
    }

    /// The file position of byte `offset` inside `text`.
    pub fn locate(&self, path: &Path, text: &str, offset: usize) -> Location {
        self.place(path, line_col(text, offset))
    }

    /// [`Origin::locate`] with the text's line starts kept between calls.
    pub fn locate_with(
        &self,
        path: &Path,
        text: &str,
        offset: usize,
        lines: &LineStarts,
    ) -> Location {
        self.place(path, lines.line_col(text, offset))
    }

    /// The file position of 1-based line and column `(l, c)` inside the text.
    fn place(&self, path: &Path, (l, c): (usize, usize)) -> Location {
        let line = self.line + l - 1;
        let col = match (l, self.indent) {
            (_, Some(indent)) => indent + c,
            (1, None) => self.col + c - 1,
            (_, None) => c,
        };
        Location::new(path, line, col)
    }
}
