//! helpsite: Markdown guides and YAML FAQs in, a fast, searchable, checked static help site out.
//!
//! Data flows one way: discover -> load -> model -> render -> output -> write.

#![expect(
    clippy::result_large_err,
    reason = "a Diagnostic carries its source line and help so errors print without rereading files"
)]

pub mod config;
pub mod diagnostic;
pub mod discover;
pub mod fsx;
pub mod load;
pub mod location;
pub mod slug;
pub mod suggest;
pub mod yaml;
pub mod highlight;
pub mod html;
pub mod markdown;
pub mod model;
pub mod templates;
pub mod theme;
pub mod resolve;
pub mod jsonld;
pub mod render;
pub mod views;
pub mod output;
pub mod pipeline;
pub mod write;
pub mod init;
pub mod rules;
pub mod check;
