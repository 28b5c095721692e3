//! `updated: git`: each source's last change date, from one `git log` over the content
//! folder, or from the file's modification time where the history has none.
//!
//! Dates are calendar dates `YYYY-MM-DD`: a commit's in its committer's time zone (the
//! day the change landed where it was made), a modification time's in UTC, so the same
//! checkout builds the same dates on every machine.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::UNIX_EPOCH;

/// Separates commits in the log: a byte no path or date holds.
const COMMIT_MARK: char = '\u{1}';

/// A source to date: its path relative to the content folder and on disk.
#[derive(Debug, Clone)]
pub struct Dated {
    pub rel: String,
    pub abs: PathBuf,
}

/// The last change date of every file in `files` (content-relative path -> `YYYY-MM-DD`).
/// A file the history does not know (untracked), or one with changes not yet committed,
/// takes its modification time; without git or outside a repository, every file does.
pub fn last_changed(content_dir: &Path, files: &[Dated]) -> HashMap<String, String> {
    let history = git_log(content_dir).map(|log| parse_log(&log));
    let dirty = match &history {
        Some(_) => uncommitted(content_dir),
        None => HashSet::new(),
    };
    files
        .iter()
        .filter_map(|f| {
            let committed = history
                .as_ref()
                .filter(|_| !dirty.contains(&f.rel))
                .and_then(|h| h.get(&f.rel).cloned());
            let date = committed.or_else(|| modified(&f.abs))?;
            Some((f.rel.clone(), date))
        })
        .collect()
}

/// The history of the content folder: for each commit (newest first) a mark, its date,
/// then the status and path(s) of each file it changed, NUL-separated (so no path is
/// quoted, whatever `core.quotePath` says), relative to the content folder. `None` when
/// git is missing, this is not a repository, or it has no commits yet.
fn git_log(content_dir: &Path) -> Option<String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(content_dir)
        .args([
            "log",
            "-z",
            "--no-color",
            "--no-ext-diff",
            "--name-status",
            "-M",
            "--relative",
            "--format=%x01%cs",
            "--",
            ".",
        ])
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    String::from_utf8(out.stdout).ok()
}

/// Files with staged or unstaged changes against the last commit, content-relative.
fn uncommitted(content_dir: &Path) -> HashSet<String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(content_dir)
        .args([
            "diff",
            "-z",
            "--no-ext-diff",
            "--name-only",
            "--relative",
            "HEAD",
            "--",
            ".",
        ])
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output();
    match out {
        Ok(out) if out.status.success() => String::from_utf8_lossy(&out.stdout)
            .split('\0')
            .filter(|p| !p.is_empty())
            .map(str::to_owned)
            .collect(),
        _ => HashSet::new(),
    }
}

/// Each path's last change date from the log [`git_log`] prints. A file that was only moved
/// (a 100 % similar rename) keeps the date of its last real change under its old name; a
/// rename with edits is a change.
pub fn parse_log(log: &str) -> HashMap<String, String> {
    let mut dates: HashMap<String, String> = HashMap::new();
    // Older names of files, each mapped to the file's name today.
    let mut renamed: HashMap<String, String> = HashMap::new();
    // The date of the move, for a file whose earlier history lies outside the folder.
    let mut moved: HashMap<String, String> = HashMap::new();
    for commit in log.split(COMMIT_MARK).filter(|c| !c.is_empty()) {
        let mut fields = commit.split('\0');
        let Some(date) = fields.next().map(str::trim) else {
            continue;
        };
        if crate::load::date_problem(date).is_some() {
            continue;
        }
        while let Some(status) = fields.next() {
            let status = status.trim_start_matches('\n');
            if status.is_empty() {
                continue;
            }
            let now = |path: &str| {
                renamed
                    .get(path)
                    .cloned()
                    .unwrap_or_else(|| path.to_owned())
            };
            if status.starts_with(['R', 'C']) {
                let (Some(old), Some(new)) = (fields.next(), fields.next()) else {
                    break;
                };
                let current = now(new);
                if status == "R100" {
                    moved
                        .entry(current.clone())
                        .or_insert_with(|| date.to_owned());
                } else {
                    dates
                        .entry(current.clone())
                        .or_insert_with(|| date.to_owned());
                }
                if status.starts_with('R') {
                    renamed.insert(old.to_owned(), current);
                }
                continue;
            }
            let Some(path) = fields.next() else { break };
            if !status.starts_with('D') {
                dates.entry(now(path)).or_insert_with(|| date.to_owned());
            }
        }
    }
    for (path, date) in moved {
        dates.entry(path).or_insert(date);
    }
    dates
}

/// A file's modification time as a UTC calendar date.
fn modified(path: &Path) -> Option<String> {
    let time = std::fs::metadata(path).ok()?.modified().ok()?;
    let secs = time.duration_since(UNIX_EPOCH).ok()?.as_secs();
    Some(utc_date(secs))
}

/// `YYYY-MM-DD` of a Unix time (Howard Hinnant's `civil_from_days`).
pub fn utc_date(secs: u64) -> String {
    let days = i64::try_from(secs / 86_400).unwrap_or(0);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn newest_commit_wins_and_deletions_date_nothing() {
        let log = "\u{1}2024-04-02\0\nM\0a.md\0\u{1}2024-03-01\0\nM\0a.md\0M\0b c.md\0D\0gone.md\0";
        let d = parse_log(log);
        assert_eq!(d.get("a.md").map(String::as_str), Some("2024-04-02"));
        assert_eq!(d.get("b c.md").map(String::as_str), Some("2024-03-01"));
        assert_eq!(d.get("gone.md"), None);
    }

    #[test]
    fn a_pure_move_keeps_the_date_of_the_last_edit() {
        let log = "\u{1}2024-05-01\0\nR100\0old.md\0new.md\0\u{1}2024-02-01\0\nM\0old.md\0\
                   \u{1}2024-01-01\0\nA\0old.md\0";
        assert_eq!(
            parse_log(log).get("new.md").map(String::as_str),
            Some("2024-02-01")
        );
        let edited = "\u{1}2024-05-01\0\nR087\0old.md\0new.md\0\u{1}2024-02-01\0\nM\0old.md\0";
        assert_eq!(
            parse_log(edited).get("new.md").map(String::as_str),
            Some("2024-05-01")
        );
        let from_outside = "\u{1}2024-05-01\0\nR100\0x.md\0new.md\0";
        assert_eq!(
            parse_log(from_outside).get("new.md").map(String::as_str),
            Some("2024-05-01")
        );
    }

    #[test]
    fn unix_times_become_utc_dates() {
        assert_eq!(utc_date(0), "1970-01-01");
        assert_eq!(utc_date(951_782_400), "2000-02-29");
        assert_eq!(utc_date(1_767_225_599), "2025-12-31");
    }
}
