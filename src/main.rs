//! The `helpsite` command: argument parsing, dispatch, printing and exit codes.

use clap::{Parser, Subcommand};
use helpsite::diagnostic::Diagnostic;
use helpsite::highlight::Highlighter;
use helpsite::pipeline::{self, Options};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

/// A fast static help-site generator: Markdown guides and YAML FAQs in, a searchable,
/// checked help site out.
#[derive(Parser)]
#[command(name = "helpsite", version, about, propagate_version = true)]
struct Cli {
    /// Print only errors.
    #[arg(short, long, global = true)]
    quiet: bool,
    /// Print more detail (timings, every output).
    #[arg(short, long, global = true)]
    verbose: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder (replaced atomically).
    Build {
        /// Site root (holds helpsite.yaml and content/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Output folder [default: ROOT/dist].
        #[arg(long)]
        out: Option<PathBuf>,
        /// Include pages marked `draft: true`.
        #[arg(long)]
        drafts: bool,
    },
    /// Serve the site from memory with live reload; rebuilds on every save.
    Serve {
        /// Site root (holds helpsite.yaml and content/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Port to listen on; the next free one is used if it is taken (0: any free port).
        #[arg(long, default_value_t = helpsite::serve::DEFAULT_PORT)]
        port: u16,
        /// Address to listen on. Anything but loopback lets other machines read the site.
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Open the site in the default browser.
        #[arg(long)]
        open: bool,
        /// Poll for file changes instead of native file events (network or container file
        /// systems).
        #[arg(long)]
        poll: bool,
        /// Include pages marked `draft: true`.
        #[arg(long)]
        drafts: bool,
    },
    /// Create a starter site in DIR.
    Init {
        /// Folder to create the site in.
        dir: PathBuf,
    },
}

struct Printer {
    quiet: bool,
    color: bool,
}

impl Printer {
    fn diagnostics(&self, diags: &[Diagnostic]) {
        for d in diags {
            if self.quiet && !d.is_error() {
                continue;
            }
            eprintln!("{}", d.render(self.color));
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let printer = Printer {
        quiet: cli.quiet,
        color: std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    match cli.command {
        Command::Build { root, out, drafts } => build(&printer, cli.verbose, Options { root, out, drafts }),
        Command::Serve { root, port, bind, open, poll, drafts } => {
            let opts = helpsite::serve::ServeOptions { root, drafts, bind, port, open, poll };
            let log = helpsite::serve::Log { quiet: printer.quiet, color: printer.color };
            match helpsite::serve::serve(&opts, log) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    printer.diagnostics(&[e]);
                    ExitCode::from(2)
                }
            }
        }
        Command::Init { dir } => match helpsite::init::init(&dir) {
            Ok(files) => {
                if !printer.quiet {
                    for f in files {
                        println!("created {}", dir.join(f).display());
                    }
                    println!("next: helpsite build --root {}", dir.display());
                }
                ExitCode::SUCCESS
            }
            Err(e) => fatal(&printer, &[e]),
        },
    }
}

fn build(printer: &Printer, verbose: bool, opts: Options) -> ExitCode {
    let highlighter = Highlighter::new();
    match pipeline::build_and_write(&opts, &highlighter) {
        Ok(b) => {
            printer.diagnostics(&b.warnings);
            if !printer.quiet {
                let pages = b.site.pages.len();
                let assets = b.site.assets.len();
                println!(
                    "built {pages} page{} ({} FAQ question{}, {assets} asset{}) in {} ms, {} warning{} -> {}",
                    plural(pages),
                    b.question_count(),
                    plural(b.question_count()),
                    plural(assets),
                    b.elapsed.as_millis(),
                    b.warnings.len(),
                    plural(b.warnings.len()),
                    opts.out_dir().display()
                );
                if verbose {
                    println!("{} output files", b.outputs.len());
                }
            }
            ExitCode::SUCCESS
        }
        Err(errors) => fatal(printer, &errors),
    }
}

fn fatal(printer: &Printer, errors: &[Diagnostic]) -> ExitCode {
    printer.diagnostics(errors);
    let n = errors.len();
    eprintln!("helpsite: {n} error{}; nothing was written", plural(n));
    ExitCode::from(2)
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
