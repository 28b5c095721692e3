//! Print a [`Report`]: human (rustc-style), JSON, SARIF 2.1.0 or GitHub workflow annotations.

use crate::check::{Report, Summary};
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Level, RULES};
use serde_json::{Value, json};
use std::path::Path;

/// Output formats of `helpsite check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Human,
    Json,
    Sarif,
    Github,
}

/// The report as text. `root` prefixes paths in SARIF and GitHub output, which tools read
/// relative to the folder they run in; JSON paths stay relative to the site root.
pub fn render(report: &Report, format: Format, color: bool, root: &Path) -> String {
    match format {
        Format::Human => human(report, color, true),
        Format::Json => pretty(&json_report(report)),
        Format::Sarif => pretty(&sarif(report, root)),
        Format::Github => github(report, root),
    }
}

fn pretty(v: &Value) -> String {
    let mut s = serde_json::to_string_pretty(v).unwrap_or_default();
    s.push('\n');
    s
}

/// The findings alone, as `check -q` prints them (no summary line).
pub fn findings_only(report: &Report, color: bool) -> String {
    human(report, color, false)
}

fn human(report: &Report, color: bool, summary: bool) -> String {
    let mut out = String::new();
    for d in &report.findings {
        out.push_str(&d.render(color));
        out.push('\n');
    }
    if summary {
        out.push_str(&summary_line(&report.summary));
        out.push('\n');
    }
    out
}

/// `checked 12 files and 340 links: 2 errors, 1 warning`.
pub fn summary_line(s: &Summary) -> String {
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    format!(
        "checked {} and {}: {}, {}",
        plural(s.files, "file"),
        plural(s.links_checked, "link"),
        plural(s.errors, "error"),
        plural(s.warnings, "warning")
    ) + &if s.infos > 0 {
        format!(", {}", plural(s.infos, "note"))
    } else {
        String::new()
    }
}

fn json_report(report: &Report) -> Value {
    let findings: Vec<Value> = report
        .findings
        .iter()
        .map(|d| {
            let loc = d.location.as_ref();
            json!({
                "rule": d.rule,
                "severity": d.severity,
                "file": loc.map(|l| slashed(&l.path)),
                "line": loc.map(|l| l.line),
                "column": loc.map(|l| l.col),
                "message": d.message,
                "help": d.help,
            })
        })
        .collect();
    json!({ "findings": findings, "summary": report.summary })
}

fn slashed(p: &Path) -> String {
    p.to_string_lossy().replace('\\', "/")
}

fn shown(root: &Path, p: &Path) -> String {
    if root.as_os_str().is_empty() || root == Path::new(".") || p.starts_with("<") {
        slashed(p)
    } else {
        slashed(&root.join(p))
    }
}

fn sarif(report: &Report, root: &Path) -> Value {
    let rules: Vec<Value> = RULES
        .iter()
        .map(|r| {
            json!({
                "id": r.id,
                "shortDescription": { "text": r.summary },
                "defaultConfiguration": { "level": match r.level {
                    Level::Error => "error",
                    Level::Warning => "warning",
                    Level::Info => "note",
                    Level::Off => "none",
                } },
            })
        })
        .collect();
    let results: Vec<Value> = report
        .findings
        .iter()
        .map(|d| sarif_result(d, root))
        .collect();
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "helpsite",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            } },
            "results": results,
        }],
    })
}

fn sarif_result(d: &Diagnostic, root: &Path) -> Value {
    let text = match &d.help {
        Some(h) => format!("{} ({h})", d.message),
        None => d.message.clone(),
    };
    let mut result = json!({
        "ruleId": d.rule,
        "level": match d.severity {
            Severity::Info => "note",
            other => level_name(other),
        },
        "message": { "text": text },
    });
    if let Some(l) = &d.location {
        result["locations"] = json!([{ "physicalLocation": {
            "artifactLocation": { "uri": shown(root, &l.path) },
            "region": { "startLine": l.line, "startColumn": l.col },
        } }]);
    }
    result
}

fn level_name(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        // GitHub's name for it in workflow commands.
        Severity::Info => "notice",
    }
}

fn github(report: &Report, root: &Path) -> String {
    let mut out = String::new();
    for d in &report.findings {
        let mut props = Vec::new();
        if let Some(l) = &d.location {
            props.push(format!("file={}", escape_property(&shown(root, &l.path))));
            props.push(format!("line={}", l.line));
            props.push(format!("col={}", l.col));
        }
        props.push(format!("title={}", escape_property(d.rule)));
        let mut message = d.message.clone();
        if let Some(h) = &d.help {
            message.push_str("\nhelp: ");
            message.push_str(h);
        }
        out.push_str(&format!(
            "::{} {}::{}\n",
            level_name(d.severity),
            props.join(","),
            escape_data(&message)
        ));
    }
    out.push_str(&summary_line(&report.summary));
    out.push('\n');
    out
}

fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::location::Location;

    fn report() -> Report {
        let d = Diagnostic::error("broken-link", "broken link `a.md`")
            .at_location(Location::new("content/x.md", 3, 7))
            .help("did you mean `b.md`?");
        Report {
            findings: vec![d],
            summary: Summary {
                errors: 1,
                warnings: 0,
                infos: 0,
                files: 2,
                links_checked: 5,
            },
            timings: Vec::new(),
        }
    }

    #[test]
    fn json_has_the_documented_shape() {
        let v: Value =
            serde_json::from_str(&render(&report(), Format::Json, false, Path::new("."))).unwrap();
        assert_eq!(v["findings"][0]["file"], "content/x.md");
        assert_eq!(v["findings"][0]["line"], 3);
        assert_eq!(v["findings"][0]["column"], 7);
        assert_eq!(v["findings"][0]["severity"], "error");
        assert_eq!(v["summary"]["links_checked"], 5);
    }

    #[test]
    fn github_annotations_escape_and_prefix_root() {
        let text = render(&report(), Format::Github, false, Path::new("site"));
        assert!(text.starts_with(
            "::error file=site/content/x.md,line=3,col=7,title=broken-link::broken link `a.md`%0Ahelp: did you mean `b.md`?\n"
        ), "{text}");
    }

    #[test]
    fn sarif_is_2_1_0_with_rules_and_regions() {
        let v: Value =
            serde_json::from_str(&render(&report(), Format::Sarif, false, Path::new("."))).unwrap();
        assert_eq!(v["version"], "2.1.0");
        let r = &v["runs"][0]["results"][0];
        assert_eq!(r["ruleId"], "broken-link");
        assert_eq!(
            r["locations"][0]["physicalLocation"]["region"]["startColumn"],
            7
        );
        assert!(
            v["runs"][0]["tool"]["driver"]["rules"]
                .as_array()
                .unwrap()
                .len()
                > 10
        );
    }
}
