//! `helpsite serve`: build the site into memory, serve it over HTTP, rebuild on every save
//! and tell open pages to reload (or swap stylesheets, or show the build error).
//!
//! Threads: one accepts connections and each connection has its own (a live-reload stream
//! keeps its connection's); the watcher gathers file events into batches; the rebuild
//! thread owns the incremental [`Session`] and publishes snapshots; the main thread waits
//! for Ctrl+C. Nothing is ever written to disk.

mod conn;
mod failure;
mod host;
mod http;
mod inject;
mod limits;
mod live;
mod mime;
mod poll;
mod rebuild;
mod reload;
mod request;
mod snapshot;
mod urlpath;
mod watch;

use crate::diagnostic::Diagnostic;
use crate::incremental::Session;
use crate::pipeline::Options;
pub use limits::Limits;
use live::Live;
use std::net::{IpAddr, Ipv4Addr, SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::Duration;

/// The default port; the next free one is used when it is taken.
pub const DEFAULT_PORT: u16 = 8000;
/// How many ports after the asked one are tried.
const PORT_TRIES: u16 = 50;

/// What to serve and how.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub root: PathBuf,
    pub drafts: bool,
    pub bind: IpAddr,
    /// 0 lets the system choose.
    pub port: u16,
    pub open: bool,
    pub poll: bool,
    /// Host names answered besides this machine's own (`--allow-host`); `.name` also
    /// allows its subdomains.
    pub allow_hosts: Vec<String>,
    /// The connection cap and the request-head deadline.
    pub limits: Limits,
}

impl Default for ServeOptions {
    fn default() -> Self {
        ServeOptions {
            root: PathBuf::from("."),
            drafts: false,
            bind: IpAddr::V4(Ipv4Addr::LOCALHOST),
            port: DEFAULT_PORT,
            open: false,
            poll: false,
            allow_hosts: Vec::new(),
            limits: Limits::default(),
        }
    }
}

/// Terminal output of the server.
#[derive(Debug, Clone, Copy)]
pub struct Log {
    pub quiet: bool,
    pub color: bool,
}

impl Log {
    fn info(&self, message: &str) {
        if !self.quiet {
            println!("{message}");
        }
    }

    fn warn(&self, message: &str) {
        eprintln!("helpsite: warning: {message}");
    }

    fn warnings(&self, diags: &[Diagnostic]) {
        if !self.quiet {
            for d in diags {
                eprint!("{}", d.render(self.color));
            }
        }
    }

    fn errors(&self, diags: &[Diagnostic]) {
        for d in diags {
            eprint!("{}", d.render(self.color));
        }
    }
}

/// Serve until Ctrl+C. Fails only when the server cannot start; build errors are shown in
/// the browser and the terminal while serving goes on.
pub fn serve(opts: &ServeOptions, log: Log) -> Result<(), Diagnostic> {
    let root = opts.root.canonicalize().map_err(|e| {
        Diagnostic::error(
            "io",
            format!("cannot open site root `{}`: {e}", opts.root.display()),
        )
    })?;
    let build = Options {
        root: root.clone(),
        out: None,
        drafts: opts.drafts,
    };
    let out_dir = build.out_dir();
    let (listener, addr) = listen(opts.bind, opts.port)?;
    let hosts = host::Hosts::new(addr.ip(), addr.port(), &opts.allow_hosts)?;
    if opts.port != 0 && addr.port() != opts.port {
        log.info(&format!(
            "port {} is taken; using {} instead",
            opts.port,
            addr.port()
        ));
    }
    let live = Arc::new(Live::new());
    let stop = Arc::new(AtomicBool::new(false));
    let context = conn::Context {
        live: Arc::clone(&live),
        hosts,
        slots: limits::Slots::new(opts.limits),
    };
    let acceptor = conn::start(listener, Arc::new(context), Arc::clone(&stop))
        .map_err(|e| Diagnostic::error("serve", format!("cannot start the HTTP server: {e}")))?;

    let (batch_tx, batch_rx) = mpsc::channel();
    let mode = watch::start(&root, &out_dir, opts.poll, batch_tx, Arc::clone(&stop))?;
    // The site is served under its base URL's path; a broken config shows up with the
    // first build, and the site is at the root until then.
    let mount =
        crate::config::load(&root).map_or(String::new(), |c| snapshot::mount_of(&c.base_url));
    let url = format!("{}{}", url_of(addr), urlpath::encode(&mount));
    if !addr.ip().is_loopback() {
        log.warn(&format!(
            "listening on {}: anyone who can reach this machine can read the site",
            addr.ip()
        ));
    }
    // The one line printed even with --quiet: without it the site cannot be found.
    let polling = if mode == watch::Mode::Poll {
        " by polling"
    } else {
        ""
    };
    println!(
        "serving {} at {url} (watching files{polling}; Ctrl+C to stop)",
        root.display()
    );

    let rebuild_live = Arc::clone(&live);
    let session = Session::new(build);
    std::thread::Builder::new()
        .name("helpsite-rebuild".to_owned())
        .spawn(move || rebuild::run(session, &rebuild_live, &batch_rx, &log))
        .map_err(|e| Diagnostic::error("serve", format!("cannot start the rebuild thread: {e}")))?;
    if opts.open {
        open_browser(&url, log);
    }

    let (stop_tx, stop_rx) = mpsc::channel();
    ctrlc::set_handler(move || {
        let _ = stop_tx.send(());
    })
    .map_err(|e| Diagnostic::error("serve", format!("cannot handle Ctrl+C: {e}")))?;
    let _ = stop_rx.recv();

    log.info("stopping");
    stop.store(true, Ordering::Relaxed);
    live.hub.close();
    // Wake the accept loop so it sees `stop`; open connections end with the process.
    let _ = std::net::TcpStream::connect_timeout(&local(addr), Duration::from_secs(1));
    let _ = acceptor.join();
    log.info("stopped");
    Ok(())
}

/// Bind `port` on `ip`, or the next free port after it.
fn listen(ip: IpAddr, port: u16) -> Result<(TcpListener, SocketAddr), Diagnostic> {
    let last = if port == 0 {
        0
    } else {
        port.saturating_add(PORT_TRIES)
    };
    let mut tried = port;
    loop {
        match bind(SocketAddr::new(ip, tried)) {
            Ok(l) => {
                let addr = l
                    .local_addr()
                    .map_err(|e| Diagnostic::error("serve", format!("cannot listen: {e}")))?;
                return Ok((l, addr));
            }
            Err(e) if e.kind() == std::io::ErrorKind::AddrInUse && tried < last => tried += 1,
            Err(e) => {
                return Err(Diagnostic::error(
                    "serve",
                    format!("cannot listen on {ip} port {tried}: {e}"),
                )
                .help("pass --port with a free port, or --port 0 to let the system choose"));
            }
        }
    }
}

/// A listening socket with a deep accept queue: std's 128 overflowed when hundreds of
/// clients connected at once (the kernel then drops connection attempts, which wait a
/// second or more to retry).
fn bind(addr: SocketAddr) -> std::io::Result<TcpListener> {
    use socket2::{Domain, Socket, Type};
    let socket = Socket::new(Domain::for_address(addr), Type::STREAM, None)?;
    #[cfg(unix)]
    socket.set_reuse_address(true)?;
    socket.bind(&addr.into())?;
    socket.listen(4096)?;
    Ok(socket.into())
}

fn url_of(addr: SocketAddr) -> String {
    let host = match addr.ip() {
        ip if ip.is_unspecified() => "127.0.0.1".to_owned(),
        IpAddr::V6(ip) => format!("[{ip}]"),
        IpAddr::V4(ip) => ip.to_string(),
    };
    format!("http://{host}:{}/", addr.port())
}

/// Where this machine reaches the server (loopback when bound to all interfaces).
fn local(addr: SocketAddr) -> SocketAddr {
    match addr.ip() {
        IpAddr::V4(ip) if ip.is_unspecified() => {
            SocketAddr::new(Ipv4Addr::LOCALHOST.into(), addr.port())
        }
        IpAddr::V6(ip) if ip.is_unspecified() => {
            SocketAddr::new(std::net::Ipv6Addr::LOCALHOST.into(), addr.port())
        }
        _ => addr,
    }
}

/// Open `url` in the default browser, without waiting for it.
fn open_browser(url: &str, log: Log) {
    let (program, args): (&str, Vec<&str>) = if cfg!(target_os = "macos") {
        ("open", vec![url])
    } else if cfg!(windows) {
        ("cmd", vec!["/C", "start", "", url])
    } else {
        ("xdg-open", vec![url])
    };
    let child = std::process::Command::new(program)
        .args(args)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    match child {
        Ok(mut child) => {
            // Reap it when it exits, so it does not linger as a zombie.
            std::thread::spawn(move || {
                let _ = child.wait();
            });
        }
        Err(e) => log.warn(&format!(
            "cannot open a browser ({program}: {e}); open {url} yourself"
        )),
    }
}
