// Search relevance suite: runs every query of tests/relevance/queries.json through a search
// engine on built sites and scores the ranked sections against the expected answers.
//
//   node bench/relevance.mjs [--engine helpsite|pagefind|both] [--runner chromium|node]
//        [--queries FILE] [--json FILE] [--verbose] [--floor S1,S3,MRR] SITE=DIST ...
//
// SITE names a `site` of the queries file (`bundled`, `parley`) and DIST its built output.
// `--runner chromium` (the default) loads each site's page in headless Chromium from a
// 127.0.0.1 server and calls the search code the page ships; `--runner node` runs the same
// search.js in node's vm (no browser; helpsite only), which is what `cargo test` uses.
//
// Scoring. A result list is what a reader sees, in order: helpsite's grouped hits
// (`core.search`, 6 pages x 3 hits, as the header box shows them), or Pagefind's pages each
// followed by up to 3 of its sub-results, those with the most matched words first (what
// Pagefind's own UI picks), the page-top sub-result standing for the page. An expected
// answer `page/#anchor` matches that exact section; `page/` matches any hit on that page.
//   success@k: an expected answer among the first k hits;  MRR@5: 1/rank of the first
//   expected answer within the first 5 hits, else 0.
// Out-of-domain queries expect no good answer: they score 1 on every measure when the
// engine returns nothing at all, else 0 (a reader is better told "no results" than sent
// to an unrelated page).
// `--floor S1,S3,MRR` exits with status 1 when helpsite's overall figures fall below these.
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import vm from "node:vm";
import { fileURLToPath } from "node:url";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
function option(name, fallback) {
  const i = args.indexOf(name);
  if (i < 0) return fallback;
  const v = args[i + 1];
  args.splice(i, 2);
  return v;
}
function flag(name) {
  const i = args.indexOf(name);
  if (i < 0) return false;
  args.splice(i, 1);
  return true;
}
const engineArg = option("--engine", "helpsite");
const runner = option("--runner", "chromium");
const queriesFile = option("--queries", path.join(repo, "tests/relevance/queries.json"));
const jsonOut = option("--json", null);
const floorArg = option("--floor", null);
const verbose = flag("--verbose");
const dists = {};
for (const a of args) {
  const m = /^([\w-]+)=(.+)$/.exec(a);
  if (!m) { console.error(`expected SITE=DIST, got ${a}`); process.exit(2); }
  dists[m[1]] = path.resolve(m[2]);
}
const engines = engineArg === "both" ? ["helpsite", "pagefind"] : [engineArg];
const suite = JSON.parse(fs.readFileSync(queriesFile, "utf8"));
const queries = suite.queries.filter((q) => dists[q.site]);
if (!queries.length) { console.error("no queries for the given sites"); process.exit(2); }

/* ---------- Running queries ---------- */

// Result lists: [[url, ...] per query], urls relative to the site root, `#anchor` when a
// section was hit.
async function runNode(dist, list) {
  const ctx = { helpsiteSearch: {} };
  ctx.globalThis = ctx;
  vm.createContext(ctx);
  ctx.helpsiteSearch.inject = (file, fail) => {
    try {
      vm.runInContext(fs.readFileSync(path.join(dist, file), "utf8"), ctx, { filename: file });
    } catch (e) {
      fail(e);
    }
  };
  vm.runInContext(fs.readFileSync(path.join(dist, "_static/search.js"), "utf8"), ctx, { filename: "search.js" });
  const out = [];
  for (const q of list) out.push(flatHelpsite(await ctx.helpsiteSearch.core.search(q.query, { maxPages: 6, maxHits: 3 })));
  return out;
}

function flatHelpsite(r) {
  const urls = [];
  for (const g of r.groups) for (const h of g.hits) urls.push(h.url);
  return urls;
}

const TYPES = { ".html": "text/html", ".js": "text/javascript", ".mjs": "text/javascript", ".css": "text/css", ".json": "application/json", ".wasm": "application/wasm" };
function serve(roots) {
  const server = http.createServer((req, res) => {
    const rel = decodeURIComponent(new URL(req.url, "http://x").pathname);
    const m = /^\/([\w-]+)(\/.*)$/.exec(rel);
    const root = m && roots[m[1]];
    if (!root) { res.writeHead(404).end(); return; }
    let file = path.join(root, path.normalize(m[2]));
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, "index.html");
    if (!file.startsWith(root) || !fs.existsSync(file)) { res.writeHead(404).end(); return; }
    res.writeHead(200, { "Content-Type": TYPES[path.extname(file)] || "application/octet-stream" });
    res.end(fs.readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

async function runChromium(site, dist, list, engine, browser, base) {
  const page = await browser.newPage();
  if (engine === "helpsite") {
    await page.goto(`${base}${site}/index.html`);
    await page.waitForFunction(() => window.helpsiteSearch && window.helpsiteSearch.core);
    return page.evaluate(async (list) => {
      const out = [];
      for (const q of list) {
        const r = await window.helpsiteSearch.core.search(q, { maxPages: 6, maxHits: 3 });
        const urls = [];
        for (const g of r.groups) for (const h of g.hits) urls.push(h.url);
        out.push(urls);
      }
      return out;
    }, list.map((q) => q.query));
  }
  if (!fs.existsSync(path.join(dist, "_pagefind/pagefind.js"))) {
    throw new Error(`${dist}/_pagefind is missing: run pagefind --site ${dist} --output-subdir _pagefind`);
  }
  fs.writeFileSync(path.join(dist, "pagefind-relevance.html"),
    `<!doctype html><meta charset=utf-8><title>pf</title><script type=module>window.pf = await import("./_pagefind/pagefind.js"); window.ready = true;</script>`);
  try {
    await page.goto(`${base}${site}/pagefind-relevance.html`);
    await page.waitForFunction(() => window.ready);
    const prefix = `/${site}/`;
    return await page.evaluate(async ({ list, prefix }) => {
      const norm = (u) => {
        let s = u.startsWith(prefix) ? u.slice(prefix.length) : u.replace(/^\//, "");
        return s.replace(/(^|\/)index\.html(?=$|#)/, "$1");
      };
      const out = [];
      for (const q of list) {
        const s = await window.pf.search(q);
        const urls = [];
        for (const r of (await Promise.all(s.results.slice(0, 6).map((x) => x.data())))) {
          const page = norm(r.url);
          const subs = (r.sub_results || []).map((x, i) => ({ url: norm(x.url), n: (x.locations || []).length, i }));
          subs.sort((a, b) => b.n - a.n || a.i - b.i);
          const shown = subs.slice(0, 3).map((x) => x.url);
          if (!shown.length) shown.push(page);
          urls.push(...shown);
        }
        out.push(urls);
      }
      return out;
    }, { list: list.map((q) => q.query), prefix });
  } finally {
    fs.rmSync(path.join(dist, "pagefind-relevance.html"), { force: true });
  }
}

/* ---------- Scoring ---------- */

function matches(url, want) {
  if (want.includes("#")) return url === want;
  return url.split("#")[0] === want;
}

function score(q, urls) {
  if (!q.expect.length) {
    const v = urls.length ? 0 : 1;
    return { s1: v, s3: v, rr: v, rank: urls.length ? null : 0 };
  }
  const rank = urls.findIndex((u) => q.expect.some((w) => matches(u, w)));
  return {
    s1: rank === 0 ? 1 : 0,
    s3: rank >= 0 && rank < 3 ? 1 : 0,
    rr: rank >= 0 && rank < 5 ? 1 / (rank + 1) : 0,
    rank: rank < 0 ? null : rank + 1,
  };
}

function summarise(rows) {
  const n = rows.length || 1;
  const sum = (k) => rows.reduce((a, r) => a + r[k], 0) / n;
  return { n: rows.length, s1: sum("s1"), s3: sum("s3"), mrr: sum("rr") };
}

/* ---------- Main ---------- */

let browser = null, server = null, base = "";
if (runner === "chromium") {
  const { launch } = await import(path.join(repo, "tests/js/chromium.mjs"));
  browser = await launch();
  server = await serve(dists);
  base = `http://127.0.0.1:${server.address().port}/`;
} else if (engines.includes("pagefind")) {
  console.error("Pagefind needs --runner chromium");
  process.exit(2);
}

const results = {};
try {
  for (const engine of engines) {
    const rows = [];
    for (const site of Object.keys(dists)) {
      const list = queries.filter((q) => q.site === site);
      const lists = runner === "node" ? await runNode(dists[site], list) : await runChromium(site, dists[site], list, engine, browser, base);
      list.forEach((q, i) => rows.push({ ...q, urls: lists[i], ...score(q, lists[i]) }));
    }
    results[engine] = rows;
  }
} finally {
  if (browser) await browser.close();
  if (server) server.close();
}

const kinds = [...new Set(queries.map((q) => q.kind))];
const groups = [["all", () => true], ...Object.keys(dists).map((s) => [`site: ${s}`, (r) => r.site === s]), ...kinds.map((k) => [k, (r) => r.kind === k])];
const f = (v) => v.toFixed(2);
console.log(`| queries | n | ${engines.map((e) => `${e} s@1 | ${e} s@3 | ${e} MRR@5`).join(" | ")} |`);
console.log(`|---|---|${engines.map(() => "---|---|---").join("|")}|`);
const summary = {};
for (const [name, pick] of groups) {
  const cells = engines.map((e) => {
    const s = summarise(results[e].filter(pick));
    (summary[e] = summary[e] || {})[name] = s;
    return `${f(s.s1)} | ${f(s.s3)} | ${f(s.mrr)}`;
  });
  console.log(`| ${name} | ${results[engines[0]].filter(pick).length} | ${cells.join(" | ")} |`);
}
for (const e of engines) {
  const a = summary[e].all;
  console.log(`\n${e} overall: success@1 ${a.s1.toFixed(3)}, success@3 ${a.s3.toFixed(3)}, MRR@5 ${a.mrr.toFixed(3)}`);
}
if (verbose) {
  for (const e of engines) {
    console.log(`\n${e}: queries whose answer is not first`);
    for (const r of results[e]) {
      if (r.s1) continue;
      console.log(`  [${r.site}/${r.kind}] ${JSON.stringify(r.query)}: rank ${r.rank ?? "-"}; want ${r.expect.join(" or ") || "(nothing)"}; got ${r.urls.slice(0, 3).join(", ") || "(nothing)"}`);
    }
  }
}
if (jsonOut) fs.writeFileSync(jsonOut, JSON.stringify({ summary, results }, null, 1));
if (floorArg) {
  const [s1, s3, mrr] = floorArg.split(",").map(Number);
  const all = summary.helpsite && summary.helpsite.all;
  if (!all) { console.error("--floor needs the helpsite engine"); process.exit(2); }
  const low = [];
  if (all.s1 < s1) low.push(`success@1 ${f(all.s1)} < ${s1}`);
  if (all.s3 < s3) low.push(`success@3 ${f(all.s3)} < ${s3}`);
  if (all.mrr < mrr) low.push(`MRR@5 ${f(all.mrr)} < ${mrr}`);
  if (low.length) { console.error(`below the floor: ${low.join(", ")}`); process.exit(1); }
}
