//! The live-reload client, and putting it into served HTML. Only the server does this:
//! `helpsite build` output never holds the script.

/// Where the client script is served.
pub const CLIENT_PATH: &str = "__helpsite/live.js";
/// Everything the server itself answers lives under this prefix.
pub const PREFIX: &str = "__helpsite/";

/// The client: reloads, swaps stylesheets, shows build errors.
pub const CLIENT_JS: &str = include_str!("client.js");

/// `html` with the client script added before `</body>` (or at the end), telling it which
/// build the page comes from.
pub fn inject(html: &[u8], build: &str) -> Vec<u8> {
    let tag = format!(
        "<script src=\"/{CLIENT_PATH}\" data-build=\"{}\" defer></script>\n",
        crate::html::escape(build)
    );
    let at = find_body_end(html).unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + tag.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(tag.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

/// The position of the last `</body`, in any letter case.
fn find_body_end(html: &[u8]) -> Option<usize> {
    const END: &[u8] = b"</body";
    html.windows(END.len())
        .rposition(|w| w.eq_ignore_ascii_case(END))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_goes_before_the_last_body_end() {
        let out = inject(b"<html><body><p>x</p></BODY></html>", "b-1");
        let text = String::from_utf8(out).unwrap();
        assert!(text.starts_with(
            "<html><body><p>x</p><script src=\"/__helpsite/live.js\" data-build=\"b-1\""
        ));
        assert!(text.ends_with("</script>\n</BODY></html>"));
        let bare = String::from_utf8(inject(b"<p>no body</p>", "")).unwrap();
        assert!(bare.starts_with("<p>no body</p><script"));
    }
}
