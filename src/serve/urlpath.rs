//! Request targets to site paths. Anything that could name a file outside the site is
//! refused before any lookup: dot segments in any encoding, encoded slashes, backslashes,
//! NUL and control bytes, invalid escapes or UTF-8, empty segments, overlong targets.

/// Longest request target accepted, in bytes.
pub const MAX_LEN: usize = 2048;

/// A request target split into a decoded site path and its raw query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// The site path without the leading `/`: `""`, `guides/a/`, `_static/style.css`.
    pub path: String,
    pub query: Option<String>,
}

/// Why a request target was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    TooLong,
    /// Not an origin-form path (`http://host/x`, `*`, no leading `/`).
    NotAPath,
    BadEscape,
    NotUtf8,
    /// NUL or another control character.
    ControlChar,
    Backslash,
    /// `%2f` or `%5c`: a separator hidden in an escape.
    EncodedSeparator,
    /// A `.` or `..` segment.
    DotSegment,
    /// `//` anywhere: an absolute path in disguise.
    EmptySegment,
}

impl Refusal {
    pub fn status(self) -> u16 {
        match self {
            Refusal::TooLong => 414,
            _ => 400,
        }
    }

    pub fn reason(self) -> &'static str {
        match self {
            Refusal::TooLong => "request path too long",
            Refusal::NotAPath => "request target is not a path",
            Refusal::BadEscape => "invalid percent escape",
            Refusal::NotUtf8 => "path is not UTF-8",
            Refusal::ControlChar => "control character in path",
            Refusal::Backslash => "backslash in path",
            Refusal::EncodedSeparator => "encoded path separator",
            Refusal::DotSegment => "`.` or `..` in path",
            Refusal::EmptySegment => "empty path segment",
        }
    }
}

/// Parse a raw request target (`/guides/a/?x=1`).
pub fn parse(raw: &str) -> Result<Target, Refusal> {
    if raw.len() > MAX_LEN {
        return Err(Refusal::TooLong);
    }
    let (raw_path, query) = match raw.split_once('?') {
        Some((p, q)) => (p, Some(q.to_owned())),
        None => (raw, None),
    };
    let raw_path = raw_path.split('#').next().unwrap_or("");
    let Some(rest) = raw_path.strip_prefix('/') else {
        return Err(Refusal::NotAPath);
    };
    let lower = rest.to_ascii_lowercase();
    if lower.contains("%2f") || lower.contains("%5c") {
        return Err(Refusal::EncodedSeparator);
    }
    let path = String::from_utf8(decode(rest)?).map_err(|_| Refusal::NotUtf8)?;
    if path.chars().any(char::is_control) {
        return Err(Refusal::ControlChar);
    }
    if path.contains('\\') {
        return Err(Refusal::Backslash);
    }
    let segments: Vec<&str> = path.split('/').collect();
    let last = segments.len() - 1;
    for (i, seg) in segments.iter().enumerate() {
        match *seg {
            "." | ".." => return Err(Refusal::DotSegment),
            "" if i != last => return Err(Refusal::EmptySegment),
            _ => {}
        }
    }
    Ok(Target { path, query })
}

/// Strict percent-decoding: every `%` must start a two-digit hex escape.
fn decode(s: &str) -> Result<Vec<u8>, Refusal> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3).ok_or(Refusal::BadEscape)?;
            let text = std::str::from_utf8(hex).map_err(|_| Refusal::BadEscape)?;
            out.push(u8::from_str_radix(text, 16).map_err(|_| Refusal::BadEscape)?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    Ok(out)
}

/// Percent-encode a site path for a `Location` header.
pub fn encode(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~!$&'()*+,;=:@".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path(raw: &str) -> String {
        parse(raw).unwrap().path
    }

    #[test]
    fn ordinary_paths_are_decoded() {
        assert_eq!(path("/"), "");
        assert_eq!(path("/guides/a/"), "guides/a/");
        assert_eq!(path("/my%20file.pdf?x=1#top"), "my file.pdf");
        assert_eq!(path("/caf%C3%A9/"), "café/");
        assert_eq!(parse("/a?x=1").unwrap().query.as_deref(), Some("x=1"));
        assert_eq!(path("/%252e%252e/"), "%2e%2e/", "decoded once only");
    }

    #[test]
    fn everything_that_could_leave_the_site_is_refused() {
        let cases = [
            ("/../etc/passwd", Refusal::DotSegment),
            ("/a/../../etc/passwd", Refusal::DotSegment),
            ("/%2e%2e/etc/passwd", Refusal::DotSegment),
            ("/%2E%2E/%2E%2E/etc/passwd", Refusal::DotSegment),
            ("/.%2e/x", Refusal::DotSegment),
            ("/./x", Refusal::DotSegment),
            ("/..", Refusal::DotSegment),
            ("/a%2f..%2f..%2fetc/passwd", Refusal::EncodedSeparator),
            ("/a%5C..%5Cx", Refusal::EncodedSeparator),
            ("/..\\..\\windows", Refusal::Backslash),
            ("/a%00.html", Refusal::ControlChar),
            ("/a%0d%0aSet-Cookie:x", Refusal::ControlChar),
            ("//etc/passwd", Refusal::EmptySegment),
            ("/a//b", Refusal::EmptySegment),
            ("http://evil.test/x", Refusal::NotAPath),
            ("*", Refusal::NotAPath),
            ("etc/passwd", Refusal::NotAPath),
            ("/%c0%ae%c0%ae/x", Refusal::NotUtf8),
            ("/%zz", Refusal::BadEscape),
            ("/a%2", Refusal::BadEscape),
        ];
        for (raw, want) in cases {
            assert_eq!(parse(raw), Err(want), "{raw}");
        }
        assert_eq!(
            parse(&format!("/{}", "a".repeat(MAX_LEN))),
            Err(Refusal::TooLong)
        );
    }

    #[test]
    fn encoding_round_trips() {
        assert_eq!(encode("guides/my file/"), "guides/my%20file/");
        assert_eq!(path(&format!("/{}", encode("café/a b"))), "café/a b");
    }
}
