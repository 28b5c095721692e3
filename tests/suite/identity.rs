//! The site's identity from `helpsite.yaml`: logo, favicon (a default one ships), header and
//! footer links, an announcement bar; every site path they name must be published.

use crate::util::Site;

#[test]
fn logo_links_footer_and_announcement_are_on_every_page() {
    let site = Site::fixture("features");
    site.build(&[]).ok();
    for (rel, root) in [
        ("index.html", "./"),
        ("guides/with-faq/index.html", "../../"),
    ] {
        let html = site.read(rel);
        for want in [
            format!("<link rel=\"icon\" href=\"{root}_static/favicon.svg\">"),
            format!(
                "<img class=\"brand-logo\" src=\"{root}files/logo.svg\" alt=\"\" height=\"28\">"
            ),
            "<li><a href=\"https://status.example.test/\">Status</a></li>".to_owned(),
            format!("<li><a href=\"{root}reference/\">Reference</a></li>"),
            "<p>© 2026 Feature Test Inc.</p>".to_owned(),
            "<li><a href=\"mailto:help@example.test\">Contact</a></li>".to_owned(),
            format!(
                "The Markdown guide now covers diagrams. <a href=\"{root}guides/markdown/\">Learn more</a>"
            ),
        ] {
            assert!(html.contains(&want), "{rel} lacks {want}");
        }
    }
    assert!(site.dist().join("_static/favicon.svg").is_file());
    // German pages say it in German.
    let de = site.read("de/index.html");
    assert!(de.contains(">Mehr erfahren</a>") && de.contains("aria-label=\"Hinweis\""));
}

#[test]
fn a_path_the_site_does_not_publish_is_an_error_at_its_line() {
    let site = Site::fixture("features");
    let config = std::fs::read_to_string(site.root.join("helpsite.yaml")).unwrap();
    site.write(
        "helpsite.yaml",
        config.replace("logo: /files/logo.svg", "logo: /files/logo.png"),
    );
    let line = config.lines().position(|l| l.starts_with("logo:")).unwrap() + 1;
    site.build(&[])
        .fatal()
        .stderr_has("`logo` names `/files/logo.png`, which the site does not publish")
        .stderr_has(&format!("helpsite.yaml:{line}:8"))
        .stderr_has("did you mean `/files/logo.svg`?");
    site.write(
        "helpsite.yaml",
        config.replace("url: /reference/\n", "url: ../reference/\n"),
    );
    site.build(&[]).fatal().stderr_has(
        "`../reference/` in `nav_links` is neither an absolute URL nor a path in the site",
    );
}
