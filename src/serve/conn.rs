//! HTTP/1.1 connections on std threads: read a request head (parsed by httparse) within
//! its deadline, check its Host, let [`super::http::handle`] answer it, write the reply;
//! keep-alive; an event stream takes over its connection's thread.
//!
//! Ours rather than tiny_http's (the crate survey's pick): tiny_http 0.12 runs connections
//! on a pool that can queue a new connection behind threads parked on open event streams
//! and idle keep-alive connections. Measured: 3 to 7 of 50 event streams opened together
//! never started, and wrk with 400 connections saw 50 to 100 requests time out. Here each
//! connection has its own thread from accept to close, so nothing waits for anything else.

use super::host::Hosts;
use super::http;
use super::limits::{Slot, Slots};
use super::live::Live;
use super::reload;
use super::request::{self, Request};
use super::snapshot::Shared;
use std::io::{ErrorKind, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// A response this slow to be taken by the client is abandoned.
const WRITE_TIMEOUT: Duration = Duration::from_secs(10);
/// How long a refused connection is drained before it closes.
const LINGER: Duration = Duration::from_millis(500);

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

/// What every connection shares: the published site, the hosts it answers to, and the
/// connection slots.
pub struct Context {
    pub live: Arc<Live>,
    pub hosts: Hosts,
    pub slots: Slots,
}

/// Accept connections on a thread of its own until `stop` is set (then connect once to
/// wake it).
pub fn start(
    listener: TcpListener,
    context: Arc<Context>,
    stop: Arc<AtomicBool>,
) -> std::io::Result<std::thread::JoinHandle<()>> {
    std::thread::Builder::new()
        .name("helpsite-accept".to_owned())
        .spawn(move || {
            for stream in listener.incoming() {
                if stop.load(Ordering::Relaxed) {
                    return;
                }
                match stream {
                    Ok(stream) => spawn(stream, &context),
                    // Out of file descriptors, or a connection reset before accept: go on.
                    Err(_) => std::thread::sleep(Duration::from_millis(10)),
                }
            }
        })
}

fn spawn(stream: TcpStream, context: &Arc<Context>) {
    let Some(slot) = context.slots.admit() else {
        let _ = (&stream).write_all(
            b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
        );
        return;
    };
    let context = Arc::clone(context);
    let spawned = std::thread::Builder::new()
        .name("helpsite-conn".to_owned())
        .stack_size(256 * 1024)
        .spawn(move || {
            serve(stream, &context, &slot);
        });
    if spawned.is_err() {
        // The slot went with the closure; the stream closes as it drops.
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// Serve requests on one connection until it closes, misses a head deadline, or becomes a
/// stream.
fn serve(stream: TcpStream, context: &Context, slot: &Slot) {
    let _ = stream.set_write_timeout(Some(WRITE_TIMEOUT));
    let _ = stream.set_nodelay(true);
    let mut conn = Conn {
        stream: Arc::new(stream),
        buf: Vec::new(),
    };
    loop {
        // Listed as waiting (and so closable when the server is crowded) until the head is
        // in; a refused head stays listed while the connection lingers.
        let waiter = context.slots.wait(&conn.stream, slot);
        let request = match conn.next_request(waiter.deadline()) {
            Ok(Some(r)) => r,
            Ok(None) => return,
            Err(status) => {
                if conn.write(&refusal(status, context), false, true).is_ok() {
                    conn.linger();
                }
                return;
            }
        };
        drop(waiter);
        if let Err(response) = context.hosts.check(&request) {
            if conn.write(&response, request.is_head(), true).is_ok() {
                conn.linger();
            }
            return;
        }
        let close = request.ends_connection();
        match http::handle(&request, &context.live) {
            Reply::Send(response) => {
                if conn.write(&response, request.is_head(), close).is_err() || close {
                    return;
                }
            }
            Reply::Stream(build) => {
                reload::stream(&conn.stream, &context.live, build.as_deref());
                return;
            }
        }
    }
}

/// The answer to a head that could not be read.
fn refusal(status: u16, context: &Context) -> Response {
    let message = match status {
        408 => format!(
            "the request head did not arrive within {} ms",
            context.slots.limits().head.as_millis()
        ),
        431 => "request head too large".to_owned(),
        _ => "bad request".to_owned(),
    };
    http::plain(status, &message)
}

struct Conn {
    /// Shared with the list of waiting connections, which may shut it down.
    stream: Arc<TcpStream>,
    /// Bytes read but not yet parsed (a pipelined request).
    buf: Vec<u8>,
}

impl Conn {
    /// The next request head; `Ok(None)` at end of stream, or at `deadline` when nothing of
    /// a head came; `Err(status)` for a malformed or oversized head, or 408 for one that
    /// was not complete by `deadline`.
    fn next_request(&mut self, deadline: Instant) -> Result<Option<Request>, u16> {
        loop {
            if let Some(request) = request::take(&mut self.buf)? {
                return Ok(Some(request));
            }
            // A deadline for the whole head, not per read: a client sending a byte at a
            // time cannot hold the connection longer than a silent one.
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return if self.buf.is_empty() {
                    Ok(None)
                } else {
                    Err(408)
                };
            }
            let _ = self.stream.set_read_timeout(Some(left));
            let mut chunk = [0u8; 4096];
            match (&*self.stream).read(&mut chunk) {
                Ok(0) => return Ok(None),
                Ok(n) => self.buf.extend_from_slice(&chunk[..n]),
                Err(e)
                    if matches!(
                        e.kind(),
                        ErrorKind::WouldBlock | ErrorKind::TimedOut | ErrorKind::Interrupted
                    ) => {}
                Err(_) => return Ok(None),
            }
        }
    }

    /// Before closing after a refusal: stop sending and read what the client still sends
    /// for a moment, because closing with unread input resets the connection, and a reset
    /// can destroy the refusal before the client reads it.
    fn linger(&self) {
        let _ = self.stream.shutdown(std::net::Shutdown::Write);
        let until = Instant::now() + LINGER;
        let mut sink = [0u8; 4096];
        loop {
            let left = until.saturating_duration_since(Instant::now());
            if left.is_zero() || self.stream.set_read_timeout(Some(left)).is_err() {
                return;
            }
            match (&*self.stream).read(&mut sink) {
                Ok(0) | Err(_) => return,
                Ok(_) => {}
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
        let mut w = std::io::BufWriter::with_capacity(64 * 1024, &*self.stream);
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

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        204 => "No Content",
        301 => "Moved Permanently",
        304 => "Not Modified",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        414 => "URI Too Long",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "",
    }
}
