//! WordPress REST API post JSON (`/wp-json/wp/v2/posts`): one post or an array of them.
//! Only the fields an import uses are read; everything else is ignored.

use crate::diagnostic::Diagnostic;
use crate::location::{Location, line_text};
use serde::Deserialize;
use serde_json::Value;
use std::path::Path;

/// A field WordPress sends as `{"rendered": "..."}` (some tools flatten it to a string).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(untagged)]
pub enum Rendered {
    Object {
        #[serde(default)]
        rendered: String,
    },
    Plain(String),
    #[default]
    Missing,
}

impl Rendered {
    pub fn html(&self) -> &str {
        match self {
            Rendered::Object { rendered } | Rendered::Plain(rendered) => rendered,
            Rendered::Missing => "",
        }
    }
}

/// One post as the REST API returns it.
#[derive(Debug, Clone, Deserialize)]
pub struct Post {
    #[serde(default)]
    pub id: Option<u64>,
    #[serde(default)]
    pub slug: String,
    #[serde(default)]
    pub status: Option<String>,
    #[serde(default)]
    pub link: Option<String>,
    #[serde(default)]
    pub modified: Option<String>,
    #[serde(default)]
    pub title: Rendered,
    pub content: Rendered,
    #[serde(default)]
    pub excerpt: Rendered,
    #[serde(default)]
    pub categories: Vec<Value>,
    #[serde(default)]
    pub tags: Vec<Value>,
    /// Rank Math's meta description, when the site exposes it.
    #[serde(default)]
    pub rank_math_description: Option<String>,
    /// Yoast SEO's REST field.
    #[serde(default)]
    pub yoast_head_json: Option<Value>,
    #[serde(default)]
    pub meta: Option<Value>,
    /// Names some sites add next to the ids.
    #[serde(default)]
    pub category_names: Vec<String>,
    #[serde(default)]
    pub tag_names: Vec<String>,
    /// Present with `?_embed`: `wp:term` holds the category and tag objects.
    #[serde(default, rename = "_embedded")]
    pub embedded: Option<Value>,
}

impl Post {
    /// The SEO plugin's meta description (Rank Math or Yoast), if any.
    pub fn seo_description(&self) -> Option<String> {
        let from_meta = |key: &str| {
            self.meta
                .as_ref()
                .and_then(|m| m.get(key))
                .and_then(Value::as_str)
                .map(str::to_owned)
        };
        let yoast = |key: &str| {
            self.yoast_head_json
                .as_ref()
                .and_then(|y| y.get(key))
                .and_then(Value::as_str)
                .map(str::to_owned)
        };
        [
            self.rank_math_description.clone(),
            from_meta("rank_math_description"),
            yoast("description"),
            from_meta("_yoast_wpseo_metadesc"),
            yoast("og_description"),
        ]
        .into_iter()
        .flatten()
        .find(|d| !d.trim().is_empty())
    }

    /// Category and tag names, from `_embedded` or name fields; `None` when the export
    /// only carries term ids.
    pub fn term_names(&self) -> Option<Vec<String>> {
        let mut names: Vec<String> = Vec::new();
        let embedded_terms = self
            .embedded
            .as_ref()
            .and_then(|e| e.get("wp:term"))
            .and_then(Value::as_array);
        for group in embedded_terms.into_iter().flatten() {
            for term in group.as_array().into_iter().flatten() {
                let taxonomy = term.get("taxonomy").and_then(Value::as_str);
                let slug = term.get("slug").and_then(Value::as_str);
                if !matches!(taxonomy, Some("category" | "post_tag"))
                    || slug == Some("uncategorized")
                {
                    continue;
                }
                if let Some(n) = term.get("name").and_then(Value::as_str) {
                    names.push(n.to_owned());
                }
            }
        }
        names.extend(self.category_names.iter().cloned());
        names.extend(self.tag_names.iter().cloned());
        names.retain(|n| !n.trim().is_empty() && !n.eq_ignore_ascii_case("uncategorized"));
        let mut seen = std::collections::HashSet::new();
        names.retain(|n| seen.insert(n.to_lowercase()));
        if names.is_empty() && embedded_terms.is_none() && self.has_term_ids() {
            None
        } else {
            Some(names)
        }
    }

    fn has_term_ids(&self) -> bool {
        // Category 1 is WordPress's "Uncategorized", which carries no meaning.
        self.categories.iter().any(|c| c.as_u64() != Some(1)) || !self.tags.is_empty()
    }

    /// Whether WordPress shows the post to readers (anything else imports as a draft).
    pub fn is_published(&self) -> bool {
        self.status.as_deref().is_none_or(|s| s == "publish")
    }
}

/// Parse one export file: a post object or an array of posts. Syntax and shape errors
/// name `file:line:col`.
pub fn parse(src: &str, shown: &Path) -> Result<Vec<Post>, Diagnostic> {
    let trimmed = src.trim_start();
    let result = if trimmed.starts_with('[') {
        serde_json::from_str::<Vec<Post>>(src)
    } else {
        serde_json::from_str::<Post>(src).map(|p| vec![p])
    };
    result.map_err(|e| json_error(&e, src, shown))
}

fn json_error(e: &serde_json::Error, src: &str, shown: &Path) -> Diagnostic {
    let (line, col) = (e.line().max(1), e.column().max(1));
    // serde_json appends " at line L column C"; the location is printed separately.
    let text = e.to_string();
    let message = match text.rfind(" at line ") {
        Some(i) => text[..i].to_owned(),
        None => text,
    };
    let help = if e.is_syntax() || e.is_eof() {
        "the file must hold the JSON that `/wp-json/wp/v2/posts` returns"
    } else {
        "expected a WordPress post object (with `content.rendered`) or an array of them"
    };
    let mut d = Diagnostic::error("json", format!("cannot read WordPress JSON: {message}"))
        .at_location(Location::new(shown, line, col))
        .help(help);
    d.source_line = line_text(src, line).map(str::to_owned);
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_post_or_an_array() {
        let one = r#"{"slug":"a","title":{"rendered":"A"},"content":{"rendered":"<p>x</p>"}}"#;
        assert_eq!(parse(one, Path::new("a.json")).unwrap()[0].slug, "a");
        let many = format!("[{one},{one}]");
        assert_eq!(parse(&many, Path::new("a.json")).unwrap().len(), 2);
    }

    #[test]
    fn errors_name_line_and_column() {
        let bad = "{\n  \"slug\": \"a\",\n  \"title\": {\"rendered\": \"A\"\n  \"content\": 1\n}";
        let e = parse(bad, Path::new("bad.json")).unwrap_err();
        assert_eq!(e.location, Some(Location::new("bad.json", 4, 3)));
        let missing = "{\n  \"slug\": \"a\"\n}";
        let e = parse(missing, Path::new("m.json")).unwrap_err();
        assert!(e.message.contains("content"), "{}", e.message);
        assert_eq!(e.location.unwrap().line, 3);
    }

    #[test]
    fn seo_description_and_terms() {
        let src = r#"{"content":{"rendered":""},"yoast_head_json":{"description":"Yo"},
            "categories":[7],"_embedded":{"wp:term":[[{"taxonomy":"category","name":"Setup","slug":"setup"},
            {"taxonomy":"category","name":"Uncategorized","slug":"uncategorized"}],[{"taxonomy":"post_tag","name":"vpn","slug":"vpn"}]]}}"#;
        let p = &parse(src, Path::new("p.json")).unwrap()[0];
        assert_eq!(p.seo_description().as_deref(), Some("Yo"));
        assert_eq!(
            p.term_names(),
            Some(vec!["Setup".to_owned(), "vpn".to_owned()])
        );
        let ids_only = r#"{"content":{"rendered":""},"categories":[7]}"#;
        assert_eq!(
            parse(ids_only, Path::new("p.json")).unwrap()[0].term_names(),
            None
        );
    }
}
