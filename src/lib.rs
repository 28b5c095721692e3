//! helpsite: Markdown guides and YAML FAQs in, a fast, searchable, checked static help site out.
//!
//! Data flows one way: discover -> load -> model -> render -> output -> write.

pub mod config;
pub mod diagnostic;
pub mod discover;
pub mod fsx;
pub mod highlight;
pub mod html;
pub mod init;
pub mod jsonld;
pub mod load;
pub mod location;
pub mod markdown;
pub mod model;
pub mod output;
pub mod pipeline;
pub mod render;
pub mod resolve;
pub mod slug;
pub mod suggest;
pub mod templates;
pub mod theme;
pub mod views;
pub mod write;
pub mod yaml;
