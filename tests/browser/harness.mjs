// Shared helpers for the browser tests: launch Debian's Chromium through playwright-core,
// serve a built site on 127.0.0.1, and collect console errors and failed requests.
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const DIST = requireEnv("HELPSITE_DIST");
export const FEATURES_DIST = process.env.HELPSITE_FEATURES_DIST || null;
/** The built `docs-in-the-wild` fixture (MkDocs/Docusaurus admonitions, collapsibles, tabs). */
export const WILD_DIST = process.env.HELPSITE_WILD_DIST || null;
export const SCREENSHOTS = process.env.HELPSITE_SCREENSHOTS || "/tmp/helpsite-screenshots";

function requireEnv(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set: run these tests through \`cargo test browser\``);
  }
  return value;
}

export { launch } from "../js/chromium.mjs";
import { launch as launchChromium } from "../js/chromium.mjs";
import { before, after } from "node:test";

/** Chromium and a server for `dist` (none when `dist` is not set), for one test file:
 *  started before its tests, closed after them. `site.browser`, `site.server`. */
export function useSite(dist) {
  const site = { browser: null, server: null };
  before(async () => {
    if (!dist) return;
    site.browser = await launchChromium();
    site.server = await serve(dist);
  });
  after(async () => {
    await site.browser?.close();
    await site.server?.close();
  });
  return site;
}

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".xml": "application/xml",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".pdf": "application/pdf",
  ".txt": "text/plain; charset=utf-8",
};

/** A tiny static file server for `root` on 127.0.0.1 (a random free port). POST and PUT
 *  requests are answered 204 and kept in `posted` (method, path, JSON body), as a feedback
 *  endpoint would take them. */
export async function serve(root) {
  const posted = [];
  const server = http.createServer((req, res) => {
    if (req.method === "POST" || req.method === "PUT") {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => {
        let json = null;
        try {
          json = JSON.parse(body);
        } catch {
          json = { unparsed: body };
        }
        posted.push({ method: req.method, path: req.url, type: req.headers["content-type"], body: json });
        res.writeHead(204).end();
      });
      return;
    }
    const url = new URL(req.url, "http://127.0.0.1");
    let rel;
    try {
      rel = decodeURIComponent(url.pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    let file = path.join(root, path.normalize(rel));
    if (!file.startsWith(root)) {
      res.writeHead(403).end();
      return;
    }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) {
      if (!url.pathname.endsWith("/")) {
        res.writeHead(301, { Location: url.pathname + "/" + url.search }).end();
        return;
      }
      file = path.join(file, "index.html");
    }
    if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
      const notFound = path.join(root, "404.html");
      res.writeHead(404, { "Content-Type": TYPES[".html"] });
      res.end(fs.existsSync(notFound) ? fs.readFileSync(notFound) : "not found");
      return;
    }
    const type = TYPES[path.extname(file)] || "application/octet-stream";
    res.writeHead(200, { "Content-Type": type });
    res.end(fs.readFileSync(file));
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  return {
    url: (rel = "") => `http://127.0.0.1:${port}/${rel}`,
    posted,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/** The file:// URL of `rel` (e.g. `index.html`) inside `root`. */
export function fileUrl(root, rel = "index.html") {
  return pathToFileURL(path.join(root, rel)).href;
}

/** Records console errors, uncaught exceptions and failed or 4xx/5xx requests of a page. */
export function watch(page) {
  const problems = [];
  page.on("console", (msg) => {
    // The theme declares its icon, so no page may send Chromium looking for /favicon.ico.
    if (msg.type() === "error") {
      problems.push(`console error: ${msg.text()} (${msg.location().url})`);
    }
  });
  page.on("pageerror", (err) => problems.push(`uncaught: ${err.message}`));
  page.on("requestfailed", (req) => {
    // The browser drops a page's icon fetch when the test moves on to the next page first.
    const dropped = req.failure()?.errorText === "net::ERR_ABORTED" && /\/favicon\.svg$/.test(req.url());
    if (!dropped) problems.push(`request failed: ${req.url()} (${req.failure()?.errorText})`);
  });
  page.on("response", (res) => {
    if (res.status() >= 400) problems.push(`HTTP ${res.status()}: ${res.url()}`);
  });
  return problems;
}

/** Every HTML file under `root`, as `/`-separated relative paths. */
export function htmlFiles(root) {
  const out = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith(".html")) out.push(path.relative(root, full).split(path.sep).join("/"));
    }
  };
  walk(root);
  return out.sort();
}

/** A new context (1400 px wide, light unless `options` say otherwise) and page, with the
 *  page's problems recorded (see `watch`). */
export async function openPage(browser, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, colorScheme: "light", ...options });
  const page = await context.newPage();
  return { context, page, problems: watch(page) };
}

/** axe-core, from `npm ci`. */
export const AXE = fileURLToPath(new URL("../../node_modules/axe-core/axe.min.js", import.meta.url));

/** axe-core's violations on the page (or only inside the elements `include` selects), one
 *  readable line per failing node. */
export async function axeViolations(page, include = null) {
  if (!(await page.evaluate(() => typeof window.axe !== "undefined"))) {
    await page.addScriptTag({ path: AXE });
  }
  return page.evaluate(async (include) => {
    const scope = include ? { include } : document;
    const result = await window.axe.run(scope, { resultTypes: ["violations"] });
    return result.violations.flatMap((v) =>
      v.nodes.map((n) => `${v.id} (${v.impact}, ${v.help}) at ${n.target.join(" ")}: ${n.failureSummary.replace(/\s+/g, " ")}`),
    );
  }, include);
}
