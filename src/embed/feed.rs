//! The FAQ as JSON: `api/faq/<group>.json`, `api/faq/index.json`, and the JSON Schema both
//! follow (`api/faq/schema.json`). The format is a public interface: add fields, never
//! rename or remove them.

use super::group_key;
use crate::output::{Content, Outputs};
use crate::render::{RenderedSite, Renderer};
use crate::slug::Slugger;
use serde_json::{Value, json};

/// JSON Schema (draft 2020-12) for both feed files.
pub const SCHEMA: &str = include_str!("schema.json");

/// Write every group's feed, the index of all groups, and the schema.
pub fn feeds(renderer: &Renderer, rendered: &RenderedSite, out: &mut Outputs) {
    let site = renderer.site;
    let mut groups = Vec::new();
    for (g, group) in site.faqs.iter().enumerate() {
        let group_url = site.faq_url(g);
        // Exactly the group page's rendering, so `answer_html` matches the site; its relative
        // links resolve against `url`.
        let own = site
            .by_url
            .get(&group_url)
            .and_then(|&i| rendered.pages.get(i))
            .and_then(|p| p.faq.as_ref())
            .filter(|f| f.group == g);
        let fresh;
        let faq = match own {
            Some(f) => f,
            None => {
                fresh = renderer.faq_at(g, &group_url, false, &mut Slugger::default());
                &fresh
            }
        };
        let questions: Vec<Value> = group
            .questions
            .iter()
            .zip(&faq.answers)
            .map(|(q, a)| {
                json!({
                    "id": q.id,
                    "question": q.question,
                    "answer_html": a.html.trim_end(),
                    "answer_text": crate::html::to_text(&a.html),
                    // The fragment goes on after the path is encoded, so `#` stays a `#`.
                    "url": format!("{}#{}", url(renderer, &group_url), q.id),
                    "tags": q.tags,
                    "updated": q.updated,
                })
            })
            .collect();
        let key = group_key(group);
        let doc = json!({
            "version": 1,
            "group": key,
            "title": group.title,
            "description": group.description,
            "url": url(renderer, &group_url),
            "embed_url": url(renderer, &super::embed_url(&key)),
            "questions": questions,
        });
        out.insert(format!("api/faq/{key}.json"), Content::Bytes(pretty(&doc)));
        groups.push(doc);
    }
    let index = json!({ "version": 1, "site": site.config.title, "groups": groups });
    out.insert(
        "api/faq/index.json".to_owned(),
        Content::Bytes(pretty(&index)),
    );
    out.insert(
        "api/faq/schema.json".to_owned(),
        Content::Bytes(SCHEMA.as_bytes().to_vec()),
    );
}

/// Absolute when `base_url` is set, otherwise a path from the site root; percent-encoded
/// either way.
fn url(renderer: &Renderer, path: &str) -> String {
    let abs = crate::views::absolute(renderer.site, path);
    if abs.is_empty() {
        format!("/{}", crate::resolve::encode_segments(path))
    } else {
        abs
    }
}

fn pretty(v: &Value) -> Vec<u8> {
    let mut bytes = serde_json::to_vec_pretty(v).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}
