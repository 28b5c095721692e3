// Tags in a real browser: a page's tag leads to its tag page, which lists the page and leads
// back to it; the tags pages and a tagged article pass axe-core in light and dark.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { AXE, FEATURES_DIST, SCREENSHOTS, axeViolations, openPage, useSite } from "./harness.mjs";

const ARTICLE = "guides/with-faq/";
const skip = FEATURES_DIST ? false : "HELPSITE_FEATURES_DIST is not set";
const axeSkip = skip || (fs.existsSync(AXE) ? false : "node_modules/axe-core is not installed");

const site = useSite(FEATURES_DIST);

test("a page's tag leads to its tag page, which leads to the pages it lists", { skip }, async () => {
  const { context, page, problems } = await openPage(site.browser);
  await page.goto(site.server.url(ARTICLE));
  const tags = page.getByRole("navigation", { name: "Tags" });
  await tags.getByRole("link", { name: "account" }).click();
  await page.waitForURL(/\/tags\/account\/$/);
  assert.equal(await page.locator("h1").innerText(), "Tag: account");
  const listed = page.locator("main ul.listing > li > a");
  const titles = await listed.allInnerTexts();
  assert.deepEqual(titles, ["A guide with questions", "How do I reset my password?", "How do I contact support?"]);
  await page.getByRole("link", { name: "How do I contact support?" }).click();
  await page.waitForURL(/\/faq\/general\/#contact$/);
  await page.goBack();
  await page.getByRole("link", { name: "A guide with questions" }).click();
  await page.waitForURL(new RegExp(`/${ARTICLE}$`));
  // The breadcrumb leads to the list of all tags.
  await page.goBack();
  await page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: "Tags" }).click();
  await page.waitForURL(/\/tags\/$/);
  const all = await page.locator("ul.tag-cloud a.tag").allInnerTexts();
  assert.deepEqual(all.map((t) => t.replace(/\s+/g, " ")), ["account 3", "diagrams 1", "markdown 2", "reference 2", "support 1"]);
  assert.deepEqual(problems, []);
  await context.close();
});

for (const colorScheme of ["light", "dark"]) {
  test(`axe-core finds no violations on the tags pages and a tagged article: ${colorScheme}`, { skip: axeSkip }, async () => {
    const { context, page, problems } = await openPage(site.browser, { colorScheme });
    for (const rel of ["tags/", "tags/account/", ARTICLE]) {
      await page.goto(site.server.url(rel));
      const found = await axeViolations(page);
      assert.deepEqual(found, [], `${rel} (${colorScheme})`);
    }
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test("screenshots: the tags pages and an article with its tags and date, wide and narrow, light and dark", { skip }, async () => {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  for (const colorScheme of ["light", "dark"]) {
    for (const width of [1400, 390]) {
      const { context, page } = await openPage(site.browser, { colorScheme, viewport: { width, height: 900 } });
      await page.goto(site.server.url("tags/"));
      await page.screenshot({ path: path.join(SCREENSHOTS, `tags-${colorScheme}-${width}.png`) });
      await page.goto(site.server.url("tags/account/"));
      await page.screenshot({ path: path.join(SCREENSHOTS, `tag-${colorScheme}-${width}.png`) });
      await page.goto(site.server.url("guides/markdown/"));
      await page.locator("p.updated").scrollIntoViewIfNeeded();
      assert.match(await page.locator("p.updated").innerText(), /^Last updated \d{4}-\d{2}-\d{2}$/);
      await page.screenshot({ path: path.join(SCREENSHOTS, `updated-${colorScheme}-${width}.png`) });
      await context.close();
    }
  }
});
