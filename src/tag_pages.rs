//! The tags pages: `/tags/` lists every tag with its count, `/tags/<slug>/` the pages and FAQ
//! questions that carry it, each in the site's layout (`tags.html`, `tag.html`).

use crate::diagnostic::Diagnostic;
use crate::model::Site;
use crate::output::{Content, Outputs};
use crate::render::Renderer;
use crate::resolve::relative;
use crate::tags::{TAGS_URL, Tag};
use crate::views::{TagLink, tag_link};
use rayon::prelude::*;
use serde::Serialize;

/// One page or FAQ question listed on a tag page.
#[derive(Debug, Serialize)]
struct Entry<'a> {
    title: &'a str,
    href: String,
    description: &'a str,
    /// `page` or `question`.
    kind: &'static str,
    /// For a question, the title of its FAQ group.
    group: Option<&'a str>,
}

/// `tags/index.html` and one `tags/<slug>/index.html` per tag; nothing when no page or
/// question has a tag.
pub fn outputs(renderer: &Renderer) -> Result<Outputs, Vec<Diagnostic>> {
    let site = renderer.site;
    let mut out = Outputs::new();
    if site.tags.is_empty() {
        return Ok(out);
    }
    let mut errors = Vec::new();
    let all: Vec<TagLink> = site.tags.iter().map(|t| tag_link(t, TAGS_URL)).collect();
    let mut ctx = tera::Context::new();
    ctx.insert("tags", &all);
    match renderer.generated(
        "tags",
        renderer.templates.strings.get(0, "tags"),
        TAGS_URL,
        "tags.html",
        ctx,
    ) {
        Ok(html) => {
            out.insert(
                format!("{TAGS_URL}index.html"),
                Content::Bytes(html.into_bytes()),
            );
        }
        Err(e) => errors.push(e),
    }
    // One render per tag, each with its navigation: in parallel, like the pages.
    let pages: Vec<(String, Result<String, Diagnostic>)> = site
        .tags
        .par_iter()
        .map(|tag| {
            let url = tag.url();
            let mut ctx = tera::Context::new();
            ctx.insert("tag", &tag_link(tag, &url));
            ctx.insert("entries", &entries(site, tag, &url));
            let html = renderer.generated("tag", &tag.name, &url, "tag.html", ctx);
            (format!("{url}index.html"), html)
        })
        .collect();
    for (path, html) in pages {
        match html {
            Ok(html) => {
                out.insert(path, Content::Bytes(html.into_bytes()));
            }
            Err(e) => errors.push(e),
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        errors.dedup();
        Err(errors)
    }
}

/// What tag page `url` lists: the tag's pages by title, then its questions.
fn entries<'a>(site: &'a Site, tag: &Tag, url: &str) -> Vec<Entry<'a>> {
    let mut pages: Vec<Entry<'a>> = tag
        .pages
        .iter()
        .map(|&i| {
            let p = &site.pages[i];
            Entry {
                title: &p.title,
                href: relative(url, &p.url),
                description: &p.description,
                kind: "page",
                group: None,
            }
        })
        .collect();
    pages.sort_by(|a, b| (a.title.to_lowercase(), &a.href).cmp(&(b.title.to_lowercase(), &b.href)));
    let questions = tag.questions.iter().map(|&(g, q)| {
        let group = &site.faqs[g];
        let question = &group.questions[q];
        let group_url = crate::model::url_of(&group.source.rel);
        Entry {
            title: &question.question,
            href: format!("{}#{}", relative(url, &group_url), question.id),
            description: "",
            kind: "question",
            group: Some(&group.title),
        }
    });
    pages.extend(questions);
    pages
}
