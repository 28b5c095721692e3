//! Live-reload events over Server-Sent Events. Each stream runs on its connection's thread
//! and writes each event as it comes. A heartbeat comment finds dead clients, whose threads
//! then end.

use super::live::{CatchUp, Live};
use std::io::Write;
use std::net::TcpStream;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// How often an idle stream sends a comment; a write to a dead client fails and ends it.
pub const HEARTBEAT: Duration = Duration::from_secs(5);
/// Streams open at once; more are refused with 503 rather than costing a thread each.
pub const MAX_STREAMS: usize = 512;

/// An event for the reload client.
pub enum Event<'a> {
    /// Reload the page (keeping scroll position and open questions).
    Reload { build: &'a str },
    /// Only these stylesheets changed: swap them in place.
    Css { build: &'a str, paths: &'a [String] },
    /// The latest build failed: show the overlay. Data is [`super::failure::Failure::json`].
    Failed { json: &'a str },
}

impl Event<'_> {
    /// The event in the text/event-stream format. (Not named `error`: that name is taken by
    /// EventSource's own connection-error event.)
    pub fn encode(&self) -> String {
        let (name, data) = match self {
            Event::Reload { build } => {
                ("reload", serde_json::json!({ "build": build }).to_string())
            }
            Event::Css { build, paths } => (
                "css",
                serde_json::json!({ "build": build, "paths": paths }).to_string(),
            ),
            Event::Failed { json } => ("build-error", (*json).to_owned()),
        };
        format!("event: {name}\ndata: {data}\n\n")
    }
}

/// The open streams.
#[derive(Default)]
pub struct Hub {
    clients: Mutex<Vec<Sender<Arc<str>>>>,
    /// Streams whose thread is still running.
    open: Arc<AtomicUsize>,
    closed: AtomicBool,
}

/// Counts a stream as open until dropped.
struct Open(Arc<AtomicUsize>);

impl Drop for Open {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::Relaxed);
    }
}

impl Hub {
    fn clients(&self) -> std::sync::MutexGuard<'_, Vec<Sender<Arc<str>>>> {
        self.clients.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// A receiver for every future event, or `None` when closed or full.
    fn subscribe(&self) -> Option<(Receiver<Arc<str>>, Open)> {
        let mut clients = self.clients();
        if self.closed.load(Ordering::Relaxed) || self.open() >= MAX_STREAMS {
            return None;
        }
        let (tx, rx) = mpsc::channel();
        clients.push(tx);
        self.open.fetch_add(1, Ordering::Relaxed);
        Some((rx, Open(Arc::clone(&self.open))))
    }

    /// Streams currently open.
    pub fn open(&self) -> usize {
        self.open.load(Ordering::Relaxed)
    }

    /// Send `event` to every open stream, forgetting streams that ended.
    pub fn broadcast(&self, event: &Event) {
        let text: Arc<str> = Arc::from(event.encode());
        self.clients().retain(|c| c.send(Arc::clone(&text)).is_ok());
    }

    /// End every stream and refuse new ones (shutdown).
    pub fn close(&self) {
        self.closed.store(true, Ordering::Relaxed);
        self.clients().clear();
    }
}

const HEADERS: &[u8] = b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\n\
Cache-Control: no-cache, no-store\r\nConnection: close\r\nX-Accel-Buffering: no\r\n\r\n\
retry: 1000\n\n";

/// Turn `stream` (a connection whose request asked for events) into an event stream, on
/// the connection's own thread. `build` is the build the page came from: if another build
/// is live by now, the stream starts with what the page needs to catch up (a stylesheet
/// swap when only CSS changed since, a reload otherwise). Returns when the client is gone
/// or the server stops.
pub fn stream(stream: &TcpStream, live: &Live, build: Option<&str>) {
    let mut stream = stream;
    let Some((rx, _open)) = live.hub.subscribe() else {
        let _ = stream.write_all(
            b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
        );
        return;
    };
    // Only writes from now on; a stuck client must not hold the thread for long.
    let _ = stream.set_write_timeout(Some(HEARTBEAT * 2));
    // An error means the client went away: the stream just ends.
    let _ = run(&mut stream, &rx, live, build);
}

fn run(
    w: &mut &TcpStream,
    rx: &Receiver<Arc<str>>,
    live: &Live,
    build: Option<&str>,
) -> std::io::Result<()> {
    w.write_all(HEADERS)?;
    let now = live.current();
    if let Some(snapshot) = &now.snapshot {
        let id = snapshot.id.as_str();
        match live.catch_up(build, id) {
            CatchUp::Nothing => {}
            CatchUp::Css(paths) => w.write_all(
                Event::Css {
                    build: id,
                    paths: &paths,
                }
                .encode()
                .as_bytes(),
            )?,
            CatchUp::Reload => w.write_all(Event::Reload { build: id }.encode().as_bytes())?,
        }
    }
    if let Some(failure) = &now.failure {
        w.write_all(
            Event::Failed {
                json: &failure.json(),
            }
            .encode()
            .as_bytes(),
        )?;
    }
    w.flush()?;
    loop {
        match rx.recv_timeout(HEARTBEAT) {
            Ok(text) => w.write_all(text.as_bytes())?,
            Err(RecvTimeoutError::Timeout) => w.write_all(b": ping\n\n")?,
            Err(RecvTimeoutError::Disconnected) => return Ok(()),
        }
        w.flush()?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_are_encoded_for_event_source() {
        assert_eq!(
            Event::Reload { build: "a-1" }.encode(),
            "event: reload\ndata: {\"build\":\"a-1\"}\n\n"
        );
        let paths = vec!["_static/style.css".to_owned()];
        let css = Event::Css {
            build: "a-2",
            paths: &paths,
        }
        .encode();
        assert!(
            css.starts_with("event: css\ndata: {")
                && css.contains("\"paths\":[\"_static/style.css\"]")
        );
        assert!(
            Event::Failed { json: "{}" }
                .encode()
                .starts_with("event: build-error\n")
        );
    }

    #[test]
    fn hub_forgets_ended_streams_and_closes() {
        let hub = Hub::default();
        let (a, _a_open) = hub.subscribe().unwrap();
        let (b, b_open) = hub.subscribe().unwrap();
        assert_eq!(hub.open(), 2);
        drop((b, b_open));
        assert_eq!(hub.open(), 1);
        hub.broadcast(&Event::Reload { build: "x" });
        assert!(a.recv().unwrap().contains("reload"));
        assert_eq!(hub.clients().len(), 1);
        hub.close();
        assert!(a.recv().is_err());
        assert!(hub.subscribe().is_none());
    }
}
