// The `docs-in-the-wild` fixture in a real browser: MkDocs admonitions, collapsibles (`???`),
// content tabs (`===`) and Docusaurus admonitions are accessible (axe-core, light and dark,
// wide and narrow), work with the mouse and the keyboard, and log no console errors.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { AXE, WILD_DIST, SCREENSHOTS, axeViolations, launch, openPage, serve } from "./harness.mjs";

const SETUP = "guide/setup/";
const PAGES = [SETUP, "reference/", "faq/general/"];
const WIDTHS = [1400, 390];
// How the theme turns dark: the system preference (prefers-color-scheme), or the header toggle
// (data-theme="dark") on a light system. `bg` is the body background that proves it applied.
const SCHEMES = [
  { name: "light", colorScheme: "light", toggle: false, bg: "rgb(255, 255, 255)" },
  { name: "dark", colorScheme: "dark", toggle: false, bg: "rgb(13, 17, 23)" },
  { name: "dark (toggle)", colorScheme: "light", toggle: true, bg: "rgb(13, 17, 23)" },
];
const skip = WILD_DIST ? false : "HELPSITE_WILD_DIST is not set";

let browser;
let server;

before(async () => {
  if (skip) return;
  browser = await launch();
  server = await serve(WILD_DIST);
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const newPage = (options) => openPage(browser, options);

/** Opens every <details> and selects the last tab of every tab set, so that axe sees the
 *  content that is hidden at load (collapsed bodies, FAQ answers, other tab panels). */
async function expandAll(page) {
  await page.evaluate(() => {
    for (const d of document.querySelectorAll("details")) d.open = true;
    for (const set of document.querySelectorAll(".tabs")) {
      const labels = set.querySelectorAll(":scope > .tab-label");
      labels[labels.length - 1].click();
    }
  });
}

const visible = (page, selector, i) => page.locator(selector).nth(i).isVisible();
const active = (page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    return { tag: el.tagName.toLowerCase(), id: el.id, cls: el.className, text: el.textContent.trim().slice(0, 40) };
  });

test("the fixture page uses every new component", { skip }, async () => {
  const { context, page, problems } = await newPage();
  await page.goto(server.url(SETUP));
  const count = (selector) => page.locator(selector).count();
  assert.equal(await count("article.content div.callout[role=note]"), 3, "admonitions (MkDocs, nested MkDocs, Docusaurus)");
  assert.equal(await count("article.content details.callout"), 2, "collapsibles");
  assert.equal(await count("article.content .tabs > input.tab-input[type=radio]"), 2, "tabs");
  assert.equal(await count("article.content .tabs > label.tab-label"), 2, "tab labels");
  assert.equal(await count("article.content .tabs > .tab-panel"), 2, "tab panels");
  assert.deepEqual(problems, []);
  await context.close();
});

for (const scheme of SCHEMES) {
  for (const width of WIDTHS) {
    test(`axe-core finds no violations: ${scheme.name}, ${width}px`, { skip }, async () => {
      const { context, page, problems } = await newPage({ viewport: { width, height: 900 }, colorScheme: scheme.colorScheme });
      const found = [];
      for (const rel of PAGES) {
        await page.goto(server.url(rel), { waitUntil: "load" });
        if (scheme.toggle && (await page.evaluate(() => document.documentElement.dataset.theme)) !== "dark") {
          await page.locator("button.theme-toggle").click();
          await page.reload({ waitUntil: "load" }); // no colour transition under way while axe measures
        }
        assert.equal(await page.evaluate(() => document.documentElement.dataset.theme ?? null), scheme.toggle ? "dark" : null);
        assert.equal(await page.evaluate(() => getComputedStyle(document.body).backgroundColor), scheme.bg, `${rel}: not ${scheme.name}`);
        for (const state of ["as loaded", "all expanded"]) {
          if (state === "all expanded") await expandAll(page);
          for (const v of await axeViolations(page)) found.push(`${rel} [${state}] ${v}`);
        }
      }
      if (found.length) console.log(`axe violations (${scheme.name}, ${width}px):\n  ${found.join("\n  ")}`);
      assert.deepEqual(found, []);
      assert.deepEqual(problems, []);
      await context.close();
    });
  }
}

test("tabs: the first panel shows at load; clicking a label switches panels", { skip }, async () => {
  const { context, page, problems } = await newPage();
  await page.goto(server.url(SETUP));
  const panel = ".tabs > .tab-panel";
  assert.equal(await visible(page, panel, 0), true, "first panel visible");
  assert.equal(await visible(page, panel, 1), false, "second panel hidden");
  assert.match(await page.locator(panel).nth(0).innerText(), /pip install tool/);

  await page.locator(".tabs > .tab-label", { hasText: "conda" }).click();
  assert.equal(await visible(page, panel, 0), false, "first panel hidden after the click");
  assert.equal(await visible(page, panel, 1), true, "second panel visible after the click");
  assert.match(await page.locator(panel).nth(1).innerText(), /conda install tool/);
  assert.equal(await page.locator(".tabs > .tab-input").nth(1).isChecked(), true);

  await page.locator(".tabs > .tab-label", { hasText: "pip" }).click();
  assert.equal(await visible(page, panel, 0), true, "and back");
  assert.equal(await visible(page, panel, 1), false);
  assert.deepEqual(problems, []);
  await context.close();
});

test("tabs: keyboard focus lands on the checked tab, arrows switch, focus is visible", { skip }, async () => {
  for (const colorScheme of ["light", "dark"]) {
    const { context, page, problems } = await newPage({ colorScheme });
    await page.goto(server.url(SETUP));
    const inputs = page.locator(".tabs > .tab-input");
    const labels = page.locator(".tabs > .tab-label");
    const panel = ".tabs > .tab-panel";
    // Start on the last link before the tab set (inside the open `???+` callout).
    await page.locator("details.callout-caution a[href='#installation']").focus();
    await page.keyboard.press("Tab");
    assert.deepEqual(await active(page), { tag: "input", id: "tabs:1:1", cls: "tab-input", text: "" }, "Tab reaches the checked radio");
    const outline = (i) => labels.nth(i).evaluate((l) => ({ style: getComputedStyle(l).outlineStyle, width: getComputedStyle(l).outlineWidth }));
    const first = await outline(0);
    assert.notEqual(first.style, "none", `${colorScheme}: the focused tab's label has no outline`);
    assert.ok(parseFloat(first.width) >= 1, `${colorScheme}: outline ${JSON.stringify(first)}`);
    assert.equal((await outline(1)).style, "none", "the other label has none");

    await page.keyboard.press("ArrowRight");
    assert.equal(await inputs.nth(1).isChecked(), true, "ArrowRight checks the next tab");
    assert.equal((await active(page)).id, "tabs:1:2", "and moves focus to it");
    assert.equal(await visible(page, panel, 1), true, "its panel shows");
    assert.equal(await visible(page, panel, 0), false, "the first panel hides");
    const second = await outline(1);
    assert.notEqual(second.style, "none", `${colorScheme}: the newly focused tab's label has no outline`);
    assert.equal((await outline(0)).style, "none");

    await page.keyboard.press("ArrowRight");
    assert.equal(await inputs.nth(0).isChecked(), true, "ArrowRight wraps round to the first tab");
    await page.keyboard.press("ArrowLeft");
    assert.equal(await inputs.nth(1).isChecked(), true, "ArrowLeft goes back");

    // One Tab stop per tab set: the next Tab leaves the radios.
    await page.keyboard.press("Tab");
    const next = await active(page);
    assert.notEqual(next.cls, "tab-input", `Tab stayed in the tab set: ${JSON.stringify(next)}`);
    assert.deepEqual(problems, []);
    await context.close();
  }
});

test("collapsibles: `???` is closed and opens with Enter; `???+` is open at load", { skip }, async () => {
  const { context, page, problems } = await newPage();
  await page.goto(server.url(SETUP));
  const tip = page.locator("details.callout-tip");
  const tipBody = tip.locator("p", { hasText: "Variables are listed under" });
  assert.equal(await tip.evaluate((d) => d.open), false, "`??? tip` starts closed");
  assert.equal(await tipBody.isVisible(), false, "its body is hidden");
  assert.equal(await tip.locator("summary").innerText(), "Advanced: environment");

  // Keyboard: from the link before it (inside the nested warning) Tab reaches the summary.
  await page.locator("a[href='missing.md']").focus();
  await page.keyboard.press("Tab");
  assert.deepEqual(await active(page), { tag: "summary", id: "", cls: "callout-title", text: "Advanced: environment" });
  await page.keyboard.press("Enter");
  assert.equal(await tip.evaluate((d) => d.open), true, "Enter opens it");
  assert.equal(await tipBody.isVisible(), true, "its body shows");
  await page.keyboard.press("Enter");
  assert.equal(await tip.evaluate((d) => d.open), false, "Enter again closes it");

  const danger = page.locator("details.callout-caution");
  assert.equal(await danger.evaluate((d) => d.open), true, "`???+ danger` is open at load");
  assert.equal(await danger.locator("p", { hasText: "Open by default" }).isVisible(), true);
  assert.deepEqual(problems, []);
  await context.close();
});

test("no console errors on any page of the fixture, light and dark", { skip }, async () => {
  for (const colorScheme of ["light", "dark"]) {
    const { context, page, problems } = await newPage({ colorScheme });
    for (const rel of ["", SETUP, "reference/", "faq/", "faq/general/", "guide/", "snippets/", "thematic/"]) {
      const res = await page.goto(server.url(rel), { waitUntil: "load" });
      assert.equal(res.status(), 200, rel);
    }
    assert.deepEqual(problems, []);
    await context.close();
  }
});

test("screenshots of guide/setup/ for review (light/dark, wide/narrow)", { skip }, async () => {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  for (const colorScheme of ["light", "dark"]) {
    for (const width of WIDTHS) {
      const { context, page, problems } = await newPage({ viewport: { width, height: 900 }, colorScheme });
      await page.goto(server.url(SETUP));
      const file = path.join(SCREENSHOTS, `wild-setup-${colorScheme}-${width}.png`);
      await page.screenshot({ path: file, fullPage: true });
      assert.ok(fs.statSync(file).size > 1000, file);
      assert.deepEqual(problems, []);
      await context.close();
    }
  }
  console.log(`screenshots written to ${SCREENSHOTS}`);
});
