//! Small helpers over the html5ever DOM (`markup5ever_rcdom`) that htmd parses into: read
//! tags, attributes and text, and move or remove nodes while keeping parent links right
//! (htmd reads them to know whether text sits inside `<pre>`).

use html5ever::tendril::StrTendril;
use html5ever::{Attribute, LocalName, QualName, ns};
use markup5ever_rcdom::{Handle, Node, NodeData};
use std::cell::RefCell;
use std::rc::Rc;

/// The element's lowercase tag name, or `None` for text, comments and the document.
pub fn tag(node: &Node) -> Option<&str> {
    match &node.data {
        NodeData::Element { name, .. } => Some(&name.local),
        _ => None,
    }
}

pub fn is(node: &Node, tags: &[&str]) -> bool {
    tag(node).is_some_and(|t| tags.contains(&t))
}

pub fn attr(node: &Node, name: &str) -> Option<String> {
    match &node.data {
        NodeData::Element { attrs, .. } => attrs
            .borrow()
            .iter()
            .find(|a| &*a.name.local == name)
            .map(|a| a.value.to_string()),
        _ => None,
    }
}

/// Set (or add) an attribute.
pub fn set_attr(node: &Node, name: &str, value: &str) {
    if let NodeData::Element { attrs, .. } = &node.data {
        let mut attrs = attrs.borrow_mut();
        match attrs.iter_mut().find(|a| &*a.name.local == name) {
            Some(a) => a.value = StrTendril::from(value),
            None => attrs.push(Attribute {
                name: QualName::new(None, ns!(), LocalName::from(name)),
                value: StrTendril::from(value),
            }),
        }
    }
}

pub fn has_class(node: &Node, class: &str) -> bool {
    attr(node, "class").is_some_and(|c| c.split_whitespace().any(|c| c == class))
}

/// All text below `node`, as written (no whitespace collapsing).
pub fn text(node: &Node) -> String {
    let mut out = String::new();
    // A stack, not recursion: pasted HTML can nest thousands of levels deep.
    let mut stack: Vec<Handle> = children(node).into_iter().rev().collect();
    if let NodeData::Text { contents } = &node.data {
        out.push_str(&contents.borrow());
    }
    while let Some(n) = stack.pop() {
        if let NodeData::Text { contents } = &n.data {
            out.push_str(&contents.borrow());
        }
        stack.extend(children(&n).into_iter().rev());
    }
    out
}

/// Replace every element nested deeper than `max` below `root` by its text, so that
/// recursive walkers (the Markdown converter) stay within the stack. Returns how many
/// elements were flattened.
pub fn flatten_deeper_than(root: &Handle, max: usize) -> usize {
    let mut flattened = 0;
    let mut stack: Vec<(Handle, usize)> = children(root).into_iter().map(|c| (c, 1)).collect();
    while let Some((n, depth)) = stack.pop() {
        if depth >= max && !children(&n).is_empty() {
            let text = text(&n);
            *n.children.borrow_mut() = Vec::new();
            append(&n, text_node(&text));
            flattened += 1;
            continue;
        }
        stack.extend(children(&n).into_iter().map(|c| (c, depth + 1)));
    }
    flattened
}

/// Text with runs of whitespace turned into one space, trimmed.
pub fn squashed_text(node: &Node) -> String {
    text(node).split_whitespace().collect::<Vec<_>>().join(" ")
}

pub fn children(node: &Node) -> Vec<Handle> {
    node.children.borrow().clone()
}

/// Every element below `root` in document order (root excluded).
pub fn elements(root: &Handle) -> Vec<Handle> {
    let mut out = Vec::new();
    let mut stack: Vec<Handle> = children(root).into_iter().rev().collect();
    while let Some(n) = stack.pop() {
        if matches!(n.data, NodeData::Element { .. }) {
            out.push(n.clone());
        }
        stack.extend(children(&n).into_iter().rev());
    }
    out
}

/// Every text node below `root` in document order.
pub fn text_nodes(root: &Handle) -> Vec<Handle> {
    let mut out = Vec::new();
    let mut stack: Vec<Handle> = children(root).into_iter().rev().collect();
    while let Some(n) = stack.pop() {
        if matches!(n.data, NodeData::Text { .. }) {
            out.push(n.clone());
        }
        stack.extend(children(&n).into_iter().rev());
    }
    out
}

pub fn parent(node: &Node) -> Option<Handle> {
    let weak = node.parent.take();
    let up = weak.as_ref().and_then(|w| w.upgrade());
    node.parent.set(weak);
    up
}

/// Whether `node` has an ancestor with one of `tags`.
pub fn inside(node: &Node, tags: &[&str]) -> bool {
    let mut cur = parent(node);
    while let Some(p) = cur {
        if is(&p, tags) {
            return true;
        }
        cur = parent(&p);
    }
    false
}

/// Remove `node` from its parent.
pub fn detach(node: &Handle) {
    if let Some(p) = parent(node) {
        p.children.borrow_mut().retain(|c| !Rc::ptr_eq(c, node));
    }
    node.parent.set(None);
}

/// Put `replacement` nodes where `node` is, and take `node` out.
pub fn replace_with(node: &Handle, replacement: Vec<Handle>) {
    let Some(p) = parent(node) else {
        return;
    };
    for r in &replacement {
        r.parent.set(Some(Rc::downgrade(&p)));
    }
    let mut kids = p.children.borrow_mut();
    if let Some(i) = kids.iter().position(|c| Rc::ptr_eq(c, node)) {
        kids.splice(i..=i, replacement);
    }
    node.parent.set(None);
}

/// Replace an element by its children (keep the text, drop the tag).
pub fn unwrap(node: &Handle) {
    let kids = std::mem::take(&mut *node.children.borrow_mut());
    replace_with(node, kids);
}

/// A new element with no attributes.
pub fn element(tag: &str) -> Handle {
    Node::new(NodeData::Element {
        name: QualName::new(None, ns!(html), LocalName::from(tag)),
        attrs: RefCell::new(Vec::new()),
        template_contents: RefCell::new(None),
        mathml_annotation_xml_integration_point: false,
    })
}

pub fn text_node(text: &str) -> Handle {
    Node::new(NodeData::Text {
        contents: RefCell::new(StrTendril::from(text)),
    })
}

/// Add `child` as the last child of `parent`.
pub fn append(parent: &Handle, child: Handle) {
    child.parent.set(Some(Rc::downgrade(parent)));
    parent.children.borrow_mut().push(child);
}

/// Move all of `from`'s children to the end of `to`.
pub fn adopt_children(from: &Handle, to: &Handle) {
    let kids = std::mem::take(&mut *from.children.borrow_mut());
    for k in &kids {
        k.parent.set(Some(Rc::downgrade(to)));
    }
    to.children.borrow_mut().extend(kids);
}

/// Swap an element for one with another tag, keeping its attributes and children.
pub fn retag(node: &Handle, tag: &str) -> Handle {
    let fresh = element(tag);
    if let (NodeData::Element { attrs: old, .. }, NodeData::Element { attrs: new, .. }) =
        (&node.data, &fresh.data)
    {
        *new.borrow_mut() = old.borrow().clone();
    }
    adopt_children(node, &fresh);
    replace_with(node, vec![fresh.clone()]);
    fresh
}

/// The `<body>` of a parsed document (html5ever always creates one). Keep the document
/// alive while using it: dropping an rcdom node empties every node below it.
pub fn body(document: &Handle) -> Handle {
    elements(document)
        .into_iter()
        .find(|e| is(e, &["body"]))
        .unwrap_or_else(|| document.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_nesting_is_flattened_without_recursion() {
        let html = format!(
            "{}<p>deep</p>{}",
            "<div>".repeat(5_000),
            "</div>".repeat(5_000)
        );
        let doc = htmd::HtmlToMarkdown::new().html_to_tree(&html).unwrap();
        let b = body(&doc);
        assert_eq!(text(&b), "deep");
        assert_eq!(flatten_deeper_than(&b, 100), 1);
        assert_eq!(text(&b), "deep");
        assert!(elements(&b).len() <= 100);
    }

    #[test]
    fn unwrap_retag_and_detach_keep_parents() {
        let doc = htmd::HtmlToMarkdown::new()
            .html_to_tree("<p>a <b>bold</b> <i>x</i></p><pre>code</pre>")
            .unwrap();
        let b = body(&doc);
        let els = elements(&b);
        unwrap(&els[1]);
        detach(&els[2]);
        assert_eq!(text(&b), "a bold code");
        let pre = elements(&b).into_iter().find(|e| is(e, &["pre"])).unwrap();
        let code = element("code");
        adopt_children(&pre, &code);
        append(&pre, code.clone());
        let nodes = text_nodes(&b);
        let t = nodes.last().unwrap();
        assert!(inside(t, &["code"]) && inside(t, &["pre"]));
        assert!(!inside(&nodes[0], &["code"]));
        let th = retag(&code, "kbd");
        assert!(inside(&text_nodes(&th)[0], &["kbd"]));
        assert_eq!(text(&b), "a bold code");
    }
}
