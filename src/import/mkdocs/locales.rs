//! Where the `i18n` plugin's languages keep their files in the docs folder (a locale
//! suffix, `page.fr.md`, or a locale folder, `fr/page.md`), and so which language a file
//! belongs to.

/// How translations sit in the docs folder (`docs_structure`).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub enum Structure {
    /// `page.fr.md` next to `page.md` (the plugin's default).
    #[default]
    Suffix,
    /// `en/page.md` and `fr/page.md`.
    Folder,
}

/// Where each language's files are in the docs folder.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Locales {
    pub structure: Structure,
    /// The default locale as written: its folder moves to the content root, its suffix is
    /// dropped (`page.en.md` -> `page.md`).
    pub default: Option<String>,
    /// The other locales carried over, whose files stay where they are.
    pub others: Vec<String>,
    /// Locales left out (not built, or not a language tag): their files are not copied.
    pub left_out: Vec<String>,
}

/// What a docs file is to the plugin.
#[derive(Debug, PartialEq)]
pub enum Owner {
    /// Shared, or a translation helpsite reads where it is.
    Kept,
    /// The default language's version: its path without the locale.
    Default(String),
    /// A file of a language that is left out.
    LeftOut(String),
}

impl Locales {
    /// Whose file `rel` (a docs path) is.
    pub fn owner(&self, rel: &str) -> Owner {
        let Some((locale, plain)) = self.split(rel) else {
            return Owner::Kept;
        };
        if self.default.as_deref() == Some(locale) {
            Owner::Default(plain)
        } else if self.left_out.iter().any(|l| l == locale) {
            Owner::LeftOut(locale.to_owned())
        } else {
            Owner::Kept
        }
    }

    /// The carried-over language other than the default whose suffix `rel` has
    /// (`guide.fr.md`: `fr`), with the suffix structure.
    pub fn suffix_of<'r>(&self, rel: &'r str) -> Option<&'r str> {
        if self.structure != Structure::Suffix {
            return None;
        }
        let (locale, _) = self.split(rel)?;
        self.others.iter().any(|o| o == locale).then_some(locale)
    }

    /// Where the translations of the page written at `dest` would be written.
    pub fn translations_of(&self, dest: &str) -> Vec<String> {
        let Some((stem, ext)) = dest.rsplit_once('.') else {
            return Vec::new();
        };
        self.others
            .iter()
            .map(|l| match self.structure {
                Structure::Folder => format!("{l}/{dest}"),
                Structure::Suffix => format!("{stem}.{l}.{ext}"),
            })
            .collect()
    }

    /// The locale part of `rel` (its first folder, or its suffix) and the path without it.
    fn split<'r>(&self, rel: &'r str) -> Option<(&'r str, String)> {
        match self.structure {
            Structure::Folder => {
                let (first, rest) = rel.split_once('/')?;
                Some((first, rest.to_owned()))
            }
            Structure::Suffix => {
                let (dir, name) = rel.rsplit_once('/').map_or(("", rel), |(d, n)| (d, n));
                let (stem, ext) = name.rsplit_once('.')?;
                let (base, locale) = stem.rsplit_once('.')?;
                if base.is_empty() {
                    return None;
                }
                let plain = match dir {
                    "" => format!("{base}.{ext}"),
                    dir => format!("{dir}/{base}.{ext}"),
                };
                Some((locale, plain))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_belong_to_their_locale() {
        let mut locales = Locales {
            structure: Structure::Suffix,
            default: Some("en".to_owned()),
            others: vec!["fr".to_owned()],
            left_out: vec!["de".to_owned()],
        };
        assert_eq!(locales.suffix_of("a/page.fr.md"), Some("fr"));
        assert_eq!(locales.suffix_of("a/page.de.md"), None);
        assert_eq!(locales.suffix_of("jquery.min.js"), None);
        assert_eq!(locales.translations_of("a/b.md"), ["a/b.fr.md"]);
        assert_eq!(
            locales.owner("a/page.en.md"),
            Owner::Default("a/page.md".to_owned())
        );
        assert_eq!(
            locales.owner("img.en.png"),
            Owner::Default("img.png".to_owned())
        );
        assert_eq!(
            locales.owner("a/page.de.md"),
            Owner::LeftOut("de".to_owned())
        );
        assert_eq!(locales.owner("a/page.fr.md"), Owner::Kept);
        assert_eq!(locales.owner(".en.md"), Owner::Kept);
        assert_eq!(locales.owner("page.md"), Owner::Kept);
        locales.structure = Structure::Folder;
        assert_eq!(
            locales.owner("en/a/page.md"),
            Owner::Default("a/page.md".to_owned())
        );
        assert_eq!(locales.owner("de/page.md"), Owner::LeftOut("de".to_owned()));
        assert_eq!(locales.owner("fr/page.md"), Owner::Kept);
        assert_eq!(locales.owner("en.md"), Owner::Kept);
    }
}
