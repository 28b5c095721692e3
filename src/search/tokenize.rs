//! Word splitting for the search index. `search.js` implements the same rules; a test runs
//! both on the same text so index and queries can never disagree.
//!
//! Rules: lowercase; strip diacritics (NFD, drop marks, NFC); split on anything that is not a
//! letter or digit; runs of CJK characters become overlapping character bigrams.

pub use crate::words::fold;

use std::borrow::Cow;
use std::sync::LazyLock;

static ENGLISH: LazyLock<rust_stemmers::Stemmer> =
    LazyLock::new(|| rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English));

/// The index form of an English term: its Snowball (Porter2) stem, so "resetting", "resets"
/// and "reset" are one entry. Only words of the letters a-z are stemmed (codes, numbers and
/// other scripts stay as they are); `search.js` stems query words by the same rule and the
/// same algorithm, which a test checks on thousands of words.
///
/// Snowball only strips suffixes, so irregular forms ("saw", "hidden", "older", "people") go
/// to their base word first (see [`IRREGULAR`]): "the token was seen" is found by "see".
pub fn stem(word: &str) -> Cow<'_, str> {
    if word.len() > 2 && word.bytes().all(|b| b.is_ascii_lowercase()) {
        match IRREGULAR.binary_search_by(|(form, _)| (*form).cmp(word)) {
            Ok(i) => Cow::Owned(ENGLISH.stem(IRREGULAR[i].1).into_owned()),
            Err(_) => ENGLISH.stem(word),
        }
    } else {
        Cow::Borrowed(word)
    }
}

/// Irregular English forms and their base words, sorted by form: past tenses and
/// participles, comparatives and superlatives, plurals. Forms that are also a common word of
/// their own are left out ("left", "won" as in "won't", "gone" and "go", "led", "best"),
/// and so are forms Snowball already joins. Each index's manifest carries the entries its
/// words need (see `irregular_in`), which `search.js` stems by.
pub const IRREGULAR: &[(&str, &str)] = &[
    ("ate", "eat"),
    ("began", "begin"),
    ("begun", "begin"),
    ("bigger", "big"),
    ("biggest", "big"),
    ("bought", "buy"),
    ("broke", "break"),
    ("broken", "break"),
    ("brought", "bring"),
    ("built", "build"),
    ("came", "come"),
    ("caught", "catch"),
    ("children", "child"),
    ("chose", "choose"),
    ("chosen", "choose"),
    ("drawn", "draw"),
    ("drew", "draw"),
    ("driven", "drive"),
    ("drove", "drive"),
    ("easier", "easy"),
    ("easiest", "easy"),
    ("eaten", "eat"),
    ("fallen", "fall"),
    ("faster", "fast"),
    ("fastest", "fast"),
    ("feet", "foot"),
    ("fell", "fall"),
    ("felt", "feel"),
    ("fewer", "few"),
    ("fewest", "few"),
    ("flew", "fly"),
    ("flown", "fly"),
    ("forbade", "forbid"),
    ("forbidden", "forbid"),
    ("forgot", "forget"),
    ("forgotten", "forget"),
    ("fought", "fight"),
    ("found", "find"),
    ("froze", "freeze"),
    ("frozen", "freeze"),
    ("gave", "give"),
    ("given", "give"),
    ("got", "get"),
    ("gotten", "get"),
    ("grew", "grow"),
    ("grown", "grow"),
    ("harder", "hard"),
    ("hardest", "hard"),
    ("heard", "hear"),
    ("held", "hold"),
    ("hid", "hide"),
    ("hidden", "hide"),
    ("higher", "high"),
    ("highest", "high"),
    ("hung", "hang"),
    ("kept", "keep"),
    ("knew", "know"),
    ("known", "know"),
    ("larger", "large"),
    ("largest", "large"),
    ("longer", "long"),
    ("longest", "long"),
    ("lost", "lose"),
    ("lower", "low"),
    ("lowest", "low"),
    ("made", "make"),
    ("meant", "mean"),
    ("men", "man"),
    ("met", "meet"),
    ("mice", "mouse"),
    ("mistaken", "mistake"),
    ("mistook", "mistake"),
    ("newer", "new"),
    ("newest", "new"),
    ("older", "old"),
    ("oldest", "old"),
    ("overridden", "override"),
    ("overrode", "override"),
    ("paid", "pay"),
    ("people", "person"),
    ("ran", "run"),
    ("rang", "ring"),
    ("rewritten", "rewrite"),
    ("rewrote", "rewrite"),
    ("rung", "ring"),
    ("said", "say"),
    ("sat", "sit"),
    ("saw", "see"),
    ("seen", "see"),
    ("sent", "send"),
    ("shaken", "shake"),
    ("shook", "shake"),
    ("shorter", "short"),
    ("shortest", "short"),
    ("shown", "show"),
    ("slept", "sleep"),
    ("slower", "slow"),
    ("slowest", "slow"),
    ("smaller", "small"),
    ("smallest", "small"),
    ("sold", "sell"),
    ("spent", "spend"),
    ("spoke", "speak"),
    ("spoken", "speak"),
    ("stole", "steal"),
    ("stolen", "steal"),
    ("taken", "take"),
    ("taught", "teach"),
    ("teeth", "tooth"),
    ("thought", "think"),
    ("threw", "throw"),
    ("thrown", "throw"),
    ("told", "tell"),
    ("took", "take"),
    ("understood", "understand"),
    ("undid", "undo"),
    ("undone", "undo"),
    ("wider", "wide"),
    ("widest", "wide"),
    ("withdrawn", "withdraw"),
    ("withdrew", "withdraw"),
    ("woke", "wake"),
    ("woken", "wake"),
    ("women", "woman"),
    ("wore", "wear"),
    ("worn", "wear"),
    ("written", "write"),
    ("wrote", "write"),
];

/// Han, kana and Hangul: scripts written without spaces, indexed as bigrams.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF
        | 0xAC00..=0xD7AF | 0x20000..=0x2FA1F)
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Split text into index terms, calling `emit` for each.
pub fn tokens(text: &str, mut emit: impl FnMut(&str)) {
    if text.is_ascii() && !text.bytes().any(|b| b.is_ascii_uppercase()) {
        folded_tokens(text, &mut emit);
    } else {
        folded_tokens(&fold(text), &mut emit);
    }
}

/// Split text that is already folded (see [`fold`]) into terms. Every term is a slice of
/// the input, CJK bigrams included, so indexing allocates nothing per word.
pub fn folded_tokens<'a>(folded: &'a str, emit: &mut impl FnMut(&'a str)) {
    if folded.is_ascii() {
        let bytes = folded.as_bytes();
        let mut start = None;
        for (i, b) in bytes.iter().enumerate() {
            match (b.is_ascii_alphanumeric(), start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    emit(&folded[s..i]);
                    start = None;
                }
                _ => {}
            }
        }
        if let Some(s) = start {
            emit(&folded[s..]);
        }
        return;
    }
    let mut word: Option<usize> = None;
    // The CJK run so far: where it started, where its last character started, its length.
    let mut cjk: Option<(usize, usize, usize)> = None;
    let flush_cjk =
        |cjk: &mut Option<(usize, usize, usize)>, end: usize, emit: &mut dyn FnMut(&'a str)| {
            if let Some((start, _, 1)) = *cjk {
                emit(&folded[start..end]);
            }
            *cjk = None;
        };
    for (i, c) in folded.char_indices() {
        if is_cjk(c) {
            if let Some(s) = word.take() {
                emit(&folded[s..i]);
            }
            cjk = Some(match cjk {
                None => (i, i, 1),
                Some((start, last, n)) => {
                    // Overlapping bigrams: the previous character and this one.
                    emit(&folded[last..i + c.len_utf8()]);
                    (start, i, n + 1)
                }
            });
        } else {
            flush_cjk(&mut cjk, i, emit);
            if is_word_char(c) {
                word.get_or_insert(i);
            } else if let Some(s) = word.take() {
                emit(&folded[s..i]);
            }
        }
    }
    flush_cjk(&mut cjk, folded.len(), emit);
    if let Some(s) = word {
        emit(&folded[s..]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::words::STOP_WORDS;

    fn all(text: &str) -> Vec<String> {
        let mut v = Vec::new();
        tokens(text, |t| v.push(t.to_owned()));
        v
    }

    #[test]
    fn irregular_forms_share_their_base_words_stem() {
        for pair in IRREGULAR.windows(2) {
            assert!(pair[0].0 < pair[1].0, "{pair:?} out of order");
        }
        for (form, base) in [
            ("saw", "seeing"),
            ("hidden", "hides"),
            ("older", "old"),
            ("forgotten", "forgetting"),
            ("people", "person"),
        ] {
            assert_eq!(stem(form), stem(base), "{form} / {base}");
        }
        // Regular words and forms left out of the table keep their own stems.
        assert_eq!(stem("left"), "left");
        assert_eq!(stem("resetting"), "reset");
    }

    #[test]
    fn ascii_fast_path_matches_the_general_path() {
        let text = "Use wg-quick, then K9M4P2Q8X7J5! snake_case a.b";
        let mut fast = Vec::new();
        folded_tokens(&text.to_ascii_lowercase(), &mut |t: &str| {
            fast.push(t.to_owned())
        });
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
        assert_eq!(all("是"), ["是"]);
        assert_eq!(all("a安全b 令"), ["a", "安全", "b", "令"]);
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
        assert!(
            STOP_WORDS.binary_search(&"the").is_ok() && STOP_WORDS.binary_search(&"token").is_err()
        );
    }
}
