//! Search tests: ranking runs through the site's own `search.js` (the file browsers load)
//! under node, against real built sites.

use std::path::Path;
use std::process::{Command, Stdio};

#[path = "node_support/mod.rs"]
mod node_support;
use node_support::{build, node_available, repo};

#[derive(serde::Deserialize, Debug)]
struct Hit {
    url: String,
    snippet: String,
}

#[derive(serde::Deserialize, Debug)]
struct Answer {
    query: String,
    hits: Vec<Hit>,
    suggestions: Vec<String>,
}

fn run(dist: &Path, queries: &[&str]) -> Vec<Answer> {
    run_in(dist, "", queries)
}

/// [`run`] on the index of the language whose pages live under `lang_root` (`de/`).
fn run_in(dist: &Path, lang_root: &str, queries: &[&str]) -> Vec<Answer> {
    let input: Vec<_> = queries
        .iter()
        .map(|q| serde_json::json!({ "query": q }))
        .collect();
    let mut child = Command::new("node")
        .arg(repo().join("tests/js/search-run.mjs"))
        .arg(dist)
        .args(["--lang", lang_root])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    serde_json::to_writer(child.stdin.take().unwrap(), &input).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "search-run.mjs failed");
    serde_json::from_slice(&out.stdout).unwrap()
}

fn bundled_site() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    build(&repo(), &tmp.path().join("dist"));
    tmp
}

/// Realistic reader queries against the bundled reset-token site, each with the result that
/// must come first. An expectation with `#` must match exactly; one without names the page;
/// `a | b`: either answers (the FAQ and the guide both answer "the email did not arrive";
/// both troubleshooting sections name Login History in a sentence of their own).
const RELEVANCE: &[(&str, &str)] = &[
    (
        "token email not received",
        "faq/security-token/#no-email | guides/security-token/troubleshooting/#the-email-does-not-arrive",
    ),
    (
        "What if I don't get the email?",
        "faq/security-token/#no-email",
    ),
    (
        "tokn emial",
        "faq/security-token/#no-email | guides/security-token/troubleshooting/#the-email-does-not-arrive",
    ),
    ("spam folder", "faq/security-token/#no-email"),
    ("émail", "faq/security-token/#no-email"),
    (
        "reset tok",
        "guides/security-token/reset-your-security-token/",
    ),
    (
        "resetting",
        "guides/security-token/reset-your-security-token/",
    ),
    (
        "Resetting The TOKEN",
        "guides/security-token/reset-your-security-token/",
    ),
    (
        "how do I reset my token",
        "guides/security-token/reset-your-security-token/",
    ),
    (
        "securty tokn",
        "guides/security-token/what-is-a-security-token/",
    ),
    (
        "what is a security token",
        "guides/security-token/what-is-a-security-token/",
    ),
    (
        "K9M4P2Q8X7J5",
        "guides/security-token/what-is-a-security-token/",
    ),
    ("k9m4", "guides/security-token/what-is-a-security-token/"),
    (
        "untrusted location",
        "guides/security-token/what-is-a-security-token/#when-salesforce-asks-for-it",
    ),
    (
        "why reset",
        "guides/security-token/what-is-a-security-token/#why-you-might-reset-it",
    ),
    (
        "my settings",
        "guides/security-token/reset-your-security-token/#step-2-open-your-settings",
    ),
    (
        "personal information",
        "guides/security-token/reset-your-security-token/#step-3-open-the-token-reset-page",
    ),
    (
        "reset option missing",
        "guides/security-token/troubleshooting/#the-reset-option-is-missing",
    ),
    (
        "single sign-on",
        "guides/security-token/troubleshooting/#you-signed-in-with-single-sign-on",
    ),
    (
        "sso",
        "guides/security-token/troubleshooting/#you-signed-in-with-single-sign-on",
    ),
    (
        "login history",
        "guides/security-token/troubleshooting/#a-tool-still-cannot-sign-in | guides/security-token/troubleshooting/#the-option-is-in-a-different-place",
    ),
    (
        "admin enable reset",
        "guides/security-token/troubleshooting/#there-is-no-per-user-switch",
    ),
    (
        "setup users edit",
        "guides/security-token/troubleshooting/#there-is-no-per-user-switch",
    ),
    (
        "login ip ranges",
        "guides/security-token/troubleshooting/#your-profile-has-login-ip-ranges",
    ),
    (
        "api only user",
        "guides/security-token/troubleshooting/#your-user-is-api-only-or-uses-mfa-for-api-logins",
    ),
    (
        "invalid username password security token",
        "guides/security-token/troubleshooting/#a-tool-still-cannot-sign-in",
    ),
    (
        "lost token",
        "guides/security-token/troubleshooting/#you-lost-the-token",
    ),
    (
        "password manager",
        "guides/security-token/keep-your-token-safe/#where-to-keep-it",
    ),
    (
        "token exposed",
        "guides/security-token/keep-your-token-safe/#if-the-token-is-exposed",
    ),
    (
        "rotate token",
        "guides/security-token/keep-your-token-safe/#rotate-it-regularly",
    ),
    ("trusted ip range", "faq/security-token/#turn-off-token"),
    ("turn off token", "faq/security-token/#turn-off-token"),
    ("see token", "faq/security-token/#view-current-token"),
    (
        "do I need the token every time",
        "faq/security-token/#needed-every-time",
    ),
    (
        "each integration",
        "faq/security-token/#reset-per-integration",
    ),
    (
        "new integration after password change",
        "faq/security-token/#reset-per-integration",
    ),
    (
        "can my admin send me my token",
        "faq/security-token/#admin-send-token",
    ),
    ("admin resend token", "faq/security-token/#admin-send-token"),
    (
        "do I need a token with oauth",
        "faq/security-token/#oauth-no-token",
    ),
    ("connected app", "faq/security-token/#oauth-no-token"),
];

#[test]
fn relevance_table_on_the_bundled_site() {
    if !node_available("search ranking tests") {
        return;
    }
    let site = bundled_site();
    let queries: Vec<&str> = RELEVANCE.iter().map(|(q, _)| *q).collect();
    let answers = run(&site.path().join("dist"), &queries);
    let mut failures = Vec::new();
    for ((query, want), answer) in RELEVANCE.iter().zip(&answers) {
        assert_eq!(*query, answer.query);
        let got = answer
            .hits
            .first()
            .map(|h| h.url.as_str())
            .unwrap_or("(no result)");
        let ok = want.split(" | ").any(|want| {
            if want.contains('#') {
                got == want
            } else {
                got.split('#').next() == Some(want)
            }
        });
        if !ok {
            failures.push(format!("{query:?}: want {want}, got {got}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} queries ranked wrong:\n{}",
        failures.len(),
        RELEVANCE.len(),
        failures.join("\n")
    );
}

#[test]
fn zero_results_say_so_and_suggest_close_words() {
    if !node_available("search ranking tests") {
        return;
    }
    let site = bundled_site();
    let answers = run(&site.path().join("dist"), &["tokyo", "xyzzy"]);
    assert!(answers[0].hits.is_empty());
    assert_eq!(answers[0].suggestions, ["token"]);
    assert!(answers[1].hits.is_empty());
    assert!(answers[1].suggestions.is_empty());
}

/// A question's small words may sit inside a phrase ("can't I see" spells "can't see", a
/// synonym of "missing"), and words found only as typos of others are no answer: a recipe
/// query must not find "make" and "read", while a query of typos alone still finds its page.
#[test]
fn questions_and_typos_find_answers_not_coincidences() {
    if !node_available("search ranking tests") {
        return;
    }
    let site = bundled_site();
    let answers = run(
        &site.path().join("dist"),
        &[
            "why can't I see the reset token option",
            "how do I bake banana bread",
            "securty tokn",
        ],
    );
    let first = answers[0].hits.first().map(|h| h.url.as_str());
    assert!(
        matches!(
            first,
            Some(
                "guides/security-token/troubleshooting/#the-reset-option-is-missing"
                    | "faq/security-token/#reset-option-missing"
            )
        ),
        "{:?}",
        answers[0]
    );
    assert!(answers[1].hits.is_empty(), "{:?}", answers[1]);
    assert!(!answers[2].hits.is_empty(), "{:?}", answers[2]);
}

/// Ranking signals that read a section's text in the browser: words of the query close
/// together, irregular word forms, and the kind of answer a "how long" question asks for.
/// Each query has a decoy that holds the same words, as often, further apart or in another
/// form.
#[test]
fn proximity_irregular_forms_and_answer_types_rank() {
    if !node_available("search ranking tests") {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    let write = |rel: &str, text: &str| write_file(&root, rel, text);
    write("helpsite.yaml", "title: Ranking\n");
    write("content/index.md", "---\ntitle: Home\n---\n\nWelcome.\n");
    write(
        "content/files.md",
        "---\ntitle: Files\n---\n\n## Quotas\n\nEvery plan has storage for files, and storage \
         grows with the plan. Each folder also has a limit on names, and a limit on depth. \
         Uploads are checked once they have reached the scanner.\n\n## Uploads fail\n\nWhen \
         the workspace is out of room, uploads stop with the message Storage limit reached. \
         Free some space first.\n",
    );
    write(
        "content/links.md",
        "---\ntitle: Share links\n---\n\n## Link settings\n\nA share link can be copied \
         from the share dialog, and a link can be turned into an invitation for guests.\n\n\
         ## Link expiry\n\nA share link stops working after 30 days; create a new link then.\n",
    );
    write(
        "content/passwords.md",
        "---\ntitle: Passwords\n---\n\n## Password rules\n\nA password needs twelve \
         characters. Change the password every year; old passwords cannot be used again.\n\n\
         ## If you forget it\n\nIf you forget your password, choose Reset on the sign-in page.\n",
    );
    let dist = tmp.path().join("dist");
    build(&root, &dist);
    let answers = run(
        &dist,
        &[
            "storage limit reached",
            "how long does a share link last",
            "forgotten password",
        ],
    );
    let first: Vec<&str> = answers
        .iter()
        .map(|a| a.hits.first().map_or("(none)", |h| h.url.as_str()))
        .collect();
    assert_eq!(
        first,
        [
            "files/#uploads-fail",
            "links/#link-expiry",
            "passwords/#if-you-forget-it"
        ],
        "{answers:#?}"
    );
}

#[test]
fn text_that_breaks_naive_tokenizers() {
    if !node_available("search ranking tests") {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    copy_dir(&repo().join("tests/fixtures/search-tricky"), &root);
    // A very long page: the words at its end must still be found.
    let filler = "Routine maintenance text about nothing in particular. ".repeat(4000);
    std::fs::write(
        root.join("content/long.md"),
        format!("---\ntitle: Long page\n---\n\n## Start\n\n{filler}\n\n## The end\n\nThe zebracorn appears last.\n"),
    )
    .unwrap();
    let dist = tmp.path().join("dist");
    build(&root, &dist);
    let queries = [
        "wg-quick",
        "wg quick up",
        "Z7Q2X9W4K1M8",
        "z7q2",
        "reinitialiser",
        "réinitialiser le jeton",
        "securite",
        "安全令牌",
        "重置",
        "トークン",
        "onerror",
        "zebracorn",
        "vpn",
    ];
    let a = run(&dist, &queries);
    let first = |i: usize| a[i].hits.first().map(|h| h.url.clone()).unwrap_or_default();
    assert!(first(0).starts_with("wireguard/"), "wg-quick: {:?}", a[0]);
    assert!(
        first(1).starts_with("wireguard/#start-the-interface"),
        "{:?}",
        a[1]
    );
    assert!(
        first(2).starts_with("wireguard/#recovery-code"),
        "{:?}",
        a[2]
    );
    assert!(
        first(3).starts_with("wireguard/#recovery-code"),
        "{:?}",
        a[3]
    );
    assert!(first(4).starts_with("accents/"), "{:?}", a[4]);
    assert!(first(5).starts_with("accents/"), "{:?}", a[5]);
    assert!(first(6).starts_with("accents/"), "{:?}", a[6]);
    assert!(first(7).starts_with("cjk/"), "{:?}", a[7]);
    assert!(first(8).starts_with("cjk/#"), "{:?}", a[8]);
    assert!(first(9).starts_with("cjk/#"), "{:?}", a[9]);
    assert!(first(10).starts_with("html/"), "{:?}", a[10]);
    assert!(first(11).starts_with("long/#the-end"), "{:?}", a[11]);
    assert!(
        first(12).starts_with("tunnel/"),
        "synonym from helpsite.yaml: {:?}",
        a[12]
    );
    // Snippets are escaped text with <mark> around matches, never live markup.
    let snippet = &a[10].hits[0].snippet;
    assert!(snippet.contains("&lt;img"), "{snippet}");
    assert!(!snippet.contains("<img"), "{snippet}");
    assert!(snippet.contains("<mark>onerror</mark>"), "{snippet}");
    let no_markup = snippet.replace("<mark>", "").replace("</mark>", "");
    assert!(!no_markup.contains('<'), "{snippet}");
}

/// The tokenizer in Rust (index) and in search.js (queries) must agree on every input.
#[test]
fn rust_and_js_tokenizers_agree() {
    if !node_available("search ranking tests") {
        return;
    }
    let samples = [
        "Use wg-quick, then K9M4P2Q8X7J5!",
        "Café RÉSUMÉ naïve Ångström ÉTAPES",
        "İstanbul ΣΊΣΥΦΟΣ straße",
        "安全令牌を再設定 token是 한국어 텍스트",
        "emoji 😄 and ½ x² symbols ©®™",
        "snake_case kebab-case dotted.name path/to/file C++ C# .NET",
        "don't can't it's O'Reilly",
        "tabs\tand\nnewlines  and   spaces",
    ];
    let js: Vec<Vec<String>> = js_core("", "tokens", &samples);
    for (sample, js_tokens) in samples.iter().zip(js) {
        let mut rust = Vec::new();
        helpsite::search::tokens(sample, |t| rust.push(t.to_owned()));
        assert_eq!(rust, js_tokens, "tokenizers disagree on {sample:?}");
    }
}

/// `helpsiteSearch.core[function]` of search.js, run by node on each of `inputs`, after the
/// script `prelude`.
fn js_core<T: serde::de::DeserializeOwned>(
    prelude: &str,
    function: &str,
    inputs: &(impl serde::Serialize + ?Sized),
) -> T {
    let script = format!(
        "const fs=require('fs'),vm=require('vm');globalThis.helpsiteSearch={{}};vm.runInThisContext(fs.readFileSync({:?},'utf8'));\
         {prelude}\
         const input=JSON.parse(fs.readFileSync(0,'utf8'));process.stdout.write(JSON.stringify(input.map(s=>helpsiteSearch.core.{function}(s))));",
        repo().join("themes/default/static/search.js")
    );
    let mut child = Command::new("node")
        .args(["-e", &script])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    serde_json::to_writer(child.stdin.take().unwrap(), inputs).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    serde_json::from_slice(&out.stdout).unwrap()
}

/// Write `text` to `rel` under `root`, making its folders.
fn write_file(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(from).unwrap();
        let dest = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

/// A site in English, German and Japanese: each language's index (`<lang>/_search/`) finds
/// its own pages only; German query words find longer forms by prefix, Japanese works as
/// character pairs, and German stop words do not count.
#[test]
fn each_language_searches_its_own_index() {
    if !node_available("search ranking tests") {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    let write = |rel: &str, text: &str| write_file(&root, rel, text);
    write("helpsite.yaml", "title: Help\nlanguages:\n  de:\n  ja:\n");
    write(
        "content/index.md",
        "# Help\n\nReset your password from the settings page.\n",
    );
    write(
        "content/de/index.md",
        "# Hilfe\n\n## Passwörter zurücksetzen\n\nIn den Einstellungen setzen Sie vergessene Passwörter zurück.\n",
    );
    write(
        "content/ja/index.md",
        "# ヘルプ\n\n## パスワードの再設定\n\n設定ページからパスワードを再設定できます。\n",
    );
    let dist = tmp.path().join("dist");
    build(&root, &dist);
    let de = run_in(&dist, "de/", &["passwort", "die passwörter", "settings"]);
    assert_eq!(
        de[0].hits.first().map(|h| h.url.as_str()),
        Some("de/#passwörter-zurücksetzen"),
        "{de:?}"
    );
    assert_eq!(
        de[1].hits.first().map(|h| h.url.as_str()),
        Some("de/#passwörter-zurücksetzen"),
        "{de:?}"
    );
    assert!(
        de[2].hits.is_empty(),
        "English words are not in the German index: {de:?}"
    );
    let ja = run_in(&dist, "ja/", &["パスワード", "再設定"]);
    for answer in &ja {
        assert!(
            answer
                .hits
                .first()
                .is_some_and(|h| h.url.starts_with("ja/")),
            "{answer:?}"
        );
    }
    let en = run(&dist, &["password", "einstellungen", "パスワード"]);
    assert_eq!(
        en[0].hits.first().map(|h| h.url.as_str()),
        Some(""),
        "{en:?}"
    );
    assert!(en[1].hits.is_empty() && en[2].hits.is_empty(), "{en:?}");
}

/// The index is built from Snowball English stems (rust-stemmers) and search.js stems query
/// words with its own copy of the algorithm: both must give the same stem for every word.
/// The words: every a-z word of the bundled site, the fixtures and the docs, plus generated
/// forms (roots times suffixes) that walk each step of the algorithm.
#[test]
fn rust_and_js_stemmers_agree() {
    if !node_available("search ranking tests") {
        return;
    }
    let mut words = std::collections::BTreeSet::new();
    let mut texts = vec![repo().join("README.md"), repo().join("BENCHMARKS.md")];
    for dir in ["content", "tests/fixtures"] {
        for entry in walkdir::WalkDir::new(repo().join(dir)) {
            let entry = entry.unwrap();
            let ext = entry.path().extension().and_then(|e| e.to_str());
            if matches!(ext, Some("md" | "yaml" | "yml" | "html" | "txt")) {
                texts.push(entry.path().to_owned());
            }
        }
    }
    for path in texts {
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        helpsite::search::tokens(&text, |t| {
            if t.bytes().all(|b| b.is_ascii_lowercase()) {
                words.insert(t.to_owned());
            }
        });
    }
    const ROOTS: &[&str] = &[
        "connect",
        "generat",
        "communic",
        "arsen",
        "happ",
        "cr",
        "run",
        "hop",
        "agre",
        "fe",
        "sk",
        "d",
        "l",
        "fizz",
        "plan",
        "control",
        "nation",
        "relat",
        "ration",
        "bak",
        "sing",
        "fl",
        "tr",
        "play",
        "employ",
        "bus",
        "gas",
        "kiwi",
        "class",
        "analys",
        "author",
        "format",
        "organ",
        "univers",
        "past",
        "emerg",
        "later",
        "sens",
        "condition",
        "decis",
        "respons",
        "effect",
        "activ",
        "posit",
        "histor",
        "logic",
        "electr",
        "valu",
        "oper",
        "predict",
        "prefer",
        "occur",
        "admit",
        "travel",
        "model",
        "label",
        "cancel",
        "fulfil",
        "news",
        "atlas",
        "inn",
        "out",
        "her",
        "ear",
        "proce",
        "exce",
        "succe",
        "hope",
        "hear",
        "cop",
        "fil",
        "tap",
        "bl",
        "at",
        "iz",
        "y",
        "ey",
        "ay",
        "say",
        "bo",
        "the",
        "ab",
        "syllab",
        "mean",
        "dy",
        "ty",
        "ugl",
        "earl",
        "gentl",
        "sol",
        "abl",
        "argu",
        "evalu",
        "cooper",
        "reset",
        "token",
        "secur",
        "integr",
        "notif",
        "configur",
        "password",
    ];
    const SUFFIXES: &[&str] = &[
        "", "s", "es", "ed", "ing", "ly", "er", "ers", "est", "ness", "ful", "fully", "fulness",
        "less", "lessly", "ation", "ational", "ations", "ative", "ator", "ize", "izer", "ization",
        "ise", "ism", "ist", "ity", "iti", "ive", "ively", "iveness", "ivity", "al", "ally",
        "alism", "ality", "alize", "alli", "ance", "ence", "ency", "anci", "enci", "ent", "ently",
        "entli", "ant", "ement", "ment", "able", "ably", "abli", "ible", "ic", "ical", "ically",
        "icate", "iciti", "ous", "ously", "ousli", "ousness", "logy", "logi", "bli", "y", "ies",
        "ied", "ier", "iest", "eed", "eedly", "edly", "ingly", "sses", "ss", "us", "e", "ll",
        "tional", "biliti", "ogi", "li", "ion", "sion", "tion", "ate", "yed", "ying", "ys",
    ];
    for root in ROOTS {
        for suffix in SUFFIXES {
            words.insert(format!("{root}{suffix}"));
        }
    }
    // The irregular forms and their base words, stemmed by the whole table.
    for (form, base) in helpsite::search::IRREGULAR {
        words.insert(form.to_string());
        words.insert(base.to_string());
    }
    let irregular: std::collections::BTreeMap<&str, &str> =
        helpsite::search::IRREGULAR.iter().copied().collect();
    let irregular = serde_json::to_string(&irregular).unwrap();
    let words: Vec<String> = words.into_iter().collect();
    assert!(words.len() >= 5000, "only {} words", words.len());
    let prelude = format!("helpsiteSearch.core.irregular({irregular});");
    let js: Vec<String> = js_core(&prelude, "stem", &words);
    let differ: Vec<String> = words
        .iter()
        .zip(&js)
        .filter(|(w, j)| helpsite::search::stem(w) != j.as_str())
        .map(|(w, j)| format!("{w}: rust {}, js {j}", helpsite::search::stem(w)))
        .collect();
    assert!(
        differ.is_empty(),
        "{} of {} words stem differently:\n{}",
        differ.len(),
        words.len(),
        differ
            .iter()
            .take(40)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}
