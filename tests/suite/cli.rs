//! The command line itself: help, version, quiet and verbose output, usage errors.

use crate::util::{Site, helpsite};

#[test]
fn help_lists_the_commands_and_options() {
    let tmp = tempfile::tempdir().unwrap();
    let run = helpsite(tmp.path(), &["--help"]).ok();
    for needle in [
        "Usage: helpsite",
        "build",
        "init",
        "--quiet",
        "--verbose",
        "--version",
    ] {
        assert!(run.stdout.contains(needle), "--help lacks {needle}\n{run}");
    }
    let run = helpsite(tmp.path(), &["build", "--help"]).ok();
    for needle in ["--root", "--out", "--drafts"] {
        assert!(
            run.stdout.contains(needle),
            "build --help lacks {needle}\n{run}"
        );
    }
}

#[test]
fn version_prints_the_package_version() {
    let tmp = tempfile::tempdir().unwrap();
    let run = helpsite(tmp.path(), &["--version"]).ok();
    assert_eq!(
        run.stdout.trim(),
        format!("helpsite {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn summary_line_counts_and_quiet_silences_it() {
    let site = Site::fixture("features");
    let run = site.build(&[]).ok();
    let summary = run
        .stdout
        .lines()
        .find(|l| l.starts_with("built "))
        .unwrap();
    assert!(
        summary.starts_with("built 16 pages (5 FAQ questions, 3 assets) in "),
        "{summary}"
    );
    // The fixture's one warning: its diagrams have no library (tests that draw them add one).
    assert!(summary.contains(" ms, 1 warning -> "), "{summary}");
    run.stderr_has("warning[diagram-library-missing]");

    let quiet = site.build(&["-q"]).ok();
    assert_eq!(quiet.stdout, "", "{quiet}");
    assert_eq!(quiet.stderr, "", "{quiet}");
    assert!(site.dist().join("index.html").is_file());

    // -q hides warnings too, but never errors.
    let warn = Site::fixture("warnings");
    let quiet = warn.build(&["--quiet"]).ok();
    assert_eq!(quiet.stdout, "", "{quiet}");
    assert_eq!(quiet.stderr, "", "{quiet}");
    let broken = Site::fixture("errors/front-matter-yaml");
    broken
        .build(&["-q"])
        .fatal()
        .stderr_has("content/broken.md:2:8");
}

#[test]
fn verbose_adds_detail() {
    let site = Site::fixture("features");
    let run = site.build(&["-v"]).ok();
    assert!(
        run.stdout.lines().any(|l| l.contains(" output files: ")
            && l.ends_with(" written, 0 unchanged, 0 stale removed")),
        "{run}"
    );
    let again = site.build(&["-v"]).ok();
    for stage in [" markdown ", " search index ", " related ", " templates "] {
        assert!(again.stdout.contains(stage), "{stage}: {again}");
    }
}

#[test]
fn usage_errors_exit_2_without_panicking() {
    let tmp = tempfile::tempdir().unwrap();
    helpsite(tmp.path(), &["build", "--no-such-flag"]).fatal();
    helpsite(tmp.path(), &["frobnicate"]).fatal();
    // No content/ folder: a clear message with a way forward.
    helpsite(tmp.path(), &["build"])
        .fatal()
        .stderr_has("no `content/` folder");
}
