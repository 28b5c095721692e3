//! The publishing examples in `examples/` (README, "Publish"): the GitHub Actions workflow
//! and the GitLab CI job parse, have the jobs the README describes, and their helpsite
//! commands work on a starter site; the nginx server block passes `nginx -t` and, on a real
//! nginx listening on 127.0.0.1, serves a built site with pretty URLs, the 404 page, cache
//! headers and gzip.
//!
//! The nginx tests need Debian's `nginx` package. Without it they print a loud SKIPPED notice
//! and pass, unless `HELPSITE_REQUIRE_NGINX=1` (set by `scripts/test`, which installs it).

use serde_json::Value;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_helpsite");

fn example(name: &str) -> (PathBuf, String) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(name);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    (path, text)
}

fn yaml(name: &str) -> Value {
    let (_, text) = example(name);
    serde_saphyr::from_str::<Value>(&text).unwrap_or_else(|e| panic!("{name} is not YAML: {e}"))
}

/// The strings of a YAML value that is a string or a list of strings.
fn strings(v: &Value) -> Vec<&str> {
    match v {
        Value::String(s) => vec![s.as_str()],
        Value::Array(items) => items.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

/// The `run:` lines of a GitHub Actions job, in order.
fn github_run_lines(job: &Value) -> Vec<String> {
    let steps = job["steps"].as_array().expect("the job has steps");
    steps
        .iter()
        .filter_map(|s| s["run"].as_str())
        .flat_map(str::lines)
        .map(str::to_owned)
        .collect()
}

/// `helpsite init` a starter site in a new temporary folder; the site is at `dir/site`.
fn starter_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(BIN)
        .args(["init", "site"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    dir
}

/// Run CI script lines as the CI would (`sh -e`), in `cwd`, with the helpsite under test first
/// on PATH. Lines that install helpsite or change PATH are left out: that is the CI's job.
fn run_ci_lines(lines: &[String], cwd: &Path) {
    let bin_dir = Path::new(BIN).parent().unwrap();
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let script: Vec<&str> = lines
        .iter()
        .map(|l| l.trim())
        .filter(|l| !l.is_empty() && !l.starts_with("cargo install") && !l.contains("PATH="))
        .collect();
    assert!(
        script.iter().any(|l| l.starts_with("helpsite ")),
        "no helpsite command in {lines:?}"
    );
    let out = Command::new("sh")
        .args(["-e", "-c", &script.join("\n")])
        .current_dir(cwd)
        .env("PATH", path)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "CI lines failed on a starter site:\n{}\n{}\n{}",
        script.join("\n"),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn github_workflow_checks_builds_and_deploys_to_pages() {
    let w = yaml("github-pages.yml");
    let triggers = w["on"].as_object().expect("`on:` is a map of triggers");
    for t in ["push", "pull_request"] {
        assert!(triggers.contains_key(t), "no {t} trigger: {triggers:?}");
    }
    // The workflow as a whole may only read; Pages rights belong to the deploy job.
    assert_eq!(w["permissions"], serde_json::json!({"contents": "read"}));

    let jobs = w["jobs"].as_object().expect("jobs");
    let (build_name, build) = jobs
        .iter()
        .find(|(_, job)| {
            github_run_lines(job)
                .iter()
                .any(|l| l.trim() == "helpsite check --format github")
        })
        .expect("a job runs `helpsite check --format github`");
    let runs = github_run_lines(build);
    let pos = |prefix: &str| {
        runs.iter()
            .position(|l| l.trim().starts_with(prefix))
            .unwrap_or_else(|| panic!("{build_name} does not run `{prefix}`: {runs:?}"))
    };
    let (install, check, build_cmd) = (
        pos("cargo install --locked --git"),
        pos("helpsite check"),
        pos("helpsite build"),
    );
    assert!(install < check && check < build_cmd, "{runs:?}");

    let steps = build["steps"].as_array().unwrap();
    let uses = |step: &Value, action: &str| {
        step["uses"]
            .as_str()
            .is_some_and(|u| u.starts_with(&format!("{action}@")))
    };
    let cache = steps
        .iter()
        .find(|s| uses(s, "actions/cache"))
        .expect("a cache step");
    let cached = cache["with"]["path"].as_str().expect("cache paths");
    assert!(cached.contains("~/.cargo/bin/helpsite"), "{cached}");
    assert!(cached.contains("~/.cargo/.crates2.json"), "{cached}");
    let upload = steps
        .iter()
        .find(|s| uses(s, "actions/upload-pages-artifact"))
        .expect("an upload-pages-artifact step");
    assert_eq!(
        upload["with"]["path"], "dist",
        "the folder `helpsite build` writes"
    );

    let (_, deploy) = jobs
        .iter()
        .find(|(_, job)| {
            job["steps"]
                .as_array()
                .is_some_and(|s| s.iter().any(|s| uses(s, "actions/deploy-pages")))
        })
        .expect("a job uses actions/deploy-pages");
    assert_eq!(deploy["permissions"]["pages"], "write");
    assert_eq!(deploy["permissions"]["id-token"], "write");
    assert_eq!(deploy["environment"]["name"], "github-pages");
    assert!(
        strings(&deploy["needs"]).contains(&build_name.as_str()),
        "deploy needs {build_name}"
    );
    assert!(
        deploy["if"]
            .as_str()
            .is_some_and(|c| c.contains("pull_request")),
        "pull requests must not deploy"
    );

    // The job's helpsite commands, run on a starter site, produce what is uploaded.
    let dir = starter_site();
    let site = dir.path().join("site");
    run_ci_lines(&runs, &site);
    assert!(site.join("dist/index.html").is_file());
    assert!(site.join("dist/404.html").is_file());
}

#[test]
fn gitlab_pages_job_publishes_public() {
    let ci = yaml("gitlab-ci.yml");
    let pages = &ci["pages"];
    assert!(pages.is_object(), "a job named `pages`");
    assert!(
        strings(&pages["artifacts"]["paths"]).contains(&"public"),
        "pages publishes public/: {}",
        pages["artifacts"]
    );
    let script: Vec<String> = strings(&pages["script"])
        .into_iter()
        .map(str::to_owned)
        .collect();
    assert!(
        script
            .iter()
            .any(|l| l.trim() == "helpsite build --out public"),
        "{script:?}"
    );
    assert!(
        pages["rules"][0]["if"]
            .as_str()
            .is_some_and(|c| c.contains("CI_DEFAULT_BRANCH")),
        "only the default branch publishes"
    );

    let check = ci
        .as_object()
        .unwrap()
        .values()
        .find(|job| {
            strings(&job["script"])
                .iter()
                .any(|l| l.trim().starts_with("helpsite check"))
        })
        .expect("a job runs `helpsite check`");
    let before = strings(&ci["default"]["before_script"]);
    assert!(
        before
            .iter()
            .any(|l| l.starts_with("cargo install --locked --git")),
        "{before:?}"
    );
    let cached = strings(&ci["default"]["cache"]["paths"]);
    assert!(cached.contains(&".cargo/bin/"), "{cached:?}");
    assert_eq!(ci["variables"]["CARGO_HOME"], "${CI_PROJECT_DIR}/.cargo");

    // Both jobs' commands, run on a starter site as GitLab would (check first).
    let dir = starter_site();
    let site = dir.path().join("site");
    let check_lines: Vec<String> = strings(&check["script"])
        .into_iter()
        .map(str::to_owned)
        .collect();
    run_ci_lines(&check_lines, &site);
    let report: Value =
        serde_json::from_str(&std::fs::read_to_string(site.join("helpsite-check.json")).unwrap())
            .unwrap();
    assert_eq!(report["summary"]["errors"], 0, "{report}");
    run_ci_lines(&script, &site);
    assert!(site.join("public/index.html").is_file());
}

// ---------------------------------------------------------------------------------------------
// nginx

/// Debian's nginx, or the SKIPPED notice (a failure with HELPSITE_REQUIRE_NGINX=1).
fn nginx() -> Option<PathBuf> {
    let found = ["/usr/sbin/nginx", "/usr/local/sbin/nginx"]
        .into_iter()
        .map(PathBuf::from)
        .chain(
            std::env::var_os("PATH")
                .iter()
                .flat_map(std::env::split_paths)
                .map(|d| d.join("nginx")),
        )
        .find(|p| p.is_file());
    if found.is_none() {
        if std::env::var("HELPSITE_REQUIRE_NGINX").is_ok_and(|v| v == "1") {
            panic!(
                "nginx test cannot run (HELPSITE_REQUIRE_NGINX=1): nginx is missing. \
                 Run scripts/test to install it."
            );
        }
        // Straight to the process's stderr: the test harness captures `eprintln!` of a
        // passing test, and a skip must be seen.
        let _ = writeln!(
            std::io::stderr().lock(),
            "\n==================== SKIPPED: nginx test ====================\n\
             missing: nginx (/usr/sbin/nginx)\n\
             run scripts/test (installs it), or set HELPSITE_REQUIRE_NGINX=1 to make this a failure\n\
             ============================================================="
        );
    }
    found
}

/// A wrapper nginx.conf in `dir` that includes `server_block`, with the pid file, logs and
/// temporary folders inside `dir`. Runs in the foreground as a single process, so killing
/// the child stops it.
fn wrapper_conf(dir: &Path, server_block: &Path) -> PathBuf {
    let d = dir.display();
    let mime = if Path::new("/etc/nginx/mime.types").is_file() {
        "include /etc/nginx/mime.types;".to_owned()
    } else {
        "types { text/html html; text/css css; application/javascript js; \
         application/json json; text/xml xml; }"
            .to_owned()
    };
    let conf = format!(
        "daemon off;\n\
         master_process off;\n\
         pid {d}/nginx.pid;\n\
         error_log {d}/error.log;\n\
         events {{ worker_connections 64; }}\n\
         http {{\n\
           {mime}\n\
           default_type application/octet-stream;\n\
           access_log {d}/access.log;\n\
           client_body_temp_path {d}/tmp/body;\n\
           proxy_temp_path {d}/tmp/proxy;\n\
           fastcgi_temp_path {d}/tmp/fastcgi;\n\
           uwsgi_temp_path {d}/tmp/uwsgi;\n\
           scgi_temp_path {d}/tmp/scgi;\n\
           include {};\n\
         }}\n",
        server_block.display()
    );
    std::fs::create_dir_all(dir.join("tmp")).unwrap();
    let path = dir.join("nginx.conf");
    std::fs::write(&path, conf).unwrap();
    path
}

fn nginx_cmd(nginx: &Path, dir: &Path, conf: &Path) -> Command {
    let mut cmd = Command::new(nginx);
    cmd.arg("-c")
        .arg(conf)
        .arg("-p")
        .arg(dir)
        .arg("-e")
        .arg(dir.join("error.log"));
    cmd
}

#[test]
fn nginx_example_passes_nginx_t() {
    let Some(nginx) = nginx() else { return };
    let dir = tempfile::tempdir().unwrap();
    let (server_block, _) = example("nginx.conf");
    let conf = wrapper_conf(dir.path(), &server_block);
    let out = nginx_cmd(&nginx, dir.path(), &conf)
        .arg("-t")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "nginx -t failed:\n{stderr}");
    assert!(stderr.contains("test is successful"), "{stderr}");
    assert!(!stderr.contains("[warn]"), "nginx -t warns:\n{stderr}");
}

/// nginx running in the foreground; stopped when dropped.
struct Nginx {
    child: Child,
    port: u16,
    dir: PathBuf,
}

impl Drop for Nginx {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Nginx {
    /// Serve `www` with the example server block, on a free port of 127.0.0.1.
    fn start(nginx: &Path, dir: &Path, www: &Path) -> Nginx {
        let (_, example) = example("nginx.conf");
        let mut last_error = String::new();
        for _ in 0..5 {
            let port = TcpListener::bind("127.0.0.1:0")
                .unwrap()
                .local_addr()
                .unwrap()
                .port();
            let block = local_server_block(&example, www, port);
            let block_path = dir.join("site.conf");
            std::fs::write(&block_path, block).unwrap();
            let conf = wrapper_conf(dir, &block_path);
            let child = nginx_cmd(nginx, dir, &conf)
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .unwrap();
            let mut server = Nginx {
                child,
                port,
                dir: dir.to_owned(),
            };
            let start = Instant::now();
            while start.elapsed() < Duration::from_secs(20) {
                if let Some(status) = server.child.try_wait().unwrap() {
                    last_error = format!("nginx exited ({status}): {}", server.log());
                    break;
                }
                if TcpStream::connect(("127.0.0.1", port)).is_ok() {
                    return server;
                }
                std::thread::sleep(Duration::from_millis(50));
            }
        }
        panic!("nginx did not start: {last_error}");
    }

    fn log(&self) -> String {
        std::fs::read_to_string(self.dir.join("error.log")).unwrap_or_default()
    }

    fn get(&self, path: &str, headers: &[(&str, &str)]) -> Response {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(20)))
            .unwrap();
        let mut request =
            format!("GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n");
        for (name, value) in headers {
            request.push_str(&format!("{name}: {value}\r\n"));
        }
        request.push_str("\r\n");
        stream.write_all(request.as_bytes()).unwrap();
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).unwrap();
        let split = raw
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .expect("a complete response head");
        let head = String::from_utf8_lossy(&raw[..split]).into_owned();
        let mut lines = head.lines();
        let status = lines
            .next()
            .and_then(|l| l.split(' ').nth(1))
            .and_then(|s| s.parse().ok())
            .expect("a status line");
        let headers = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_owned()))
            .collect();
        Response {
            status,
            headers,
            body: raw[split + 4..].to_vec(),
        }
    }
}

struct Response {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Response {
    fn header(&self, name: &str) -> Option<&str> {
        let name = name.to_ascii_lowercase();
        self.headers
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// The example server block, listening on 127.0.0.1:`port` only and serving `www`.
fn local_server_block(example: &str, www: &Path, port: u16) -> String {
    let mut out = String::new();
    let (mut roots, mut listens) = (0, 0);
    for line in example.lines() {
        let t = line.trim();
        if t.starts_with("listen ") {
            listens += 1;
            if listens == 1 {
                out.push_str(&format!("    listen 127.0.0.1:{port};\n"));
            }
        } else if t.starts_with("root ") {
            roots += 1;
            out.push_str(&format!("    root {};\n", www.display()));
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    assert_eq!(roots, 1, "the example has one `root` line");
    assert!(listens >= 1, "the example has a `listen` line");
    out
}

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// Make `path` and everything under it readable by nginx's workers should they run as
/// another user (a temporary folder is 0700).
fn open_up(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let mode = if path.is_dir() { 0o755 } else { 0o644 };
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
    if path.is_dir() {
        for entry in std::fs::read_dir(path).unwrap() {
            open_up(&entry.unwrap().path());
        }
    }
}

#[test]
fn nginx_example_serves_a_built_site() {
    let Some(nginx) = nginx() else { return };
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    write(&site, "helpsite.yaml", "title: Nginx Test Help\n");
    write(
        &site,
        "content/index.md",
        "---\ntitle: Home\ndescription: The home page of the nginx test site.\n---\n\n\
         See [X](guides/x.md) and the [FAQ](faq/basics.yaml).\n",
    );
    write(
        &site,
        "content/guides/x.md",
        "---\ntitle: X marks the spot\ndescription: A page at /guides/x/.\n---\n\n\
         ## Steps\n\nThe page body of guide x.\n",
    );
    write(
        &site,
        "content/faq/basics.yaml",
        "title: Basics\nquestions:\n  - id: where\n    question: Where is X?\n    \
         answer: On [its page](../guides/x.md).\n",
    );
    let www = dir.path().join("www");
    let out = Command::new(BIN)
        .args(["build", "-q", "--root"])
        .arg(&site)
        .arg("--out")
        .arg(&www)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    open_up(dir.path());

    let server_dir = dir.path().join("nginx");
    std::fs::create_dir_all(&server_dir).unwrap();
    let s = Nginx::start(&nginx, &server_dir, &www);

    // Pretty URLs.
    let page = s.get("/guides/x/", &[]);
    assert_eq!(page.status, 200, "{}", s.log());
    assert!(
        page.header("content-type")
            .unwrap()
            .starts_with("text/html")
    );
    assert_eq!(
        page.body,
        std::fs::read(www.join("guides/x/index.html")).unwrap()
    );
    assert!(page.text().contains("X marks the spot"));
    assert_eq!(page.header("cache-control"), Some("no-cache"));
    let home = s.get("/", &[]);
    assert_eq!(
        (home.status, home.body.clone()),
        (200, std::fs::read(www.join("index.html")).unwrap())
    );
    // No trailing slash: a redirect (relative links need the slash), to a relative Location.
    let bare = s.get("/guides/x", &[]);
    assert_eq!(bare.status, 301);
    assert_eq!(bare.header("location"), Some("/guides/x/"));

    // The 404 page, with status 404, at any depth.
    let not_found = std::fs::read(www.join("404.html")).unwrap();
    for path in [
        "/no-such-page/",
        "/guides/missing/deeper/",
        "/_static/missing.css",
    ] {
        let r = s.get(path, &[]);
        assert_eq!(r.status, 404, "{path}");
        assert_eq!(r.body, not_found, "{path} shows 404.html");
    }

    // Cache headers: _static/ for an hour then revalidated; _search/ always revalidated.
    let css = s.get("/_static/style.css", &[]);
    assert_eq!(css.status, 200);
    assert_eq!(
        css.header("cache-control"),
        Some("public, max-age=3600, must-revalidate")
    );
    assert!(css.header("etag").is_some(), "revalidation needs an ETag");
    assert_eq!(
        css.body,
        std::fs::read(www.join("_static/style.css")).unwrap()
    );
    let manifest = s.get("/_search/index.js", &[]);
    assert_eq!(manifest.status, 200);
    assert_eq!(manifest.header("cache-control"), Some("no-cache"));
    let etag = css.header("etag").unwrap().to_owned();
    let again = s.get("/_static/style.css", &[("If-None-Match", &etag)]);
    assert_eq!(again.status, 304);

    // The FAQ JSON can be fetched from other origins.
    let api = s.get("/api/faq/index.json", &[]);
    assert_eq!(api.status, 200);
    assert_eq!(api.header("access-control-allow-origin"), Some("*"));

    // gzip for HTML, CSS, JavaScript and JSON.
    for path in [
        "/guides/x/",
        "/_static/style.css",
        "/_static/helpsite.js",
        "/api/faq/index.json",
    ] {
        let r = s.get(path, &[("Accept-Encoding", "gzip")]);
        assert_eq!(r.status, 200, "{path}");
        assert_eq!(r.header("content-encoding"), Some("gzip"), "{path}");
        assert_eq!(r.header("vary"), Some("Accept-Encoding"), "{path}");
    }
}
