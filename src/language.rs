//! Language tags: validation as BCP 47 (`english` is refused with a did-you-mean `en`) and the
//! languages a site is written in.

use std::str::FromStr;
use unic_langid::LanguageIdentifier;

/// One language of the site. The default language's pages live in `content/`, the others'
/// in `content/<folder>/` and at `/<folder>/...`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Language {
    /// Canonical BCP 47 tag (`pt-BR`), for `lang` and `hreflang`.
    pub tag: String,
    /// URL and content folder prefix: `""` for the default language, `de/` otherwise (the
    /// key as written in helpsite.yaml).
    pub prefix: String,
    /// The site title and description in this language (`None`: the site's).
    pub title: Option<String>,
    pub description: Option<String>,
    /// What the language switcher calls it (`Deutsch`).
    pub name: String,
}

impl Language {
    /// The default language of a site with tag `tag`.
    pub fn default_for(tag: &str) -> Self {
        Language {
            tag: tag.to_owned(),
            prefix: String::new(),
            title: None,
            description: None,
            name: native_name(tag).unwrap_or(tag).to_owned(),
        }
    }
}

/// `text` as a canonical BCP 47 tag, or a message and a hint saying what to write instead.
pub fn parse_tag(text: &str) -> Result<String, (String, String)> {
    let trimmed = text.trim();
    let hint = |found: Option<&str>| match found {
        Some(tag) => format!("did you mean `{tag}`?"),
        None => {
            "write a BCP 47 language tag such as `en`, `de`, `fr`, `pt-BR` or `zh-Hans`".to_owned()
        }
    };
    let parsed = LanguageIdentifier::from_str(trimmed).ok().filter(|id| {
        // Five to eight letters are reserved in BCP 47 and never assigned: `english` or
        // `deutsch` parse as tags, yet are language names.
        let lang = id.language.as_str();
        !id.language.is_empty() && (2..=3).contains(&lang.len())
    });
    match parsed {
        Some(id) => Ok(id.to_string()),
        None => Err((
            format!("`{trimmed}` is not a language tag"),
            hint(tag_for_name(trimmed)),
        )),
    }
}

/// Languages by name, in English and in their own words, for the did-you-mean.
const NAMES: &[(&str, &str)] = &[
    ("arabic", "ar"),
    ("brazilian", "pt-BR"),
    ("brazilian portuguese", "pt-BR"),
    ("chinese", "zh"),
    ("czech", "cs"),
    ("danish", "da"),
    ("deutsch", "de"),
    ("dutch", "nl"),
    ("english", "en"),
    ("espanol", "es"),
    ("español", "es"),
    ("finnish", "fi"),
    ("francais", "fr"),
    ("français", "fr"),
    ("french", "fr"),
    ("german", "de"),
    ("greek", "el"),
    ("hebrew", "he"),
    ("hindi", "hi"),
    ("italian", "it"),
    ("italiano", "it"),
    ("japanese", "ja"),
    ("korean", "ko"),
    ("nederlands", "nl"),
    ("norwegian", "nb"),
    ("polish", "pl"),
    ("polski", "pl"),
    ("portugues", "pt"),
    ("português", "pt"),
    ("portuguese", "pt"),
    ("russian", "ru"),
    ("spanish", "es"),
    ("svenska", "sv"),
    ("swedish", "sv"),
    ("turkish", "tr"),
    ("ukrainian", "uk"),
    ("中文", "zh"),
    ("日本語", "ja"),
];

fn tag_for_name(name: &str) -> Option<&'static str> {
    let key = name.trim().to_lowercase().replace(['_', '-'], " ");
    NAMES
        .iter()
        .find(|(n, _)| *n == key)
        .map(|(_, tag)| *tag)
        .or_else(|| {
            // `en_US`, `EN-us`: the tag with the wrong separator or case still parses above;
            // a close misspelling of a name (`engish`) gets its tag.
            crate::suggest::closest(&key, NAMES.iter().map(|(n, _)| *n))
                .and_then(|n| NAMES.iter().find(|(m, _)| *m == n))
                .map(|(_, tag)| *tag)
        })
}

/// A language's name in itself, for the language switcher.
pub fn native_name(tag: &str) -> Option<&'static str> {
    let exact = match tag {
        "pt-BR" => Some("Português (Brasil)"),
        "pt-PT" => Some("Português (Portugal)"),
        "zh-Hans" | "zh-CN" | "zh-SG" => Some("简体中文"),
        "zh-Hant" | "zh-TW" | "zh-HK" => Some("繁體中文"),
        "en-GB" => Some("English (UK)"),
        "en-US" => Some("English (US)"),
        _ => None,
    };
    exact.or(match crate::words::primary(tag) {
        "ar" => Some("العربية"),
        "cs" => Some("Čeština"),
        "da" => Some("Dansk"),
        "de" => Some("Deutsch"),
        "el" => Some("Ελληνικά"),
        "en" => Some("English"),
        "es" => Some("Español"),
        "fi" => Some("Suomi"),
        "fr" => Some("Français"),
        "he" => Some("עברית"),
        "hi" => Some("हिन्दी"),
        "it" => Some("Italiano"),
        "ja" => Some("日本語"),
        "ko" => Some("한국어"),
        "nb" | "no" => Some("Norsk"),
        "nl" => Some("Nederlands"),
        "pl" => Some("Polski"),
        "pt" => Some("Português"),
        "ru" => Some("Русский"),
        "sv" => Some("Svenska"),
        "tr" => Some("Türkçe"),
        "uk" => Some("Українська"),
        "zh" => Some("中文"),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_canonical_and_names_are_refused_with_their_tag() {
        assert_eq!(parse_tag("en").as_deref(), Ok("en"));
        assert_eq!(parse_tag("pt-br").as_deref(), Ok("pt-BR"));
        assert_eq!(parse_tag("zh-hans").as_deref(), Ok("zh-Hans"));
        let (msg, help) = parse_tag("english").unwrap_err();
        assert_eq!(msg, "`english` is not a language tag");
        assert_eq!(help, "did you mean `en`?");
        assert_eq!(parse_tag("Deutsch").unwrap_err().1, "did you mean `de`?");
        assert_eq!(parse_tag("engish").unwrap_err().1, "did you mean `en`?");
        assert!(parse_tag("").is_err());
        assert!(parse_tag("x").is_err());
        assert!(parse_tag("12").unwrap_err().1.contains("BCP 47"));
    }

    #[test]
    fn names_for_the_switcher() {
        assert_eq!(native_name("de-AT"), Some("Deutsch"));
        assert_eq!(native_name("pt-BR"), Some("Português (Brasil)"));
        assert_eq!(native_name("qq"), None);
    }
}
