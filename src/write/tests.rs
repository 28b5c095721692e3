//! Unit tests of the write module: replacing only its own folders, the staging folder after
//! a failure, the output lock, symlinks in the kept folder.

use super::*;
use crate::output::Content;

#[test]
fn refuses_foreign_folders_and_replaces_its_own() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("dist");
    let mut outputs = Outputs::new();
    outputs.insert("a/index.html".into(), Content::Bytes(b"one".to_vec()));
    write(&out, &outputs).unwrap();
    assert_eq!(fs::read(out.join("a/index.html")).unwrap(), b"one");
    outputs.clear();
    outputs.insert("b.txt".into(), Content::Bytes(b"two".to_vec()));
    write(&out, &outputs).unwrap();
    assert!(!out.join("a").exists());
    assert!(out.join("b.txt").exists());

    let foreign = tmp.path().join("mine");
    fs::create_dir(&foreign).unwrap();
    fs::write(foreign.join("notes.txt"), "keep").unwrap();
    assert!(write(&foreign, &outputs).is_err());
    assert_eq!(
        fs::read_to_string(foreign.join("notes.txt")).unwrap(),
        "keep"
    );
}

/// Names in `dir`, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_failed_write_removes_its_staging_folder_and_keeps_the_output() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("dist");
    let mut outputs = Outputs::new();
    outputs.insert("index.html".into(), Content::Bytes(b"one".to_vec()));
    write(&out, &outputs).unwrap();
    write(&out, &outputs).unwrap();
    outputs.insert(
        "gone.png".into(),
        Content::Copy(tmp.path().join("missing.png")),
    );
    outputs.insert("index.html".into(), Content::Bytes(b"two".to_vec()));
    assert!(write(&out, &outputs).is_err());
    assert_eq!(fs::read(out.join("index.html")).unwrap(), b"one");
    assert_eq!(
        names(tmp.path()),
        [".dist.helpsite-lock", ".dist.helpsite-manifest", "dist"]
    );
}

#[test]
fn a_second_writer_waits_for_the_lock() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("dist");
    let first = OutputLock::take(&out, |_| panic!("nobody holds it yet")).unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    let waiter = std::thread::spawn({
        let out = out.clone();
        move || {
            let lock = OutputLock::take(&out, |_| tx.send(()).unwrap());
            lock.is_ok()
        }
    });
    rx.recv_timeout(std::time::Duration::from_secs(10))
        .expect("the second writer did not report waiting");
    assert!(!waiter.is_finished(), "the second writer did not wait");
    drop(first);
    assert!(waiter.join().unwrap());
}

/// A symlink where an output file goes (in a kept folder someone else could write to) is
/// replaced by a file, never written through.
#[cfg(unix)]
#[test]
fn a_symlink_in_the_kept_folder_is_replaced_not_followed() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("dist");
    let outside = tmp.path().join("outside.txt");
    fs::write(&outside, "mine").unwrap();
    let mut outputs = Outputs::new();
    outputs.insert("index.html".into(), Content::Bytes(b"one".to_vec()));
    write(&out, &outputs).unwrap();
    write(&out, &outputs).unwrap();
    let kept = tmp.path().join(".dist.helpsite-previous/index.html");
    fs::remove_file(&kept).unwrap();
    std::os::unix::fs::symlink(&outside, &kept).unwrap();
    outputs.insert("index.html".into(), Content::Bytes(b"two".to_vec()));
    write(&out, &outputs).unwrap();
    assert_eq!(fs::read_to_string(&outside).unwrap(), "mine");
    assert!(!out.join("index.html").is_symlink());
    assert_eq!(fs::read(out.join("index.html")).unwrap(), b"two");
}

/// Write `pages` through a stream (as `helpsite build` writes its pages while it renders
/// them), then the rest of `others`; returns what the write did.
fn stream_write(out: &Path, pages: &[(&str, &str)], others: &Outputs) -> WriteStats {
    let mut stream = OutputLock::take(out, |_| {}).unwrap().stream().unwrap();
    let paths: Vec<String> = pages.iter().map(|(p, _)| p.to_string()).collect();
    stream.expect(&paths).unwrap();
    let mut outputs = others.clone();
    for (path, html) in pages {
        let placed = stream.place(path, html.as_bytes()).unwrap();
        outputs.insert(path.to_string(), Content::Placed(placed));
    }
    stream.finish(&[&outputs]).unwrap().publish().unwrap()
}

#[test]
fn pages_written_ahead_join_the_other_outputs() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("dist");
    let mut others = Outputs::new();
    others.insert("_static/a.css".into(), Content::Bytes(b"css".to_vec()));
    let pages = [("index.html", "home"), ("guides/a/index.html", "a")];
    let first = stream_write(&out, &pages, &others);
    assert_eq!((first.written, first.unchanged), (3, 0));
    assert_eq!(fs::read(out.join("guides/a/index.html")).unwrap(), b"a");
    assert_eq!(fs::read(out.join("_static/a.css")).unwrap(), b"css");
    // The kept folder is the next staging folder: unchanged pages are not written again,
    // and a page that is gone is removed.
    stream_write(&out, &pages, &others);
    let third = stream_write(&out, &[("index.html", "home 2")], &others);
    assert_eq!((third.written, third.unchanged, third.removed), (1, 1, 1));
    assert_eq!(fs::read(out.join("index.html")).unwrap(), b"home 2");
    assert!(!out.join("guides").exists());
}

/// In a kept folder, a symlink where a page's folder goes, a file where a folder goes and a
/// folder where a page goes are cleared before any page is written: nothing is written
/// through the symlink.
#[cfg(unix)]
#[test]
fn a_stream_clears_the_way_in_a_kept_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("dist");
    let outside = tmp.path().join("outside");
    fs::create_dir(&outside).unwrap();
    let pages = [
        ("a/index.html", "a"),
        ("b/c/index.html", "c"),
        ("d/index.html", "d"),
    ];
    stream_write(&out, &pages, &Outputs::new());
    stream_write(&out, &pages, &Outputs::new());
    let kept = tmp.path().join(".dist.helpsite-previous");
    fs::remove_dir_all(kept.join("a")).unwrap();
    std::os::unix::fs::symlink(&outside, kept.join("a")).unwrap();
    fs::remove_dir_all(kept.join("b")).unwrap();
    fs::write(kept.join("b"), "a file where a folder goes").unwrap();
    fs::remove_file(kept.join("d/index.html")).unwrap();
    fs::create_dir_all(kept.join("d/index.html/x")).unwrap();
    let stats = stream_write(&out, &pages, &Outputs::new());
    assert_eq!(stats.written, 3);
    assert_eq!(fs::read_dir(&outside).unwrap().count(), 0);
    for (path, html) in pages {
        assert_eq!(fs::read_to_string(out.join(path)).unwrap(), html);
    }
    assert!(!out.join("a").is_symlink());
}

/// A build that fails after some pages were written leaves the output as it was and keeps
/// the folder for the next build; one whose writing failed removes it.
#[test]
fn an_unfinished_stream_keeps_the_output() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("dist");
    let pages = [("index.html", "one")];
    stream_write(&out, &pages, &Outputs::new());
    stream_write(&out, &pages, &Outputs::new());

    let mut stream = OutputLock::take(&out, |_| {}).unwrap().stream().unwrap();
    stream.expect(&["index.html".to_owned()]).unwrap();
    stream.place("index.html", b"two").unwrap();
    drop(stream);
    assert_eq!(fs::read(out.join("index.html")).unwrap(), b"one");
    assert_eq!(
        names(tmp.path()),
        [
            ".dist.helpsite-lock",
            ".dist.helpsite-manifest",
            ".dist.helpsite-previous",
            "dist"
        ]
    );

    let mut stream = OutputLock::take(&out, |_| {}).unwrap().stream().unwrap();
    stream.expect(&["index.html".to_owned()]).unwrap();
    // A path the system refuses (a name over 255 bytes) fails the write.
    let long = format!("{}.html", "x".repeat(300));
    assert!(stream.place(&long, b"two").is_err());
    drop(stream);
    assert_eq!(fs::read(out.join("index.html")).unwrap(), b"one");
    assert_eq!(
        names(tmp.path()),
        [".dist.helpsite-lock", ".dist.helpsite-manifest", "dist"]
    );
    // The next build starts afresh and works.
    assert_eq!(
        stream_write(&out, &[("index.html", "three")], &Outputs::new()).written,
        1
    );
    assert_eq!(fs::read(out.join("index.html")).unwrap(), b"three");
}

/// Stale folders whose names sort around each other (`x`, `x-y`, `x/z`) go with everything
/// in them, each counted once, without reading the folder a second time.
#[test]
fn a_stream_removes_stale_folders_it_read_at_the_start() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("dist");
    let pages = [
        ("x/index.html", "x"),
        ("x-y/index.html", "x-y"),
        ("x/z/index.html", "z"),
    ];
    stream_write(&out, &pages, &Outputs::new());
    stream_write(&out, &pages, &Outputs::new());
    let stats = stream_write(&out, &[("index.html", "home")], &Outputs::new());
    assert_eq!((stats.written, stats.removed), (1, 2));
    assert_eq!(names(&out), [".helpsite-output", "index.html"]);
}
