//! The help-centre home page: a search box first, the Markdown of `content/index.md`, a card
//! per section (icon, description, article count), `home.featured` and the `support` block
//! (also under every article and on the 404 page).

use crate::util::{Site, build_bundled, element, read};

#[test]
fn the_bundled_home_is_a_help_centre() {
    let bundled = build_bundled();
    let home = read(&bundled.dist, "index.html");
    let article = element(&home, "article");
    let search = article.find("class=\"home-search\"").unwrap();
    let body = article
        .find("Salesforce asks for a security token")
        .unwrap();
    let cards = article.find("class=\"cards\"").unwrap();
    assert!(
        search < body && body < cards,
        "search, then the page's text, then the cards"
    );
    assert!(article.contains("<form class=\"home-search\" role=\"search\" aria-label=\"Search the help site\" action=\"./search/\" method=\"get\">"));
    let cards = element(&article[cards - 20..], "ul");
    for want in [
        "<span class=\"card-title\">Guides</span>",
        "<span class=\"card-count\">4 articles</span>",
        "<span class=\"card-title\">FAQ</span>",
        "<span class=\"card-count\">1 article</span>",
        "<svg aria-hidden=\"true\" width=\"28\" height=\"28\" viewBox=\"0 0 20 20\"><path d=\"M4 4.5A1.5",
    ] {
        assert!(cards.contains(want), "cards lack {want}\n{cards}");
    }
    let popular = element(&article[article.find("home-popular").unwrap()..], "ul");
    let titles: Vec<&str> = popular
        .split("\">")
        .skip(1)
        .filter_map(|s| s.split("</a>").next().filter(|t| !t.contains('<')))
        .collect();
    assert_eq!(
        titles,
        [
            "Reset your security token",
            "Troubleshooting the token reset",
            "Security token FAQ"
        ],
        "{popular}"
    );
    for rel in [
        "index.html",
        "guides/security-token/reset-your-security-token/index.html",
        "404.html",
    ] {
        let html = read(&bundled.dist, rel);
        assert!(
            html.contains("<h2 id=\"support-title\">Still need help?</h2>"),
            "{rel} has no support block"
        );
    }
}

#[test]
fn featured_pages_must_exist_and_support_links_are_checked() {
    let site = Site::empty();
    site.write(
        "helpsite.yaml",
        "title: Help\nhome:\n  featured:\n    - guides/reste.md\n",
    )
    .write("content/index.md", "# Help\n\nHello.\n")
    .write("content/guides/reset.md", "# Reset\n\nSteps.\n");
    site.build(&[])
        .fatal()
        .stderr_has("`home.featured` names `guides/reste.md`, which is no page of the site")
        .stderr_has("helpsite.yaml:4:7")
        .stderr_has("did you mean `guides/reset.md`?");
    site.write(
        "helpsite.yaml",
        "title: Help\nhome:\n  featured: [guides/reset/]\nsupport:\n  text: Write to us.\n  url: /contact/\n",
    );
    site.build(&[])
        .fatal()
        .stderr_has("`support` names `/contact/`, which the site does not publish");
    site.write(
        "helpsite.yaml",
        "title: Help\nhome:\n  featured: [guides/reset/]\nsupport:\n  text: Write to us.\n  url: mailto:help@example.test\n  link: Email the help desk\n",
    );
    site.build(&[]).ok();
    let home = site.read("index.html");
    assert!(
        home.contains("<a href=\"guides/reset/\">Reset</a>"),
        "{home}"
    );
    assert!(home.contains(
        "<a class=\"support-link\" href=\"mailto:help@example.test\">Email the help desk</a>"
    ));
}
