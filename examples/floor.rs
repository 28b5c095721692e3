//! The speed floor for benchmarks: pulldown-cmark alone reading, parsing and rendering every
//! Markdown file under a folder (front matter skipped), in parallel like helpsite. No
//! templates, no highlighting, no index, no writes.
//! Usage: cargo run --release --example floor -- CONTENT_DIR

use rayon::prelude::*;
use std::time::Instant;

fn main() {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: floor CONTENT_DIR");
        std::process::exit(2);
    };
    let started = Instant::now();
    let files: Vec<_> = walkdir::WalkDir::new(&dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| e.into_path())
        .collect();
    let bytes: usize = files
        .par_iter()
        .map(|path| {
            let text = std::fs::read_to_string(path).unwrap_or_default();
            let body = strip_front_matter(&text);
            let mut html = String::with_capacity(body.len() * 3 / 2);
            let parser = pulldown_cmark::Parser::new_ext(body, helpsite::markdown::options());
            pulldown_cmark::html::push_html(&mut html, parser);
            html.len()
        })
        .sum();
    eprintln!(
        "floor: {} files, {} bytes of HTML in {:.0} ms",
        files.len(),
        bytes,
        started.elapsed().as_secs_f64() * 1000.0
    );
}

fn strip_front_matter(text: &str) -> &str {
    if let Some(rest) = text.strip_prefix("---\n")
        && let Some(end) = rest.find("\n---\n")
    {
        return &rest[end + 5..];
    }
    text
}
