//! The `checks:` section of `helpsite.yaml`: rule levels, the build gate, description limits
//! and the external link checker's settings.

use crate::config::FILE_NAME;
use crate::diagnostic::Diagnostic;
use crate::location::Location;
use crate::rules::{self, Level};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::time::Duration;

/// `checks:` as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawChecks {
    fail_build: Option<bool>,
    #[serde(default)]
    rules: BTreeMap<String, Level>,
    description: Option<RawDescription>,
    external: Option<RawExternal>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDescription {
    min: Option<usize>,
    max: Option<usize>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawExternal {
    timeout: Option<RawDuration>,
    concurrency: Option<usize>,
    per_host: Option<usize>,
    delay: Option<RawDuration>,
    retries: Option<u32>,
    #[serde(default)]
    accept: Vec<u16>,
    #[serde(default)]
    exclude: Vec<String>,
    #[serde(default)]
    headers: BTreeMap<String, BTreeMap<String, String>>,
    cache_ttl: Option<RawDuration>,
}

/// A duration as seconds (`10`, `0.5`) or with a unit (`500ms`, `10s`, `5m`, `12h`, `7d`).
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum RawDuration {
    Seconds(f64),
    Text(String),
}

/// Validated check settings.
#[derive(Debug, Clone, PartialEq)]
pub struct ChecksConfig {
    /// `helpsite build` writes nothing when internal links or anchors are broken.
    pub fail_build: bool,
    /// Level per rule id, for rules whose level was changed.
    pub rules: BTreeMap<String, Level>,
    /// Shortest and longest description, in characters, before `description-length` fires.
    pub description_min: usize,
    pub description_max: usize,
    pub external: ExternalConfig,
}

/// Settings of `helpsite check --external`.
#[derive(Debug, Clone, PartialEq)]
pub struct ExternalConfig {
    /// Whole-request timeout, connection included.
    pub timeout: Duration,
    /// Requests in flight at once, over all hosts.
    pub concurrency: usize,
    /// Requests in flight at once to one host.
    pub per_host: usize,
    /// Pause between two requests to one host.
    pub delay: Duration,
    /// Extra attempts after a timeout, connection error, 5xx or 429.
    pub retries: u32,
    /// Status codes accepted besides 2xx.
    pub accept: Vec<u16>,
    /// URL patterns never requested (`*` matches anything; no `*` means prefix).
    pub exclude: Vec<String>,
    /// Extra request headers per host (`host` or `host:port`).
    pub headers: BTreeMap<String, BTreeMap<String, String>>,
    /// How long a URL that was fine stays fine in `.helpsite-cache.json`.
    pub cache_ttl: Duration,
}

impl Default for ChecksConfig {
    fn default() -> Self {
        ChecksConfig {
            fail_build: true,
            rules: BTreeMap::new(),
            description_min: 50,
            description_max: 160,
            external: ExternalConfig::default(),
        }
    }
}

impl Default for ExternalConfig {
    fn default() -> Self {
        ExternalConfig {
            timeout: Duration::from_secs(15),
            concurrency: 8,
            per_host: 2,
            delay: Duration::from_millis(100),
            retries: 2,
            accept: Vec::new(),
            exclude: Vec::new(),
            headers: BTreeMap::new(),
            cache_ttl: Duration::from_secs(24 * 3600),
        }
    }
}

impl ChecksConfig {
    /// The level of rule `id`: the configured one, else the rule's default; `None` for ids
    /// that are not check rules (fatal-error ids), whose severity stays as it is.
    pub fn level(&self, id: &str) -> Option<Level> {
        self.rules
            .get(id)
            .copied()
            .or_else(|| rules::find(id).map(|r| r.level))
    }
}

/// Validate `checks:`; `src` is the config text, to point at the offending line.
pub(super) fn validate(raw: RawChecks, src: &str) -> Result<ChecksConfig, Diagnostic> {
    let d = ChecksConfig::default();
    for id in raw.rules.keys() {
        if rules::find(id).is_none() {
            let ids = rules::RULES.iter().map(|r| r.id);
            let help = match crate::suggest::closest(id, ids) {
                Some(s) => format!("did you mean `{s}`?"),
                None => "run `helpsite check --list-rules` to see every rule id".to_owned(),
            };
            return Err(located(src, id, format!("unknown check rule `{id}`")).help(help));
        }
    }
    let desc = raw.description.unwrap_or_default();
    let ext = raw.external.unwrap_or_default();
    let de = d.external;
    let external = ExternalConfig {
        timeout: duration(ext.timeout, de.timeout, "timeout", src)?,
        concurrency: positive(ext.concurrency, de.concurrency, "concurrency", src)?,
        per_host: positive(ext.per_host, de.per_host, "per_host", src)?,
        delay: duration(ext.delay, de.delay, "delay", src)?,
        retries: ext.retries.unwrap_or(de.retries),
        accept: ext.accept,
        exclude: ext.exclude,
        headers: ext.headers,
        cache_ttl: duration(ext.cache_ttl, de.cache_ttl, "cache_ttl", src)?,
    };
    Ok(ChecksConfig {
        fail_build: raw.fail_build.unwrap_or(d.fail_build),
        rules: raw.rules,
        description_min: desc.min.unwrap_or(d.description_min),
        description_max: desc.max.unwrap_or(d.description_max),
        external,
    })
}

fn positive(v: Option<usize>, default: usize, key: &str, src: &str) -> Result<usize, Diagnostic> {
    match v {
        Some(0) => Err(located(src, key, format!("`{key}` must be at least 1"))),
        Some(n) => Ok(n),
        None => Ok(default),
    }
}

fn duration(
    v: Option<RawDuration>,
    default: Duration,
    key: &str,
    src: &str,
) -> Result<Duration, Diagnostic> {
    let bad = || {
        located(src, key, format!("`{key}` is not a duration"))
            .help("write seconds (`10`, `0.5`) or a number with a unit: `500ms`, `10s`, `5m`, `12h`, `7d`")
    };
    match v {
        None => Ok(default),
        Some(RawDuration::Seconds(s)) => Duration::try_from_secs_f64(s).map_err(|_| bad()),
        Some(RawDuration::Text(t)) => parse_duration(&t).ok_or_else(bad),
    }
}

/// `500ms`, `10s`, `5m`, `12h`, `7d`, or plain seconds.
pub fn parse_duration(text: &str) -> Option<Duration> {
    let t = text.trim();
    let split = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(t.len());
    let (num, unit) = t.split_at(split);
    let n: f64 = num.parse().ok()?;
    let secs = match unit.trim() {
        "ms" => n / 1000.0,
        "" | "s" => n,
        "m" => n * 60.0,
        "h" => n * 3600.0,
        "d" => n * 86400.0,
        _ => return None,
    };
    Duration::try_from_secs_f64(secs).ok()
}

/// An error at the first line of the config whose key is `key`.
fn located(src: &str, key: &str, message: String) -> Diagnostic {
    let found = src.lines().enumerate().find_map(|(i, l)| {
        let trimmed = l.trim_start();
        let bare = trimmed.trim_start_matches(['"', '\'']);
        bare.starts_with(key)
            .then(|| (i + 1, l.len() - trimmed.len() + 1))
    });
    let (line, col) = found.unwrap_or((1, 1));
    Diagnostic::error("config", message)
        .at(Location::new(FILE_NAME, line, col), src)
        .span(key.chars().count())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_parse_with_units() {
        assert_eq!(parse_duration("500ms"), Some(Duration::from_millis(500)));
        assert_eq!(parse_duration("2m"), Some(Duration::from_secs(120)));
        assert_eq!(parse_duration("1d"), Some(Duration::from_secs(86400)));
        assert_eq!(parse_duration("3"), Some(Duration::from_secs(3)));
        assert_eq!(parse_duration("soon"), None);
    }
}
