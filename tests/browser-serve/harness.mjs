// Helpers for the live-reload browser tests: run the real `helpsite serve` on a temporary
// copy of a fixture site, and drive Debian's Chromium through playwright-core.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const FIXTURES = path.join(HERE, "..", "fixtures");
const BIN = requireEnv("HELPSITE_BIN");
/** Generous: the machine may be busy with other builds. */
export const WAIT = 20_000;

function requireEnv(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set: run these tests through \`cargo test --test serve browser\``);
  }
  return value;
}

export { launch } from "../js/chromium.mjs";

/** A temporary copy of fixture `name`; returns the site root. It is removed when the test
 * process ends. */
export function copyFixture(name) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "helpsite-live-"));
  process.on("exit", () => fs.rmSync(dir, { recursive: true, force: true }));
  const root = path.join(dir, "site");
  fs.cpSync(path.join(FIXTURES, name), root, { recursive: true });
  return root;
}

/** Replace `from` with `to` in `root/rel`. */
export function edit(root, rel, from, to) {
  const file = path.join(root, rel);
  const text = fs.readFileSync(file, "utf8");
  if (!text.includes(from)) throw new Error(`${rel} does not contain ${from}`);
  fs.writeFileSync(file, text.replace(from, to));
}

export function write(root, rel, text) {
  const file = path.join(root, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

/** Start `helpsite serve` on `root`; resolves once the first build has finished. */
export async function serve(root, port = 0) {
  const child = spawn(BIN, ["serve", "--root", root, "--port", String(port)], {
    env: { ...process.env, NO_COLOR: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stderr.on("data", (d) => (output += d));
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), WAIT);
    child.stdout.on("data", (d) => {
      output += d;
      const m = output.match(/ at (http:\/\/127\.0\.0\.1:\d+\/)/);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.on("exit", (code) => reject(new Error(`server exited (${code}):\n${output}`)));
  });
  const started = Date.now();
  while ((await fetch(url)).status === 503) {
    if (Date.now() - started > WAIT) throw new Error("first build did not finish");
    await new Promise((r) => setTimeout(r, 20));
  }
  return {
    url,
    root,
    port: Number(new URL(url).port),
    output: () => output,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGINT");
      await exited;
    },
  };
}

/** A page that records uncaught script errors and main-frame navigations. */
export async function open(browser, url) {
  const page = await browser.newPage();
  const errors = [];
  let navigations = 0;
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("framenavigated", (frame) => {
    if (frame === page.mainFrame()) navigations += 1;
  });
  await page.goto(url);
  await page.waitForFunction(() => document.readyState === "complete");
  return { page, errors, navigations: () => navigations };
}
