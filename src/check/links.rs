//! Internal links and anchors: every URL in every generated HTML file must lead to something
//! the build publishes, and its `#fragment` to an id on that page.

use crate::check::Context;
use crate::check::locate::{self, Spot, SpotKind};
use crate::check::published::{Dest, Quick};
use crate::diagnostic::Diagnostic;
use crate::html_scan::HtmlLink;
use crate::resolve::Target;
use crate::rules::{BROKEN_ANCHOR, BROKEN_LINK};
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::collections::{BTreeMap, HashSet};

/// What is wrong with a link.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Problem {
    /// Nothing at this site path.
    Missing(String),
    Escapes,
    /// The target page (output path) has no such id.
    Anchor {
        target: String,
        fragment: String,
    },
}

/// The outcome for one output page.
struct PageResult {
    findings: Vec<Diagnostic>,
    /// Broken links written by templates, reported once per template line.
    template: Vec<(Spot, Problem, Diagnostic)>,
    checked: usize,
    /// Numbers of the outputs this page links to (for orphan detection).
    linked: Vec<usize>,
}

/// What the internal link check found, and which outputs something links to.
pub struct Outcome {
    pub findings: Vec<Diagnostic>,
    pub checked: usize,
    pub linked: HashSet<String>,
}

/// Check every link of every scanned output.
pub fn internal(ctx: &Context) -> Outcome {
    // Pages whose folders share a parent (the pages of one section) are checked together,
    // one after another, so that an href climbing out of the page's folder (`../x/`: most
    // navigation links), which leads to the same place from each of them, is resolved once.
    let paths = ctx.scanned_paths();
    let mut families: Vec<&[&str]> = Vec::new();
    let mut start = 0;
    for i in 1..=paths.len() {
        if i == paths.len() || family(paths[i]) != family(paths[start]) {
            families.push(&paths[start..i]);
            start = i;
        }
    }
    let results: Vec<PageResult> = families
        .par_iter()
        .flat_map_iter(|family| {
            let mut climbs = FxHashMap::default();
            family
                .iter()
                .map(|path| page(ctx, path, &mut climbs))
                .collect::<Vec<_>>()
        })
        .collect();
    let mut findings = Vec::new();
    let mut checked = 0;
    let mut linked = vec![false; ctx.published.count()];
    let mut by_line: BTreeMap<(String, usize, usize, Problem), (Diagnostic, usize)> =
        BTreeMap::new();
    for r in results {
        checked += r.checked;
        findings.extend(r.findings);
        for n in r.linked {
            linked[n] = true;
        }
        for (spot, problem, d) in r.template {
            let l = &spot.location;
            let key = (l.path.display().to_string(), l.line, l.col, problem);
            by_line.entry(key).or_insert((d, 0)).1 += 1;
        }
    }
    for (_, (mut d, pages)) in by_line {
        if pages > 1 {
            d.message.push_str(&format!(" (on {pages} pages)"));
        }
        findings.push(d);
    }
    Outcome {
        findings,
        checked,
        linked: linked
            .iter()
            .enumerate()
            .filter(|(_, l)| **l)
            .map(|(n, _)| ctx.published.path(n).to_owned())
            .collect(),
    }
}

/// The parent of an output's folder: `guides/a` for `guides/a/b/index.html`; `None` for
/// outputs at the top, from which `../` leads nowhere.
fn family(path: &str) -> Option<&str> {
    let (dir, _) = path.rsplit_once('/')?;
    Some(dir.rsplit_once('/').map_or("", |(parent, _)| parent))
}

/// `climbs` holds the verdicts on hrefs starting with `../` for pages of one [`family`].
fn page<'a>(ctx: &'a Context, path: &str, climbs: &mut FxHashMap<&'a str, Quick>) -> PageResult {
    let mut result = PageResult {
        findings: Vec::new(),
        template: Vec::new(),
        checked: 0,
        linked: Vec::new(),
    };
    let Some(scan) = ctx.scans.get(path) else {
        return result;
    };
    result.checked = scan.links.len();
    // Only real pages count as linking: a redirect page or the 404 page does not make a
    // page findable.
    let is_page = ctx.page_of_output.contains_key(path);
    let own = ctx.published.number(path).copied();
    let mut scratch = String::new();
    let from_dir = path.rsplit_once('/').map_or("", |(d, _)| d);
    // Identical links on a page fail identically: look closer at each doubtful value once,
    // and count its uses.
    let mut groups: BTreeMap<&str, (&HtmlLink, usize, Option<Problem>)> = BTreeMap::new();
    let in_family = family(path).is_some();
    for link in &scan.links {
        let href: &str = &link.value;
        let verdict = if in_family && href.starts_with("../") {
            *climbs
                .entry(href)
                .or_insert_with(|| ctx.published.quick(path, from_dir, href, &mut scratch))
        } else {
            ctx.published.quick(path, from_dir, href, &mut scratch)
        };
        match verdict {
            Quick::Fine(n) => {
                if is_page && Some(n) != own {
                    result.linked.push(n);
                }
                continue;
            }
            Quick::Skip => continue,
            Quick::Ask => {}
        }
        groups
            .entry(&link.value)
            .or_insert_with(|| {
                let dest = ctx.published.resolve(path, &link.value);
                if let Dest::Found { path: target, .. } = &dest
                    && is_page
                    && let Some(&n) = ctx.published.number(target)
                    && Some(n) != own
                {
                    result.linked.push(n);
                }
                (link, 0, problem(ctx, dest))
            })
            .1 += 1;
    }
    result.linked.sort_unstable();
    result.linked.dedup();
    for (value, (link, count, problem)) in groups {
        let Some(problem) = problem else { continue };
        for spot in locate::spots(ctx, path, value, count, link.tag(), link.attr()) {
            let d = finding(ctx, &spot, &problem, path);
            if spot.kind == SpotKind::Template {
                result.template.push((spot, problem.clone(), d));
            } else {
                result.findings.push(d);
            }
        }
    }
    result
}

fn problem(ctx: &Context, dest: Dest) -> Option<Problem> {
    match dest {
        Dest::Skip | Dest::External(_) => None,
        Dest::Escapes => Some(Problem::Escapes),
        Dest::Missing(p) => Some(Problem::Missing(p)),
        Dest::Found {
            path,
            fragment: Some(f),
        } if !ctx.published.has_fragment(&path, &f) && !ctx.anchors_unknown(&path) => {
            Some(Problem::Anchor {
                target: path,
                fragment: f,
            })
        }
        Dest::Found { .. } => None,
    }
}

fn finding(ctx: &Context, spot: &Spot, problem: &Problem, page: &str) -> Diagnostic {
    let written = &spot.written;
    let d = match (problem, &spot.kind) {
        (Problem::Anchor { target, fragment }, _) => {
            let on = if target == page {
                "this page".to_owned()
            } else {
                format!("`/{}`", target.trim_end_matches("index.html"))
            };
            Diagnostic::error(
                BROKEN_ANCHOR,
                format!("broken anchor `#{fragment}`: {on} has no element with that id"),
            )
            .help(anchor_help(ctx, target, fragment))
        }
        (_, SpotKind::Markdown(from_rel)) => markdown_finding(ctx, from_rel, written),
        (Problem::Missing(p), kind) => {
            let by = if *kind == SpotKind::Template {
                " (written by a template)"
            } else {
                ""
            };
            let d = Diagnostic::error(
                BROKEN_LINK,
                format!("broken link `{written}`{by}: nothing is published at `/{p}`"),
            );
            let from_url = page.trim_end_matches("index.html");
            match (closest_url(ctx, p), kind) {
                (Some(u), SpotKind::RawHtml) => d.help(format!(
                    "raw HTML is not rewritten, so its paths are relative to the page's URL `/{from_url}`: did you mean `{}`?",
                    crate::resolve::relative(from_url, u)
                )),
                (Some(u), _) => d.help(format!(
                    "did you mean `{}`?",
                    crate::resolve::relative(from_url, u)
                )),
                (None, SpotKind::RawHtml) => d.help(format!(
                    "raw HTML is not rewritten, so its paths are relative to the page's URL `/{from_url}`"
                )),
                (None, _) => d,
            }
        }
        (Problem::Escapes, _) => Diagnostic::error(
            BROKEN_LINK,
            format!("broken link `{written}`: it leads outside the site"),
        )
        .help("remove the extra `../` segments"),
    };
    d.at(spot.location.clone(), &spot.src).span(spot.span)
}

/// A broken Markdown link, explained in source terms: the file it looked for.
fn markdown_finding(ctx: &Context, from_rel: &str, written: &str) -> Diagnostic {
    match ctx.resolver.resolve(from_rel, written).target {
        Target::Escapes => Diagnostic::error(
            BROKEN_LINK,
            format!("broken link `{written}`: it leads outside the site root"),
        )
        .help("remove the extra `../` segments"),
        Target::Missing(path) => {
            let d = Diagnostic::error(
                BROKEN_LINK,
                format!(
                    "broken link `{written}`: there is no page, FAQ group or file `content/{path}`"
                ),
            );
            let site = &ctx.build.site;
            let files = site
                .by_source
                .keys()
                .map(String::as_str)
                .chain(site.assets.iter().map(|a| a.rel.as_str()));
            // Compare what the author wrote with what they could have written.
            let dir = from_rel.rsplit_once('/').map_or("", |(d, _)| d);
            let dir_url = if dir.is_empty() {
                String::new()
            } else {
                format!("{dir}/")
            };
            let options: Vec<String> = files
                .map(|f| crate::resolve::relative(&dir_url, f))
                .collect();
            let target = written.split(['#', '?']).next().unwrap_or(written);
            let target = crate::resolve::percent_decode(target);
            match closest_by_name(&target, options.iter().map(String::as_str)) {
                Some(best) => d.help(format!("did you mean `{best}`?")),
                None => {
                    d.help("link to a `.md` page, a `.yaml` FAQ group or a file under `content/`")
                }
            }
        }
        // The renderer resolved it, yet the output has nothing there: a case-only or
        // encoding difference the browser will not forgive.
        _ => Diagnostic::error(
            BROKEN_LINK,
            format!("broken link `{written}`: the published site has nothing at that address"),
        ),
    }
}

fn anchor_help(ctx: &Context, target: &str, fragment: &str) -> String {
    let ids: Vec<&str> = ctx.published.ids_of(target).collect();
    match crate::suggest::closest(fragment, ids.iter().copied()) {
        Some(id) => format!("did you mean `#{id}`?"),
        None => "link to a heading id, an FAQ question id or an explicit `{#id}`".to_owned(),
    }
}

fn closest_url<'c>(ctx: &'c Context, missing: &str) -> Option<&'c str> {
    let site = &ctx.build.site;
    let urls = site.pages.iter().map(|p| p.url.as_str());
    let assets = site.assets.iter().map(|a| a.rel.as_str());
    closest_by_name(missing, urls.chain(assets))
}

/// The option whose last path segment is closest to `wanted`'s: a shared folder prefix
/// says nothing about which file was meant. Options with the same name in several folders
/// (`a/setup.md`, `b/setup.md`) are told apart by the whole path, then by a fixed order, so
/// the suggestion does not depend on the order the options come in (some come from a hash
/// map).
fn closest_by_name<'o>(wanted: &str, options: impl Iterator<Item = &'o str>) -> Option<&'o str> {
    fn name(p: &str) -> &str {
        let last = p.trim_end_matches('/').rsplit('/').next().unwrap_or(p);
        last.rsplit_once('.').map_or(last, |(stem, _)| stem)
    }
    crate::suggest::closest_by(name(wanted), wanted, options, name)
}
