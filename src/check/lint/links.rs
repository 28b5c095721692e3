//! Link rules: images without alt text, links whose text says nothing, and `http://` links
//! to hosts known to serve `https://`.

use crate::check::Context;
use crate::check::lint::text::source;
use crate::check::locate::{self, SpotKind};
use crate::diagnostic::Diagnostic;
use crate::markdown::Facts;
use crate::rules::{HTTP_LINK, IMAGE_ALT, LINK_TEXT};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashSet};

/// Link texts that do not say where the link goes (compared lowercase, without punctuation).
const MEANINGLESS: &[&str] = &[
    "click here",
    "here",
    "click",
    "this",
    "link",
    "this link",
    "read more",
    "more",
    "learn more",
    "this page",
    "go",
    "see here",
    "click this link",
    "page",
];

pub fn from_facts(ctx: &Context, facts: &Facts, out: &mut Vec<Diagnostic>) {
    for l in &facts.links {
        let src = source(ctx, &l.location);
        if l.is_image && l.text.is_empty() {
            out.push(
                Diagnostic::warning(IMAGE_ALT, format!("image `{}` has no alt text", l.dest))
                    .at(l.location.clone(), src)
                    .span(l.span)
                    .help("describe the image between the brackets: `![what it shows](...)`"),
            );
            continue;
        }
        if l.is_image {
            continue;
        }
        let bare: String = l
            .text
            .to_lowercase()
            .chars()
            .filter(|c| c.is_alphanumeric() || c.is_whitespace())
            .collect();
        let bare = bare.split_whitespace().collect::<Vec<_>>().join(" ");
        let message = if bare.is_empty() {
            "link has no text".to_owned()
        } else if MEANINGLESS.contains(&bare.as_str()) {
            format!("link text `{}` does not say where the link goes", l.text)
        } else {
            continue;
        };
        out.push(
            Diagnostic::warning(LINK_TEXT, message)
                .at(l.location.clone(), src)
                .span(l.span)
                .help("name the destination, e.g. `see [Reset your token](reset.md)`"),
        );
    }
}

/// Rules read from the final HTML: raw `<img>` without `alt`, and `http://` links.
pub fn from_html(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let https_hosts = https_hosts(ctx);
    let paths = ctx.scanned_paths();
    out.par_extend(paths.par_iter().flat_map_iter(|path| {
        let mut found = Vec::new();
        page_html(ctx, path, &https_hosts, &mut found);
        found
    }));
}

fn page_html(ctx: &Context, path: &str, https_hosts: &HashSet<&str>, out: &mut Vec<Diagnostic>) {
    {
        let Some(scan) = ctx.scans.get(path) else {
            return;
        };
        let mut seen: HashSet<&str> = HashSet::new();
        let mut http: BTreeMap<&str, usize> = BTreeMap::new();
        for link in &scan.links {
            if link.tag() == "img"
                && link.attr() == "src"
                && !link.has_alt
                && seen.insert(link.value.as_ref())
            {
                for spot in locate::spots(ctx, path, &link.value, 1, "img", "src") {
                    if !matches!(spot.kind, SpotKind::Markdown(_)) {
                        out.push(
                            Diagnostic::warning(IMAGE_ALT, format!("image `{}` has no alt text", link.value))
                                .at(spot.location, &spot.src)
                                .span(spot.span)
                                .help("add `alt=\"...\"` describing the image, or `alt=\"\"` if it is decoration"),
                        );
                    }
                }
            }
            if let Some(host) = http_host(&link.value)
                && https_hosts.contains(host)
            {
                *http.entry(link.value.as_ref()).or_default() += 1;
            }
        }
        for (value, count) in http {
            for spot in locate::spots(ctx, path, value, count, "a", "href") {
                let secure = format!("https://{}", &value["http://".len()..]);
                out.push(
                    Diagnostic::warning(HTTP_LINK, format!("insecure link `{value}`"))
                        .at(spot.location, &spot.src)
                        .span(spot.span)
                        .help(format!(
                            "the site links to this host over https elsewhere: use `{secure}`"
                        )),
                );
            }
        }
    }
}

/// The host of an `http://` URL.
fn http_host(url: &str) -> Option<&str> {
    let rest = url.strip_prefix("http://")?;
    let host = rest.split(['/', '?', '#']).next()?;
    (!host.is_empty()).then_some(host)
}

/// Hosts the site itself links to with `https://` (and its own `base_url` host).
fn https_hosts<'c>(ctx: &'c Context) -> HashSet<&'c str> {
    let mut hosts = HashSet::new();
    let base = &ctx.build.site.config.base_url;
    for url in std::iter::once(base.as_str()).chain(
        ctx.scans
            .values()
            .flat_map(|s| s.links.iter().map(|l| l.value.as_ref())),
    ) {
        if let Some(rest) = url.strip_prefix("https://")
            && let Some(host) = rest.split(['/', '?', '#']).next().filter(|h| !h.is_empty())
        {
            hosts.insert(host);
        }
    }
    hosts
}
