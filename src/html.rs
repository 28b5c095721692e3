//! Small HTML text helpers shared by the renderer and outputs.

/// Escape text for element content and double-quoted attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Plain text of an HTML fragment: tags dropped (block tags become spaces, inline tags
/// vanish), common entities decoded, whitespace collapsed.
pub fn to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    // memchr: highlighted code is mostly tags, and this runs over every code block.
    while let Some(start) = memchr::memchr(b'<', rest.as_bytes()) {
        out.push_str(&rest[..start]);
        let Some(end) = memchr::memchr(b'>', &rest.as_bytes()[start..]) else {
            out.push_str(&rest[start..]);
            rest = "";
            break;
        };
        let tag = &rest[start + 1..start + end];
        if !is_inline(tag) {
            out.push(' ');
        }
        rest = &rest[start + end + 1..];
    }
    out.push_str(rest);
    squash_whitespace(&decode_entities(&out))
}

/// Append `s` to `out` the way [`squash_whitespace`] would have it: whitespace runs become
/// one space, `out` never starts with one, and may end with one (trim it when done).
pub fn push_squashed(out: &mut String, s: &str) {
    let gap = |out: &mut String| {
        if !out.is_empty() && !out.ends_with(' ') {
            out.push(' ');
        }
    };
    if s.is_ascii() {
        // Most text: whole words at a time, no character decoding.
        let space = |b: u8| matches!(b, b' ' | b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r');
        let bytes = s.as_bytes();
        let mut i = 0;
        let mut pending = false;
        while i < bytes.len() {
            if space(bytes[i]) {
                pending = true;
                i += 1;
                continue;
            }
            let start = i;
            while i < bytes.len() && !space(bytes[i]) {
                i += 1;
            }
            if pending {
                gap(out);
            }
            out.push_str(&s[start..i]);
            pending = false;
        }
        if pending {
            gap(out);
        }
        return;
    }
    let mut words = s.split_whitespace().peekable();
    let Some(first) = words.peek() else {
        if !s.is_empty() {
            gap(out);
        }
        return;
    };
    let gap_before = !s.starts_with(first);
    let mut next_needs_gap = gap_before;
    for word in words {
        if next_needs_gap {
            gap(out);
        }
        out.push_str(word);
        next_needs_gap = true;
    }
    if s.ends_with(char::is_whitespace) {
        out.push(' ');
    }
}

/// Words separated by single spaces, without leading or trailing whitespace (what
/// `split_whitespace().join(" ")` gives, without the intermediate list).
pub fn squash_whitespace(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_squashed(&mut out, s);
    out.truncate(out.trim_end().len());
    out
}

/// Decode the entities an HTML renderer writes (`&amp;` `&lt;` `&gt;` `&quot;` `&#39;`
/// `&nbsp;`), in one pass.
fn decode_entities(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains('&') {
        return std::borrow::Cow::Borrowed(s);
    }
    const ENTITIES: [(&str, char); 6] = [
        ("&amp;", '&'),
        ("&lt;", '<'),
        ("&gt;", '>'),
        ("&quot;", '"'),
        ("&#39;", '\''),
        ("&nbsp;", ' '),
    ];
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        match ENTITIES.iter().find(|(e, _)| tail.starts_with(e)) {
            Some((e, c)) => {
                out.push(*c);
                rest = &tail[e.len()..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

fn is_inline(tag: &str) -> bool {
    let name = tag.trim_start_matches('/');
    let name = name
        .split(|c: char| c.is_whitespace() || c == '/')
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    matches!(
        name.as_str(),
        "a" | "abbr"
            | "b"
            | "code"
            | "del"
            | "em"
            | "i"
            | "kbd"
            | "mark"
            | "s"
            | "samp"
            | "small"
            | "span"
            | "strong"
            | "sub"
            | "sup"
            | "u"
            | "var"
            | "ins"
            | "q"
            | "time"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pushing_pieces_squashes_like_the_whole() {
        let pieces = [
            "",
            "  a",
            "b ",
            " ",
            "c\td",
            "",
            "\u{2003}e",
            "f",
            "  ",
            "g\n",
        ];
        for split in 0..pieces.len() {
            let parts = &pieces[split..];
            let mut out = String::new();
            for p in parts {
                push_squashed(&mut out, p);
            }
            assert_eq!(
                out.trim_end(),
                squash_whitespace(&parts.concat()),
                "{parts:?}"
            );
        }
    }

    #[test]
    fn squash_whitespace_matches_split_whitespace() {
        for s in [
            "",
            "  ",
            "a",
            " a  b\t\nc \x0b d\x0c\r",
            "é  ü\u{2003}x ",
            "x\u{a0}y",
        ] {
            let want = s.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(squash_whitespace(s), want, "{s:?}");
        }
    }

    #[test]
    fn escapes_and_strips() {
        assert_eq!(
            escape("<a href=\"x\">&'"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
        assert_eq!(to_text("<p>a &amp; <b>b</b></p>\n<p>c</p>"), "a & b c");
        assert_eq!(
            to_text("<p>see <a href=\"x\">the page</a>.</p><p>Next</p>"),
            "see the page. Next"
        );
        assert_eq!(to_text("x<br>y"), "x y");
        assert_eq!(to_text("&amp;lt; &nbsp;&copy; a&b"), "&lt; &copy; a&b");
    }
}
