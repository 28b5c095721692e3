//! Render every page: Markdown bodies and FAQ answers to HTML, then the page template.

use crate::diagnostic::Diagnostic;
use crate::diagrams::Library;
use crate::highlight::Highlighter;
use crate::load::LoadedFaq;
use crate::markdown::{self, Input, Rendered};
use crate::model::{Body, Page, PageKind, Site};
use crate::resolve::{Resolver, relative, root_prefix};
use crate::slug::Slugger;
use crate::templates::Templates;
use crate::views::{self, FaqView, PageView, QuestionView, SiteView};
use rayon::prelude::*;
use std::path::Path;

/// An FAQ group rendered for one page (links are relative to that page).
#[derive(Debug, Clone)]
pub struct RenderedFaq {
    pub group: usize,
    pub heading_id: String,
    pub intro: Rendered,
    pub answers: Vec<Rendered>,
}

/// One page after rendering.
#[derive(Debug, Clone)]
pub struct RenderedPage {
    pub body: Rendered,
    pub faq: Option<RenderedFaq>,
    /// The final HTML document.
    pub html: String,
}

impl RenderedPage {
    /// The findings this page reports: its body's, plus its FAQ group's on the group's own
    /// page (so a group's findings are reported once).
    pub fn warnings(&self, kind: PageKind) -> impl Iterator<Item = &Diagnostic> {
        let faq = self.faq.as_ref().filter(|_| kind == PageKind::Faq);
        let faq_warnings = faq.into_iter().flat_map(|f| {
            f.intro
                .warnings
                .iter()
                .chain(f.answers.iter().flat_map(|a| a.warnings.iter()))
        });
        self.body.warnings.iter().chain(faq_warnings)
    }
}

/// All pages, in the model's order, and the warnings met while rendering.
#[derive(Debug, Default)]
pub struct RenderedSite {
    pub pages: Vec<RenderedPage>,
    pub warnings: Vec<Diagnostic>,
}

/// Shared, read-only things every page render needs.
pub struct Renderer<'a> {
    pub site: &'a Site,
    pub templates: &'a Templates,
    pub highlighter: &'a Highlighter,
    pub resolver: Resolver<'a>,
    /// Navigation lists pages share, made once.
    nav: views::NavValues,
    /// The library that draws diagrams; `None`: `mermaid` blocks stay code.
    pub diagrams: Option<Library>,
    /// Each page's related pages, set between the Markdown and the templates (they come
    /// from the search index, which reads the rendered Markdown).
    pub related: std::sync::Arc<Vec<Vec<usize>>>,
    /// Whether pages record what the content lint reads (see [`markdown::Input::lint`]).
    pub lint_facts: bool,
}

impl<'a> Renderer<'a> {
    pub fn new(site: &'a Site, templates: &'a Templates, highlighter: &'a Highlighter) -> Self {
        Renderer {
            site,
            templates,
            highlighter,
            resolver: Resolver::new(site),
            nav: views::NavValues::default(),
            diagrams: Library::find(&site.config.mermaid, |f| templates.has_static(f)),
            related: Default::default(),
            lint_facts: true,
        }
    }

    /// Render every page's Markdown in parallel, without templates (see
    /// [`Renderer::template_all`]); errors are collected, not just the first.
    pub fn markdown_all(&self) -> Result<RenderedSite, Vec<Diagnostic>> {
        self.markdown_with(|_, p| self.markdown_page(p))
    }

    /// Like [`Renderer::markdown_all`], with `render(index, page)` producing each page: lets
    /// an incremental build reuse Markdown it rendered before.
    pub fn markdown_with<F>(&self, render: F) -> Result<RenderedSite, Vec<Diagnostic>>
    where
        F: Fn(usize, &Page) -> Result<RenderedPage, Diagnostic> + Sync,
    {
        let results: Vec<Result<RenderedPage, Diagnostic>> = self
            .site
            .pages
            .par_iter()
            .enumerate()
            .map(|(i, p)| render(i, p))
            .collect();
        let mut site = RenderedSite::default();
        let mut errors = Vec::new();
        for (r, page) in results.into_iter().zip(&self.site.pages) {
            match r {
                Ok(p) => {
                    site.warnings.extend(p.warnings(page.kind).cloned());
                    site.pages.push(p);
                }
                Err(e) => {
                    errors.push(e);
                    site.pages.push(RenderedPage {
                        body: Rendered::default(),
                        faq: None,
                        html: String::new(),
                    });
                }
            }
        }
        if errors.is_empty() {
            Ok(site)
        } else {
            errors.dedup();
            Err(errors)
        }
    }

    /// Put every page rendered by [`Renderer::markdown_all`] into its template, in parallel.
    pub fn template_all(&self, rendered: &mut RenderedSite) -> Result<(), Vec<Diagnostic>> {
        let kept = self.template_each(rendered, |r, _, html| {
            // Held until written; a rendered string has grown by doubling.
            r.html = html;
            r.html.shrink_to_fit();
            Ok(())
        })?;
        debug_assert_eq!(kept.len(), rendered.pages.len());
        Ok(())
    }

    /// [`Self::template_all`] for a build that writes each page as soon as it is made: each
    /// page's Markdown HTML is dropped once its template has run, and its finished HTML goes
    /// to `take(index, html)` (on any thread) instead of being kept. Returns what `take`
    /// returned for each page, in order.
    pub fn template_all_into<T, F>(
        &self,
        rendered: &mut RenderedSite,
        take: F,
    ) -> Result<Vec<T>, Vec<Diagnostic>>
    where
        T: Send,
        F: Fn(usize, String) -> Result<T, Diagnostic> + Sync,
    {
        self.template_each(rendered, |r, i, html| {
            r.body.html = String::new();
            take(i, html)
        })
    }

    fn template_each<T, F>(
        &self,
        rendered: &mut RenderedSite,
        done: F,
    ) -> Result<Vec<T>, Vec<Diagnostic>>
    where
        T: Send,
        F: Fn(&mut RenderedPage, usize, String) -> Result<T, Diagnostic> + Sync,
    {
        let results: Vec<Result<T, Diagnostic>> = rendered
            .pages
            .par_iter_mut()
            .zip(&self.site.pages)
            .enumerate()
            .map(|(i, (r, page))| {
                let html = self.template(page, &r.body, r.faq.as_ref())?;
                done(r, i, html)
            })
            .collect();
        let mut kept = Vec::with_capacity(results.len());
        let mut errors = Vec::new();
        for r in results {
            match r {
                Ok(t) => kept.push(t),
                Err(e) => errors.push(e),
            }
        }
        if errors.is_empty() {
            Ok(kept)
        } else {
            errors.dedup();
            Err(errors)
        }
    }

    /// Render one page: its Markdown, its FAQ group, then its template.
    pub fn page(&self, page: &Page) -> Result<RenderedPage, Diagnostic> {
        let mut r = self.markdown_page(page)?;
        r.html = self.template(page, &r.body, r.faq.as_ref())?;
        Ok(r)
    }

    /// Render one page's Markdown and FAQ group; its `html` stays empty.
    pub fn markdown_page(&self, page: &Page) -> Result<RenderedPage, Diagnostic> {
        let mut slugger = Slugger::default();
        for id in &self.templates.ids {
            slugger.reserve(id);
        }
        if let Some(g) = page.faq {
            let group = &self.site.faqs[g];
            if let Some(q) = group
                .questions
                .iter()
                .find(|q| self.templates.is_theme_id(&q.id))
            {
                return Err(Diagnostic::error(
                    "faq-id",
                    format!("FAQ id `{}` is an id the theme uses on every page", q.id),
                )
                .at(q.location.clone(), &group.src)
                .help("give the question another `id:`"));
            }
        }
        if let Some(h) = &page.title_heading {
            slugger.reserve(&h.id);
        }
        if let Some(g) = page.faq {
            for q in &self.site.faqs[g].questions {
                slugger.reserve(&q.id);
            }
        }
        let body = match &page.body {
            Body::Markdown(lp) => {
                let input = Input {
                    text: lp.body(),
                    origin: lp.body_origin,
                    path: &lp.source.shown,
                    file_src: &lp.src,
                    skip: page.title_heading.as_ref().map(|h| h.range.clone()),
                    lines: Default::default(),
                    labels: self.templates.strings.labels(page.lang),
                    lint: self.lint_facts,
                };
                self.markdown(&input, &lp.source.rel, &page.url, &mut slugger)
            }
            _ => Rendered::default(),
        };
        let faq = page.faq.map(|g| self.faq(g, page, &mut slugger));
        Ok(RenderedPage {
            body,
            faq,
            html: String::new(),
        })
    }

    fn markdown(
        &self,
        input: &Input,
        from_rel: &str,
        from_url: &str,
        slugger: &mut Slugger,
    ) -> Rendered {
        let rewrite = |dest: &str| self.resolver.href(from_rel, from_url, dest);
        let diagrams = self.diagrams.is_some();
        markdown::render(input, &rewrite, self.highlighter, diagrams, slugger)
    }

    /// Render FAQ group `g` for display on `page`.
    pub fn faq(&self, g: usize, page: &Page, slugger: &mut Slugger) -> RenderedFaq {
        self.faq_at(g, &page.url, page.kind != PageKind::Faq, slugger)
    }

    /// Render FAQ group `g` for a page at `url` (links relative to it); `heading` gives the
    /// group a heading id of its own, for pages where it follows other content.
    pub fn faq_at(&self, g: usize, url: &str, heading: bool, slugger: &mut Slugger) -> RenderedFaq {
        let group: &LoadedFaq = &self.site.faqs[g];
        let shown: &Path = &group.source.shown;
        let lang = crate::model::language_of(url, &self.site.config.languages);
        let labels = self.templates.strings.labels(lang);
        let intro = self.markdown(
            &Input {
                text: &group.intro,
                origin: group.intro_origin,
                path: shown,
                file_src: &group.src,
                skip: None,
                lines: Default::default(),
                labels,
                lint: self.lint_facts,
            },
            &group.source.rel,
            url,
            slugger,
        );
        let answers = group
            .questions
            .iter()
            .map(|q| {
                let input = Input {
                    text: &q.answer,
                    origin: q.answer_origin,
                    path: shown,
                    file_src: &group.src,
                    skip: None,
                    lines: Default::default(),
                    labels,
                    lint: self.lint_facts,
                };
                self.markdown(&input, &group.source.rel, url, slugger)
            })
            .collect();
        let heading_id = if heading {
            slugger.unique(&group.title)
        } else {
            String::new()
        };
        RenderedFaq {
            group: g,
            heading_id,
            intro,
            answers,
        }
    }

    /// Put already rendered Markdown (`body`, `faq`) into the page's template.
    pub fn template(
        &self,
        page: &Page,
        body: &Rendered,
        faq: Option<&RenderedFaq>,
    ) -> Result<String, Diagnostic> {
        let site = self.site;
        let index = site.by_url.get(&page.url).copied().unwrap_or(0);
        // Each language reads as a book of its own: the pager stays inside it.
        let prev = index
            .checked_sub(1)
            .map(|i| &site.pages[i])
            .filter(|p| p.lang == page.lang)
            .map(|p| views::link(&page.url, p));
        let next = site
            .pages
            .get(index + 1)
            .filter(|p| p.lang == page.lang)
            .map(|p| views::link(&page.url, p));
        let source = match &page.body {
            Body::Markdown(lp) => Some(lp.source.rel.as_str()),
            Body::Faq(g) => site.faqs.get(*g).map(|f| f.source.rel.as_str()),
            _ => None,
        };
        let faq_view = faq.map(|f| self.faq_view(f, page));
        let view = PageView {
            kind: views::kind_name(page.kind),
            title: &page.title,
            title_id: page.title_heading.as_ref().map(|h| h.id.as_str()),
            source,
            edit_url: source
                .filter(|_| !site.config.edit_url.is_empty())
                .map(|s| {
                    format!(
                        "{}{}",
                        site.config.edit_url,
                        crate::resolve::encode_segments(s)
                    )
                }),
            description: &page.description,
            url: &page.url,
            canonical: views::absolute(site, &page.url),
            content: &body.html,
            diagram_library: self
                .diagrams
                .as_ref()
                .filter(|_| has_diagram(body, faq))
                .map(|l| l.src(&page.url)),
            toc: views::toc(&body.headings, faq_view.as_ref()),
            breadcrumbs: views::breadcrumbs(site, page),
            prev,
            next,
            nav: None,
            children: if matches!(page.kind, PageKind::Home | PageKind::Section) {
                views::children(site, page, &self.resolver)
            } else {
                Vec::new()
            },
            faq: faq_view,
            tags: &page.tags,
            tag_links: views::tag_links(site, &page.tags, &page.url),
            updated: page.updated.as_deref(),
            extra: &page.extra,
            json_ld: match (page.kind, faq) {
                (PageKind::Faq, Some(f)) => {
                    Some(crate::jsonld::faq_page(&site.faqs[f.group], &f.answers))
                }
                _ => None,
            },
            noindex: false,
            image: crate::social::og_image(site, &self.resolver, Some(page)),
            related: self
                .related_to(index, page)?
                .into_iter()
                .map(|i| views::link(&page.url, &site.pages[i]))
                .collect(),
        };
        let name = template_name(page, self.templates);
        let mut ctx = self.context(page.lang, &root_prefix(&page.url));
        ctx.insert("translations", &views::translations(site, page));
        if page.kind == PageKind::Home {
            // `home.featured`: the site's popular articles, on its home pages.
            let featured: Vec<views::ChildView> = site
                .config
                .featured
                .iter()
                .filter_map(|f| site.featured_page(f))
                .map(|i| &site.pages[i])
                .filter(|p| p.lang == page.lang)
                .map(|p| views::ChildView {
                    title: &p.title,
                    href: relative(&page.url, &p.url),
                    description: &p.description,
                    icon: None,
                    icon_src: None,
                    count: 0,
                })
                .collect();
            ctx.insert("featured", &featured);
        }
        let mut page_value = tera::Value::from_serializable(&view)
            .into_map()
            .unwrap_or_default();
        page_value.insert("nav".into(), self.nav.of(site, page));
        ctx.insert_value("page", tera::Value::from(page_value));
        self.templates.render(name, &ctx)
    }

    /// The pages `page` (at `index`) shows as related: those its `related:` front matter
    /// names, in order, or else the computed ones. Only articles and FAQ pages show any.
    fn related_to(&self, index: usize, page: &Page) -> Result<Vec<usize>, Diagnostic> {
        if !matches!(page.kind, PageKind::Article | PageKind::Faq) {
            return Ok(Vec::new());
        }
        let chosen = match &page.body {
            Body::Markdown(lp) => lp.front.related.as_ref().map(|e| (lp, e)),
            _ => None,
        };
        let Some((lp, entries)) = chosen else {
            return Ok(self
                .related
                .get(index)
                .map(|l| l.iter().copied().filter(|&i| i != index).collect())
                .unwrap_or_default());
        };
        entries
            .as_slice()
            .iter()
            .map(|entry| {
                self.named_page(&lp.source.rel, entry)
                    .ok_or_else(|| unknown_related(self.site, lp, entry))
            })
            .collect()
    }

    /// The page an entry of `related:` names: as a link from the page's source would (`../b.md`,
    /// `/faq/`), or by its path under `content/` (`guides/b.md`) as `home.featured` does.
    fn named_page(&self, from_rel: &str, entry: &str) -> Option<usize> {
        let entry = entry.trim();
        let linked = match self.resolver.resolve(from_rel, entry).target {
            crate::resolve::Target::Page(url) => self.site.by_url.get(&url).copied(),
            _ => None,
        };
        linked.or_else(|| self.site.featured_page(entry.trim_start_matches('/')))
    }

    fn faq_view<'v>(&self, f: &'v RenderedFaq, page: &'v Page) -> FaqView<'v>
    where
        'a: 'v,
    {
        let group = &self.site.faqs[f.group];
        let on_faq_page = page.kind == PageKind::Faq;
        FaqView {
            title: &group.title,
            heading_id: &f.heading_id,
            show_heading: !on_faq_page,
            question_level: if on_faq_page { 2 } else { 3 },
            intro_html: &f.intro.html,
            questions: group
                .questions
                .iter()
                .zip(&f.answers)
                .map(|(q, a)| QuestionView {
                    id: &q.id,
                    question: &q.question,
                    answer_html: &a.html,
                    tags: &q.tags,
                    href: format!(
                        "{}#{}",
                        relative(&page.url, &self.site.faq_url(f.group)),
                        q.id
                    ),
                })
                .collect(),
        }
    }
}

/// `related:` names no page: an error at the entry's line in the front matter.
fn unknown_related(site: &Site, lp: &crate::load::LoadedPage, entry: &str) -> Diagnostic {
    let front = &lp.src[..lp.body_start];
    let (line, col) = front
        .lines()
        .enumerate()
        .skip(1)
        .find_map(|(i, l)| l.find(entry).map(|c| (i + 1, c + 1)))
        .or_else(|| {
            front
                .lines()
                .position(|l| l.starts_with("related"))
                .map(|i| (i + 1, 1))
        })
        .unwrap_or((1, 1));
    let d = Diagnostic::error(
        "related",
        format!("`related:` names `{entry}`, which is no page of the site"),
    )
    .at(
        crate::location::Location::new(&lp.source.shown, line, col),
        &lp.src,
    )
    .span(entry.chars().count().max(1));
    let sources = site.by_source.keys().map(String::as_str);
    match crate::suggest::closest(entry, sources) {
        Some(s) => d.help(format!("did you mean `{s}`?")),
        None => d.help("name a page as a link from this page would (`../billing/invoices.md`) or by its path under `content/`"),
    }
}

/// Whether a page shows a diagram: in its body or in its FAQ group.
fn has_diagram(body: &Rendered, faq: Option<&RenderedFaq>) -> bool {
    body.diagrams || faq.is_some_and(|f| f.intro.diagrams || f.answers.iter().any(|a| a.diagrams))
}

fn template_name(page: &Page, templates: &Templates) -> &'static str {
    match page.kind {
        PageKind::Home if templates.has("index.html") => "index.html",
        PageKind::Home | PageKind::Section => "section.html",
        PageKind::Faq => "faq.html",
        PageKind::Article => "page.html",
    }
}

impl Renderer<'_> {
    /// What every template of a page in language `lang` at `root` (its way back to the site
    /// root) sees besides `page`: `root`, `site`, `lang`, `identity`, the interface strings
    /// `t` and the scripts' strings as JSON (`strings_json`).
    pub fn context(&self, lang: usize, root: &str) -> tera::Context {
        let strings = &self.templates.strings;
        let mut ctx = tera::Context::new();
        ctx.insert("root", root);
        ctx.insert("identity", &crate::identity::view(&self.site.config, root));
        ctx.insert("site", &SiteView::new(self.site, lang));
        ctx.insert("lang", &views::LangView::new(self.site, lang));
        ctx.insert_value("t", strings.value(lang));
        ctx.insert("strings_json", strings.script_json(lang));
        // Pages with a source replace this with their other-language versions.
        ctx.insert("translations", &Vec::<views::TranslationView>::new());
        ctx
    }

    /// The 404 page, in the default language. Servers show it at any depth, so its links
    /// start from the site root path.
    pub fn not_found(&self) -> Result<String, Diagnostic> {
        let root = base_path(&self.site.config.base_url);
        let title = self.templates.strings.get(0, "page_not_found");
        self.special("404", title, "404.html", &root, "404.html", 0)
    }

    /// The full search page of language `lang` at `search/` (`de/search/`), for shareable
    /// `?q=` links.
    pub fn search_page(&self, lang: usize) -> Result<String, Diagnostic> {
        let prefix = self
            .site
            .config
            .languages
            .get(lang)
            .map_or("", |l| l.prefix.as_str());
        let url = format!("{prefix}search/");
        let title = self.templates.strings.get(lang, "search");
        self.special(
            "search",
            title,
            &url,
            &root_prefix(&url),
            "search.html",
            lang,
        )
    }

    /// A page with no source: 404 and search.
    fn special(
        &self,
        kind: &'static str,
        title: &str,
        url: &str,
        root: &str,
        template: &str,
        lang: usize,
    ) -> Result<String, Diagnostic> {
        let site = self.site;
        let nav = if kind == "404" {
            rebase(views::nav(site, ""), root)
        } else {
            views::nav(site, url)
        };
        let view = PageView {
            noindex: true,
            ..PageView::sourceless(kind, title, url, nav, &site.config.extra)
        };
        let mut ctx = self.context(lang, root);
        if kind == "search" {
            // Every language has its search page: the switcher keeps the reader searching.
            ctx.insert(
                "translations",
                &views::translations_at(site, url, lang, |_, _| true),
            );
        }
        ctx.insert("page", &view);
        self.templates.render(template, &ctx)
    }

    /// A page helpsite makes from the whole site (the tags pages): `kind` and `title` for
    /// the layout, `url` for its links, canonical URL and navigation, and `values` for the
    /// template's own content. Home is its breadcrumb; other generated pages at the `url`s
    /// above it (`tags/` above `tags/vpn/`) follow.
    pub fn generated(
        &self,
        kind: &'static str,
        title: &str,
        url: &str,
        template: &str,
        values: tera::Context,
    ) -> Result<String, Diagnostic> {
        let site = self.site;
        let mut breadcrumbs = Vec::new();
        if let Some(&home) = site.by_url.get("") {
            breadcrumbs.push(views::link(url, &site.pages[home]));
        }
        if url != crate::tags::TAGS_URL && url.starts_with(crate::tags::TAGS_URL) {
            breadcrumbs.push(views::LinkView {
                title: self.templates.strings.get(0, "tags"),
                href: relative(url, crate::tags::TAGS_URL),
            });
        }
        let view = PageView {
            canonical: views::absolute(site, url),
            breadcrumbs,
            image: crate::social::og_image(site, &self.resolver, None),
            ..PageView::sourceless(kind, title, url, views::nav(site, url), &site.config.extra)
        };
        let lang = crate::model::language_of(url, &site.config.languages);
        let mut ctx = self.context(lang, &root_prefix(url));
        ctx.extend(values);
        ctx.insert("page", &view);
        self.templates.render(template, &ctx)
    }

    /// A page in folder `at` (an old URL from `aliases`) that sends readers to `target`.
    pub fn redirect(&self, page: &Page, target: &str, at: &str) -> Result<String, Diagnostic> {
        #[derive(serde::Serialize)]
        struct RedirectView<'a> {
            title: &'a str,
            target: &'a str,
            canonical: String,
        }
        let mut ctx = self.context(page.lang, &root_prefix(at));
        ctx.insert(
            "page",
            &RedirectView {
                title: &page.title,
                target,
                canonical: views::absolute(self.site, &page.url),
            },
        );
        self.templates.render("redirect.html", &ctx)
    }
}

/// The path part of `base_url` (`https://x.test/help/` -> `/help/`), or `/`.
fn base_path(base_url: &str) -> String {
    base_url
        .split_once("://")
        .and_then(|(_, rest)| rest.find('/').map(|i| rest[i..].to_owned()))
        .unwrap_or_else(|| "/".to_owned())
}

fn rebase<'a>(items: Vec<views::NavItem<'a>>, root: &str) -> Vec<views::NavItem<'a>> {
    items
        .into_iter()
        .map(|mut item| {
            item.href = format!("{root}{}", item.href);
            item.children = rebase(item.children, root);
            item
        })
        .collect()
}
