//! `mkdocs.yml` read as a tree of YAML nodes that remember where they were written, so
//! every setting that is not carried over can be reported at its line and column.
//!
//! The project's YAML crate ignores tags it does not know, so MkDocs' Python tags
//! (`!!python/name:material.extensions.emoji.twemoji`) read as null and `!ENV [VAR, x]`
//! reads as its list; [`Node::tag`] finds such a tag again in the source line.

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;
use std::fmt;

/// A YAML value with its 1-based line and column.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub value: Value,
    pub line: usize,
    pub col: usize,
}

/// The shapes a node can have. Numbers and booleans are kept as their text.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Scalar(String),
    Seq(Vec<Node>),
    Map(Vec<(Key, Node)>),
}

/// A mapping key with its position.
#[derive(Debug, Clone, PartialEq)]
pub struct Key {
    pub text: String,
    pub line: usize,
    pub col: usize,
}

impl Node {
    /// The text of a scalar.
    pub fn text(&self) -> Option<&str> {
        match &self.value {
            Value::Scalar(s) => Some(s),
            _ => None,
        }
    }

    /// The value under `key` in a mapping.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.entries()
            .iter()
            .find(|(k, _)| k.text == key)
            .map(|(_, v)| v)
    }

    /// The entries of a mapping (none for anything else).
    pub fn entries(&self) -> &[(Key, Node)] {
        match &self.value {
            Value::Map(m) => m,
            _ => &[],
        }
    }

    /// A YAML tag written right before the node on its line (`!ENV`, `!!python/name:x`).
    pub fn tag<'s>(&self, src: &'s str) -> Option<&'s str> {
        let line = crate::location::line_text(src, self.line)?;
        let end = line
            .char_indices()
            .nth(self.col.saturating_sub(1))
            .map_or(line.len(), |(i, _)| i);
        let before = line[..end].trim_end();
        let token = before.rsplit([' ', '\t']).next()?;
        token.starts_with('!').then_some(token)
    }

    /// A short name of the node's shape, for messages.
    pub fn shape(&self) -> &'static str {
        match self.value {
            Value::Null => "nothing",
            Value::Scalar(_) => "a single value",
            Value::Seq(_) => "a list",
            Value::Map(_) => "a mapping",
        }
    }
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let spanned = Spanned::<Value>::deserialize(d)?;
        Ok(Node {
            value: spanned.value,
            line: spanned.referenced.line() as usize,
            col: spanned.referenced.column() as usize,
        })
    }
}

impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ValueVisitor)
    }
}

struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        Value::deserialize(d)
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Scalar(v.to_string()))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Scalar(v.to_string()))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Scalar(v.to_string()))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value, E> {
        Ok(Value::Scalar(v.to_string()))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Value, E> {
        Ok(Value::Scalar(v.to_owned()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Value, E> {
        Ok(Value::Scalar(v))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Node>()? {
            items.push(item);
        }
        Ok(Value::Seq(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<Spanned<String>>()? {
            let value = map.next_value::<Node>()?;
            let key = Key {
                text: key.value,
                line: key.referenced.line() as usize,
                col: key.referenced.column() as usize,
            };
            entries.push((key, value));
        }
        Ok(Value::Map(entries))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn parse(src: &str) -> Node {
        crate::yaml::parse(src, Path::new("mkdocs.yml"), 0).unwrap()
    }

    #[test]
    fn nodes_keep_their_positions() {
        let root = parse("site_name: Docs\nnav:\n  - Home: index.md\n");
        let nav = root.get("nav").unwrap();
        assert_eq!((nav.line, nav.col), (3, 3));
        let Value::Seq(items) = &nav.value else {
            panic!("{nav:?}")
        };
        let (key, page) = &items[0].entries()[0];
        assert_eq!((key.text.as_str(), key.line, key.col), ("Home", 3, 5));
        assert_eq!(
            (page.text(), page.line, page.col),
            (Some("index.md"), 3, 11)
        );
    }

    #[test]
    fn python_and_env_tags_do_not_fail() {
        let src = "a: !!python/name:material.emoji.twemoji\nb: !ENV [SITE_URL, 'https://x.test/']\nc: !ENV NAME\n";
        let root = parse(src);
        let a = root.get("a").unwrap();
        assert_eq!(a.value, Value::Null);
        assert_eq!(a.tag(src), Some("!!python/name:material.emoji.twemoji"));
        let b = root.get("b").unwrap();
        assert!(matches!(&b.value, Value::Seq(v) if v.len() == 2));
        assert_eq!(b.tag(src), Some("!ENV"));
        let c = root.get("c").unwrap();
        assert_eq!((c.text(), c.tag(src)), (Some("NAME"), Some("!ENV")));
        assert_eq!(root.get("a").unwrap().shape(), "nothing");
    }
}
