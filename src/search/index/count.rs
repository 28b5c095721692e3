//! Counting: every document (a section or FAQ question) reduced to its distinct words, by
//! id, with their counts. Pages are folded and counted a chunk at a time, and each chunk's
//! folded text is dropped as soon as it is counted: at 10,000 pages, holding every page's
//! folded text with a `&str` per word and document cost about 400 MB at the build's peak.

use super::super::documents::SearchPage;
use super::super::tokenize::{fold, folded_tokens};
use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;

/// Pages folded and counted together: large enough that a chunk's vocabulary is small next
/// to its documents, small enough that the folded text in flight stays a few MB.
const CHUNK_PAGES: usize = 256;

/// A body count with these bits set: the word is also in the title, in the heading.
pub const IN_TITLE: u32 = 1 << 31;
pub const IN_HEADING: u32 = 1 << 30;
/// The bits of the body count.
pub const BODY_COUNT: u32 = IN_HEADING - 1;

/// One document reduced to its distinct indexed words.
pub struct Doc {
    pub page: u32,
    pub section: u16,
    pub listing: bool,
    /// Distinct words in order of first use: (word id, body count with `IN_TITLE` and
    /// `IN_HEADING`).
    pub terms: Vec<(u32, u32)>,
    /// Words per field (title, heading, body), stop words included (BM25's length
    /// normalisation).
    pub lens: [f32; 3],
    /// Distinct indexed words per field.
    pub words: [f32; 3],
}

/// Every document of `pages` in order (pages, then their sections), every word (by id) and
/// in how many documents each occurs.
pub fn count(pages: &[SearchPage], stop: &[&str]) -> (Vec<Doc>, Vec<String>, Vec<u32>) {
    let chunks: Vec<Chunk> = pages
        .par_chunks(CHUNK_PAGES)
        .enumerate()
        .map(|(i, chunk)| count_chunk(chunk, i * CHUNK_PAGES, stop))
        .collect();
    // Merge the chunks' vocabularies in order, then renumber each chunk's words.
    let mut id_of: HashMap<Box<str>, u32> = HashMap::default();
    let maps: Vec<Vec<u32>> = chunks
        .iter()
        .map(|c| {
            c.words
                .iter()
                .map(|w| match id_of.get(w.as_str()) {
                    Some(&id) => id,
                    None => {
                        let id = id_of.len() as u32;
                        id_of.insert(w.as_str().into(), id);
                        id
                    }
                })
                .collect()
        })
        .collect();
    let mut names = vec![String::new(); id_of.len()];
    for (w, id) in id_of {
        names[id as usize] = w.into();
    }
    let mut docs = Vec::with_capacity(chunks.iter().map(|c| c.docs.len()).sum());
    for (mut c, map) in chunks.into_iter().zip(&maps) {
        c.docs.par_iter_mut().for_each(|d| {
            for t in &mut d.terms {
                t.0 = map[t.0 as usize];
            }
        });
        docs.append(&mut c.docs);
    }
    let mut df = vec![0u32; names.len()];
    for d in &docs {
        for &(id, _) in &d.terms {
            df[id as usize] += 1;
        }
    }
    (docs, names, df)
}

/// The documents of a chunk of pages, numbering words within the chunk.
struct Chunk {
    docs: Vec<Doc>,
    words: Vec<String>,
}

fn count_chunk(pages: &[SearchPage], first: usize, stop: &[&str]) -> Chunk {
    let folded: Vec<Folded> = pages.iter().map(fold_page).collect();
    let mut slot = HashMap::default();
    let mut id_of: HashMap<&str, u32> = HashMap::default();
    let mut words: Vec<&str> = Vec::new();
    let mut docs = Vec::new();
    for (p, (page, f)) in pages.iter().zip(&folded).enumerate() {
        for (s, [heading, text]) in f.sections.iter().enumerate() {
            let counted = count_doc(&mut slot, [&f.title, heading, text], stop);
            let terms = counted
                .terms
                .iter()
                .map(|&(t, c)| {
                    let id = *id_of.entry(t).or_insert_with(|| {
                        words.push(t);
                        (words.len() - 1) as u32
                    });
                    (id, pack(c))
                })
                .collect();
            docs.push(Doc {
                page: (first + p) as u32,
                section: s.min(u16::MAX as usize) as u16,
                listing: page.listing,
                terms,
                lens: counted.lens,
                words: counted.words,
            });
        }
    }
    Chunk {
        docs,
        words: words.into_iter().map(str::to_owned).collect(),
    }
}

/// Title, heading and body counts in one number.
fn pack([title, heading, body]: [u32; 3]) -> u32 {
    let mut c = body.min(BODY_COUNT);
    if title > 0 {
        c |= IN_TITLE;
    }
    if heading > 0 {
        c |= IN_HEADING;
    }
    c
}

/// Folded (lowercase, no diacritics) text of a page: its title and each section's heading
/// and body. Words are slices of these strings, so counting allocates nothing per word.
struct Folded {
    title: String,
    sections: Vec<[String; 2]>,
}

fn fold_page(page: &SearchPage) -> Folded {
    Folded {
        title: fold(&page.title),
        sections: page
            .sections
            .iter()
            .map(|s| [fold(&s.heading), fold(&s.text)])
            .collect(),
    }
}

/// A document's words with their title, heading and body counts, before numbering.
struct Counted<'a> {
    terms: Vec<(&'a str, [u32; 3])>,
    lens: [f32; 3],
    words: [f32; 3],
}

/// `slot` is scratch space, reused between documents so it grows only once per chunk.
fn count_doc<'a>(
    slot: &mut HashMap<&'a str, usize>,
    fields: [&'a str; 3],
    stop: &[&'a str],
) -> Counted<'a> {
    const STOP: usize = usize::MAX;
    slot.clear();
    // Stop words sit in the same table, so each word costs one lookup.
    slot.extend(stop.iter().map(|w| (*w, STOP)));
    let mut terms: Vec<(&str, [u32; 3])> = Vec::new();
    let mut lens = [0.0; 3];
    for (f, text) in fields.iter().enumerate() {
        let mut n = 0.0;
        folded_tokens(text, &mut |t| {
            n += 1.0;
            let i = *slot.entry(t).or_insert_with(|| {
                terms.push((t, [0; 3]));
                terms.len() - 1
            });
            if let Some(term) = terms.get_mut(i) {
                term.1[f] += 1;
            }
        });
        lens[f] = n;
    }
    let mut words = [0.0; 3];
    for (_, counts) in &terms {
        for (w, &c) in words.iter_mut().zip(counts) {
            if c > 0 {
                *w += 1.0;
            }
        }
    }
    Counted { terms, lens, words }
}
