//! helpsite's integration tests: one test binary, one module per area. Every test runs the
//! real `helpsite` binary on a fixture site (`tests/fixtures/<case>/`) copied into a
//! temporary folder and asserts on what it printed and wrote.

mod browser;
mod build;
mod cli;
mod diagrams;
mod errors;
mod escaping;
mod faq;
mod hardening;
mod home;
mod html_valid;
mod identity;
mod languages;
mod links;
mod markdown;
mod metadata;
mod output_folder;
mod related;
mod safety;
mod snapshots;
mod util;
mod wild;
