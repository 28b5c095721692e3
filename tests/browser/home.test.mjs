// The help-centre home page in a real browser: the search box comes first and leads to the
// results from the keyboard, the topic cards lead to their sections, and axe-core finds
// nothing in light and dark, wide and narrow.
import { test } from "node:test";
import assert from "node:assert/strict";
import { DIST, axeViolations, openPage, useSite } from "./harness.mjs";

const site = useSite(DIST);

test("the home search box leads to the results, from the keyboard", async () => {
  const { context, page, problems } = await openPage(site.browser);
  await page.goto(site.server.url(""));
  const input = page.locator("#home-search-input");
  const box = await input.boundingBox();
  const cards = await page.locator(".cards").boundingBox();
  assert.ok(box.y < cards.y, "the search box comes before the topics");
  await input.focus();
  await page.keyboard.type("reset token");
  await Promise.all([page.waitForURL(/search\/\?q=reset\+token$/), page.keyboard.press("Enter")]);
  await page.locator("#search-page-results li").first().waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test("a topic card leads to its section", async () => {
  const { context, page } = await openPage(site.browser);
  await page.goto(site.server.url(""));
  const card = page.locator(".card a").filter({ has: page.locator(".card-title", { hasText: /^Guides$/ }) });
  assert.match(await card.innerText(), /4 articles/);
  await Promise.all([page.waitForURL(/guides\/$/), card.click()]);
  assert.equal(await page.locator("main h1").innerText(), "Guides");
  await context.close();
});

for (const colorScheme of ["light", "dark"]) {
  for (const width of [1400, 390]) {
    test(`axe-core on the home page (${colorScheme}, ${width} px)`, async () => {
      const { context, page } = await openPage(site.browser, { colorScheme, viewport: { width, height: 900 } });
      await page.goto(site.server.url(""));
      assert.deepEqual(await axeViolations(page), []);
      await context.close();
    });
  }
}
