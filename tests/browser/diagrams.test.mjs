// Mermaid diagrams in a real browser, on the features fixture (built with
// `static/mermaid.min.js` and `mermaid: true`): the diagram page draws every block as an SVG
// with an accessible name, in light and dark, redraws when the theme changes, works from
// file://, passes axe-core; a page without diagrams never loads the library; without
// JavaScript the source reads as text.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { AXE, FEATURES_DIST, SCREENSHOTS, axeViolations, fileUrl, openPage, useSite } from "./harness.mjs";

const PAGE = "guides/diagrams/";
const PLAIN = "guides/markdown/";
const skip = FEATURES_DIST ? false : "HELPSITE_FEATURES_DIST is not set";

const site = useSite(FEATURES_DIST);

/** Wait until every diagram of the page is drawn; their accessible names and colours. */
async function drawn(page) {
  await page.waitForFunction(() => {
    const all = document.querySelectorAll("pre.mermaid");
    return all.length > 0 && Array.from(all).every((p) => p.classList.contains("drawn") && p.querySelector("svg"));
  });
  return page.evaluate(() =>
    Array.from(document.querySelectorAll("pre.mermaid svg")).map((svg) => {
      const by = svg.getAttribute("aria-labelledby");
      const label = by ? document.getElementById(by.split(" ")[0])?.textContent : svg.getAttribute("aria-label");
      const text = svg.querySelector(".nodeLabel, .actor, text");
      return { label, text: text ? getComputedStyle(text).color || getComputedStyle(text).fill : null };
    }),
  );
}

test("the diagram page draws each block as a named SVG and loads Mermaid; other pages do not", { skip }, async () => {
  const { context, page, problems } = await openPage(site.browser);
  const requested = [];
  page.on("request", (r) => requested.push(r.url()));
  await page.goto(site.server.url(PAGE));
  const diagrams = await drawn(page);
  assert.deepEqual(
    diagrams.map((d) => d.label),
    ["Flowchart", "Saving a document"],
  );
  assert.ok(requested.some((u) => u.endsWith("/_static/mermaid.min.js")), requested.join("\n"));
  // Drawn, the picture replaces the source.
  assert.equal(await page.locator("pre.mermaid").first().getByText("flowchart LR").count(), 0);
  assert.deepEqual(problems, []);

  requested.length = 0;
  await page.goto(site.server.url(PLAIN));
  assert.ok(requested.length > 0);
  assert.deepEqual(
    requested.filter((u) => /mermaid|diagrams\.js/.test(u)),
    [],
  );
  assert.equal(await page.evaluate(() => typeof window.mermaid), "undefined");
  assert.deepEqual(problems, []);
  await context.close();
});

test("diagrams are drawn from disk (file://) too", { skip }, async () => {
  const { context, page, problems } = await openPage(site.browser);
  await page.goto(fileUrl(FEATURES_DIST, `${PAGE}index.html`));
  assert.equal((await drawn(page)).length, 2);
  assert.deepEqual(problems, []);
  await context.close();
});

test("without JavaScript a diagram's source reads as text", { skip }, async () => {
  const context = await site.browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(site.server.url(PAGE));
  const text = await page.locator("pre.mermaid").first().textContent();
  assert.match(text, /^flowchart LR\n {2}A\[Open the app\] --> B\{Signed in\?\}/);
  assert.equal(await page.locator("pre.mermaid svg").count(), 0);
  await context.close();
});

test("switching the theme redraws the diagrams in the other colours", { skip }, async () => {
  const { context, page, problems } = await openPage(site.browser, { colorScheme: "light" });
  await page.goto(site.server.url(PAGE));
  const light = await drawn(page);
  await page.click("button.theme-toggle");
  await page.waitForFunction(
    (before) => {
      const t = document.querySelector("pre.mermaid svg .nodeLabel, pre.mermaid svg text");
      return t && getComputedStyle(t).color !== before;
    },
    light[0].text,
  );
  const dark = await drawn(page);
  assert.notEqual(dark[0].text, light[0].text);
  assert.deepEqual(
    dark.map((d) => d.label),
    light.map((d) => d.label),
  );
  assert.deepEqual(problems, []);
  await context.close();
});

test("a diagram drawn dark prints dark on light", { skip }, async () => {
  const { context, page, problems } = await openPage(site.browser, { colorScheme: "dark" });
  await page.goto(site.server.url(PAGE));
  await drawn(page);
  const filter = () => page.evaluate(() => getComputedStyle(document.querySelector("pre.mermaid svg")).filter);
  assert.equal(await filter(), "none");
  await page.emulateMedia({ media: "print" });
  assert.match(await filter(), /invert\(1\)/);
  assert.deepEqual(problems, []);
  await context.close();
});

const axeSkip = skip || (fs.existsSync(AXE) ? false : "node_modules/axe-core is not installed");
for (const colorScheme of ["light", "dark"]) {
  test(`axe-core finds no violations on the diagram page: ${colorScheme}`, { skip: axeSkip }, async () => {
    const { context, page, problems } = await openPage(site.browser, { colorScheme });
    await page.goto(site.server.url(PAGE), { waitUntil: "load" });
    await drawn(page);
    assert.deepEqual(await axeViolations(page), []);
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test("screenshots of the diagram page, light and dark, wide and narrow", { skip }, async () => {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  for (const colorScheme of ["light", "dark"]) {
    for (const width of [1400, 390]) {
      const { context, page, problems } = await openPage(site.browser, { viewport: { width, height: 900 }, colorScheme });
      await page.goto(site.server.url(PAGE));
      await drawn(page);
      // Too wide for a phone, the flowchart scrolls (and takes focus to scroll by keyboard).
      const focusable = await page.evaluate(() => document.querySelector("pre.mermaid").tabIndex);
      assert.equal(focusable, width < 600 ? 0 : -1);
      // ... and stops taking focus once the window is wide enough again.
      if (width < 600) {
        await page.setViewportSize({ width: 1400, height: 900 });
        await page.waitForFunction(() => document.querySelector("pre.mermaid").tabIndex === -1);
        await page.setViewportSize({ width, height: 900 });
        await page.waitForFunction(() => document.querySelector("pre.mermaid").tabIndex === 0);
      }
      if (!axeSkip) assert.deepEqual(await axeViolations(page), []);
      const file = path.join(SCREENSHOTS, `diagrams-${colorScheme}-${width}.png`);
      await page.screenshot({ path: file, fullPage: true });
      assert.ok(fs.statSync(file).size > 1000, file);
      assert.deepEqual(problems, []);
      await context.close();
    }
  }
});
