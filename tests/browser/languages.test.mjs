// A site in two languages, in a real browser: the language switcher opens from the keyboard
// and lands on the same page in the other language (or that language's home when the page
// has no translation), works without JavaScript and from file://, the header search of a
// German page searches the German index, and axe-core finds nothing with the switcher open.
import { test } from "node:test";
import assert from "node:assert/strict";
import { FEATURES_DIST, axeViolations, fileUrl, openPage, useSite } from "./harness.mjs";

const skip = FEATURES_DIST ? false : "HELPSITE_FEATURES_DIST is not set";
const GERMAN = "de/guides/with-faq/";

const site = useSite(FEATURES_DIST);

test("the switcher is reached and used from the keyboard and keeps the page", { skip }, async () => {
  const { context, page, problems } = await openPage(site.browser);
  await page.goto(site.server.url(GERMAN));
  assert.equal(await page.getAttribute("html", "lang"), "de");
  const summary = page.locator("details.languages > summary");
  await summary.focus();
  assert.match(await summary.innerText(), /Deutsch/);
  await page.keyboard.press("Enter");
  assert.equal(await page.locator("details.languages").getAttribute("open"), "");
  await page.keyboard.press("Tab");
  const focused = await page.evaluate(() => document.activeElement.textContent);
  assert.equal(focused, "English");
  await Promise.all([page.waitForURL(site.server.url("guides/with-faq/")), page.keyboard.press("Enter")]);
  assert.equal(await page.getAttribute("html", "lang"), "en");
  assert.equal(await page.locator("h1").innerText(), "A guide with questions");

  // An English page that has no German version leads to the German home page.
  await page.goto(site.server.url("guides/markdown/"));
  await page.locator("details.languages > summary").click();
  await Promise.all([page.waitForURL(site.server.url("de/")), page.getByRole("link", { name: "Deutsch" }).click()]);
  assert.equal(await page.locator("h1").innerText(), "Startseite des Funktionstests");
  assert.deepEqual(problems, []);
  await context.close();
});

test("the switcher works without JavaScript, and from file:// with it", { skip }, async () => {
  const bare = await site.browser.newContext({ javaScriptEnabled: false });
  let page = await bare.newPage();
  await page.goto(site.server.url(GERMAN));
  await page.locator("details.languages > summary").click();
  await Promise.all([page.waitForURL(site.server.url("guides/with-faq/")), page.getByRole("link", { name: "English" }).click()]);
  assert.equal(await page.locator("h1").innerText(), "A guide with questions");
  await bare.close();

  // From disk, the theme's script points folder links at their index.html.
  const { context, page: local, problems } = await openPage(site.browser);
  page = local;
  await page.goto(fileUrl(FEATURES_DIST, GERMAN + "index.html"));
  await page.locator("details.languages > summary").click();
  await Promise.all([page.waitForURL(/\/guides\/with-faq\/index\.html$/), page.getByRole("link", { name: "English" }).click()]);
  assert.ok(!page.url().includes("/de/"), page.url());
  assert.equal(await page.locator("h1").innerText(), "A guide with questions");
  assert.deepEqual(problems, []);
  await context.close();
});

test("a German page searches the German index and speaks German", { skip }, async () => {
  const { context, page, problems } = await openPage(site.browser);
  await page.goto(site.server.url(GERMAN));
  const input = page.locator("#search-input");
  assert.equal(await input.getAttribute("placeholder"), "Suche");
  await input.fill("passwort");
  const first = page.locator("#search-results [role=option]").first();
  await first.waitFor();
  const href = await first.getAttribute("data-href");
  assert.match(href, /de\/(guides|faq)\//, href);
  // English pages are not in the German index: "endpoints" is only in English.
  await input.fill("endpoints");
  await page.locator("#search-popup .search-empty").waitFor();
  assert.match(await page.locator("#search-popup .search-empty").innerText(), /Keine Ergebnisse für „endpoints“/);
  // The copy button speaks German too.
  assert.equal(await page.locator("button.copy-button").first().getAttribute("aria-label"), "Code kopieren");
  assert.deepEqual(problems, []);
  await context.close();
});

for (const colorScheme of ["light", "dark"]) {
  test(`axe-core: German page with the switcher open, ${colorScheme}`, { skip }, async () => {
    const { context, page } = await openPage(site.browser, { colorScheme });
    await page.goto(site.server.url(GERMAN));
    await page.locator("details.languages > summary").click();
    assert.deepEqual(await axeViolations(page), []);
    await page.setViewportSize({ width: 390, height: 844 });
    assert.deepEqual(await axeViolations(page), []);
    await context.close();
  });
}
