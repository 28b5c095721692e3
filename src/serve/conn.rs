//! HTTP/1.1 connections on std threads: read a request head (parsed by httparse), let
//! [`super::http::handle`] answer it, write the reply; keep-alive with an idle timeout; an
//! event stream takes over its connection's thread.
//!
//! Ours rather than tiny_http's (the crate survey's pick): tiny_http 0.12 runs connections
//! on a pool that can queue a new connection behind threads parked on open event streams
//! and idle keep-alive connections. Measured: 3 to 7 of 50 event streams opened together
//! never started, and wrk with 400 connections saw 50 to 100 requests time out. Here each
//! connection has its own thread from accept to close, so nothing waits for anything else.

use super::http;
use super::live::Live;
use super::reload;
use super::snapshot::Shared;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

/// A connection idle this long (between requests, or mid-head) is closed.
pub const IDLE: Duration = Duration::from_secs(10);
/// Connections served at once; more are answered 503 and closed.
pub const MAX_CONNECTIONS: usize = 2048;
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
}

/// A response body.
pub enum Body {
    Bytes(Vec<u8>),
    Shared(Shared),
    File(std::fs::File, u64),
}

impl Body {
    fn len(&self) -> u64 {
        match self {
            Body::Bytes(b) => b.len() as u64,
            Body::Shared(s) => s.as_ref().len() as u64,
            Body::File(_, len) => *len,
        }
    }
}

pub struct Response {
    pub status: u16,
    pub headers: Vec<(&'static str, String)>,
    pub body: Body,
}

/// What to do with a request.
pub enum Reply {
    Send(Response),
    /// Turn the connection into a live-reload event stream; the page came from this build.
    Stream(Option<String>),
}

/// Accept connections on a thread of its own until `stop` is set (then connect once to
/// wake it).
pub fn start(
    listener: TcpListener,
    live: Arc<Live>,
    stop: Arc<AtomicBool>,
) -> std::io::Result<std::thread::JoinHandle<()>> {
    let open = Arc::new(AtomicUsize::new(0));
    std::thread::Builder::new()
        .name("helpsite-accept".to_owned())
        .spawn(move || {
            for stream in listener.incoming() {
                if stop.load(Ordering::Relaxed) {
                    return;
                }
                match stream {
                    Ok(stream) => spawn(stream, &live, &open),
                    // Out of file descriptors, or a connection reset before accept: go on.
                    Err(_) => std::thread::sleep(Duration::from_millis(10)),
                }
            }
        })
}

fn spawn(stream: TcpStream, live: &Arc<Live>, open: &Arc<AtomicUsize>) {
    if open.load(Ordering::Relaxed) >= MAX_CONNECTIONS {
        let _ = (&stream).write_all(
            b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
        );
        return;
    }
    open.fetch_add(1, Ordering::Relaxed);
    let guard = Open(Arc::clone(open));
    let live = Arc::clone(live);
    let spawned = std::thread::Builder::new()
        .name("helpsite-conn".to_owned())
        .stack_size(256 * 1024)
        .spawn(move || {
            let _guard = guard;
            serve(stream, &live);
        });
    if spawned.is_err() {
        // The guard went with the closure; the stream closes as it drops.
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// Counts a connection as open until dropped.
struct Open(Arc<AtomicUsize>);

impl Drop for Open {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::Relaxed);
    }
}

/// Serve requests on one connection until it closes, idles, or becomes a stream.
fn serve(stream: TcpStream, live: &Arc<Live>) {
    let _ = stream.set_read_timeout(Some(IDLE));
    let _ = stream.set_write_timeout(Some(IDLE));
    let _ = stream.set_nodelay(true);
    let mut conn = Conn {
        stream,
        buf: Vec::new(),
    };
    loop {
        let request = match conn.next_request() {
            Ok(Some(r)) => r,
            Ok(None) => return,
            Err(status) => {
                let _ = conn.write(&http::plain(status, "bad request"), false, true);
                return;
            }
        };
        // A request body is never read (only GET and HEAD are served), so the connection
        // cannot carry another request after it.
        let close = !request.keep_alive || request.has_body;
        match http::handle(&request, live) {
            Reply::Send(response) => {
                if conn.write(&response, request.is_head(), close).is_err() || close {
                    return;
                }
            }
            Reply::Stream(build) => {
                reload::stream(conn.stream, live, build.as_deref());
                return;
            }
        }
    }
}

struct Conn {
    stream: TcpStream,
    /// Bytes read but not yet parsed (a pipelined request).
    buf: Vec<u8>,
}

impl Conn {
    /// The next request head; `Ok(None)` at end of stream or timeout; `Err(status)` for a
    /// malformed or oversized head.
    fn next_request(&mut self) -> Result<Option<Request>, u16> {
        loop {
            if !self.buf.is_empty() {
                if let Some((request, used)) = parse(&self.buf)? {
                    if used > MAX_HEAD {
                        return Err(431);
                    }
                    self.buf.drain(..used);
                    return Ok(Some(request));
                }
                if self.buf.len() > MAX_HEAD {
                    return Err(431);
                }
            }
            let mut chunk = [0u8; 4096];
            match self.stream.read(&mut chunk) {
                Ok(0) | Err(_) => return Ok(None),
                Ok(n) => self.buf.extend_from_slice(&chunk[..n]),
            }
        }
    }

    fn write(&mut self, response: &Response, head_only: bool, close: bool) -> std::io::Result<()> {
        let mut head = format!(
            "HTTP/1.1 {} {}\r\n",
            response.status,
            reason(response.status)
        );
        let no_body = response.status == 304 || response.status == 204;
        if !no_body {
            head.push_str(&format!("Content-Length: {}\r\n", response.body.len()));
        }
        for (name, value) in &response.headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        if close {
            head.push_str("Connection: close\r\n");
        }
        head.push_str("\r\n");
        let mut w = std::io::BufWriter::with_capacity(64 * 1024, &self.stream);
        w.write_all(head.as_bytes())?;
        if !(head_only || no_body) {
            match &response.body {
                Body::Bytes(b) => w.write_all(b)?,
                Body::Shared(s) => w.write_all(s.as_ref())?,
                Body::File(f, len) => {
                    std::io::copy(&mut f.take(*len), &mut w)?;
                }
            }
        }
        w.flush()
    }
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
        keep_alive,
        has_body,
    };
    Ok(Some((request, used)))
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        204 => "No Content",
        301 => "Moved Permanently",
        304 => "Not Modified",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        414 => "URI Too Long",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "",
    }
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
        assert!(r.keep_alive && !r.has_body);
        assert_eq!(&raw[used..], b"GET /b");
        assert!(
            parse(b"GET / HTTP/1.1\r\nHost: h\r\n").unwrap().is_none(),
            "partial"
        );
        let (r, _) = parse(b"POST / HTTP/1.0\r\nContent-Length: 3\r\n\r\nabc")
            .unwrap()
            .unwrap();
        assert!(!r.keep_alive && r.has_body);
        assert_eq!(
            parse(b"GET / HTTP/1.1\r\nBad Header\r\n\r\n").err(),
            Some(400)
        );
    }
}
