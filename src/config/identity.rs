//! The site's identity in `helpsite.yaml`: `logo`, `favicon`, header links (`nav_links`),
//! the footer and an announcement bar. Targets are absolute URLs or paths from the site root
//! (`/files/logo.svg`, `/guides/`); whether a path exists is checked once the site is known
//! (see `crate::identity`).

use crate::config::FILE_NAME;
use crate::diagnostic::Diagnostic;
use crate::location::Location;
use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawLink {
    text: String,
    url: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawFooter {
    text: Option<String>,
    #[serde(default)]
    links: Vec<RawLink>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawAnnouncement {
    text: String,
    url: Option<String>,
    link: Option<String>,
}

/// Where a link or image of the site's identity points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// `https://...`, `mailto:...`: written as it is.
    External(String),
    /// A path from the site root without the leading `/` (`files/logo.svg`, `guides/`),
    /// made relative to each page; `key` is the config key it was written under, for errors.
    Site { path: String, key: String },
}

impl Target {
    /// The `href`/`src` to write on a page whose way back to the site root is `root`.
    pub fn href(&self, root: &str) -> String {
        match self {
            Target::External(url) => url.clone(),
            Target::Site { path, .. } => format!("{root}{}", crate::resolve::encode_segments(path)),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub text: String,
    pub target: Target,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Footer {
    /// Empty: the site title and description, as before.
    pub text: String,
    pub links: Vec<Link>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Announcement {
    pub text: String,
    pub target: Option<Target>,
    /// The link's own text (`link:`); the theme's "Learn more" when not set.
    pub link: Option<String>,
    /// Changes with the text or link, so a new announcement shows again to readers who
    /// dismissed the last one.
    pub key: String,
}

/// Validated identity settings.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Identity {
    pub logo: Option<Target>,
    /// `None`: the theme's own icon.
    pub favicon: Option<Target>,
    pub nav_links: Vec<Link>,
    pub footer: Footer,
    pub announcement: Option<Announcement>,
    /// `support.url`, checked like the rest (set by `config::parse`).
    pub support_target: Option<Target>,
}

impl Identity {
    /// Every site path the identity names, with the config key it came from.
    pub fn site_paths(&self) -> impl Iterator<Item = (&str, &str)> {
        let links = self
            .nav_links
            .iter()
            .chain(&self.footer.links)
            .map(|l| &l.target);
        self.logo
            .iter()
            .chain(&self.favicon)
            .chain(links)
            .chain(self.announcement.iter().filter_map(|a| a.target.as_ref()))
            .chain(self.support_target.iter())
            .filter_map(|t| match t {
                Target::Site { path, key } => Some((path.as_str(), key.as_str())),
                Target::External(_) => None,
            })
    }
}

pub(super) struct RawIdentity {
    pub logo: Option<String>,
    pub favicon: Option<String>,
    pub nav_links: Vec<RawLink>,
    pub footer: Option<RawFooter>,
    pub announcement: Option<RawAnnouncement>,
}

pub(super) fn validate(raw: RawIdentity, src: &str) -> Result<Identity, Vec<Diagnostic>> {
    let mut errors = Vec::new();
    let mut target = |value: &str, key: &str| match parse_target(value, key, src) {
        Ok(t) => Some(t),
        Err(e) => {
            errors.push(e);
            None
        }
    };
    let logo = raw.logo.and_then(|v| target(&v, "logo"));
    let favicon = raw.favicon.and_then(|v| target(&v, "favicon"));
    let mut links = |list: Vec<RawLink>, key: &str| -> Vec<Link> {
        list.into_iter()
            .filter_map(|l| {
                let t = target(&l.url, key)?;
                Some(Link {
                    text: l.text,
                    target: t,
                })
            })
            .collect()
    };
    let nav_links = links(raw.nav_links, "nav_links");
    let footer = raw.footer.map(|f| Footer {
        text: f.text.unwrap_or_default(),
        links: links(f.links, "footer"),
    });
    let announcement = raw.announcement.map(|a| {
        let key = announcement_key(&a);
        Announcement {
            target: a.url.as_deref().and_then(|u| target(u, "announcement")),
            text: a.text,
            link: a.link,
            key,
        }
    });
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Identity {
        logo,
        favicon,
        nav_links,
        footer: footer.unwrap_or_default(),
        announcement,
        support_target: None,
    })
}

/// A short, stable fingerprint of an announcement (FNV-1a over its text and link).
fn announcement_key(a: &RawAnnouncement) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let parts = [
        a.text.as_str(),
        a.url.as_deref().unwrap_or(""),
        a.link.as_deref().unwrap_or(""),
    ];
    for b in parts.join("\u{1f}").bytes() {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")
}

/// `value` written under `key` as a link target.
pub(super) fn target(value: &str, key: &str, src: &str) -> Result<Target, Diagnostic> {
    parse_target(value, key, src)
}

/// An absolute URL (`https:`, `http:`, `mailto:`, `tel:`) or a path from the site root.
fn parse_target(value: &str, key: &str, src: &str) -> Result<Target, Diagnostic> {
    let v = value.trim();
    let lower = v.to_ascii_lowercase();
    if ["https://", "http://", "mailto:", "tel:"]
        .iter()
        .any(|s| lower.starts_with(s))
    {
        return Ok(Target::External(v.to_owned()));
    }
    let bad = v.is_empty() || v.starts_with("//") || v.contains("://") || v.contains('\\');
    if bad || v.split('/').any(|s| s == "..") {
        let line = src
            .lines()
            .position(|l| l.contains(v) && !v.is_empty())
            .or_else(|| src.lines().position(|l| l.starts_with(key)))
            .map_or(1, |i| i + 1);
        let col = src
            .lines()
            .nth(line - 1)
            .and_then(|l| l.find(v).filter(|_| !v.is_empty()))
            .map_or(1, |i| i + 1);
        return Err(Diagnostic::error(
            "config",
            format!("`{v}` in `{key}` is neither an absolute URL nor a path in the site"),
        )
        .at(Location::new(FILE_NAME, line, col), src)
        .span(v.chars().count().max(1))
        .help("write `https://...`, or a path from the site root such as `/files/logo.svg` or `/guides/`"));
    }
    Ok(Target::Site {
        path: v.trim_start_matches('/').to_owned(),
        key: key.to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_are_urls_or_site_paths() {
        let site = |p: &str| Target::Site {
            path: p.to_owned(),
            key: "logo".to_owned(),
        };
        assert_eq!(
            parse_target("/files/a.svg", "logo", "").unwrap(),
            site("files/a.svg")
        );
        assert_eq!(
            parse_target("files/a.svg", "logo", "").unwrap(),
            site("files/a.svg")
        );
        assert_eq!(
            parse_target("https://x.test/a.png", "logo", "").unwrap(),
            Target::External("https://x.test/a.png".to_owned())
        );
        let src = "title: a\nlogo: ../a.png\n";
        let e = parse_target("../a.png", "logo", src).unwrap_err();
        assert_eq!(e.location, Some(Location::new(FILE_NAME, 2, 7)));
        assert!(parse_target("//cdn.test/a.png", "logo", "").is_err());
        assert_eq!(site("files/a b.svg").href("../"), "../files/a%20b.svg");
    }
}
