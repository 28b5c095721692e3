//! Page metadata: "Last updated" from git, tags pages, the Atom feed, social preview images.

use crate::util::Site;
use std::path::Path;
use std::process::Command;

/// Run git in `dir` with commit dates fixed to `date` (an ISO 8601 time); asserts success.
#[track_caller]
fn git(dir: &Path, date: &str, args: &[&str]) {
    let out = Command::new("git")
        .current_dir(dir)
        .args(["-c", "user.name=Test", "-c", "user.email=test@example.test"])
        .args([
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
        ])
        .args(args)
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The date the page at `url` shows as "Last updated", if any.
fn shown_date(site: &Site, url: &str) -> Option<String> {
    let html = site.read(&format!("{url}index.html"));
    let at = html.find("Last updated <time datetime=\"")?;
    let rest = &html[at + "Last updated <time datetime=\"".len()..];
    Some(rest[..rest.find('"')?].to_owned())
}

/// The `<lastmod>` of the sitemap entry for `url`.
fn lastmod(site: &Site, url: &str) -> Option<String> {
    let xml = site.read("sitemap.xml");
    let loc = format!("<loc>https://help.example.test/{url}</loc>");
    let entry = xml.lines().find(|l| l.contains(&loc))?;
    let at = entry.find("<lastmod>")? + "<lastmod>".len();
    Some(entry[at..at + 10].to_owned())
}

/// A site in a git repository (whose root is the folder above the site, so paths in the
/// history start with `site/content/`) with three commits on set dates: a page edited
/// twice, a page moved without edits, a page with its own `updated:`, and an FAQ group.
fn dated_repo() -> Site {
    let site = Site::empty();
    site.write(
        "helpsite.yaml",
        "title: Dated\nbase_url: https://help.example.test/\nupdated: git\n",
    );
    site.write("content/index.md", "# Home\n");
    site.write("content/guides/edited.md", "# Edited\n\nFirst.\n");
    site.write("content/guides/old name.md", "# Moved\n\nText.\n");
    // Quoted by `git log` unless told otherwise (`core.quotePath`).
    site.write("content/guides/\u{fc}ber \"quoted\".md", "# Non-ASCII\n");
    site.write(
        "content/guides/explicit.md",
        "---\nupdated: 2020-02-02\n---\n# Explicit\n",
    );
    site.write(
        "content/faq/general.yaml",
        "title: General\nquestions:\n  - question: Dated by git?\n    answer: Yes.\n  - question: Own date?\n    answer: Kept.\n    updated: 2021-03-04\n",
    );
    let repo = site.tmp.path();
    git(repo, "2024-01-10T12:00:00+00:00", &["init", "-q", "."]);
    git(repo, "2024-01-10T12:00:00+00:00", &["add", "."]);
    git(repo, "2024-01-10T12:00:00+00:00", &["commit", "-qm", "one"]);
    site.write("content/guides/edited.md", "# Edited\n\nSecond.\n");
    site.write(
        "content/guides/explicit.md",
        "---\nupdated: 2020-02-02\n---\n# Explicit\n\nMore.\n",
    );
    git(
        repo,
        "2024-02-20T23:30:00-05:00",
        &["commit", "-qam", "two"],
    );
    git(
        repo,
        "2024-03-15T08:00:00+00:00",
        &[
            "mv",
            "site/content/guides/old name.md",
            "site/content/guides/moved.md",
        ],
    );
    git(
        repo,
        "2024-03-15T08:00:00+00:00",
        &["commit", "-qm", "move"],
    );
    site
}

#[test]
fn git_dates_are_last_commits_and_explicit_dates_win() {
    let site = dated_repo();
    site.build(&[]).ok();
    // The committer's own calendar day, not UTC's (which is already the 21st).
    assert_eq!(
        shown_date(&site, "guides/edited/").as_deref(),
        Some("2024-02-20")
    );
    assert_eq!(
        lastmod(&site, "guides/edited/").as_deref(),
        Some("2024-02-20")
    );
    assert_eq!(
        shown_date(&site, "guides/\u{fc}ber \"quoted\"/").as_deref(),
        Some("2024-01-10")
    );
    // Moved without edits: the date of its content, not of the move.
    assert_eq!(
        shown_date(&site, "guides/moved/").as_deref(),
        Some("2024-01-10")
    );
    // Committed later, but the page says its own date.
    assert_eq!(
        shown_date(&site, "guides/explicit/").as_deref(),
        Some("2020-02-02")
    );
    assert_eq!(
        lastmod(&site, "guides/explicit/").as_deref(),
        Some("2020-02-02")
    );
    assert_eq!(
        shown_date(&site, "faq/general/").as_deref(),
        Some("2024-01-10")
    );
    let first = site.read("guides/edited/index.html");
    site.build(&[]).ok();
    assert_eq!(
        site.read("guides/edited/index.html"),
        first,
        "same output twice"
    );
}

#[test]
fn uncommitted_and_untracked_files_take_their_modification_time() {
    let site = dated_repo();
    site.write(
        "content/guides/edited.md",
        "# Edited\n\nThird, not committed.\n",
    );
    site.write("content/guides/new.md", "# New\n");
    set_mtime(
        &site.root.join("content/guides/edited.md"),
        "2025-05-06 12:00",
    );
    set_mtime(&site.root.join("content/guides/new.md"), "2025-07-08 12:00");
    site.build(&[]).ok();
    assert_eq!(
        shown_date(&site, "guides/edited/").as_deref(),
        Some("2025-05-06")
    );
    assert_eq!(
        shown_date(&site, "guides/new/").as_deref(),
        Some("2025-07-08")
    );
    assert_eq!(
        shown_date(&site, "guides/moved/").as_deref(),
        Some("2024-01-10")
    );
}

/// Set a file's modification time (UTC) with `touch`.
fn set_mtime(path: &Path, when: &str) {
    let status = Command::new("touch")
        .env("TZ", "UTC")
        .arg("-d")
        .arg(when)
        .arg(path)
        .status()
        .expect("touch runs");
    assert!(status.success());
}

#[test]
fn outside_a_repository_files_are_dated_by_modification_time() {
    let site = Site::empty();
    site.write("helpsite.yaml", "title: Plain\nupdated: git\n");
    site.write("content/index.md", "# Home\n");
    site.write("content/a.md", "# A\n");
    site.write("content/b.md", "---\nupdated: 2019-09-09\n---\n# B\n");
    set_mtime(&site.root.join("content/a.md"), "2023-11-12 23:59");
    set_mtime(&site.root.join("content/b.md"), "2023-11-12 23:59");
    // A folder no repository holds: git fails and every file falls back to its time.
    site.build(&[]).ok();
    assert_eq!(shown_date(&site, "a/").as_deref(), Some("2023-11-12"));
    assert_eq!(shown_date(&site, "b/").as_deref(), Some("2019-09-09"));
}

#[test]
fn without_updated_git_no_date_is_made_up() {
    let site = Site::empty();
    site.write("helpsite.yaml", "title: Plain\n");
    site.write("content/index.md", "# Home\n");
    site.write("content/a.md", "# A\n");
    site.build(&[]).ok();
    assert_eq!(shown_date(&site, "a/"), None);
}

#[test]
fn updated_accepts_only_git() {
    let site = Site::empty();
    site.write("helpsite.yaml", "title: Bad\nupdated: yes please\n");
    site.write("content/index.md", "# Home\n");
    site.build(&[])
        .fatal()
        .stderr_has("helpsite.yaml:2:10")
        .stderr_has("`updated` must be `git`");
}

#[test]
fn tags_pages_list_tags_with_counts_and_what_carries_them() {
    let site = Site::fixture("features");
    site.build(&[]).ok();
    let index = site.read("tags/index.html");
    let names: Vec<&str> = index
        .split("<a class=\"tag\" href=\"")
        .skip(1)
        .map(|a| a.split('"').next().unwrap_or(""))
        .collect();
    assert_eq!(
        names,
        [
            "account/",
            "diagrams/",
            "markdown/",
            "reference/",
            "support/"
        ],
        "sorted, one entry per slug"
    );
    // `Markdown` on one page and `markdown` on another: one tag, as first written.
    assert!(
        index.contains(">markdown <span class=\"tag-count\">2</span>"),
        "{index}"
    );
    assert!(
        index.contains(">account <span class=\"tag-count\">3</span>"),
        "{index}"
    );
    let account = site.read("tags/account/index.html");
    assert!(
        account.contains("href=\"../../guides/with-faq/\""),
        "{account}"
    );
    assert!(
        account.contains("href=\"../../faq/general/#reset-password\""),
        "{account}"
    );
    assert!(
        account.contains("href=\"../../faq/general/#contact\""),
        "{account}"
    );
    assert!(
        account.contains("<nav id=\"sidebar\""),
        "in the site's layout"
    );
    let page = site.read("guides/with-faq/index.html");
    assert!(
        page.contains("<a class=\"tag\" href=\"../../tags/account/\">account</a>"),
        "{page}"
    );
    assert!(page.contains("<a class=\"tag\" href=\"../../tags/markdown/\">markdown</a>"));
    let sitemap = site.read("sitemap.xml");
    assert!(sitemap.contains("<loc>https://help.example.test/docs/tags/</loc>"));
    assert!(sitemap.contains("<loc>https://help.example.test/docs/tags/support/</loc>"));
}

#[test]
fn no_tags_no_tags_pages() {
    let site = Site::empty();
    site.write("content/index.md", "# Home\n");
    site.write("content/a.md", "---\ntags: []\n---\n# A\n");
    site.build(&[]).ok();
    assert!(!site.dist().join("tags").exists());
}

#[test]
fn a_file_at_a_tags_page_path_is_an_error() {
    let site = Site::empty();
    site.write("content/index.md", "# Home\n");
    site.write("content/a.md", "---\ntags: [vpn]\n---\n# A\n");
    site.write("content/tags.md", "# My own tags page\n");
    site.build(&[])
        .fatal()
        .stderr_has("content/tags.md:1:1")
        .stderr_has("the tags pages both write `tags/index.html`");
}

#[test]
fn tag_templates_can_be_overridden_by_the_site() {
    let site = Site::empty();
    site.write("content/index.md", "# Home\n");
    site.write("content/a.md", "---\ntags: [VPN setup]\n---\n# A\n");
    site.write(
        "templates/tag.html",
        "{% extends \"base.html\" %}{% block main %}<h1>Custom {{ tag.name }}</h1>{% for e in entries %}<a href=\"{{ e.href }}\">{{ e.title }}</a>{% endfor %}{% endblock main %}",
    );
    site.build(&[]).ok();
    let html = site.read("tags/vpn-setup/index.html");
    assert!(
        html.contains("<h1>Custom VPN setup</h1><a href=\"../../a/\">A</a>"),
        "{html}"
    );
}

const ATOM: &str = "http://www.w3.org/2005/Atom";

/// Whether `s` is an RFC 3339 date-time (`2026-01-15T00:00:00Z` or with an offset).
fn is_rfc3339(s: &str) -> bool {
    let b = s.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|d| d.iter().all(u8::is_ascii_digit));
    let zone = &s[19.min(s.len())..];
    let zone_ok = zone == "Z"
        || (zone.len() == 6
            && zone.starts_with(['+', '-'])
            && zone.as_bytes()[3] == b':'
            && zone[1..3]
                .bytes()
                .chain(zone[4..].bytes())
                .all(|c| c.is_ascii_digit()));
    b.len() >= 20
        && digits(0..4)
        && b[4] == b'-'
        && digits(5..7)
        && b[7] == b'-'
        && digits(8..10)
        && b[10] == b'T'
        && digits(11..13)
        && b[13] == b':'
        && digits(14..16)
        && b[16] == b':'
        && digits(17..19)
        && zone_ok
}

/// The children of `node` named `name` in the Atom namespace.
fn atom_children<'a, 'i, 'n>(
    node: roxmltree::Node<'a, 'i>,
    name: &'n str,
) -> impl Iterator<Item = roxmltree::Node<'a, 'i>> + use<'a, 'i, 'n> {
    node.children()
        .filter(move |n| n.tag_name().name() == name && n.tag_name().namespace() == Some(ATOM))
}

/// The only child `name` of `node`'s text; fails when there is not exactly one.
#[track_caller]
fn one_text<'a>(node: roxmltree::Node<'a, '_>, name: &str) -> &'a str {
    let found: Vec<_> = atom_children(node, name).collect();
    assert_eq!(
        found.len(),
        1,
        "exactly one <{name}> in <{}>",
        node.tag_name().name()
    );
    found[0].text().unwrap_or("")
}

/// Check `xml` against RFC 4287's required structure; returns each entry's (id, title, updated).
#[track_caller]
fn atom_entries(xml: &str, self_href: &str) -> Vec<(String, String, String)> {
    let doc = roxmltree::Document::parse(xml).unwrap_or_else(|e| panic!("not XML: {e}\n{xml}"));
    let feed = doc.root_element();
    assert_eq!(feed.tag_name().name(), "feed");
    assert_eq!(feed.tag_name().namespace(), Some(ATOM));
    assert!(one_text(feed, "id").starts_with("https://"));
    assert!(!one_text(feed, "title").is_empty());
    assert!(is_rfc3339(one_text(feed, "updated")));
    let links: Vec<_> = atom_children(feed, "link").collect();
    assert!(
        links
            .iter()
            .any(|l| l.attribute("rel") == Some("self") && l.attribute("href") == Some(self_href)),
        "a rel=self link to {self_href}"
    );
    let entries: Vec<_> = atom_children(feed, "entry").collect();
    // An author for the feed, or for every entry (RFC 4287 4.1.1).
    let feed_author = atom_children(feed, "author").count() == 1;
    let mut out = Vec::new();
    for e in entries {
        assert!(feed_author || atom_children(e, "author").count() == 1);
        let id = one_text(e, "id").to_owned();
        assert!(id.starts_with("https://"), "absolute id {id}");
        let updated = one_text(e, "updated").to_owned();
        assert!(is_rfc3339(&updated), "RFC 3339: {updated}");
        let alternate = atom_children(e, "link")
            .filter(|l| l.attribute("rel").unwrap_or("alternate") == "alternate")
            .count();
        assert!(alternate <= 1, "at most one alternate link per type");
        // Without content, an entry needs an alternate link (RFC 4287 4.1.1).
        assert!(alternate == 1 || atom_children(e, "content").count() == 1);
        assert!(atom_children(e, "summary").count() <= 1);
        out.push((id, one_text(e, "title").to_owned(), updated));
    }
    let mut ids: Vec<&str> = out.iter().map(|(id, _, _)| id.as_str()).collect();
    ids.sort_unstable();
    let before = ids.len();
    ids.dedup();
    assert_eq!(ids.len(), before, "entry ids are unique");
    out
}

#[test]
fn feed_holds_the_twenty_most_recent_pages_and_questions_as_valid_atom() {
    let site = Site::empty();
    site.write(
        "helpsite.yaml",
        "title: Feed & <Co>\nbase_url: https://help.example.test/\ndescription: Changes.\n",
    );
    site.write("content/index.md", "# Home\n");
    for day in 1..=24 {
        site.write(
            &format!("content/p{day:02}.md"),
            format!("---\nupdated: 2025-03-{day:02}\ndescription: Page {day} & more.\n---\n# Page {day}\n"),
        );
    }
    site.write(
        "content/same-day-b.md",
        "---\nupdated: 2025-03-24\n---\n# B same day\n",
    );
    site.write("content/undated.md", "# Undated\n");
    site.write(
        "content/faq/general.yaml",
        "questions:\n  - id: newest\n    question: Newest <question>?\n    answer: Yes.\n    updated: 2025-04-01\n  - question: Undated?\n    answer: No.\n",
    );
    site.build(&[]).ok();
    let xml = site.read("feed.xml");
    let entries = atom_entries(&xml, "https://help.example.test/feed.xml");
    assert_eq!(entries.len(), 20, "{xml}");
    assert_eq!(
        entries[0],
        (
            "https://help.example.test/faq/general/#newest".to_owned(),
            "Newest <question>?".to_owned(),
            "2025-04-01T00:00:00Z".to_owned()
        )
    );
    // Same day: by title.
    assert_eq!(entries[1].1, "B same day");
    assert_eq!(entries[2].1, "Page 24");
    assert_eq!(entries[19].1, "Page 7");
    assert!(!xml.contains("Undated"), "undated entries are left out");
    assert!(xml.contains("<summary>Page 24 &amp; more.</summary>"));
    let doc = roxmltree::Document::parse(&xml).unwrap();
    assert_eq!(one_text(doc.root_element(), "title"), "Feed & <Co>");
    assert_eq!(
        one_text(doc.root_element(), "updated"),
        "2025-04-01T00:00:00Z"
    );
    let head = site.read("index.html");
    assert!(
        head.contains("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Feed &amp; &lt;Co&gt;\" href=\"./feed.xml\">"),
        "{head}"
    );
}

#[test]
fn feed_without_dates_is_still_valid_and_without_base_url_there_is_none() {
    let site = Site::empty();
    site.write(
        "helpsite.yaml",
        "title: Empty\nbase_url: https://help.example.test/x/\n",
    );
    site.write("content/index.md", "# Home\n");
    site.build(&[]).ok();
    let xml = site.read("feed.xml");
    assert!(atom_entries(&xml, "https://help.example.test/x/feed.xml").is_empty());
    site.write("helpsite.yaml", "title: Empty\n");
    site.build(&[]).ok();
    assert!(!site.dist().join("feed.xml").exists());
    assert!(!site.read("index.html").contains("application/atom+xml"));
}

#[test]
fn a_feed_xml_of_the_site_is_an_error() {
    let site = Site::empty();
    site.write("helpsite.yaml", "base_url: https://help.example.test/\n");
    site.write("content/index.md", "# Home\n");
    site.write("content/feed.xml", "<rss/>\n");
    site.build(&[])
        .fatal()
        .stderr_has("content/feed.xml:1:1")
        .stderr_has("`feed.xml`");
}

/// The `content` of `<meta property|name="key">` in `html`.
fn meta(html: &str, key: &str) -> Option<String> {
    let at = html
        .find(&format!("<meta property=\"{key}\" content=\""))
        .or_else(|| html.find(&format!("<meta name=\"{key}\" content=\"")))?;
    let rest = &html[at..];
    let start = rest.find("content=\"")? + "content=\"".len();
    Some(rest[start..start + rest[start..].find('"')?].to_owned())
}

fn image_site(config: &str) -> Site {
    let site = Site::empty();
    site.write("helpsite.yaml", config);
    site.write("content/index.md", "# Home\n");
    site.write("content/files/card.png", "PNG");
    site.write("content/guides/shot one.png", "PNG");
    site.write(
        "content/guides/own.md",
        "---\ntitle: Own\nimage: shot one.png\n---\nText.\n",
    );
    site.write(
        "content/guides/remote.md",
        "---\nimage: https://cdn.example.test/r.png\n---\n# Remote\n",
    );
    site.write("content/guides/plain.md", "# Plain\n");
    site
}

#[test]
fn og_image_from_the_page_or_the_site_default_made_absolute() {
    let site = image_site("base_url: https://help.example.test/\nimage: /files/card.png\n");
    site.build(&[]).ok();
    let own = site.read("guides/own/index.html");
    assert_eq!(
        meta(&own, "og:image").as_deref(),
        Some("https://help.example.test/guides/shot%20one.png")
    );
    assert_eq!(
        meta(&own, "twitter:card").as_deref(),
        Some("summary_large_image")
    );
    let remote = site.read("guides/remote/index.html");
    assert_eq!(
        meta(&remote, "og:image").as_deref(),
        Some("https://cdn.example.test/r.png")
    );
    let plain = site.read("guides/plain/index.html");
    assert_eq!(
        meta(&plain, "og:image").as_deref(),
        Some("https://help.example.test/files/card.png"),
        "the site's default"
    );
}

#[test]
fn without_an_image_or_base_url_the_card_is_a_summary() {
    let site = image_site("title: No base\nimage: /files/card.png\n");
    site.build(&[]).ok();
    let plain = site.read("guides/plain/index.html");
    assert_eq!(meta(&plain, "og:image"), None, "no relative og:image");
    assert_eq!(meta(&plain, "twitter:card").as_deref(), Some("summary"));
    // An absolute URL needs no base_url.
    let remote = site.read("guides/remote/index.html");
    assert_eq!(
        meta(&remote, "og:image").as_deref(),
        Some("https://cdn.example.test/r.png")
    );
    let site = image_site("base_url: https://help.example.test/\n");
    site.build(&[]).ok();
    let plain = site.read("guides/plain/index.html");
    assert_eq!(meta(&plain, "og:image"), None);
    assert_eq!(meta(&plain, "twitter:card").as_deref(), Some("summary"));
}

#[test]
fn a_missing_image_is_a_broken_link_at_its_image_line() {
    let site = image_site("base_url: https://help.example.test/\n");
    site.write(
        "content/guides/own.md",
        "---\ntitle: Own\nimage: 'shot two.png'\n---\nText.\n",
    );
    let run = site.build(&[]);
    assert_eq!(run.code, 1, "{run}");
    run.stderr_has("content/guides/own.md:3:9")
        .stderr_has("broken image `shot two.png`: there is no file `content/guides/shot two.png`");
    let site = image_site("title: T\nimage: /files/nope.png\n");
    let root = site.root.to_str().unwrap().to_owned();
    let run = crate::util::helpsite(site.tmp.path(), &["check", "--root", &root]);
    assert_eq!(run.code, 1, "{run}");
    // `check` reports on standard output.
    assert!(run.stdout.contains("helpsite.yaml:2:8"), "{run}");
    assert!(
        run.stdout.contains("broken image `/files/nope.png`"),
        "{run}"
    );
}

/// Front matter as Docusaurus writes it: tags as `{label, permalink}`, `last_update.date`
/// for the date, `sidebar_position` for the order.
#[test]
fn docusaurus_front_matter_is_understood() {
    let site = Site::empty();
    site.write("helpsite.yaml", "title: Help\nbase_url: https://help.test/\n")
        .write("content/index.md", "# Help\n\nStart.\n")
        .write(
            "content/docs/b.md",
            "---\ntitle: Second\nsidebar_position: 2\ntags:\n  - label: Getting started\n    permalink: /getting-started\n  - billing\nlast_update:\n  date: 2024-03-05T10:00:00Z\n  author: Ann\n---\nText.\n",
        )
        .write("content/docs/a.md", "---\ntitle: First\nsidebar_position: 1\n---\nText.\n");
    let run = site.build(&[]).ok();
    assert_eq!(run.warning_count(), 0, "{run}");
    let b = site.read("docs/b/index.html");
    assert!(b.contains("<time datetime=\"2024-03-05\">"), "{b}");
    assert!(
        b.contains(">Getting started</a>") && b.contains(">billing</a>"),
        "{b}"
    );
    let section = site.read("docs/index.html");
    let first = section.find(">First</a>").unwrap();
    let second = section.find(">Second</a>").unwrap();
    assert!(first < second, "sidebar_position orders the pages");
}
