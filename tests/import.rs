//! `helpsite import wordpress`: runs the real binary on WordPress REST API exports
//! (`tests/fixtures/import/`, and the real seed export when `../shared/seed` exists), then
//! builds the result and checks what a reader would get: clean Markdown, working links
//! and anchors, FAQ groups that validate.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use tempfile::TempDir;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Run {
    #[track_caller]
    fn ok(self) -> Self {
        assert_eq!(
            self.code, 0,
            "expected success\n{}\n{}",
            self.stdout, self.stderr
        );
        assert!(!self.stderr.contains("panicked"), "{}", self.stderr);
        self
    }

    #[track_caller]
    fn fatal(self) -> Self {
        assert_eq!(
            self.code, 2,
            "expected exit 2\n{}\n{}",
            self.stdout, self.stderr
        );
        assert!(!self.stderr.contains("panicked"), "{}", self.stderr);
        self
    }

    fn warnings(&self, rule: &str) -> usize {
        self.stderr.matches(&format!("warning[{rule}]")).count()
    }
}

fn helpsite(args: &[&str], root: &Path) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_helpsite"))
        .args(args)
        .arg("--root")
        .arg(root)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// A minimal site to import into.
fn site() -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("content")).unwrap();
    fs::write(dir.path().join("helpsite.yaml"), "title: Imported help\n").unwrap();
    fs::write(
        dir.path().join("content/index.md"),
        "---\ntitle: Help\n---\n\nStart here.\n",
    )
    .unwrap();
    dir
}

fn import(root: &Path, input: &Path, extra: &[&str]) -> Run {
    let input = input.to_string_lossy().into_owned();
    let mut args = vec!["import", "wordpress", input.as_str()];
    args.extend_from_slice(extra);
    helpsite(&args, root)
}

fn read(root: &Path, rel: &str) -> String {
    fs::read_to_string(root.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// Build with `extra` flags; the build must succeed with no warnings.
fn build(root: &Path, extra: &[&str]) -> PathBuf {
    let out = root.join("dist");
    let mut args = vec!["build"];
    args.extend_from_slice(extra);
    let run = helpsite(&args, root).ok();
    assert!(
        run.stdout.contains(", 0 warnings"),
        "{}{}",
        run.stdout,
        run.stderr
    );
    out
}

/// What a checker would flag in imported text: invisible characters, `&nbsp;`, empty links.
fn assert_clean_text(root: &Path) {
    for entry in walk(&root.join("content")) {
        let text = fs::read_to_string(&entry).unwrap();
        for bad in [
            '\u{200b}', '\u{200c}', '\u{200d}', '\u{2060}', '\u{feff}', '\u{ad}', '\u{a0}',
        ] {
            assert!(
                !text.contains(bad),
                "{} holds U+{:04X}",
                entry.display(),
                bad as u32
            );
        }
        assert!(!text.contains("&nbsp;"), "{} holds &nbsp;", entry.display());
        assert!(
            !text.contains("[]("),
            "{} holds an empty link",
            entry.display()
        );
    }
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out.sort();
    out
}

/// Every relative `href`/`src` in the built page resolves to a file in `dist`, and every
/// fragment to an id in its target page. Returns how many links had a fragment.
fn assert_links_resolve(dist: &Path, page: &str) -> usize {
    let mut fragments = 0;
    let page_path = dist.join(page).join("index.html");
    let html = fs::read_to_string(&page_path).unwrap();
    for target in attr_values(&html, &["href=\"", "src=\""]) {
        if target.contains(':') || target.starts_with("//") {
            continue;
        }
        let (path, fragment) = target.split_once('#').unwrap_or((&target, ""));
        let fragment = percent_decoded(fragment);
        let file = if path.is_empty() {
            page_path.clone()
        } else {
            let joined = page_path.parent().unwrap().join(path);
            if path.ends_with('/') {
                joined.join("index.html")
            } else {
                joined
            }
        };
        assert!(
            file.is_file(),
            "{page}: `{target}` leads to a missing {}",
            file.display()
        );
        if !fragment.is_empty() && file.extension().is_some_and(|e| e == "html") {
            fragments += 1;
            let ids: HashSet<String> = attr_values(&fs::read_to_string(&file).unwrap(), &["id=\""])
                .into_iter()
                .collect();
            assert!(
                ids.contains(&fragment),
                "{page}: `{target}`: no id `{fragment}`"
            );
        }
    }
    fragments
}

/// `text` with `%XX` escapes decoded (as a browser reads a fragment).
fn percent_decoded(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok());
        match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
            Some(b) if bytes[i] == b'%' => {
                out.push(b);
                i += 3;
            }
            _ => {
                out.push(bytes[i]);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn attr_values(html: &str, prefixes: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    for p in prefixes {
        for (i, _) in html.match_indices(p) {
            let rest = &html[i + p.len()..];
            if let Some(end) = rest.find('"') {
                out.push(rest[..end].replace("&amp;", "&"));
            }
        }
    }
    out
}

#[test]
fn rank_math_post_becomes_a_page_and_an_faq_group() {
    let s = site();
    let root = s.path();
    let run = import(root, &fixture("rank-math-post.json"), &[]).ok();
    let page_rel = "content/guides/connect-label-printer-wifi.md";
    let faq_rel = "content/guides/connect-label-printer-wifi/faq.yaml";
    for rel in [page_rel, faq_rel] {
        assert!(
            run.stdout
                .contains(&format!("wrote {}", root.join(rel).display())),
            "{}",
            run.stdout
        );
    }
    for repair in [
        "3  invisible characters removed",
        "2  non-breaking spaces (&nbsp;) in prose turned into spaces",
        "7  HTML entities decoded",
        "2  empty paragraphs and headings dropped",
        "3  in-page links pointed at the new heading ids",
        "1  tables without a header row",
        "3  FAQ questions moved from the body into the FAQ group",
        "1  FAQ headings above the FAQ block removed",
    ] {
        assert!(run.stdout.contains(repair), "no `{repair}`\n{}", run.stdout);
    }
    // What needs a human: the image and two links still point at the old site.
    assert_eq!(run.warnings("import-old-site-link"), 3, "{}", run.stderr);
    assert!(
        run.stderr.contains(&format!("{page_rel}:46:37")),
        "{}",
        run.stderr
    );
    assert_eq!(
        run.warnings("import-first-paragraph") + run.warnings("import-description"),
        0
    );

    let page = read(root, page_rel);
    for line in [
        "title: \"Connect a Label Printer to the Office Wi\u{2011}Fi\"",
        "description: Connect a label printer to the office Wi-Fi network, then print a test label to check that it works.",
        "updated: \"2026-03-09\"",
        "  - \"/blog/connect-label-printer-wifi/\"",
        "  - Printers\n  - wi-fi\n  - labels",
        "faq: guides/connect-label-printer-wifi/faq",
        "[the connection steps](#connect-the-printer)",
        "[question about passwords](#what-if-i-dont-know-the-wi-fi-password)",
        "| Printer model | Button to hold |",
        "## Connect the printer\n",
        "2. Open the printer’s setup page at `http://192.168.4.1`.",
        "![The printer’s setup page with the network list](https://help.example.test/",
        "```\nlp -d office-label-printer test-label.pdf\n```",
        "[contact the help desk](https://help.example.test/contact/)",
    ] {
        assert!(page.contains(line), "page lacks `{line}`\n{page}");
    }
    assert!(
        !page.contains("Which networks"),
        "the FAQ is still in the body\n{page}"
    );
    assert!(!page.contains("Frequently Asked"), "{page}");
    let faq = read(root, faq_rel);
    assert!(
        faq.starts_with("title: Frequently Asked Questions\n"),
        "{faq}"
    );
    for id in [
        "id: which-networks-does-the-printer-support",
        "id: what-if-i-dont-know-the-wi-fi-password",
        "id: can-i-print-from-my-phone",
        "(../connect-label-printer-wifi.md#print-a-test-label)",
    ] {
        assert!(faq.contains(id), "FAQ lacks `{id}`\n{faq}");
    }
    assert_clean_text(root);

    let dist = build(root, &[]);
    let guide = "guides/connect-label-printer-wifi";
    let html = fs::read_to_string(dist.join(guide).join("index.html")).unwrap();
    assert_eq!(html.matches("<details class=\"faq-item\"").count(), 3);
    // The two in-page links of the body, the FAQ answer's link back to a heading, and the
    // theme's own anchors all land.
    assert!(assert_links_resolve(&dist, guide) >= 3);
    assert!(
        html.contains("<a href=\"./#print-a-test-label\">the test label step"),
        "answer link"
    );
    let faq_html = fs::read_to_string(dist.join(guide).join("faq/index.html")).unwrap();
    assert!(faq_html.contains("<a href=\"../#print-a-test-label\">the test label step"));
    assert!(assert_links_resolve(&dist, &format!("{guide}/faq")) >= 1);
    assert!(
        dist.join("blog/connect-label-printer-wifi/index.html")
            .is_file()
    );
}

#[test]
fn post_without_faq_imports_without_warnings() {
    let s = site();
    let root = s.path();
    let run = import(root, &fixture("plain-post.json"), &[]).ok();
    assert_eq!(run.stderr, "", "a clean post needs no human");
    assert!(
        run.stdout
            .contains("imported 1 post (0 FAQ questions) into 1 file, 0 warnings")
    );
    let page = read(
        root,
        "content/guides/change-your-desk-phone-voicemail-greeting.md",
    );
    assert!(!page.contains("faq:"), "{page}");
    assert!(page.contains("description: Record a new voicemail greeting on your desk phone and check how callers hear it.\n"));
    assert!(
        page.contains("2. Press <kbd>3</kbd> for greetings"),
        "{page}"
    );
    assert!(page.contains("| Key | Action |"), "{page}");
    assert!(
        !root
            .join("content/guides/change-your-desk-phone-voicemail-greeting")
            .exists()
    );
    let dist = build(root, &[]);
    assert_links_resolve(&dist, "guides/change-your-desk-phone-voicemail-greeting");
}

#[test]
fn array_of_posts_links_the_published_ones_together() {
    let s = site();
    let root = s.path();
    let run = import(root, &fixture("posts-array.json"), &[]).ok();
    assert!(run.stdout.contains("imported 2 posts"), "{}", run.stdout);
    let setup = read(root, "content/guides/set-up-email-on-your-phone.md");
    let servers = read(root, "content/guides/find-your-mail-server-settings.md");
    assert!(servers.contains("draft: true\n"), "{servers}");
    // The draft links to the published post: rewritten to its Markdown file.
    assert!(
        servers.contains("[setting up email on your phone](set-up-email-on-your-phone.md)"),
        "{servers}"
    );
    // The published post links to the draft, which a normal build leaves out: the old URL
    // stays, with a warning.
    assert!(
        setup.contains("(https://help.example.test/blog/find-your-mail-server-settings/#imap)"),
        "{setup}"
    );
    assert_eq!(run.warnings("import-old-site-link"), 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("content/guides/set-up-email-on-your-phone.md:19:"),
        "{}",
        run.stderr
    );
    assert_clean_text(root);
    let dist = build(root, &[]);
    assert_links_resolve(&dist, "guides/set-up-email-on-your-phone");
    assert!(!dist.join("guides/find-your-mail-server-settings").exists());
    let dist = build(root, &["--drafts"]);
    assert_links_resolve(&dist, "guides/find-your-mail-server-settings");
}

#[test]
fn yoast_faq_block_becomes_an_faq_group() {
    let s = site();
    let root = s.path();
    import(
        root,
        &fixture("yoast-post.json"),
        &["--into", "content/guides/office"],
    )
    .ok();
    let page = read(root, "content/guides/office/book-a-meeting-room.md");
    assert!(
        page.contains("faq: guides/office/book-a-meeting-room/faq\n"),
        "{page}"
    );
    assert!(!page.contains("How long can I book"), "{page}");
    assert!(!page.contains("## FAQ"), "{page}");
    let faq = read(root, "content/guides/office/book-a-meeting-room/faq.yaml");
    assert!(faq.contains("  - id: how-long-can-i-book-a-room-for\n    question: How long can I book a room for?\n    answer: |\n      Up to four hours at a time.  \n      Longer bookings"), "{faq}");
    assert!(faq.contains("longer than **four hours**."), "{faq}");
    let dist = build(root, &[]);
    let html =
        fs::read_to_string(dist.join("guides/office/book-a-meeting-room/faq/index.html")).unwrap();
    assert!(html.contains("id=\"why-was-my-booking-declined\""));
    assert!(
        html.contains("\"@type\":\"FAQPage\"") || html.contains("\"@type\": \"FAQPage\""),
        "no JSON-LD"
    );
    assert_links_resolve(&dist, "guides/office/book-a-meeting-room");
}

#[test]
fn malformed_json_is_fatal_and_located() {
    let s = site();
    let run = import(s.path(), &fixture("malformed.json"), &[]).fatal();
    assert!(run.stderr.contains("malformed.json:6:5"), "{}", run.stderr);
    assert!(run.stderr.contains("nothing was written"), "{}", run.stderr);
    assert!(!s.path().join("content/guides").exists());

    let wrong_shape = s.path().join("not-a-post.json");
    fs::write(
        &wrong_shape,
        "[\n  {\"id\": 1,\n   \"title\": {\"rendered\": \"x\"}}\n]\n",
    )
    .unwrap();
    let run = import(s.path(), &wrong_shape, &[]).fatal();
    assert!(
        run.stderr.contains("missing field `content`"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("not-a-post.json:3:"), "{}", run.stderr);
}

#[test]
fn existing_files_are_kept_unless_forced() {
    let s = site();
    let root = s.path();
    import(root, &fixture("plain-post.json"), &[]).ok();
    let rel = "content/guides/change-your-desk-phone-voicemail-greeting.md";
    fs::write(root.join(rel), "edited by hand\n").unwrap();
    let run = import(root, &fixture("plain-post.json"), &[]).fatal();
    assert!(
        run.stderr.contains(&format!("`{rel}` already exists")),
        "{}",
        run.stderr
    );
    assert_eq!(read(root, rel), "edited by hand\n");
    import(root, &fixture("plain-post.json"), &["--force"]).ok();
    assert!(read(root, rel).starts_with("---\ntitle: Change your desk phone"));
}

#[test]
fn a_folder_of_exports_imports_every_file() {
    let s = site();
    let exports = s.path().join("exports");
    fs::create_dir_all(&exports).unwrap();
    for f in ["plain-post.json", "yoast-post.json"] {
        fs::copy(fixture(f), exports.join(f)).unwrap();
    }
    fs::write(exports.join("notes.txt"), "not an export").unwrap();
    let run = import(s.path(), &exports, &["--into", "content"]).ok();
    assert!(
        run.stdout
            .contains("imported 2 posts (2 FAQ questions) into 3 files"),
        "{}",
        run.stdout
    );
    assert!(
        s.path()
            .join("content/book-a-meeting-room/faq.yaml")
            .is_file()
    );
    assert!(
        read(s.path(), "content/book-a-meeting-room.md").contains("faq: book-a-meeting-room/faq\n")
    );
    build(s.path(), &[]);
}

#[test]
fn into_must_stay_under_content() {
    let s = site();
    for into in ["../elsewhere", "docs", "content/../../x"] {
        let run = import(s.path(), &fixture("plain-post.json"), &["--into", into]).fatal();
        assert!(
            run.stderr.contains("is not a folder under `content/`"),
            "{}",
            run.stderr
        );
    }
}

#[cfg(unix)]
#[test]
fn symlinks_do_not_lead_writes_out_of_content() {
    let s = site();
    let outside = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(outside.path(), s.path().join("content/guides")).unwrap();
    let run = import(s.path(), &fixture("plain-post.json"), &[]).fatal();
    assert!(
        run.stderr.contains("would be written outside `content/`"),
        "{}",
        run.stderr
    );
    assert_eq!(fs::read_dir(outside.path()).unwrap().count(), 0);

    let bare = tempfile::tempdir().unwrap();
    let run = import(bare.path(), &fixture("plain-post.json"), &[]).fatal();
    assert!(
        run.stderr.contains("no `content/` folder"),
        "{}",
        run.stderr
    );
}

/// The real export this project started from, when the shared seed folder is present.
fn seed() -> Option<PathBuf> {
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    [
        repo.join("../shared/seed"),
        PathBuf::from("/work/shared/seed"),
    ]
    .into_iter()
    .map(|d| d.join("reset-token-post.wp.json"))
    .find(|f| f.is_file())
}

#[test]
fn seed_export_imports_with_every_fact_and_question() {
    let Some(export) = seed() else {
        eprintln!("SKIPPED: no ../shared/seed/reset-token-post.wp.json");
        return;
    };
    assert!(
        fs::read_to_string(&export).unwrap().contains("\\u200b"),
        "the seed has zero-width spaces"
    );
    let s = site();
    let root = s.path();
    let run = import(root, &export, &[]).ok();
    assert!(
        run.stdout.contains("6  invisible characters removed"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("4  non-breaking spaces"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("1  empty paragraphs and headings dropped"),
        "{}",
        run.stdout
    );
    // The seed's known defects are reported for a human.
    assert_eq!(run.warnings("import-first-paragraph"), 1, "{}", run.stderr);
    assert_eq!(run.warnings("import-description"), 1, "{}", run.stderr);
    assert!(run.stderr.contains("\"Once logged in:\""), "{}", run.stderr);

    let page_rel = "content/guides/how-to-reset-salesforce-security-token.md";
    let page = read(root, page_rel);
    for heading in [
        "## What Is a Salesforce Security Token?",
        "## Why do you need to reset a security token?",
        "## Step-by-Step Guide: How to Get or Reset a Security Token in Salesforce?",
        "## Troubleshooting: Can’t Find the Reset Option?",
        "## Where to find the Security Token in Salesforce?",
        "## Essential Tips to keep your token safe:",
    ] {
        assert!(
            page.contains(&format!("\n{heading}\n")),
            "missing `{heading}`"
        );
    }
    for fact in [
        "K9M4P2Q8X7J5",
        "Setup > Users > Your Name > Edit",
        "**Step 5:** Save It",
        "password manager",
    ] {
        assert!(page.contains(fact), "missing `{fact}`");
    }
    assert!(page.contains("aliases:\n  - \"/blog/how-to-reset-salesforce-security-token/\"\n"));
    assert!(
        page.contains("updated: \"2026-05-21\"\n")
            && page.contains("  - Salesforce Configuration\n")
    );
    let faq = read(
        root,
        "content/guides/how-to-reset-salesforce-security-token/faq.yaml",
    );
    for question in [
        "Do I need the token every time?",
        "What If I don’t get the Email?",
        "Can I turn it off to receive a token?",
        "Can I view my current security token in Salesforce?",
        "Do I need to reset the token for every integration?",
    ] {
        assert!(
            faq.contains(&format!("question: {question}\n")),
            "missing `{question}`\n{faq}"
        );
        assert!(
            !page.contains(question),
            "`{question}` is still in the body"
        );
    }
    assert_clean_text(root);

    let dist = build(root, &[]);
    let built = helpsite(&["build"], root).ok();
    assert!(
        built.stdout.contains("(5 FAQ questions,"),
        "{}",
        built.stdout
    );
    let guide = "guides/how-to-reset-salesforce-security-token";
    assert_links_resolve(&dist, guide);
    assert_links_resolve(&dist, &format!("{guide}/faq"));
    let html = fs::read_to_string(dist.join(guide).join("index.html")).unwrap();
    assert!(!html.contains('\u{200b}') && !html.contains("&nbsp;"));
    assert_eq!(html.matches("<details class=\"faq-item\"").count(), 5);
    let checked = helpsite(&["check", "--format", "json"], root);
    assert_eq!(
        checked.code, 0,
        "helpsite check on the import: {}{}",
        checked.stdout, checked.stderr
    );
    let report: serde_json::Value = serde_json::from_str(&checked.stdout).unwrap();
    assert_eq!(report["summary"]["errors"], 0, "{}", checked.stdout);
}

// `helpsite import mkdocs`: the MkDocs project in `tests/fixtures/import/mkdocs/` (nav
// with nested sections, redirects, a README index, a theme, plugins and Python tags).

/// The MkDocs fixture project, copied to `dir/proj`.
fn mkdocs_project(dir: &Path) -> PathBuf {
    mkdocs_fixture(dir, "mkdocs")
}

/// The MkDocs fixture project `name`, copied to `dir/proj`.
fn mkdocs_fixture(dir: &Path, name: &str) -> PathBuf {
    let proj = dir.join("proj");
    for file in walk(&fixture(name)) {
        let rel = file.strip_prefix(fixture(name)).unwrap();
        fs::create_dir_all(proj.join(rel).parent().unwrap()).unwrap();
        fs::copy(&file, proj.join(rel)).unwrap();
    }
    proj
}

/// Every file under `dir` with its bytes.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    walk(dir)
        .into_iter()
        .map(|p| {
            let bytes = fs::read(&p).unwrap();
            (p, bytes)
        })
        .collect()
}

/// `helpsite import mkdocs ARGS`, run in `cwd`.
fn import_mkdocs(cwd: &Path, args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_helpsite"))
        .args(["import", "mkdocs"])
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// `stderr` holds a finding whose first line contains `message`, located at `at`.
#[track_caller]
fn assert_finding_at(stderr: &str, at: &str, message: &str) {
    let lines: Vec<&str> = stderr.lines().collect();
    let found = lines
        .windows(2)
        .any(|pair| pair[0].contains(message) && pair[1].trim_start() == format!("--> {at}"));
    assert!(found, "no `{message}` at {at} in\n{stderr}");
}

#[test]
fn mkdocs_project_becomes_a_site_that_builds_and_checks_clean() {
    let tmp = tempfile::tempdir().unwrap();
    let proj = mkdocs_project(tmp.path());
    let before = snapshot(&proj);
    let run = import_mkdocs(tmp.path(), &["proj/mkdocs.yml", "--root", "site"]).ok();
    let yml = "proj/mkdocs.yml";
    for (at, message) in [
        (
            "2:1",
            "warning[import-setting]: `site_url` comes from an environment variable (`!ENV`); its default `https://docs.acme.test/` was used",
        ),
        (
            "4:1",
            "warning[import-setting]: `repo_url` is not carried over",
        ),
        (
            "7:9",
            "warning[import-theme]: theme `material` is not carried over",
        ),
        (
            "20:5",
            "warning[import-plugin]: plugin `tags` is not carried over",
        ),
        (
            "27:5",
            "warning[import-extension]: Markdown extension `pymdownx.emoji` is not carried over",
        ),
        (
            "32:5",
            "warning[import-setting]: `extra_css`: `stylesheets/extra.css` is not carried over",
        ),
        (
            "35:5",
            "warning[import-nav]: nav title `Home` is not carried over: the page's heading `Acme Help` stays its title",
        ),
        (
            "39:9",
            "warning[import-nav]: nav title `Install` is not carried over",
        ),
        (
            "43:13",
            "warning[import-nav]: nav link `GitHub` to `https://github.com/acme/client` is not carried over",
        ),
    ] {
        assert_finding_at(&run.stderr, &format!("{yml}:{at}"), message);
    }
    assert_eq!(run.stderr.matches("warning[").count(), 9, "{}", run.stderr);
    assert!(
        run.stdout.contains(
            "imported 7 pages (2 sections, 2 redirects) and 2 other files from proj/mkdocs.yml into site: 9 warnings"
        ),
        "{}",
        run.stdout
    );
    assert_eq!(snapshot(&proj), before, "the MkDocs project changed");

    let site = tmp.path().join("site");
    assert_eq!(
        read(&site, "helpsite.yaml"),
        "# Imported from mkdocs.yml (helpsite import mkdocs).\ntitle: Acme Help\n\
         base_url: \"https://docs.acme.test/\"\n\
         description: How to install and configure the Acme client.\nlanguage: en\n"
    );
    // Existing front matter is kept; nav order and titles are added.
    assert!(read(&site, "content/getting-started.md").starts_with(
        "---\ndescription: Install the Acme client and sign in to your account for the first time.\ntags: [basics]\nweight: 20\n---\n"
    ));
    // guide/README.md is the "User guide" section's page, and links to it follow it.
    assert!(!site.join("content/guide/README.md").exists());
    assert!(
        read(&site, "content/guide/index.md")
            .starts_with("---\ntitle: User guide\nweight: 30\n---\n\n# User guide\n")
    );
    let install = read(&site, "content/guide/install.md");
    assert!(
        install.starts_with(
            "---\nweight: 50\naliases:\n  - \"/setup/\"\n---\n\n# Install the client\n"
        ),
        "{install}"
    );
    assert!(
        install.contains("The [user guide](index.md)\n"),
        "{install}"
    );
    assert!(read(&site, "content/reference/notes.md").contains("[user guide](../guide/index.md)"));
    // A fragment written as MkDocs slugs headings points at helpsite's id.
    assert!(read(&site, "content/index.md").contains("(guide/install.md#step-3---sign-in)"));
    assert!(
        read(&site, "content/guide/configure.md").starts_with(
            "---\ntitle: Configure\nweight: 60\naliases:\n  - \"/old/config/\"\n---\n"
        )
    );
    assert_eq!(
        read(&site, "content/guide/advanced/_index.md"),
        "---\ntitle: Advanced\nweight: 70\n---\n\n"
    );
    for asset in ["images/diagram.svg", "stylesheets/extra.css"] {
        assert_eq!(
            fs::read(site.join("content").join(asset)).unwrap(),
            fs::read(proj.join("docs").join(asset)).unwrap()
        );
    }

    let dist = build(&site, &[]);
    for old in ["setup", "old/config"] {
        assert!(
            dist.join(old).join("index.html").is_file(),
            "no redirect from /{old}/"
        );
    }
    assert!(assert_links_resolve(&dist, "guide/install") > 0);
    assert_links_resolve(&dist, "");
    let checked = helpsite(&["check", "--format", "json"], &site);
    assert_eq!(checked.code, 0, "{}{}", checked.stdout, checked.stderr);
    let report: serde_json::Value = serde_json::from_str(&checked.stdout).unwrap();
    assert_eq!(report["summary"]["errors"], 0, "{}", checked.stdout);

    // A second import keeps what is there, unless forced.
    fs::write(site.join("content/index.md"), "edited by hand\n").unwrap();
    let again = import_mkdocs(tmp.path(), &["proj/mkdocs.yml", "--root", "site"]).fatal();
    assert!(
        again.stderr.contains("`helpsite.yaml` already exists"),
        "{}",
        again.stderr
    );
    assert!(
        again.stderr.contains("nothing was written"),
        "{}",
        again.stderr
    );
    assert_eq!(read(&site, "content/index.md"), "edited by hand\n");
    import_mkdocs(
        tmp.path(),
        &["proj/mkdocs.yml", "--root", "site", "--force"],
    )
    .ok();
    assert!(read(&site, "content/index.md").starts_with("---\nweight: 10\n---\n\n# Acme Help\n"));
    assert_eq!(snapshot(&proj), before, "the MkDocs project changed");
}

#[test]
fn mkdocs_import_reads_mkdocs_yml_into_the_current_folder_by_default() {
    let tmp = tempfile::tempdir().unwrap();
    let proj = mkdocs_project(tmp.path());
    let before = snapshot(&proj);
    import_mkdocs(&proj, &["-q"]).ok();
    assert!(read(&proj, "helpsite.yaml").contains("title: Acme Help\n"));
    assert!(proj.join("content/guide/index.md").is_file());
    let after: Vec<_> = snapshot(&proj)
        .into_iter()
        .filter(|(p, _)| before.iter().any(|(b, _)| b == p))
        .collect();
    assert_eq!(after, before, "the MkDocs project changed");
    build(&proj, &[]);
}

#[test]
fn mkdocs_bad_input_is_fatal_and_located() {
    let tmp = tempfile::tempdir().unwrap();
    let proj = mkdocs_project(tmp.path());
    let config = proj.join("mkdocs.yml");
    let original = fs::read_to_string(&config).unwrap();
    let cases = [
        (
            "site_name: Broken\nnav:\n  - Home: index.md\n  - \"Guide: guide.md\n".to_owned(),
            "proj/mkdocs.yml:4:5",
            "error[yaml]",
        ),
        (
            original.replace(
                "Configure: guide/configure.md",
                "Configure: guide/configur.md",
            ),
            "proj/mkdocs.yml:40:20",
            "error[import-nav]: nav entry `guide/configur.md` is not a page in the docs folder",
        ),
        (
            format!("docs_dir: manuals\n{original}"),
            "proj/mkdocs.yml:1:11",
            "error[import-docs-dir]: the docs folder `proj/manuals` does not exist",
        ),
        (
            original.replace("  - getting-started.md\n", "  - A: a.md\n    B: b.md\n"),
            "proj/mkdocs.yml:36:5",
            "error[import-nav]: a nav entry has one title, this one has 2: `A`, `B`",
        ),
    ];
    for (text, at, message) in cases {
        fs::write(&config, text).unwrap();
        let run = import_mkdocs(tmp.path(), &["proj/mkdocs.yml", "--root", "site"]).fatal();
        assert_finding_at(&run.stderr, at, message);
        assert!(run.stderr.contains("nothing was written"), "{}", run.stderr);
        assert!(!tmp.path().join("site").exists());
    }
    fs::write(&config, &original).unwrap();
    let missing = import_mkdocs(tmp.path(), &["nowhere/mkdocs.yml"]).fatal();
    assert!(
        missing
            .stderr
            .contains("`nowhere/mkdocs.yml` does not exist"),
        "{}",
        missing.stderr
    );
    let nav_typo = original.replace(
        "Configure: guide/configure.md",
        "Configure: guide/configur.md",
    );
    fs::write(&config, nav_typo).unwrap();
    let run = import_mkdocs(tmp.path(), &["proj/mkdocs.yml"]).fatal();
    assert!(
        run.stderr.contains("did you mean `guide/configure.md`?"),
        "{}",
        run.stderr
    );
}

#[test]
fn mkdocs_import_never_writes_into_the_docs_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let proj = mkdocs_project(tmp.path());
    fs::rename(proj.join("docs"), proj.join("content")).unwrap();
    let config = proj.join("mkdocs.yml");
    let text = fs::read_to_string(&config).unwrap();
    fs::write(&config, format!("docs_dir: content\n{text}")).unwrap();
    let before = snapshot(&proj);
    let run = import_mkdocs(&proj, &["--force"]).fatal();
    assert!(
        run.stderr.contains("error[import-overlap]"),
        "{}",
        run.stderr
    );
    assert_eq!(snapshot(&proj), before);
}

// The `i18n` plugin (mkdocs-static-i18n): `tests/fixtures/import/mkdocs-i18n-suffix/`
// (`page.fr.md` next to `page.md`) and `mkdocs-i18n-folder/` (`en/`, `fr/`, shared `assets/`).

/// The pages a built page's `<main>` links to, as site paths (`fr/guide/configure/`).
fn main_links(dist: &Path, page: &str) -> Vec<String> {
    let html = read(dist, &format!("{page}index.html"));
    let main = html
        .split_once("<main")
        .and_then(|(_, rest)| rest.split_once("</main>"))
        .map_or("", |(main, _)| main);
    attr_values(main, &["href=\""])
        .into_iter()
        .filter(|href| !href.starts_with('#') && !href.contains(':'))
        .map(|href| {
            let mut parts: Vec<&str> = page.split('/').filter(|p| !p.is_empty()).collect();
            let path = href.split('#').next().unwrap_or_default().to_owned();
            for part in path.split('/') {
                match part {
                    "" | "." => {}
                    ".." => {
                        parts.pop();
                    }
                    p => parts.push(p),
                }
            }
            let joined = parts.join("/");
            if joined.is_empty() {
                joined
            } else {
                format!("{joined}/")
            }
        })
        .collect()
}

/// Import the i18n fixture `name`, build it, and check what both languages' readers get.
fn import_i18n(tmp: &Path, name: &str) -> (Run, PathBuf, PathBuf) {
    let proj = mkdocs_fixture(tmp, name);
    let before = snapshot(&proj);
    let run = import_mkdocs(tmp, &["proj/mkdocs.yml", "--root", "site"]).ok();
    assert_eq!(snapshot(&proj), before, "the MkDocs project changed");
    let site = tmp.join("site");
    let dist = build(&site, &[]);
    for page in ["", "guide/install/", "guide/configure/"] {
        let english = read(&dist, &format!("{page}index.html"));
        assert!(english.contains("<html lang=\"en\""), "{page}");
        let french = read(&dist, &format!("fr/{page}index.html"));
        assert!(french.contains("<html lang=\"fr\""), "fr/{page}");
        assert_links_resolve(&dist, &format!("fr/{page}"));
        assert_links_resolve(&dist, page);
    }
    // French pages link to French pages, with the ids of their French headings.
    let links = main_links(&dist, "fr/guide/install/");
    assert!(
        links.contains(&"fr/guide/configure/".to_owned()),
        "{links:?}"
    );
    assert!(links.contains(&"fr/".to_owned()), "{links:?}");
    assert!(links.iter().all(|l| l.starts_with("fr/")), "{links:?}");
    assert!(assert_links_resolve(&dist, "fr/guide/configure/") > 0);
    assert!(
        read(&dist, "fr/guide/configure/index.html")
            .contains("href=\"../install/#%C3%A9tape-1---t%C3%A9l%C3%A9charger\"")
    );
    let checked = helpsite(&["check", "--format", "json"], &site);
    assert_eq!(checked.code, 0, "{}{}", checked.stdout, checked.stderr);
    let report: serde_json::Value = serde_json::from_str(&checked.stdout).unwrap();
    assert_eq!(report["summary"]["errors"], 0, "{}", checked.stdout);
    (run, site, dist)
}

#[test]
fn mkdocs_i18n_suffix_languages_become_helpsite_languages() {
    let tmp = tempfile::tempdir().unwrap();
    let (run, site, dist) = import_i18n(tmp.path(), "mkdocs-i18n-suffix");
    let yml = "proj/mkdocs.yml";
    for (at, message) in [
        (
            "10:7",
            "warning[import-plugin]: `i18n`: option `fallback_to_default` is not carried over",
        ),
        (
            "11:7",
            "warning[import-plugin]: `i18n`: option `reconfigure_material` is not carried over",
        ),
        (
            "22:11",
            "warning[import-plugin]: `i18n`: the languages' `nav_translations` is not carried over",
        ),
        (
            "26:11",
            "warning[import-plugin]: `i18n`: the language `de` is not built (`build: false`); it is left out",
        ),
        (
            "29:19",
            "warning[import-plugin]: `i18n`: `english` is not a language tag; the language is left out",
        ),
    ] {
        assert_finding_at(&run.stderr, &format!("{yml}:{at}"), message);
    }
    // `nav_translations` of `de` too: reported once.
    assert_eq!(run.warnings("import-plugin"), 5, "{}", run.stderr);
    assert!(run.stderr.contains("did you mean `en`?"), "{}", run.stderr);
    // The default locale wins over `theme.language: de`.
    assert_eq!(
        read(&site, "helpsite.yaml"),
        "# Imported from mkdocs.yml (helpsite import mkdocs).\ntitle: Acme Help\n\
         base_url: \"https://help.acme.test/\"\nlanguage: en\nlanguages:\n  fr:\n    \
         name: Français\n    title: Aide Acme\n    description: Guides et réponses.\n"
    );
    // Translations keep their names; the default language's suffix is dropped; the
    // language that is not built is left out.
    for (file, there) in [
        ("content/index.md", true),
        ("content/index.en.md", false),
        ("content/index.fr.md", true),
        ("content/guide/install.fr.md", true),
        ("content/guide/configure.fr.md", true),
        ("content/guide/configure.de.md", false),
        ("content/img/logo.svg", true),
        ("content/img/logo.fr.svg", true),
    ] {
        assert_eq!(site.join(file).is_file(), there, "{file}");
    }
    // Nav weights reach the translations; links keep their names, fragments follow the
    // French headings, and a French page shows the French logo.
    let install = read(&site, "content/guide/install.fr.md");
    assert!(
        install.starts_with("---\nweight: 30\n---\n\n# Installer\n"),
        "{install}"
    );
    assert!(
        install.contains("[configurez-le](configure.md)"),
        "{install}"
    );
    assert!(install.contains("![Logo](../img/logo.fr.svg)"), "{install}");
    assert!(
        read(&site, "content/index.fr.md").contains("(guide/install.md#étape-1---télécharger)")
    );
    assert!(read(&site, "content/guide/install.md").contains("![Logo](../img/logo.svg)"));
    assert!(read(&dist, "fr/guide/install/index.html").contains("img/logo.fr.svg"));
    assert!(!dist.join("de").exists());
}

#[test]
fn mkdocs_i18n_folder_languages_move_the_default_to_the_content_root() {
    let tmp = tempfile::tempdir().unwrap();
    let (run, site, dist) = import_i18n(tmp.path(), "mkdocs-i18n-folder");
    let yml = "proj/mkdocs.yml";
    for (at, message) in [
        (
            "10:11",
            "warning[import-plugin]: `i18n`: the languages' `admonition_translations` is not carried over",
        ),
        (
            "17:11",
            "warning[import-plugin]: `i18n`: the language `de` is not built (`build: false`); it is left out",
        ),
        (
            "18:19",
            "warning[import-plugin]: `i18n`: `fr-` is not a language tag; the language is left out",
        ),
        (
            "25:5",
            "warning[import-nav]: nav entry `de/index.md` names a file that is not copied",
        ),
    ] {
        assert_finding_at(&run.stderr, &format!("{yml}:{at}"), message);
    }
    // The shared `assets/logo.svg` keeps its place; the default language's own copy,
    // which would land on it, is reported and not written.
    assert!(
        run.stderr.contains(
            "warning[import-file]: `proj/docs/en/assets/logo.svg` was not copied: it would be `content/assets/logo.svg`, where `proj/docs/assets/logo.svg` goes"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(run.stderr.matches("warning[").count(), 5, "{}", run.stderr);
    assert_eq!(
        fs::read(site.join("content/assets/logo.svg")).unwrap(),
        fs::read(tmp.path().join("proj/docs/assets/logo.svg")).unwrap()
    );
    assert_eq!(
        read(&site, "helpsite.yaml"),
        "# Imported from mkdocs.yml (helpsite import mkdocs).\ntitle: Acme Help\n\
         description: How to install and configure the Acme client.\nlanguage: en\n\
         languages:\n  fr:\n    name: Français\n    title: Aide Acme\n"
    );
    for (file, there) in [
        ("content/index.md", true),
        ("content/guide/install.md", true),
        ("content/fr/index.md", true),
        ("content/fr/guide/configure.md", true),
        ("content/en", false),
        ("content/de", false),
    ] {
        assert_eq!(site.join(file).exists(), there, "{file}");
    }
    // Links from and to the moved pages follow them; the nav names pages either way
    // (`en/guide/install.md`, `guide/configure.md`).
    let home = read(&site, "content/index.md");
    assert!(home.contains("[in French](fr/index.md)"), "{home}");
    assert!(home.contains("![Logo](assets/logo.svg)"), "{home}");
    let install = read(&site, "content/guide/install.md");
    assert!(install.starts_with("---\nweight: 30\n---\n"), "{install}");
    assert!(install.contains("![Logo](../assets/logo.svg)"), "{install}");
    assert!(read(&site, "content/guide/configure.md").starts_with("---\nweight: 40\n---\n"));
    let french_home = read(&site, "content/fr/index.md");
    assert!(
        french_home.contains("[en anglais](../index.md)"),
        "{french_home}"
    );
    assert!(
        french_home.contains("[Installer le client](guide/install.md)"),
        "{french_home}"
    );
    assert!(read(&site, "content/fr/guide/install.md").starts_with("---\nweight: 30\n---\n"));
    assert!(main_links(&dist, "").contains(&"fr/".to_owned()));
    assert!(main_links(&dist, "fr/").contains(&String::new()));
}
