//! Social preview images (`og:image`): a page's `image:` or the site's, resolved like a link
//! in the page, made absolute with `base_url`.

use crate::diagnostic::Diagnostic;
use crate::location::Location;
use crate::model::{Body, Page, Site};
use crate::resolve::{Resolver, Target};
use crate::rules::BROKEN_LINK;

/// Where an image written in `from_rel` (a content-relative source path; `""` for
/// `helpsite.yaml`) leads: `Ok` with a site path (`files/x.png`) or an absolute URL, `Err`
/// with why it leads nowhere.
fn resolve(resolver: &Resolver, from_rel: &str, written: &str) -> Result<Image, String> {
    match resolver.resolve(from_rel, written).target {
        Target::External => {
            if written.starts_with("https://") || written.starts_with("http://") {
                Ok(Image::Url(written.to_owned()))
            } else {
                Err("an image must be a file of the site or an http(s) URL".to_owned())
            }
        }
        Target::Asset(path) => Ok(Image::File(path)),
        Target::Escapes => Err("it leads outside the site root".to_owned()),
        Target::Missing(path) => Err(format!("there is no file `content/{path}`")),
        Target::Page(url) => Err(format!(
            "it leads to the page `/{url}`, not to an image file"
        )),
        Target::SamePage => Err("it names no file".to_owned()),
    }
}

enum Image {
    File(String),
    Url(String),
}

/// The page's image (or the site's) as `og:image` wants it: an absolute URL. `None` when
/// there is none, when it does not resolve (the check reports it), or when it is a file of
/// the site and `base_url` is not set (a relative `og:image` is ignored by every reader).
pub fn og_image(site: &Site, resolver: &Resolver, page: Option<&Page>) -> Option<String> {
    let own = page.and_then(|p| match (&p.body, &p.image) {
        (Body::Markdown(lp), Some(image)) => Some((lp.source.rel.as_str(), image.as_str())),
        _ => None,
    });
    let (from, written) = own.or_else(|| {
        let image = site.config.image.as_str();
        (!image.is_empty()).then_some(("", image))
    })?;
    match resolve(resolver, from, written).ok()? {
        Image::Url(url) => Some(url),
        Image::File(path) if !site.config.base_url.is_empty() => Some(format!(
            "{}{}",
            site.config.base_url,
            crate::resolve::encode_segments(&path)
        )),
        Image::File(_) => None,
    }
}

/// A `broken-link` error for every `image:` (in front matter or `helpsite.yaml`) that leads
/// to no file of the site.
pub fn check(site: &Site, resolver: &Resolver) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for page in &site.pages {
        let (Body::Markdown(lp), Some(image)) = (&page.body, &page.image) else {
            continue;
        };
        if let Err(why) = resolve(resolver, &lp.source.rel, image) {
            let at = front_matter_value(&lp.src, "image").unwrap_or((1, 1));
            let location = Location::new(&lp.source.shown, at.0, at.1);
            out.push(
                broken(image, &why)
                    .at(location, &lp.src)
                    .span(image.chars().count()),
            );
        }
    }
    let image = &site.config.image;
    if !image.is_empty()
        && let Err(why) = resolve(resolver, "", image)
    {
        let mut d = broken(image, &why).span(image.chars().count());
        match &site.config.image_at {
            Some((at, line)) => {
                d = d.at_location(at.clone());
                d.source_line = Some(line.clone());
            }
            None => d = d.at_location(Location::new(crate::config::FILE_NAME, 1, 1)),
        }
        out.push(d);
    }
    out
}

fn broken(image: &str, why: &str) -> Diagnostic {
    Diagnostic::error(BROKEN_LINK, format!("broken image `{image}`: {why}")).help(
        "give a file under `content/` relative to this file (`shot.png`), from the site root \
         (`/files/shot.png`), or an absolute http(s) URL",
    )
}

/// Line and column of the value of top-level key `key` in a page's front matter.
fn front_matter_value(src: &str, key: &str) -> Option<(usize, usize)> {
    let prefix = format!("{key}:");
    src.lines()
        .enumerate()
        .skip(1)
        .take_while(|(_, l)| l.trim_end() != "---")
        .find_map(|(i, l)| {
            let rest = l.strip_prefix(&prefix)?;
            let value = rest.trim_start();
            let quoted = usize::from(value.starts_with(['"', '\'']));
            Some((i + 1, prefix.len() + rest.len() - value.len() + 1 + quoted))
        })
}
