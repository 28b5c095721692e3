//! Word splitting for the search index. `search.js` implements the same rules; a test runs
//! both on the same text so index and queries can never disagree.
//!
//! Rules: lowercase; strip diacritics (NFD, drop marks, NFC); split on anything that is not a
//! letter or digit; runs of CJK characters become overlapping character bigrams.

use unicode_general_category::{GeneralCategory as G, get_general_category};
use unicode_normalization::UnicodeNormalization;

/// Normalise text the way queries are normalised: lowercase, no diacritics.
pub fn fold(text: &str) -> String {
    let lower = text.to_lowercase();
    if lower.is_ascii() {
        return lower;
    }
    lower.nfd().filter(|c| !is_mark(*c)).nfc().collect()
}

fn is_mark(c: char) -> bool {
    matches!(
        get_general_category(c),
        G::NonspacingMark | G::SpacingMark | G::EnclosingMark
    )
}

/// Han, kana and Hangul: scripts written without spaces, indexed as bigrams.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF
        | 0xAC00..=0xD7AF | 0x20000..=0x2FA1F)
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Split folded text into index terms, calling `emit` for each.
pub fn tokens(text: &str, mut emit: impl FnMut(&str)) {
    if text.is_ascii() {
        ascii_tokens(text, &mut emit);
        return;
    }
    let folded = fold(text);
    let mut word = String::new();
    let mut cjk: Vec<char> = Vec::new();
    let flush_cjk = |cjk: &mut Vec<char>, emit: &mut dyn FnMut(&str)| {
        if cjk.len() == 1 {
            emit(&cjk[0].to_string());
        }
        for pair in cjk.windows(2) {
            let s: String = pair.iter().collect();
            emit(&s);
        }
        cjk.clear();
    };
    for c in folded.chars() {
        if is_cjk(c) {
            if !word.is_empty() {
                emit(&word);
                word.clear();
            }
            cjk.push(c);
        } else {
            flush_cjk(&mut cjk, &mut emit);
            if is_word_char(c) {
                word.push(c);
            } else if !word.is_empty() {
                emit(&word);
                word.clear();
            }
        }
    }
    flush_cjk(&mut cjk, &mut emit);
    if !word.is_empty() {
        emit(&word);
    }
}

/// The same rules for ASCII text, without allocating per character: most help text is ASCII.
fn ascii_tokens(text: &str, emit: &mut impl FnMut(&str)) {
    let mut word = String::with_capacity(32);
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() {
            word.push(b.to_ascii_lowercase() as char);
        } else if !word.is_empty() {
            emit(&word);
            word.clear();
        }
    }
    if !word.is_empty() {
        emit(&word);
    }
}

/// Words too common to be worth indexing; queries skip them too (see search.js).
pub const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "aren", "as", "at", "be", "by", "can", "d", "didn", "do", "does",
    "doesn", "don", "for", "from", "i", "if", "in", "into", "is", "isn", "it", "its", "ll", "m",
    "me", "my", "not", "of", "on", "or", "re", "s", "t", "that", "the", "this", "to", "ve", "was",
    "wasn", "were", "what", "will", "with", "you", "your",
];

/// Words readers use interchangeably in help questions; `search.synonyms` in helpsite.yaml
/// adds more. A query word also matches its group's other words, a little weaker.
pub const DEFAULT_SYNONYMS: &[&[&str]] = &[
    &["receive", "get", "arrive"],
    &["login", "signin", "logon"],
    &["log", "sign"],
    &["delete", "remove", "erase"],
    &["disable", "deactivate"],
    &["enable", "activate"],
    &["error", "problem", "issue", "fail"],
    &["lost", "forgot", "forgotten", "lose"],
    &["change", "update", "modify", "edit"],
    &["email", "mail"],
    &["setup", "configure", "install"],
    &["find", "locate"],
    &["view", "see", "show", "display"],
    &["admin", "administrator"],
];

/// Question words: they help ranking when they match ("Where to keep it") but a result need
/// not contain them, so they do not count toward "matches every word".
pub const WEAK_WORDS: &[&str] = &["how", "when", "where", "which", "who", "why"];

pub fn is_stop_word(w: &str) -> bool {
    STOP_WORDS.binary_search(&w).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(text: &str) -> Vec<String> {
        let mut v = Vec::new();
        tokens(text, |t| v.push(t.to_owned()));
        v
    }

    #[test]
    fn ascii_fast_path_matches_the_general_path() {
        let text = "Use wg-quick, then K9M4P2Q8X7J5! snake_case a.b";
        let mut fast = Vec::new();
        ascii_tokens(text, &mut |t: &str| fast.push(t.to_owned()));
        let mut general = Vec::new();
        tokens(&format!("{text} é"), |t| general.push(t.to_owned()));
        general.pop();
        assert_eq!(fast, general);
    }

    #[test]
    fn splits_punctuation_identifiers_accents_and_cjk() {
        assert_eq!(
            all("Use wg-quick, then K9M4P2Q8X7J5!"),
            ["use", "wg", "quick", "then", "k9m4p2q8x7j5"]
        );
        assert_eq!(all("Café RÉSUMÉ naïve"), ["cafe", "resume", "naive"]);
        assert_eq!(all("安全令牌"), ["安全", "全令", "令牌"]);
        assert_eq!(all("token是"), ["token", "是"]);
        assert_eq!(
            all("<script>alert(1)</script>"),
            ["script", "alert", "1", "script"]
        );
    }

    #[test]
    fn stop_words_are_sorted_for_binary_search() {
        let mut sorted = STOP_WORDS.to_vec();
        sorted.sort_unstable();
        assert_eq!(sorted, STOP_WORDS);
        assert!(is_stop_word("the") && !is_stop_word("token"));
    }
}
