//! schema.org `FAQPage` JSON-LD: one `Question` with one `acceptedAnswer` each.

use crate::load::LoadedFaq;
use crate::markdown::Rendered;
use serde_json::json;

/// JSON-LD for an FAQ group, safe to place inside `<script type="application/ld+json">`.
pub fn faq_page(group: &LoadedFaq, answers: &[Rendered]) -> String {
    let entities: Vec<serde_json::Value> = group
        .questions
        .iter()
        .zip(answers)
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

/// Keep `</script>` and `<!--` from ending or confusing the script element.
pub fn script_safe(json: &str) -> String {
    json.replace("</", "<\\/").replace("<!--", "<\\!--")
}
