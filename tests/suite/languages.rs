//! Sites in several languages: `content/<lang>/` trees declared in `languages:`, interface
//! strings from the theme's language files, one search index per language, translations
//! linked both ways, and `check` listing missing translations only when asked.

use crate::util::{Site, helpsite};

fn built() -> Site {
    let site = Site::fixture("features");
    site.build(&[]).ok();
    site
}

#[test]
fn a_translation_speaks_its_language_and_links_its_other_versions() {
    let site = built();
    let de = site.read("de/guides/with-faq/index.html");
    assert!(
        de.starts_with("<!DOCTYPE html>\n<html lang=\"de\">"),
        "{}",
        &de[..80]
    );
    for text in [
        ">Zum Inhalt springen</a>",
        ">Auf dieser Seite</h2>",
        "aria-label=\"Brotkrumennavigation\"",
        "placeholder=\"Suche\"",
        ">Zuletzt aktualisiert <time",
        ">Link zu dieser Antwort</a>",
        // The site title of the language, from `languages: de: title:`.
        "<a class=\"brand\" href=\"../../../de/\"><img class=\"brand-logo\" src=\"../../../files/logo.svg\" alt=\"\" height=\"28\"><span class=\"brand-title\">Funktionstest-Hilfe</span></a>",
        // What the Markdown renderer writes itself: alert titles, task checkbox names.
        "<p class=\"callout-title\">Warnung</p>",
        "aria-label=\"Erledigt\"",
        "aria-label=\"Offen\"",
        // The header search box goes to the German search page.
        "action=\"../../../de/search/\"",
    ] {
        assert!(de.contains(text), "German page lacks {text}");
    }
    assert!(!de.contains(">On this page<") && !de.contains(">Skip to content<"));
    // Both versions point at each other with absolute hreflang links, English as x-default.
    for (lang, url) in [
        ("en", "https://help.example.test/docs/guides/with-faq/"),
        (
            "x-default",
            "https://help.example.test/docs/guides/with-faq/",
        ),
        ("de", "https://help.example.test/docs/de/guides/with-faq/"),
    ] {
        let link = format!("<link rel=\"alternate\" hreflang=\"{lang}\" href=\"{url}\">");
        assert!(de.contains(&link), "German page lacks {link}");
    }
    let en = site.read("guides/with-faq/index.html");
    assert!(
        en.contains("hreflang=\"de\" href=\"https://help.example.test/docs/de/guides/with-faq/\"")
    );
    // The switcher stays on the page: relative links to the same page in each language.
    assert!(
        de.contains(
            "<a href=\"../../../guides/with-faq/\" hreflang=\"en\" lang=\"en\">English</a>"
        )
    );
    assert!(
        en.contains(
            "<a href=\"../../de/guides/with-faq/\" hreflang=\"de\" lang=\"de\">Deutsch</a>"
        )
    );
    assert!(de.contains("hreflang=\"de\" lang=\"de\" aria-current=\"page\">Deutsch</a>"));
}

#[test]
fn a_page_without_translation_switches_to_the_other_home_and_claims_no_alternate() {
    let site = built();
    let en = site.read("guides/markdown/index.html");
    assert!(en.contains("<a href=\"../../de/\" hreflang=\"de\" lang=\"de\">Deutsch</a>"));
    assert!(
        !en.contains("hreflang=\"de\" href="),
        "no alternate for a missing translation"
    );
}

#[test]
fn each_language_has_its_own_tree_search_page_and_index() {
    let site = built();
    let de = site.read("de/guides/with-faq/index.html");
    let sidebar = de
        .split("<nav id=\"sidebar\"")
        .nth(1)
        .and_then(|s| s.split("</nav>").next())
        .unwrap();
    assert!(
        sidebar.contains(">Eine Anleitung mit Fragen</a>"),
        "{sidebar}"
    );
    assert!(
        !sidebar.contains("Markdown"),
        "English pages in the German sidebar: {sidebar}"
    );
    let crumbs = de.split("class=\"breadcrumbs\"").nth(1).unwrap();
    let first = crumbs.split("<li>").nth(1).unwrap();
    assert!(
        first.contains(">Startseite des Funktionstests</a>"),
        "{first}"
    );
    // Neither the sidebar nor the pager crosses from one language's tree into another's.
    for rel in crate::util::html_files(&site.dist()) {
        let html = site.read(&rel);
        let german = rel.starts_with("de/");
        let pager = html.split("class=\"pager\"").nth(1).unwrap_or("");
        let pager = pager.split("</nav>").next().unwrap_or("");
        for href in crate::util::attr_values(pager, "href") {
            let target = site
                .dist()
                .join(rel.trim_end_matches("index.html"))
                .join(href);
            let target = target
                .canonicalize()
                .unwrap()
                .to_string_lossy()
                .into_owned();
            let into_german = target.contains("/dist/de");
            assert_eq!(into_german, german, "{rel}: pager link {href}");
        }
    }

    let search = site.read("de/search/index.html");
    assert!(search.contains("<html lang=\"de\">") && search.contains("<h1>Suche</h1>"));
    assert!(search.contains("<a href=\"../../search/\" hreflang=\"en\" lang=\"en\">English</a>"));
    let manifest = site.read("de/_search/index.js");
    assert!(manifest.contains("\"lang\":\"de\""), "{manifest}");
    assert!(
        manifest.contains("\"und\""),
        "German stop words: {manifest}"
    );
    let english = site.read("_search/index.js");
    assert!(english.contains("\"lang\":\"en\"") && !english.contains("\"und\""));
    let words = |dir: &str| -> String {
        let mut all = String::new();
        for entry in walkdir::WalkDir::new(site.dist().join(dir)) {
            let entry = entry.unwrap();
            if entry.file_type().is_file() {
                all.push_str(&std::fs::read_to_string(entry.path()).unwrap());
            }
        }
        all
    };
    let (de_index, en_index) = (words("de/_search"), words("_search"));
    assert!(de_index.contains("\"passwort\"") && !en_index.contains("\"passwort\""));
    assert!(en_index.contains("\"endpoints\"") && !de_index.contains("\"endpoints\""));
}

#[test]
fn interface_strings_are_overridden_per_site_and_checked() {
    let site = Site::fixture("features");
    site.write("i18n/de.yaml", "search: Finden\n");
    // Docusaurus keeps translated pages and JSON under `i18n/<lang>/`: not strings files.
    site.write(
        "i18n/de/docusaurus-plugin-content-docs/current/intro.md",
        "# Intro\n",
    );
    site.write("i18n/de/logo.png", [0x89u8, b'P', b'N', b'G', 0, 0xff]);
    site.build(&[]).ok();
    let de = site.read("de/guides/with-faq/index.html");
    assert!(de.contains("placeholder=\"Finden\"") && de.contains(">Auf dieser Seite</h2>"));

    site.write("i18n/de.yaml", "search: Finden\non_this_pgae: Inhalt\n");
    let run = site.build(&[]).fatal();
    run.stderr_has("`on_this_pgae` is not an interface string of the theme")
        .stderr_has("i18n/de.yaml:2:1")
        .stderr_has("did you mean `on_this_page`?");
}

#[test]
fn language_tags_are_validated_and_untranslated_languages_warn() {
    let site = Site::fixture("features");
    let config = std::fs::read_to_string(site.root.join("helpsite.yaml")).unwrap();
    site.write("helpsite.yaml", format!("language: english\n{config}"));
    site.build(&[])
        .fatal()
        .stderr_has("`english` is not a language tag")
        .stderr_has("helpsite.yaml:1:11")
        .stderr_has("did you mean `en`?");

    site.write(
        "helpsite.yaml",
        config.replace("languages:\n", "languages:\n  sv:\n"),
    );
    std::fs::create_dir_all(site.root.join("content/sv")).unwrap();
    site.write("content/sv/index.md", "# Hjälp\n\nVälkommen.\n");
    let run = site.build(&[]).ok();
    run.stderr_has("the theme has no interface strings in `sv`");
    let sv = site.read("sv/index.html");
    assert!(sv.contains("<html lang=\"sv\">") && sv.contains(">Skip to content</a>"));
    assert!(
        sv.contains(">Svenska</span>"),
        "the switcher names the language in itself"
    );
}

#[test]
fn check_lists_missing_translations_only_when_asked() {
    let site = Site::fixture("features");
    let root = site.root.to_str().unwrap();
    let quiet = helpsite(
        site.tmp.path(),
        &["check", "--root", root, "--format", "json"],
    );
    assert!(!quiet.stdout.contains("missing-translation"), "{quiet}");
    // The German home links to an English-only page: that is no broken link.
    assert!(!quiet.stdout.contains("\"broken-link\""), "{quiet}");

    let config = std::fs::read_to_string(site.root.join("helpsite.yaml")).unwrap();
    site.write(
        "helpsite.yaml",
        format!("{config}checks:\n  rules:\n    missing-translation: info\n"),
    );
    let run = helpsite(
        site.tmp.path(),
        &["check", "--root", root, "--format", "json"],
    );
    let report: serde_json::Value =
        serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}\n{run}"));
    let missing: Vec<(String, String)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "missing-translation")
        .map(|f| {
            assert_eq!(f["severity"], "info");
            (
                f["file"]
                    .as_str()
                    .or(f["location"]["file"].as_str())
                    .unwrap_or("")
                    .to_owned(),
                f["message"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let messages: Vec<&str> = missing.iter().map(|(_, m)| m.as_str()).collect();
    assert_eq!(
        messages,
        [
            "`/guides/diagrams/` has no de version",
            "`/guides/markdown/` has no de version",
            "`/reference/api/endpoints/` has no de version",
            "`/reference/limits/` has no de version",
        ],
        "{run}"
    );
    assert_eq!(run.code, 0, "notes never fail a check\n{run}");
}

/// Translations written next to their originals with a language suffix (`a.fr.md`, the
/// layout MkDocs' i18n plugin uses by default) join that language's tree; their links to
/// other pages lead to the translation when there is one, and `faq:` takes the group's.
#[test]
fn suffixed_translations_join_their_language() {
    let site = Site::empty();
    site.write(
        "helpsite.yaml",
        "title: Help\nlanguages:\n  fr:\n    title: Aide\n",
    )
    .write("content/index.md", "# Help\n\nSee [A](guides/a.md).\n")
    .write("content/index.fr.md", "# Aide\n\nVoir [A](guides/a.md).\n")
    .write(
        "content/guides/a.md",
        "---\ntitle: Alpha\nfaq: faq/general\n---\n[B](b.md), [C](c.md).\n",
    )
    .write(
        "content/guides/a.fr.md",
        "---\ntitle: Alpha en français\nfaq: faq/general\n---\n[B](b.md), [C](c.md).\n",
    )
    .write("content/guides/b.md", "# Beta\n\nText.\n")
    .write("content/guides/b.fr.md", "# Bêta\n\nTexte.\n")
    .write("content/guides/c.md", "# Gamma\n\nOnly in English.\n")
    .write(
        "content/faq/general.yaml",
        "title: Questions\nquestions:\n  - id: one\n    question: How?\n    answer: Like this.\n",
    )
    .write(
        "content/faq/general.fr.yaml",
        "title: Questions\nquestions:\n  - id: une\n    question: Comment ?\n    answer: Ainsi.\n",
    );
    site.build(&[]).ok();
    let fr = site.read("fr/guides/a/index.html");
    assert!(fr.contains("<html lang=\"fr\">") && fr.contains("<h1>Alpha en français</h1>"));
    assert!(fr.contains("<a href=\"../b/\">B</a>"), "the French B: {fr}");
    assert!(
        fr.contains("<a href=\"../../../guides/c/\">C</a>"),
        "the English C: {fr}"
    );
    assert!(
        fr.contains(">Comment ?</h3>") && !fr.contains(">How?</h3>"),
        "the French FAQ"
    );
    assert!(fr.contains("<a href=\"../../../guides/a/\" hreflang=\"en\" lang=\"en\">English</a>"));
    let en = site.read("guides/a/index.html");
    assert!(en.contains("<a href=\"../b/\">B</a>"), "{en}");
    assert!(en.contains(">How?</h3>") && !en.contains("Comment"));
    assert!(
        site.read("fr/index.html")
            .contains("<a href=\"guides/a/\">A</a>")
    );
    assert!(site.read("fr/faq/general/index.html").contains("Comment ?"));
}
