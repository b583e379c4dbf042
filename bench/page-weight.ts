// First-load JavaScript of a page, as a browser receives it: opens each page in Debian's
// Chromium against a running Keyport and sums the compressed (transferred) bytes of every
// script the first load fetches. The wallet kit, loaded only on the first click, is not in it.
//   BASE_URL=http://127.0.0.1:3200 npm run -s bench:weight [-- /sign-in /docs]
import { chromium } from "@playwright/test";

const BASE = process.env.BASE_URL ?? "http://127.0.0.1:3200";
const paths = process.argv.slice(2).filter((a) => a.startsWith("/"));
const verbose = process.argv.includes("--verbose");
const BUDGET_KB: Record<string, number> = { "/sign-in": 150 };

async function weigh(path: string): Promise<{ scripts: number; bytes: number; list: string[] }> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run"],
  });
  try {
    const page = await browser.newPage();
    const sizes: Promise<[string, number]>[] = [];
    page.on("requestfinished", (request) => {
      if (request.resourceType() === "script")
        sizes.push(request.sizes().then((s) => [new URL(request.url()).pathname, s.responseBodySize + s.responseHeadersSize]));
    });
    await page.goto(BASE + path, { waitUntil: "networkidle" });
    const all = await Promise.all(sizes);
    const list = all.sort((a, b) => b[1] - a[1]).map(([url, n]) => `  ${(n / 1000).toFixed(1).padStart(6)} kB  ${url}`);
    return { scripts: all.length, bytes: all.reduce((a, [, n]) => a + n, 0), list };
  } finally {
    await browser.close();
  }
}

async function main() {
  let over = false;
  for (const path of paths.length ? paths : ["/sign-in"]) {
    const { scripts, bytes, list } = await weigh(path);
    const kb = bytes / 1000;
    const budget = BUDGET_KB[path];
    if (budget && kb > budget) over = true;
    console.log(`${path.padEnd(24)} ${kb.toFixed(1).padStart(7)} kB in ${scripts} scripts${budget ? ` (budget ${budget} kB)` : ""}`);
    if (verbose) console.log(list.join("\n"));
  }
  process.exitCode = over ? 1 : 0;
}

void main();
