//! Test helpers: copy a fixture site into a temporary folder, run the real `helpsite`
//! binary on it, and read what it wrote.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The repository root (holds the bundled site, `node_modules/`, `tests/`).
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn fixture_dir(name: &str) -> PathBuf {
    repo().join("tests/fixtures").join(name)
}

/// The outcome of one run of the binary.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Asserts exit 0 and returns self, showing everything printed when it is not.
    #[track_caller]
    pub fn ok(self) -> Self {
        assert_eq!(self.code, 0, "expected success\n{self}");
        self.no_panic()
    }

    /// Asserts exit 2 (fatal) and a clean message: no panic, no backtrace hint.
    #[track_caller]
    pub fn fatal(self) -> Self {
        assert_eq!(self.code, 2, "expected exit code 2\n{self}");
        assert!(self.stderr.contains("error"), "no error printed\n{self}");
        self.no_panic()
    }

    #[track_caller]
    fn no_panic(self) -> Self {
        for bad in ["panicked", "RUST_BACKTRACE", "stack backtrace"] {
            assert!(!self.stderr.contains(bad), "`{bad}` in stderr\n{self}");
            assert!(!self.stdout.contains(bad), "`{bad}` in stdout\n{self}");
        }
        self
    }

    /// Number of warnings printed (`warning[rule]: ...` headers).
    pub fn warning_count(&self) -> usize {
        self.stderr.matches("warning[").count()
    }

    /// The `N warnings` figure of the summary line.
    pub fn summary_warnings(&self) -> usize {
        let line = self
            .stdout
            .lines()
            .find(|l| l.starts_with("built "))
            .unwrap_or_else(|| panic!("no summary line\n{self}"));
        let before = line
            .split(" warning")
            .next()
            .unwrap_or_else(|| panic!("no warnings figure: {line}"));
        before.rsplit(' ').next().unwrap().parse().unwrap()
    }

    #[track_caller]
    pub fn stderr_has(&self, needle: &str) -> &Self {
        assert!(
            self.stderr.contains(needle),
            "stderr lacks `{needle}`\n{self}"
        );
        self
    }
}

impl std::fmt::Display for Run {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "exit code: {}\n--- stdout ---\n{}--- stderr ---\n{}",
            self.code, self.stdout, self.stderr
        )
    }
}

/// Run `helpsite ARGS` in `cwd` with a clean, colourless environment.
pub fn helpsite(cwd: &Path, args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_helpsite"))
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .env_remove("RUST_BACKTRACE")
        .env_remove("RUST_LOG")
        .output()
        .expect("run helpsite");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// The repository's own site (`helpsite.yaml` + `content/`), built with `--out` into a
/// temporary folder (the repository itself is never written to).
pub struct Bundled {
    _tmp: tempfile::TempDir,
    pub dist: PathBuf,
    pub run: Run,
}

/// Build the bundled site; asserts success.
pub fn build_bundled() -> Bundled {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dist = tmp.path().join("dist");
    let (root, out) = (repo(), dist.clone());
    let args = [
        "build",
        "--root",
        root.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ];
    let run = helpsite(tmp.path(), &args).ok();
    Bundled {
        _tmp: tmp,
        dist,
        run,
    }
}

/// A site in a temporary folder: `<tmp>/site` holds the site, `<tmp>/site/dist` the output.
pub struct Site {
    pub tmp: tempfile::TempDir,
    pub root: PathBuf,
}

impl Site {
    /// A copy of `tests/fixtures/<name>`.
    pub fn fixture(name: &str) -> Site {
        let site = Site::empty();
        copy_tree(&fixture_dir(name), &site.root);
        site
    }

    /// A site folder with nothing in it.
    pub fn empty() -> Site {
        let tmp = tempfile::tempdir().expect("tempdir");
        let root = tmp.path().join("site");
        fs::create_dir(&root).unwrap();
        Site { tmp, root }
    }

    /// Write `contents` to `rel` under the site root, creating folders.
    pub fn write(&self, rel: &str, contents: impl AsRef<[u8]>) -> &Self {
        let path = self.root.join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, contents).unwrap();
        self
    }

    /// `helpsite build --root ROOT EXTRA...`, run from the temporary folder.
    pub fn build(&self, extra: &[&str]) -> Run {
        let root = self.root.to_str().unwrap();
        let mut args = vec!["build", "--root", root];
        args.extend_from_slice(extra);
        helpsite(self.tmp.path(), &args)
    }

    pub fn dist(&self) -> PathBuf {
        self.root.join("dist")
    }

    /// Text of an output file under `dist/`.
    #[track_caller]
    pub fn read(&self, rel: &str) -> String {
        read(&self.dist(), rel)
    }
}

#[track_caller]
pub fn read(dir: &Path, rel: &str) -> String {
    let path = dir.join(rel);
    fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// Copy a folder recursively (files and folders only).
pub fn copy_tree(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let dest = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &dest);
        } else {
            fs::copy(entry.path(), dest).unwrap();
        }
    }
}

/// Every file under `dir` (hidden ones too), by `/`-separated relative path, with its bytes.
pub fn snapshot_tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(base: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for entry in fs::read_dir(dir).unwrap() {
            let entry = entry.unwrap();
            let path = entry.path();
            if entry.file_type().unwrap().is_dir() {
                walk(base, &path, out);
            } else {
                let rel = path
                    .strip_prefix(base)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                out.insert(rel, fs::read(&path).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// The HTML files under `dir`, by relative path.
pub fn html_files(dir: &Path) -> Vec<String> {
    snapshot_tree(dir)
        .into_keys()
        .filter(|k| k.ends_with(".html"))
        .collect()
}

/// The part of `html` from `<tag` to the matching first `</tag>` (inclusive).
#[track_caller]
pub fn element<'a>(html: &'a str, tag: &str) -> &'a str {
    let start = html
        .find(&format!("<{tag}"))
        .unwrap_or_else(|| panic!("no <{tag}> in\n{html}"));
    let close = format!("</{tag}>");
    let end = html[start..]
        .find(&close)
        .unwrap_or_else(|| panic!("no {close}"))
        + start;
    &html[start..end + close.len()]
}

/// Values of attribute `attr` (double-quoted) everywhere in `html`, in order.
pub fn attr_values<'a>(html: &'a str, attr: &str) -> Vec<&'a str> {
    let needle = format!(" {attr}=\"");
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find(&needle) {
        let after = &rest[i + needle.len()..];
        let end = after.find('"').unwrap_or(after.len());
        out.push(&after[..end]);
        rest = &after[end..];
    }
    out
}

/// The contents of every `<script type="application/ld+json">` in `html`.
pub fn json_ld(html: &str) -> Vec<serde_json::Value> {
    let open = "<script type=\"application/ld+json\">";
    html.match_indices(open)
        .map(|(i, _)| {
            let body = &html[i + open.len()..];
            let end = body.find("</script>").expect("closed script");
            serde_json::from_str(&body[..end])
                .unwrap_or_else(|e| panic!("invalid JSON-LD ({e}): {}", &body[..end]))
        })
        .collect()
}

/// Whether an optional tool test must run: `HELPSITE_REQUIRE_<what>=1` turns a skip into a
/// failure. Returns false (after printing a loud notice) when the test should be skipped.
pub fn available(what: &str, env: &str, missing: &[String]) -> bool {
    if missing.is_empty() {
        return true;
    }
    let list = missing.join(", ");
    if std::env::var(env).is_ok_and(|v| v == "1") {
        panic!("{what} test cannot run ({env}=1): missing {list}. Run scripts/test to install.");
    }
    eprintln!(
        "\n==================== SKIPPED: {what} test ====================\n\
         missing: {list}\n\
         run scripts/test (installs everything), or set {env}=1 to make this a failure\n\
         ================================================================\n"
    );
    false
}
