//! `helpsite init DIR`: a small starter site that builds as it is.

use crate::diagnostic::Diagnostic;
use std::path::Path;

const FILES: &[(&str, &str)] = &[
    (
        "helpsite.yaml",
        "title: My Help Center\ndescription: Answers and how-to guides for our product.\n\n# Where the site will be published: canonical links, sitemap.xml and feed.xml need it.\n# Set it before you publish (a placeholder would ship links to a site that is not yours):\n# base_url: https://help.example.com/\n",
    ),
    (
        ".gitignore",
        "dist/\n.dist.helpsite-*\n.helpsite-cache.json\n.helpsite-highlight-cache\n",
    ),
    (
        "content/index.md",
        "---\ntitle: Welcome to the help center\ndescription: Start here to find how-to guides and answers to common questions about our product.\n---\n\nFind a guide below, or search for a word from your question.\n",
    ),
    (
        "content/guides/getting-started.md",
        "---\ntitle: Get started\ndescription: Set up your account, invite your team and learn where to find help when you get started.\nweight: 1\nfaq: faq/general\n---\n\nThis guide walks you through your first steps.\n\n## Create your account\n\n1. Open the sign-up page.\n2. Enter your work email address.\n3. Confirm the email we send you.\n\n> [!TIP]\n> Use your work address so your team can find you.\n\n## Invite your team\n\nOpen **Settings > Members** and choose **Invite**. See the [FAQ](../faq/general.yaml#can-i-change-my-email) if someone needs another address.\n",
    ),
    (
        "content/faq/general.yaml",
        "title: Frequently asked questions\ndescription: Short answers to the questions people ask most often about accounts and sign-in.\nquestions:\n  - id: can-i-change-my-email\n    question: Can I change my email address?\n    answer: |\n      Yes. Open **Settings > Profile**, enter the new address and confirm it from your inbox.\n    tags: [account]\n  - id: forgot-password\n    question: What if I forget my password?\n    answer: |\n      Choose **Forgot password** on the sign-in page and follow the link we email you.\n    tags: [sign-in]\n",
    ),
];

/// Create the starter site in `dir`; refuses to overwrite any existing file.
pub fn init(dir: &Path) -> Result<Vec<String>, Diagnostic> {
    for (rel, _) in FILES {
        let path = dir.join(rel);
        if path.exists() {
            return Err(Diagnostic::error(
                "init",
                format!("`{}` already exists; nothing was written", path.display()),
            )
            .help("choose an empty or new folder"));
        }
    }
    let mut written = Vec::new();
    for (rel, text) in FILES {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| {
                Diagnostic::error("io", format!("cannot create `{}`: {e}", parent.display()))
            })?;
        }
        std::fs::write(&path, text).map_err(|e| {
            Diagnostic::error("io", format!("cannot write `{}`: {e}", path.display()))
        })?;
        written.push(rel.to_string());
    }
    Ok(written)
}
