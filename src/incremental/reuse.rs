//! Reusing Markdown rendered by the previous build: when a page's sources did not change and
//! every link it holds still resolves to the same URL, only its template runs again.

use crate::markdown::Rendered;
use crate::model::{Body, Page, Site};
use crate::render::{RenderedFaq, RenderedPage, RenderedSite, Renderer};
use std::collections::BTreeSet;

/// The previous build, and which sources were read again since.
pub struct Previous<'a> {
    pub site: &'a Site,
    pub rendered: &'a RenderedSite,
    pub reread: &'a BTreeSet<String>,
}

impl Previous<'_> {
    /// `page` of the new site rendered with reused Markdown, or `None` when it must be
    /// rendered from scratch.
    pub fn reuse(&self, page: &Page, renderer: &Renderer) -> Option<RenderedPage> {
        let site = renderer.site;
        let &old_index = self.site.by_url.get(&page.url)?;
        let old_page = &self.site.pages[old_index];
        let old = self.rendered.pages.get(old_index)?;
        let source = self.same_source(page, site, old_page)?;
        // A page that changed language (a new `languages:` entry) shows other strings.
        if page.title_heading != old_page.title_heading || page.lang != old_page.lang {
            return None;
        }
        let faq = match (page.faq, old_page.faq, &old.faq) {
            (None, None, None) => None,
            (Some(new_group), Some(old_group), Some(rendered)) => {
                let rel = &site.faqs[new_group].source.rel;
                if *rel != self.site.faqs[old_group].source.rel || self.reread.contains(rel) {
                    return None;
                }
                if !links_hold(&rendered.intro, rel, page, renderer)
                    || !rendered
                        .answers
                        .iter()
                        .all(|a| links_hold(a, rel, page, renderer))
                {
                    return None;
                }
                Some(RenderedFaq {
                    group: new_group,
                    ..rendered.clone()
                })
            }
            _ => return None,
        };
        if let Some(rel) = &source
            && !links_hold(&old.body, rel, page, renderer)
        {
            return None;
        }
        Some(RenderedPage {
            body: old.body.clone(),
            faq,
            html: String::new(),
        })
    }

    /// The page's Markdown source path if it is the same, unchanged source as before
    /// (`Some(None)` for FAQ pages and generated listings, which have no Markdown body).
    fn same_source(&self, page: &Page, site: &Site, old_page: &Page) -> Option<Option<String>> {
        match (&page.body, &old_page.body) {
            (Body::Markdown(new), Body::Markdown(old)) => {
                let rel = &new.source.rel;
                (*rel == old.source.rel && !self.reread.contains(rel)).then(|| Some(rel.clone()))
            }
            (Body::Faq(new), Body::Faq(old)) => {
                (site.faqs[*new].source.rel == self.site.faqs[*old].source.rel).then_some(None)
            }
            (Body::Listing, Body::Listing) => Some(None),
            _ => None,
        }
    }
}

/// Whether every link recorded in `rendered` (written in source `from_rel`) still becomes the
/// same URL on `page`.
fn links_hold(rendered: &Rendered, from_rel: &str, page: &Page, renderer: &Renderer) -> bool {
    rendered
        .links
        .iter()
        .all(|l| renderer.resolver.href(from_rel, &page.url, &l.dest) == l.href)
}
