// The key check under load, against the production build (`next start`) on loopback.
// Every figure is a ratio to a baseline measured in the same run:
//   whoami (valid key) vs /api/ping (same app, no auth, no database), run alternately three
//   times each on one server, medians compared
//   whoami with 1,000 keys vs 1,000,000 keys in the database
//   embedded database vs PostgreSQL
//   10,000 distinct keys presented round-robin ("cold": each comes back after the key
//   cache has forgotten it, so every request looks its key up) vs ping, at 1k and 1M keys
//   usage recording on vs off: servers on one database started alternately, medians compared
// plus lastUsedAt writes per key during a full-speed run. p99 latency stands next to each ratio.
// BENCH_TARGETS=postgresql,usage (label prefixes without punctuation, e.g. "postgresql mem";
// "usage" is the on/off pair) runs a subset.
//   npm run bench:api [-- --seconds 10 --connections 50 --big 1000000]
// BENCH_PORT (default 3400) for the server; BENCH_DATABASE_URL names the PostgreSQL server and
// the database to connect to while creating and dropping the bench's own (BENCH_DB_PREFIX_…).
import { spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { benchServerEnv, startNextServer } from "./server-env";

const { values } = parseArgs({
  options: {
    seconds: { type: "string", default: "10" },
    connections: { type: "string", default: "50" },
    big: { type: "string", default: "1000000" },
    child: { type: "string" },
  },
});
const SECONDS = Number(values.seconds);
const CONNECTIONS = Number(values.connections);
const BIG = Number(values.big);
const PORT = Number(process.env.BENCH_PORT ?? 3400);
const COLD_KEYS = 10_000;
const BASE = `http://127.0.0.1:${PORT}`;

/** Seeds keys and prints one real key (run in a child, which owns the database while it runs). */
async function seedChild(mode: string) {
  const { db } = await import("../lib/db");
  const { seedBulk } = await import("../lib/database/seed");
  const { migratePostgres } = await import("../lib/database/schema-engine");
  if (process.env.DATABASE_URL) await migratePostgres(process.env.DATABASE_URL);
  const [, count, run] = mode.split(":");
  await seedBulk(db, { users: Math.max(1, Math.ceil(Number(count) / 10)), keys: Number(count), run: run! });
  if (run === "a") {
    const { makeKey, makeUser } = await import("../test/factories");
    const user = await makeUser();
    const { plaintext } = await makeKey(user, { name: "bench" });
    process.stdout.write(`KEY ${plaintext}\n`);
    process.stdout.write(`COLD ${await seedColdKeys(db, user)}\n`);
  }
  await db.$executeRawUnsafe("ANALYZE");
  process.exit(0);
}

/**
 * COLD_KEYS real, working keys of one workspace, inserted in one statement (the key cap
 * is a rule of the request form, not of the table); their plaintexts go to a file.
 */
async function seedColdKeys(db: typeof import("../lib/db").db, user: { id: string; workspaceId: string }): Promise<string> {
  const { generateKey } = await import("../lib/keys/format");
  const { hashKey } = await import("../lib/keys/hash");
  const { env, keyHashSecret } = await import("../lib/env");
  const keys = Array.from({ length: COLD_KEYS }, () => generateKey("testnet", env.KEY_PREFIX));
  await db.$executeRawUnsafe(
    `INSERT INTO "ApiKey" (id, "workspaceId", "createdById", name, network, start, "end", hash, scopes, "createdAt", "updatedAt")
     SELECT 'cold_' || n, $1, $2, 'cold-' || n, 'testnet', s, e, h, ARRAY['escrows:read'], now(), now()
     FROM unnest($3::text[], $4::text[], $5::text[]) WITH ORDINALITY AS t(s, e, h, n)`,
    user.workspaceId,
    user.id,
    keys.map((k) => k.start),
    keys.map((k) => k.end),
    keys.map((k) => hashKey(k.key, keyHashSecret())),
  );
  const file = path.join(os.tmpdir(), `keyport-bench-cold-${process.pid}.json`);
  fs.writeFileSync(file, JSON.stringify(keys.map((k) => k.key)));
  return file;
}

function seed(env: NodeJS.ProcessEnv, count: number, run: string): { key: string; coldFile: string } | null {
  const res = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", __filename, "--child", `seed:${count}:${run}`], {
    env,
    encoding: "utf8",
  });
  if (res.status !== 0) throw new Error(`seeding failed: ${res.stderr}`);
  const key = /KEY (\S+)/.exec(res.stdout)?.[1];
  const coldFile = /COLD (\S+)/.exec(res.stdout)?.[1];
  return key && coldFile ? { key, coldFile } : null;
}

// BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=…": a CPU profile of each server run.
const startServer = (env: NodeJS.ProcessEnv) =>
  startNextServer(PORT, env, {
    nodeArgs: process.env.BENCH_SERVER_NODE_ARGS?.split(" ").filter(Boolean),
    stdio: ["ignore", "pipe", "pipe"],
  });

async function stopServer(server: ChildProcess) {
  const exited = new Promise((r) => server.once("exit", r));
  server.kill("SIGTERM");
  await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
  if (server.exitCode === null) server.kill("SIGKILL");
}

type Load = { rps: number; p50: number; p99: number; non2xx: number; total: number };

/** `keys`: presented round-robin, one per request, instead of a fixed X-API-KEY. */
async function load(pathname: string, headers: Record<string, string> = {}, keys?: string[]): Promise<Load> {
  let next = 0;
  const requests: autocannon.Request[] | undefined = keys && [
    {
      setupRequest: (req) => ({ ...req, headers: { ...req.headers, "X-API-KEY": keys[next++ % keys.length]! } }),
    },
  ];
  const options = { url: `${BASE}${pathname}`, connections: CONNECTIONS, headers, ...(requests ? { requests } : {}) };
  await autocannon({ ...options, duration: 2 }); // warm up
  const r = await autocannon({ ...options, duration: SECONDS });
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, non2xx: r.non2xx, total: r.requests.total };
}

/** Rows the usage recorder wrote (counts inserted or added to, request samples inserted). */
function usageRowsOf(url: string): number {
  const res = spawnSync(
    "psql",
    [url, "-Atc", `SELECT coalesce(sum(n_tup_ins + n_tup_upd), 0) FROM pg_stat_user_tables WHERE relname IN ('key_usage', 'key_requests')`],
    { encoding: "utf8" },
  );
  return Number(res.stdout.trim());
}

async function updatesOf(url: string): Promise<number> {
  const res = spawnSync("psql", [url, "-Atc", `SELECT n_tup_upd FROM pg_stat_user_tables WHERE relname = 'ApiKey'`], { encoding: "utf8" });
  return Number(res.stdout.trim());
}

type TargetResult = {
  label: string;
  ping: Load;
  small: Load;
  big: Load;
  cold?: { ping: Load; small: Load; big: Load };
  writes?: { updates: number; seconds: number; usageRows: number };
  /** whoami requests of the 1k-keys runs, warm-ups included. */
  requests: number;
};

const ROUNDS = 3;
const medianLoad = (runs: Load[]) => [...runs].sort((a, b) => a.rps - b.rps)[Math.floor(runs.length / 2)]!;

/**
 * The bare route and the measured one, alternately (ping, it, ping, it, …) on one server: the
 * drift of a loaded machine over a minute falls on both alike. The median run of each is kept.
 */
async function alternate(measured: () => Promise<Load>): Promise<{ ping: Load; it: Load; total: number }> {
  const pings: Load[] = [];
  const runs: Load[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    pings.push(await load("/api/ping"));
    runs.push(await measured());
  }
  return { ping: medianLoad(pings), it: medianLoad(runs), total: runs.reduce((n, r) => n + r.total + 2 * r.rps, 0) }; // + the 2 s warm-ups
}

async function target(label: string, env: NodeJS.ProcessEnv, pgUrl?: string, cold = false): Promise<TargetResult> {
  const { key, coldFile } = seed(env, 1000, "a")!;
  const coldKeys = JSON.parse(fs.readFileSync(coldFile, "utf8")) as string[];
  fs.rmSync(coldFile);
  const headers = { "X-API-KEY": key };
  let server = await startServer(env);
  const before = pgUrl ? await updatesOf(pgUrl) : 0;
  const usageBefore = pgUrl ? usageRowsOf(pgUrl) : 0;
  const hot = await alternate(() => load("/api/v1/whoami", headers));
  await stopServer(server); // flushes the usage still in memory
  await new Promise((r) => setTimeout(r, 600)); // stats are flushed to pg_stat about every 500 ms
  const writes = pgUrl
    ? { updates: (await updatesOf(pgUrl)) - before, seconds: ROUNDS * 2 * (SECONDS + 2), usageRows: usageRowsOf(pgUrl) - usageBefore }
    : undefined;
  let coldSmall: { ping: Load; it: Load } | undefined;
  if (cold) {
    server = await startServer(env);
    coldSmall = await alternate(() => load("/api/v1/whoami", {}, coldKeys));
    await stopServer(server);
  }
  seed(env, BIG - 1000, "b");
  server = await startServer(env);
  const big = await load("/api/v1/whoami", headers);
  const coldBig = cold ? await load("/api/v1/whoami", {}, coldKeys) : undefined;
  await stopServer(server);
  return {
    label,
    ping: hot.ping,
    small: hot.it,
    big,
    writes,
    requests: hot.total,
    cold: coldSmall && coldBig ? { ping: coldSmall.ping, small: coldSmall.it, big: coldBig } : undefined,
  };
}

type OnOff = { on: number[]; off: number[]; usageRows: number; requests: number };

/**
 * Usage recording on vs off, paired: one database, servers started alternately with it on and
 * off (on, off, off, on, on, off), so drift of a loaded machine falls on both sides alike; the
 * medians are compared. Also counts the usage rows the recording rounds wrote.
 */
async function usageOnOff(env: NodeJS.ProcessEnv, pgUrl: string): Promise<OnOff> {
  const { key } = seed(env, 1000, "a")!;
  const headers = { "X-API-KEY": key };
  const result: OnOff = { on: [], off: [], usageRows: 0, requests: 0 };
  for (const recording of [true, false, false, true, true, false]) {
    const rowsBefore = usageRowsOf(pgUrl);
    const server = await startServer({ ...env, USAGE_RECORDING: String(recording) });
    const l = await load("/api/v1/whoami", headers);
    await stopServer(server); // flushes the usage still in memory
    (recording ? result.on : result.off).push(l.rps);
    if (recording) {
      await new Promise((r) => setTimeout(r, 600)); // pg_stat is updated about every 500 ms
      result.usageRows += usageRowsOf(pgUrl) - rowsBefore;
      result.requests += l.total + 2 * l.rps; // + the 2 s warm-up
    }
  }
  return result;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main() {
  if (!fs.existsSync(".next/BUILD_ID")) {
    console.log("No production build: running next build…");
    spawnSync("npx", ["next", "build"], { stdio: "inherit" });
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "keyport-bench-api-"));
  const pgBase = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
  const stamp = Date.now().toString(36);
  const databases: string[] = [];
  const freshPg = () => {
    const name = `${process.env.BENCH_DB_PREFIX ?? "keyport_bench"}_api_${stamp}_${databases.length}`;
    spawnSync("psql", [pgBase, "-qc", `CREATE DATABASE ${name}`]);
    databases.push(name);
    return Object.assign(new URL(pgBase), { pathname: `/${name}` }).toString();
  };
  const common = benchServerEnv();
  try {
    const only = process.env.BENCH_TARGETS?.split(",");
    const all = [
      { label: "embedded (PGlite)", env: { ...common, DATABASE_URL: "", KEYPORT_DATA_DIR: dataDir } },
      // The default on PostgreSQL (limits in the database); also the cold-keys rows.
      { label: "PostgreSQL 15", env: { ...common }, pg: true, cold: true },
      // Same server, limit counters shared through Redis instead of a database upsert.
      { label: "PostgreSQL + Redis", env: { ...common, REDIS_URL: process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379" }, pg: true },
      // Same server, counters in memory (RATE_LIMIT_STORE=memory): what sharing costs at all.
      { label: "PostgreSQL, mem. RL", env: { ...common, RATE_LIMIT_STORE: "memory" }, pg: true },
      // Same as "PostgreSQL 15" without usage recording: what counting every request costs.
      { label: "PostgreSQL, no usage", env: { ...common, USAGE_RECORDING: "false" }, pg: true },
    ].filter(
      (t) =>
        !only ||
        only.some((o) =>
          t.label
            .toLowerCase()
            .replace(/[,.()]/g, "")
            .startsWith(o),
        ),
    );
    const results: TargetResult[] = [];
    for (const t of all) {
      const url = t.pg ? freshPg() : undefined;
      results.push(await target(t.label, url ? { ...t.env, DATABASE_URL: url } : t.env, url, "cold" in t && t.cold));
    }
    const onOffUrl = !only || only.includes("usage") ? freshPg() : undefined;
    const onOff = onOffUrl ? await usageOnOff({ ...common, DATABASE_URL: onOffUrl }, onOffUrl) : undefined;
    const f = (n: number) => n.toFixed(0).padStart(7);
    console.log(`\nAPI key check: ${CONNECTIONS} connections, ${SECONDS} s per run, production build on loopback`);
    console.log(
      `machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
    );
    console.log("(per-key rate limit raised for the run: this measures the key check, not the limiter's refusals)\n");
    const line = (label: string, route: string, l: Load, ratio = "") =>
      console.log(`${label.padEnd(20)} ${route.padEnd(26)} ${f(l.rps)} ${f(l.p50)} ${f(l.p99)}  ${ratio}`);
    const vsPing = (l: Load, ping: Load, goal: number) =>
      `${(l.rps / ping.rps).toFixed(2)}× ping (p99 ${l.p99} ms vs ${ping.p99} ms; goal ≥ ${goal.toFixed(2)}×)`;
    const slowdown = (small: Load, big: Load, goal: number) =>
      `${(small.rps / big.rps).toFixed(2)}× slower than 1k (p99 ${big.p99} ms vs ${small.p99} ms; goal ≤ ${goal.toFixed(2)}×)`;
    const million = `${(BIG / 1e6).toFixed(1)}M keys`;
    console.log(`${"".padEnd(20)} ${"route".padEnd(26)} ${"req/s".padStart(7)} ${"p50 ms".padStart(7)} ${"p99 ms".padStart(7)}  ratio`);
    for (const r of results) {
      line(r.label, "/api/ping (baseline)", r.ping);
      line("", "whoami, 1k keys", r.small, vsPing(r.small, r.ping, 0.9));
      line("", `whoami, ${million}`, r.big, slowdown(r.small, r.big, 1.2));
      if (r.cold) {
        line("", "/api/ping (cold run's)", r.cold.ping);
        line("", `whoami, ${COLD_KEYS / 1000}k cold keys`, r.cold.small, vsPing(r.cold.small, r.cold.ping, 0.7));
        line("", `… cold keys, ${million}`, r.cold.big, slowdown(r.cold.small, r.cold.big, 1.2));
        // Each key comes back after COLD_KEYS requests; the key cache keeps an answer 2 s.
        console.log(`${"".padEnd(20)} each cold key came back every ${(COLD_KEYS / r.cold.small.rps).toFixed(1)} s (key cache: 2 s)`);
      }
      const non2xx = r.small.non2xx + r.big.non2xx + (r.cold ? r.cold.small.non2xx + r.cold.big.non2xx : 0);
      if (non2xx) console.log(`${"".padEnd(20)} non-2xx responses: ${non2xx}`);
      if (r.writes) {
        console.log(
          `${"".padEnd(20)} lastUsedAt writes: ${r.writes.updates} in ${r.writes.seconds} s of one server for 1 key (limit: 1 a minute)`,
        );
        const per10k = (r.writes.usageRows / Math.max(1, r.requests)) * 10_000;
        console.log(`${"".padEnd(20)} usage rows written: ${r.writes.usageRows} (${per10k.toFixed(1)} per 10,000 requests)`);
      }
    }
    // The same figures as a Markdown table, for the README.
    const x = (n: number) => `${n.toFixed(2)}×`;
    console.log(`\n| configuration | whoami ÷ ping | p99 ms | 1M ÷ 1k keys | p99 ms (1M) |\n|---|---:|---:|---:|---:|`);
    for (const r of results) {
      console.log(`| ${r.label} | ${x(r.small.rps / r.ping.rps)} | ${r.small.p99} | ${x(r.small.rps / r.big.rps)} | ${r.big.p99} |`);
      if (r.cold)
        console.log(
          `| ${r.label}, ${COLD_KEYS / 1000}k cold keys | ${x(r.cold.small.rps / r.cold.ping.rps)} | ${r.cold.small.p99} | ${x(r.cold.small.rps / r.cold.big.rps)} | ${r.cold.big.p99} |`,
        );
    }
    const [e, p] = results;
    if (e && p) console.log(`\n${e.label} vs ${p.label}, whoami 1k keys: ${(e.small.rps / p.small.rps).toFixed(2)}× the requests/s`);
    if (onOff) {
      const [on, off] = [median(onOff.on), median(onOff.off)];
      console.log(
        `usage recording on vs off (PostgreSQL, whoami, 3 alternating runs each on one database): ${f(on).trim()} vs ${f(off).trim()} req/s, ` +
          `${(on / off).toFixed(2)}× (goal ≥ 0.97×); runs on ${onOff.on.map((n) => n.toFixed(0)).join(", ")}, off ${onOff.off.map((n) => n.toFixed(0)).join(", ")}`,
      );
      console.log(
        `usage rows written while recording: ${onOff.usageRows} for ${onOff.requests.toFixed(0)} requests (${((onOff.usageRows / onOff.requests) * 10_000).toFixed(1)} per 10,000)`,
      );
    }
  } finally {
    for (const name of databases) spawnSync("psql", [pgBase, "-qc", `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`]);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

if (values.child?.startsWith("seed:")) void seedChild(values.child);
else void main();
