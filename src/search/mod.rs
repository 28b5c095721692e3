//! Build-time search index: sections and FAQ questions become documents, scored with BM25F
//! in Rust, then split into small script files (`_search/`) that `search.js` loads on first
//! use. Script files, not `fetch()`, so search works from `file://` as well as from a server.

mod documents;
mod index;
mod tokenize;

pub use documents::{SearchPage, SearchSection, documents, documents_taking};
pub use index::{Index, build_index, build_index_in};
pub use tokenize::{IRREGULAR, fold, stem, tokens};

use crate::language::Language;
use crate::output::{Content, Outputs};

/// What the index is built from, kept by a preview session to rebuild it off the reload path.
pub struct SearchInput {
    pub documents: Vec<SearchPage>,
    pub synonyms: Vec<Vec<String>>,
    pub languages: Vec<Language>,
}

impl SearchInput {
    pub fn outputs(&self, out: &mut Outputs) {
        outputs(&self.documents, &self.synonyms, &self.languages, out);
    }

    /// Whether output path `rel` is a file of one of the indexes.
    pub fn is_index_path(&self, rel: &str) -> bool {
        self.languages.iter().any(|l| {
            rel.strip_prefix(&l.prefix)
                .is_some_and(|r| r.starts_with(crate::output::SEARCH_DIR))
        })
    }
}

/// The index of one language and the pages it holds.
pub struct LanguageIndex {
    pub language: Language,
    /// The pages, each section's text cut to what a snippet shows (the index holds the rest).
    pub pages: Vec<SearchPage>,
    pub index: Index,
}

/// One index per language, each written to its own folder (`_search/`, `de/_search/`), so a
/// reader searches the pages of the language they read. Built before the pages' templates
/// run: related articles are computed from it.
pub struct Indexes(pub Vec<LanguageIndex>);

impl Indexes {
    pub fn new(pages: Vec<SearchPage>, languages: &[Language]) -> Indexes {
        let one = |mut pages: Vec<SearchPage>, language: Language| {
            let index = build_index_in(&pages, &language.tag);
            for s in pages.iter_mut().flat_map(|p| &mut p.sections) {
                s.text.truncate(documents::snippet_text(&s.text).len());
                s.text.shrink_to_fit();
            }
            LanguageIndex {
                language,
                pages,
                index,
            }
        };
        Indexes(match languages {
            [] => vec![one(pages, Language::default_for("en"))],
            [only] => vec![one(pages, only.clone())],
            _ => {
                let mut split: Vec<Vec<SearchPage>> = vec![Vec::new(); languages.len()];
                for p in pages {
                    let i = crate::model::language_of(&p.url, languages);
                    split[i].push(p);
                }
                split
                    .into_iter()
                    .zip(languages)
                    .map(|(pages, language)| one(pages, language.clone()))
                    .collect()
            }
        })
    }

    /// Write every index's files into `out`.
    pub fn outputs(&self, synonyms: &[Vec<String>], out: &mut Outputs) {
        for l in &self.0 {
            let files = l
                .index
                .files_in(&l.pages, synonyms, &l.language.tag, &l.language.prefix);
            for (path, text) in files {
                out.insert(path, Content::Bytes(text.into_bytes()));
            }
        }
    }
}

/// Build and write the index files of `pages` into `out` (see [`Indexes`]).
pub fn outputs(
    pages: &[SearchPage],
    synonyms: &[Vec<String>],
    languages: &[Language],
    out: &mut Outputs,
) {
    Indexes::new(pages.to_vec(), languages).outputs(synonyms, out);
}
