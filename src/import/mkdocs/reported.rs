//! Settings of `mkdocs.yml` that are reported rather than carried over: the theme (all but
//! its language), plugins (`search` is built in, `redirects` and `i18n` are read), and the other
//! settings helpsite has no place for, each with what to do instead.

use super::config::{Config, Redirect, Yml, known, pos, pos_of_key, text};
use super::extensions;
use super::tree::{Key, Node, Value};

/// Settings that are not carried over, with what to do instead.
pub const NOT_CARRIED: &[(&str, &str)] = &[
    ("copyright", "put it in an overridden `templates/base.html`"),
    (
        "repo_url",
        "link to the repository from a page or an overridden template",
    ),
    (
        "repo_name",
        "link to the repository from a page or an overridden template",
    ),
    (
        "edit_uri",
        "helpsite pages have no edit link; add one in an overridden `templates/page.html`",
    ),
    (
        "edit_uri_template",
        "helpsite pages have no edit link; add one in an overridden `templates/page.html`",
    ),
    (
        "site_author",
        "put it in an overridden `templates/base.html`",
    ),
    (
        "extra",
        "`extra:` in helpsite.yaml is a free map for templates; copy the values your templates need",
    ),
    (
        "extra_css",
        "the file is copied to content/, but pages do not load it: link it from an overridden `templates/base.html`",
    ),
    (
        "extra_javascript",
        "the file is copied to content/, but pages do not load it: link it from an overridden `templates/base.html`",
    ),
    (
        "extra_templates",
        "helpsite templates use tera; see \"Themes and overrides\" in the README",
    ),
    ("hooks", "helpsite does not run Python hooks"),
    (
        "INHERIT",
        "the inherited file was not read: copy the settings you need into this mkdocs.yml and import again",
    ),
    (
        "google_analytics",
        "add the tag in an overridden `templates/base.html`",
    ),
    (
        "exclude_docs",
        "every file of docs_dir was copied; delete the ones you do not want from content/",
    ),
    (
        "draft_docs",
        "mark draft pages with `draft: true` in their front matter",
    ),
];

/// Settings whose value is a list reported item by item.
const LISTED: &[&str] = &["extra_css", "extra_javascript", "extra_templates", "hooks"];

/// The warning for a setting with no place in helpsite (each item, for a list).
pub fn not_carried(c: &mut Config, yml: Yml, key: &Key, value: &Node, k: &str) {
    let help = NOT_CARRIED
        .iter()
        .find(|(name, _)| *name == k)
        .map(|(_, h)| *h);
    let span = k.chars().count();
    match (help, &value.value) {
        (Some(help), Value::Seq(items)) if LISTED.contains(&k) => {
            for item in items {
                let shown = item_name(item).unwrap_or_else(|| item.shape().to_owned());
                c.warnings.push(
                    yml.warning(
                        "import-setting",
                        pos(item),
                        shown.chars().count(),
                        format!("`{k}`: `{shown}` is not carried over"),
                    )
                    .help(help),
                );
            }
        }
        (Some(help), _) => c.warnings.push(
            yml.warning(
                "import-setting",
                pos_of_key(key),
                span,
                format!("`{k}` is not carried over"),
            )
            .help(help),
        ),
        (None, _) => {
            let message = format!("unknown MkDocs setting `{k}` is not carried over");
            let warning = yml.warning("import-setting", pos_of_key(key), span, message);
            c.warnings.push(match crate::suggest::closest(k, known()) {
                Some(s) => warning.help(format!("did you mean `{s}`?")),
                None => warning,
            });
        }
    }
}

/// The text of a list item: a scalar, or the `path` of a mapping (`extra_javascript`).
fn item_name(item: &Node) -> Option<String> {
    item.text()
        .or_else(|| item.get("path").and_then(Node::text))
        .map(str::to_owned)
}

/// The theme: its language is carried over, the rest reported.
pub fn theme(c: &mut Config, yml: Yml, key: &Key, value: &Node) {
    if let Value::Seq(_) = value.value {
        let message = format!(
            "the theme is {}, not a name or settings; not carried over",
            value.shape()
        );
        c.warnings
            .push(yml.warning("import-theme", pos_of_key(key), 5, message));
        return;
    }
    let mut settings = Vec::new();
    let mut name = value.text().map(|n| (n, pos(value)));
    for (k, v) in value.entries() {
        match k.text.as_str() {
            "name" => name = v.text().map(|n| (n, pos(v))),
            "language" | "locale" => {
                if c.site.language.is_none() {
                    c.site.language = text(yml, k, v, &mut c.warnings);
                }
            }
            "custom_dir" => {
                let message = "the theme's `custom_dir` is not carried over".to_owned();
                let help = "helpsite templates use tera; override them file by file in \
                            templates/ (see \"Themes and overrides\" in the README)";
                let warning = yml.warning("import-theme", pos_of_key(k), 10, message);
                c.warnings.push(warning.help(help));
            }
            other => settings.push(format!("`{other}`")),
        }
    }
    let (message, at, span) = match name {
        Some((n, at)) => (
            format!("theme `{n}` is not carried over"),
            at,
            n.chars().count(),
        ),
        None if settings.is_empty() => return,
        None => (
            "the theme's settings are not carried over".to_owned(),
            pos_of_key(key),
            5,
        ),
    };
    let mut help =
        "helpsite has its own theme; see \"Themes and overrides\" in the README".to_owned();
    if !settings.is_empty() {
        help = format!("{help} (not carried over either: {})", settings.join(", "));
    }
    c.warnings
        .push(yml.warning("import-theme", at, span, message).help(help));
}

/// The items of a list or mapping of named things (`plugins`, `markdown_extensions`): each
/// name with its position and its configuration node, if any.
fn named(value: &Node) -> Vec<(String, (usize, usize), Option<&Node>)> {
    match &value.value {
        Value::Seq(items) => items
            .iter()
            .filter_map(|item| match &item.value {
                Value::Scalar(s) => Some((s.clone(), pos(item), None)),
                Value::Map(m) => m
                    .first()
                    .map(|(k, v)| (k.text.clone(), pos_of_key(k), Some(v))),
                _ => None,
            })
            .collect(),
        Value::Map(m) => m
            .iter()
            .map(|(k, v)| (k.text.clone(), pos_of_key(k), Some(v)))
            .collect(),
        Value::Scalar(s) => vec![(s.clone(), pos(value), None)],
        Value::Null => Vec::new(),
    }
}

/// The names in a list or mapping of named things, with their positions.
pub fn named_items(value: &Node) -> Vec<(String, (usize, usize))> {
    named(value).into_iter().map(|(n, at, _)| (n, at)).collect()
}

/// The configuration of the `i18n` (mkdocs-static-i18n) plugin, if it is enabled.
pub fn i18n_plugin(plugins: &Node) -> Option<&Node> {
    named(plugins)
        .into_iter()
        .find(|(name, _, _)| matches!(name.as_str(), "i18n" | "static-i18n"))
        .and_then(|(_, _, conf)| conf)
}

/// Plugins: `search` is built in, `redirects` becomes aliases, `i18n` becomes languages,
/// the rest is reported.
pub fn plugins(c: &mut Config, yml: Yml, value: &Node) {
    for (name, at, conf) in named(value) {
        let plain = name.strip_prefix("material/").unwrap_or(&name);
        match plain {
            "search" => {}
            // Read by `config::apply_i18n` when it names languages.
            "i18n" | "static-i18n" if conf.is_some_and(super::i18n::has_languages) => {}
            "redirects" => {
                let maps = conf.and_then(|n| n.get("redirect_maps"));
                for (from, to) in maps.map_or(&[][..], Node::entries) {
                    match to.text() {
                        Some(t) => c.redirects.push(Redirect {
                            from: from.text.clone(),
                            to: t.to_owned(),
                            at: pos_of_key(from),
                        }),
                        None => c.warnings.push(yml.warning(
                            "import-redirect",
                            pos_of_key(from),
                            from.text.chars().count(),
                            format!(
                                "the redirect of `{}` has no target; not carried over",
                                from.text
                            ),
                        )),
                    }
                }
            }
            _ => c.warnings.push(
                yml.warning(
                    "import-plugin",
                    at,
                    name.chars().count(),
                    format!("plugin `{name}` is not carried over"),
                )
                .help(extensions::plugin_help(plain)),
            ),
        }
    }
}
