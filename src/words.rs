//! Word lists and text folding that both the site's settings (`search.synonyms` in
//! helpsite.yaml) and the search index read: they sit below both so neither reaches into the
//! other.

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

/// English words too common to be worth indexing; queries skip them too (see search.js).
pub const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "aren", "as", "at", "be", "by", "can", "d", "didn", "do", "does",
    "doesn", "don", "for", "from", "i", "if", "in", "into", "is", "isn", "it", "its", "ll", "m",
    "me", "my", "not", "of", "on", "or", "re", "s", "t", "that", "the", "this", "to", "ve", "was",
    "wasn", "were", "what", "will", "with", "you", "your",
];

/// German, folded (`für` -> `fur`): articles, pronouns, auxiliaries and particles.
const STOP_DE: &[&str] = &[
    "am", "an", "auf", "aus", "bei", "bin", "bist", "das", "dass", "dem", "den", "der", "des",
    "die", "du", "ein", "eine", "einem", "einen", "einer", "eines", "es", "fur", "hat", "ich",
    "ihr", "im", "in", "ist", "mein", "meine", "mich", "mir", "mit", "nach", "oder", "sich", "sie",
    "sind", "so", "uber", "um", "und", "vom", "von", "vor", "war", "was", "wie", "wir", "wird",
    "zu", "zum", "zur",
];

/// French, folded.
const STOP_FR: &[&str] = &[
    "a", "au", "aux", "avec", "ce", "ces", "d", "dans", "de", "des", "du", "elle", "en", "est",
    "et", "il", "j", "je", "l", "la", "le", "les", "leur", "lui", "ma", "mais", "me", "mes", "mon",
    "n", "ne", "nous", "on", "ou", "par", "pas", "pour", "qu", "que", "qui", "s", "sa", "se",
    "ses", "son", "sur", "ta", "te", "tu", "un", "une", "vos", "votre", "vous",
];

/// Spanish, folded.
const STOP_ES: &[&str] = &[
    "a", "al", "como", "con", "de", "del", "el", "en", "es", "esta", "este", "la", "las", "le",
    "lo", "los", "me", "mi", "mis", "no", "o", "para", "pero", "por", "que", "se", "su", "sus",
    "te", "tu", "un", "una", "unos", "y", "yo",
];

/// Portuguese, folded.
const STOP_PT: &[&str] = &[
    "a", "ao", "as", "com", "como", "da", "das", "de", "do", "dos", "e", "ela", "ele", "em",
    "esta", "este", "eu", "mas", "meu", "minha", "na", "nas", "no", "nos", "o", "os", "ou", "para",
    "pela", "pelo", "por", "que", "se", "seu", "sua", "um", "uma", "voce",
];

/// The stop words of a language tag (`de`, `pt-BR`); none where we keep no list (Japanese
/// and Chinese are indexed as character pairs, where a stop list does harm).
pub fn stop_words(language: &str) -> &'static [&'static str] {
    match primary(language) {
        "en" => STOP_WORDS,
        "de" => STOP_DE,
        "fr" => STOP_FR,
        "es" => STOP_ES,
        "pt" => STOP_PT,
        _ => &[],
    }
}

/// The primary language subtag, lowercase: `pt-BR` -> `pt`.
pub fn primary(language: &str) -> &str {
    language.split(['-', '_']).next().unwrap_or(language)
}

/// Words readers use interchangeably in help questions (English); `search.synonyms` in
/// helpsite.yaml adds more. A query word also matches its group's other words, a little
/// weaker. An entry of several words ("turn off") is a phrase: in a query its words must be
/// adjacent (stop words aside: "get a new" spells "get new"), and as an alternative a section
/// must hold all of them. A phrase that is one word without its stop words ("can't see") is
/// only recognised in queries, never looked for in sections.
pub const DEFAULT_SYNONYMS: &[&[&str]] = &[
    &["receive", "get", "arrive", "come"],
    &["login", "signin", "logon", "log in", "sign in"],
    &["log", "sign"],
    &["signup", "sign up", "register", "create account"],
    &["delete", "remove", "erase"],
    &["disable", "deactivate", "turn off", "switch off"],
    &["deactivate", "remove"],
    &["enable", "activate", "turn on", "switch on"],
    &["error", "problem", "issue", "fail"],
    &["lost", "forgot", "forgotten", "lose"],
    &["change", "update", "modify", "edit"],
    &["email", "mail"],
    &["setup", "configure", "install"],
    &["find", "locate"],
    &["view", "see", "show", "display", "look up", "look at"],
    &["admin", "administrator", "boss", "supervisor"],
    &["button", "option"],
    &["leaked", "exposed", "compromised", "seen by"],
    &["coworker", "colleague", "teammate", "member"],
    &["avatar", "profile picture", "profile photo"],
    &["photo", "picture", "image"],
    &[
        "missing",
        "hidden",
        "not shown",
        "not visible",
        "disappeared",
        "can't see",
        "cannot see",
        "can't find",
        "cannot find",
    ],
    &["visible", "shown"],
    &["invalid", "expired", "rejected", "not accepted"],
    &["shortcut", "hotkey", "keyboard shortcut"],
    &["invoice", "bill", "receipt"],
    &["subscription", "plan"],
    &["notification", "alert"],
    &["2fa", "two factor", "mfa", "multi factor"],
    &["sso", "single sign on"],
    &["organization", "organisation", "company"],
    &["color", "colour"],
    &["app", "application"],
    &[
        "invite",
        "add someone",
        "add people",
        "add user",
        "add member",
        "add teammate",
    ],
    &["reset", "regenerate", "get new", "generate new"],
    &["multiple", "more than one", "several", "two"],
    &["regularly", "how often", "frequently"],
    &["pause", "temporarily", "for a while", "snooze"],
];

/// English question words, the modal verbs and placeholders of questions ("where should
/// I", "what happens if someone") and negations ("the email never came": the answer says
/// "does not arrive"): they help ranking a little when they match ("Where to keep
/// it") but a result need not contain them, so they do not count toward "matches every word".
pub const WEAK_WORDS: &[&str] = &[
    "how",
    "when",
    "where",
    "which",
    "who",
    "why",
    "should",
    "could",
    "would",
    "need",
    "want",
    "there",
    "happen",
    "happens",
    "someone",
    "something",
    "never",
    "no",
    "nothing",
    "nobody",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stop_lists_are_sorted_folded_and_unique() {
        for lang in ["en", "de", "fr", "es", "pt-BR"] {
            let list = stop_words(lang);
            assert!(!list.is_empty(), "{lang}");
            for pair in list.windows(2) {
                assert!(pair[0] < pair[1], "{lang}: {pair:?} out of order");
            }
            for w in list {
                assert_eq!(fold(w), *w, "{lang}: `{w}` is not folded");
            }
        }
        assert!(stop_words("ja").is_empty() && stop_words("zh-Hans").is_empty());
    }
}
