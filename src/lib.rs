//! helpsite: Markdown guides and YAML FAQs in, a fast, searchable, checked static help site out.
//!
//! Data flows one way: discover -> load -> model -> render -> output -> write.
#![expect(
    clippy::result_large_err,
    reason = "Diagnostic is the one error type; errors are rare and end the run, so moving it by value costs nothing that matters"
)]

pub mod atom;
pub mod check;
pub mod config;
pub mod diagnostic;
pub mod diagrams;
pub mod discover;
pub mod embed;
pub mod fsx;
pub mod highlight;
pub mod html;
pub mod html_scan;
pub mod i18n;
pub mod identity;
pub mod import;
pub mod incremental;
pub mod init;
pub mod jsonld;
pub mod language;
pub mod load;
pub mod location;
pub mod markdown;
pub mod model;
pub mod output;
pub mod pipeline;
pub mod related;
pub mod render;
pub mod resolve;
pub mod rules;
pub mod search;
pub mod serve;
pub mod slug;
pub mod social;
pub mod suggest;
pub mod tag_pages;
pub mod tags;
pub mod templates;
pub mod theme;
pub mod views;
pub mod words;
pub mod write;
pub mod yaml;
