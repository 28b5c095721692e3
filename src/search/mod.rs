//! Build-time search index: sections and FAQ questions become documents, scored with BM25F
//! in Rust, then split into small script files (`_search/`) that `search.js` loads on first
//! use. Script files, not `fetch()`, so search works from `file://` as well as from a server.

mod documents;
mod index;
mod tokenize;

pub use documents::{SearchPage, SearchSection, documents};
pub use index::{Index, build_index, build_index_in};
pub use tokenize::{fold, stem, tokens};

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

/// Write the index files into `out`: one index per language, each in its own folder
/// (`_search/`, `de/_search/`), so a reader searches the pages of the language they read.
pub fn outputs(
    pages: &[SearchPage],
    synonyms: &[Vec<String>],
    languages: &[Language],
    out: &mut Outputs,
) {
    let mut write = |pages: &[SearchPage], language: &Language| {
        let index = build_index_in(pages, &language.tag);
        for (path, text) in index.files_in(pages, synonyms, &language.tag, &language.prefix) {
            out.insert(path, Content::Bytes(text.into_bytes()));
        }
    };
    match languages {
        [] => write(pages, &Language::default_for("en")),
        [only] => write(pages, only),
        _ => {
            for (i, language) in languages.iter().enumerate() {
                let mine: Vec<SearchPage> = pages
                    .iter()
                    .filter(|p| crate::model::language_of(&p.url, languages) == i)
                    .cloned()
                    .collect();
                write(&mine, language);
            }
        }
    }
}
