//! Mermaid blocks as diagrams. The source stays in a `<pre>`, so it reads as text until (or
//! without) the theme's script drawing it; `data-label` names the drawing for screen readers
//! and is all that search indexes: the source's arrows and keywords are not words to find.

use super::Labels;
use crate::html::{escape, to_text};

/// How a diagram's HTML starts: the heading pass recognises it by this.
pub(super) const OPEN: &str = "<pre class=\"mermaid\"";

/// The HTML of a diagram whose Mermaid source is `source`, named in the page's language.
pub(super) fn html(source: &str, labels: &Labels) -> String {
    format!(
        "{OPEN} data-label=\"{}\">{}</pre>\n",
        escape(&label(source, labels)),
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
fn label(source: &str, labels: &Labels) -> String {
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
    let kind = labels.diagram(kind.unwrap_or("diagram"));
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

/// The interface string naming a diagram type, from the keyword that starts its source.
fn kind_name(keyword: &str) -> &'static str {
    match keyword {
        "flowchart" | "graph" | "flowchart-elk" => "diagram_flowchart",
        "sequenceDiagram" => "diagram_sequence",
        "classDiagram" | "classDiagram-v2" => "diagram_class",
        "stateDiagram" | "stateDiagram-v2" => "diagram_state",
        "erDiagram" => "diagram_er",
        "journey" => "diagram_journey",
        "gantt" => "diagram_gantt",
        "pie" => "diagram_pie",
        "quadrantChart" => "diagram_quadrant",
        "requirementDiagram" => "diagram_requirement",
        "gitGraph" => "diagram_git",
        "mindmap" => "diagram_mindmap",
        "timeline" => "diagram_timeline",
        "sankey-beta" | "sankey" => "diagram_sankey",
        "xychart-beta" | "xychart" => "diagram_xy",
        "block-beta" | "block" => "diagram_block",
        "architecture-beta" | "architecture" => "diagram_architecture",
        "kanban" => "diagram_kanban",
        "packet-beta" | "packet" => "diagram_packet",
        _ => "diagram",
    }
}

/// Each diagram type's interface string and its English name.
pub const NAMES: &[(&str, &str)] = &[
    ("diagram", "Diagram"),
    ("diagram_flowchart", "Flowchart"),
    ("diagram_sequence", "Sequence diagram"),
    ("diagram_class", "Class diagram"),
    ("diagram_state", "State diagram"),
    ("diagram_er", "Entity relationship diagram"),
    ("diagram_journey", "User journey"),
    ("diagram_gantt", "Gantt chart"),
    ("diagram_pie", "Pie chart"),
    ("diagram_quadrant", "Quadrant chart"),
    ("diagram_requirement", "Requirement diagram"),
    ("diagram_git", "Git graph"),
    ("diagram_mindmap", "Mind map"),
    ("diagram_timeline", "Timeline"),
    ("diagram_sankey", "Sankey diagram"),
    ("diagram_xy", "XY chart"),
    ("diagram_block", "Block diagram"),
    ("diagram_architecture", "Architecture diagram"),
    ("diagram_kanban", "Kanban board"),
    ("diagram_packet", "Packet diagram"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_name_the_type_and_title() {
        assert_eq!(
            label("flowchart LR\n  A --> B", &super::super::ENGLISH),
            "Flowchart"
        );
        assert_eq!(
            label("%% note\ngraph TD\nA-->B", &super::super::ENGLISH),
            "Flowchart"
        );
        assert_eq!(
            label(
                "sequenceDiagram\n  accTitle: Signing in\n  A->>B: hi",
                &super::super::ENGLISH
            ),
            "Sequence diagram: Signing in"
        );
        assert_eq!(
            label(
                "---\ntitle: \"Plans\"\n---\npie\n  \"a\": 1",
                &super::super::ENGLISH
            ),
            "Pie chart: Plans"
        );
        assert_eq!(
            label("pie title Pets\n\"Dogs\": 3", &super::super::ENGLISH),
            "Pie chart: Pets"
        );
        assert_eq!(
            label("gantt\n  title Release\n", &super::super::ENGLISH),
            "Gantt chart: Release"
        );
        assert_eq!(label("something new", &super::super::ENGLISH), "Diagram");
        assert_eq!(label("", &super::super::ENGLISH), "Diagram");
    }

    #[test]
    fn labels_speak_the_page_language() {
        let mut german = Labels::default();
        german
            .diagrams
            .insert("diagram_pie".to_owned(), "Kreisdiagramm".to_owned());
        assert_eq!(
            label("pie title Haustiere\n\"Hunde\": 3", &german),
            "Kreisdiagramm: Haustiere"
        );
    }

    #[test]
    fn source_is_escaped_and_label_read_back() {
        let h = html(
            "flowchart LR\n  A[\"<b>x</b>\"] --> B & C\n",
            &super::super::ENGLISH,
        );
        assert!(h.starts_with(OPEN), "{h}");
        assert!(
            h.contains("A[&quot;&lt;b&gt;x&lt;/b&gt;&quot;] --&gt; B &amp; C</pre>"),
            "{h}"
        );
        assert_eq!(label_of(&h).as_deref(), Some("Flowchart"));
        let titled = html(
            "classDiagram\naccTitle: A & \"B\"\n",
            &super::super::ENGLISH,
        );
        assert_eq!(
            label_of(&titled).as_deref(),
            Some("Class diagram: A & \"B\"")
        );
        assert_eq!(label_of("<pre class=\"code\">x</pre>"), None);
    }
}
