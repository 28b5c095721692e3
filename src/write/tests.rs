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
