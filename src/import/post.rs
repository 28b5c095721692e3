//! One WordPress post through the import: `prepare` parses and repairs its HTML and takes
//! out the FAQ block (so every post's anchors are known), then `finish` rewrites links,
//! converts to Markdown and lays out the page and FAQ files.

use super::clean;
use super::emit;
use super::faq_block::{self, FaqBlocks};
use super::fields::{date, description, html_text, parse, stem};
use super::links::{self, Anchor, Context};
use super::repairs::{Repair, Repairs};
use super::review::{self, Written};
use super::to_markdown;
use super::url;
use super::wordpress::Post;
use super::{File, Layout, dom};
use crate::diagnostic::Diagnostic;
use crate::location::{Location, Origin};
use crate::slug::Slugger;
use htmd::HtmlToMarkdown;
use markup5ever_rcdom::Handle;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Deeper HTML than this is flattened to text: the converter walks the tree recursively,
/// and real articles nest a few dozen levels at most.
const MAX_DEPTH: usize = 100;

/// A post after parsing and repair, before links are rewritten.
pub struct Prepared {
    pub post: Post,
    /// The export file it came from, as given.
    pub source: PathBuf,
    /// File stem of the page, from the post's slug.
    pub stem: String,
    pub title: String,
    pub description: Option<String>,
    /// The parsed document, kept alive: dropping it would empty `body`.
    _document: Handle,
    body: Handle,
    faq: FaqBlocks,
    question_ids: Vec<String>,
    embeds: Vec<String>,
    pub repairs: Repairs,
    /// Old ids (and new ids) to their place on the new page.
    pub anchors: HashMap<String, Anchor>,
}

/// The files of one post and what a human should look at.
pub struct Finished {
    pub page: File,
    pub faq: Option<File>,
    pub questions: usize,
    pub warnings: Vec<Diagnostic>,
}

pub fn prepare(post: Post, source: &Path, converter: &HtmlToMarkdown) -> Prepared {
    let mut repairs = Repairs::default();
    let (_, entities) = clean::count_entities(post.content.html());
    let (_, title_entities) = clean::count_entities(post.title.html());
    repairs.add(Repair::Entity, entities + title_entities);
    let title = html_text(converter, post.title.html(), &mut repairs);
    // Deep nesting goes before parsing: the parser's time grows with the square of it.
    let (content, deep) = super::depth::drop_deeper_than(post.content.html(), MAX_DEPTH);
    let (document, body) = parse(converter, &content);
    repairs.add(
        Repair::DeepMarkup,
        deep + dom::flatten_deeper_than(&body, MAX_DEPTH),
    );
    clean::text(&body, &mut repairs);
    let embeds = clean::structure(&body, &mut repairs);
    let faq = faq_block::extract(&body, &mut repairs);
    clean::empty_paragraphs(&body, &mut repairs);
    let mut anchors = heading_anchors(&body);
    let mut ids = Slugger::default();
    let question_ids: Vec<String> = faq.items.iter().map(|q| ids.unique(&q.question)).collect();
    for (item, id) in faq.items.iter().zip(&question_ids) {
        for old in item.old_ids.iter().chain([id]) {
            anchors.insert(old.clone(), Anchor::Question(id.clone()));
        }
    }
    let description = description(&post, converter);
    let stem = stem(&post, &title);
    Prepared {
        source: source.to_path_buf(),
        stem,
        title,
        description,
        _document: document,
        body,
        faq,
        question_ids,
        embeds,
        repairs,
        anchors,
        post,
    }
}

/// Heading ids as helpsite will make them, with the old ids that pointed at each heading
/// (on the heading, inside it, or on an element below it before the next heading).
fn heading_anchors(body: &Handle) -> HashMap<String, Anchor> {
    let mut slugger = Slugger::default();
    let mut anchors = HashMap::new();
    let mut current: Option<String> = None;
    for el in dom::elements(body) {
        const HEADINGS: &[&str] = &["h1", "h2", "h3", "h4", "h5", "h6"];
        if dom::is(&el, HEADINGS) {
            let id = slugger.unique(&dom::squashed_text(&el));
            anchors.insert(id.clone(), Anchor::Heading(id.clone()));
            current = Some(id);
        }
        if let (Some(old), Some(new)) = (dom::attr(&el, "id"), &current) {
            anchors
                .entry(old)
                .or_insert_with(|| Anchor::Heading(new.clone()));
        }
    }
    anchors
}

/// Rewrite links, convert to Markdown and lay out the files.
pub fn finish(
    p: &Prepared,
    catalogue: &links::Catalogue,
    me: usize,
    layout: &Layout,
    converter: &HtmlToMarkdown,
) -> (Finished, Repairs) {
    let mut repairs = Repairs::default();
    let link = p.post.link.as_deref();
    let ctx = |in_faq| Context {
        catalogue,
        me,
        link,
        in_faq,
    };
    links::rewrite(&p.body, &ctx(false), &mut repairs);
    let body_md = to_markdown::convert(converter, &p.body);
    let answers: Vec<String> = p
        .faq
        .items
        .iter()
        .map(|item| {
            links::rewrite(&item.answer, &ctx(true), &mut repairs);
            to_markdown::convert(converter, &item.answer)
        })
        .collect();
    let faq_file = (!answers.is_empty()).then(|| faq_file(p, &answers, layout));
    let page = page_file(p, &body_md, faq_file.is_some(), layout);
    let old_host = link.and_then(url::parse).map(|u| u.host);
    let mut warnings = review::page(&written(&page, p, old_host.as_deref()));
    if let Some(f) = &faq_file {
        let w = written(f, p, old_host.as_deref());
        // Answers are `|` blocks indented by six spaces, in order, below their `answer:`.
        let starts = f
            .text
            .lines()
            .enumerate()
            .filter(|(_, l)| l.starts_with("    answer: |"));
        for ((line, _), answer) in starts.zip(&answers) {
            let origin = Origin {
                line: line + 2,
                col: 7,
                indent: Some(6),
            };
            warnings.extend(review::links(&w, answer, &|off| {
                origin.locate(&f.shown, answer, off)
            }));
        }
    }
    warnings.extend(unanswered(p, &page));
    let finished = Finished {
        page,
        faq: faq_file,
        questions: answers.len(),
        warnings,
    };
    (finished, repairs)
}

fn written<'a>(file: &'a File, p: &'a Prepared, old_host: Option<&'a str>) -> Written<'a> {
    Written {
        shown: &file.shown,
        text: &file.text,
        // The body starts after the closing `---` line (the page file starts with `---`).
        body_start: file.text.find("\n---\n").map_or(0, |i| i + 5),
        title: &p.title,
        description: p.description.as_deref(),
        old_host,
        embeds: &p.embeds,
    }
}

fn page_file(p: &Prepared, body: &str, has_faq: bool, layout: &Layout) -> File {
    let new_url = format!("/{}", layout.url_dir(&p.stem));
    let aliases: Vec<String> = p
        .post
        .link
        .as_deref()
        .and_then(url::parse)
        .map(|u| u.path.to_owned())
        .filter(|path| path != "/" && url::path_key(path) != url::path_key(&new_url))
        .into_iter()
        .collect();
    let tags = p.post.term_names().unwrap_or_default();
    let updated = p.post.modified.as_deref().and_then(date);
    let faq_key = has_faq.then(|| layout.faq_key(&p.stem));
    let mut extra = Vec::new();
    if let Some(id) = p.post.id {
        extra.push(("wordpress_id", id.to_string()));
    }
    if let Some(link) = &p.post.link {
        extra.push(("wordpress_link", link.clone()));
    }
    let text = emit::page(&emit::Page {
        title: &p.title,
        description: p.description.as_deref(),
        updated,
        draft: !p.post.is_published(),
        aliases: &aliases,
        tags: &tags,
        faq: faq_key.as_deref(),
        extra: &extra,
        body,
    });
    File {
        shown: layout.shown.join(format!("{}.md", p.stem)),
        text,
    }
}

fn faq_file(p: &Prepared, answers: &[String], layout: &Layout) -> File {
    let questions: Vec<emit::Question> = p
        .faq
        .items
        .iter()
        .zip(&p.question_ids)
        .zip(answers)
        .map(|((item, id), answer)| emit::Question {
            id,
            question: &item.question,
            answer,
        })
        .collect();
    let title = p
        .faq
        .heading
        .clone()
        .unwrap_or_else(|| "Frequently asked questions".to_owned());
    let text = emit::faq(&emit::Faq {
        title: &title,
        description: &format!("Questions and answers about “{}”.", p.title),
        questions: &questions,
    });
    File {
        shown: layout.shown.join(&p.stem).join("faq.yaml"),
        text,
    }
}

fn unanswered(p: &Prepared, page: &File) -> Vec<Diagnostic> {
    let line = page
        .text
        .lines()
        .position(|l| l.starts_with("faq:"))
        .unwrap_or(0)
        + 1;
    p.faq
        .unanswered
        .iter()
        .map(|q| {
            Diagnostic::warning(
                "import-faq-unanswered",
                format!("FAQ question without an answer was left out: \"{q}\""),
            )
            .at(Location::new(&page.shown, line, 1), &page.text)
            .help("add it to the FAQ file with an answer if it is still useful")
        })
        .collect()
}
