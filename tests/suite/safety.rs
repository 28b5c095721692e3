//! The output folder is replaced atomically and only when helpsite made it; reading never
//! leaves the site root through symlinks; no staging folders are left behind.

use crate::util::{Site, helpsite, snapshot_tree};
use std::fs;
use std::path::Path;

/// Names in `dir` that look like helpsite's staging or set-aside folders.
fn leftovers(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("helpsite-staging") || n.contains("helpsite-old"))
        .collect()
}

#[test]
fn failed_build_leaves_the_old_output_untouched() {
    let site = Site::fixture("features");
    site.build(&[]).ok();
    assert!(
        leftovers(&site.root).is_empty(),
        "{:?}",
        leftovers(&site.root)
    );
    let before = snapshot_tree(&site.dist());
    assert!(before.contains_key(".helpsite-output"));

    site.write(
        "content/guides/broken.md",
        "---\ntitle: [unclosed\n---\nBody\n",
    );
    site.build(&[])
        .fatal()
        .stderr_has("content/guides/broken.md:");
    assert_eq!(
        snapshot_tree(&site.dist()),
        before,
        "a failed build changed dist/"
    );
    assert!(
        leftovers(&site.root).is_empty(),
        "{:?}",
        leftovers(&site.root)
    );

    // A template error fails late (while rendering): still untouched.
    site.write("content/guides/broken.md", "---\ntitle: Fixed\n---\nBody\n");
    site.write(
        "templates/page.html",
        "{% extends \"base.html\" %}{% block main %}{{ page.nope.deeper }}{% endblock main %}",
    );
    site.build(&[]).fatal().stderr_has("templates/page.html");
    assert_eq!(
        snapshot_tree(&site.dist()),
        before,
        "a failed render changed dist/"
    );
    assert!(
        leftovers(&site.root).is_empty(),
        "{:?}",
        leftovers(&site.root)
    );
}

#[test]
fn rebuild_replaces_the_whole_output() {
    let site = Site::fixture("features");
    site.build(&[]).ok();
    assert!(site.dist().join("reference/limits/index.html").is_file());
    fs::remove_file(site.root.join("content/reference/limits.md")).unwrap();
    site.build(&[]).ok();
    assert!(
        !site.dist().join("reference/limits").exists(),
        "stale page survived a rebuild"
    );
    assert!(
        leftovers(&site.root).is_empty(),
        "{:?}",
        leftovers(&site.root)
    );
}

/// The third build reuses the first one's folder: stale pages of that older build must go,
/// changed pages must change, and unchanged files are left alone (same inode, same bytes).
#[test]
fn rebuild_reuses_the_previous_output_folder() {
    let site = Site::fixture("features");
    site.build(&[]).ok();
    let sitemap = site.dist().join("sitemap.xml");
    let first_sitemap = fs::read(&sitemap).unwrap();
    #[cfg(unix)]
    let inode = |p: &Path| std::os::unix::fs::MetadataExt::ino(&fs::metadata(p).unwrap());
    #[cfg(unix)]
    let style = inode(&site.dist().join("_static/style.css"));

    fs::remove_file(site.root.join("content/reference/limits.md")).unwrap();
    site.build(&[]).ok();
    let previous = site.root.join(".dist.helpsite-previous");
    assert!(previous.join(".helpsite-output").is_file());
    assert!(previous.join("reference/limits/index.html").is_file());

    let index = site.root.join("content/index.md");
    let text = fs::read_to_string(&index).unwrap();
    fs::write(
        &index,
        format!("{text}\nA sentence added for the third build.\n"),
    )
    .unwrap();
    let before = snapshot_tree(&site.dist());
    site.build(&[]).ok();
    let after = snapshot_tree(&site.dist());
    assert!(
        !site.dist().join("reference/limits").exists(),
        "stale page of the build before last survived"
    );
    assert!(
        String::from_utf8_lossy(&after["index.html"])
            .contains("A sentence added for the third build."),
        "a changed page was not rewritten"
    );
    assert_ne!(
        fs::read(&sitemap).unwrap(),
        first_sitemap,
        "sitemap still lists the removed page"
    );
    for (path, bytes) in &before {
        if path != "index.html" && !path.starts_with("_search/") {
            assert_eq!(
                after.get(path),
                Some(bytes),
                "{path} changed though its source did not"
            );
        }
    }
    assert_eq!(
        after.keys().filter(|k| !before.contains_key(*k)).count(),
        0,
        "files appeared that the build before did not have"
    );
    #[cfg(unix)]
    assert_eq!(
        inode(&site.dist().join("_static/style.css")),
        style,
        "an unchanged file was rewritten"
    );
    let mut spares: Vec<_> = fs::read_dir(&site.root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".helpsite-"))
        .collect();
    spares.sort();
    assert_eq!(
        spares,
        [
            ".dist.helpsite-lock",
            ".dist.helpsite-manifest",
            ".dist.helpsite-previous",
            ".helpsite-highlight-cache"
        ]
    );
    assert!(
        after.keys().all(|k| !k.contains("manifest")),
        "a manifest was published: {:?}",
        after
            .keys()
            .filter(|k| k.contains("manifest"))
            .collect::<Vec<_>>()
    );

    // A file changed behind helpsite's back in the kept folder (same length, new time) is
    // not trusted from the manifest: the next build that reuses the folder restores it.
    let kept_style = previous.join("_static/style.css");
    let text = fs::read(&kept_style).unwrap();
    let mut tampered = text.clone();
    tampered[0] = if tampered[0] == b'x' { b'y' } else { b'x' };
    fs::write(&kept_style, &tampered).unwrap();
    site.build(&[]).ok();
    site.build(&[]).ok();
    assert_eq!(
        fs::read(site.dist().join("_static/style.css")).unwrap(),
        text
    );
    assert_eq!(fs::read(previous.join("_static/style.css")).unwrap(), text);
}

#[test]
fn refuses_a_folder_it_did_not_create() {
    let site = Site::fixture("features");
    let mine = site.tmp.path().join("my-files");
    fs::create_dir(&mine).unwrap();
    fs::write(mine.join("thesis.txt"), "years of work").unwrap();
    let run = site.build(&["--out", mine.to_str().unwrap()]).fatal();
    run.stderr_has("helpsite did not create it")
        .stderr_has("--out");
    assert_eq!(
        fs::read_to_string(mine.join("thesis.txt")).unwrap(),
        "years of work"
    );
    assert_eq!(fs::read_dir(&mine).unwrap().count(), 1);
    assert!(
        leftovers(site.tmp.path()).is_empty(),
        "{:?}",
        leftovers(site.tmp.path())
    );
}

#[test]
fn refuses_a_folder_holding_git() {
    let site = Site::fixture("features");
    site.build(&[]).ok();
    // Even a folder helpsite made is refused once it holds a repository.
    fs::create_dir(site.dist().join(".git")).unwrap();
    fs::write(site.dist().join(".git/HEAD"), "ref: refs/heads/main\n").unwrap();
    let before = snapshot_tree(&site.dist());
    site.build(&[]).fatal().stderr_has(".git");
    assert_eq!(snapshot_tree(&site.dist()), before);
}

#[test]
fn refuses_to_write_over_the_site_or_into_content() {
    let site = Site::fixture("features");
    let root = site.root.to_str().unwrap().to_owned();
    site.build(&["--out", &root]).fatal().stderr_has("refusing");
    let inside = site.root.join("content/out");
    site.build(&["--out", inside.to_str().unwrap()])
        .fatal()
        .stderr_has("refusing");
    assert!(!inside.exists());
    assert!(site.root.join("content/index.md").is_file());
}

#[cfg(unix)]
#[test]
fn symlinks_leading_outside_are_not_followed() {
    use std::os::unix::fs::symlink;
    let site = Site::fixture("plain-markdown");
    let outside = site.tmp.path().join("outside");
    fs::create_dir_all(outside.join("folder")).unwrap();
    fs::write(outside.join("secret.txt"), "TOP-SECRET-FILE").unwrap();
    fs::write(outside.join("page.md"), "# Outside\n\nTOP-SECRET-PAGE\n").unwrap();
    fs::write(
        outside.join("folder/inner.md"),
        "# Inner\n\nTOP-SECRET-FOLDER\n",
    )
    .unwrap();
    let content = site.root.join("content");
    symlink(outside.join("secret.txt"), content.join("secret.txt")).unwrap();
    symlink(outside.join("page.md"), content.join("page.md")).unwrap();
    symlink(outside.join("folder"), content.join("folder")).unwrap();
    // A link that stays inside content/ is fine.
    symlink(content.join("notes/exported.md"), content.join("alias.md")).unwrap();

    let run = site.build(&[]).ok();
    for name in ["secret.txt", "page.md", "folder"] {
        run.stderr_has(&format!("skipped symlink `content/{name}`"));
    }
    assert_eq!(run.warning_count(), 3, "{run}");
    assert!(site.dist().join("alias/index.html").is_file());
    for (path, bytes) in snapshot_tree(&site.dist()) {
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains("TOP-SECRET"),
            "{path} holds data from outside the site"
        );
    }
    assert!(!site.dist().join("secret.txt").exists());
    assert!(!site.dist().join("folder").exists());
}

#[test]
fn default_output_is_dist_beside_content() {
    let site = Site::fixture("plain-markdown");
    let run = helpsite(&site.root, &["build"]).ok();
    assert!(site.root.join("dist/index.html").is_file(), "{run}");
    assert!(leftovers(&site.root).is_empty());
}
