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

/// Decode bytes as UTF-8, naming the line and column of the first invalid byte. Old Mac
/// line endings (a CR alone) become LF, byte for byte, so offsets stay true; a NUL byte is
/// an error with its location (it has no place in a text and would reach the HTML raw).
pub fn text_from_bytes(bytes: Vec<u8>, shown: &Path) -> Result<String, Diagnostic> {
    match String::from_utf8(bytes) {
        Ok(mut s) => {
            if s.starts_with('\u{feff}') {
                s.drain(..'\u{feff}'.len_utf8());
            }
            if let Some(at) = memchr::memchr(0, s.as_bytes()) {
                return Err(Diagnostic::error(
                    "encoding",
                    format!("`{}` holds a NUL byte", shown.display()),
                )
                .at_location(Location::at_offset(shown, &s, at))
                .help("remove it: a text file has no use for it"));
            }
            if memchr::memchr(b'\r', s.as_bytes()).is_some() {
                s = lone_cr_to_lf(s);
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

/// `\r` not followed by `\n` becomes `\n`; `\r\n` stays.
fn lone_cr_to_lf(s: String) -> String {
    let mut bytes = s.into_bytes();
    for i in 0..bytes.len() {
        if bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n') {
            bytes[i] = b'\n';
        }
    }
    // Replacing one ASCII byte with another keeps the text valid UTF-8.
    String::from_utf8(bytes).unwrap_or_default()
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

    #[test]
    fn lone_cr_becomes_lf_and_nul_is_located() {
        let s = text_from_bytes(b"---\rtitle: A\r---\r\r\nx".to_vec(), Path::new("a")).unwrap();
        assert_eq!(s, "---\ntitle: A\n---\n\r\nx");
        let err = text_from_bytes(b"ok\nab\0c".to_vec(), Path::new("a.md")).unwrap_err();
        assert_eq!(err.location, Some(Location::new("a.md", 2, 3)));
    }
}
