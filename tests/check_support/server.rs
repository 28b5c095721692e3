//! A tiny HTTP/1.1 server on 127.0.0.1 for the external link tests: fixed routes, and a log
//! of every request so tests can assert what was (not) asked.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::Duration;

#[derive(Clone)]
pub struct Server {
    pub port: u16,
    log: Arc<Mutex<Vec<(String, String)>>>,
}

impl Server {
    pub fn base(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// How many `method path` requests arrived.
    pub fn count(&self, method: &str, path: &str) -> usize {
        let log = self.log.lock().unwrap();
        log.iter().filter(|(m, p)| m == method && p == path).count()
    }
}

/// Start the server on a free port; it lives until the test process ends.
pub fn start() -> Server {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let server = Server {
        port: listener.local_addr().unwrap().port(),
        log: Arc::default(),
    };
    let s = server.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let s = s.clone();
            std::thread::spawn(move || handle(stream, &s));
        }
    });
    server
}

/// A port nothing listens on.
pub fn refused_port() -> u16 {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    l.local_addr().unwrap().port()
}

fn handle(stream: TcpStream, server: &Server) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    let mut headers = Vec::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 || line.trim().is_empty() {
            break;
        }
        headers.push(line.trim().to_ascii_lowercase());
    }
    let mut parts = request_line.split_whitespace();
    let method = parts.next().unwrap_or("").to_owned();
    let path = parts.next().unwrap_or("").to_owned();
    let seen_before = server.count(&method, &path);
    server
        .log
        .lock()
        .unwrap()
        .push((method.clone(), path.clone()));
    let (status, mut extra) = route(&method, &path, seen_before, &headers);
    let (content_type, body) = page(&path);
    if let Some(t) = content_type {
        extra.push_str(&format!("Content-Type: {t}\r\n"));
    }
    let body = if method == "GET" { body } else { "" };
    let response = format!(
        "HTTP/1.1 {status} X\r\nContent-Length: {}\r\nConnection: close\r\n{extra}\r\n{body}",
        body.len()
    );
    let mut stream = stream;
    let _ = stream.write_all(response.as_bytes());
}

/// The `Content-Type` and body of a GET answer: HTML pages with ids for the fragment tests,
/// plain text, and a bare `body` for everything else.
fn page(path: &str) -> (Option<&'static str>, &'static str) {
    match path {
        "/doc" => (
            Some("text/html; charset=utf-8"),
            "<!DOCTYPE html><html><head><title>Doc</title></head><body>\
             <h1 id=\"intro\">Intro</h1><h2 id=\"install-the-client\">Install</h2>\
             <a name=\"old-anchor\"></a><p>See <a href=\"#intro\">intro</a>.</p>\
             <script>var s = '<p id=\"in-script\">';</script></body></html>",
        ),
        "/guide" => (
            Some("text/html"),
            "<html><body><h2 id=\"setup\">Setup</h2><h2 id='other'>Other</h2></body></html>",
        ),
        "/notes.txt" => (Some("text/plain"), "no ids here\n"),
        _ => (None, "body"),
    }
}

fn route(method: &str, path: &str, seen_before: usize, headers: &[String]) -> (u16, String) {
    let to = |p: &str| format!("Location: {p}\r\n");
    match path {
        "/ok" | "/fine" | "/doc" | "/guide" | "/notes.txt" => (200, String::new()),
        "/missing" => (404, String::new()),
        "/error" => (500, String::new()),
        "/chain1" => (302, to("/chain2")),
        "/chain2" => (307, to("/ok")),
        "/moved" => (301, to("/ok")),
        "/loop-a" => (302, to("/loop-b")),
        "/loop-b" => (302, to("/loop-a")),
        "/busy-once" if seen_before == 0 => (429, "Retry-After: 1\r\n".to_owned()),
        "/busy-once" => (200, String::new()),
        "/busy" => (429, "Retry-After: 1\r\n".to_owned()),
        "/slow" => {
            std::thread::sleep(Duration::from_secs(3));
            (200, String::new())
        }
        "/head-refused" if method == "HEAD" => (405, String::new()),
        "/head-refused" => (200, String::new()),
        "/needs-token" if headers.iter().any(|h| h == "x-token: secret") => (200, String::new()),
        "/needs-token" => (403, String::new()),
        "/robots-unwelcome" => (999, String::new()),
        _ => (404, String::new()),
    }
}
