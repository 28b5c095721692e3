//! Mermaid blocks as diagrams. The source stays in a `<pre>`, so it reads as text until (or
//! without) the theme's script drawing it; `data-label` names the drawing for screen readers
//! and is all that search indexes: the source's arrows and keywords are not words to find.

use crate::html::{escape, to_text};

/// How a diagram's HTML starts: the heading pass recognises it by this.
pub(super) const OPEN: &str = "<pre class=\"mermaid\"";

/// The HTML of a diagram whose Mermaid source is `source`.
pub(super) fn html(source: &str) -> String {
    format!(
        "{OPEN} data-label=\"{}\">{}</pre>\n",
        escape(&label(source)),
        escape(source.trim_end())
    )
}

/// The label written into a diagram's HTML by [`html`], or `None` for other HTML.
pub(super) fn label_of(html: &str) -> Option<String> {
    let rest = html.strip_prefix(OPEN)?.strip_prefix(" data-label=\"")?;
    let end = rest.find('"')?;
    Some(to_text(&rest[..end]))
}

/// What the diagram is, and its title when the source gives one: `Flowchart: Sign in`.
/// Mermaid names the drawing itself from `accTitle`; this is for diagrams without one.
fn label(source: &str) -> String {
    let mut lines = source.lines().map(str::trim).peekable();
    let mut title = None;
    // Mermaid's own front matter (`---` / `title: ...` / `---`) comes before the type.
    if lines.next_if(|l| *l == "---").is_some() {
        for line in lines.by_ref() {
            if line == "---" {
                break;
            }
            title = title.or_else(|| value(line, "title:"));
        }
    }
    let mut kind = None;
    for line in lines.filter(|l| !l.is_empty() && !l.starts_with("%%")) {
        if kind.is_none() {
            let (keyword, rest) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
            kind = Some(kind_name(keyword));
            title = title.or_else(|| value(rest.trim(), "title "));
            continue;
        }
        title = title
            .or_else(|| value(line, "accTitle:"))
            .or_else(|| value(line, "title "));
    }
    let kind = kind.unwrap_or("Diagram");
    match title {
        Some(t) => format!("{kind}: {t}"),
        None => kind.to_owned(),
    }
}

fn value(line: &str, key: &str) -> Option<String> {
    let v = line.strip_prefix(key)?.trim();
    let quoted = ['"', '\'']
        .iter()
        .find_map(|q| v.strip_prefix(*q)?.strip_suffix(*q));
    let v = quoted.unwrap_or(v).trim();
    (!v.is_empty()).then(|| v.to_owned())
}

/// A diagram type's name in words, from the keyword that starts its source.
fn kind_name(keyword: &str) -> &'static str {
    match keyword {
        "flowchart" | "graph" | "flowchart-elk" => "Flowchart",
        "sequenceDiagram" => "Sequence diagram",
        "classDiagram" | "classDiagram-v2" => "Class diagram",
        "stateDiagram" | "stateDiagram-v2" => "State diagram",
        "erDiagram" => "Entity relationship diagram",
        "journey" => "User journey",
        "gantt" => "Gantt chart",
        "pie" => "Pie chart",
        "quadrantChart" => "Quadrant chart",
        "requirementDiagram" => "Requirement diagram",
        "gitGraph" => "Git graph",
        "mindmap" => "Mind map",
        "timeline" => "Timeline",
        "sankey-beta" | "sankey" => "Sankey diagram",
        "xychart-beta" | "xychart" => "XY chart",
        "block-beta" | "block" => "Block diagram",
        "architecture-beta" | "architecture" => "Architecture diagram",
        "kanban" => "Kanban board",
        "packet-beta" | "packet" => "Packet diagram",
        _ => "Diagram",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_name_the_type_and_title() {
        assert_eq!(label("flowchart LR\n  A --> B"), "Flowchart");
        assert_eq!(label("%% note\ngraph TD\nA-->B"), "Flowchart");
        assert_eq!(
            label("sequenceDiagram\n  accTitle: Signing in\n  A->>B: hi"),
            "Sequence diagram: Signing in"
        );
        assert_eq!(
            label("---\ntitle: \"Plans\"\n---\npie\n  \"a\": 1"),
            "Pie chart: Plans"
        );
        assert_eq!(label("pie title Pets\n\"Dogs\": 3"), "Pie chart: Pets");
        assert_eq!(label("gantt\n  title Release\n"), "Gantt chart: Release");
        assert_eq!(label("something new"), "Diagram");
        assert_eq!(label(""), "Diagram");
    }

    #[test]
    fn source_is_escaped_and_label_read_back() {
        let h = html("flowchart LR\n  A[\"<b>x</b>\"] --> B & C\n");
        assert!(h.starts_with(OPEN), "{h}");
        assert!(
            h.contains("A[&quot;&lt;b&gt;x&lt;/b&gt;&quot;] --&gt; B &amp; C</pre>"),
            "{h}"
        );
        assert_eq!(label_of(&h).as_deref(), Some("Flowchart"));
        let titled = html("classDiagram\naccTitle: A & \"B\"\n");
        assert_eq!(
            label_of(&titled).as_deref(),
            Some("Class diagram: A & \"B\"")
        );
        assert_eq!(label_of("<pre class=\"code\">x</pre>"), None);
    }
}
