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
    /// Import existing articles into content/.
    Import {
        #[command(subcommand)]
        from: ImportFrom,
    },
}

#[derive(Subcommand)]
enum ImportFrom {
    /// WordPress REST API post JSON (one post or an array, as /wp-json/wp/v2/posts returns).
    Wordpress {
        /// A .json export file, or a folder of them.
        input: PathBuf,
        /// Folder for the pages, under content/ [default: content/guides].
        #[arg(long)]
        into: Option<PathBuf>,
        /// Site root (holds content/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Replace files that already exist.
        #[arg(long)]
        force: bool,
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
        Command::Build { root, out, drafts } => {
            build(&printer, cli.verbose, Options { root, out, drafts })
        }
        Command::Serve {
            root,
            port,
            bind,
            open,
            poll,
            drafts,
        } => {
            let opts = helpsite::serve::ServeOptions {
                root,
                drafts,
                bind,
                port,
                open,
                poll,
            };
            let log = helpsite::serve::Log {
                quiet: printer.quiet,
                color: printer.color,
            };
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
        Command::Import {
            from:
                ImportFrom::Wordpress {
                    input,
                    into,
                    root,
                    force,
                },
        } => import(
            &printer,
            helpsite::import::Options {
                input,
                root,
                into,
                force,
            },
        ),
    }
}

fn import(printer: &Printer, opts: helpsite::import::Options) -> ExitCode {
    let report = match helpsite::import::wordpress(&opts) {
        Ok(r) => r,
        Err(errors) => return fatal(printer, &errors),
    };
    if printer.quiet {
        printer.diagnostics(&report.warnings);
        return ExitCode::SUCCESS;
    }
    let mut files = 0;
    for post in &report.posts {
        let title = if post.title.is_empty() {
            "(untitled)"
        } else {
            &post.title
        };
        println!("{title} ({})", post.source.display());
        for f in &post.files {
            println!("  wrote {}", opts.root.join(f).display());
        }
        files += post.files.len();
        for (n, repair) in post.repairs.iter() {
            println!("  repaired {n:>4}  {repair}");
        }
    }
    printer.diagnostics(&report.warnings);
    let questions: usize = report.posts.iter().map(|p| p.questions).sum();
    let n = report.posts.len();
    println!(
        "imported {n} post{} ({questions} FAQ question{}) into {files} file{}, {} warning{}",
        plural(n),
        plural(questions),
        plural(files),
        report.warnings.len(),
        plural(report.warnings.len())
    );
    ExitCode::SUCCESS
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
                    for (stage, time) in &b.timings {
                        println!("  {stage:<16} {:>8.1} ms", time.as_secs_f64() * 1000.0);
                    }
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
