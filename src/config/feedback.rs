//! `feedback:` (where "Was this helpful?" answers go) and `analytics:` (page views, feedback
//! and searches that found nothing, sent to the site's analytics) in `helpsite.yaml`. Neither
//! is on by default: without them no widget shows and no script is loaded.

use crate::config::FILE_NAME;
use crate::diagnostic::Diagnostic;
use crate::location::Location;
use serde::{Deserialize, Serialize};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawFeedback {
    url: Option<String>,
    method: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawAnalytics {
    provider: String,
    /// Plausible: the site's domain as Plausible knows it.
    domain: Option<String>,
    /// Plausible, Matomo: where the tracker is served from.
    url: Option<String>,
    /// Matomo: the site id; GA4: the measurement id (`G-...`).
    id: Option<String>,
    /// `custom`: HTML put into every page's `<head>`.
    snippet: Option<String>,
}

/// Where the answers of "Was this helpful?" are sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Feedback {
    pub url: String,
    pub method: String,
}

/// An analytics service the pages report to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "provider", rename_all = "lowercase")]
pub enum Analytics {
    Plausible { domain: String, script: String },
    Matomo { url: String, id: String },
    Ga4 { id: String },
    Custom { snippet: String },
}

pub(super) fn feedback(
    raw: Option<RawFeedback>,
    src: &str,
) -> Result<Option<Feedback>, Diagnostic> {
    let Some(raw) = raw else {
        return Ok(None);
    };
    let Some(url) = raw.url.filter(|u| !u.trim().is_empty()) else {
        // `feedback:` with nothing in it, or only a method: nowhere to send answers.
        return Err(located(
            src,
            "feedback",
            "`feedback` needs a `url` to send answers to",
        )
        .help("for example `feedback: {url: https://api.example.com/helpsite/feedback}`"));
    };
    let url = url.trim().to_owned();
    if !(url.starts_with("https://") || url.starts_with("http://") || url.starts_with('/')) {
        return Err(located(
            src,
            &url,
            &format!(
                "`{url}` in `feedback.url` is not an http(s) URL or a path from the site root"
            ),
        ));
    }
    let method = raw
        .method
        .unwrap_or_else(|| "POST".to_owned())
        .to_uppercase();
    if !matches!(method.as_str(), "POST" | "PUT") {
        return Err(located(
            src,
            "method:",
            &format!("`feedback.method` must be `POST` or `PUT`, not `{method}`"),
        ));
    }
    Ok(Some(Feedback { url, method }))
}

pub(super) fn analytics(
    raw: Option<RawAnalytics>,
    src: &str,
) -> Result<Option<Analytics>, Diagnostic> {
    let Some(raw) = raw else {
        return Ok(None);
    };
    let need = |value: Option<String>, key: &str| -> Result<String, Diagnostic> {
        value
            .map(|v| v.trim().to_owned())
            .filter(|v| !v.is_empty())
            .ok_or_else(|| {
                located(
                    src,
                    "provider:",
                    &format!("analytics provider `{}` needs `{key}`", raw.provider),
                )
            })
    };
    let analytics = match raw.provider.trim().to_lowercase().as_str() {
        "plausible" => Analytics::Plausible {
            domain: need(raw.domain.clone(), "domain")?,
            script: raw
                .url
                .clone()
                .unwrap_or_else(|| "https://plausible.io/js/script.manual.js".to_owned()),
        },
        "matomo" => {
            let mut url = need(raw.url.clone(), "url")?;
            if !url.ends_with('/') {
                url.push('/');
            }
            Analytics::Matomo {
                url,
                id: need(raw.id.clone(), "id")?,
            }
        }
        "ga4" | "google-analytics" | "google" => Analytics::Ga4 {
            id: need(raw.id.clone(), "id")?,
        },
        "custom" => Analytics::Custom {
            snippet: need(raw.snippet.clone(), "snippet")?,
        },
        other => {
            let known = ["plausible", "matomo", "ga4", "custom"];
            let mut d = located(src, other, &format!("unknown analytics provider `{other}`"));
            d = match crate::suggest::closest(other, known) {
                Some(s) => d.help(format!("did you mean `{s}`?")),
                None => d.help("use `plausible`, `matomo`, `ga4` or `custom`"),
            };
            return Err(d);
        }
    };
    Ok(Some(analytics))
}

/// An error at the first line of `src` holding `needle`.
fn located(src: &str, needle: &str, message: &str) -> Diagnostic {
    let (line, col) = src
        .lines()
        .enumerate()
        .find_map(|(i, l)| l.find(needle).map(|c| (i + 1, c + 1)))
        .unwrap_or((1, 1));
    Diagnostic::error("config", message.to_owned())
        .at(Location::new(FILE_NAME, line, col), src)
        .span(needle.chars().count().max(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feedback_and_analytics_are_validated_with_locations() {
        let src = "feedback:\n  url: https://api.test/fb\n  method: get\n";
        let e = feedback(
            Some(RawFeedback {
                url: Some("https://api.test/fb".into()),
                method: Some("get".into()),
            }),
            src,
        )
        .unwrap_err();
        assert_eq!(e.location, Some(Location::new(FILE_NAME, 3, 3)));
        let ok = feedback(
            Some(RawFeedback {
                url: Some("https://api.test/fb".into()),
                method: None,
            }),
            "",
        )
        .unwrap();
        assert_eq!(ok.map(|f| f.method).as_deref(), Some("POST"));
        let src = "analytics:\n  provider: plausable\n";
        let e = analytics(
            Some(RawAnalytics {
                provider: "plausable".into(),
                domain: None,
                url: None,
                id: None,
                snippet: None,
            }),
            src,
        )
        .unwrap_err();
        assert_eq!(e.location, Some(Location::new(FILE_NAME, 2, 13)));
        assert_eq!(e.help.as_deref(), Some("did you mean `plausible`?"));
    }
}
