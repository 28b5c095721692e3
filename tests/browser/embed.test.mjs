// The FAQ embedded in a portal on another origin (another 127.0.0.1 port): the frame fits
// its content and follows it, links open in the top window, foreign messages are ignored,
// ?q= filters questions and #id opens one.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import path from "node:path";
import { DIST, SCREENSHOTS, axeViolations, launch, serve, watch } from "./harness.mjs";

let browser;
let help;
let portal;
let portalHtml = "";

before(async () => {
  browser = await launch();
  help = await serve(DIST);
  portal = http.createServer((req, res) => {
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    res.end(portalHtml);
  });
  await new Promise((r) => portal.listen(0, "127.0.0.1", r));
});

after(async () => {
  await browser?.close();
  await help?.close();
  portal?.close();
});

const portalUrl = () => `http://127.0.0.1:${portal.address().port}/portal`;

function page(attrs, extra = "") {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Portal</title></head>
<body style="font-family:sans-serif;margin:2rem"><h1>Customer portal</h1>
<div id="faq" data-helpsite-faq="${help.url("embed/faq/security-token/")}" ${attrs}></div>
<p id="after">Below the FAQ</p>${extra}
<script src="${help.url("embed/helpsite-embed.js")}"></script></body></html>`;
}

async function openPortal(html, options = {}) {
  portalHtml = html;
  const context = await browser.newContext({ viewport: { width: 900, height: 800 }, ...options });
  const p = await context.newPage();
  const problems = watch(p);
  await p.goto(portalUrl(), { waitUntil: "load" });
  const frameEl = p.locator("#faq iframe");
  await frameEl.waitFor();
  const frame = p.frameLocator("#faq iframe");
  await frame.locator("details").first().waitFor({ state: "attached" });
  return { context, p, problems, frameEl, frame };
}

/** Frame height (px) and the framed document's own height, once they agree (or time out). */
async function fit(p) {
  await p.waitForFunction(() => {
    const f = document.querySelector("#faq iframe");
    const doc = f.contentDocument;
    if (doc) return false; // cross-origin: contentDocument must be null
    return true;
  });
  const handle = await p.locator("#faq iframe").elementHandle();
  const inner = await handle.contentFrame();
  for (let i = 0; i < 50; i++) {
    const outerH = await p.evaluate(() => document.querySelector("#faq iframe").getBoundingClientRect().height);
    const m = await inner.evaluate(() => ({
      body: Math.ceil(document.body.getBoundingClientRect().height),
      scroll: document.documentElement.scrollHeight,
      client: document.documentElement.clientHeight,
    }));
    if (Math.abs(outerH - m.body) <= 1 && m.scroll <= m.client) return { outerH, ...m };
    await p.waitForTimeout(50);
  }
  const outerH = await p.evaluate(() => document.querySelector("#faq iframe").getBoundingClientRect().height);
  const m = await inner.evaluate(() => ({ body: document.body.getBoundingClientRect().height, scroll: document.documentElement.scrollHeight, client: document.documentElement.clientHeight }));
  return { outerH, ...m };
}

test("the frame fits its content and follows it when a question opens and closes", async () => {
  const { context, p, problems, frame } = await openPortal(page(""));
  const closed = await fit(p);
  assert.ok(Math.abs(closed.outerH - closed.body) <= 1, `frame ${closed.outerH}px vs content ${closed.body}px`);
  assert.ok(closed.scroll <= closed.client, "no inner scrollbar");

  await frame.locator("details#no-email summary").click();
  const opened = await fit(p);
  assert.ok(opened.outerH > closed.outerH + 20, `frame grew: ${closed.outerH} -> ${opened.outerH}`);
  assert.ok(Math.abs(opened.outerH - opened.body) <= 1);
  assert.ok(opened.scroll <= opened.client, "no inner scrollbar when open");
  await p.screenshot({ path: path.join(SCREENSHOTS, "embed-portal.png"), fullPage: true });

  await frame.locator("details#no-email summary").click();
  const again = await fit(p);
  assert.ok(Math.abs(again.outerH - closed.outerH) <= 1, `frame shrank back: ${again.outerH} vs ${closed.outerH}`);
  assert.deepEqual(problems, []);
  await context.close();
});

test("a link inside the frame opens in the top window", async () => {
  const { context, p, frame } = await openPortal(page(""));
  await frame.locator("details#no-email summary").click();
  const link = frame.locator("details#no-email .answer a", { hasText: "Open this answer" });
  await Promise.all([p.waitForURL(/\/faq\/security-token\/#no-email$/), link.click()]);
  assert.match(p.url(), new RegExp(`^${help.url("")}`));
  await p.locator("details#no-email[open]").waitFor();
  await context.close();
});

test("height messages from a foreign frame or the page itself are ignored", async () => {
  const foreign = `<iframe id="evil" srcdoc="<script>setInterval(function(){parent.postMessage({type:'helpsite:height',height:7},'*')},20)</script>"></iframe>`;
  const { context, p } = await openPortal(page("", foreign));
  const before = await fit(p);
  await p.evaluate(() => window.postMessage({ type: "helpsite:height", height: 3 }, "*"));
  await p.waitForTimeout(400);
  const h = await p.evaluate(() => document.querySelector("#faq iframe").getBoundingClientRect().height);
  assert.ok(Math.abs(h - before.outerH) <= 1, `height stayed ${before.outerH}, got ${h}`);
  assert.ok(h > 50);
  await context.close();
});

test("data-query filters the questions and data-question opens one", async () => {
  const { context, p, frame } = await openPortal(page('data-query="email" data-question="no-email"'));
  await frame.locator("details#no-email[open]").waitFor();
  await p.waitForFunction(() => true);
  const handle = await p.locator("#faq iframe").elementHandle();
  const inner = await handle.contentFrame();
  await inner.waitForFunction(() => document.querySelectorAll("main details:not([hidden])").length < 5);
  const visible = await inner.evaluate(() => [...document.querySelectorAll("main details:not([hidden])")].map((d) => d.id));
  assert.ok(visible.includes("no-email"), `visible: ${visible}`);
  assert.ok(!visible.includes("reset-per-integration"), `visible: ${visible}`);
  const fitted = await fit(p);
  assert.ok(Math.abs(fitted.outerH - fitted.body) <= 1);
  await context.close();
});

test("the frame follows the portal: light by default, dark or auto when asked; the intro can go", async () => {
  const background = async (attrs, colorScheme) => {
    const { context, p } = await openPortal(page(attrs), { colorScheme });
    const inner = await (await p.locator("#faq iframe").elementHandle()).contentFrame();
    await inner.waitForFunction(() => document.readyState === "complete");
    const out = await inner.evaluate(() => ({
      bg: getComputedStyle(document.documentElement).backgroundColor,
      intro: !!document.querySelector(".intro") && !document.querySelector(".intro").hidden,
    }));
    await context.close();
    return out;
  };
  const white = "rgb(255, 255, 255)";
  // A reader whose system is dark, on a light portal: the frame stays light.
  assert.equal((await background("", "dark")).bg, white);
  assert.equal((await background('data-theme="auto"', "dark")).bg, "rgb(13, 17, 23)");
  assert.equal((await background('data-theme="auto"', "light")).bg, white);
  assert.equal((await background('data-theme="dark"', "light")).bg, "rgb(13, 17, 23)");
  assert.equal((await background("", "light")).intro, true, "the group's intro shows by default");
  assert.equal((await background('data-intro="off"', "light")).intro, false);
});

for (const theme of ["light", "dark"]) {
  test(`axe-core inside the frame, ${theme}, a question open`, async () => {
    const { context, p } = await openPortal(page(`data-theme="${theme}" data-question="no-email"`));
    const inner = await (await p.locator("#faq iframe").elementHandle()).contentFrame();
    await inner.locator("details#no-email[open]").waitFor();
    assert.deepEqual(await axeViolations(inner), []);
    await context.close();
  });
}
