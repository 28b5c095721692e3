//! Site-wide rules: orphan pages, and FAQ questions asked twice or answered with nothing.

use crate::check::Context;
use crate::diagnostic::Diagnostic;
use crate::location::Location;
use crate::markdown::has_visible;
use crate::model::{Body, PageKind};
use crate::rules::{
    FAQ_DUPLICATE_QUESTION, FAQ_EMPTY_ANSWER, Level, MISSING_TRANSLATION, ORPHAN_PAGE,
};
use std::collections::{HashMap, HashSet};

/// Pages that no other page links to: not the content, not the navigation of any page.
pub fn orphans(ctx: &Context, linked: &HashSet<String>, out: &mut Vec<Diagnostic>) {
    for page in &ctx.build.site.pages {
        if page.kind == PageKind::Home || linked.contains(&format!("{}index.html", page.url)) {
            continue;
        }
        let (shown, src) = match &page.body {
            Body::Markdown(lp) => (&lp.source.shown, lp.src.as_str()),
            Body::Faq(g) => {
                let f = &ctx.build.site.faqs[*g];
                (&f.source.shown, f.src.as_str())
            }
            Body::Listing => continue,
        };
        out.push(
            Diagnostic::warning(ORPHAN_PAGE, format!("no page links to `/{}`", page.url))
                .at(Location::new(shown, 1, 1), src)
                .help("link to it from a related page, or show it in the navigation"),
        );
    }
}

/// Pages with a source that some other language of the site lacks (off unless asked for:
/// translations usually lag behind on purpose). A link from a translation to a page in
/// another language is no finding: it resolves like any other link.
pub fn translations(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let site = &ctx.build.site;
    let languages = &site.config.languages;
    if languages.len() < 2 || ctx.config.level(MISSING_TRANSLATION) == Some(Level::Off) {
        return;
    }
    for page in &site.pages {
        let (source, src) = match &page.body {
            Body::Markdown(lp) => (&lp.source, lp.src.as_str()),
            Body::Faq(g) => (&site.faqs[*g].source, site.faqs[*g].src.as_str()),
            Body::Listing => continue,
        };
        let own = &languages[page.lang.min(languages.len() - 1)].prefix;
        let file = source.rel.strip_prefix(own.as_str()).unwrap_or(&source.rel);
        let rest = page.url.strip_prefix(own.as_str()).unwrap_or(&page.url);
        let missing: Vec<&str> = languages
            .iter()
            .enumerate()
            .filter(|(i, l)| {
                *i != page.lang
                    && site
                        .by_url
                        .get(&format!("{}{rest}", l.prefix))
                        .is_none_or(|&p| site.pages[p].lang != *i)
            })
            .map(|(_, l)| l.tag.as_str())
            .collect();
        if missing.is_empty() {
            continue;
        }
        let wanted: Vec<String> = languages
            .iter()
            .filter(|l| missing.contains(&l.tag.as_str()))
            .map(|l| format!("`content/{}{file}`", l.prefix))
            .collect();
        out.push(
            Diagnostic::info(
                MISSING_TRANSLATION,
                format!("`/{}` has no {} version", page.url, missing.join(", ")),
            )
            .at(Location::new(&source.shown, 1, 1), src)
            .help(format!(
                "translate it as {} (the same path in each language's folder)",
                wanted.join(", ")
            )),
        );
    }
}

/// Duplicate questions (in one group or across groups) and answers with no visible text.
pub fn faq(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let mut asked: HashMap<String, Location> = HashMap::new();
    let own_page: HashMap<usize, usize> = ctx
        .build
        .site
        .pages
        .iter()
        .enumerate()
        .filter_map(|(i, p)| match p.body {
            Body::Faq(g) => Some((g, i)),
            _ => None,
        })
        .collect();
    for (g, group) in ctx.build.site.faqs.iter().enumerate() {
        for (qi, q) in group.questions.iter().enumerate() {
            let key = normalise_question(&q.question);
            match asked.get(&key) {
                Some(first) => out.push(
                    Diagnostic::error(
                        FAQ_DUPLICATE_QUESTION,
                        format!("question `{}` is asked twice", q.question),
                    )
                    .at(q.location.clone(), &group.src)
                    .span(q.question.chars().count())
                    .help(format!(
                        "it is already asked at {first}; merge the two answers"
                    )),
                ),
                None => {
                    asked.insert(key, q.location.clone());
                }
            }
            if let Some(answer) = own_page.get(&g).and_then(|&i| answer_html(ctx, i, qi))
                && !has_visible(&crate::html::to_text(answer))
            {
                out.push(
                    Diagnostic::error(
                        FAQ_EMPTY_ANSWER,
                        format!("question `{}` has an empty answer", q.question),
                    )
                    .at(q.location.clone(), &group.src)
                    .span(q.question.chars().count())
                    .help("write the answer under `answer: |`, or remove the question"),
                );
            }
        }
    }
}

/// The rendered answer of question `qi` on the group's own page `i`.
fn answer_html<'c>(ctx: &'c Context, i: usize, qi: usize) -> Option<&'c str> {
    let f = ctx.build.rendered.pages[i].faq.as_ref()?;
    f.answers.get(qi).map(|a| a.html.as_str())
}

fn normalise_question(q: &str) -> String {
    let lower = q.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    words.join(" ")
}
