// "Was this helpful?" in a real browser, against a feedback endpoint on 127.0.0.1: an answer
// and then a comment are posted as JSON with the documented fields, for an article and for
// one FAQ answer; analytics get the same as an event, and a search that finds nothing is
// reported once. Keyboard use and axe-core (light, dark) too.
import { test } from "node:test";
import assert from "node:assert/strict";
import { FEATURES_DIST, axeViolations, openPage, useSite } from "./harness.mjs";

const skip = FEATURES_DIST ? false : "HELPSITE_FEATURES_DIST is not set";

const site = useSite(FEATURES_DIST);

async function waitForPosts(n) {
  for (let i = 0; i < 100 && site.server.posted.length < n; i++) await new Promise((r) => setTimeout(r, 50));
  assert.equal(site.server.posted.length, n, JSON.stringify(site.server.posted));
}

test("an article's answer and comment are posted, and analytics hear of it", { skip }, async () => {
  site.server.posted.length = 0;
  const { context, page, problems } = await openPage(site.browser);
  await page.goto(site.server.url("guides/markdown/"));
  const box = page.locator("article > .feedback");
  assert.equal(await box.isVisible(), true);
  assert.equal(await box.locator(".feedback-ask").innerText(), "Was this helpful?");
  // From the keyboard: focus "No", press Space.
  await box.locator('button[data-answer="no"]').focus();
  await page.keyboard.press("Space");
  await waitForPosts(1);
  const first = site.server.posted[0];
  assert.equal(first.method, "POST");
  assert.equal(first.path, "/collect");
  assert.match(first.type, /application\/json/);
  assert.deepEqual(
    { ...first.body, url: undefined },
    { version: 1, url: undefined, page: "guides/markdown/", title: "Markdown features", question: null, language: "en", answer: "no", comment: null },
  );
  assert.equal(first.body.url, site.server.url("guides/markdown/"));
  assert.equal(await box.locator('button[data-answer="no"]').getAttribute("aria-pressed"), "true");
  assert.match(await box.locator(".feedback-status").innerText(), /Thank you/);
  await box.locator("textarea").fill("The tables section needs an example.");
  await box.locator('.feedback-comment button[type="submit"]').click();
  await waitForPosts(2);
  assert.equal(site.server.posted[1].body.comment, "The tables section needs an example.");
  assert.equal(site.server.posted[1].body.answer, "no");
  const events = await page.evaluate(() => window.helpsiteEvents);
  assert.deepEqual(events[0], ["feedback", { page: "guides/markdown/", question: "", answer: "no" }]);
  assert.deepEqual(problems, []);
  await context.close();
});

test("each FAQ answer asks on its own and says which question", { skip }, async () => {
  site.server.posted.length = 0;
  const { context, page, problems } = await openPage(site.browser);
  await page.goto(site.server.url("faq/general/#reset-password"));
  const item = page.locator("details#reset-password");
  await item.locator('.feedback button[data-answer="yes"]').click();
  await waitForPosts(1);
  assert.equal(site.server.posted[0].body.question, "reset-password");
  assert.equal(site.server.posted[0].body.answer, "yes");
  assert.equal(site.server.posted[0].body.page, "faq/general/");
  assert.deepEqual(problems, []);
  await context.close();
});

test("a search that finds nothing is reported to analytics once", { skip }, async () => {
  const { context, page } = await openPage(site.browser);
  await page.goto(site.server.url("search/?q=xylophone"));
  await page.waitForFunction(() => (window.helpsiteEvents || []).some((e) => e[0] === "search-no-results"));
  await page.waitForTimeout(300);
  const misses = await page.evaluate(() => window.helpsiteEvents.filter((e) => e[0] === "search-no-results"));
  assert.deepEqual(misses, [["search-no-results", { query: "xylophone" }]]);
  await context.close();
});

test("without JavaScript no feedback widget shows", { skip }, async () => {
  const context = await site.browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(site.server.url("guides/markdown/"));
  assert.equal(await page.locator(".feedback").first().isVisible(), false);
  await context.close();
});

for (const colorScheme of ["light", "dark"]) {
  test(`axe-core: the feedback widget with its comment box open (${colorScheme})`, { skip }, async () => {
    const { context, page } = await openPage(site.browser, { colorScheme });
    await page.goto(site.server.url("guides/markdown/"));
    await page.locator('article > .feedback button[data-answer="yes"]').click();
    assert.deepEqual(await axeViolations(page, ["article > .feedback"]), []);
    assert.deepEqual(await axeViolations(page), []);
    await context.close();
  });
}
