//! Helpers for the `helpsite serve` tests: a running server on a temporary copy of a fixture
//! site, a raw HTTP/1.1 client (so odd request targets go out exactly as written), and an
//! event-stream reader.

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub const BIN: &str = env!("CARGO_BIN_EXE_helpsite");
/// Generous: the machine may be busy with other builds.
pub const WAIT: Duration = Duration::from_secs(20);

/// Copy `tests/fixtures/<name>` into a new temporary folder; the site is at `dir/site`.
pub fn fixture(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let src = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    copy_dir(&src, &dir.path().join("site"));
    dir
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Write `text` to `root/rel`, creating folders.
pub fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// Replace `from` with `to` in `root/rel`.
pub fn edit(root: &Path, rel: &str, from: &str, to: &str) {
    let text = std::fs::read_to_string(root.join(rel)).unwrap();
    assert!(text.contains(from), "{rel} does not contain {from:?}");
    write(root, rel, &text.replace(from, to));
}

/// Lines a child process printed, collected by a reader thread.
#[derive(Clone, Default)]
pub struct Lines(Arc<Mutex<Vec<String>>>);

impl Lines {
    fn follow<R: Read + Send + 'static>(stream: R) -> Lines {
        let lines = Lines::default();
        let sink = lines.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stream).lines() {
                let Ok(line) = line else { break };
                sink.0.lock().unwrap().push(line);
            }
        });
        lines
    }

    pub fn all(&self) -> String {
        self.0.lock().unwrap().join("\n")
    }

    /// Wait until some line satisfies `pred`; returns it.
    pub fn wait_for(&self, what: &str, pred: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            if let Some(l) = self.0.lock().unwrap().iter().find(|l| pred(l)) {
                return l.clone();
            }
            assert!(
                start.elapsed() < WAIT,
                "timed out waiting for {what}; output so far:\n{}",
                self.all()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn count(&self, pred: impl Fn(&str) -> bool) -> usize {
        self.0.lock().unwrap().iter().filter(|l| pred(l)).count()
    }
}

/// A running `helpsite serve`; killed when dropped.
pub struct Server {
    pub child: Child,
    pub port: u16,
    pub root: PathBuf,
    pub stdout: Lines,
    pub stderr: Lines,
}

impl Server {
    /// Serve `root` on a free port with extra `args`, and wait until the first build
    /// finished (successfully or not).
    pub fn start(root: &Path, args: &[&str]) -> Server {
        Self::start_with(root, args, &[])
    }

    pub fn start_with(root: &Path, args: &[&str], env: &[(&str, &str)]) -> Server {
        let mut cmd = Command::new(BIN);
        cmd.arg("serve").arg("--root").arg(root);
        if !args.contains(&"--port") {
            cmd.args(["--port", "0"]);
        }
        cmd.args(args).envs(env.iter().copied());
        let mut child = cmd
            .env("NO_COLOR", "1")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stdout = Lines::follow(child.stdout.take().unwrap());
        let stderr = Lines::follow(child.stderr.take().unwrap());
        let line = stdout.wait_for("the serving line", |l| l.starts_with("serving "));
        let port = line
            .split("http://")
            .nth(1)
            .and_then(|rest| rest.split(['/', ' ']).next())
            .and_then(|hostport| hostport.rsplit(':').next())
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| panic!("no port in {line:?}"));
        let server = Server {
            child,
            port,
            root: root.to_path_buf(),
            stdout,
            stderr,
        };
        server.wait_first_build();
        server
    }

    fn wait_first_build(&self) {
        let start = Instant::now();
        while get(self.port, "/").status == 503 {
            assert!(start.elapsed() < WAIT, "first build did not finish");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn get(&self, path: &str) -> Response {
        get(self.port, path)
    }

    pub fn request(&self, method: &str, target: &str, headers: &[(&str, &str)]) -> Response {
        request(self.port, method, target, headers)
    }

    /// The build id the page at `path` was served from.
    pub fn build_of(&self, path: &str) -> String {
        build_id(&self.get(path).text())
    }

    pub fn events(&self, build: &str) -> Events {
        Events::connect(self.port, build)
    }

    /// Send SIGINT (what Ctrl+C sends) and wait for the exit status.
    pub fn interrupt(mut self) -> std::process::ExitStatus {
        let pid = self.child.id().to_string();
        assert!(
            Command::new("kill")
                .args(["-INT", &pid])
                .status()
                .unwrap()
                .success()
        );
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(start.elapsed() < WAIT, "server did not stop after SIGINT");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The `data-build` of the injected reload script.
pub fn build_id(html: &str) -> String {
    let at = html
        .find("data-build=\"")
        .expect("page has the reload script")
        + "data-build=\"".len();
    html[at..].split('"').next().unwrap().to_owned()
}

/// A parsed HTTP response.
#[derive(Debug)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

pub fn get(port: u16, target: &str) -> Response {
    request(port, "GET", target, &[])
}

/// One request on a fresh connection; the target is sent exactly as given.
pub fn request(port: u16, method: &str, target: &str, headers: &[(&str, &str)]) -> Response {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream.set_read_timeout(Some(WAIT)).unwrap();
    let mut head =
        format!("{method} {target} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n");
    for (n, v) in headers {
        head.push_str(&format!("{n}: {v}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    parse_response(&raw)
}

/// Send `raw` bytes exactly as given on a fresh connection and read the response to its end.
pub fn send(port: u16, raw: &[u8]) -> Response {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream.set_read_timeout(Some(WAIT)).unwrap();
    stream.write_all(raw).unwrap();
    let mut out = Vec::new();
    let _ = stream.read_to_end(&mut out);
    parse_response(&out)
}

/// A GET on a fresh connection that reports failure instead of panicking: the status, or
/// what went wrong (refused, reset, timed out, no complete response).
pub fn try_get(port: u16, target: &str, timeout: Duration) -> Result<u16, String> {
    let addr = std::net::SocketAddr::from(([127, 0, 0, 1], port));
    let mut stream = TcpStream::connect_timeout(&addr, timeout).map_err(|e| e.to_string())?;
    stream
        .set_read_timeout(Some(timeout))
        .map_err(|e| e.to_string())?;
    let head =
        format!("GET {target} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n");
    stream
        .write_all(head.as_bytes())
        .map_err(|e| e.to_string())?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).map_err(|e| e.to_string())?;
    if !raw.windows(4).any(|w| w == b"\r\n\r\n") {
        return Err(format!(
            "incomplete response: {:?}",
            String::from_utf8_lossy(&raw)
        ));
    }
    Ok(parse_response(&raw).status)
}

fn parse_response(raw: &[u8]) -> Response {
    let end = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("complete headers");
    let head = String::from_utf8_lossy(&raw[..end]).into_owned();
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_owned(), v.trim().to_owned()))
        .collect();
    Response {
        status,
        headers,
        body: raw[end + 4..].to_vec(),
    }
}

/// An event-stream connection, read by a thread into a channel of `(event, data)`.
pub struct Events {
    rx: Receiver<(String, String)>,
    pending: VecDeque<(String, String)>,
    _stream: TcpStream,
}

impl Events {
    pub fn connect(port: u16, build: &str) -> Events {
        let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
        let head = format!(
            "GET /__helpsite/events?build={build} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAccept: text/event-stream\r\n\r\n"
        );
        stream.write_all(head.as_bytes()).unwrap();
        let reader = stream.try_clone().unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut lines = BufReader::new(reader).lines();
            let (mut name, mut data) = (String::new(), String::new());
            while let Some(Ok(line)) = lines.next() {
                if let Some(n) = line.strip_prefix("event: ") {
                    name = n.to_owned();
                } else if let Some(d) = line.strip_prefix("data: ") {
                    data = d.to_owned();
                } else if line.is_empty()
                    && !name.is_empty()
                    && tx
                        .send((std::mem::take(&mut name), std::mem::take(&mut data)))
                        .is_err()
                {
                    break;
                }
            }
        });
        Events {
            rx,
            pending: VecDeque::new(),
            _stream: stream,
        }
    }

    /// The next event named `name`, skipping others; panics after [`WAIT`].
    pub fn expect(&mut self, name: &str) -> String {
        let deadline = Instant::now() + WAIT;
        if let Some(i) = self.pending.iter().position(|(n, _)| n == name) {
            return self.pending.remove(i).unwrap().1;
        }
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.rx.recv_timeout(left) {
                Ok((n, data)) if n == name => return data,
                Ok(other) => self.pending.push_back(other),
                Err(_) => panic!("no `{name}` event; got {:?}", self.pending),
            }
        }
    }

    /// Every event that arrives within `window`.
    pub fn collect(&mut self, window: Duration) -> Vec<(String, String)> {
        let deadline = Instant::now() + window;
        let mut out: Vec<_> = self.pending.drain(..).collect();
        while let Ok(e) = self
            .rx
            .recv_timeout(deadline.saturating_duration_since(Instant::now()))
        {
            out.push(e);
        }
        out
    }
}
