//! Building sites: the bundled site, pretty URLs, sections, drafts, aliases, sitemap, 404,
//! plain Markdown folders, theme overrides and determinism.

use crate::util::{Site, attr_values, build_bundled, element, helpsite, read, repo, snapshot_tree};
use std::path::Path;

/// The output file a Markdown source becomes: `a/b.md` -> `a/b/index.html`.
fn output_of(rel: &str) -> String {
    let stem = rel.strip_suffix(".md").unwrap();
    match stem.rsplit_once('/') {
        Some((dir, "_index" | "index")) => format!("{dir}/index.html"),
        None if stem == "index" || stem == "_index" => "index.html".to_owned(),
        _ => format!("{stem}/index.html"),
    }
}

fn markdown_sources(dir: &Path, base: &Path, out: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            markdown_sources(&path, base, out);
        } else if path.extension().is_some_and(|e| e == "md") {
            out.push(
                path.strip_prefix(base)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/"),
            );
        }
    }
}

#[test]
fn bundled_site_builds_with_no_warnings() {
    let bundled = build_bundled();
    let (out, run) = (&bundled.dist, &bundled.run);
    assert_eq!(run.warning_count(), 0, "{run}");
    assert!(!run.stderr.contains("warning"), "{run}");
    assert_eq!(run.summary_warnings(), 0, "{run}");

    let mut sources = Vec::new();
    markdown_sources(
        &repo().join("content"),
        &repo().join("content"),
        &mut sources,
    );
    assert!(sources.len() >= 5, "bundled content too small: {sources:?}");
    for rel in &sources {
        let page = out.join(output_of(rel));
        assert!(page.is_file(), "{rel} did not become {}", page.display());
    }
    for file in [
        "faq/security-token/index.html",
        "sitemap.xml",
        "404.html",
        "_static/style.css",
        "_static/helpsite.js",
        "_static/highlight.css",
    ] {
        assert!(out.join(file).is_file(), "missing {file}");
    }
    let faq = read(out, "faq/security-token/index.html");
    assert!(
        faq.contains("<details class=\"faq-item\" id=\"no-email\">"),
        "{faq}"
    );
}

#[test]
fn urls_are_pretty_and_mirror_paths() {
    let site = Site::fixture("features");
    site.build(&[]).ok();
    for file in [
        "index.html",
        "guides/index.html",
        "guides/markdown/index.html",
        "guides/with-faq/index.html",
        "faq/general/index.html",
        "reference/limits/index.html",
        "reference/api/endpoints/index.html",
    ] {
        assert!(site.dist().join(file).is_file(), "missing {file}");
    }
    assert!(!site.dist().join("guides/markdown.html").exists());
    assert!(!site.dist().join("guides/markdown.md").exists());
}

#[test]
fn section_index_gives_title_text_and_listing() {
    let site = Site::fixture("features");
    site.build(&[]).ok();
    let article = element(&site.read("guides/index.html"), "article").to_owned();
    assert!(article.contains("<h1>All the guides</h1>"), "{article}");
    assert!(
        article.contains("These guides exercise every feature."),
        "{article}"
    );
    let listing = element(&article, "ul");
    assert!(
        listing.contains("<a href=\"markdown/\">Markdown features</a>"),
        "{listing}"
    );
    assert!(
        listing.contains("<a href=\"with-faq/\">A guide with questions</a>"),
        "{listing}"
    );
    // weight orders the listing: markdown (1) before with-faq (2).
    assert!(listing.find("markdown/").unwrap() < listing.find("with-faq/").unwrap());
}

#[test]
fn section_without_index_gets_a_generated_listing() {
    let site = Site::fixture("features");
    site.build(&[]).ok();
    let reference = site.read("reference/index.html");
    let article = element(&reference, "article");
    assert!(article.contains("<h1>Reference</h1>"), "{article}");
    assert!(
        article.contains("<a href=\"limits/\">Limits</a>"),
        "{article}"
    );
    assert!(article.contains("<a href=\"api/\">"), "{article}");
    let api = site.read("reference/api/index.html");
    assert!(
        element(&api, "article").contains("<a href=\"endpoints/\">API endpoints</a>"),
        "{api}"
    );
}

#[test]
fn drafts_are_left_out_unless_asked_for() {
    let site = Site::fixture("features");
    site.build(&[]).ok();
    assert!(!site.dist().join("guides/secret-draft").exists());
    for file in crate::util::html_files(&site.dist()) {
        assert!(
            !site.read(&file).contains("secret-draft"),
            "{file} links the draft"
        );
    }
    assert!(!site.read("sitemap.xml").contains("secret-draft"));

    // The fixture's diagrams want a library; with one, any warning here is the draft's.
    site.write("static/mermaid.min.js", "/* stand-in for Mermaid */\n");
    let run = site.build(&["--drafts"]).ok();
    assert_eq!(run.warning_count(), 0, "{run}");
    let draft = site.read("guides/secret-draft/index.html");
    assert!(draft.contains("This page is a draft."), "{draft}");
    assert!(site.read("sitemap.xml").contains("guides/secret-draft/"));
}

#[test]
fn aliases_redirect_with_relative_urls() {
    let site = Site::fixture("features");
    site.build(&[]).ok();
    // Pretty URLs for servers; the file itself for readers who opened the site from disk.
    for (file, target) in [
        ("old/markdown-page/index.html", "../../guides/markdown/"),
        ("old-features.html", "guides/markdown/"),
    ] {
        let html = site.read(file);
        let refresh = format!("<meta http-equiv=\"refresh\" content=\"0; url={target}\">");
        assert!(html.contains(&refresh), "{file}:\n{html}");
        assert!(
            html.contains(&format!("<a href=\"{target}\">Markdown features</a>")),
            "{html}"
        );
        assert!(
            html.contains("<meta name=\"robots\" content=\"noindex\">"),
            "{html}"
        );
        // From disk, the page's script adds the file name to the refresh URL.
        assert!(html.contains("location.protocol===\"file:\""), "{html}");
        let file_target = format!("{target}index.html");
        let dir = Path::new(file).parent().unwrap();
        let landed = site.dist().join(dir).join(file_target);
        assert!(
            landed.is_file(),
            "{file} redirects to missing {}",
            landed.display()
        );
    }
}

#[test]
fn sitemap_lists_every_page_with_absolute_urls() {
    let site = Site::fixture("features");
    site.build(&[]).ok();
    let xml = site.read("sitemap.xml");
    assert!(
        xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"),
        "{xml}"
    );
    let locs: Vec<&str> = xml
        .split("<loc>")
        .skip(1)
        .map(|s| s.split("</loc>").next().unwrap())
        .collect();
    let base = "https://help.example.test/docs/";
    for loc in &locs {
        assert!(loc.starts_with(base), "not absolute from base_url: {loc}");
    }
    for url in [
        "",
        "guides/",
        "guides/markdown/",
        "faq/general/",
        "reference/api/endpoints/",
    ] {
        assert!(
            locs.contains(&format!("{base}{url}").as_str()),
            "sitemap lacks {url}: {locs:?}"
        );
    }
    // Eleven pages in English, five in German (`content/de/`), then `tags/` and the
    // fixture's five tags
    // (the diagrams page is tagged `diagrams`).
    assert_eq!(locs.len(), 22, "{locs:?}");
    assert!(locs.contains(&format!("{base}tags/account/").as_str()));
    assert!(xml.contains(
        "<loc>https://help.example.test/docs/guides/markdown/</loc><lastmod>2026-01-15</lastmod>"
    ));
}

#[test]
fn not_found_page_uses_root_based_links() {
    let site = Site::fixture("features");
    site.build(&[]).ok();
    let html = site.read("404.html");
    assert!(html.contains("<h1>Page not found</h1>"), "{html}");
    assert!(
        html.contains("<meta name=\"robots\" content=\"noindex\">"),
        "{html}"
    );
    // Served at any depth, so links start at the base path of base_url.
    assert!(html.contains("href=\"/docs/_static/style.css\""), "{html}");
    assert!(html.contains("href=\"/docs/guides/\""), "{html}");
}

#[test]
fn plain_markdown_folder_builds_without_config_or_front_matter() {
    let site = Site::fixture("plain-markdown");
    assert!(!site.root.join("helpsite.yaml").exists());
    let run = site.build(&[]).ok();
    assert_eq!(run.warning_count(), 0, "{run}");
    let home = site.read("index.html");
    assert!(
        home.contains("<h1 id=\"plain-notes\">Plain notes</h1>"),
        "{home}"
    );
    assert!(
        home.contains("<a href=\"notes/setup-steps/\">setup</a>"),
        "{home}"
    );
    let exported = site.read("notes/exported/index.html");
    assert!(
        exported.contains("<title>Exported from MkDocs · Help</title>"),
        "{exported}"
    );
    // The heading became the title, so it is not repeated in the body.
    assert_eq!(
        exported.matches("Exported from MkDocs</h1>").count(),
        1,
        "{exported}"
    );
    let steps = site.read("notes/setup-steps/index.html");
    assert!(steps.contains("<h1>Setup steps</h1>"), "{steps}");
}

#[test]
fn theme_files_are_overridden_one_by_one() {
    let site = Site::fixture("override");
    let run = site.build(&[]).ok();
    assert_eq!(run.warning_count(), 0, "{run}");
    let page = site.read("page/index.html");
    // templates/page.html replaces the embedded page template...
    assert!(page.contains("class=\"override-marker\""), "{page}");
    assert!(page.contains("<p>Body text of the page.</p>"), "{page}");
    // ...themes/default/templates/partials/pager.html replaces one partial...
    assert!(
        page.contains("<a href=\"../\">Back: Override home</a>"),
        "{page}"
    );
    // ...and every other file still comes from the embedded theme.
    assert!(page.contains("class=\"site-header\""), "{page}");
    let home = site.read("index.html");
    assert!(
        !home.contains("override-marker"),
        "home uses the embedded home template"
    );
    assert!(home.contains("class=\"home-hero\""), "{home}");
    assert!(site.dist().join("_static/style.css").is_file());
}

#[test]
fn init_creates_a_site_that_builds_cleanly() {
    let tmp = tempfile::tempdir().unwrap();
    let run = helpsite(tmp.path(), &["init", "starter"]).ok();
    assert!(run.stdout.contains("created"), "{run}");
    let root = tmp.path().join("starter");
    assert!(root.join("helpsite.yaml").is_file());
    let run = helpsite(tmp.path(), &["build", "--root", "starter"]).ok();
    assert_eq!(run.warning_count(), 0, "{run}");
    assert_eq!(run.summary_warnings(), 0, "{run}");
    assert!(root.join("dist/index.html").is_file());
    assert!(root.join("dist/faq/general/index.html").is_file());
    // No placeholder address ships: `base_url` waits, commented out, for the real one.
    let config = std::fs::read_to_string(root.join("helpsite.yaml")).unwrap();
    assert!(config.contains("# base_url: "), "{config}");
    assert!(
        !config.lines().any(|l| l.starts_with("base_url:")),
        "{config}"
    );
    assert!(!root.join("dist/sitemap.xml").exists());
    // The home page lists each section once, with titles written out.
    let home = std::fs::read_to_string(root.join("dist/index.html")).unwrap();
    let article = crate::util::element(&home, "article");
    assert_eq!(article.matches("href=\"faq/").count(), 1, "{article}");
    assert_eq!(article.matches("href=\"guides/").count(), 1, "{article}");
    assert!(
        article.contains("<span class=\"card-title\">FAQ</span>"),
        "{article}"
    );
    // A second init into the same folder refuses to overwrite.
    let again = helpsite(tmp.path(), &["init", "starter"]).fatal();
    again.stderr_has("already exists");
}

#[test]
fn output_is_deterministic() {
    let site = Site::fixture("features");
    let a = site.tmp.path().join("a");
    let b = site.tmp.path().join("b");
    site.build(&["--out", a.to_str().unwrap()]).ok();
    site.build(&["--out", b.to_str().unwrap()]).ok();
    let (ta, tb) = (snapshot_tree(&a), snapshot_tree(&b));
    assert_eq!(ta.keys().collect::<Vec<_>>(), tb.keys().collect::<Vec<_>>());
    assert!(ta.len() > 15, "{:?}", ta.keys());
    for (path, bytes) in &ta {
        assert!(bytes == &tb[path], "{path} differs between two builds");
    }
}

#[test]
fn every_page_has_head_metadata() {
    let site = Site::fixture("features");
    site.build(&[]).ok();
    let html = site.read("guides/markdown/index.html");
    let head = element(&html, "head");
    for needle in [
        "<title>Markdown features · Feature Test Help</title>",
        "<meta name=\"description\" content=\"Every Markdown feature helpsite supports, on one page.\">",
        "<link rel=\"canonical\" href=\"https://help.example.test/docs/guides/markdown/\">",
        "<meta property=\"og:title\" content=\"Markdown features\">",
    ] {
        assert!(head.contains(needle), "head lacks {needle}\n{head}");
    }
    assert_eq!(
        attr_values(head, "href")
            .iter()
            .filter(|h| h.contains("_static/"))
            .count(),
        // style.css, highlight.css and the icon.
        3
    );
}

/// Highlighted code blocks are kept in the site root between builds. The file only saves
/// time: with it, without it, or damaged, the pages come out the same, and an edited block
/// is highlighted afresh.
#[test]
fn highlight_cache_changes_nothing_but_time() {
    let site = Site::fixture("features");
    site.build(&[]).ok();
    let cache = site.root.join(".helpsite-highlight-cache");
    assert!(cache.is_file(), "no highlight cache after a build");
    let first = snapshot_tree(&site.dist());
    site.build(&[]).ok();
    assert_eq!(snapshot_tree(&site.dist()), first, "a cached build differs");
    let bytes = std::fs::read(&cache).unwrap();
    std::fs::write(&cache, &bytes[..bytes.len() / 2]).unwrap();
    site.build(&[]).ok();
    assert_eq!(
        snapshot_tree(&site.dist()),
        first,
        "a damaged cache changed pages"
    );
    let page = read(&site.root, "content/guides/markdown.md");
    site.write(
        "content/guides/markdown.md",
        page.replacen("```rust\n", "```rust\nlet edited_line = 42;\n", 1),
    );
    site.build(&[]).ok();
    let html = site.read("guides/markdown/index.html");
    assert!(html.contains("edited_line"), "the edited block is stale");
}
