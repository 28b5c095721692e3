//! "Did you mean" suggestions for keys, anchors and paths.
//!
//! The same input must give the same suggestion on every run, whatever order the candidates
//! arrive in (they often come out of hash maps or parallel passes): ties are broken by a
//! total order, never by arrival.

use std::cmp::Ordering;

/// How alike two candidates must be (Jaro-Winkler, ignoring case) to be a likely typo.
const MIN_SIMILARITY: f64 = 0.8;

/// The candidate closest to `word`, if it is close enough to be a likely typo. Equally close
/// candidates: the shorter wins, then the one first in byte order.
pub fn closest<'a, I>(word: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    closest_by(word, word, candidates, |c| c)
}

/// [`closest`], comparing `word` with `key(candidate)` only (a file's name without its
/// folder, say). Candidates with equally close keys (`a/setup.md`, `b/setup.md`) are told
/// apart by how close the whole candidate is to `whole`, then as [`closest`] does.
pub fn closest_by<'a, I, K>(word: &str, whole: &str, candidates: I, key: K) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
    K: Fn(&'a str) -> &'a str,
{
    let word = word.to_lowercase();
    let whole = whole.to_lowercase();
    candidates
        .into_iter()
        .filter_map(|c| {
            let near = strsim::jaro_winkler(&word, &key(c).to_lowercase());
            (near >= MIN_SIMILARITY).then_some((near, c))
        })
        .map(|(near, c)| (near, strsim::jaro_winkler(&whole, &c.to_lowercase()), c))
        .max_by(|a, b| rank((a.0, a.1, a.2), (b.0, b.1, b.2)))
        .map(|(_, _, c)| c)
}

/// The order of suggestions, best last: closer key, then closer whole, then shorter, then
/// earlier in byte order. Total, so `max_by` picks the same one whatever the input order.
fn rank(a: (f64, f64, &str), b: (f64, f64, &str)) -> Ordering {
    a.0.total_cmp(&b.0)
        .then_with(|| a.1.total_cmp(&b.1))
        .then_with(|| b.2.len().cmp(&a.2.len()))
        .then_with(|| b.2.cmp(a.2))
}

#[cfg(test)]
mod tests {
    use super::{closest, closest_by, rank};
    use std::cmp::Ordering;

    #[test]
    fn finds_typos_and_ignores_strangers() {
        let keys = ["title", "base_url", "description", "theme"];
        assert_eq!(closest("titel", keys), Some("title"));
        assert_eq!(closest("baseurl", keys), Some("base_url"));
        assert_eq!(closest("zzz", keys), None);
    }

    #[test]
    fn ties_break_by_length_then_byte_order_in_any_input_order() {
        // `instal` is as close to `install` as to `instal1`, and to `Install` (case is
        // ignored): the byte order decides, whatever order the candidates come in.
        let tied = ["install", "instal1", "Install"];
        for order in [[0, 1, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]] {
            let candidates = order.map(|i| tied[i]);
            assert_eq!(closest("instal", candidates), Some("Install"));
        }
        // Equally close: the shorter wins, then the earlier in byte order.
        assert_eq!(rank((0.9, 0.9, "ab"), (0.9, 0.9, "abc")), Ordering::Greater);
        assert_eq!(rank((0.9, 0.9, "abd"), (0.9, 0.9, "abc")), Ordering::Less);
        assert_eq!(rank((0.9, 0.9, "abc"), (0.9, 0.9, "abc")), Ordering::Equal);
        assert_eq!(rank((0.9, 0.8, "a"), (0.9, 0.9, "abc")), Ordering::Less);
    }

    #[test]
    fn equal_names_are_told_apart_by_the_whole_then_by_order() {
        fn name(p: &str) -> &str {
            p.rsplit('/').next().unwrap_or(p)
        }
        let paths = ["c/setup", "guide/setup", "a/setup", "b/setup"];
        let mut rev = paths;
        rev.reverse();
        for p in [paths, rev] {
            assert_eq!(
                closest_by("setup", "guides/setup", p, name),
                Some("guide/setup")
            );
            assert_eq!(closest_by("setup", "setup", p, name), Some("a/setup"));
        }
    }
}
