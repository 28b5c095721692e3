//! BM25F scoring and the split into script files: a small manifest, term shards keyed by
//! prefix, and page chunks holding the text for snippets.

use super::documents::{SearchPage, snippet_text};
use super::tokenize::stem;
use count::{BODY_COUNT, Doc, IN_HEADING, IN_TITLE};
use rayon::prelude::*;
use rustc_hash::FxHashSet;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt::Write;

/// Body text is scored with BM25; a word in the page title or the section heading (or FAQ
/// question) adds a bonus on top, larger when that title is short, so "What is a security
/// token?" beats a long heading that merely contains the words.
const W_TITLE_FIRST: f32 = 3.0;
const W_TITLE_OTHER: f32 = 0.6;
const W_HEADING: f32 = 2.5;
/// The home page and section pages list what other pages answer, in few words: a little
/// lower, so the page they point to comes first.
const LISTING_WEIGHT: f32 = 0.6;
const K1: f32 = 1.2;
const B: f32 = 0.75;
/// A shard above this many bytes (before gzip) is split by a longer prefix.
const SHARD_BYTES: usize = 24_000;
/// Below this total the whole index is one shard: one small request beats many.
const SINGLE_SHARD_BYTES: usize = 48_000;
/// Page chunks hold about this many bytes on average: a first query loads one chunk per page
/// it shows, whichever chunks those pages are in.
const CHUNK_BYTES: usize = 8_000;
/// Below this total the page texts are one chunk.
const SINGLE_CHUNK_BYTES: usize = 64_000;
const MAX_KEY_CHARS: usize = 4;
/// A word found in more sections than this keeps only its best-scoring ones: it says little
/// about any one section, and its list would dominate what a query downloads.
const MAX_POSTINGS: usize = 1000;

/// One posting: (page, section, quantised score).
type Posting = (u32, u16, u16);

/// The scored index: term -> postings sorted by page.
pub struct Index {
    pub terms: BTreeMap<String, Vec<Posting>>,
    /// Terms whose postings were cut to `MAX_POSTINGS` (sorted).
    pub truncated: Vec<String>,
    pub docs: usize,
}

/// BM25 on the body plus title and heading bonuses, quantised, for every word of `d`.
fn score_doc(d: &Doc, df: &[u32], n: f32, avg_body: f32) -> Vec<(u32, u16)> {
    let w_title = if d.section == 0 {
        W_TITLE_FIRST
    } else {
        W_TITLE_OTHER
    };
    let title_bonus = w_title / d.words[0].max(1.0).sqrt();
    let heading_bonus = W_HEADING / d.words[1].max(1.0).sqrt();
    let boost = if d.listing { LISTING_WEIGHT } else { 1.0 };
    let norm = 1.0 - B + B * d.lens[2] / avg_body.max(1.0);
    d.terms
        .iter()
        .map(|&(id, counts)| {
            let tf = (counts & BODY_COUNT) as f32 / norm;
            let mut score = tf * (K1 + 1.0) / (tf + K1);
            if counts & IN_TITLE != 0 {
                score += title_bonus;
            }
            if counts & IN_HEADING != 0 {
                score += heading_bonus;
            }
            let df = df[id as usize].max(1) as f32;
            // Smoothed so that words on every page (a help site's main topic) still count.
            let idf = (1.0 + n / df).ln();
            let q = (boost * idf * score * 100.0)
                .round()
                .clamp(1.0, u16::MAX as f32) as u16;
            (id, q)
        })
        .collect()
}

/// Score every (term, document) pair of English pages.
pub fn build_index(pages: &[SearchPage]) -> Index {
    build_index_in(pages, "en")
}

/// Score every (term, document) pair of pages in `language` (its stop words are left out);
/// documents are tokenised and scored in parallel.
pub fn build_index_in(pages: &[SearchPage], language: &str) -> Index {
    let stop = crate::words::stop_words(language);
    let (mut docs, mut names, df) = count::count(pages, stop);
    let n = docs.len().max(1) as f32;
    let avg_body = docs.iter().map(|d| d.lens[2]).sum::<f32>() / n;
    // Documents come in page order, so each list comes out sorted by page. They are scored
    // a slice at a time, and each document's words dropped once scored.
    const SCORED_AT_ONCE: usize = 4096;
    let mut postings: Vec<Vec<Posting>> =
        df.iter().map(|&n| Vec::with_capacity(n as usize)).collect();
    for slice in docs.chunks_mut(SCORED_AT_ONCE) {
        let scored: Vec<Vec<(u32, u16)>> = slice
            .par_iter()
            .map(|d| score_doc(d, &df, n, avg_body))
            .collect();
        for (d, list) in slice.iter_mut().zip(scored) {
            for (id, q) in list {
                postings[id as usize].push((d.page, d.section, q));
            }
            d.terms = Vec::new();
        }
    }
    // Very common words keep only their best postings (see MAX_POSTINGS).
    let cut: Vec<bool> = postings
        .par_iter_mut()
        .map(|list| {
            if list.len() <= MAX_POSTINGS {
                return false;
            }
            let best_first =
                |a: &Posting, b: &Posting| b.2.cmp(&a.2).then(a.0.cmp(&b.0)).then(a.1.cmp(&b.1));
            list.select_nth_unstable_by(MAX_POSTINGS - 1, best_first);
            list.truncate(MAX_POSTINGS);
            list.shrink_to_fit();
            list.sort_unstable();
            true
        })
        .collect();
    let mut order: Vec<u32> = (0..names.len() as u32).collect();
    order.par_sort_unstable_by(|&a, &b| names[a as usize].cmp(&names[b as usize]));
    let truncated = order
        .iter()
        .filter(|&&id| cut[id as usize])
        .map(|&id| names[id as usize].to_owned())
        .collect();
    let terms: BTreeMap<String, Vec<Posting>> = order
        .into_iter()
        .map(|id| {
            (
                std::mem::take(&mut names[id as usize]),
                std::mem::take(&mut postings[id as usize]),
            )
        })
        .collect();
    Index {
        terms,
        truncated,
        docs: docs.len(),
    }
}

impl Index {
    /// Every file of an English index at the site root: `_search/index.js`, shards and page
    /// chunks.
    pub fn files(&self, pages: &[SearchPage], synonyms: &[Vec<String>]) -> Vec<(String, String)> {
        self.files_in(pages, synonyms, "en", "")
    }

    /// Every file of the index of `language`, under `folder` (`de/` puts it in
    /// `de/_search/`).
    pub fn files_in(
        &self,
        pages: &[SearchPage],
        synonyms: &[Vec<String>],
        language: &str,
        folder: &str,
    ) -> Vec<(String, String)> {
        let mut files = Vec::new();
        let english = crate::words::primary(language) == "en";
        let entries: Vec<(&String, &Vec<Posting>)> = self.terms.iter().collect();
        // Each term's shard is chosen by its stem in English, so every form of a word
        // ("reset", "resetting") sits in the one shard the query word's stem leads to.
        let forms: Vec<Cow<str>> = entries
            .par_iter()
            .map(|(t, _)| {
                if english {
                    stem(t)
                } else {
                    Cow::Borrowed(t.as_str())
                }
            })
            .collect();
        let irregular = if english {
            irregular_in(&forms)
        } else {
            BTreeMap::new()
        };
        let shard_keys = shard_keys(&entries, &forms);
        let keys: FxHashSet<&str> = shard_keys.iter().map(String::as_str).collect();
        let mut by_key: BTreeMap<&str, Vec<(&String, &Vec<Posting>)>> = BTreeMap::new();
        for (&(term, postings), form) in entries.iter().zip(&forms) {
            // The longest key that prefixes the form: at most MAX_KEY_CHARS + 1 lookups.
            let key = (0..=MAX_KEY_CHARS)
                .rev()
                .map(|n| prefix(form, n))
                .find(|p| keys.contains(p))
                .unwrap_or("");
            by_key.entry(key).or_default().push((term, postings));
        }
        let shards: Vec<_> = by_key.iter().collect();
        files.par_extend(shards.par_iter().map(|(key, entries)| {
            let cut: Vec<&String> = entries
                .iter()
                .map(|(t, _)| *t)
                .filter(|t| self.truncated.binary_search(t).is_ok())
                .collect();
            (
                format!("{folder}_search/s/{}.js", file_key(key)),
                shard_file(key, entries, &cut),
            )
        }));
        let per = pages_per_chunk(pages);
        let chunk_files: Vec<(String, String)> = pages
            .par_chunks(per)
            .enumerate()
            .map(|(i, group)| {
                (
                    format!("{folder}_search/p/{i}.js"),
                    chunk_file(i, i * per, group),
                )
            })
            .collect();
        files.extend(chunk_files);
        let manifest = serde_json::json!({
            "v": 1,
            "docs": self.docs,
            "pages": pages.len(),
            "shards": by_key.keys().collect::<Vec<_>>(),
            "per": per,
            "lang": language,
            "stop": crate::words::stop_words(language),
            "syn": synonyms,
            "weak": if english { crate::words::WEAK_WORDS } else { &[] },
            "irr": irregular,
        });
        files.push((
            format!("{folder}_search/index.js"),
            format!("helpsiteSearch.index({manifest});\n"),
        ));
        files
    }
}

/// The irregular forms ("saw" -> "see") whose base word's stem is among `stems`, the stems
/// of the index's words: a query holding either form must find the other, and the rest of
/// the table would only weigh on every first query.
fn irregular_in(stems: &[Cow<str>]) -> BTreeMap<&'static str, &'static str> {
    let present: FxHashSet<&str> = stems.iter().map(|s| s.as_ref()).collect();
    super::tokenize::IRREGULAR
        .iter()
        .filter(|(_, base)| present.contains(stem(base).as_ref()))
        .map(|&(form, base)| (form, base))
        .collect()
}

fn cost(term: &str, postings: &[Posting]) -> usize {
    term.len() + 4 + postings.len() * 11
}

fn prefix(term: &str, chars: usize) -> &str {
    match term.char_indices().nth(chars) {
        Some((i, _)) => &term[..i],
        None => term,
    }
}

/// Prefix keys so that no shard is much larger than `SHARD_BYTES`: the shard of a term is
/// chosen by its form (`forms`, in the order of `entries`).
fn shard_keys(entries: &[(&String, &Vec<Posting>)], forms: &[Cow<str>]) -> Vec<String> {
    let mut sized: Vec<(&str, usize)> = entries
        .iter()
        .zip(forms)
        .map(|((t, p), f)| (f.as_ref(), cost(t, p)))
        .collect();
    let total: usize = sized.iter().map(|(_, c)| c).sum();
    if total <= SINGLE_SHARD_BYTES {
        return vec![String::new()];
    }
    sized.par_sort_unstable_by(|a, b| a.0.cmp(b.0));
    let mut keys = Vec::new();
    split(&sized, "", 1, &mut keys);
    keys
}

/// Group forms (sorted) under `parent` by their first `chars` characters, splitting big
/// groups further.
fn split(sized: &[(&str, usize)], parent: &str, chars: usize, keys: &mut Vec<String>) {
    let mut groups: BTreeMap<&str, usize> = BTreeMap::new();
    let start = sized.partition_point(|(f, _)| *f < parent);
    for &(f, c) in &sized[start..] {
        if !f.starts_with(parent) {
            break;
        }
        *groups.entry(prefix(f, chars)).or_default() += c;
    }
    for (key, size) in groups {
        let deeper = size > SHARD_BYTES && chars < MAX_KEY_CHARS && key.chars().count() == chars;
        keys.push(key.to_owned());
        if deeper {
            split(sized, key, chars + 1, keys);
        }
    }
}

/// A file name for a shard key: ASCII letters and digits as they are, others as `_hex`.
pub fn file_key(key: &str) -> String {
    if key.is_empty() {
        return "_all".to_owned();
    }
    let mut out = String::new();
    for c in key.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else {
            let _ = write!(out, "_{:x}", c as u32);
        }
    }
    out
}

/// A shard as a script. Written straight out rather than through `serde_json::Value`: that
/// tree cost more than everything else in the index. `entries` come sorted by term, which
/// is the order a JSON object from `serde_json` would have.
fn shard_file(key: &str, entries: &[(&String, &Vec<Posting>)], truncated: &[&String]) -> String {
    let mut out = Vec::with_capacity(entries.len() * 32);
    out.extend_from_slice(b"helpsiteSearch.shard(");
    json_str(&mut out, key);
    out.push(b',');
    out.push(b'{');
    let mut numbers = itoa::Buffer::new();
    for (n, (term, postings)) in entries.iter().enumerate() {
        if n > 0 {
            out.push(b',');
        }
        json_str(&mut out, term);
        out.extend_from_slice(b":[");
        let mut last = 0u32;
        for (m, &(p, s, q)) in postings.iter().enumerate() {
            if m > 0 {
                out.push(b',');
            }
            for (k, v) in [p - last, u32::from(s), shard_score(q)]
                .into_iter()
                .enumerate()
            {
                if k > 0 {
                    out.push(b',');
                }
                out.extend_from_slice(numbers.format(v).as_bytes());
            }
            last = p;
        }
        out.push(b']');
    }
    out.extend_from_slice(b"},[");
    for (n, term) in truncated.iter().enumerate() {
        if n > 0 {
            out.push(b',');
        }
        json_str(&mut out, term);
    }
    out.extend_from_slice(b"]);\n");
    into_string(out)
}

/// Scores in a shard file are written on a log scale, `round(ln(1 + q) * SCORE_STEPS)`: two
/// or three digits instead of three to five, with steps of under 5 % (search.js reads them
/// back with `exp(v / SCORE_STEPS) - 1`). Ranking needs relative, not exact, scores, and the
/// digits are a large part of what a query downloads.
const SCORE_STEPS: f32 = 22.0;

fn shard_score(q: u16) -> u32 {
    ((1.0 + f32::from(q)).ln() * SCORE_STEPS).round() as u32
}

/// `s` as a JSON string, escaped the way `serde_json` escapes it.
fn json_str(out: &mut Vec<u8>, s: &str) {
    // Writing into a Vec cannot fail.
    let _ = serde_json::to_writer(&mut *out, s);
}

/// Bytes assembled from `str`s and ASCII.
fn into_string(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// Pages per chunk: every chunk holds the same number of consecutive pages, so that the
/// manifest names one number rather than where each of thousands of chunks starts, about
/// `CHUNK_BYTES` each on average; a site whose text fits in `SINGLE_CHUNK_BYTES` is one
/// chunk (one small request beats several).
fn pages_per_chunk(pages: &[SearchPage]) -> usize {
    let total: usize = pages
        .iter()
        .map(|p| {
            p.title.len()
                + p.url.len()
                + p.sections
                    .iter()
                    .map(|s| s.heading.len() + snippet_text(&s.text).len() + s.id.len())
                    .sum::<usize>()
        })
        .sum();
    if total <= SINGLE_CHUNK_BYTES {
        return pages.len().max(1);
    }
    (CHUNK_BYTES * pages.len() / total.max(1)).max(1)
}

/// A chunk of page texts as a script, written straight out like [`shard_file`]; objects
/// keep `serde_json`'s (sorted) key order.
fn chunk_file(chunk: usize, first: usize, pages: &[SearchPage]) -> String {
    let mut out = Vec::with_capacity(CHUNK_BYTES + CHUNK_BYTES / 4);
    let mut numbers = itoa::Buffer::new();
    out.extend_from_slice(b"helpsiteSearch.chunk(");
    out.extend_from_slice(numbers.format(chunk).as_bytes());
    out.extend_from_slice(b",{\"first\":");
    out.extend_from_slice(numbers.format(first).as_bytes());
    out.extend_from_slice(b",\"pages\":[");
    for (n, p) in pages.iter().enumerate() {
        if n > 0 {
            out.push(b',');
        }
        out.extend_from_slice(b"{\"s\":[");
        for (m, s) in p.sections.iter().enumerate() {
            if m > 0 {
                out.push(b',');
            }
            out.push(b'[');
            json_str(&mut out, &s.id);
            out.push(b',');
            json_str(&mut out, &s.heading);
            out.push(b',');
            json_str(&mut out, snippet_text(&s.text));
            out.extend_from_slice(if s.is_question { b",1]" } else { b",0]" });
        }
        out.extend_from_slice(b"],\"t\":");
        json_str(&mut out, &p.title);
        out.extend_from_slice(b",\"u\":");
        json_str(&mut out, &p.url);
        out.push(b'}');
    }
    out.extend_from_slice(b"]});\n");
    // Page text may contain `</script>`-like strings; keep the file a plain script either way.
    into_string(out).replace("</", "<\\/")
}

mod count;
#[cfg(test)]
mod tests;
