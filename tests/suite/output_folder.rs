//! The folders helpsite keeps beside the output: a read-only kept folder, an unwritable
//! parent, an output folder inside an input folder, a build that fails while writing, and
//! two builds writing one output at once.

use crate::util::{Run, Site, available, snapshot_tree};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Names in `dir` that are helpsite's staging folders.
fn staging_folders(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("helpsite-staging"))
        .collect()
}

fn command(uid: Option<u32>, cwd: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_helpsite"));
    cmd.args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .env_remove("RUST_BACKTRACE")
        .env_remove("RUST_LOG");
    #[cfg(unix)]
    if let Some(uid) = uid {
        use std::os::unix::process::CommandExt;
        cmd.uid(uid).gid(uid);
    }
    #[cfg(not(unix))]
    let _ = uid;
    cmd
}

fn finish(child: Child) -> Run {
    let out = child.wait_with_output().expect("wait for helpsite");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn start(uid: Option<u32>, cwd: &Path, args: &[&str]) -> Child {
    command(uid, cwd, args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start helpsite")
}

/// Who runs helpsite in a test about permissions. File modes do not stop root, so when the
/// tests run as root the site is handed to the unprivileged `nobody` (uid 65534) and helpsite
/// runs as that user: the permission checks are the kernel's own, not a simulation. When
/// even that is impossible (the binary out of `nobody`'s reach) the test is skipped loudly.
#[cfg(unix)]
struct Unprivileged {
    uid: Option<u32>,
    tmp: PathBuf,
}

#[cfg(unix)]
impl Unprivileged {
    const NOBODY: u32 = 65534;

    fn for_site(site: &Site) -> Option<Unprivileged> {
        use std::os::unix::fs::MetadataExt;
        let tmp = site.tmp.path().to_path_buf();
        let probe = tmp.join("whoami");
        fs::write(&probe, "").unwrap();
        let root = fs::metadata(&probe).unwrap().uid() == 0;
        fs::remove_file(&probe).unwrap();
        if !root {
            return Some(Unprivileged { uid: None, tmp });
        }
        chown_tree(&tmp, Self::NOBODY);
        let me = Unprivileged {
            uid: Some(Self::NOBODY),
            tmp,
        };
        let version = finish(start(me.uid, &me.tmp, &["--version"]));
        let missing = if version.code == 0 {
            vec![]
        } else {
            vec![format!(
                "a helpsite binary that uid 65534 may run ({version})"
            )]
        };
        available(
            "permission (run as uid 65534 because the tests run as root)",
            "HELPSITE_REQUIRE_PERMISSION_TESTS",
            &missing,
        )
        .then_some(me)
    }

    fn build(&self, site: &Site, extra: &[&str]) -> Run {
        let mut args = vec!["build", "--root", site.root.to_str().unwrap()];
        args.extend_from_slice(extra);
        finish(start(self.uid, &self.tmp, &args))
    }
}

#[cfg(unix)]
impl Drop for Unprivileged {
    /// Give write permission back, so that the temporary folder can be deleted.
    fn drop(&mut self) {
        set_writable(&self.tmp, true);
    }
}

#[cfg(unix)]
fn chown_tree(path: &Path, uid: u32) {
    std::os::unix::fs::lchown(path, Some(uid), Some(uid)).unwrap();
    if path.is_dir() && !path.is_symlink() {
        for entry in fs::read_dir(path).unwrap() {
            chown_tree(&entry.unwrap().path(), uid);
        }
    }
}

/// `chmod -R a-w PATH` (or `u+w`, when `writable`), without following symlinks.
#[cfg(unix)]
fn set_writable(path: &Path, writable: bool) {
    use std::os::unix::fs::PermissionsExt;
    let Ok(meta) = fs::symlink_metadata(path) else {
        return;
    };
    if meta.is_symlink() {
        return;
    }
    let mode = meta.permissions().mode();
    let mode = if writable {
        mode | 0o200
    } else {
        mode & !0o222
    };
    let set = || fs::set_permissions(path, fs::Permissions::from_mode(mode)).unwrap();
    if writable {
        set();
    }
    if meta.is_dir() {
        for entry in fs::read_dir(path).unwrap() {
            set_writable(&entry.unwrap().path(), writable);
        }
    }
    if !writable {
        set();
    }
}

/// Hardening issue, item 12: after `chmod -R a-w dist` one build worked and every later one
/// failed, because the read-only folder (kept as `.dist.helpsite-previous`) was reused as
/// the staging folder, and then left behind as one.
#[cfg(unix)]
#[test]
fn read_only_output_does_not_stop_later_builds() {
    let site = Site::fixture("features");
    let Some(user) = Unprivileged::for_site(&site) else {
        return;
    };
    user.build(&site, &[]).ok();
    set_writable(&site.dist(), false);
    let index = site.root.join("content/index.md");
    let text = fs::read_to_string(&index).unwrap();
    for round in 1..=3 {
        fs::write(&index, format!("{text}\nWritten for round {round}.\n")).unwrap();
        user.build(&site, &[]).ok();
        assert!(
            site.read("index.html")
                .contains(&format!("Written for round {round}.")),
            "round {round} did not publish its page"
        );
        assert!(site.read("reference/limits/index.html").contains("<html"));
        assert_eq!(staging_folders(&site.root), Vec::<String>::new());
    }
}

/// Hardening issue, item 12 (second half): when the folder that holds the output cannot be
/// written, the build says so and what to do, instead of a bare "permission denied" on a
/// staging folder the user never heard of.
#[cfg(unix)]
#[test]
fn unwritable_output_parent_says_what_to_do() {
    let site = Site::fixture("plain-markdown");
    let locked = site.tmp.path().join("locked");
    fs::create_dir(&locked).unwrap();
    let Some(user) = Unprivileged::for_site(&site) else {
        return;
    };
    set_writable(&locked, false);
    let out = locked.join("dist");
    let run = user.build(&site, &["--out", out.to_str().unwrap()]).fatal();
    run.stderr_has(&format!("`{}` cannot be written", locked.display()))
        .stderr_has("make it writable")
        .stderr_has("--out");
    assert_eq!(fs::read_dir(&locked).unwrap().count(), 0);
}

/// Hardening issue, item 13: `--out ROOT/static` was accepted, and each build then copied
/// the previous site into `_static/`. No output folder may lie inside an input folder.
#[test]
fn refuses_an_output_folder_inside_an_input_folder() {
    let site = Site::fixture("features");
    site.write("static/extra.css", "body{}\n");
    for (out, input) in [
        ("static", "static"),
        ("static/site", "static"),
        ("templates", "templates"),
        ("themes/mine/dist", "themes"),
        ("content/guides/dist", "content"),
        ("content/new/deeper", "content"),
    ] {
        let path = site.root.join(out);
        let existed = path.exists();
        let run = site.build(&["--out", path.to_str().unwrap()]).fatal();
        run.stderr_has("refusing")
            .stderr_has(&format!("`{}`", path.display()))
            .stderr_has(&format!("`{input}/`"));
        assert_eq!(path.exists(), existed, "{out} was created");
    }
    assert_eq!(
        fs::read_dir(site.root.join("static")).unwrap().count(),
        1,
        "static/ changed"
    );
    assert!(!site.root.join("templates").exists());
    assert!(!site.root.join("themes").exists());
}

/// Item 13 through a symlink: `static/` may live elsewhere, and the folder it leads to is
/// an input folder all the same.
#[cfg(unix)]
#[test]
fn refuses_an_output_folder_inside_a_linked_input_folder() {
    let site = Site::fixture("features");
    let assets = site.tmp.path().join("assets");
    fs::create_dir(&assets).unwrap();
    std::os::unix::fs::symlink(&assets, site.root.join("static")).unwrap();
    let out = assets.join("dist");
    site.build(&["--out", out.to_str().unwrap()])
        .fatal()
        .stderr_has("refusing")
        .stderr_has("`static/`");
    assert_eq!(fs::read_dir(&assets).unwrap().count(), 0);
}

/// A folder chain `levels` deep of 200-character names.
fn deep(base: &Path, levels: usize) -> PathBuf {
    let mut path = base.to_path_buf();
    for i in 0..levels {
        path.push(format!("{i}{}", "d".repeat(199)));
    }
    path
}

/// Hardening issue, item 14: a build that failed while writing left its staging folder
/// (a whole site's worth of files) behind, so a full disk stayed full. The failure here is
/// real: a page whose output path is longer than the system allows (`ENAMETOOLONG`), which
/// no permission or privilege changes; the output lives deep enough that only that page's
/// output path is too long, while its source path is fine.
#[cfg(unix)]
#[test]
fn failed_write_removes_the_staging_folder() {
    let site = Site::fixture("features");
    let parent = deep(site.tmp.path(), 16);
    fs::create_dir_all(&parent).unwrap();
    let out = parent.join("dist");
    let out_arg = out.to_str().unwrap();
    // Twice, so that the third build starts from the kept folder of the first.
    site.build(&["--out", out_arg]).ok();
    site.build(&["--out", out_arg]).ok();
    let before = snapshot_tree(&out);
    let page = deep(&site.root.join("content"), 5).join("page.md");
    fs::create_dir_all(page.parent().unwrap()).unwrap();
    fs::write(&page, "# Too deep to publish\n").unwrap();

    let run = site.build(&["--out", out_arg]);
    assert_eq!(run.code, 2, "{run}");
    assert!(run.stderr.contains("too long"), "{run}");
    assert_eq!(staging_folders(&parent), Vec::<String>::new(), "{run}");
    assert!(
        snapshot_tree(&out) == before,
        "a failed build changed the output"
    );

    // Without the page the next build works, from scratch.
    fs::remove_file(&page).unwrap();
    site.build(&["--out", out_arg]).ok();
    assert!(snapshot_tree(&out) == before);
}

/// Hardening issue, item 15: two builds of one root at the same time sometimes ended with a
/// raw I/O error (each removing files the other was writing). Now the second one waits for
/// the first to finish writing; both succeed and leave a whole site.
#[test]
fn concurrent_builds_of_one_root_both_succeed() {
    let site = Site::fixture("features");
    let root = site.root.to_str().unwrap();
    let mut waited = 0;
    for round in 0..16 {
        let a = start(None, site.tmp.path(), &["build", "--root", root]);
        let b = start(None, site.tmp.path(), &["build", "--root", root]);
        for run in [finish(a), finish(b)] {
            let run = run.ok();
            waited += usize::from(run.stderr.contains("another build is writing"));
        }
        assert!(
            site.read("reference/limits/index.html").contains("<html"),
            "round {round}"
        );
        assert_eq!(staging_folders(&site.root), Vec::<String>::new());
    }
    eprintln!("{waited} of 32 builds waited for the other one");
}

/// Item 15, deterministically: while another process holds the output's lock, a build does
/// not touch the output; it says why it waits and finishes once the lock is released.
#[test]
fn build_waits_while_another_process_writes_the_output() {
    let site = Site::fixture("plain-markdown");
    site.build(&[]).ok();
    let before = snapshot_tree(&site.dist());
    site.write("content/index.md", "# Changed\n\nNew text.\n");
    let lock = fs::File::create(site.root.join(".dist.helpsite-lock")).unwrap();
    lock.lock().unwrap();
    let root = site.root.to_str().unwrap();
    let mut child = start(None, site.tmp.path(), &["build", "--root", root]);
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(3) && child.try_wait().unwrap().is_none() {
        std::thread::sleep(Duration::from_millis(50));
    }
    let finished_early = child.try_wait().unwrap().is_some();
    let unchanged = snapshot_tree(&site.dist()) == before;
    drop(lock);
    let run = finish(child);
    assert!(
        !finished_early,
        "the build did not wait for the lock\n{run}"
    );
    assert!(
        unchanged,
        "the output changed while another process held it"
    );
    run.ok().stderr_has(&format!(
        "another build is writing `{}`",
        site.dist().display()
    ));
    assert!(site.read("index.html").contains("New text."));
}
