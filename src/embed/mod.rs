//! The FAQ for other sites: embed pages (`embed/faq/<group>/`, one per group: a question is
//! `#id` on its group's page), the host script that sizes their frames, and the JSON feed
//! (`api/faq/`).

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
    answer_html: &'a str,
    /// The question on the help site, relative to the embed page.
    href: String,
}

#[derive(Serialize)]
struct EmbedView<'a> {
    title: &'a str,
    description: &'a str,
    intro_html: &'a str,
    questions: Vec<EmbedQuestion<'a>>,
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

/// The embed page of FAQ group `g`. Questions have no pages of their own: `#id` on the
/// group's page opens one, and a page per question cost a file each (4,952 of 19,236 at
/// 10,000 pages) for what the group page already shows.
pub fn group_outputs(renderer: &Renderer, g: usize, out: &mut Outputs) -> Result<(), Diagnostic> {
    let url = embed_url(&group_key(&renderer.site.faqs[g]));
    let faq = renderer.faq_at(g, &url, false, &mut Slugger::default());
    let html = page(renderer, &faq, &url)?;
    out.insert(
        format!("{url}index.html"),
        Content::Bytes(html.into_bytes()),
    );
    Ok(())
}

/// The embed page of a group at `url`.
fn page(renderer: &Renderer, faq: &RenderedFaq, url: &str) -> Result<String, Diagnostic> {
    let site = renderer.site;
    let group = &site.faqs[faq.group];
    let group_url = site.faq_url(faq.group);
    let questions = group
        .questions
        .iter()
        .zip(&faq.answers)
        .map(|(q, answer)| EmbedQuestion {
            id: &q.id,
            question: &q.question,
            answer_html: &answer.html,
            href: format!("{}#{}", relative(url, &group_url), q.id),
        })
        .collect();
    let answers = faq.answers.iter().enumerate();
    let view = EmbedView {
        title: &group.title,
        description: &group.description,
        intro_html: &faq.intro.html,
        questions,
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
