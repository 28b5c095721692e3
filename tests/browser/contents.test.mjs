// "On this page" in a real browser: the side list marks the section being read as the reader
// scrolls (scroll spy), lists the FAQ shown at the end of an article, and on phones the same
// list sits collapsed at the top of the article; heading permalinks are no extra tab stops.
import { test } from "node:test";
import assert from "node:assert/strict";
import { DIST, axeViolations, openPage, useSite } from "./harness.mjs";

const TROUBLESHOOTING = "guides/security-token/troubleshooting/";
const RESET = "guides/security-token/reset-your-security-token/";

const site = useSite(DIST);

/** The `href`s of the side list's entries marked as the current section. */
const current = (page, list = ".toc") =>
  page.evaluate((sel) => Array.from(document.querySelectorAll(`${sel} a[aria-current]`)).map((a) => a.getAttribute("href")), list);

test("scroll spy marks the section being read, and the last one at the end", async () => {
  const { context, page, problems } = await openPage(site.browser);
  await page.goto(site.server.url(TROUBLESHOOTING));
  const hrefs = await page.locator(".toc a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
  assert.ok(hrefs.length >= 5, hrefs.join(" "));
  const middle = hrefs[Math.floor(hrefs.length / 2)];
  await page.evaluate((id) => {
    const el = document.getElementById(decodeURIComponent(id.slice(1)));
    // Just below the header, where a reader has the heading when its section starts.
    window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 60);
  }, middle);
  await page.waitForFunction((h) => document.querySelector(`.toc a[href="${h}"]`)?.getAttribute("aria-current") === "true", middle);
  assert.deepEqual(await current(page), [middle], "one entry at a time");
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  const last = hrefs[hrefs.length - 1];
  await page.waitForFunction((h) => document.querySelector(`.toc a[href="${h}"]`)?.getAttribute("aria-current") === "true", last);
  assert.deepEqual(await current(page), [last]);
  // Following an entry marks it too.
  await page.locator(`.toc a[href="${hrefs[1]}"]`).click();
  await page.waitForFunction((h) => document.querySelector(`.toc a[href="${h}"]`)?.getAttribute("aria-current") === "true", hrefs[1]);
  assert.deepEqual(problems, []);
  await context.close();
});

test("the contents list the FAQ at the end of an article, and each question on the FAQ page", async () => {
  const { context, page } = await openPage(site.browser);
  await page.goto(site.server.url(RESET));
  const faqHeading = await page.locator("section.faq h2").getAttribute("id");
  const last = await page.locator(".toc li:last-child a").getAttribute("href");
  assert.equal(last, `#${faqHeading}`);
  await page.goto(site.server.url("faq/security-token/"));
  const questions = await page.locator("details.faq-item").evaluateAll((ds) => ds.map((d) => `#${d.id}`));
  const entries = await page.locator(".toc a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
  assert.deepEqual(entries, questions);
  await context.close();
});

test("on a phone the contents sit collapsed at the top of the article and work from the keyboard", async () => {
  const { context, page, problems } = await openPage(site.browser, { viewport: { width: 390, height: 844 } });
  await page.goto(site.server.url(TROUBLESHOOTING));
  assert.equal(await page.locator("aside.toc").isVisible(), false);
  const details = page.locator("details.toc-mobile");
  assert.equal(await details.isVisible(), true);
  assert.equal(await details.getAttribute("open"), null, "closed at first");
  const h1 = await page.locator("main h1").boundingBox();
  const box = await details.boundingBox();
  assert.ok(box.y > h1.y && box.y < h1.y + 300, "right below the title");
  await page.locator("details.toc-mobile > summary").focus();
  await page.keyboard.press("Enter");
  assert.equal(await details.getAttribute("open"), "");
  await page.keyboard.press("Tab");
  const target = await page.evaluate(() => document.activeElement.getAttribute("href"));
  await page.keyboard.press("Enter");
  await page.waitForFunction((h) => location.hash === h, target);
  assert.equal(await details.getAttribute("open"), null, "choosing an entry closes the list");
  assert.deepEqual(problems, []);
  await context.close();
});

test("heading permalinks are no extra tab stops", async () => {
  const { context, page } = await openPage(site.browser);
  await page.goto(site.server.url(RESET));
  const anchors = await page.locator("a.anchor").count();
  assert.ok(anchors >= 3, `${anchors} permalinks`);
  const reached = [];
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press("Tab");
    const cls = await page.evaluate(() => document.activeElement.className || document.activeElement.tagName);
    reached.push(cls);
  }
  assert.ok(!reached.some((c) => /\banchor\b/.test(c)), reached.join(" "));
  await context.close();
});

for (const colorScheme of ["light", "dark"]) {
  test(`axe-core with the phone contents open (${colorScheme})`, async () => {
    const { context, page } = await openPage(site.browser, { colorScheme, viewport: { width: 390, height: 844 } });
    await page.goto(site.server.url(RESET));
    await page.locator("details.toc-mobile > summary").click();
    assert.deepEqual(await axeViolations(page), []);
    await context.close();
  });
}
