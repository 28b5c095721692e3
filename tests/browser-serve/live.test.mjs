// Live reload in real headless Chromium: edits show up without pressing reload, CSS is
// swapped in place, build errors show an overlay that the fix removes, a first-build failure
// recovers, and the page reconnects after a server restart.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { WAIT, copyFixture, edit, launch, open, serve, write } from "./harness.mjs";

const ALPHA = "content/guides/alpha.md";
const FAQ = "content/faq/token.yaml";
let browser;

before(async () => {
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

const bodyHas = (page, text) =>
  page.waitForFunction((t) => document.body.innerText.includes(t), text, { timeout: WAIT });

test("a text edit appears without a manual reload, keeping scroll and open questions", async () => {
  const server = await serve(copyFixture("serve-basic"));
  try {
    const { page, errors, navigations } = await open(browser, server.url + "guides/alpha/");
    await page.click("#reset summary");
    await page.evaluate(() => window.scrollTo({ top: 900, behavior: "instant" }));
    await page.waitForFunction(() => Math.abs(window.scrollY - 900) < 2);
    edit(server.root, ALPHA, "ORIGINAL-ALPHA", "EDITED-ALPHA");
    await bodyHas(page, "EDITED-ALPHA");
    assert.equal(navigations(), 2, "one reload, by the client");
    await page.waitForFunction(() => Math.abs(window.scrollY - 900) < 2, null, { timeout: WAIT });
    assert.equal(await page.evaluate(() => document.getElementById("reset").open), true, "the open question stays open");
    assert.equal(await page.evaluate(() => document.getElementById("what-is-it").open), false);
    assert.deepEqual(errors, []);
  } finally {
    await server.stop();
  }
});

test("a CSS edit is applied without navigation", async () => {
  const server = await serve(copyFixture("serve-basic"));
  try {
    const { page, errors, navigations } = await open(browser, server.url);
    await page.evaluate(() => (window.__marker = 1));
    const before = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    assert.notEqual(before, "rgb(1, 2, 3)");
    write(server.root, "static/style.css", "body { background-color: rgb(1, 2, 3); }\n");
    await page.waitForFunction(() => getComputedStyle(document.body).backgroundColor === "rgb(1, 2, 3)", null, {
      timeout: WAIT,
    });
    assert.equal(await page.evaluate(() => window.__marker), 1, "the page's window state survives");
    assert.equal(navigations(), 1, "no navigation");
    assert.equal(await page.locator('link[rel="stylesheet"][href*="style.css"]').count(), 1, "the old sheet is gone");
    assert.deepEqual(errors, []);
  } finally {
    await server.stop();
  }
});

test("a broken YAML edit shows the overlay and the fix removes it", async () => {
  const server = await serve(copyFixture("serve-basic"));
  try {
    const { page, errors } = await open(browser, server.url + "faq/token/");
    await page.evaluate(() => (window.__marker = 1));
    edit(server.root, FAQ, "  - id: reset\n", "  - id: reset\n    tags: [oops\n");
    const location = page.locator("#helpsite-overlay .hs-loc");
    await location.waitFor({ timeout: WAIT });
    assert.match(await location.first().innerText(), /^content\/faq\/token\.yaml:\d+:\d+$/);
    const source = await page.locator("#helpsite-overlay .hs-src").first().innerText();
    assert.match(source, /^\d+ \| .+\n *\^+$/, "the source line with a caret");
    assert.ok(await page.locator("#helpsite-overlay").isVisible());
    assert.ok((await page.evaluate(() => document.body.textContent)).includes("ORIGINAL-ANSWER"), "last good page underneath");
    assert.equal(await page.evaluate(() => window.__marker), 1, "showing the error does not reload");
    edit(server.root, FAQ, "    tags: [oops\n", "");
    await page.waitForFunction(() => window.__marker === undefined, null, { timeout: WAIT });
    await page.waitForFunction(() => document.readyState === "complete");
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(await page.locator("#helpsite-overlay").count(), 0, "the overlay is gone after the fix");
    assert.deepEqual(errors, []);
  } finally {
    await server.stop();
  }
});

test("a first-build failure shows the error and recovers when fixed", async () => {
  const root = copyFixture("serve-basic");
  edit(root, FAQ, "title: Token questions", "title: [Token questions");
  const server = await serve(root);
  try {
    const { page, errors } = await open(browser, server.url + "guides/alpha/");
    await bodyHas(page, "Build failed");
    assert.ok((await page.evaluate(() => document.body.innerText)).includes("content/faq/token.yaml:1:"));
    edit(root, FAQ, "title: [Token questions", "title: Token questions");
    await bodyHas(page, "ORIGINAL-ALPHA");
    assert.equal(await page.title(), "Alpha guide · Serve Test Help");
    assert.deepEqual(errors, []);
  } finally {
    await server.stop();
  }
});

test("the page reconnects after the server restarts, and reloads", async () => {
  const root = copyFixture("serve-basic");
  let server = await serve(root);
  try {
    const { page, errors } = await open(browser, server.url + "guides/beta/");
    const port = server.port;
    await server.stop();
    edit(root, "content/guides/beta.md", "Beta text.", "Beta text, changed while the server was down.");
    server = await serve(root, port);
    await bodyHas(page, "changed while the server was down");
    assert.deepEqual(errors, []);
  } finally {
    await server.stop();
  }
});
