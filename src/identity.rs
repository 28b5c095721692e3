//! The site's identity on each page (logo, favicon, header links, footer, announcement) as
//! links relative to that page, and the check that every site path it names is published.

use crate::config::FILE_NAME;
use crate::config::identity::{Identity, Link};
use crate::diagnostic::Diagnostic;
use crate::location::Location;
use crate::output::Outputs;
use serde::Serialize;

/// What templates see as `identity`.
#[derive(Debug, Serialize)]
pub struct IdentityView<'a> {
    pub logo: Option<String>,
    pub favicon: String,
    pub nav_links: Vec<LinkView<'a>>,
    /// Empty: the theme writes the site title and description.
    pub footer_text: &'a str,
    pub footer_links: Vec<LinkView<'a>>,
    pub announcement: Option<AnnouncementView<'a>>,
    /// "Still need help?" (`support:`).
    pub support: Option<SupportView<'a>>,
}

#[derive(Debug, Serialize)]
pub struct SupportView<'a> {
    pub text: &'a str,
    pub href: Option<String>,
    /// The link's text when the site sets one ("Contact support" otherwise).
    pub link: Option<&'a str>,
}

#[derive(Debug, Serialize)]
pub struct LinkView<'a> {
    pub text: &'a str,
    pub href: String,
    pub external: bool,
}

#[derive(Debug, Serialize)]
pub struct AnnouncementView<'a> {
    pub text: &'a str,
    pub href: Option<String>,
    /// The link's text when the site sets one (the theme says "Learn more" otherwise).
    pub link: Option<&'a str>,
    pub key: &'a str,
}

/// The theme's own icon, used when the site sets no `favicon`.
pub const DEFAULT_FAVICON: &str = "_static/favicon.svg";

/// The identity (and `support`) as seen from a page whose way back to the site root is
/// `root`.
pub fn view<'a>(config: &'a crate::config::Config, root: &str) -> IdentityView<'a> {
    let identity = &config.identity;
    let links = |list: &'a [Link]| -> Vec<LinkView<'a>> {
        list.iter()
            .map(|l| LinkView {
                text: &l.text,
                href: l.target.href(root),
                external: matches!(l.target, crate::config::identity::Target::External(_)),
            })
            .collect()
    };
    IdentityView {
        logo: identity.logo.as_ref().map(|t| t.href(root)),
        favicon: match &identity.favicon {
            Some(t) => t.href(root),
            None => format!("{root}{DEFAULT_FAVICON}"),
        },
        nav_links: links(&identity.nav_links),
        footer_text: &identity.footer.text,
        footer_links: links(&identity.footer.links),
        announcement: identity.announcement.as_ref().map(|a| AnnouncementView {
            text: &a.text,
            href: a.target.as_ref().map(|t| t.href(root)),
            link: a.link.as_deref(),
            key: &a.key,
        }),
        support: config.support.as_ref().map(|s| SupportView {
            text: &s.text,
            href: s.target.as_ref().map(|t| t.href(root)),
            link: s.link.as_deref(),
        }),
    }
}

/// Every site path of the identity that no output answers: an error at its place in
/// `helpsite.yaml` (`config_src`), with a did-you-mean among the outputs.
pub fn check(identity: &Identity, outputs: &Outputs, config_src: &str) -> Vec<Diagnostic> {
    let mut errors = Vec::new();
    for (path, key) in identity.site_paths() {
        let published = outputs.contains_key(path)
            || outputs.contains_key(&format!("{}index.html", folder(path)))
            || path.is_empty();
        if published {
            continue;
        }
        let line = config_src
            .lines()
            .position(|l| l.contains(path))
            .map_or(1, |i| i + 1);
        let col = config_src
            .lines()
            .nth(line - 1)
            .and_then(|l| l.find(path))
            .map_or(1, |i| i + 1);
        let mut d = Diagnostic::error(
            "broken-link",
            format!("`{key}` names `/{path}`, which the site does not publish"),
        )
        .at(Location::new(FILE_NAME, line, col), config_src)
        .span(path.chars().count());
        let candidates = outputs.keys().map(String::as_str);
        d = match crate::suggest::closest(path, candidates) {
            Some(s) => d.help(format!("did you mean `/{s}`?")),
            None => d.help("files under `content/` are published at their path; `static/` files under `/_static/`"),
        };
        errors.push(d);
    }
    errors
}

/// `guides` and `guides/` -> `guides/`; `` stays ``.
fn folder(path: &str) -> String {
    if path.is_empty() || path.ends_with('/') {
        path.to_owned()
    } else {
        format!("{path}/")
    }
}
