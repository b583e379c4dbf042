// Fault test, run by CI after the build: PostgreSQL hangs, and later goes away, under load.
// A TCP proxy between the server and PostgreSQL (test/tcp-proxy.ts) does both, so the
// shared cluster is never touched: "hang" keeps every socket open and answers nothing (a stuck
// server, a partitioned network), "cut" refuses and resets (a stopped server). Passes when, for
// both faults:
//  - every API request gets its answer within ANSWER_BOUND_MS: 503 problem+json with
//    Retry-After (or a 200 a key served from the cache), the first requests of the fault included;
//  - signed-in pages answer 503 with the "temporarily unavailable" page, within the same bound;
//  - the app recovers by itself once traffic passes again (API and pages 200);
// and every key and audit row committed before is still there, with no stack trace in the log.
// Takes about 30 s. The server listens on OUTAGE_PORT (3500); its log is kept in $TMPDIR.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Keypair } from "@stellar/stellar-sdk";
import { signInOverHttp } from "./fixtures/http-sign-in";
import { harnessPhase, reportCheck } from "./harness/report";
import { startTcpProxy, type ProxyMode, type TcpProxy } from "../test/tcp-proxy";

// The seeding in this process and the server must hash keys under the same secret.
process.env.KEY_HASH_SECRET ??= "outage-hash-secret-outage-hash-secret-00";

const PORT = Number(process.env.OUTAGE_PORT ?? 3500);
const BASE = `http://127.0.0.1:${PORT}`;
const pgBase = process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
/** The README's promise: an answer within a second while the database cannot answer. */
const ANSWER_BOUND_MS = 1000;
const FAULT_MS = 3000;
/** A request the server leaves unanswered this long counts as hung (status 0). */
const CLIENT_TIMEOUT_MS = 5000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Sample = { kind: "api" | "page"; phase: string; status: number; start: number; ms: number; retryAfter: string | null; body: string };

async function timed(kind: Sample["kind"], phase: string, url: string, headers: Record<string, string>): Promise<Sample> {
  const t = performance.now();
  try {
    const res = await fetch(url, { headers, redirect: "manual", signal: AbortSignal.timeout(CLIENT_TIMEOUT_MS) });
    const body = await res.text();
    return { kind, phase, status: res.status, start: t, ms: performance.now() - t, retryAfter: res.headers.get("retry-after"), body };
  } catch {
    return { kind, phase, status: 0, start: t, ms: performance.now() - t, retryAfter: null, body: "" };
  }
}

const stats = (list: Sample[]) => {
  const statuses = list.reduce<Record<number, number>>((m, s) => ((m[s.status] = (m[s.status] ?? 0) + 1), m), {});
  const ms = list.map((s) => s.ms).sort((a, b) => a - b);
  const median = ms.length ? ms[Math.floor(ms.length / 2)]! : NaN;
  return `${list.length} requests ${JSON.stringify(statuses)}, median ${median.toFixed(0)} ms, slowest ${(ms.at(-1) ?? NaN).toFixed(0)} ms`;
};

let serverLog = "";
let server: ChildProcess | undefined;

async function main() {
  // Well under a minute when all is well; a run that hangs fails instead of holding up CI.
  setTimeout(() => {
    console.error(`FAILED: the fault test did not finish within 3 minutes\n${serverLog.split("\n").slice(-30).join("\n")}`);
    server?.kill("SIGKILL");
    process.exit(1);
  }, 180_000).unref();
  const { generateKey } = await import("../lib/keys/format");
  const dbName = `keyport_outage_${Date.now().toString(36)}`;
  spawnSync("psql", [pgBase, "-qc", `CREATE DATABASE ${dbName}`], { stdio: "inherit" });
  const url = Object.assign(new URL(pgBase), { pathname: `/${dbName}` }).toString();
  process.env.DATABASE_URL = url;
  let proxy: TcpProxy | undefined;
  const failures: string[] = [];
  const check = (ok: boolean, what: string) => {
    // The phase is the fault a check is about ("hang: …", "cut: …"), or the run as a whole.
    harnessPhase(/^(hang|cut):/.exec(what)?.[1] ?? "the run as a whole");
    reportCheck(ok, what);
    if (!ok) failures.push(what);
  };
  try {
    const { migratePostgres } = await import("../lib/database/schema-engine");
    await migratePostgres(url);
    const { makeKey, makeUser } = await import("../test/factories");
    const { db } = await import("../lib/db");
    const keys: Awaited<ReturnType<typeof makeKey>>[] = [];
    for (const owner of [await makeUser(), await makeUser()]) {
      for (let i = 0; i < 10; i++) keys.push(await makeKey(owner, { name: `outage-${i}` }));
    }
    const committed = { keys: keys.map((k) => k.key.id), audits: await db.auditEvent.count() };

    const target = new URL(url);
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    const proxied = Object.assign(new URL(url), { port: String(proxy.port) }).toString();
    const started = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
      env: {
        ...process.env,
        NODE_ENV: "production",
        HOST: "127.0.0.1",
        PORT: String(PORT),
        AUTH_URL: BASE,
        DATABASE_URL: proxied,
        REDIS_URL: "",
        AUTH_SECRET: "outage-secret-outage-secret-outage-00000",
        KEY_HASH_SECRET: process.env.KEY_HASH_SECRET,
        SEP10_SIGNING_SECRET: "SB5U6PI4NVSPQT2WYC6QTJM6QMA75FGWFC26GUAQOLYR3XLI23WALQWW",
        // Every request below comes from one address, half of them with made-up keys.
        RATE_LIMIT_BAD_KEYS_PER_MINUTE: "100000",
        RATE_LIMIT_SIGNIN_PER_MINUTE: "100000",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    server = started;
    started.stdout!.on("data", (d) => (serverLog += d));
    started.stderr!.on("data", (d) => (serverLog += d));
    for (
      let i = 0;
      i < 150 &&
      !(await fetch(`${BASE}/api/ping`).then(
        (r) => r.ok,
        () => false,
      ));
      i++
    )
      await sleep(200);

    const cookie = await signInOverHttp(BASE, Keypair.random());
    if (!cookie) throw new Error("could not sign in before the outage");
    const page = () => ({ url: `${BASE}/settings/profile`, headers: { cookie, Accept: "text/html" } });
    // Alternately a real key (the server may answer it from its 2 s cache) and a made-up one,
    // which always needs the database.
    let n = 0;
    const apiRequest = () => ({
      url: `${BASE}/api/v1/whoami`,
      headers: { "X-API-KEY": n++ % 2 ? keys[n % keys.length]!.plaintext : generateKey("testnet", "kp").key },
    });

    const samples: Sample[] = [];
    let phase = "before";
    let running = true;
    const loop = async (kind: Sample["kind"], next: () => { url: string; headers: Record<string, string> }) => {
      while (running) {
        const { url: to, headers } = next();
        samples.push(await timed(kind, phase, to, headers));
        await sleep(20);
      }
    };
    const loops = [loop("api", apiRequest), loop("api", apiRequest), loop("page", page)];
    await sleep(1500);

    const faults: { mode: Exclude<ProxyMode, "pass">; first: Sample[]; recoveredAfterMs: number; from: number; to: number }[] = [];
    for (const mode of ["hang", "cut"] as const) {
      phase = mode;
      await proxy.setMode(mode);
      const from = performance.now();
      // The first requests after the fault begins, on every path: a key the cache cannot answer,
      // a cached key, a signed-in page.
      const first = await Promise.all([
        timed("api", mode, `${BASE}/api/v1/whoami`, { "X-API-KEY": generateKey("testnet", "kp").key }),
        timed("api", mode, `${BASE}/api/v1/whoami`, { "X-API-KEY": keys[0]!.plaintext }),
        timed("page", mode, page().url, page().headers),
      ]);
      samples.push(...first);
      await sleep(FAULT_MS);
      phase = `${mode}: recovering`;
      await proxy.setMode("pass");
      const passedAt = performance.now();
      const to = passedAt;
      let recoveredAfterMs = -1;
      for (let i = 0; i < 100 && recoveredAfterMs < 0; i++) {
        await sleep(50);
        const recent = samples.filter((s) => s.phase === phase);
        const api = recent.findLast((s) => s.kind === "api");
        const html = recent.findLast((s) => s.kind === "page");
        if ((api?.status === 200 || api?.status === 401) && html?.status === 200) recoveredAfterMs = performance.now() - passedAt;
      }
      faults.push({ mode, first, recoveredAfterMs, from, to });
      phase = `${mode}: after`;
      await sleep(1500);
    }
    running = false;
    await Promise.all(loops);

    for (const { mode, first, recoveredAfterMs } of faults) {
      const during = samples.filter((s) => s.phase === mode);
      const api = during.filter((s) => s.kind === "api");
      const pages = during.filter((s) => s.kind === "page");
      console.log(
        `${mode}: first requests ${first.map((s) => `${s.kind} ${s.status} in ${s.ms.toFixed(0)} ms`).join(", ")}; ` +
          `API ${stats(api)}; pages ${stats(pages)}; recovered ${(recoveredAfterMs / 1000).toFixed(2)} s after traffic passed again`,
      );
      const unavailable = api.filter((s) => s.status === 503);
      check(unavailable.length > 0, `${mode}: the API answers 503 while the database ${mode === "hang" ? "hangs" : "is cut off"}`);
      check(
        api.every((s) => s.status === 503 || s.status === 200),
        `${mode}: every API answer is a 503 or a 200 from the key cache (no 500, no hang)`,
      );
      check(
        unavailable.every((s) => s.retryAfter === "5" && /"code":"unavailable"/.test(s.body)),
        `${mode}: every 503 is problem+json code "unavailable" with Retry-After: 5`,
      );
      check(
        api.every((s) => s.ms < ANSWER_BOUND_MS),
        `${mode}: every API answer within ${ANSWER_BOUND_MS} ms (slowest ${Math.max(...api.map((s) => s.ms)).toFixed(0)} ms)`,
      );
      check(
        pages.length > 0 && pages.every((s) => s.status === 503 && s.retryAfter === "5" && /temporarily unavailable/i.test(s.body)),
        `${mode}: every signed-in page answers 503 "temporarily unavailable" with Retry-After (${stats(pages)})`,
      );
      check(
        pages.every((s) => s.ms < ANSWER_BOUND_MS),
        `${mode}: every page within ${ANSWER_BOUND_MS} ms (slowest ${Math.max(...pages.map((s) => s.ms)).toFixed(0)} ms)`,
      );
      check(recoveredAfterMs >= 0 && recoveredAfterMs < 5000, `${mode}: recovered by itself within 5 s of traffic passing again`);
      // (A request that started just before the next fault and ended in it belongs to that fault.)
      const after = samples.filter((s) => s.phase === `${mode}: after` && !faults.some((f) => s.start + s.ms > f.from && s.start < f.to));
      const wrong = after.filter((s) => !(s.status === 200 || (s.kind === "api" && s.status === 401)));
      check(
        after.length > 0 && wrong.length === 0,
        `${mode}: afterwards every page 200 and every API answer 200 (401 for made-up keys): ${stats(after)}` +
          wrong.map((s) => `; ${s.kind} ${s.status} in ${s.ms.toFixed(0)} ms ${s.body.slice(0, 120)}`).join(""),
      );
    }
    // Requests in flight when a fault began count too: from the fault's start, each waits at most the bound.
    const waits = samples.flatMap((s) =>
      faults.filter((f) => s.start < f.to && s.start + s.ms > f.from).map((f) => ({ s, ms: s.start + s.ms - Math.max(s.start, f.from) })),
    );
    const longest = waits.reduce((a, b) => (b.ms > a.ms ? b : a));
    check(
      longest.ms < ANSWER_BOUND_MS,
      `every request answered within ${ANSWER_BOUND_MS} ms of the database failing, those in flight when it failed included (longest: ${longest.s.kind} ${longest.s.status} after ${longest.ms.toFixed(0)} ms, ${longest.s.phase})`,
    );
    check(!/\n\s+at .+\(.+:\d+:\d+\)/.test(serverLog), "no stack trace in the server log");

    const keysAfter = await db.apiKey.count({ where: { id: { in: committed.keys } } });
    const auditsAfter = await db.auditEvent.count();
    check(
      keysAfter === committed.keys.length && auditsAfter >= committed.audits,
      `committed before the faults: ${committed.keys.length} keys, ${committed.audits} audit rows; after: ${keysAfter} keys, ${auditsAfter} audit rows`,
    );
    await db.$disconnect();
  } finally {
    server?.kill("SIGTERM");
    await proxy?.close();
    spawnSync("psql", [pgBase, "-qc", `DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`]);
  }
  const logFile = path.join(os.tmpdir(), "keyport-outage-server.log");
  fs.writeFileSync(logFile, serverLog);
  if (failures.length) {
    console.error(`server log (whole: ${logFile}; last 30 lines):\n${serverLog.split("\n").slice(-30).join("\n")}`);
    console.error(`FAILED: ${failures.join("; ")}`);
    process.exit(1);
  }
  console.log("OK: quick 503s while the database hangs and while it is cut off, recovery by itself, nothing committed lost.");
  process.exit(0);
}

void main();
