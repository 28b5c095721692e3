// The site's identity in a real browser: the declared icon loads (no request for
// /favicon.ico), the announcement bar is dismissed from the keyboard and stays dismissed on
// other pages, and logo, header and footer links pass axe-core in light and dark.
import { test } from "node:test";
import assert from "node:assert/strict";
import { FEATURES_DIST, axeViolations, openPage, useSite } from "./harness.mjs";

const skip = FEATURES_DIST ? false : "HELPSITE_FEATURES_DIST is not set";

const site = useSite(FEATURES_DIST);

test("the icon loads and nothing asks for /favicon.ico", { skip }, async () => {
  const { context, page, problems } = await openPage(site.browser);
  const requests = [];
  page.on("request", (r) => requests.push(new URL(r.url()).pathname));
  await page.goto(site.server.url("guides/with-faq/"), { waitUntil: "networkidle" });
  assert.ok(requests.includes("/_static/favicon.svg"), requests.join(" "));
  assert.ok(!requests.includes("/favicon.ico"), requests.join(" "));
  const logo = await page.locator(".brand-logo").evaluate((img) => img.complete && img.naturalWidth > 0);
  assert.equal(logo, true, "the logo loads");
  assert.deepEqual(problems, []);
  await context.close();
});

test("the announcement is dismissed from the keyboard and stays dismissed", { skip }, async () => {
  const { context, page, problems } = await openPage(site.browser);
  await page.goto(site.server.url(""));
  const bar = page.locator(".announcement");
  assert.equal(await bar.isVisible(), true);
  // Skip link first, then the announcement's link and its close button.
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.textContent), "Learn more");
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.className), "announcement-close");
  await page.keyboard.press("Enter");
  assert.equal(await bar.isVisible(), false);
  assert.equal(await page.evaluate(() => document.activeElement.classList.contains("brand")), true, "focus stays at the top");
  await page.goto(site.server.url("guides/with-faq/"));
  assert.equal(await page.locator(".announcement").isVisible(), false, "still dismissed on another page");
  // A new announcement shows again.
  await page.evaluate(() => localStorage.setItem("helpsite-announcement", "an older one"));
  await page.reload();
  assert.equal(await page.locator(".announcement").isVisible(), true);
  assert.deepEqual(problems, []);
  await context.close();
});

for (const colorScheme of ["light", "dark"]) {
  for (const width of [1400, 390]) {
    test(`axe-core: logo, header links, announcement and footer (${colorScheme}, ${width} px)`, { skip }, async () => {
      const { context, page } = await openPage(site.browser, { colorScheme, viewport: { width, height: 900 } });
      await page.goto(site.server.url("guides/with-faq/"));
      assert.deepEqual(await axeViolations(page), []);
      await context.close();
    });
  }
}
