//! Every update must leave exactly the outputs and warnings a fresh full build gives.

use super::*;
use crate::output::Content;
use std::fs;
use std::path::Path as FsPath;

const FILES: &[(&str, &str)] = &[
    (
        "helpsite.yaml",
        "title: Test Help\nbase_url: https://help.test/\n",
    ),
    (
        "content/index.md",
        "# Home\n\nSee [the guide](guides/a.md) and [a question](faq/token.yaml#what).\n",
    ),
    (
        "content/guides/_index.md",
        "---\ntitle: Guides\n---\nAll guides.\n",
    ),
    (
        "content/guides/a.md",
        "---\ntitle: Alpha\nweight: 1\nfaq: faq/token\naliases: [/old-a/]\nupdated: 2026-01-02\n---\nAlpha body.\n\n```rust\nfn main() {}\n```\n\n[Beta](b.md) ![logo](../img/logo.png)\n",
    ),
    (
        "content/guides/b.md",
        "# Beta\n\nBeta body. [Gamma](c.md)\n",
    ),
    (
        "content/faq/token.yaml",
        "title: Token FAQ\nquestions:\n  - id: what\n    question: What is it?\n    answer: |\n      A token. See [Alpha](../guides/a.md).\n  - question: Why reset?\n    answer: Because.\n",
    ),
    ("content/img/logo.png", "PNG1"),
];

struct Fixture {
    dir: tempfile::TempDir,
    session: Session,
    outputs: Outputs,
    highlighter: Highlighter,
}

impl Fixture {
    fn new() -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        for (path, text) in FILES {
            write(dir.path(), path, text);
        }
        let mut f = Fixture {
            session: Session::new(options(dir.path())),
            dir,
            outputs: Outputs::new(),
            highlighter: Highlighter::new(),
        };
        let update = f.session.build(&f.highlighter).unwrap();
        assert_eq!(update.path, Path::Full);
        update.apply_to(&mut f.outputs);
        f.assert_fresh();
        f
    }

    fn root(&self) -> &FsPath {
        self.dir.path()
    }

    /// Write files, tell the session, and return its update (already applied).
    fn change(&mut self, files: &[(&str, Option<&str>)]) -> Result<Update, Vec<Diagnostic>> {
        for (path, text) in files {
            match text {
                Some(t) => write(self.root(), path, t),
                None => fs::remove_file(self.root().join(path)).unwrap(),
            }
        }
        let paths = files.iter().map(|(p, _)| self.root().join(p));
        let changes = Changes::from_paths(self.root(), &self.root().join("dist"), paths);
        let result = self.session.update(changes, &self.highlighter);
        if let Ok(update) = &result {
            update.apply_to(&mut self.outputs);
            self.refresh_search(update);
        }
        result
    }

    /// As the server does after the reload: the index, rebuilt from the session.
    fn refresh_search(&mut self, update: &Update) {
        if update.search_stale {
            let input = self.session.search_documents().unwrap();
            self.outputs.retain(|k, _| !input.is_index_path(k));
            input.outputs(&mut self.outputs);
        }
    }

    /// The session's outputs and warnings equal a fresh `pipeline::build` of the files.
    fn assert_fresh(&self) {
        let fresh = pipeline::build(&options(self.root()), &self.highlighter).unwrap();
        let keys = |o: &Outputs| o.keys().cloned().collect::<Vec<_>>();
        assert_eq!(keys(&self.outputs), keys(&fresh.outputs));
        for (path, content) in &fresh.outputs {
            assert!(
                self.outputs[path] == *content,
                "{path} differs from a fresh build"
            );
        }
    }

    fn html(&self, path: &str) -> String {
        match &self.outputs[path] {
            Content::Bytes(b) => String::from_utf8(b.clone()).unwrap(),
            Content::Copy(p) => panic!("{path} is a copy of {}", p.display()),
            Content::Placed(_) => panic!("{path} was written, not kept"),
        }
    }
}

fn options(root: &FsPath) -> Options {
    Options {
        root: root.to_path_buf(),
        out: None,
        drafts: false,
    }
}

fn write(root: &FsPath, path: &str, text: &str) {
    let path = root.join(path);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

const A_PATH: &str = "content/guides/a.md";

fn a_with(body: &str, title: &str) -> String {
    format!(
        "---\ntitle: {title}\nweight: 1\nfaq: faq/token\naliases: [/old-a/]\nupdated: 2026-01-02\n---\n{body}\n[Beta](b.md) ![logo](../img/logo.png)\n"
    )
}

#[test]
fn a_body_edit_rerenders_one_page() {
    let mut f = Fixture::new();
    let u = f
        .change(&[(A_PATH, Some(&a_with("Edited body.", "Alpha")))])
        .unwrap();
    assert_eq!(u.path, Path::Patch);
    assert_eq!(u.markdown_rendered, 1);
    assert!(u.outputs.contains_key("guides/a/index.html"));
    assert!(!u.outputs.contains_key("guides/b/index.html"));
    assert!(f.html("guides/a/index.html").contains("Edited body."));
    f.assert_fresh();
}

#[test]
fn an_faq_answer_edit_rerenders_the_group_page_and_pages_showing_it() {
    let mut f = Fixture::new();
    let yaml = FILES[5].1.replace("Because.", "Because it leaked.");
    let u = f
        .change(&[("content/faq/token.yaml", Some(&yaml))])
        .unwrap();
    assert_eq!(u.path, Path::Patch);
    let mut pages: Vec<_> = u
        .outputs
        .keys()
        .filter(|k| k.ends_with(".html") && !k.starts_with("embed/"))
        .collect();
    pages.sort();
    assert_eq!(pages, ["faq/token/index.html", "guides/a/index.html"]);
    assert!(
        u.outputs.contains_key("embed/faq/token/index.html"),
        "the group's embed pages"
    );
    assert!(u.outputs.contains_key("api/faq/token.json"), "and the feed");
    assert!(f.html("guides/a/index.html").contains("Because it leaked."));
    f.assert_fresh();
}

#[test]
fn a_title_edit_rebuilds_but_reuses_other_pages_markdown() {
    let mut f = Fixture::new();
    let u = f
        .change(&[(A_PATH, Some(&a_with("Alpha body.", "Renamed")))])
        .unwrap();
    assert_eq!(u.path, Path::Full);
    assert_eq!(
        u.markdown_rendered, 1,
        "only the edited page's Markdown is rendered"
    );
    assert!(
        f.html("guides/b/index.html").contains("Renamed"),
        "navigation shows the new title"
    );
    f.assert_fresh();
}

#[test]
fn adding_and_removing_pages_rerenders_pages_whose_links_change() {
    let mut f = Fixture::new();
    assert!(f.html("guides/b/index.html").contains("href=\"c.md\""));
    let u = f
        .change(&[("content/guides/c.md", Some("# Gamma\n\nNew.\n"))])
        .unwrap();
    assert_eq!(u.path, Path::Full);
    assert_eq!(
        u.markdown_rendered, 2,
        "the new page and the page linking to it"
    );
    assert!(f.html("guides/b/index.html").contains("href=\"../c/\""));
    f.assert_fresh();
    let u = f.change(&[("content/guides/c.md", None)]).unwrap();
    assert_eq!(u.markdown_rendered, 1);
    assert!(!f.outputs.contains_key("guides/c/index.html"));
    f.assert_fresh();
}

#[test]
fn theme_css_is_patched_and_templates_rerun_without_markdown() {
    let mut f = Fixture::new();
    let u = f
        .change(&[("static/style.css", Some("body { color: red }\n"))])
        .unwrap();
    assert_eq!(u.path, Path::Patch);
    assert_eq!(u.markdown_rendered, 0);
    assert!(u.outputs.contains_key("_static/style.css"));
    assert!(u.outputs.keys().all(|k| !k.ends_with(".html")));
    f.assert_fresh();
    let u = f.change(&[("static/style.css", None)]).unwrap();
    assert_eq!(u.path, Path::Patch);
    f.assert_fresh();
    let page = String::from_utf8_lossy(
        crate::theme::DEFAULT_THEME
            .iter()
            .find(|(p, _)| *p == "templates/page.html")
            .unwrap()
            .1,
    )
    .replace("{% block main %}", "{% block main %}<p>TEMPLATE-MARK</p>");
    let u = f.change(&[("templates/page.html", Some(&page))]).unwrap();
    assert_eq!(u.path, Path::Full);
    assert_eq!(u.markdown_rendered, 0);
    assert!(f.html("guides/b/index.html").contains("TEMPLATE-MARK"));
    f.assert_fresh();
}

#[test]
fn a_failed_file_keeps_failing_until_fixed() {
    let mut f = Fixture::new();
    let errors = f
        .change(&[(
            "content/faq/token.yaml",
            Some("title: [broken\nquestions: []\n"),
        )])
        .unwrap_err();
    let loc = errors[0].location.as_ref().expect("a location");
    assert_eq!(loc.path, FsPath::new("content/faq/token.yaml"));
    assert_eq!(loc.line, 1);
    // Another good edit does not hide the broken file.
    assert!(
        f.change(&[(A_PATH, Some(&a_with("Still broken elsewhere.", "Alpha")))])
            .is_err()
    );
    let u = f
        .change(&[("content/faq/token.yaml", Some(FILES[5].1))])
        .unwrap();
    assert_eq!(u.path, Path::Patch);
    assert!(
        f.html("guides/a/index.html")
            .contains("Still broken elsewhere.")
    );
    f.assert_fresh();
}

#[test]
fn a_failed_full_build_does_not_leave_stale_markdown() {
    let mut f = Fixture::new();
    f.change(&[("templates/page.html", Some("{% broken"))])
        .unwrap_err();
    // The page changes while templates are broken; the fix must show the new text.
    fs::write(
        f.root().join("content/guides/b.md"),
        "# Beta\n\nNew text.\n",
    )
    .unwrap();
    f.change(&[("content/guides/b.md", Some("# Beta\n\nNewer text.\n"))])
        .unwrap_err();
    f.change(&[("templates/page.html", None)]).unwrap();
    assert!(f.html("guides/b/index.html").contains("Newer text."));
    f.assert_fresh();
}

#[test]
fn config_assets_drafts_and_temp_files() {
    let mut f = Fixture::new();
    let u = f
        .change(&[(
            "helpsite.yaml",
            Some("title: Other\nbase_url: https://help.test/\n"),
        )])
        .unwrap();
    assert_eq!((u.path, u.markdown_rendered), (Path::Full, 0));
    f.assert_fresh();
    let u = f.change(&[("content/img/logo.png", Some("PNG2"))]).unwrap();
    assert_eq!(u.path, Path::Patch);
    assert_eq!(u.touched, ["img/logo.png"]);
    let u = f
        .change(&[(
            "content/guides/b.md",
            Some("---\ndraft: true\n---\n# Beta\n"),
        )])
        .unwrap();
    assert_eq!(u.path, Path::Full);
    assert!(!f.outputs.contains_key("guides/b/index.html"));
    f.assert_fresh();
    let u = f
        .change(&[(
            "content/guides/b.md",
            Some("---\ndraft: true\n---\n# Beta 2\n"),
        )])
        .unwrap();
    assert_eq!(u.path, Path::Patch, "an excluded draft changes nothing");
    f.assert_fresh();
    write(f.root(), "content/guides/4913", "");
    fs::remove_file(f.root().join("content/guides/4913")).unwrap();
    let changes = Changes::from_paths(
        f.root(),
        &f.root().join("dist"),
        [f.root().join("content/guides/4913")],
    );
    let u = f.session.update(changes, &f.highlighter).unwrap();
    assert_eq!((u.path, u.markdown_rendered), (Path::Patch, 0));
}

#[test]
fn a_file_changed_without_an_event_is_seen_by_the_next_full_build() {
    let mut f = Fixture::new();
    // Sizes differ, so the stamp changes even on coarse-mtime file systems.
    fs::write(
        f.root().join("content/guides/b.md"),
        "# Beta\n\nChanged behind our back.\n",
    )
    .unwrap();
    f.change(&[("helpsite.yaml", Some(FILES[0].1))]).unwrap();
    assert!(
        f.html("guides/b/index.html")
            .contains("Changed behind our back.")
    );
    f.assert_fresh();
}

#[test]
fn a_folder_event_is_narrowed_to_the_files_that_changed() {
    let mut f = Fixture::new();
    // A polling watcher reports the folder whose time changed, not the file.
    fs::write(f.root().join(A_PATH), a_with("Polled body.", "Alpha")).unwrap();
    let u = f.change(&[]).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(u.markdown_rendered, 0, "no event, no work");
    let dir = Changes::from_paths(
        f.root(),
        &f.root().join("dist"),
        [f.root().join("content/guides")],
    );
    let u = f.session.update(dir, &f.highlighter).unwrap();
    u.apply_to(&mut f.outputs);
    f.refresh_search(&u);
    assert_eq!((u.path, u.markdown_rendered), (Path::Patch, 1));
    assert!(f.html("guides/a/index.html").contains("Polled body."));
    f.assert_fresh();
    write(f.root(), "content/guides/new.md", "# New\n");
    let dir = Changes::from_paths(
        f.root(),
        &f.root().join("dist"),
        [f.root().join("content/guides")],
    );
    let u = f.session.update(dir, &f.highlighter).unwrap();
    u.apply_to(&mut f.outputs);
    assert_eq!(u.path, Path::Full, "a new file in the folder");
    f.assert_fresh();
}

#[test]
fn new_interface_strings_render_markdown_again_and_languages_update() {
    let mut f = Fixture::new();
    f.change(&[("content/guides/b.md", Some("# Beta\n\n## Steps\n\nText.\n"))])
        .unwrap();
    assert!(
        f.html("guides/b/index.html")
            .contains("aria-label=\"Permalink: Steps\"")
    );
    // Headings carry the permalink label: a site's own strings must reach every page.
    let u = f
        .change(&[("i18n/en.yaml", Some("permalink: Link to\n"))])
        .unwrap();
    assert_eq!(u.path, Path::Full);
    assert!(u.markdown_rendered > 0);
    assert!(
        f.html("guides/b/index.html")
            .contains("aria-label=\"Link to: Steps\"")
    );
    f.assert_fresh();
    // A translation added while serving gets its language's tree and strings.
    let config = "title: Test Help\nbase_url: https://help.test/\nlanguages:\n  de:\n";
    f.change(&[
        ("helpsite.yaml", Some(config)),
        (
            "content/de/guides/b.md",
            Some("# Beta\n\n> [!NOTE]\n> Text.\n"),
        ),
    ])
    .unwrap();
    let de = f.html("de/guides/b/index.html");
    assert!(
        de.contains("<html lang=\"de\">") && de.contains(">Hinweis</p>"),
        "{de}"
    );
    f.assert_fresh();
}

#[test]
fn a_diagram_library_that_comes_or_goes_redraws_the_pages() {
    let mut f = Fixture::new();
    let diagram = "---\ntitle: Beta\n---\n```mermaid\nflowchart LR\n  A --> B\n```\n";
    let u = f
        .change(&[
            ("helpsite.yaml", Some("title: Test Help\nmermaid: true\n")),
            ("content/guides/b.md", Some(diagram)),
        ])
        .unwrap();
    assert!(
        u.warnings
            .iter()
            .any(|w| w.rule == "diagram-library-missing")
    );
    assert!(f.html("guides/b/index.html").contains("language-mermaid"));
    f.assert_fresh();
    let u = f
        .change(&[("static/mermaid.min.js", Some("/* stand-in */"))])
        .unwrap();
    assert!(
        u.warnings
            .iter()
            .all(|w| w.rule != "diagram-library-missing")
    );
    let page = f.html("guides/b/index.html");
    assert!(page.contains("<pre class=\"mermaid\""), "{page}");
    assert!(page.contains("_static/mermaid.min.js"), "{page}");
    f.assert_fresh();
    f.change(&[("static/mermaid.min.js", None)]).unwrap();
    assert!(f.html("guides/b/index.html").contains("language-mermaid"));
    f.assert_fresh();
}
