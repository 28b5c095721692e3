//! `helpsite serve` end to end: the real binary on a temporary copy of a fixture site,
//! spoken to over HTTP on 127.0.0.1.

#[path = "serve_support/mod.rs"]
mod support;

use std::path::Path;
use std::time::Duration;
use support::{Server, build_id, edit, fixture, write};

const ALPHA: &str = "content/guides/alpha.md";
const FAQ: &str = "content/faq/token.yaml";

fn basic() -> (tempfile::TempDir, Server) {
    let dir = fixture("serve-basic");
    let server = Server::start(&dir.path().join("site"), &[]);
    (dir, server)
}

#[test]
fn serves_pages_and_assets_with_content_types_and_head() {
    let (_dir, s) = basic();
    let home = s.get("/");
    assert_eq!(home.status, 200);
    assert_eq!(
        home.header("Content-Type"),
        Some("text/html; charset=utf-8")
    );
    assert!(home.text().contains("Serve Test Help"));
    let css = s.get("/_static/style.css");
    assert_eq!(
        (css.status, css.header("Content-Type")),
        (200, Some("text/css; charset=utf-8"))
    );
    let png = s.get("/img/logo.png");
    assert_eq!(png.header("Content-Type"), Some("image/png"));
    assert_eq!(
        png.body,
        std::fs::read(s.root.join("content/img/logo.png")).unwrap()
    );
    assert_eq!(
        s.get("/sitemap.xml").header("Content-Type"),
        Some("application/xml")
    );
    let js = s.get("/__helpsite/live.js");
    assert_eq!(
        js.header("Content-Type"),
        Some("text/javascript; charset=utf-8")
    );
    assert!(js.text().contains("EventSource"));
    for path in ["/", "/guides/alpha/", "/img/logo.png", "/_static/style.css"] {
        let (get, head) = (s.get(path), s.request("HEAD", path, &[]));
        assert_eq!(head.status, 200, "{path}");
        assert!(head.body.is_empty(), "HEAD {path} has a body");
        assert_eq!(
            head.header("Content-Length"),
            Some(get.body.len().to_string().as_str()),
            "{path}"
        );
        assert_eq!(head.header("Content-Type"), get.header("Content-Type"));
        assert_eq!(head.header("ETag"), get.header("ETag"));
    }
}

#[test]
fn html_gets_the_reload_script_but_build_output_never_does() {
    let (dir, s) = basic();
    let page = s.get("/guides/alpha/").text();
    assert!(page.contains("<script src=\"/__helpsite/live.js\" data-build=\""));
    assert!(page.find("/__helpsite/live.js").unwrap() < page.rfind("</body>").unwrap());
    assert!(!s.get("/_static/style.css").text().contains("__helpsite"));
    let out = dir.path().join("out");
    let status = std::process::Command::new(support::BIN)
        .args(["build", "--quiet", "--root"])
        .arg(dir.path().join("site"))
        .arg("--out")
        .arg(&out)
        .status()
        .unwrap();
    assert!(status.success());
    for entry in walk(&out) {
        let bytes = std::fs::read(&entry).unwrap();
        assert!(
            !String::from_utf8_lossy(&bytes).contains("__helpsite"),
            "{} has the reload script",
            entry.display()
        );
    }
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

#[test]
fn etags_give_304_when_unchanged() {
    let (_dir, s) = basic();
    for path in ["/guides/alpha/", "/_static/style.css", "/img/logo.png"] {
        let first = s.get(path);
        let etag = first.header("ETag").expect("an ETag").to_owned();
        let again = s.request("GET", path, &[("If-None-Match", &etag)]);
        assert_eq!(again.status, 304, "{path}");
        assert!(again.body.is_empty());
        assert_eq!(again.header("ETag"), Some(etag.as_str()));
        let weak = s.request(
            "GET",
            path,
            &[("If-None-Match", &format!("\"nope\", W/{etag}"))],
        );
        assert_eq!(weak.status, 304, "weak comparison, in a list: {path}");
        assert_eq!(
            s.request("GET", path, &[("If-None-Match", "\"other\"")])
                .status,
            200
        );
        assert_eq!(
            s.request("HEAD", path, &[("If-None-Match", &etag)]).status,
            304
        );
    }
}

#[test]
fn folders_redirect_and_unknown_paths_get_the_404_page() {
    let (_dir, s) = basic();
    let r = s.get("/guides");
    assert_eq!(r.status, 301);
    assert_eq!(r.header("Location"), Some("/guides/"));
    assert_eq!(
        s.get("/guides/alpha?x=1").header("Location"),
        Some("/guides/alpha/?x=1")
    );
    assert_eq!(s.get("/guides/alpha/index.html").status, 200);
    let missing = s.get("/no/such/page/");
    assert_eq!(missing.status, 404);
    let text = missing.text();
    assert!(text.contains("Page not found"), "the site's own 404 page");
    assert!(
        text.contains("data-build="),
        "with the reload client, so it reloads once the page exists"
    );
    assert_eq!(s.get("/img/missing.png").status, 404);
    assert_eq!(s.get("/__helpsite/other").status, 404);
}

#[test]
fn only_get_and_head_are_allowed() {
    let (_dir, s) = basic();
    for method in ["POST", "PUT", "DELETE", "PATCH", "OPTIONS"] {
        let r = s.request(method, "/", &[("Content-Length", "0")]);
        assert_eq!(r.status, 405, "{method}");
        assert_eq!(r.header("Allow"), Some("GET, HEAD"));
    }
}

#[test]
fn nothing_outside_the_site_can_be_read() {
    let (dir, s) = basic();
    std::fs::write(dir.path().join("secret.txt"), "TOP-SECRET").unwrap();
    let long = format!("/{}", "a/".repeat(1100));
    let attempts = [
        ("/../secret.txt", 400),
        ("/guides/../../secret.txt", 400),
        ("/%2e%2e/secret.txt", 400),
        ("/%2E%2E/%2E%2E/secret.txt", 400),
        ("/.%2e/secret.txt", 400),
        ("/%2e%2e%2fsecret.txt", 400),
        ("/..%2Fsecret.txt", 400),
        ("/..%5csecret.txt", 400),
        ("/..\\secret.txt", 400),
        ("/guides\\..\\..\\secret.txt", 400),
        ("/%c0%ae%c0%ae/secret.txt", 400),
        ("/secret.txt%00.html", 400),
        ("/%00", 400),
        ("//etc/passwd", 400),
        ("///secret.txt", 400),
        ("/%2fetc/passwd", 400),
        ("http://127.0.0.1/../secret.txt", 400),
        (long.as_str(), 414),
        ("/etc/passwd", 404),
        ("/helpsite.yaml", 404),
        ("/content/guides/alpha.md", 404),
        ("/%252e%252e/secret.txt", 404),
    ];
    for (target, status) in attempts {
        for method in ["GET", "HEAD"] {
            let r = s.request(method, target, &[]);
            assert_eq!(r.status, status, "{method} {target}");
            assert!(
                !r.text().contains("TOP-SECRET"),
                "{method} {target} leaked the file"
            );
            assert!(
                !r.text().contains("base_url"),
                "{method} {target} leaked helpsite.yaml"
            );
        }
    }
}

#[test]
fn a_text_edit_sends_reload_and_the_new_page_is_served() {
    let (_dir, s) = basic();
    let build = s.build_of("/guides/alpha/");
    let mut events = s.events(&build);
    edit(&s.root, ALPHA, "ORIGINAL-ALPHA", "EDITED-ALPHA");
    let data = events.expect("reload");
    let page = s.get("/guides/alpha/").text();
    assert!(page.contains("EDITED-ALPHA"));
    assert!(
        data.contains(&build_id(&page)),
        "the event names the build now served: {data}"
    );
    assert_ne!(build_id(&page), build);
    s.stdout.wait_for("the rebuild line", |l| {
        l.contains("updated 1 page") && l.contains("-> reload")
    });
    assert!(
        !s.root.join("dist").exists(),
        "serve never writes the output folder"
    );
}

#[test]
fn search_and_embeds_are_served_and_the_index_follows_an_edit() {
    let (_dir, s) = basic();
    let manifest = s.get("/_search/index.js");
    assert_eq!(manifest.status, 200);
    assert!(manifest.text().starts_with("helpsiteSearch.index("));
    assert_eq!(s.get("/search/").status, 200);
    assert_eq!(s.get("/embed/faq/token/").status, 200);
    assert_eq!(s.get("/api/faq/index.json").status, 200);
    let build = s.build_of("/guides/alpha/");
    let mut events = s.events(&build);
    edit(
        &s.root,
        ALPHA,
        "ORIGINAL-ALPHA",
        "ORIGINAL-ALPHA zanzibarite",
    );
    events.expect("reload");
    // The index is rebuilt after the reload, off the reload path; it appears shortly after.
    let start = std::time::Instant::now();
    loop {
        let shard = s.get("/_search/s/_all.js").text();
        if shard.contains("\"zanzibarite\"") {
            break;
        }
        assert!(
            start.elapsed() < std::time::Duration::from_secs(10),
            "index never caught up"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

#[test]
fn an_faq_edit_updates_the_group_page_and_the_guide_showing_it() {
    let (_dir, s) = basic();
    let mut events = s.events(&s.build_of("/"));
    edit(&s.root, FAQ, "ORIGINAL-ANSWER", "EDITED-ANSWER");
    events.expect("reload");
    assert!(s.get("/faq/token/").text().contains("EDITED-ANSWER"));
    assert!(s.get("/guides/alpha/").text().contains("EDITED-ANSWER"));
}

#[test]
fn a_css_change_sends_a_css_event_only() {
    let (_dir, s) = basic();
    let mut events = s.events(&s.build_of("/"));
    write(
        &s.root,
        "static/style.css",
        "body { background: rgb(1, 2, 3); }\n",
    );
    let data = events.expect("css");
    assert!(data.contains("\"paths\":[\"_static/style.css\"]"), "{data}");
    assert_eq!(
        s.get("/_static/style.css").text(),
        "body { background: rgb(1, 2, 3); }\n"
    );
    let later = events.collect(Duration::from_millis(500));
    assert!(
        later.iter().all(|(n, _)| n != "reload"),
        "no reload for CSS: {later:?}"
    );
    s.stdout
        .wait_for("the swap line", |l| l.contains("stylesheets swapped"));
}

#[test]
fn a_broken_file_sends_the_error_and_keeps_the_last_good_build() {
    let (_dir, s) = basic();
    let mut events = s.events(&s.build_of("/"));
    edit(
        &s.root,
        FAQ,
        "  - id: reset\n",
        "  - id: reset\n    tags: [oops\n",
    );
    let data = events.expect("build-error");
    let json: serde_json::Value = serde_json::from_str(&data).unwrap();
    let error = &json["errors"][0];
    let location = error["location"].as_str().unwrap();
    assert!(
        location.starts_with("content/faq/token.yaml:"),
        "{location}"
    );
    assert_eq!(
        location.split(':').count(),
        3,
        "path:line:col, got {location}"
    );
    assert!(error["source_line"].is_string(), "{error}");
    assert!(
        json["html"].as_str().unwrap().contains(location),
        "the overlay names the location"
    );
    s.stderr.wait_for("the error in the terminal", |l| {
        l.contains("content/faq/token.yaml:")
    });
    // Readers still get the last good site, complete.
    let faq = s.get("/faq/token/");
    assert_eq!(faq.status, 200);
    assert!(faq.text().contains("ORIGINAL-ANSWER"));
    assert_eq!(s.get("/guides/beta/").status, 200);
    // A page opened now learns about the error at once.
    let mut late = s.events(&s.build_of("/"));
    late.expect("build-error");
    // Fixing it clears the error and reloads.
    edit(&s.root, FAQ, "    tags: [oops\n", "");
    events.expect("reload");
    let fresh = s
        .events(&s.build_of("/"))
        .collect(Duration::from_millis(500));
    assert!(fresh.is_empty(), "no error after the fix: {fresh:?}");
    s.stdout
        .wait_for("the fixed line", |l| l.starts_with("fixed;"));
}

#[test]
fn a_first_build_failure_shows_the_error_page_and_recovers() {
    let dir = fixture("serve-basic");
    let root = dir.path().join("site");
    edit(
        &root,
        FAQ,
        "title: Token questions",
        "title: [Token questions",
    );
    let s = Server::start(&root, &[]);
    let page = s.get("/guides/alpha/");
    assert_eq!(page.status, 500);
    let text = page.text();
    assert!(text.contains("Build failed"));
    assert!(text.contains("content/faq/token.yaml:1:"), "{text}");
    assert!(text.contains("title: [Token questions"), "the source line");
    assert_eq!(
        build_id(&text),
        "",
        "the error page asks the client to reload on any build"
    );
    assert_eq!(s.get("/_static/style.css").status, 500);
    let mut events = s.events("");
    events.expect("build-error");
    edit(
        &root,
        FAQ,
        "title: [Token questions",
        "title: Token questions",
    );
    events.expect("reload");
    let page = s.get("/guides/alpha/");
    assert_eq!(page.status, 200);
    assert!(page.text().contains("ORIGINAL-ALPHA"));
}

#[test]
fn files_and_folders_added_removed_and_renamed_are_picked_up() {
    let (_dir, s) = basic();
    let mut events = s.events(&s.build_of("/"));
    write(
        &s.root,
        "content/howto/new-page.md",
        "# New page\n\nFRESH-PAGE\n",
    );
    events.expect("reload");
    assert!(s.get("/howto/new-page/").text().contains("FRESH-PAGE"));
    assert!(
        s.get("/guides/beta/")
            .text()
            .contains("href=\"../../howto/\""),
        "navigation lists its section"
    );
    std::fs::rename(s.root.join("content/howto"), s.root.join("content/renamed")).unwrap();
    events.expect("reload");
    assert_eq!(s.get("/howto/new-page/").status, 404);
    assert_eq!(s.get("/renamed/new-page/").status, 200);
    std::fs::remove_dir_all(s.root.join("content/renamed")).unwrap();
    events.expect("reload");
    assert_eq!(s.get("/renamed/new-page/").status, 404);
    std::fs::remove_file(s.root.join("content/guides/beta.md")).unwrap();
    events.expect("reload");
    assert_eq!(s.get("/guides/beta/").status, 404);
}

#[test]
fn an_editor_save_burst_makes_one_rebuild() {
    let (_dir, s) = basic();
    let mut events = s.events(&s.build_of("/"));
    let guides = s.root.join("content/guides");
    // What vim does on :w, plus an emacs lock file and a backup.
    std::fs::write(guides.join(".alpha.md.swp"), "swap").unwrap();
    std::fs::write(guides.join("4913"), "").unwrap();
    std::fs::remove_file(guides.join("4913")).unwrap();
    std::fs::rename(guides.join("alpha.md"), guides.join("alpha.md~")).unwrap();
    let text = std::fs::read_to_string(guides.join("alpha.md~")).unwrap();
    std::fs::write(
        guides.join("alpha.md"),
        text.replace("ORIGINAL-ALPHA", "SAVED-ALPHA"),
    )
    .unwrap();
    std::fs::write(guides.join(".#alpha.md"), "lock").unwrap();
    std::fs::remove_file(guides.join("alpha.md~")).unwrap();
    events.expect("reload");
    let later = events.collect(Duration::from_millis(800));
    assert!(later.is_empty(), "one reload for one save: {later:?}");
    assert!(s.get("/guides/alpha/").text().contains("SAVED-ALPHA"));
    assert_eq!(
        s.stdout.count(|l| l.contains("-> reload")),
        1,
        "{}",
        s.stdout.all()
    );
}

#[test]
fn polling_works_too() {
    let dir = fixture("serve-basic");
    let s = Server::start(&dir.path().join("site"), &["--poll"]);
    assert!(s.stdout.all().contains("watching files by polling"));
    let mut events = s.events(&s.build_of("/"));
    edit(&s.root, ALPHA, "ORIGINAL-ALPHA", "POLLED-ALPHA");
    events.expect("reload");
    assert!(s.get("/guides/alpha/").text().contains("POLLED-ALPHA"));
}

#[test]
fn a_taken_port_moves_to_the_next_free_one() {
    let dir = fixture("serve-basic");
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let s = Server::start(&dir.path().join("site"), &["--port", &port]);
    assert_ne!(s.port.to_string(), port);
    assert!(
        s.stdout
            .all()
            .contains(&format!("port {port} is taken; using {} instead", s.port))
    );
    assert_eq!(s.get("/").status, 200);
}

#[test]
fn binding_all_interfaces_must_be_asked_for_and_warns() {
    let dir = fixture("serve-basic");
    let quiet = Server::start(&dir.path().join("site"), &[]);
    assert!(quiet.stdout.all().contains("at http://127.0.0.1:"));
    assert!(!quiet.stderr.all().contains("anyone who can reach"));
    drop(quiet);
    let s = Server::start(&dir.path().join("site"), &["--bind", "0.0.0.0"]);
    s.stderr.wait_for("the warning", |l| {
        l.contains("listening on 0.0.0.0: anyone who can reach this machine")
    });
    assert_eq!(s.get("/").status, 200);
}

#[test]
fn ctrl_c_stops_cleanly() {
    let (_dir, s) = basic();
    let _stream = s.events(&s.build_of("/"));
    let stdout = s.stdout.clone();
    let status = s.interrupt();
    assert!(status.success(), "{status:?}");
    assert!(
        stdout.all().ends_with("stopping\nstopped"),
        "{}",
        stdout.all()
    );
}

#[test]
fn open_starts_the_browser_with_the_url() {
    let dir = fixture("serve-basic");
    let bin = dir.path().join("bin");
    std::fs::create_dir(&bin).unwrap();
    let opened = dir.path().join("opened.txt");
    let script = bin.join("xdg-open");
    std::fs::write(
        &script,
        format!("#!/bin/sh\necho \"$1\" > '{}'\n", opened.display()),
    )
    .unwrap();
    std::fs::set_permissions(&script, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let s = Server::start_with(&dir.path().join("site"), &["--open"], &[("PATH", &path)]);
    let start = std::time::Instant::now();
    while !opened.exists() {
        assert!(start.elapsed() < support::WAIT, "xdg-open was not run");
        std::thread::sleep(Duration::from_millis(20));
    }
    std::thread::sleep(Duration::from_millis(100));
    let url = std::fs::read_to_string(&opened).unwrap();
    assert_eq!(url.trim(), format!("http://127.0.0.1:{}/", s.port));
}

#[test]
fn drafts_are_served_only_when_asked() {
    let dir = fixture("serve-basic");
    let root = dir.path().join("site");
    write(
        &root,
        "content/guides/wip.md",
        "---\ndraft: true\n---\n# Work in progress\n",
    );
    let s = Server::start(&root, &[]);
    assert_eq!(s.get("/guides/wip/").status, 404);
    drop(s);
    let s = Server::start(&root, &["--drafts"]);
    assert_eq!(s.get("/guides/wip/").status, 200);
}

#[test]
fn a_missing_root_is_a_clear_error() {
    let out = std::process::Command::new(support::BIN)
        .args([
            "serve",
            "--port",
            "0",
            "--root",
            "/nonexistent/helpsite-site",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("cannot open site root `/nonexistent/helpsite-site`"),
        "{err}"
    );
    assert!(!err.contains("panicked"));
}

/// The browser tests (`tests/browser-serve/*.test.mjs`: node's test runner and
/// playwright-core driving Debian's Chromium). Skipped, loudly, when their tools are missing,
/// unless HELPSITE_REQUIRE_BROWSER=1 makes that a failure.
#[test]
fn browser_live_reload() {
    const CHROMIUM: &str = "/usr/bin/chromium";
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut missing = Vec::new();
    if !repo.join("node_modules/playwright-core").is_dir() {
        missing.push("node_modules/playwright-core (npm install)");
    }
    if !Path::new(CHROMIUM).is_file() {
        missing.push("/usr/bin/chromium (apt-get install chromium)");
    }
    if std::process::Command::new("node")
        .arg("--version")
        .output()
        .is_err()
    {
        missing.push("node");
    }
    if !missing.is_empty() {
        let what = missing.join(", ");
        assert!(
            std::env::var("HELPSITE_REQUIRE_BROWSER").as_deref() != Ok("1"),
            "browser tests required (HELPSITE_REQUIRE_BROWSER=1) but missing: {what}"
        );
        eprintln!("\n!!! SKIPPED browser_live_reload: missing {what} !!!\n");
        return;
    }
    let out = std::process::Command::new("node")
        .args(["--test", "--test-reporter=spec", "tests/browser-serve/"])
        .current_dir(repo)
        .env("HELPSITE_BIN", support::BIN)
        .env("HELPSITE_CHROMIUM", CHROMIUM)
        .output()
        .unwrap();
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    eprintln!("{report}");
    assert!(out.status.success(), "browser tests failed (see above)");
    assert!(
        report.contains("ℹ pass ") && !report.contains("ℹ pass 0"),
        "no browser test passed:\n{report}"
    );
}

/// Responses read off one connection, each framed by its Content-Length.
fn responses(raw: &[u8]) -> Vec<(u16, Vec<u8>)> {
    let mut out = Vec::new();
    let mut rest = raw;
    while let Some(end) = rest.windows(4).position(|w| w == b"\r\n\r\n") {
        let head = String::from_utf8_lossy(&rest[..end]).into_owned();
        let status: u16 = head.split(' ').nth(1).unwrap().parse().unwrap();
        let len: usize = head
            .lines()
            .find_map(|l| l.strip_prefix("Content-Length: "))
            .map_or(0, |l| l.trim().parse().unwrap());
        let body_len = if head.contains("X-Test-Head") { 0 } else { len };
        out.push((status, rest[end + 4..end + 4 + body_len].to_vec()));
        rest = &rest[end + 4 + body_len..];
    }
    out
}

#[test]
fn keep_alive_and_pipelined_requests_are_framed_correctly() {
    use std::io::{Read, Write};
    let (_dir, s) = basic();
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", s.port)).unwrap();
    stream.set_read_timeout(Some(support::WAIT)).unwrap();
    // HEAD first: its response has a Content-Length but no body, or the next would be garbled.
    let requests = "HEAD /guides/alpha/ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n\
                    GET /_static/style.css HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n\
                    GET /nope/ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
    stream.write_all(requests.as_bytes()).unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let text = String::from_utf8_lossy(&raw).replacen(
        "HTTP/1.1 200 OK",
        "HTTP/1.1 200 OK\r\nX-Test-Head: 1",
        1,
    );
    let got = responses(text.as_bytes());
    assert_eq!(
        got.iter().map(|(s, _)| *s).collect::<Vec<_>>(),
        [200, 200, 404],
        "{text}"
    );
    assert!(got[0].1.is_empty());
    assert_eq!(got[1].1, s.get("/_static/style.css").body);
    assert!(String::from_utf8_lossy(&got[2].1).contains("Page not found"));
}

#[test]
fn malformed_and_oversized_requests_are_refused() {
    let (_dir, s) = basic();
    let raw = |bytes: &[u8]| {
        use std::io::{Read, Write};
        let mut stream = std::net::TcpStream::connect(("127.0.0.1", s.port)).unwrap();
        stream.set_read_timeout(Some(support::WAIT)).unwrap();
        stream.write_all(bytes).unwrap();
        let mut out = Vec::new();
        let _ = stream.read_to_end(&mut out);
        String::from_utf8_lossy(&out).into_owned()
    };
    assert!(raw(b"NOT HTTP AT ALL\r\n\r\n").starts_with("HTTP/1.1 400 "));
    let big = format!(
        "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: {}\r\n\r\n",
        "a".repeat(20_000)
    );
    assert!(raw(big.as_bytes()).starts_with("HTTP/1.1 431 "));
    let many: String = (0..100).map(|i| format!("X-{i}: y\r\n")).collect();
    assert!(raw(format!("GET / HTTP/1.1\r\n{many}\r\n").as_bytes()).starts_with("HTTP/1.1 431 "));
    let post = raw(b"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5\r\n\r\nhello");
    assert!(
        post.starts_with("HTTP/1.1 405 ") && post.contains("Connection: close"),
        "{post}"
    );
    let old = raw(b"GET / HTTP/1.0\r\n\r\n");
    assert!(old.starts_with("HTTP/1.1 200 ") && old.contains("Connection: close"));
    assert_eq!(s.get("/").status, 200, "still serving");
}

#[test]
fn a_site_with_a_base_path_is_served_under_it() {
    let dir = fixture("serve-basic");
    let root = dir.path().join("site");
    write(
        &root,
        "helpsite.yaml",
        "title: Serve Test Help\nbase_url: https://help.example.test/docs/\n",
    );
    let s = Server::start(&root, &["--quiet"]);
    assert!(
        s.stdout
            .all()
            .contains(&format!("at http://127.0.0.1:{}/docs/", s.port)),
        "quiet still prints the URL"
    );
    assert_eq!(s.get("/").header("Location"), Some("/docs/"));
    assert_eq!(s.get("/docs").header("Location"), Some("/docs/"));
    assert_eq!(
        s.get("/docs/guides").header("Location"),
        Some("/docs/guides/")
    );
    assert!(
        s.get("/docs/guides/alpha/")
            .text()
            .contains("ORIGINAL-ALPHA")
    );
    assert_eq!(s.get("/guides/alpha/").status, 404);
    // The 404 page links from the base path; those links work here.
    let missing = s.get("/docs/no/such/").text();
    let href = missing
        .split("href=\"/docs/")
        .nth(1)
        .expect("a link under /docs/")
        .split('"')
        .next()
        .unwrap();
    assert_eq!(s.get(&format!("/docs/{href}")).status, 200, "/docs/{href}");
}

#[test]
fn readers_never_see_a_missing_or_partial_page_during_rebuilds() {
    let (_dir, s) = basic();
    let port = s.port;
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let reader = {
        let stop = std::sync::Arc::clone(&stop);
        std::thread::spawn(move || {
            let mut seen = 0;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                for path in [
                    "/",
                    "/guides/",
                    "/guides/alpha/",
                    "/guides/beta/",
                    "/faq/token/",
                ] {
                    let r = support::get(port, path);
                    assert_eq!(r.status, 200, "{path} during a rebuild");
                    assert!(
                        r.text().trim_end().ends_with("</html>"),
                        "{path} is complete"
                    );
                    seen += 1;
                }
            }
            seen
        })
    };
    let mut events = s.events(&s.build_of("/"));
    for i in 0..4 {
        edit(
            &s.root,
            ALPHA,
            &format!("ORIGINAL-ALPHA{}", "!".repeat(i)),
            &format!("ORIGINAL-ALPHA{}", "!".repeat(i + 1)),
        );
        events.expect("reload");
        let title = format!("title: Beta guide {i}\n");
        write(
            &s.root,
            "content/guides/beta.md",
            &format!("---\n{title}---\nBeta text.\n"),
        );
        events.expect("reload");
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let seen = reader.join().expect("every response was whole");
    assert!(seen > 20, "only {seen} requests made");
}

#[test]
fn writes_to_the_output_folder_and_other_files_are_ignored() {
    let (_dir, s) = basic();
    let mut events = s.events(&s.build_of("/"));
    write(&s.root, "dist/index.html", "<p>not ours</p>");
    write(&s.root, "notes.txt", "scratch");
    write(&s.root, "content/guides/.hidden.md", "# Hidden\n");
    let got = events.collect(Duration::from_millis(800));
    assert!(got.is_empty(), "{got:?}");
    assert_eq!(
        s.stdout
            .count(|l| l.contains("updated") || l.starts_with("built")),
        1,
        "{}",
        s.stdout.all()
    );
}

/// A request with exactly these header lines (no Host unless given) on a fresh connection.
fn with_headers(port: u16, version: &str, target: &str, headers: &[&str]) -> support::Response {
    let mut head = format!("GET {target} {version}\r\n");
    for h in headers {
        head.push_str(h);
        head.push_str("\r\n");
    }
    head.push_str("Connection: close\r\n\r\n");
    support::send(port, head.as_bytes())
}

/// Hardening issue, item 10: any `Host:` got a 200, so a web page could read the preview
/// (drafts included) by DNS rebinding. Only this machine's own names, on the served port,
/// and names given with `--allow-host` are answered; the event stream goes through the
/// same check.
#[test]
fn host_header_names_not_allowed_are_refused_everywhere() {
    let dir = fixture("serve-basic");
    let s = Server::start(&dir.path().join("site"), &["--allow-host", "preview.lan"]);
    let p = s.port;
    let host = |value: &str, target: &str| {
        with_headers(p, "HTTP/1.1", target, &[&format!("Host: {value}")])
    };
    for ok in [
        format!("127.0.0.1:{p}"),
        "127.0.0.1".to_owned(),
        format!("localhost:{p}"),
        "LocalHost".to_owned(),
        format!("[::1]:{p}"),
        "preview.lan".to_owned(),
        "preview.lan:8443".to_owned(),
    ] {
        assert_eq!(host(&ok, "/").status, 200, "Host: {ok}");
    }
    for bad in [
        format!("rebind.attacker.example:{p}"),
        "rebind.attacker.example".to_owned(),
        format!("localhost.attacker.example:{p}"),
        format!("sub.preview.lan:{p}"),
        format!("localhost:{}", p.wrapping_add(1)),
        format!("127.0.0.1:{}", p.wrapping_add(1)),
        format!("192.0.2.7:{p}"),
    ] {
        for target in [
            "/",
            "/guides/alpha/",
            "/__helpsite/live.js",
            "/__helpsite/events",
        ] {
            let r = host(&bad, target);
            assert_eq!(r.status, 403, "Host: {bad} {target}: {}", r.text());
            assert_eq!(r.header("Content-Type"), Some("text/plain; charset=utf-8"));
            assert!(!r.text().contains("Alpha"), "{}", r.text());
        }
    }
    let refused = host(&format!("rebind.attacker.example:{p}"), "/");
    assert!(
        refused
            .text()
            .contains("--allow-host rebind.attacker.example"),
        "{}",
        refused.text()
    );
    // HTTP/1.1 requires exactly one Host; HTTP/1.0 clients may leave it out (a browser,
    // the only way to a rebinding attack, always sends one).
    assert_eq!(with_headers(p, "HTTP/1.1", "/", &[]).status, 400);
    let two = with_headers(p, "HTTP/1.1", "/", &["Host: 127.0.0.1", "Host: 127.0.0.1"]);
    assert_eq!(two.status, 400);
    assert_eq!(with_headers(p, "HTTP/1.1", "/", &["Host: a b"]).status, 400);
    assert_eq!(with_headers(p, "HTTP/1.0", "/", &[]).status, 200);
    assert_eq!(
        with_headers(p, "HTTP/1.0", "/", &["Host: rebind.attacker.example"]).status,
        403
    );
    let out = std::process::Command::new(support::BIN)
        .args([
            "serve",
            "--port",
            "0",
            "--allow-host",
            "http://preview.lan:80",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("is not a host name or IP address"), "{err}");
}

/// Item 10 on `--bind 0.0.0.0`: the machine's own addresses (any IP literal) keep working for
/// LAN previews, DNS names still have to be allowed.
#[test]
fn host_header_on_all_interfaces_accepts_addresses_but_not_names() {
    let dir = fixture("serve-basic");
    let s = Server::start(&dir.path().join("site"), &["--bind", "0.0.0.0"]);
    let p = s.port;
    let host = |value: String| with_headers(p, "HTTP/1.1", "/", &[&format!("Host: {value}")]);
    assert_eq!(host(format!("192.0.2.7:{p}")).status, 200);
    assert_eq!(host(format!("[2001:db8::7]:{p}")).status, 200);
    assert_eq!(host(format!("localhost:{p}")).status, 200);
    assert_eq!(host(format!("rebind.attacker.example:{p}")).status, 403);
    assert_eq!(host(format!("192.0.2.7:{}", p.wrapping_add(1))).status, 403);
}

/// Hardening issue, item 11: ~2,100 connections dripping a byte at a time held every slot
/// (there was only a per-read idle timeout), so real clients got 503s or resets. Now a
/// request head must be complete within a deadline, and near the connection cap the
/// connections waiting longest for their head are closed to make room. Bounded: a cap of
/// 128, a 2 s head deadline (test-only environment knobs), 300 drippers for 4 s.
#[test]
fn starvation_by_slowloris_is_prevented() {
    use std::io::{Read, Write};
    use std::net::TcpStream;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
    use std::time::Instant;
    let dir = fixture("serve-basic");
    let s = Server::start_with(
        &dir.path().join("site"),
        &[],
        &[
            ("HELPSITE_TEST_MAX_CONNECTIONS", "128"),
            ("HELPSITE_TEST_HEAD_TIMEOUT_MS", "2000"),
        ],
    );
    let port = s.port;

    // One connection that sends a byte every 100 ms: closed with a 408 once its head has
    // taken 2 s, although it is never idle.
    let mut lone = TcpStream::connect(("127.0.0.1", port)).unwrap();
    lone.set_read_timeout(Some(Duration::from_millis(100)))
        .unwrap();
    let start = Instant::now();
    lone.write_all(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
        .unwrap();
    let mut got = Vec::new();
    let closed_after = loop {
        assert!(start.elapsed() < Duration::from_secs(8), "never closed");
        let _ = lone.write_all(b"a");
        let mut buf = [0u8; 512];
        match lone.read(&mut buf) {
            Ok(0) => break start.elapsed(),
            Ok(n) => got.extend_from_slice(&buf[..n]),
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) => {}
            Err(_) => break start.elapsed(),
        }
    };
    let got = String::from_utf8_lossy(&got);
    assert!(got.starts_with("HTTP/1.1 408 "), "{got:?}");
    assert!(
        closed_after >= Duration::from_millis(1800) && closed_after < Duration::from_secs(5),
        "closed after {closed_after:?}"
    );

    // 300 drippers against a cap of 128, reconnecting (up to 60 per 100 ms round) whenever
    // the server closes one, while a reader keeps loading pages.
    let stop = Arc::new(AtomicBool::new(false));
    let closed = Arc::new(AtomicUsize::new(0));
    let slowloris = {
        let (stop, closed) = (Arc::clone(&stop), Arc::clone(&closed));
        std::thread::spawn(move || {
            let mut socks: Vec<Option<TcpStream>> = (0..300).map(|_| None).collect();
            while !stop.load(Ordering::Relaxed) {
                let mut opened = 0;
                for slot in &mut socks {
                    match slot {
                        None if opened < 60 => {
                            opened += 1;
                            let Ok(mut c) = TcpStream::connect(("127.0.0.1", port)) else {
                                continue;
                            };
                            let _ = c.write_all(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ");
                            let _ = c.set_nonblocking(true);
                            *slot = Some(c);
                        }
                        None => {}
                        Some(c) => {
                            let mut buf = [0u8; 512];
                            let gone = match c.read(&mut buf) {
                                Ok(_) => true,
                                Err(e) => e.kind() != std::io::ErrorKind::WouldBlock,
                            } || c.write_all(b"a").is_err();
                            if gone {
                                closed.fetch_add(1, Ordering::Relaxed);
                                *slot = None;
                            }
                        }
                    }
                }
                std::thread::sleep(Duration::from_millis(100));
            }
        })
    };
    std::thread::sleep(Duration::from_millis(500));
    let flood = Instant::now();
    let (mut ok, mut failed) = (0, Vec::new());
    while flood.elapsed() < Duration::from_secs(4) {
        for target in ["/", "/guides/alpha/", "/_static/style.css"] {
            match support::try_get(port, target, Duration::from_secs(5)) {
                Ok(200) => ok += 1,
                other => failed.push(format!("{target}: {other:?}")),
            }
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    stop.store(true, Ordering::Relaxed);
    slowloris.join().unwrap();
    assert!(failed.is_empty(), "{} ok, failed: {failed:?}", ok);
    assert!(ok > 30, "only {ok} requests made");
    assert!(
        closed.load(Ordering::Relaxed) > 300,
        "the server closed only {} dripping connections",
        closed.load(Ordering::Relaxed)
    );
    assert_eq!(s.get("/").status, 200, "still serving");
}
