//! Build-time search index: sections and FAQ questions become documents, scored with BM25F
//! in Rust, then split into small script files (`_search/`) that `search.js` loads on first
//! use. Script files, not `fetch()`, so search works from `file://` as well as from a server.

mod documents;
mod index;
mod tokenize;

pub use documents::{SearchPage, SearchSection, documents};
pub use index::{Index, build_index};
pub use tokenize::{fold, tokens};

use crate::output::{Content, Outputs};

/// Write the index files into `out`.
pub fn outputs(pages: &[SearchPage], synonyms: &[Vec<String>], out: &mut Outputs) {
    let index = build_index(pages);
    for (path, text) in index.files(pages, synonyms) {
        out.insert(path, Content::Bytes(text.into_bytes()));
    }
}
