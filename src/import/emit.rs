//! Writes the imported files' text: a page with YAML front matter, and an FAQ group file.
//! A small YAML emitter for strings and lists: plain scalars only when they cannot be
//! misread, double quotes otherwise, `|` blocks for Markdown answers.

/// The front matter and body of an imported page.
#[derive(Debug, Default)]
pub struct Page<'a> {
    pub title: &'a str,
    pub description: Option<&'a str>,
    pub updated: Option<&'a str>,
    pub draft: bool,
    pub aliases: &'a [String],
    pub tags: &'a [String],
    pub faq: Option<&'a str>,
    /// `extra:` entries, already-safe keys with string values.
    pub extra: &'a [(&'a str, String)],
    pub body: &'a str,
}

/// One question of an FAQ group.
#[derive(Debug)]
pub struct Question<'a> {
    pub id: &'a str,
    pub question: &'a str,
    pub answer: &'a str,
}

#[derive(Debug)]
pub struct Faq<'a> {
    pub title: &'a str,
    pub description: &'a str,
    pub questions: &'a [Question<'a>],
}

pub fn page(p: &Page) -> String {
    let mut out = String::from("---\n");
    // Without a title helpsite falls back to the first heading or the file name.
    if !p.title.is_empty() {
        out.push_str(&format!("title: {}\n", scalar(p.title)));
    }
    if let Some(d) = p.description {
        out.push_str(&format!("description: {}\n", scalar(d)));
    }
    if let Some(u) = p.updated {
        out.push_str(&format!("updated: {}\n", scalar(u)));
    }
    if p.draft {
        out.push_str("draft: true\n");
    }
    list(&mut out, "aliases", p.aliases);
    list(&mut out, "tags", p.tags);
    if let Some(f) = p.faq {
        out.push_str(&format!("faq: {}\n", scalar(f)));
    }
    if !p.extra.is_empty() {
        out.push_str("extra:\n");
        for (k, v) in p.extra {
            out.push_str(&format!("  {k}: {}\n", scalar(v)));
        }
    }
    out.push_str("---\n\n");
    out.push_str(p.body);
    out
}

pub fn faq(f: &Faq) -> String {
    let mut out = format!(
        "title: {}\ndescription: {}\nquestions:\n",
        scalar(f.title),
        scalar(f.description)
    );
    for q in f.questions {
        out.push_str(&format!("  - id: {}\n", scalar(q.id)));
        out.push_str(&format!("    question: {}\n", scalar(q.question)));
        out.push_str(&format!("    answer: {}", block(q.answer, 6)));
    }
    out
}

fn list(out: &mut String, key: &str, items: &[String]) {
    if items.is_empty() {
        return;
    }
    out.push_str(key);
    out.push_str(":\n");
    for i in items {
        out.push_str(&format!("  - {}\n", scalar(i)));
    }
}

/// A YAML scalar for `s`: plain when it is unambiguous, double-quoted otherwise.
pub fn scalar(s: &str) -> String {
    if is_plain_safe(s) {
        s.to_owned()
    } else {
        quoted(s)
    }
}

fn is_plain_safe(s: &str) -> bool {
    const KEYWORDS: &[&str] = &[
        "true", "false", "yes", "no", "on", "off", "y", "n", "null", "~",
    ];
    let Some(first) = s.chars().next() else {
        return false;
    };
    // A leading letter rules out indicators, numbers and dates; the character set rules
    // out `: `, ` #`, quotes, brackets and braces anywhere.
    first.is_alphabetic()
        && !s.ends_with([' ', ':'])
        && !KEYWORDS.contains(&s.to_ascii_lowercase().as_str())
        && s.chars().all(|c| {
            c.is_alphanumeric()
                || matches!(
                    c,
                    ' ' | '-' | '_' | '.' | ',' | '/' | '?' | '!' | '(' | ')' | '’' | '+'
                )
        })
        && !s.contains("  ")
}

fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if needs_escape(c) => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Characters YAML does not allow as they are (C0/C1 controls, DEL, BOM, non-characters).
fn needs_escape(c: char) -> bool {
    (c.is_control() && c != '\t' && c != '\n')
        || matches!(
            c,
            '\u{feff}' | '\u{fffe}' | '\u{ffff}' | '\u{2028}' | '\u{2029}'
        )
}

/// A literal block scalar (`|`) indented by `indent` spaces, for Markdown. Falls back to
/// a quoted string when the text holds characters a block cannot.
pub fn block(text: &str, indent: usize) -> String {
    let text = text.trim_end_matches('\n');
    if text.is_empty() || text.chars().any(|c| needs_escape(c) || c == '\r') {
        // Same value as the block would give: the text with one final newline.
        return format!("{}\n", quoted(&format!("{text}\n")));
    }
    let pad = " ".repeat(indent);
    // A first line that starts with a space needs an explicit indentation indicator,
    // relative to the parent key (two spaces less than the content here).
    let header = if text.starts_with(' ') {
        format!("|{}\n", indent.saturating_sub(4).max(1))
    } else {
        "|\n".to_owned()
    };
    let mut out = header;
    for line in text.split('\n') {
        if !line.trim().is_empty() {
            out.push_str(&pad);
            out.push_str(line);
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scalars_quote_when_needed() {
        assert_eq!(scalar("Reset your token"), "Reset your token");
        assert_eq!(scalar("guides/reset/faq"), "guides/reset/faq");
        assert_eq!(scalar("Step 1: open"), "\"Step 1: open\"");
        assert_eq!(scalar("yes"), "\"yes\"");
        assert_eq!(scalar("2026-05-21"), "\"2026-05-21\"");
        assert_eq!(scalar("/blog/a/"), "\"/blog/a/\"");
        assert_eq!(scalar("a \"q\" \\ b\u{1}"), "\"a \\\"q\\\" \\\\ b\\u0001\"");
        assert_eq!(scalar(""), "\"\"");
    }

    fn source(rel: &str) -> crate::discover::Source {
        crate::discover::Source {
            kind: crate::discover::kind_of(rel),
            abs: rel.into(),
            rel: rel.to_owned(),
            shown: crate::load::shown(rel),
        }
    }

    const TRICKY: &[&str] = &[
        "Plain words",
        "Step 1: open # not a comment",
        "- starts like a list",
        "yes",
        "No",
        "123",
        "2026-05-21",
        "'single' and \"double\" quotes \\ backslash",
        "[brackets] {braces} & *star* !bang %pct @at `tick` |pipe >gt",
        "  leading and trailing  ",
        "tab\there",
        "line\nbreak",
        "null",
        "~",
        "ends with colon:",
        "café ’curly’ 中文",
        "bell\u{7}",
    ];

    #[test]
    fn what_is_emitted_reads_back_through_the_loader() {
        let answers: Vec<String> = TRICKY
            .iter()
            .map(|t| format!("{t}\n\n- item\n\n```\n  code: x\n```\n"))
            .chain(["    indented code first\nthen text\n".to_owned()])
            .collect();
        let questions: Vec<Question> = TRICKY
            .iter()
            .chain(&["indented"])
            .zip(&answers)
            .enumerate()
            .map(|(i, (q, a))| Question {
                id: [
                    "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p",
                    "q", "r",
                ][i],
                question: q,
                answer: a,
            })
            .collect();
        let text = faq(&Faq {
            title: "FAQ: tricky",
            description: "yes",
            questions: &questions,
        });
        let group = crate::load::parse_faq(source("g/faq.yaml"), text.clone())
            .unwrap_or_else(|e| panic!("{e:?}\n{text}"));
        assert_eq!(group.title, "FAQ: tricky");
        assert_eq!(group.description, "yes");
        for (q, loaded) in questions.iter().zip(&group.questions) {
            assert_eq!(loaded.question, q.question);
            assert_eq!(loaded.answer, q.answer, "{text}");
        }
        let aliases = vec!["/blog/a-post/".to_owned()];
        let tags: Vec<String> = TRICKY.iter().map(|t| t.to_string()).collect();
        let extra = [("wordpress_id", "5166".to_owned())];
        for title in TRICKY {
            let src = page(&Page {
                title,
                description: Some(title),
                updated: Some("2026-05-21"),
                draft: true,
                aliases: &aliases,
                tags: &tags,
                faq: Some("guides/a/faq"),
                extra: &extra,
                body: "Body\n",
            });
            let (p, warnings) = crate::load::parse_page(source("g/a.md"), src.clone())
                .unwrap_or_else(|e| panic!("{e:?}\n{src}"));
            assert!(warnings.is_empty(), "{warnings:?}");
            assert_eq!(p.front.title.as_deref(), Some(*title), "{src}");
            assert_eq!(p.front.description.as_deref(), Some(*title));
            assert_eq!(p.front.updated.as_deref(), Some("2026-05-21"));
            assert_eq!(p.front.tags.clone().into_vec(), tags);
            assert_eq!(p.front.aliases.clone().into_vec(), aliases);
            assert_eq!(p.front.faq.as_deref(), Some("guides/a/faq"));
            assert!(p.front.draft);
            assert_eq!(p.front.extra["wordpress_id"], "5166");
            assert_eq!(p.body(), "\nBody\n");
        }
    }

    #[test]
    fn blocks_keep_markdown() {
        assert_eq!(block("a\n\n- b\n", 6), "|\n      a\n\n      - b\n");
        assert_eq!(block("    code\nx", 6), "|2\n          code\n      x\n");
    }
}
