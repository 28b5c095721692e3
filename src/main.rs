//! The `helpsite` command: argument parsing, dispatch, printing and exit codes.

use clap::{Parser, Subcommand};
use helpsite::check::{self, format::Format};
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
        /// Publish without the internal link and anchor check (`helpsite check` still
        /// runs it). For an urgent fix, or to time the check.
        #[arg(long)]
        skip_link_check: bool,
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
        /// Also answer requests for this host name (a proxy, tunnel or LAN name); `.NAME`
        /// allows its subdomains too. Repeatable. Others get 403 (DNS-rebinding guard).
        #[arg(long = "allow-host", value_name = "NAME")]
        allow_host: Vec<String>,
    },
    /// Check links, anchors and content; exit 1 when a finding is an error.
    Check {
        /// Site root (holds helpsite.yaml and content/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Also request every external link (cached in ROOT/.helpsite-cache.json).
        #[arg(long)]
        external: bool,
        /// How to print findings.
        #[arg(long, value_enum, default_value = "human")]
        format: FormatArg,
        /// Include pages marked `draft: true`.
        #[arg(long)]
        drafts: bool,
        /// List every rule with its default level, then exit.
        #[arg(long)]
        list_rules: bool,
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
    /// An MkDocs project: mkdocs.yml and its docs folder (left untouched) into a new site.
    Mkdocs {
        /// The project's mkdocs.yml, or the folder holding it.
        #[arg(default_value = "mkdocs.yml")]
        config: PathBuf,
        /// Site root to write helpsite.yaml and content/ into.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Replace files that already exist.
        #[arg(long)]
        force: bool,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum FormatArg {
    Human,
    Json,
    Sarif,
    Github,
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
        Command::Build {
            root,
            out,
            drafts,
            skip_link_check,
        } => build(
            &printer,
            cli.verbose,
            Options { root, out, drafts },
            !skip_link_check,
        ),
        Command::Serve {
            root,
            port,
            bind,
            open,
            poll,
            drafts,
            allow_host,
        } => {
            let opts = helpsite::serve::ServeOptions {
                root,
                drafts,
                bind,
                port,
                open,
                poll,
                allow_hosts: allow_host,
                limits: helpsite::serve::Limits::from_env(),
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
        Command::Check {
            root,
            external,
            format,
            drafts,
            list_rules,
        } => {
            if list_rules {
                return print_rules();
            }
            let opts = Options {
                root,
                out: None,
                drafts,
            };
            check(&printer, cli.verbose, opts, external, format)
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
        Command::Import {
            from:
                ImportFrom::Mkdocs {
                    config,
                    root,
                    force,
                },
        } => import_mkdocs(
            &printer,
            cli.verbose,
            &helpsite::import::mkdocs::Options {
                config,
                root,
                force,
            },
        ),
    }
}

fn import_mkdocs(
    printer: &Printer,
    verbose: bool,
    opts: &helpsite::import::mkdocs::Options,
) -> ExitCode {
    let report = match helpsite::import::mkdocs::import(opts) {
        Ok(r) => r,
        Err(errors) => return fatal(printer, &errors),
    };
    printer.diagnostics(&report.warnings);
    if printer.quiet {
        return ExitCode::SUCCESS;
    }
    if verbose {
        for f in &report.written {
            println!("wrote {}", opts.root.join(f).display());
        }
    }
    let n = report.warnings.len();
    println!(
        "imported {} page{} ({} section{}, {} redirect{}) and {} other file{} from {} into {}: {} warning{} (not carried over)",
        report.pages,
        plural(report.pages),
        report.sections,
        plural(report.sections),
        report.aliases,
        plural(report.aliases),
        report.other_files,
        plural(report.other_files),
        report.config.display(),
        opts.root.display(),
        n,
        plural(n)
    );
    println!("next: helpsite build --root {}", opts.root.display());
    ExitCode::SUCCESS
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

/// Save the highlighted code blocks for the next build. Only a shortcut: a site root that
/// cannot be written to costs the next build time, nothing else.
fn keep_highlight_cache(highlighter: &Highlighter, verbose: bool) {
    if let Err(e) = highlighter.save_cache()
        && verbose
    {
        eprintln!(
            "helpsite: could not keep highlighted code in `{}`: {e}",
            helpsite::highlight::cache::FILE_NAME
        );
    }
}

fn build(printer: &Printer, verbose: bool, opts: Options, check_links: bool) -> ExitCode {
    let highlighter = Highlighter::with_cache(&opts.root);
    let out_dir = opts.out_dir();
    // Another build writing the same output is waited for, not raced: the two would delete
    // each other's files. The pages are written into the (unpublished) staging folder as
    // they are made; it is swapped in only once everything is written and checked.
    let waiting = |out: &std::path::Path| {
        if !printer.quiet {
            eprintln!(
                "helpsite: another build is writing `{}`; waiting for it to finish",
                out.display()
            );
        }
    };
    let stream = pipeline::check_output(&opts).and_then(|()| {
        helpsite::write::OutputLock::take(&out_dir, waiting)
            .and_then(helpsite::write::OutputLock::stream)
            .map_err(|e| vec![e])
    });
    let built = stream.and_then(|mut stream| {
        pipeline::build_pages_into(&opts, &highlighter, &mut stream, check_links)
            .map(|b| (b, stream))
    });
    keep_highlight_cache(&highlighter, verbose);
    // Its blocks (every highlighted code block of the site) are saved: free them for the
    // stages to come.
    drop(highlighter);
    let started = std::time::Instant::now();
    let (mut b, stream) = match built {
        Ok(built) => built,
        Err(errors) => return fatal(printer, &errors),
    };
    printer.diagnostics(&b.warnings);
    // Broken internal links and anchors stop the build unless `checks.fail_build: false`.
    // The search index's files are made, the index dropped (the scans take its place in
    // memory); the links are resolved while the other outputs are written; only then is the
    // staging folder swapped in, or set aside.
    // The scans borrow the build until the check is done.
    let mut clock = std::mem::take(&mut b.clock);
    clock.restart();
    let index = pipeline::search_index(&b);
    b.search = helpsite::search::Indexes(Vec::new());
    let t = std::time::Instant::now();
    let scans = check_links.then(|| check::scan_build(&b));
    let scanning = t.elapsed();
    clock.lap("search index files + link scan");
    clock.record("  link scan", scanning);
    clock.restart();
    let ((broken, checking), (staged, writing)) = rayon::join(
        || {
            let t = std::time::Instant::now();
            let broken = scans.map_or_else(Vec::new, |s| check::links_of_scans(&b, s, &index));
            (broken, t.elapsed())
        },
        || {
            let t = std::time::Instant::now();
            (stream.finish(&[&b.outputs, &index]), t.elapsed())
        },
    );
    clock.lap("link check + write");
    clock.record("  link check", checking);
    clock.record("  write", writing);
    b.clock = clock;
    b.outputs.extend(index);
    printer.diagnostics(&broken);
    let errors = broken.iter().filter(|d| d.is_error()).count();
    if errors > 0 && b.site.config.checks.fail_build {
        if let Ok(staged) = staged {
            staged.abandon();
        }
        eprintln!(
            "helpsite: {errors} broken link{}; nothing was written (fix them, or set `checks: {{fail_build: false}}` in helpsite.yaml)",
            plural(errors)
        );
        return ExitCode::from(1);
    }
    let written = staged
        .and_then(helpsite::write::Staged::publish)
        .map_err(|e| vec![e]);
    b.elapsed += started.elapsed();
    let code = match written {
        Ok(stats) => {
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
                    println!(
                        "{} output files: {} written, {} unchanged, {} stale removed",
                        b.outputs.len(),
                        stats.written,
                        stats.unchanged,
                        stats.removed
                    );
                    for lap in &b.clock.laps {
                        let cpu = lap.cpu.map_or(String::new(), |c| {
                            format!("   cpu {:>8.1} ms", c.as_secs_f64() * 1000.0)
                        });
                        let peak = lap.peak_rss.map_or(String::new(), |b| {
                            format!("   peak memory {:>6} MB", b / 1_000_000)
                        });
                        println!(
                            "  {:<16} {:>8.1} ms{cpu}{peak}",
                            lap.stage,
                            lap.wall.as_secs_f64() * 1000.0
                        );
                    }
                }
            }
            ExitCode::SUCCESS
        }
        Err(errors) => fatal(printer, &errors),
    };
    // The process ends here: freeing a large site's millions of allocations one by one
    // would only delay the exit (about half a second at 10,000 pages).
    std::mem::forget(b);
    code
}

fn check(
    printer: &Printer,
    verbose: bool,
    opts: Options,
    external: bool,
    format: FormatArg,
) -> ExitCode {
    let highlighter = Highlighter::with_cache(&opts.root);
    let built = pipeline::build(&opts, &highlighter);
    keep_highlight_cache(&highlighter, verbose);
    let b = match built {
        Ok(b) => b,
        Err(errors) => {
            printer.diagnostics(&errors);
            let n = errors.len();
            eprintln!(
                "helpsite: {n} error{}; the site could not be checked",
                plural(n)
            );
            return ExitCode::from(2);
        }
    };
    let progress = match (printer.quiet, std::io::stderr().is_terminal()) {
        (true, _) => check::external::Progress::Hidden,
        (false, true) => check::external::Progress::Bar,
        (false, false) => check::external::Progress::Lines,
    };
    let check_opts = check::Options {
        external,
        root: opts.root.clone(),
        progress,
    };
    let checking = std::time::Instant::now();
    let cpu_before = pipeline::cpu_time();
    let mut report = check::run(&b, &check_opts);
    if verbose {
        let phases: Vec<String> = report
            .timings
            .iter()
            .map(|(name, d)| format!("{name} {} ms", d.as_millis()))
            .collect();
        let cpu = match (cpu_before, pipeline::cpu_time()) {
            (Some(a), Some(z)) => format!(", {} ms CPU", z.saturating_sub(a).as_millis()),
            _ => String::new(),
        };
        eprintln!(
            "build: {} ms, checks: {} ms{cpu} ({})",
            b.elapsed.as_millis(),
            checking.elapsed().as_millis(),
            phases.join(", ")
        );
    }
    if printer.quiet {
        report.findings.retain(|d| d.is_error());
    }
    let format = match format {
        FormatArg::Human => Format::Human,
        FormatArg::Json => Format::Json,
        FormatArg::Sarif => Format::Sarif,
        FormatArg::Github => Format::Github,
    };
    let color = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let text = match format {
        Format::Human if printer.quiet => check::format::findings_only(&report, color),
        _ => check::format::render(&report, format, color, &opts.root),
    };
    print!("{text}");
    if report.summary.errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn print_rules() -> ExitCode {
    for r in helpsite::rules::RULES {
        let level = match r.level {
            helpsite::rules::Level::Error => "error",
            helpsite::rules::Level::Warning => "warning",
            helpsite::rules::Level::Info => "info",
            helpsite::rules::Level::Off => "off",
        };
        println!("{:<26} {:<8} {}", r.id, level, r.summary);
    }
    ExitCode::SUCCESS
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
