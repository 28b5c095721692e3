// Measures what a reader's first search costs, helpsite beside Pagefind, on the same built
// HTML: gzipped bytes downloaded for the query (index + results' text) and time to results,
// each query in a fresh browser context (cold cache), plus ranking time once loaded.
// Bytes count everything search-specific the page fetched: helpsite's search.js and _search/,
// Pagefind's _pagefind/ (its JS, wasm, metadata, index chunks and result fragments).
// Usage: node bench/search-vs-pagefind.mjs DIST   (DIST holds helpsite output and _pagefind/)
// TOOLS=helpsite measures helpsite alone (no _pagefind/ needed).
import { chromium } from "playwright-core";
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";

const dist = path.resolve(process.argv[2]);
const TOOLS = (process.env.TOOLS || "helpsite,pagefind").split(",");
const QUERIES = (process.env.QUERIES || "reset security token|api keys rotate|webhook secret|invoice history export|two-factor authentication|sso login|report schedules|audit log filter").split("|");

const TYPES = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".json": "application/json", ".wasm": "application/wasm" };
let sent = 0;
const server = http.createServer((req, res) => {
  let rel = decodeURIComponent(new URL(req.url, "http://x").pathname);
  let file = path.join(dist, path.normalize(rel));
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, "index.html");
  if (!file.startsWith(dist) || !fs.existsSync(file)) { res.writeHead(404).end(); return; }
  const raw = fs.readFileSync(file);
  const gz = zlib.gzipSync(raw, { level: 6 });
  const body = gz.length < raw.length ? gz : raw;
  const headers = { "Content-Type": TYPES[path.extname(file)] || "application/octet-stream" };
  if (body === gz) headers["Content-Encoding"] = "gzip";
  res.writeHead(200, headers);
  res.end(body);
  if (/\/(_search|_pagefind)\/|\/_static\/search\.js$/.test(rel)) sent += body.length;
});
await new Promise((r) => server.listen(0, "127.0.0.1", r));
const base = `http://127.0.0.1:${server.address().port}/`;

fs.writeFileSync(path.join(dist, "pagefind-bench.html"),
  `<!doctype html><meta charset=utf-8><title>pf</title><script type=module>window.pf = await import("./_pagefind/pagefind.js"); window.ready = true;</script>`);

const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});

async function measure(tool, query) {
  const context = await browser.newContext();
  const page = await context.newPage();
  sent = 0;
  if (tool === "helpsite") await page.goto(base + "index.html");
  else { await page.goto(base + "pagefind-bench.html"); await page.waitForFunction(() => window.ready); }
  const r = await page.evaluate(async ({ tool, query }) => {
    const t0 = performance.now();
    let n;
    if (tool === "helpsite") {
      const out = await window.helpsiteSearch.core.search(query, { maxPages: 6, maxHits: 3 });
      n = out.groups.length;
    } else {
      const s = await window.pf.search(query);
      const top = await Promise.all(s.results.slice(0, 6).map((x) => x.data()));
      n = top.length;
    }
    const cold = performance.now() - t0;
    const t1 = performance.now();
    if (tool === "helpsite") await window.helpsiteSearch.core.rank(query, {});
    else await window.pf.search(query);
    return { n, cold, warm: performance.now() - t1 };
  }, { tool, query });
  const bytes = sent;
  await context.close();
  return { ...r, bytes };
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s.length ? s[Math.floor(s.length / 2)] : NaN; };
const rows = {};
for (const tool of TOOLS) {
  rows[tool] = [];
  for (const q of QUERIES) rows[tool].push(await measure(tool, q));
}
console.log("query".padEnd(28), "| helpsite KB gz | ms cold | ms warm | results || pagefind KB gz | ms cold | ms warm | results");
const none = { bytes: NaN, cold: NaN, warm: NaN, n: 0 };
QUERIES.forEach((q, i) => {
  const h = (rows.helpsite || [])[i] || none, p = (rows.pagefind || [])[i] || none;
  console.log(q.padEnd(28), `| ${(h.bytes / 1024).toFixed(1).padStart(13)} | ${h.cold.toFixed(0).padStart(7)} | ${h.warm.toFixed(1).padStart(7)} | ${String(h.n).padStart(7)} || ${(p.bytes / 1024).toFixed(1).padStart(13)} | ${p.cold.toFixed(0).padStart(7)} | ${p.warm.toFixed(1).padStart(7)} | ${String(p.n).padStart(7)}`);
});
for (const key of ["bytes", "cold", "warm"]) {
  const h = median((rows.helpsite || []).map((r) => r[key])), p = median((rows.pagefind || []).map((r) => r[key]));
  const fmt = (v) => key === "bytes" ? `${(v / 1024).toFixed(1)} KB` : `${v.toFixed(1)} ms`;
  console.log(`median ${key.padEnd(6)}: helpsite ${fmt(h)}, pagefind ${fmt(p)}, ratio helpsite/pagefind ${(h / p).toFixed(2)}`);
}
await browser.close();
server.close();
fs.rmSync(path.join(dist, "pagefind-bench.html"));
