//! A failed build as the reader sees it: the overlay shown over the last good page, and the
//! error page served when no build has succeeded yet. Both come from one HTML fragment.

use crate::diagnostic::Diagnostic;
use crate::html::escape;
use serde::Serialize;

/// The errors of a failed build, with their overlay rendered once.
#[derive(Debug)]
pub struct Failure {
    pub errors: Vec<Diagnostic>,
    /// `<style>` plus the overlay box; the client shows it in a shadow root.
    pub html: String,
}

#[derive(Serialize)]
struct ErrorJson<'a> {
    rule: &'a str,
    message: &'a str,
    /// `path:line:col`, when known.
    location: Option<String>,
    source_line: Option<&'a str>,
    help: Option<&'a str>,
}

#[derive(Serialize)]
struct Payload<'a> {
    errors: Vec<ErrorJson<'a>>,
    html: &'a str,
}

impl Failure {
    pub fn new(errors: Vec<Diagnostic>) -> Failure {
        let html = overlay(&errors);
        Failure { errors, html }
    }

    /// The `build-error` event's data: the errors as data, and the overlay.
    pub fn json(&self) -> String {
        let errors = self
            .errors
            .iter()
            .map(|d| ErrorJson {
                rule: d.rule,
                message: &d.message,
                location: d.location.as_ref().map(ToString::to_string),
                source_line: d.source_line.as_deref(),
                help: d.help.as_deref(),
            })
            .collect();
        serde_json::to_string(&Payload {
            errors,
            html: &self.html,
        })
        .unwrap_or_default()
    }

    /// A whole page showing the overlay (served while no build has succeeded).
    pub fn page(&self) -> String {
        standalone(
            "Build failed",
            &format!("<div id=\"helpsite-failure\">{}</div>", self.html),
        )
    }
}

/// The page shown before the first build finishes.
pub fn building_page() -> String {
    let body = format!(
        "<style>{CSS}</style><div class=\"hs-box\" role=\"status\"><h2>Building the site…</h2>\
         <p class=\"hs-note\">This page reloads by itself when the build is ready.</p></div>"
    );
    standalone("Building…", &body)
}

fn standalone(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title} · helpsite</title>\n</head>\n<body class=\"hs-page\">\n{body}\n</body>\n</html>\n"
    )
}

fn overlay(errors: &[Diagnostic]) -> String {
    let n = errors.len();
    let mut html = format!(
        "<style>{CSS}</style><div class=\"hs-box\" role=\"alertdialog\" aria-labelledby=\"hs-title\">\
         <h2 id=\"hs-title\">Build failed: {n} error{}</h2>\
         <p class=\"hs-note\">The last good build stays on screen. Fix the file and save: this page \
         reloads by itself.</p>",
        if n == 1 { "" } else { "s" }
    );
    for d in errors {
        html.push_str("<section class=\"hs-error\">");
        if let Some(loc) = &d.location {
            html.push_str(&format!(
                "<p class=\"hs-loc\">{}</p>",
                escape(&loc.to_string())
            ));
        }
        html.push_str(&format!(
            "<p class=\"hs-msg\"><b>error[{}]</b>: {}</p>",
            escape(d.rule),
            escape(&d.message)
        ));
        if let (Some(loc), Some(line)) = (&d.location, &d.source_line) {
            let gutter = format!("{} | ", loc.line);
            let caret = format!(
                "{}{}",
                " ".repeat(gutter.len() + loc.col.saturating_sub(1)),
                "^".repeat(d.span_len.max(1))
            );
            html.push_str(&format!(
                "<pre class=\"hs-src\">{}{}\n{}</pre>",
                escape(&gutter),
                escape(line),
                caret
            ));
        }
        if let Some(help) = &d.help {
            html.push_str(&format!("<p class=\"hs-help\">help: {}</p>", escape(help)));
        }
        html.push_str("</section>");
    }
    html.push_str("</div>");
    html
}

const CSS: &str = "\
.hs-box{box-sizing:border-box;max-width:56rem;margin:2rem auto;padding:1.25rem 1.5rem;\
background:#fff;color:#1f2328;border-top:6px solid #cf222e;border-radius:8px;\
box-shadow:0 10px 40px rgba(0,0,0,.35);font:15px/1.5 system-ui,-apple-system,'Segoe UI',sans-serif}\
.hs-box h2{margin:0 0 .25rem;font-size:1.25rem;color:#cf222e}\
.hs-note{margin:0 0 1rem;color:#57606a}\
.hs-error{border-top:1px solid #d0d7de;padding-top:.75rem;margin-top:.75rem}\
.hs-loc{margin:0;font:600 14px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}\
.hs-msg{margin:.25rem 0}\
.hs-src{margin:.5rem 0;padding:.75rem;background:#f6f8fa;border-radius:6px;overflow:auto;\
font:13px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;white-space:pre}\
.hs-help{margin:.25rem 0;color:#0969da}\
body.hs-page{margin:0;background:#eaeef2}";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::location::Location;

    #[test]
    fn overlay_shows_location_source_line_and_help() {
        let d = Diagnostic::error("yaml", "did not find expected key <here>")
            .at(
                Location::new("content/faq/a.yaml", 2, 3),
                "title: x\n  bad: [\n",
            )
            .span(4)
            .help("close the list");
        let f = Failure::new(vec![d]);
        assert!(f.html.contains("content/faq/a.yaml:2:3"));
        assert!(f.html.contains("2 |   bad: ["), "{}", f.html);
        assert!(f.html.contains("\n      ^^^^</pre>"), "{}", f.html);
        assert!(f.html.contains("&lt;here&gt;"));
        let json: serde_json::Value = serde_json::from_str(&f.json()).unwrap();
        assert_eq!(json["errors"][0]["location"], "content/faq/a.yaml:2:3");
        assert_eq!(json["errors"][0]["source_line"], "  bad: [");
        assert!(f.page().contains("Build failed: 1 error"));
    }
}
