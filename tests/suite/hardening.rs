//! Defects an adversarial run found, one test each (named after the defect).

use crate::util::{Site, attr_values};

#[test]
fn theme_ids_collide_with_content_ids() {
    let site = Site::empty();
    site.write(
        "content/index.md",
        "# Home\n\n## Main\n\n## Sidebar\n\nSee [main](#main-1).\n",
    );
    site.build(&[]).ok();
    let html = site.read("index.html");
    let ids = attr_values(&html, "id");
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(ids.len(), unique.len(), "duplicate ids: {ids:?}");
    assert!(html.contains("<h2 id=\"main-1\">Main"), "{html}");
    assert!(html.contains("<h2 id=\"sidebar-1\">Sidebar"), "{html}");

    let site = Site::empty();
    site.write(
        "content/faq/a.yaml",
        "questions:\n  - id: main\n    question: What is main?\n    answer: The main thing.\n",
    );
    site.build(&[])
        .fatal()
        .stderr_has("FAQ id `main` is an id the theme uses")
        .stderr_has("content/faq/a.yaml:3:");
}

#[test]
fn an_unreadable_folder_under_content_is_fatal() {
    let site = Site::empty();
    site.write("content/index.md", "# Home\n");
    site.write("content/keep/page.md", "# Kept\n");
    // A folder the walk cannot open. `chmod 000` does not stop root, so (as root) nest
    // folders past PATH_MAX, which no process can open by path either.
    let deep = site.root.join("content/deep");
    std::fs::create_dir(&deep).unwrap();
    let name = "d".repeat(200);
    let script = format!(
        "for i in $(seq 25); do mkdir {name} && cd {name} || exit 1; done; echo x > page.md"
    );
    let made = std::process::Command::new("bash")
        .args(["-c", &script])
        .current_dir(&deep)
        .status()
        .unwrap();
    assert!(made.success());
    let run = site.build(&[]).fatal();
    run.stderr_has("cannot read `content/deep/");
    assert!(!site.dist().exists(), "nothing is published");
}

#[test]
fn faq_ids_that_cannot_be_folders_are_errors_with_a_location() {
    let long = "a".repeat(300);
    for (id, says) in [
        ("..", "starts with `.`"),
        ("index.html", "ends in `.html`"),
        (long.as_str(), "longer than 100 bytes"),
        ("50%", "control character or one of"),
    ] {
        let site = Site::empty();
        site.write(
            "content/faq/a.yaml",
            format!("questions:\n  - id: \"{id}\"\n    question: Why?\n    answer: Because.\n"),
        );
        site.build(&[])
            .fatal()
            .stderr_has(says)
            .stderr_has("content/faq/a.yaml:2:");
    }
}

#[test]
fn a_long_question_gets_a_short_id() {
    let site = Site::empty();
    let question = "Why ".repeat(120) + "?";
    site.write(
        "content/faq/a.yaml",
        format!("questions:\n  - question: \"{question}\"\n    answer: Because.\n"),
    );
    site.build(&[]).ok();
    let html = site.read("faq/a/index.html");
    let id = html
        .split("<details class=\"faq-item\" id=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a question id");
    assert!(id.len() <= 100 && id.starts_with("why-why"), "{id}");
}

#[test]
fn nul_bytes_and_lone_cr_line_endings() {
    let site = Site::empty();
    site.write(
        "content/index.md",
        "---\rtitle: Old Mac\rdescription: Written with lone CR line endings.\r---\r\rBody text.\r",
    );
    site.build(&[]).ok();
    let html = site.read("index.html");
    assert!(html.contains("<h1>Old Mac</h1>"), "{html}");
    assert!(
        !html.contains("title: Old Mac"),
        "front matter is not body text"
    );

    let site = Site::empty();
    site.write("content/index.md", "# Home\n\nA NUL \0 here.\n");
    site.build(&[])
        .fatal()
        .stderr_has("holds a NUL byte")
        .stderr_has("content/index.md:3:7");
}

#[test]
fn file_names_with_question_marks_hashes_and_percent_signs() {
    let site = Site::empty();
    site.write("helpsite.yaml", "base_url: https://help.example.test/\n");
    site.write(
        "content/index.md",
        "# Home\n\n[What](guides/what-is-it%3F.md), [Full](guides/100%25.md), [Hash](guides/c%23-tips.md#intro).\n",
    );
    site.write(
        "content/guides/what-is-it?.md",
        "# What is it?\n\nBack [home](../index.md).\n",
    );
    site.write(
        "content/guides/100%.md",
        "# Full\n\nSee [what](what-is-it%3F.md).\n",
    );
    site.write(
        "content/guides/c#-tips.md",
        "# C# tips\n\n## Intro\n\nText.\n",
    );
    site.build(&[]).ok();
    let home = site.read("index.html");
    for href in [
        "guides/what-is-it%3F/",
        "guides/100%25/",
        "guides/c%23-tips/#intro",
    ] {
        assert!(home.contains(&format!("href=\"{href}\"")), "{href}\n{home}");
    }
    // Navigation and listings use the same encoding.
    let section = site.read("guides/index.html");
    assert!(section.contains("href=\"what-is-it%3F/\""), "{section}");
    assert!(
        site.read("guides/100%/index.html")
            .contains("href=\"../what-is-it%3F/\"")
    );
    let canonical = site.read("guides/what-is-it?/index.html");
    assert!(
        canonical.contains("https://help.example.test/guides/what-is-it%3F/"),
        "{canonical}"
    );
    let search: String = crate::util::html_files(&site.dist())
        .iter()
        .filter(|f| f.starts_with("_search/"))
        .map(|f| site.read(f))
        .collect();
    assert!(!search.contains("what-is-it?/"), "search links are encoded");
}

#[test]
fn a_link_that_needs_encoding_gets_an_encoded_suggestion() {
    let site = Site::empty();
    site.write("content/index.md", "# Home\n\n[What](what-is-it?.md)\n");
    site.write("content/what-is-it?.md", "# What is it?\n");
    let run = site.build(&[]);
    assert_eq!(run.code, 1, "{run}");
    run.stderr_has("did you mean `what-is-it%3F.md`?");
}

#[test]
fn messages_leak_library_internals() {
    for (front, says) in [
        ("weight: [1", "`weight` must be a whole number"),
        ("tags: {a: 1}", "`tags` must be a text or a list of texts"),
        ("title: a\ntitle: b", "`title` is given twice"),
        ("draft: maybe", "`draft` must be `true` or `false`"),
    ] {
        let site = Site::empty();
        site.write("content/index.md", format!("---\n{front}\n---\n# Home\n"));
        let run = site.build(&[]).fatal();
        run.stderr_has(says).stderr_has("content/index.md:");
        for internal in ["untagged", "Policy", "i64", "scalar", "(defined"] {
            assert!(!run.stderr.contains(internal), "`{internal}` in\n{run}");
        }
    }
    let site = Site::empty();
    site.write("content/index.md", "# Home\n");
    site.write("helpsite.yaml", "titel: x\nlanguag: en\n");
    site.build(&[])
        .fatal()
        .stderr_has("helpsite.yaml:1:1")
        .stderr_has("helpsite.yaml:2:1")
        .stderr_has("2 errors");
}

#[test]
fn check_quiet_prints_only_errors_and_a_linked_content_folder_is_not_skipped() {
    let site = Site::fixture("docs-in-the-wild");
    let root = site.root.to_str().unwrap();
    let run = crate::util::helpsite(site.tmp.path(), &["check", "-q", "--root", root]);
    assert_eq!(run.code, 1, "{run}");
    assert!(run.stdout.contains("error[broken-link]"), "{run}");
    assert!(!run.stdout.contains("warning["), "{run}");
    assert!(!run.stdout.contains("checked "), "no summary line: {run}");

    // `content/` as a link to a docs folder elsewhere is used, and not said to be skipped.
    let site = Site::empty();
    site.write("docs/index.md", "# Home\n");
    std::os::unix::fs::symlink(site.root.join("docs"), site.root.join("content")).unwrap();
    let run = site.build(&[]).ok();
    assert!(!run.stderr.contains("skipped symlink"), "{run}");
    assert!(site.read("index.html").contains("<h1"));
}

#[test]
fn outputs_overwrite_each_other() {
    let cases: &[(&str, &str, &str)] = &[
        (
            "content/guides/x/index.html",
            "<p>raw</p>",
            "content/guides/x.md",
        ),
        ("content/404.html", "<p>mine</p>", "404 and search pages"),
        ("content/_static/style.css", "body{}", "the theme's files"),
        ("content/_search/manifest.js", "x", "the search index"),
        (
            "content/embed/faq/general/index.html",
            "x",
            "the FAQ embed pages",
        ),
        ("content/api/faq/index.json", "{}", "the FAQ JSON files"),
        ("content/sitemap.xml", "<urlset/>", "the sitemap"),
    ];
    for (path, text, names) in cases {
        let site = Site::empty();
        site.write("helpsite.yaml", "base_url: https://help.example.test/\n");
        site.write("content/guides/x.md", "# X\n");
        site.write(
            "content/faq/general.yaml",
            "questions:\n  - id: a\n    question: Why?\n    answer: Because.\n",
        );
        site.write(path, text);
        site.build(&[])
            .fatal()
            .stderr_has("error[output-collision]")
            .stderr_has(path)
            .stderr_has(names);
        assert!(!site.dist().exists(), "{path}: nothing is written");
    }
    // An alias onto a generated file is refused, naming the page.
    let site = Site::empty();
    site.write("helpsite.yaml", "base_url: https://help.example.test/\n");
    site.write(
        "content/a.md",
        "---\naliases: [\"/robots.txt\"]\n---\n# A\n",
    );
    site.build(&[])
        .fatal()
        .stderr_has("content/a.md")
        .stderr_has("robots.txt");
    // A robots.txt of the site's own replaces the generated one, on purpose.
    let site = Site::empty();
    site.write("helpsite.yaml", "base_url: https://help.example.test/\n");
    site.write("content/index.md", "# Home\n");
    site.write("content/robots.txt", "User-agent: *\nDisallow: /drafts/\n");
    site.build(&[]).ok();
    assert!(site.read("robots.txt").contains("Disallow: /drafts/"));
}

#[test]
fn edit_this_page_links_to_the_source() {
    let site = Site::fixture("docs-in-the-wild");
    site.write(
        "helpsite.yaml",
        "title: Wild\nedit_url: https://git.example.test/docs/edit/main/content\n",
    );
    site.build(&["--skip-link-check"]).ok();
    let page = site.read("guide/setup/index.html");
    assert!(
        page.contains("<a href=\"https://git.example.test/docs/edit/main/content/guide/setup.md\" rel=\"nofollow\">Edit this page</a>"),
        "{page}"
    );
    assert!(
        site.read("faq/general/index.html")
            .contains("href=\"https://git.example.test/docs/edit/main/content/faq/general.yaml\"")
    );
    // A generated section page has no source to edit.
    assert!(!site.read("guide/index.html").contains("Edit this page"));
    // Without edit_url there is no link.
    let plain = Site::fixture("docs-in-the-wild");
    plain.build(&["--skip-link-check"]).ok();
    assert!(
        !plain
            .read("guide/setup/index.html")
            .contains("Edit this page")
    );
    // A relative edit_url is an error at its line.
    site.write("helpsite.yaml", "title: Wild\nedit_url: edit/main\n");
    site.build(&[])
        .fatal()
        .stderr_has("`edit_url` must be an absolute http(s) URL")
        .stderr_has("helpsite.yaml:2:1");
}
