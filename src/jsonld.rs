//! schema.org `FAQPage` JSON-LD: one `Question` with one `acceptedAnswer` each.

use crate::load::LoadedFaq;
use crate::markdown::Rendered;
use serde_json::json;

/// JSON-LD for an FAQ group, safe to place inside `<script type="application/ld+json">`.
pub fn faq_page(group: &LoadedFaq, answers: &[Rendered]) -> String {
    faq_page_of(group, (0..group.questions.len()).zip(answers))
}

/// The same for some questions of the group: `(question index, its rendered answer)`.
pub fn faq_page_of<'a>(
    group: &LoadedFaq,
    picked: impl Iterator<Item = (usize, &'a Rendered)>,
) -> String {
    let entities: Vec<serde_json::Value> = picked
        .filter_map(|(i, a)| group.questions.get(i).map(|q| (q, a)))
        .map(|(q, a)| {
            json!({
                "@type": "Question",
                "name": q.question,
                "acceptedAnswer": { "@type": "Answer", "text": a.html.trim() },
            })
        })
        .collect();
    let doc = json!({
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "name": group.title,
        "mainEntity": entities,
    });
    script_safe(&doc.to_string())
}

/// JSON text made safe to write inside an HTML `<script>` element: `<`, `>` and `&` become
/// the JSON escapes `\u003c`, `\u003e` and `\u0026`, so no `</script>`, `<!--` or entity can
/// end or confuse the element, and the text still parses as the same JSON. Outside strings
/// valid JSON holds none of the three, so replacing them everywhere is safe.
pub fn script_safe(json: &str) -> String {
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::script_safe;

    #[test]
    fn script_safe_json_parses_to_the_same_value() {
        let value = serde_json::json!({
            "text": "<!-- helpsite-ignore: x --> </script> a & b > c <\\/ \\u003c",
            "n": [1, "<>&"],
        });
        let safe = script_safe(&value.to_string());
        for bad in ['<', '>', '&'] {
            assert!(!safe.contains(bad), "{safe}");
        }
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back, value);
    }
}
