//! Content words for the "does this belong to the page?" heuristics: lowercase words
//! without stop words, cut to a five-letter stem so `connect`, `connecting` and
//! `connection` count as one word.

use std::collections::BTreeSet;

/// Words too common to say what a text is about, plus title filler ("complete guide").
const STOP: &[&str] = &[
    "a", "about", "after", "again", "all", "also", "am", "an", "and", "any", "are", "as", "at",
    "be", "because", "been", "before", "best", "being", "both", "but", "by", "can", "cannot",
    "complete", "could", "did", "do", "does", "doing", "don", "done", "down", "during", "each",
    "easy", "even", "every", "few", "for", "from", "further", "get", "gets", "getting", "guide",
    "had", "has", "have", "having", "he", "her", "here", "hers", "him", "his", "how", "however",
    "if", "in", "into", "is", "it", "its", "just", "know", "learn", "like", "ll", "make", "may",
    "me", "might", "more", "most", "much", "must", "my", "need", "needs", "new", "no", "nor",
    "not", "now", "of", "off", "on", "once", "one", "only", "or", "other", "our", "out", "over",
    "own", "re", "same", "see", "she", "should", "so", "some", "step", "steps", "such", "than",
    "that", "the", "their", "them", "then", "there", "these", "they", "this", "those", "through",
    "to", "too", "tutorial", "ultimate", "under", "until", "up", "use", "used", "using", "ve",
    "very", "want", "was", "way", "ways", "we", "well", "were", "what", "when", "where", "which",
    "while", "who", "why", "will", "with", "within", "without", "would", "you", "your", "yours",
];

/// The stems of the content words of `text`.
pub fn content_words(text: &str) -> BTreeSet<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 3 && !w.chars().all(|c| c.is_ascii_digit()))
        .map(str::to_lowercase)
        .filter(|w| !STOP.contains(&w.as_str()))
        .map(|w| w.chars().take(5).collect())
        .collect()
}

/// The share of `of` found in `within` (1.0 for an empty `of`).
pub fn share(of: &BTreeSet<String>, within: &BTreeSet<String>) -> f64 {
    if of.is_empty() {
        return 1.0;
    }
    of.intersection(within).count() as f64 / of.len() as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_and_stop_words() {
        let w = content_words("How to Reset a Security Token in Salesforce: A Complete Guide");
        let want: BTreeSet<String> = ["reset", "secur", "token", "sales"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(w, want);
        let a = content_words("connecting connection 2024");
        assert_eq!(a.len(), 1);
        assert_eq!(share(&a, &content_words("connect")), 1.0);
    }
}
