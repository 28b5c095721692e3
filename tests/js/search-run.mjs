// Runs the site's own search.js (the file browsers load) under node against a built site,
// so ranking tests exercise exactly the browser's code. Usage:
//   node search-run.mjs DIST_DIR [--lang de/] < queries.json   ->   JSON results on stdout
// `--lang` searches that language's index (`DIST_DIR/de/_search/`), as its pages do.
import fs from "node:fs";
import path from "node:path";
import vm from "node:vm";

const dist = process.argv[2];
const langAt = process.argv.indexOf("--lang");
const langRoot = langAt > 0 ? process.argv[langAt + 1] : "";
const queries = JSON.parse(fs.readFileSync(0, "utf8"));

globalThis.helpsiteSearch = {
  inject(file, fail) {
    try {
      vm.runInThisContext(fs.readFileSync(path.join(dist, langRoot, file), "utf8"), { filename: file });
    } catch (e) {
      fail(e);
    }
  },
};
vm.runInThisContext(fs.readFileSync(path.join(dist, "_static/search.js"), "utf8"), {
  filename: "search.js",
});
const core = globalThis.helpsiteSearch.core;

const out = [];
for (const q of queries) {
  const started = performance.now();
  const r = await core.search(q.query, { maxPages: q.maxPages || 8, maxHits: 3 });
  const ms = performance.now() - started;
  const hits = [];
  for (const g of r.groups) for (const h of g.hits) hits.push({ page: g.title, url: h.url, heading: h.heading, snippet: h.snippet });
  out.push({ query: q.query, hits, suggestions: r.suggestions, total: r.total, ms });
}
if (process.argv[3] === "--tokens") {
  // Mode for the tokenizer cross-check: print tokens of each query instead.
}
process.stdout.write(JSON.stringify(out));
