//! Answering requests from the published snapshot: GET and HEAD only, content types, ETags
//! and 304s, `index.html` for folders, `/dir` -> `/dir/`, the site's 404 page, and the
//! reload client injected into every HTML page.

use super::failure::building_page;
use super::inject::{self, CLIENT_JS, PREFIX};
use super::live::{Live, Published};
use super::snapshot::{Body, File, Snapshot};
use super::urlpath::{self, Target};
use super::{mime, reload};
use std::io::{Cursor, Read};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;
use tiny_http::{Header, Method, Request, Response, Server, StatusCode};

/// Take requests from `server` until `stop` is set.
pub fn worker(server: &Server, live: &Arc<Live>, stop: &AtomicBool) {
    while !stop.load(Ordering::Relaxed) {
        match server.recv_timeout(Duration::from_millis(200)) {
            Ok(Some(request)) => handle(request, live),
            Ok(None) => {}
            Err(e) => {
                eprintln!("helpsite: connection error: {e}");
                std::thread::sleep(Duration::from_millis(50));
            }
        }
    }
}

/// Answer one request.
pub fn handle(request: Request, live: &Arc<Live>) {
    if !matches!(request.method(), Method::Get | Method::Head) {
        let allow = headers(&[("Allow", "GET, HEAD")]);
        return text(request, 405, "method not allowed: use GET or HEAD", allow);
    }
    let target = match urlpath::parse(request.url()) {
        Ok(t) => t,
        Err(refusal) => return text(request, refusal.status(), refusal.reason(), Vec::new()),
    };
    if let Some(own) = target.path.strip_prefix(PREFIX) {
        return own_route(request, own, &target, live);
    }
    let published = live.current();
    match &published.snapshot {
        Some(snapshot) => site(request, &target, snapshot),
        None => no_build_yet(request, &target, &published),
    }
}

/// The server's own paths: the client script and the event stream.
fn own_route(request: Request, own: &str, target: &Target, live: &Arc<Live>) {
    match own {
        "live.js" => {
            let etag = format!("\"{}\"", env!("CARGO_PKG_VERSION"));
            if not_modified(&request, &etag) {
                return respond(
                    request,
                    304,
                    headers(&[("ETag", &etag)]),
                    Cursor::new(Vec::new()),
                    0,
                );
            }
            let headers = headers(&[
                ("Content-Type", mime::content_type("live.js")),
                ("ETag", &etag),
                ("Cache-Control", "no-cache"),
            ]);
            respond(
                request,
                200,
                headers,
                Cursor::new(CLIENT_JS.as_bytes()),
                CLIENT_JS.len(),
            );
        }
        "events" if *request.method() == Method::Head => {
            let headers = headers(&[("Content-Type", "text/event-stream; charset=utf-8")]);
            respond(request, 200, headers, Cursor::new(Vec::new()), 0);
        }
        "events" => {
            let build = target.query.as_deref().and_then(|q| {
                q.split('&')
                    .find_map(|kv| kv.strip_prefix("build="))
                    .map(urlpath_decode)
            });
            reload::stream(request, Arc::clone(live), build);
        }
        _ => text(request, 404, "not found", Vec::new()),
    }
}

fn urlpath_decode(s: &str) -> String {
    crate::resolve::percent_decode(s)
}

fn site(request: Request, target: &Target, snapshot: &Snapshot) {
    let path = &target.path;
    let key = if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.clone()
    };
    if let Some(file) = snapshot.get(&key) {
        return serve_file(request, 200, file, &snapshot.id);
    }
    if !path.is_empty()
        && !path.ends_with('/')
        && snapshot.get(&format!("{path}/index.html")).is_some()
    {
        let mut location = format!("/{}/", urlpath::encode(path));
        if let Some(q) = &target.query {
            location.push('?');
            location.push_str(q);
        }
        let headers = headers(&[("Location", &location)]);
        return text(request, 301, &format!("moved to {location}"), headers);
    }
    match snapshot.get("404.html") {
        Some(file) => serve_file(request, 404, file, &snapshot.id),
        None => text(request, 404, "not found", Vec::new()),
    }
}

/// Before any build succeeded: HTML requests get the building page or the error page (with
/// the reload client, so they recover by themselves); other requests a plain status.
fn no_build_yet(request: Request, target: &Target, published: &Published) {
    let (status, page) = match &published.failure {
        Some(f) => (500, f.page()),
        None => (503, building_page()),
    };
    let last = target.path.rsplit('/').next().unwrap_or("");
    if !(last.is_empty() || last.ends_with(".html") || !last.contains('.')) {
        let reason = if status == 500 {
            "the build failed"
        } else {
            "the site is building"
        };
        return text(request, status, reason, Vec::new());
    }
    let body = inject::inject(page.as_bytes(), "");
    let headers = headers(&[
        ("Content-Type", mime::content_type("x.html")),
        ("Cache-Control", "no-store"),
    ]);
    let len = body.len();
    respond(request, status, headers, Cursor::new(body), len);
}

fn serve_file(request: Request, status: u16, file: &File, build: &str) {
    let html = mime::is_html(file.content_type);
    let Some(hash) = file.hash() else {
        return text(request, 404, "not found", Vec::new());
    };
    // An HTML page carries the build id to the reload client, so its ETag must change
    // with the build even when the page did not.
    let etag = if html {
        format!("\"{hash:016x}-{build}\"")
    } else {
        format!("\"{hash:016x}\"")
    };
    if status == 200 && not_modified(&request, &etag) {
        let headers = headers(&[("ETag", &etag), ("Cache-Control", "no-cache")]);
        return respond(request, 304, headers, Cursor::new(Vec::new()), 0);
    }
    let mut headers = headers(&[
        ("Content-Type", file.content_type),
        ("Cache-Control", "no-cache"),
    ]);
    if status == 200 {
        headers.extend(self::headers(&[("ETag", &etag)]));
    }
    match &file.body {
        Body::Memory(bytes) if html => {
            let body = inject::inject(bytes.as_ref(), build);
            let len = body.len();
            respond(request, status, headers, Cursor::new(body), len);
        }
        Body::Memory(bytes) => {
            let len = bytes.as_ref().len();
            respond(request, status, headers, Cursor::new(bytes.clone()), len);
        }
        Body::Disk(path) => {
            match std::fs::File::open(path).and_then(|f| Ok((f.metadata()?.len(), f))) {
                Ok((len, f)) => respond(
                    request,
                    status,
                    headers,
                    f,
                    usize::try_from(len).unwrap_or(usize::MAX),
                ),
                Err(_) => text(request, 404, "not found", Vec::new()),
            }
        }
    }
}

/// Whether the request's `If-None-Match` names `etag` (or `*`).
fn not_modified(request: &Request, etag: &str) -> bool {
    request
        .headers()
        .iter()
        .filter(|h| h.field.equiv("If-None-Match"))
        .flat_map(|h| h.value.as_str().split(','))
        .map(|tag| tag.trim().trim_start_matches("W/"))
        .any(|tag| tag == etag || tag == "*")
}

/// Headers from name/value pairs. Values are ASCII (encoded paths, hex, fixed text), which
/// tiny_http accepts; one it refused would be left out rather than fail the response.
fn headers(pairs: &[(&str, &str)]) -> Vec<Header> {
    pairs
        .iter()
        .filter_map(|(n, v)| Header::from_bytes(n.as_bytes(), v.as_bytes()).ok())
        .collect()
}

fn text(request: Request, status: u16, message: &str, mut headers: Vec<Header>) {
    headers.extend(self::headers(&[
        ("Content-Type", "text/plain; charset=utf-8"),
        ("X-Content-Type-Options", "nosniff"),
    ]));
    let body = format!("{status} {message}\n").into_bytes();
    let len = body.len();
    respond(request, status, headers, Cursor::new(body), len);
}

fn respond<R: Read>(request: Request, status: u16, headers: Vec<Header>, body: R, len: usize) {
    let response = Response::new(StatusCode(status), headers, body, Some(len), None)
        .with_chunked_threshold(usize::MAX);
    // An error means the client went away; there is no one left to tell.
    let _ = request.respond(response);
}
