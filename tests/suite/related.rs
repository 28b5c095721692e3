//! Related articles at the end of each article and FAQ page: the most similar pages of the
//! site, computed from the search index's words, or the ones `related:` names.

use crate::util::{Site, element};

/// Three topics, two or three pages each: each page's related pages are its topic's first.
fn topics() -> Site {
    let site = Site::empty();
    site.write("helpsite.yaml", "title: Help\n")
        .write("content/index.md", "# Help\n\nWelcome.\n")
        .write(
            "content/billing/invoices.md",
            "# Download invoices\n\nInvoices are listed under Billing. Download an invoice as a PDF; each invoice shows the billing address and the VAT number.\n",
        )
        .write(
            "content/billing/address.md",
            "# Change the billing address\n\nThe billing address printed on every invoice is changed under Billing. Invoices already issued keep the old address.\n",
        )
        .write(
            "content/billing/refunds.md",
            "# Ask for a refund\n\nA refund goes back to the card that paid the invoice. Billing shows each refund next to its invoice.\n",
        )
        .write(
            "content/account/password.md",
            "# Reset your password\n\nForgot your password? The sign-in page sends a reset link by email. The link expires after an hour; ask for a new reset email if it expired.\n",
        )
        .write(
            "content/account/two-factor.md",
            "# Turn on two-factor sign-in\n\nTwo-factor sign-in asks for a code from an authenticator app after your password. Keep the recovery codes: they sign you in if the phone is lost.\n",
        )
        .write(
            "content/account/locked.md",
            "# Locked out after too many sign-in attempts\n\nAfter five wrong passwords the account locks for fifteen minutes. Reset your password by email, or use a recovery code if two-factor sign-in is on.\n",
        )
        .write(
            "content/faq/billing.yaml",
            "title: Billing FAQ\nquestions:\n  - question: Where is my invoice?\n    answer: Every invoice is under Billing, as a PDF with the billing address.\n  - question: How long does a refund take?\n    answer: A refund reaches the card within ten days of the invoice being credited.\n",
        );
    site
}

/// The titles in a page's related list, in order.
fn related_titles(html: &str) -> Vec<String> {
    let Some(at) = html.find("<nav class=\"related\"") else {
        return Vec::new();
    };
    let list = element(&html[at..], "ul");
    list.split("\">")
        .skip(1)
        .filter_map(|s| s.split("</a>").next())
        .map(str::to_owned)
        .collect()
}

#[test]
fn articles_list_the_pages_on_their_subject() {
    let site = topics();
    site.build(&[]).ok();
    let invoices = site.read("billing/invoices/index.html");
    let titles = related_titles(&invoices);
    assert!(
        (3..=5).contains(&titles.len()),
        "three to five related pages: {titles:?}"
    );
    let billing = [
        "Change the billing address",
        "Ask for a refund",
        "Billing FAQ",
    ];
    for (i, t) in titles.iter().take(3).enumerate() {
        assert!(
            billing.contains(&t.as_str()),
            "#{i} {t} is not about billing: {titles:?}"
        );
    }
    assert!(
        !titles.contains(&"Download invoices".to_owned()),
        "not itself"
    );
    let locked = related_titles(&site.read("account/locked/index.html"));
    for t in locked.iter().take(2) {
        assert!(
            ["Reset your password", "Turn on two-factor sign-in"].contains(&t.as_str()),
            "{locked:?}"
        );
    }
    // FAQ pages show and are related pages; home and sections neither.
    let faq = related_titles(&site.read("faq/billing/index.html"));
    assert!(
        faq.iter()
            .take(3)
            .all(|t| billing.contains(&t.as_str()) || t == "Download invoices"),
        "{faq:?}"
    );
    assert!(related_titles(&site.read("index.html")).is_empty());
    assert!(related_titles(&site.read("billing/index.html")).is_empty());
    let html = element(
        &invoices[invoices.find("<nav class=\"related\"").unwrap()..],
        "nav",
    );
    assert!(
        html.contains("<h2 id=\"related-title\">Related articles</h2>"),
        "{html}"
    );
    assert!(
        html.contains("href=\"../address/\"") || html.contains("href=\"../refunds/\""),
        "links are relative: {html}"
    );
}

#[test]
fn related_in_front_matter_chooses_the_list() {
    let site = topics();
    site.write(
        "content/billing/invoices.md",
        "---\nrelated:\n  - ../account/password.md\n  - /faq/billing/\n  - billing/refunds.md\n---\n# Download invoices\n\nInvoices are under Billing.\n",
    )
    .write(
        "content/billing/address.md",
        "---\nrelated: []\n---\n# Change the billing address\n\nThe billing address is changed under Billing.\n",
    );
    site.build(&[]).ok();
    assert_eq!(
        related_titles(&site.read("billing/invoices/index.html")),
        ["Reset your password", "Billing FAQ", "Ask for a refund"],
        "in the order written, by link, site path or source path"
    );
    assert!(related_titles(&site.read("billing/address/index.html")).is_empty());
    assert!(
        !site
            .read("billing/address/index.html")
            .contains("related-title"),
        "an empty list shows no heading"
    );
}

#[test]
fn related_naming_no_page_is_a_located_error() {
    let site = topics();
    site.write(
        "content/billing/invoices.md",
        "---\ntitle: Download invoices\nrelated:\n  - ../account/pasword.md\n---\nInvoices are under Billing.\n",
    );
    site.build(&[])
        .fatal()
        .stderr_has("`related:` names `../account/pasword.md`, which is no page of the site")
        .stderr_has("content/billing/invoices.md:4:5")
        .stderr_has("did you mean");
    assert!(!site.dist().exists(), "a failed build writes nothing");
}

#[test]
fn an_article_showing_an_faq_group_does_not_list_its_page_again() {
    let site = topics();
    site.write(
        "content/billing/refunds.md",
        "---\nfaq: faq/billing\n---\n# Ask for a refund\n\nA refund goes back to the card that paid the invoice. Billing shows each refund next to its invoice.\n",
    );
    site.build(&[]).ok();
    let refunds = related_titles(&site.read("billing/refunds/index.html"));
    assert!(!refunds.is_empty());
    assert!(
        !refunds.contains(&"Billing FAQ".to_owned()),
        "the group is on the page already: {refunds:?}"
    );
    // Other pages still list the group's page.
    let invoices = related_titles(&site.read("billing/invoices/index.html"));
    assert!(invoices.contains(&"Billing FAQ".to_owned()), "{invoices:?}");
}
