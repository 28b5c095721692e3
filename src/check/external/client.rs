//! One external URL, checked: HEAD with GET fallback (GET alone when the page's ids are
//! wanted), redirects followed by hand (to tell permanent from temporary and to catch
//! loops), retries with backoff, `429` honouring `Retry-After`.

use super::fragments::{self, Body, Page};
use crate::config::ExternalConfig;
use std::collections::HashSet;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// What became of a URL.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Outcome {
    #[default]
    Ok,
    /// Fine, but moved for good: the link should say `to`.
    Moved { to: String },
    /// The host kept answering 429.
    RateLimited,
    /// Broken, with the reason.
    Broken(String),
}

const MAX_REDIRECTS: usize = 10;
/// A `Retry-After` longer than this is not waited for: the URL is reported as rate limited.
const MAX_RETRY_AFTER: Duration = Duration::from_secs(60);
const BACKOFF: Duration = Duration::from_millis(250);

pub struct Client<'a> {
    agent: ureq::Agent,
    config: &'a ExternalConfig,
}

/// What became of a URL, and what the page it led to held.
#[derive(Debug, Default)]
pub struct Fetched {
    pub outcome: Outcome,
    /// Read only when asked for, from a 2xx answer.
    pub body: Body,
}

/// One attempt's end: a final outcome, or one worth retrying (after a pause, if asked).
enum Attempt {
    Done(Fetched),
    Retry(Outcome, Option<Duration>),
}

impl Attempt {
    fn done(outcome: Outcome) -> Attempt {
        Attempt::Done(Fetched {
            outcome,
            body: Body::Unread,
        })
    }
}

struct Answer {
    status: u16,
    location: Option<String>,
    retry_after: Option<Duration>,
    body: Body,
}

impl<'a> Client<'a> {
    pub fn new(config: &'a ExternalConfig) -> Self {
        let agent = ureq::Agent::config_builder()
            .timeout_global(Some(config.timeout))
            .http_status_as_error(false)
            .max_redirects(0)
            .user_agent(concat!("helpsite-link-check/", env!("CARGO_PKG_VERSION")))
            .build()
            .into();
        Client { agent, config }
    }

    /// Check `url`, retrying what may pass on a second try. With `read_page`, the page is
    /// fetched with GET and, when it is HTML, its ids are read (for fragments).
    pub fn check(&self, url: &str, read_page: bool) -> Fetched {
        let mut attempt = 0;
        loop {
            match self.follow(url, read_page) {
                Attempt::Done(fetched) => return fetched,
                Attempt::Retry(outcome, after) => {
                    let pause = after.unwrap_or(BACKOFF * 2u32.saturating_pow(attempt));
                    if attempt >= self.config.retries || pause > MAX_RETRY_AFTER {
                        return Fetched {
                            outcome,
                            body: Body::Unread,
                        };
                    }
                    std::thread::sleep(pause);
                    attempt += 1;
                }
            }
        }
    }

    fn follow(&self, url: &str, read_page: bool) -> Attempt {
        let mut current = url.to_owned();
        let mut seen = HashSet::new();
        // Where the link should point: past the redirects that are all permanent from the start.
        let mut moved_to: Option<String> = None;
        let mut all_permanent = true;
        for _ in 0..=MAX_REDIRECTS {
            if !seen.insert(current.clone()) {
                return Attempt::done(Outcome::Broken(format!(
                    "redirect loop back to `{current}`"
                )));
            }
            let answer = match self.request(&current, read_page) {
                Ok(a) => a,
                Err(e) => {
                    return Attempt::Retry(
                        Outcome::Broken(describe(&e, self.config.timeout)),
                        None,
                    );
                }
            };
            let s = answer.status;
            if (300..400).contains(&s) && s != 304 {
                let Some(next) = answer.location.as_deref().and_then(|l| join(&current, l)) else {
                    return Attempt::done(Outcome::Broken(format!(
                        "{s} redirect without a usable Location"
                    )));
                };
                all_permanent &= s == 301 || s == 308;
                if all_permanent {
                    moved_to = Some(next.clone());
                }
                current = next;
                continue;
            }
            if s == 429 {
                return Attempt::Retry(Outcome::RateLimited, answer.retry_after);
            }
            if (200..300).contains(&s) || self.config.accept.contains(&s) {
                return Attempt::Done(Fetched {
                    outcome: match moved_to {
                        Some(to) => Outcome::Moved { to },
                        None => Outcome::Ok,
                    },
                    body: answer.body,
                });
            }
            let broken = Outcome::Broken(status_text(s));
            return if s >= 500 {
                Attempt::Retry(broken, None)
            } else {
                Attempt::done(broken)
            };
        }
        Attempt::done(Outcome::Broken(format!(
            "more than {MAX_REDIRECTS} redirects"
        )))
    }

    /// HEAD, then GET when HEAD is refused or fails (many servers mishandle HEAD); only GET
    /// with `read_page`, as the page is needed anyway.
    fn request(&self, url: &str, read_page: bool) -> Result<Answer, ureq::Error> {
        if read_page {
            return self.send(url, false, true);
        }
        let head = self.send(url, true, false)?;
        if head.status >= 400 && head.status != 429 {
            return self.send(url, false, false);
        }
        Ok(head)
    }

    fn send(&self, url: &str, head: bool, read_page: bool) -> Result<Answer, ureq::Error> {
        let mut req = if head {
            self.agent.head(url)
        } else {
            self.agent.get(url)
        };
        for (name, value) in self.headers_for(url) {
            req = req.header(name.as_str(), value.as_str());
        }
        let mut resp = req.call()?;
        let header = |name: &str| {
            resp.headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        };
        let mut answer = Answer {
            status: resp.status().as_u16(),
            location: header("location"),
            retry_after: header("retry-after").and_then(|v| retry_after(&v, SystemTime::now())),
            body: Body::Unread,
        };
        if read_page && resp.status().is_success() {
            let body = resp.body_mut();
            answer.body = if !fragments::is_html(body.mime_type()) {
                Body::NotHtml
            } else {
                // A body cut off mid-way says nothing about its fragments.
                Page::read(body.as_reader()).map_or(Body::Unread, Body::Html)
            };
        }
        Ok(answer)
    }

    fn headers_for(&self, url: &str) -> Vec<(&String, &String)> {
        let host_port = host_of(url);
        let host = host_port.split(':').next().unwrap_or(host_port);
        [host_port, host]
            .iter()
            .filter_map(|h| self.config.headers.get(*h))
            .next()
            .map(|m| m.iter().collect())
            .unwrap_or_default()
    }
}

/// `Retry-After` as seconds (`120`) or an HTTP date (`Sun, 06 Nov 1994 08:49:37 GMT`).
fn retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let at = UNIX_EPOCH + Duration::from_secs(http_date(value)?);
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
}

/// Seconds since 1970 of an IMF-fixdate, the only date form servers may send today.
fn http_date(value: &str) -> Option<u64> {
    let parts: Vec<&str> = value.split_whitespace().collect();
    let [_, day, month, year, time, "GMT"] = parts.as_slice() else {
        return None;
    };
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let month = MONTHS.iter().position(|m| m == month)? as i64 + 1;
    let (day, year): (i64, i64) = (day.parse().ok()?, year.parse().ok()?);
    let hms: Vec<u64> = time.split(':').filter_map(|p| p.parse().ok()).collect();
    let [h, m, s] = hms.as_slice() else {
        return None;
    };
    // Days from civil date (Howard Hinnant's algorithm).
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = u64::try_from(era * 146_097 + doe - 719_468).ok()?;
    Some(days * 86_400 + h * 3600 + m * 60 + s)
}

/// `host[:port]` of an absolute URL.
pub fn host_of(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    authority.rsplit('@').next().unwrap_or(authority)
}

/// Resolve a `Location` header against the URL that sent it.
fn join(base: &str, location: &str) -> Option<String> {
    let location = location.trim();
    if location.contains("://") {
        return Some(location.to_owned());
    }
    let (scheme, rest) = base.split_once("://")?;
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    if let Some(net) = location.strip_prefix("//") {
        return Some(format!("{scheme}://{net}"));
    }
    if location.starts_with('/') {
        return Some(format!("{scheme}://{authority}{location}"));
    }
    let path = &rest[authority.len()..];
    let path = path.split(['?', '#']).next().unwrap_or("");
    let dir = path.rsplit_once('/').map_or("", |(d, _)| d);
    let joined = crate::resolve::normalise(dir, location)?;
    Some(format!("{scheme}://{authority}/{joined}"))
}

fn describe(e: &ureq::Error, timeout: Duration) -> String {
    match e {
        ureq::Error::Timeout(_) => format!("no answer within {}", human(timeout)),
        ureq::Error::HostNotFound => "host not found".to_owned(),
        ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::ConnectionRefused => {
            "connection refused".to_owned()
        }
        other => other.to_string(),
    }
}

fn human(d: Duration) -> String {
    if d.subsec_millis() == 0 {
        format!("{} s", d.as_secs())
    } else {
        format!("{} ms", d.as_millis())
    }
}

fn status_text(s: u16) -> String {
    let reason = match s {
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        410 => "Gone",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "",
    };
    format!("HTTP {s} {reason}").trim_end().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations_resolve_against_the_request() {
        let base = "http://127.0.0.1:9/a/b?x=1";
        assert_eq!(join(base, "/c").as_deref(), Some("http://127.0.0.1:9/c"));
        assert_eq!(join(base, "c").as_deref(), Some("http://127.0.0.1:9/a/c"));
        assert_eq!(
            join(base, "https://x.test/").as_deref(),
            Some("https://x.test/")
        );
        assert_eq!(host_of("https://u@x.test:8443/p"), "x.test:8443");
    }

    #[test]
    fn retry_after_reads_seconds_and_http_dates() {
        assert_eq!(
            http_date("Sun, 06 Nov 1994 08:49:37 GMT"),
            Some(784_111_777)
        );
        let now = UNIX_EPOCH + Duration::from_secs(784_111_770);
        let wait = retry_after("Sun, 06 Nov 1994 08:49:37 GMT", now);
        assert_eq!(wait, Some(Duration::from_secs(7)));
        assert_eq!(retry_after(" 3 ", now), Some(Duration::from_secs(3)));
        assert_eq!(retry_after("soon", now), None);
    }
}
