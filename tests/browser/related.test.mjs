// Related articles at the end of an article, in a real browser: reached from the keyboard
// with a visible focus ring, they lead to the page they name, and axe-core finds nothing in
// light and dark, wide and narrow.
import { test } from "node:test";
import assert from "node:assert/strict";
import { DIST, axeViolations, openPage, useSite } from "./harness.mjs";

const site = useSite(DIST);
const ARTICLE = "guides/security-token/reset-your-security-token/";

test("related articles are reached by keyboard and lead to their page", async () => {
  const { context, page, problems } = await openPage(site.browser);
  await page.goto(site.server.url(ARTICLE));
  const links = page.locator("nav.related a");
  const count = await links.count();
  assert.ok(count >= 3 && count <= 5, `three to five related articles, got ${count}`);
  const titles = await links.allInnerTexts();
  assert.ok(!titles.includes(await page.locator("main h1").innerText()), "not the page itself");
  // Tab through the page until focus reaches the first related link.
  let reached = false;
  for (let i = 0; i < 200 && !reached; i++) {
    await page.keyboard.press("Tab");
    reached = await page.evaluate(() => document.activeElement?.closest("nav.related") !== null);
  }
  assert.ok(reached, "the related links are in the tab order");
  const ring = await page.evaluate(() => {
    const s = getComputedStyle(document.activeElement);
    return { style: s.outlineStyle, width: parseFloat(s.outlineWidth) };
  });
  assert.ok(ring.style !== "none" && ring.width > 0, `focus is visible: ${JSON.stringify(ring)}`);
  const title = await page.evaluate(() => document.activeElement.textContent);
  await Promise.all([page.waitForLoadState("load"), page.keyboard.press("Enter")]);
  await page.waitForFunction((t) => document.querySelector("main h1")?.textContent === t, title);
  assert.deepEqual(problems, []);
  await context.close();
});

for (const colorScheme of ["light", "dark"]) {
  for (const width of [1400, 390]) {
    test(`axe-core on related articles (${colorScheme}, ${width} px)`, async () => {
      const { context, page } = await openPage(site.browser, { colorScheme, viewport: { width, height: 900 } });
      await page.goto(site.server.url(ARTICLE));
      assert.ok(await page.locator("nav.related").isVisible());
      assert.deepEqual(await axeViolations(page), []);
      await context.close();
    });
  }
}
