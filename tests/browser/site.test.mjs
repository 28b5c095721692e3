// The default theme in a real browser: no console errors, dark-mode toggle, FAQ deep links,
// and navigation that works both from a web server and from disk (file://).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { DIST, FEATURES_DIST, SCREENSHOTS, launch, serve, fileUrl, htmlFiles, openPage } from "./harness.mjs";

const GUIDE = "guides/security-token/reset-your-security-token/";

let browser;
let server;

before(async () => {
  browser = await launch();
  server = await serve(DIST);
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const newPage = (options) => openPage(browser, options);

const isRedirect = (root, rel) => fs.readFileSync(path.join(root, rel), "utf8").includes('http-equiv="refresh"');

test("every page of the bundled site loads over HTTP with no console errors", async () => {
  const { context, page, problems } = await newPage();
  const pages = htmlFiles(DIST).filter((f) => f !== "404.html" && !isRedirect(DIST, f));
  assert.ok(pages.length >= 9, `only ${pages.length} pages`);
  for (const rel of pages) {
    const res = await page.goto(server.url(rel.replace(/index\.html$/, "")), { waitUntil: "load" });
    assert.equal(res.status(), 200, rel);
    assert.equal(await page.locator("main h1").count(), 1, `${rel} has no single <h1>`);
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test("an alias page redirects to its page, over HTTP and from disk", async () => {
  const alias = "blog/how-to-reset-salesforce-security-token/";
  for (const [url, expected] of [
    [server.url(alias), server.url(GUIDE)],
    [fileUrl(DIST, `${alias}index.html`), fileUrl(DIST, `${GUIDE}index.html`)],
  ]) {
    const { context, page, problems } = await newPage();
    await Promise.all([page.waitForURL(expected), page.goto(url, { waitUntil: "commit" })]);
    assert.equal(await page.locator("main h1").textContent(), "Reset your security token");
    assert.deepEqual(problems, []);
    await context.close();
  }
});

test("the feature fixture loads over HTTP with no console errors", { skip: !FEATURES_DIST }, async () => {
  const features = await serve(FEATURES_DIST);
  const { context, page, problems } = await newPage();
  try {
    const pages = htmlFiles(FEATURES_DIST).filter((f) => f !== "404.html" && !isRedirect(FEATURES_DIST, f));
    assert.ok(pages.length >= 10, `only ${pages.length} pages`);
    for (const rel of pages) {
      await page.goto(features.url(rel), { waitUntil: "load" });
    }
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
    await features.close();
  }
});

test("pages opened from disk load with no console errors", async () => {
  const { context, page, problems } = await newPage();
  for (const rel of ["index.html", `${GUIDE}index.html`, "faq/security-token/index.html"]) {
    await page.goto(fileUrl(DIST, rel), { waitUntil: "load" });
    assert.equal(await page.locator("link[rel=stylesheet]").count(), 2);
    // The stylesheet really applied: the skip link is moved off-screen by style.css.
    const box = await page.locator(".skip-link").boundingBox();
    assert.ok(!box || box.y < 0 || box.x < 0 || box.height <= 1, `${rel}: style.css not applied (${JSON.stringify(box)})`);
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test("the theme toggle has three states, shows the current one and persists it", async () => {
  const { context, page, problems } = await newPage();
  await page.goto(server.url(GUIDE));
  const theme = () => page.evaluate(() => document.documentElement.dataset.theme ?? null);
  const stored = () => page.evaluate(() => localStorage.getItem("helpsite-theme"));
  const toggle = page.locator("button.theme-toggle");
  const shown = async () => [await toggle.getAttribute("data-mode"), await toggle.innerText(), await toggle.getAttribute("title")];
  assert.equal(await theme(), null, "no theme chosen yet");
  // The visible icon and the accessible name say the state.
  assert.deepEqual(await shown(), ["system", "Theme: System", "Theme: System"]);
  assert.equal(await toggle.locator(".icon-system").isVisible(), true);
  assert.equal(await toggle.locator(".icon-dark").isVisible(), false);
  await toggle.click();
  assert.equal(await theme(), "dark", "from a light system, the first click goes dark");
  assert.deepEqual(await shown(), ["dark", "Theme: Dark", "Theme: Dark"]);
  assert.equal(await toggle.locator(".icon-dark").isVisible(), true);
  const darkBg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await page.reload();
  assert.equal(await theme(), "dark", "the choice survives a reload");
  await page.goto(server.url("faq/security-token/"));
  assert.equal(await theme(), "dark", "the choice follows to other pages");
  await toggle.click();
  assert.equal(await theme(), "light");
  assert.deepEqual(await shown(), ["light", "Theme: Light", "Theme: Light"]);
  const lightBg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.notEqual(darkBg, lightBg, "dark and light look different");
  await page.reload();
  assert.equal(await theme(), "light");
  await toggle.click();
  assert.equal(await theme(), null, "the third click follows the system again");
  assert.equal(await stored(), null, "and forgets the choice");
  assert.equal((await shown())[0], "system");
  assert.deepEqual(problems, []);
  await context.close();

  // On a dark system the first click goes light: every click changes what the reader sees.
  const dark = await newPage({ colorScheme: "dark" });
  await dark.page.goto(server.url(GUIDE));
  await dark.page.locator("button.theme-toggle").click();
  assert.equal(await dark.page.evaluate(() => document.documentElement.dataset.theme), "light");
  await dark.context.close();
});

test("an FAQ URL fragment opens that question's <details>", async () => {
  for (const url of [server.url("faq/security-token/#no-email"), fileUrl(DIST, "faq/security-token/index.html") + "#no-email"]) {
    const { context, page, problems } = await newPage();
    await page.goto(url);
    const open = await page.evaluate(() =>
      Array.from(document.querySelectorAll("details.faq-item")).map((d) => [d.id, d.open]),
    );
    assert.ok(open.length >= 5, JSON.stringify(open));
    for (const [id, isOpen] of open) {
      assert.equal(isOpen, id === "no-email", `${url}: #${id} open=${isOpen}`);
    }
    await page.waitForFunction(() => {
      const r = document.getElementById("no-email").getBoundingClientRect();
      return r.top >= 0 && r.top < window.innerHeight;
    });
    // Changing the fragment on the same page opens the next one.
    await page.evaluate(() => (location.hash = "#turn-off-token"));
    await page.waitForFunction(() => document.getElementById("turn-off-token").open);
    assert.deepEqual(problems, []);
    await context.close();
  }
});

test("under file:// sidebar links land on the target page's index.html", async () => {
  const { context, page, problems } = await newPage();
  await page.goto(fileUrl(DIST, "index.html"));
  // Folder links (`guides/`) must open the folder's index.html, not a directory listing.
  const steps = [
    ["Guides", "guides/index.html", "Guides"],
    ["Salesforce security token", "guides/security-token/index.html", "Salesforce security token"],
    ["Reset your security token", `${GUIDE}index.html`, "Reset your security token"],
  ];
  for (const [text, rel, heading] of steps) {
    const link = page.locator("#sidebar a", { hasText: text }).first();
    await Promise.all([page.waitForURL(fileUrl(DIST, rel)), link.click()]);
    assert.equal(await page.locator("main h1").textContent(), heading, rel);
  }
  // And back up the tree through the breadcrumbs, to the home page.
  const crumb = page.locator(".breadcrumbs a").first();
  await Promise.all([page.waitForURL(fileUrl(DIST, "index.html")), crumb.click()]);
  assert.equal(await page.locator("main h1").textContent(), "Salesforce security token help");
  assert.deepEqual(problems, []);
  await context.close();
});

test("works without JavaScript: pages render and FAQ answers can be opened", async () => {
  const { context, page } = await newPage({ javaScriptEnabled: false });
  await page.goto(server.url("faq/security-token/"));
  const details = page.locator("details#no-email");
  assert.equal(await details.evaluate((d) => d.open), false);
  await details.locator("summary").click();
  assert.equal(await details.evaluate((d) => d.open), true);
  assert.ok((await page.locator("#sidebar a").count()) >= 3);
  await context.close();
});

test("screenshots for review (light/dark, wide/narrow)", async () => {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  for (const colorScheme of ["light", "dark"]) {
    for (const width of [1400, 420]) {
      const { context, page, problems } = await newPage({ viewport: { width, height: 900 }, colorScheme });
      await page.goto(server.url(GUIDE));
      const file = path.join(SCREENSHOTS, `guide-${colorScheme}-${width}.png`);
      await page.screenshot({ path: file, fullPage: true });
      assert.ok(fs.statSync(file).size > 1000, file);
      assert.deepEqual(problems, []);
      await context.close();
    }
  }
  console.log(`screenshots written to ${SCREENSHOTS}`);
});
