//! Answering requests from the published snapshot: GET and HEAD only, content types, ETags
//! and 304s, `index.html` for folders, `/dir` -> `/dir/`, the site's 404 page, and the
//! reload client injected into every HTML page.

use super::conn::{Body, Reply, Response};
use super::failure::building_page;
use super::inject::{self, CLIENT_JS, PREFIX};
use super::live::{Live, Published};
use super::mime;
use super::request::Request;
use super::snapshot::{self, File, Snapshot};
use super::urlpath::{self, Target};

/// Answer one request.
pub fn handle(request: &Request, live: &Live) -> Reply {
    if !matches!(request.method.as_str(), "GET" | "HEAD") {
        let mut response = plain(405, "method not allowed: use GET or HEAD");
        response.headers.push(("Allow", "GET, HEAD".to_owned()));
        return Reply::Send(response);
    }
    let target = match urlpath::parse(&request.target) {
        Ok(t) => t,
        Err(refusal) => return Reply::Send(plain(refusal.status(), refusal.reason())),
    };
    if let Some(own) = target.path.strip_prefix(PREFIX) {
        return own_route(request, own, &target);
    }
    let published = live.current();
    Reply::Send(match &published.snapshot {
        Some(snapshot) => site(request, &target, snapshot),
        None => no_build_yet(&target, &published),
    })
}

/// The server's own paths: the client script and the event stream.
fn own_route(request: &Request, own: &str, target: &Target) -> Reply {
    match own {
        "live.js" => {
            let etag = format!("\"{}\"", env!("CARGO_PKG_VERSION"));
            if not_modified(request, &etag) {
                return Reply::Send(not_modified_response(&etag));
            }
            Reply::Send(Response {
                status: 200,
                headers: vec![
                    ("Content-Type", mime::content_type("live.js").to_owned()),
                    ("ETag", etag),
                    ("Cache-Control", "no-cache".to_owned()),
                ],
                body: Body::Bytes(CLIENT_JS.as_bytes().to_vec()),
            })
        }
        "events" if request.is_head() => Reply::Send(Response {
            status: 200,
            headers: vec![(
                "Content-Type",
                "text/event-stream; charset=utf-8".to_owned(),
            )],
            body: Body::Bytes(Vec::new()),
        }),
        "events" => {
            let build = target.query.as_deref().and_then(|q| {
                q.split('&')
                    .find_map(|kv| kv.strip_prefix("build="))
                    .map(crate::resolve::percent_decode)
            });
            Reply::Stream(build)
        }
        _ => Reply::Send(plain(404, "not found")),
    }
}

fn site(request: &Request, target: &Target, snapshot: &Snapshot) -> Response {
    let mount = snapshot.mount.as_str();
    let Some(path) = target.path.strip_prefix(mount) else {
        // Outside the base path: the root leads there, anything else is not in the site.
        if target.path.is_empty() || Some(target.path.as_str()) == mount.strip_suffix('/') {
            let mut response = plain(301, &format!("the site is at /{mount}"));
            response
                .headers
                .push(("Location", format!("/{}", urlpath::encode(mount))));
            return response;
        }
        return not_found(request, snapshot);
    };
    let key = if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.to_owned()
    };
    if let Some(file) = snapshot.get(&key) {
        return serve_file(request, 200, file, &snapshot.id);
    }
    if !path.is_empty()
        && !path.ends_with('/')
        && snapshot.get(&format!("{path}/index.html")).is_some()
    {
        let mut location = format!("/{}{}/", urlpath::encode(mount), urlpath::encode(path));
        if let Some(q) = &target.query {
            location.push('?');
            location.push_str(q);
        }
        let mut response = plain(301, &format!("moved to {location}"));
        response.headers.push(("Location", location));
        return response;
    }
    not_found(request, snapshot)
}

fn not_found(request: &Request, snapshot: &Snapshot) -> Response {
    match snapshot.get("404.html") {
        Some(file) => serve_file(request, 404, file, &snapshot.id),
        None => plain(404, "not found"),
    }
}

/// Before any build succeeded: HTML requests get the building page or the error page (with
/// the reload client, so they recover by themselves); other requests a plain status.
fn no_build_yet(target: &Target, published: &Published) -> Response {
    let (status, page) = match &published.failure {
        Some(f) => (500, f.page()),
        None => (503, building_page()),
    };
    let last = target.path.rsplit('/').next().unwrap_or("");
    if !(last.is_empty() || last.ends_with(".html") || !last.contains('.')) {
        return plain(
            status,
            if status == 500 {
                "the build failed"
            } else {
                "the site is building"
            },
        );
    }
    Response {
        status,
        headers: vec![
            ("Content-Type", mime::content_type("x.html").to_owned()),
            ("Cache-Control", "no-store".to_owned()),
        ],
        body: Body::Bytes(inject::inject(page.as_bytes(), "")),
    }
}

fn serve_file(request: &Request, status: u16, file: &File, build: &str) -> Response {
    let html = mime::is_html(file.content_type);
    let Some(hash) = file.hash() else {
        return plain(404, "not found");
    };
    // An HTML page carries the build id to the reload client, so its ETag must change
    // with the build even when the page did not.
    let etag = if html {
        format!("\"{hash:016x}-{build}\"")
    } else {
        format!("\"{hash:016x}\"")
    };
    if status == 200 && not_modified(request, &etag) {
        return not_modified_response(&etag);
    }
    let mut headers = vec![
        ("Content-Type", file.content_type.to_owned()),
        ("Cache-Control", "no-cache".to_owned()),
    ];
    if status == 200 {
        headers.push(("ETag", etag));
    }
    let body = match &file.body {
        snapshot::Body::Memory(bytes) if html => Body::Bytes(inject::inject(bytes.as_ref(), build)),
        snapshot::Body::Memory(bytes) => Body::Shared(bytes.clone()),
        snapshot::Body::Disk(path) => {
            match std::fs::File::open(path).and_then(|f| Ok((f.metadata()?.len(), f))) {
                Ok((len, f)) => Body::File(f, len),
                Err(_) => return plain(404, "not found"),
            }
        }
    };
    Response {
        status,
        headers,
        body,
    }
}

fn not_modified_response(etag: &str) -> Response {
    Response {
        status: 304,
        headers: vec![
            ("ETag", etag.to_owned()),
            ("Cache-Control", "no-cache".to_owned()),
        ],
        body: Body::Bytes(Vec::new()),
    }
}

/// Whether the request's `If-None-Match` names `etag` (or `*`).
fn not_modified(request: &Request, etag: &str) -> bool {
    request
        .header("If-None-Match")
        .flat_map(|v| v.split(','))
        .map(|tag| tag.trim().trim_start_matches("W/"))
        .any(|tag| tag == etag || tag == "*")
}

/// A short plain-text response: `404 not found`.
pub fn plain(status: u16, message: &str) -> Response {
    Response {
        status,
        headers: vec![
            ("Content-Type", "text/plain; charset=utf-8".to_owned()),
            ("X-Content-Type-Options", "nosniff".to_owned()),
        ],
        body: Body::Bytes(format!("{status} {message}\n").into_bytes()),
    }
}
