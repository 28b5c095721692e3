//! The FAQ for other sites: embed pages (`embed/faq/<group>/`, one per question too), the
//! host script that sizes their frames, and the JSON feed (`api/faq/`).

mod feed;

pub use feed::{SCHEMA, feeds};

use crate::config::EmbedLinks;
use crate::diagnostic::Diagnostic;
use crate::load::LoadedFaq;
use crate::output::{Content, Outputs};
use crate::render::{RenderedFaq, RenderedSite, Renderer};
use crate::resolve::{relative, root_prefix};
use crate::slug::Slugger;
use rayon::prelude::*;
use serde::Serialize;

pub use crate::theme::{HOST_SCRIPT, HOST_SCRIPT_SOURCE};

/// The key naming a group in embed and feed URLs: its path under `content/` without the
/// extension, and without a leading `faq/` (`faq/security-token.yaml` -> `security-token`).
pub fn group_key(group: &LoadedFaq) -> String {
    let stem = group
        .source
        .rel
        .rsplit_once('.')
        .map_or(group.source.rel.as_str(), |(s, _)| s);
    stem.strip_prefix("faq/").unwrap_or(stem).to_owned()
}

pub fn embed_url(key: &str) -> String {
    format!("embed/faq/{key}/")
}

#[derive(Serialize)]
struct EmbedQuestion<'a> {
    id: &'a str,
    question: &'a str,
    answer_html: std::borrow::Cow<'a, str>,
    /// The question on the help site, relative to the embed page.
    href: String,
}

#[derive(Serialize)]
struct EmbedView<'a> {
    title: &'a str,
    description: &'a str,
    intro_html: &'a str,
    questions: Vec<EmbedQuestion<'a>>,
    /// Set on a one-question embed: that question starts open.
    single: bool,
    group_href: String,
    link_target: &'static str,
    canonical: String,
    json_ld: String,
}

/// Embed pages for every FAQ group, the host script, and the feeds.
pub fn outputs(
    renderer: &Renderer,
    rendered: &RenderedSite,
    out: &mut Outputs,
) -> Result<(), Vec<Diagnostic>> {
    let site = renderer.site;
    let mut errors = Vec::new();
    let mut keys = std::collections::BTreeMap::new();
    let mut groups = Vec::new();
    for (g, group) in site.faqs.iter().enumerate() {
        let key = group_key(group);
        if let Some(other) = keys.insert(key.clone(), g) {
            errors.push(
                Diagnostic::error(
                    "embed-key",
                    format!(
                        "FAQ groups `{}` and `{}` would share the embed URL `/{}`",
                        site.faqs[other].source.shown.display(),
                        group.source.shown.display(),
                        embed_url(&key)
                    ),
                )
                .help("rename one of the two files"),
            );
            continue;
        }
        groups.push(g);
    }
    let pages: Vec<Result<Outputs, Diagnostic>> = groups
        .par_iter()
        .map(|&g| {
            let mut pages = Outputs::new();
            group_outputs(renderer, g, &mut pages).map(|()| pages)
        })
        .collect();
    for result in pages {
        match result {
            Ok(pages) => {
                crate::output::add_generated(site, out, pages, "the FAQ embed pages", &mut errors)
            }
            Err(e) => errors.push(e),
        }
    }
    let mut api = Outputs::new();
    feeds(renderer, rendered, &mut api);
    crate::output::add_generated(site, out, api, "the FAQ JSON files", &mut errors);
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// The embed pages of FAQ group `g`: the whole group and each question.
pub fn group_outputs(renderer: &Renderer, g: usize, out: &mut Outputs) -> Result<(), Diagnostic> {
    let url = embed_url(&group_key(&renderer.site.faqs[g]));
    let faq = renderer.faq_at(g, &url, false, &mut Slugger::default());
    let html = page(renderer, &faq, &url, None)?;
    out.insert(
        format!("{url}index.html"),
        Content::Bytes(html.into_bytes()),
    );
    let questions = &renderer.site.faqs[g].questions;
    let Some(first) = questions.first() else {
        return Ok(());
    };
    // Every question page sits at the same depth, and answers only link out of the embed
    // folder, so one rendering of the answers serves all of them.
    let faq = renderer.faq_at(
        g,
        &format!("{url}{}/", first.id),
        false,
        &mut Slugger::default(),
    );
    let pages: Vec<(String, String)> = questions
        .par_iter()
        .enumerate()
        .map(|(i, q)| {
            let q_url = format!("{url}{}/", q.id);
            page(renderer, &faq, &q_url, Some(i)).map(|html| (format!("{q_url}index.html"), html))
        })
        .collect::<Result<_, _>>()?;
    for (path, html) in pages {
        out.insert(path, Content::Bytes(html.into_bytes()));
    }
    Ok(())
}

/// An answer shown alone on its question's embed page: a link to `#other-question` (or to
/// any id outside the answer) points at the group's embed page one folder up, where it is.
fn fragments_to_group(html: &str) -> std::borrow::Cow<'_, str> {
    const HREF: &str = "href=\"#";
    if !html.contains(HREF) {
        return std::borrow::Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len() + 16);
    let mut rest = html;
    while let Some(at) = rest.find(HREF) {
        let fragment_start = at + HREF.len();
        let fragment = rest[fragment_start..].split('"').next().unwrap_or_default();
        out.push_str(&rest[..at]);
        let local = fragment.is_empty() || html.contains(&format!("id=\"{fragment}\""));
        out.push_str(if local { HREF } else { "href=\"../#" });
        rest = &rest[fragment_start..];
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

/// One embed page at `url`: the whole group, or only question `only`.
fn page(
    renderer: &Renderer,
    faq: &RenderedFaq,
    url: &str,
    only: Option<usize>,
) -> Result<String, Diagnostic> {
    let site = renderer.site;
    let group = &site.faqs[faq.group];
    let group_url = site.faq_url(faq.group);
    let picked: Vec<usize> = match only {
        Some(i) => vec![i],
        None => (0..group.questions.len()).collect(),
    };
    let questions = picked
        .iter()
        .map(|&i| EmbedQuestion {
            id: &group.questions[i].id,
            question: &group.questions[i].question,
            answer_html: match only {
                Some(_) => fragments_to_group(&faq.answers[i].html),
                None => std::borrow::Cow::Borrowed(&faq.answers[i].html),
            },
            href: format!("{}#{}", relative(url, &group_url), group.questions[i].id),
        })
        .collect();
    // The picked questions only, borrowed: a page per question must not copy the group.
    let answers = picked.iter().map(|&i| (i, &faq.answers[i]));
    let view = EmbedView {
        title: &group.title,
        description: &group.description,
        intro_html: if only.is_some() { "" } else { &faq.intro.html },
        questions,
        single: only.is_some(),
        group_href: relative(url, &group_url),
        link_target: match site.config.embed_links {
            EmbedLinks::Top => "_top",
            EmbedLinks::NewTab => "_blank",
        },
        canonical: crate::views::absolute(site, &group_url),
        json_ld: crate::jsonld::faq_page_of(group, answers),
    };
    let lang = crate::model::language_of(url, &site.config.languages);
    let mut ctx = renderer.context(lang, &root_prefix(url));
    ctx.insert("embed", &view);
    renderer.templates.render("embed.html", &ctx)
}
