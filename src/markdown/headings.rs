//! Heading pass: GitHub-style unique ids, permalink anchors, and per-section text.

use super::{Heading, SectionText, Spanned};
use crate::html::escape;
use crate::slug::Slugger;
use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

/// The value of an `id="x"` attribute list entry (`## Title { id="x" }`), unquoted.
pub(super) fn id_attribute(attrs: &[(CowStr, Option<CowStr>)]) -> Option<String> {
    attrs.iter().find_map(|(k, v)| {
        let v = v.as_deref()?;
        let v = v
            .strip_prefix('"')
            .and_then(|v| v.strip_suffix('"'))
            .or_else(|| v.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')))
            .unwrap_or(v);
        (k.as_ref() == "id" && !v.is_empty()).then(|| v.to_owned())
    })
}

pub(super) fn anchor<'a>(
    events: Vec<Spanned<'a>>,
    slugger: &mut Slugger,
    permalink: &str,
    headings: &mut Vec<Heading>,
    sections: &mut Vec<SectionText>,
) -> Vec<Spanned<'a>> {
    // Author ids and footnote labels (pulldown-cmark uses the label as the footnote's id)
    // are taken before any heading is slugged, so no two elements share an id.
    for (event, _) in &events {
        match event {
            Event::Start(Tag::Heading { id: Some(id), .. }) => slugger.reserve(id),
            Event::Start(Tag::Heading {
                id: None, attrs, ..
            }) => {
                if let Some(id) = id_attribute(attrs) {
                    slugger.reserve(&id);
                }
            }
            Event::Start(Tag::FootnoteDefinition(label)) => slugger.reserve(label),
            _ => {}
        }
    }
    let mut out = Vec::with_capacity(events.len());
    let mut section = SectionText::default();
    let mut mkdocs_ids = std::collections::HashSet::new();
    let mut iter = events.into_iter();
    while let Some((event, range)) = iter.next() {
        let Event::Start(Tag::Heading {
            level,
            id,
            classes,
            attrs,
        }) = event
        else {
            collect_text(&event, &mut section.text);
            out.push((event, range));
            continue;
        };
        let inner: Vec<Event> = iter
            .by_ref()
            .map(|(e, _)| e)
            .take_while(|e| !matches!(e, Event::End(TagEnd::Heading(_))))
            .collect();
        let mut text = String::new();
        for e in &inner {
            collect_text(e, &mut text);
        }
        text.truncate(text.trim_end().len());
        let explicit = id.map(|i| i.to_string()).or_else(|| id_attribute(&attrs));
        let slugged = explicit.is_none();
        let id = match explicit {
            Some(id) => id,
            None => slugger.unique(&text),
        };
        let mut inner_html = String::new();
        pulldown_cmark::html::push_html(&mut inner_html, inner.into_iter());
        let class_attr = if classes.is_empty() {
            String::new()
        } else {
            let joined: Vec<&str> = classes.iter().map(|c| c.as_ref()).collect();
            format!(" class=\"{}\"", escape(&joined.join(" ")))
        };
        let n = level as u8;
        // The id MkDocs would give this heading, when it differs, as an anchor of its own:
        // docs written for MkDocs link to `#300-2018-09-21` or `#templates_1`.
        let mkdocs_id = if slugged {
            crate::slug::mkdocs_unique(crate::slug::mkdocs_slug(&text), &mut mkdocs_ids)
        } else {
            mkdocs_ids.insert(id.clone());
            id.clone()
        };
        let alias = if mkdocs_id != id && !slugger.is_taken(&mkdocs_id) {
            slugger.reserve(&mkdocs_id);
            format!("<a id=\"{}\"></a>", escape(&mkdocs_id))
        } else {
            String::new()
        };
        let html = format!(
            "<h{n} id=\"{id_e}\"{class_attr}>{alias}{inner_html}<a class=\"anchor\" href=\"#{id_e}\" tabindex=\"-1\" aria-label=\"{permalink}: {label}\">#</a></h{n}>\n",
            id_e = escape(&id),
            permalink = escape(permalink),
            label = escape(&text),
        );
        out.push((Event::Html(CowStr::from(html)), range));
        if !section.text.trim().is_empty() || !section.id.is_empty() {
            sections.push(std::mem::take(&mut section));
        }
        section = SectionText {
            id: id.clone(),
            heading: text.clone(),
            level: n,
            text: String::new(),
        };
        headings.push(Heading { level: n, id, text });
    }
    if !section.text.trim().is_empty() || !section.id.is_empty() {
        sections.push(section);
    }
    for s in sections.iter_mut() {
        // Squashed as it was collected; only a trailing space can remain.
        s.text.truncate(s.text.trim_end().len());
    }
    out
}

/// Append the visible text of an event; block ends add a space so words never merge.
/// Whitespace is squashed as it goes (see [`crate::html::push_squashed`]).
fn collect_text(event: &Event, out: &mut String) {
    use crate::html::push_squashed;
    match event {
        Event::Text(t) | Event::Code(t) => push_squashed(out, t),
        // A diagram counts by its label, as an image by its alt text.
        Event::Html(h) if h.starts_with(super::diagram::OPEN) => {
            push_squashed(out, " ");
            push_squashed(out, &super::diagram::label_of(h).unwrap_or_default());
            push_squashed(out, " ");
        }
        Event::Html(h) | Event::InlineHtml(h) => {
            if !h.starts_with("<div class=\"callout") && !h.starts_with("</div>") {
                push_squashed(out, " ");
                push_squashed(out, &crate::html::to_text(h));
            }
            push_squashed(out, " ");
        }
        Event::SoftBreak | Event::HardBreak => push_squashed(out, " "),
        Event::End(end) if is_block(end) => push_squashed(out, " "),
        _ => {}
    }
}

fn is_block(end: &TagEnd) -> bool {
    !matches!(
        end,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link
            | TagEnd::Image
    )
}
