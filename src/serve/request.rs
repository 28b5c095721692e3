//! Request heads: parsed by httparse from the bytes read so far, into an owned
//! [`Request`] with what the connection needs to know (keep-alive, a body, the version).

/// Largest request head accepted.
const MAX_HEAD: usize = 16 * 1024;
const MAX_HEADERS: usize = 64;

/// A parsed request head.
#[derive(Debug)]
pub struct Request {
    pub method: String,
    /// The request target exactly as sent.
    pub target: String,
    headers: Vec<(String, String)>,
    /// 1 for HTTP/1.1, 0 for HTTP/1.0.
    version: u8,
    keep_alive: bool,
    has_body: bool,
}

impl Request {
    /// Values of header `name` (any letter case).
    pub fn header<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.headers
            .iter()
            .filter(move |(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn is_head(&self) -> bool {
        self.method == "HEAD"
    }

    pub fn is_http11(&self) -> bool {
        self.version == 1
    }

    /// Whether the connection must close after the response: the client asked, or sent a
    /// body, which is never read (only GET and HEAD are served), so no request can follow.
    pub fn ends_connection(&self) -> bool {
        !self.keep_alive || self.has_body
    }
}

/// Take the complete head at the start of `buf` out of it; `Ok(None)` while it is still
/// partial; `Err(status)` for a malformed or oversized one.
pub fn take(buf: &mut Vec<u8>) -> Result<Option<Request>, u16> {
    if buf.is_empty() {
        return Ok(None);
    }
    if let Some((request, used)) = parse(buf)? {
        if used > MAX_HEAD {
            return Err(431);
        }
        buf.drain(..used);
        return Ok(Some(request));
    }
    if buf.len() > MAX_HEAD {
        return Err(431);
    }
    Ok(None)
}

/// Parse a complete head at the start of `buf`: the request and the bytes it used.
fn parse(buf: &[u8]) -> Result<Option<(Request, usize)>, u16> {
    let mut headers = [httparse::EMPTY_HEADER; MAX_HEADERS];
    let mut req = httparse::Request::new(&mut headers);
    let used = match req.parse(buf) {
        Ok(httparse::Status::Complete(n)) => n,
        Ok(httparse::Status::Partial) => return Ok(None),
        Err(httparse::Error::TooManyHeaders) => return Err(431),
        Err(_) => return Err(400),
    };
    let headers: Vec<(String, String)> = req
        .headers
        .iter()
        .map(|h| {
            (
                h.name.to_owned(),
                String::from_utf8_lossy(h.value).into_owned(),
            )
        })
        .collect();
    let value = |name: &str| {
        headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.to_ascii_lowercase())
    };
    let connection = value("connection").unwrap_or_default();
    let keep_alive = match req.version {
        Some(1) => !connection.contains("close"),
        _ => connection.contains("keep-alive"),
    };
    let has_body = value("transfer-encoding").is_some()
        || value("content-length").is_some_and(|l| l.trim() != "0");
    let request = Request {
        method: req.method.unwrap_or("").to_owned(),
        target: req.path.unwrap_or("").to_owned(),
        headers,
        version: req.version.unwrap_or(0),
        keep_alive,
        has_body,
    };
    Ok(Some((request, used)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heads_are_parsed_with_keep_alive_and_body_flags() {
        let raw = b"GET /a/?x=1 HTTP/1.1\r\nHost: h\r\nIf-None-Match: \"e\"\r\n\r\nGET /b";
        let (r, used) = parse(raw).unwrap().unwrap();
        assert_eq!((r.method.as_str(), r.target.as_str()), ("GET", "/a/?x=1"));
        assert_eq!(r.header("if-none-match").collect::<Vec<_>>(), ["\"e\""]);
        assert!(r.keep_alive && !r.has_body && r.is_http11());
        assert_eq!(&raw[used..], b"GET /b");
        assert!(
            parse(b"GET / HTTP/1.1\r\nHost: h\r\n").unwrap().is_none(),
            "partial"
        );
        let (r, _) = parse(b"POST / HTTP/1.0\r\nContent-Length: 3\r\n\r\nabc")
            .unwrap()
            .unwrap();
        assert!(!r.keep_alive && r.has_body && !r.is_http11());
        assert_eq!(
            parse(b"GET / HTTP/1.1\r\nBad Header\r\n\r\n").err(),
            Some(400)
        );
    }

    #[test]
    fn heads_are_taken_from_the_buffer_once_complete() {
        let mut buf = b"GET / HTTP/1.1\r\nHost: h".to_vec();
        assert!(take(&mut buf).unwrap().is_none());
        buf.extend_from_slice(b"\r\n\r\nGET /b HTTP/1.1\r\n");
        assert_eq!(take(&mut buf).unwrap().unwrap().target, "/");
        assert_eq!(buf, b"GET /b HTTP/1.1\r\n");
        buf.extend_from_slice(&[b'a'; MAX_HEAD]);
        assert_eq!(take(&mut buf).err(), Some(431));
    }
}
