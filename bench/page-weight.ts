// First-load JavaScript of each page, as a browser receives it: opens the page in Debian's
// Chromium and sums the compressed (transferred) bytes of every script the first load
// fetches (a fresh browser context each, so nothing comes from its cache). The wallet kit,
// loaded only on the first click, is not in it.
//   npm run -s bench:weight [-- --verbose]
//     starts the production build on BENCH_WEIGHT_PORT (3402) with a fresh embedded database,
//     signs in over HTTP with a new wallet (an admin there), makes a team and a key, calls the
//     API with the key (some calls refused) so the pages with usage charts draw them, and
//     weighs /sign-in and every signed-in page.
//   BASE_URL=http://127.0.0.1:3200 npm run -s bench:weight -- /sign-in /docs
//     weighs the listed pages of a running server, signed out.
import { spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, type Browser, type BrowserContext } from "@playwright/test";
import { Keypair } from "@stellar/stellar-sdk";
import { signInOverHttp } from "../e2e/fixtures/http-sign-in";
import { startNextServer } from "./server-env";

const verbose = process.argv.includes("--verbose");
const listed = process.argv.slice(2).filter((a) => a.startsWith("/"));
const SIGN_IN_BUDGET_KB = 150;
const SIGNED_IN_BUDGET_KB = 180;

type Weight = { path: string; scripts: number; bytes: number; list: string[] };

async function weigh(browser: Browser, base: string, pathname: string, cookie?: string): Promise<Weight> {
  const context = await browser.newContext();
  try {
    if (cookie) await context.addCookies([toCookie(base, cookie)]);
    const page = await context.newPage();
    const sizes: Promise<[string, number]>[] = [];
    page.on("requestfinished", (request) => {
      if (request.resourceType() === "script")
        sizes.push(request.sizes().then((s) => [new URL(request.url()).pathname, s.responseBodySize + s.responseHeadersSize]));
    });
    const res = await page.goto(base + pathname, { waitUntil: "networkidle" });
    const landed = new URL(page.url()).pathname;
    if (!res?.ok() || landed !== pathname.split("?")[0]) throw new Error(`${pathname}: ${res?.status()} at ${landed}`);
    const all = await Promise.all(sizes);
    const list = all.sort((a, b) => b[1] - a[1]).map(([url, n]) => `  ${(n / 1000).toFixed(1).padStart(6)} kB  ${url}`);
    return { path: pathname, scripts: all.length, bytes: all.reduce((a, [, n]) => a + n, 0), list };
  } finally {
    await context.close();
  }
}

function toCookie(base: string, cookie: string) {
  const [name, ...value] = cookie.split("=");
  return { name: name!, value: value.join("="), url: base };
}

const startServer = (port: number, env: NodeJS.ProcessEnv) => startNextServer(port, env, { seconds: 30 });

/** A team and a key, made through the pages as a person would: the signed-in pages with ids need them. */
async function makeTeamAndKey(browser: Browser, base: string, cookie: string) {
  const context: BrowserContext = await browser.newContext();
  await context.addCookies([toCookie(base, cookie)]);
  const page = await context.newPage();
  const ready = async (pathname: string) => {
    await page.goto(base + pathname);
    await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
  };
  try {
    await ready("/settings/profile");
    await page.getByLabel("Use case").fill("Escrow payouts for a marketplace");
    await page.getByRole("button", { name: "Update profile" }).click();
    await page.getByText("Profile updated.").waitFor();
    await ready("/settings/api-keys");
    await page.getByRole("button", { name: "Request API key" }).click();
    await page.getByLabel("Key name").fill("weight");
    // Without escrows:read, so that GET /api/v1/escrows is refused (403) and the chart has two outcomes.
    const form = page.getByRole("dialog", { name: "Request API key" });
    await form.getByRole("checkbox", { name: /escrows:read/ }).uncheck();
    await form.getByRole("checkbox", { name: /webhooks:write/ }).check();
    await page.getByRole("button", { name: "Request key" }).click();
    const plaintext = (await page.getByTestId("new-api-key").textContent())?.trim() ?? "";
    if (!/^kp_(test|live)_\w{36}$/.test(plaintext)) throw new Error("the show-once dialog showed no key");
    const keys = (await (await context.request.get(`${base}/api/keys`)).json()) as { keys: { id: string }[] };
    const keyId = keys.keys[0]!.id;
    await ready("/teams");
    await page.getByLabel("Team name").fill("Weight team");
    await page.getByRole("button", { name: "Create team" }).click();
    await page.waitForURL(/\/w\/[^/]+\//);
    const slug = new URL(page.url()).pathname.split("/")[2]!;
    return { keyId, slug, plaintext };
  } finally {
    await context.close();
  }
}

/**
 * Traffic, so the pages weigh what a deployment in use ships: the key page and /admin draw
 * their usage charts only when there are requests to chart. Waits until the counts are
 * flushed (the keys list's 7-day sparkline has them all).
 */
async function callApi(base: string, cookie: string, keyId: string, key: string) {
  const call = async (pathname: string, status: number) => {
    const res = await fetch(base + pathname, { headers: { "X-API-KEY": key } });
    if (res.status !== status) throw new Error(`${pathname}: ${res.status}, expected ${status}`);
  };
  for (let i = 0; i < 12; i++) await call("/api/v1/whoami", 200);
  for (let i = 0; i < 3; i++) await call("/api/v1/escrows", 403);
  for (let i = 0; i < 100; i++) {
    const res = await fetch(`${base}/api/keys`, { headers: { cookie } });
    const { usage } = (await res.json()) as { usage: { counts: Record<string, number[]> } };
    if ((usage.counts[keyId] ?? []).reduce((a, b) => a + b, 0) >= 15) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("the API calls never showed in the key's usage");
}

async function main() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run"],
  });
  let server: ChildProcess | undefined;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "keyport-weight-"));
  const weights: Weight[] = [];
  try {
    if (process.env.BASE_URL) {
      for (const p of listed.length ? listed : ["/sign-in"]) weights.push(await weigh(browser, process.env.BASE_URL, p));
    } else {
      if (!fs.existsSync(".next/BUILD_ID")) spawnSync("npx", ["next", "build"], { stdio: "inherit" });
      const port = Number(process.env.BENCH_WEIGHT_PORT ?? 3402);
      const base = `http://127.0.0.1:${port}`;
      const wallet = Keypair.random();
      server = await startServer(port, {
        ...process.env,
        NODE_ENV: "production",
        DATABASE_URL: "",
        KEYPORT_DATA_DIR: dataDir,
        AUTH_URL: base,
        AUTH_SECRET: process.env.AUTH_SECRET ?? "weight-secret-weight-secret-weight-secret",
        KEY_HASH_SECRET: process.env.KEY_HASH_SECRET ?? "weight-hash-secret-weight-hash-secret-00",
        ADMIN_ADDRESSES: wallet.publicKey(),
        USAGE_FLUSH_MS: "200", // the calls below reach the charts in a fraction of a second
      });
      weights.push(await weigh(browser, base, "/sign-in"));
      const cookie = await signInOverHttp(base, wallet);
      if (!cookie) throw new Error("could not sign in over HTTP");
      const { keyId, slug, plaintext } = await makeTeamAndKey(browser, base, cookie);
      await callApi(base, cookie, keyId, plaintext);
      const signedIn = [
        "/settings/profile",
        "/settings/preferences",
        // The personal workspace's keys, in the one tree of every workspace's keys (/settings/api-keys redirects there).
        `/w/${wallet.publicKey().toLowerCase()}/api-keys`,
        `/w/${wallet.publicKey().toLowerCase()}/api-keys/${keyId}`,
        "/teams",
        `/w/${slug}/api-keys`,
        `/w/${slug}/members`,
        `/w/${slug}/audit`,
        `/w/${slug}/settings`,
        "/admin",
        "/admin/keys",
        "/admin/users",
        "/admin/workspaces",
        "/admin/audit",
      ];
      for (const p of signedIn) weights.push(await weigh(browser, base, p, cookie));
    }
  } finally {
    await browser.close();
    server?.kill("SIGTERM");
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  let over = false;
  console.log(
    `\nFirst-load JavaScript, transferred (compressed); budget ${SIGN_IN_BUDGET_KB} kB for /sign-in, ${SIGNED_IN_BUDGET_KB} kB signed in`,
  );
  for (const w of weights) {
    const budget = w.path === "/sign-in" ? SIGN_IN_BUDGET_KB : w.path.startsWith("/docs") ? null : SIGNED_IN_BUDGET_KB;
    const kb = w.bytes / 1000;
    const verdict = budget === null ? "" : kb <= budget ? "met" : "OVER";
    if (verdict === "OVER") over = true;
    const shown = w.path
      .replace(/\/api-keys\/[^/]+$/, "/api-keys/[id]")
      .replace(/^\/w\/g[a-z2-7]{55}\//, "/w/[personal]/") // the personal workspace's slug is its owner's address
      .replace(/^\/w\/[^/]+/, "/w/[slug]");
    console.log(`${shown.padEnd(28)} ${kb.toFixed(1).padStart(7)} kB in ${String(w.scripts).padStart(2)} scripts  ${verdict}`);
    if (verbose) console.log(w.list.join("\n"));
  }
  process.exitCode = over ? 1 : 0;
}

const began = Date.now();
void main().finally(() => console.log(`bench:weight took ${((Date.now() - began) / 1000).toFixed(0)} s`));
