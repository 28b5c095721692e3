//! Content lint: rules about the text itself, each with an id from [`crate::rules`].

mod description;
mod headings;
mod links;
mod site;
mod text;

use crate::check::Context;
use crate::diagnostic::Diagnostic;
use crate::markdown::Facts;
use crate::model::Body;
use rayon::prelude::*;
use std::collections::HashSet;

/// Run every content rule. `linked` holds the outputs some other page links to.
pub fn run(ctx: &Context, linked: &HashSet<String>) -> Vec<Diagnostic> {
    let mut out: Vec<Diagnostic> = ctx
        .sources
        .par_iter()
        .flat_map_iter(|(shown, src)| {
            let mut found = Vec::new();
            text::invisible(shown, src, &mut found);
            found
        })
        .collect();
    out.par_extend(
        (0..ctx.build.site.pages.len())
            .into_par_iter()
            .flat_map_iter(|i| page(ctx, i)),
    );
    links::from_html(ctx, &mut out);
    site::orphans(ctx, linked, &mut out);
    site::faq(ctx, &mut out);
    site::translations(ctx, &mut out);
    out
}

/// The rules that look at one page.
fn page(ctx: &Context, i: usize) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let facts = page_facts(ctx, i);
    for f in &facts {
        text::from_facts(ctx, f, &mut out);
        links::from_facts(ctx, f, &mut out);
    }
    if let Body::Markdown(lp) = &ctx.build.site.pages[i].body
        && let Some(f) = facts.first()
    {
        headings::check(&f.headings, &lp.src, &mut out);
    }
    description::check(ctx, i, &mut out);
    out
}

/// The facts of what page `i` itself owns: its Markdown body, or, on an FAQ group's page,
/// the group's intro and answers (shown elsewhere too, but linted once, here).
fn page_facts<'c>(ctx: &'c Context, i: usize) -> Vec<&'c Facts> {
    let page = &ctx.build.site.pages[i];
    let rendered = &ctx.build.rendered.pages[i];
    match &page.body {
        Body::Markdown(_) => vec![&rendered.body.facts],
        Body::Faq(_) => rendered
            .faq
            .iter()
            .flat_map(|f| std::iter::once(&f.intro).chain(&f.answers))
            .map(|r| &r.facts)
            .collect(),
        Body::Listing => Vec::new(),
    }
}
