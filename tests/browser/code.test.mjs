// Code blocks in a real browser: every block gets a copy button (keyboard reachable, named
// "Copy code") that copies the code without line numbers or prompts and announces "Copied";
// title bars, numbers and marked lines pass axe-core in light and dark.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import { AXE, FEATURES_DIST, axeViolations, launch, serve, watch } from "./harness.mjs";

const PAGE = "guides/markdown/";
const skip = FEATURES_DIST ? false : "HELPSITE_FEATURES_DIST is not set";

let browser;
let server;

before(async () => {
  if (skip) return;
  browser = await launch();
  server = await serve(FEATURES_DIST);
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function newPage(options = {}) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, colorScheme: "light", ...options });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.url("").replace(/\/$/, "") });
  const page = await context.newPage();
  return { context, page, problems: watch(page) };
}

/** Press Tab until the focused element matches `selector`; its index among the matches. */
async function tabTo(page, selector, nth) {
  for (let i = 0; i < 400; i++) {
    await page.keyboard.press("Tab");
    const at = await page.evaluate(
      ([sel]) => Array.prototype.indexOf.call(document.querySelectorAll(sel), document.activeElement),
      [selector],
    );
    if (at === nth) return;
  }
  assert.fail(`Tab never reached ${selector} #${nth}`);
}

test("every code block has a copy button; without JavaScript there is none", { skip }, async () => {
  const { context, page, problems } = await newPage();
  await page.goto(server.url(PAGE));
  const blocks = await page.locator("pre.code").count();
  assert.ok(blocks >= 5, `only ${blocks} code blocks`);
  const buttons = page.locator("button.copy-button");
  assert.equal(await buttons.count(), blocks);
  assert.equal(await buttons.first().getAttribute("type"), "button");
  assert.equal(await buttons.first().getAttribute("aria-label"), "Copy code");
  assert.equal(await page.locator("[aria-live=polite]").count() >= 1, true);
  assert.deepEqual(problems, []);
  await context.close();

  const noJs = await browser.newContext({ javaScriptEnabled: false });
  const bare = await noJs.newPage();
  await bare.goto(server.url(PAGE));
  assert.equal(await bare.locator("pre.code").count(), blocks);
  assert.equal(await bare.locator("button.copy-button").count(), 0);
  await noJs.close();
});

for (const [name, lang, expected] of [
  ["line numbers", "python", 'def main():\n    """Say hello\n    to everyone."""\n    name = "world"\n    print(f"hello {name}")'],
  ["prompts", "console", "helpsite build\ndone\nBuilt 12 pages"],
]) {
  test(`Tab + Enter copies the code without ${name} and announces "Copied"`, { skip }, async () => {
    const { context, page, problems } = await newPage();
    await page.goto(server.url(PAGE));
    const index = await page.evaluate(
      (l) => Array.from(document.querySelectorAll("pre.code")).findIndex((p) => p.querySelector(`code.language-${l}`)),
      lang,
    );
    assert.ok(index >= 0, `no ${lang} block`);
    await tabTo(page, "button.copy-button", index);
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => document.querySelector(".copy-status").textContent === "Copied");
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), expected);
    const button = page.locator("button.copy-button").nth(index);
    assert.equal(await button.getAttribute("aria-label"), "Copied");
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test("line numbers are not selectable and marked lines stand out", { skip }, async () => {
  const { context, page } = await newPage();
  await page.goto(server.url(PAGE));
  const info = await page.evaluate(() => {
    const ln = document.querySelector("pre.code .ln");
    const marked = document.querySelector("pre.code .line.marked");
    const plain = document.querySelector("pre.code .line:not(.marked)");
    return {
      select: getComputedStyle(ln).userSelect,
      number: getComputedStyle(ln, "::before").content,
      text: ln.textContent,
      marked: getComputedStyle(marked).backgroundColor,
      plain: getComputedStyle(plain).backgroundColor,
      title: document.querySelector(".code-title")?.textContent,
    };
  });
  assert.equal(info.select, "none");
  assert.equal(info.number, '"5"');
  assert.equal(info.text, "");
  assert.notEqual(info.marked, info.plain);
  assert.equal(info.title, "app.py");
  await context.close();
});

const axeSkip = skip || (fs.existsSync(AXE) ? false : "node_modules/axe-core is not installed");
for (const colorScheme of ["light", "dark"]) {
  test(`axe-core finds no violations in code blocks: ${colorScheme}`, { skip: axeSkip }, async () => {
    const { context, page, problems } = await newPage({ colorScheme });
    await page.goto(server.url(PAGE), { waitUntil: "load" });
    // Only the code blocks: the rest of the page is checked elsewhere.
    const found = await axeViolations(page, [".code-copy", ".code-title"]);
    assert.deepEqual(found, []);
    assert.deepEqual(problems, []);
    await context.close();
  });
}
