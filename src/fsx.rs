//! Filesystem reads that never lose the path, and strip a UTF-8 byte-order mark.

use crate::diagnostic::Diagnostic;
use crate::location::Location;
use std::path::Path;

/// Read a UTF-8 text file. `shown` is the path to print (relative to the site root).
pub fn read_text(path: &Path, shown: &Path) -> Result<String, Diagnostic> {
    let bytes = std::fs::read(path)
        .map_err(|e| Diagnostic::error("io", format!("cannot read `{}`: {e}", shown.display())))?;
    text_from_bytes(bytes, shown)
}

/// Decode bytes as UTF-8, naming the line and column of the first invalid byte.
pub fn text_from_bytes(bytes: Vec<u8>, shown: &Path) -> Result<String, Diagnostic> {
    match String::from_utf8(bytes) {
        Ok(mut s) => {
            if s.starts_with('\u{feff}') {
                s.drain(..'\u{feff}'.len_utf8());
            }
            Ok(s)
        }
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let bytes = e.as_bytes();
            let prefix = String::from_utf8_lossy(&bytes[..valid]);
            let loc = Location::at_offset(shown, &prefix, prefix.len());
            Err(Diagnostic::error(
                "encoding",
                format!("`{}` is not valid UTF-8", shown.display()),
            )
            .at_location(loc)
            .help("save the file as UTF-8"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_names_line_and_column() {
        let err = text_from_bytes(b"ok\nab\xffc".to_vec(), Path::new("a.md")).unwrap_err();
        assert_eq!(err.location, Some(Location::new("a.md", 2, 3)));
    }

    #[test]
    fn bom_is_stripped() {
        let s = text_from_bytes("\u{feff}hi".as_bytes().to_vec(), Path::new("a")).unwrap();
        assert_eq!(s, "hi");
    }
}
