//! `helpsite check --external`: request every external URL once, politely (per-host limit
//! and delay), look the `#fragment`s linked up in its page, remember the fine ones in
//! `.helpsite-cache.json`, and point each failure at every place that links to it.

mod cache;
mod client;
mod fragments;
mod pool;

pub use cache::FILE_NAME as CACHE_FILE;
pub use client::{Client, Outcome};

use crate::check::locate;
use crate::check::published::Dest;
use crate::check::{Context, Options};
use crate::diagnostic::Diagnostic;
use crate::rules::{EXTERNAL_BROKEN, EXTERNAL_FRAGMENT, EXTERNAL_RATE_LIMITED, EXTERNAL_REDIRECT};
use fragments::Verdict;
use std::collections::{BTreeMap, BTreeSet};

/// How to show progress while requests run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Progress {
    #[default]
    Hidden,
    /// A progress bar on the terminal.
    Bar,
    /// A plain line every tenth of the way (logs, CI).
    Lines,
}

/// One place a URL is used: output path, attribute value, how often, element and attribute,
/// and the fragment it asks for (see [`fragments::target`]).
struct Use<'a> {
    path: &'a str,
    value: &'a str,
    count: usize,
    tag: &'a str,
    attr: &'a str,
    fragment: Option<String>,
}

/// Check every external URL. Returns findings and the number of distinct URLs.
pub fn run(ctx: &Context, opts: &Options) -> (Vec<Diagnostic>, usize) {
    let config = &ctx.config.external;
    let uses = collect(ctx);
    // The fragments asked of each URL: all looked up in one GET of its page.
    let wanted: BTreeMap<&str, BTreeSet<String>> = uses
        .iter()
        .map(|(url, places)| {
            let frags = places.iter().filter_map(|u| u.fragment.clone()).collect();
            (url.as_str(), frags)
        })
        .collect();
    let none = BTreeSet::new();
    let wanted_of = |url: &str| wanted.get(url).unwrap_or(&none);
    let mut cache = cache::Cache::load(&opts.root);
    let todo: Vec<(String, String)> = uses
        .keys()
        .filter(|url| !cache.fresh(url, config.cache_ttl, wanted_of(url)))
        .map(|url| (client::host_of(url).to_owned(), url.clone()))
        .collect();
    let client = Client::new(config);
    let bar = progress_bar(opts.progress, todo.len());
    let limits = pool::Limits {
        concurrency: config.concurrency,
        per_host: config.per_host,
        delay: config.delay,
    };
    let total = todo.len();
    let outcomes = pool::run(
        &todo,
        limits,
        |url| {
            let frags = wanted_of(url);
            let fetched = client.check(url, !frags.is_empty());
            (fetched.outcome, fragments::verdict(&fetched.body, frags))
        },
        |done| match (&bar, opts.progress) {
            (Some(b), _) => b.set_position(done as u64),
            (None, Progress::Lines) if done == total || done % (total / 10).max(1) == 0 => {
                eprintln!("external links: {done}/{total} checked");
            }
            _ => {}
        },
    );
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    let mut findings = Vec::new();
    for ((_, url), (outcome, verdict)) in todo.iter().zip(outcomes) {
        let places = uses.get(url).map_or(&[][..], Vec::as_slice);
        fragment_findings(ctx, url, places, &verdict, &mut findings);
        if outcome == Outcome::Ok {
            cache.record_ok(url, &verdict);
            continue;
        }
        cache.forget(url);
        for u in places {
            for spot in locate::spots(ctx, u.path, u.value, u.count, u.tag, u.attr) {
                if let Some(d) = finding(url, &outcome) {
                    findings.push(d.at(spot.location, &spot.src).span(spot.span));
                }
            }
        }
    }
    if let Err(e) = cache.save(config.cache_ttl) {
        findings
            .push(e.help("external links were checked, but the next run cannot reuse the results"));
    }
    (findings, uses.len())
}

/// External URLs (without fragment) and where each is used, excluded patterns left out.
fn collect<'c>(ctx: &'c Context) -> BTreeMap<String, Vec<Use<'c>>> {
    let excluded = &ctx.config.external.exclude;
    let mut uses: BTreeMap<String, Vec<Use>> = BTreeMap::new();
    for path in ctx.scanned_paths() {
        let Some(scan) = ctx.scans.get(path) else {
            continue;
        };
        let mut per_value: BTreeMap<&str, Use> = BTreeMap::new();
        for link in &scan.links {
            if let Some(u) = per_value.get_mut(link.value.as_ref()) {
                u.count += 1;
                continue;
            }
            per_value.insert(
                &link.value,
                Use {
                    path,
                    value: &link.value,
                    count: 1,
                    tag: link.tag(),
                    attr: link.attr(),
                    fragment: None,
                },
            );
        }
        for (value, u) in per_value {
            let Dest::External(href) = ctx.published.resolve(path, value) else {
                continue;
            };
            let (url, fragment) = href.split_once('#').unwrap_or((&href, ""));
            if excluded.iter().any(|p| matches_pattern(p, url)) {
                continue;
            }
            // "Edit this page" links (one per page) lead to the source host's editor, which
            // wants a login: not something to request from every page.
            let edit_url = &ctx.build.site.config.edit_url;
            if !edit_url.is_empty() && url.starts_with(edit_url.as_str()) {
                continue;
            }
            let fragment = fragments::target(fragment).map(str::to_owned);
            uses.entry(url.to_owned())
                .or_default()
                .push(Use { fragment, ..u });
        }
    }
    uses
}

/// A warning at every place that asks `url`'s page for a fragment it lacks.
fn fragment_findings(
    ctx: &Context,
    url: &str,
    places: &[Use],
    verdict: &Verdict,
    out: &mut Vec<Diagnostic>,
) {
    let Verdict::Checked { missing, .. } = verdict else {
        return;
    };
    for u in places {
        let Some((fragment, near)) = u.fragment.as_ref().and_then(|f| missing.get_key_value(f))
        else {
            continue;
        };
        let help = match near {
            Some(id) => format!("did you mean `#{id}`?"),
            None => "link to an id the page has, or leave the fragment out".to_owned(),
        };
        for spot in locate::spots(ctx, u.path, u.value, u.count, u.tag, u.attr) {
            let d = Diagnostic::warning(
                EXTERNAL_FRAGMENT,
                format!("`{url}` has no element with id `{fragment}`"),
            );
            out.push(
                d.help(help.clone())
                    .at(spot.location, &spot.src)
                    .span(spot.span),
            );
        }
    }
}

fn finding(url: &str, outcome: &Outcome) -> Option<Diagnostic> {
    Some(match outcome {
        Outcome::Moved { to } => Diagnostic::warning(
            EXTERNAL_REDIRECT,
            format!("`{url}` has moved permanently"),
        )
        .help(format!("link to `{to}` instead")),
        Outcome::RateLimited => Diagnostic::warning(
            EXTERNAL_RATE_LIMITED,
            format!("`{url}` could not be checked: the server kept answering 429 Too Many Requests"),
        )
        .help("check it by hand, or raise `checks.external.delay` in helpsite.yaml"),
        Outcome::Broken(reason) => Diagnostic::error(
            EXTERNAL_BROKEN,
            format!("broken external link `{url}`: {reason}"),
        )
        .help("fix or remove the link, or add it to `checks.external.exclude` if it only fails for robots"),
        Outcome::Ok => return None,
    })
}

/// `*` matches any run of characters; a pattern without `*` matches as a prefix.
pub fn matches_pattern(pattern: &str, url: &str) -> bool {
    if !pattern.contains('*') {
        return url.starts_with(pattern);
    }
    let parts: Vec<&str> = pattern.split('*').collect();
    let (first, last) = (parts[0], parts[parts.len() - 1]);
    if !url.starts_with(first) || url.len() < first.len() + last.len() || !url.ends_with(last) {
        return false;
    }
    let mut rest = &url[first.len()..url.len() - last.len()];
    for mid in &parts[1..parts.len() - 1] {
        match rest.find(mid) {
            Some(i) => rest = &rest[i + mid.len()..],
            None => return false,
        }
    }
    true
}

fn progress_bar(progress: Progress, len: usize) -> Option<indicatif::ProgressBar> {
    if progress != Progress::Bar || len == 0 {
        return None;
    }
    let bar = indicatif::ProgressBar::new(len as u64);
    let style = indicatif::ProgressStyle::with_template(
        "{spinner} external links {pos}/{len} [{bar:30}] {elapsed}",
    )
    .map(|s| s.progress_chars("=> "))
    .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar());
    bar.set_style(style);
    bar.enable_steady_tick(std::time::Duration::from_millis(120));
    Some(bar)
}

#[cfg(test)]
mod tests {
    use super::matches_pattern;

    #[test]
    fn patterns_match_by_wildcard_or_prefix() {
        assert!(matches_pattern("https://x.test/", "https://x.test/a"));
        assert!(matches_pattern(
            "https://*.example.com/*",
            "https://www.example.com/p"
        ));
        assert!(!matches_pattern(
            "https://*.example.com/*",
            "https://example.org/p"
        ));
        assert!(matches_pattern(
            "*linkedin*",
            "https://www.linkedin.com/in/x"
        ));
        assert!(!matches_pattern("*a*b", "xab_"));
    }
}
