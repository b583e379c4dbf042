// The key check under load, against Keyport as it runs in production (server.ts: the front
// door, the API plane and Next.js, on the production build) on loopback. Every figure is a
// ratio to a baseline measured in the same run: a plain node:http server answering
// {"ok":true}, started by this run on the same machine, is the physical limit. Per
// configuration (embedded; PostgreSQL with limits in the database, in memory, or in Redis):
//   whoami with one hot key and POST /api/v1/keys/verify, alternated with the plain server
//   (plain, whoami, verify, plain, whoami, verify, plain), the mean of each compared;
//   10,000 distinct keys round-robin on PostgreSQL ("cold": each comes back after the key cache
//   has forgotten it, so every request looks its key up), alternated the same way;
//   whoami's p99 at a fixed 1,000 requests/s (autocannon -R), and whoami ÷ Next.js's /api/ping;
//   gateway mode (PostgreSQL): GET through Keyport to the plain server as upstream vs straight to
//   it, alternated the same way, and the p99 it adds at a fixed 1,000 requests/s.
//   npm run bench:api [-- --seconds 4 --connections 50] [--full]
// --full adds the rows at a million keys (seeded after the others) and usage recording on vs off.
// Then the events rows (bench/events.ts): a key.rate_limited storm's cost and webhook delivery throughput.
// BENCH_TARGETS=embedded,postgresql (label prefixes, lower case, no punctuation; "events" for the
// events rows) runs a subset.
// BENCH_PORT (default 3400; the plain server takes the next port) for the servers;
// BENCH_DATABASE_URL names the PostgreSQL server and the database to connect to while creating
// and dropping the bench's own (BENCH_DB_PREFIX_…); BENCH_REDIS_URL the Redis (and its db number).
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import { createServer } from "node:http";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { BENCH_OPERATOR_TOKEN, benchServerEnv, startNextServer } from "./server-env";

const { values } = parseArgs({
  options: {
    seconds: { type: "string", default: "4" },
    connections: { type: "string", default: "50" },
    big: { type: "string", default: "1000000" },
    full: { type: "boolean", default: false },
    child: { type: "string" },
  },
});
const SECONDS = Number(values.seconds);
const CONNECTIONS = Number(values.connections);
const BIG = Number(values.big);
const PORT = Number(process.env.BENCH_PORT ?? 3400);
const PLAIN_PORT = PORT + 1;
const COLD_KEYS = 10_000;
const GOALS = { hot: 0.4, hotShared: 0.3, cold: 0.1, p99AtFixedRate: 5, gateway: 0.35, gatewayShared: 0.25, gatewayAddedP99: 3 };

/** Seeds keys and prints one real key (run in a child, which owns the database while it runs). */
async function seedChild(mode: string) {
  const { db } = await import("../lib/database/client");
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
async function seedColdKeys(db: typeof import("../lib/database/client").db, user: { id: string; workspaceId: string }): Promise<string> {
  const { generateKey } = await import("../lib/keys/format");
  const { hashKey } = await import("../lib/keys/hash");
  const { env, keyHashSecret } = await import("../lib/core/env");
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

/** The physical limit: node:http answering {"ok":true}, nothing else, in its own process. */
function plainChild() {
  createServer((_req, res) => {
    res.writeHead(200, { "Content-Type": "application/json" });
    res.end('{"ok":true}');
  }).listen(PLAIN_PORT, "127.0.0.1");
}

async function startPlain(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", __filename, "--child", "plain"], { stdio: "inherit" });
  for (let i = 0; i < 100; i++) {
    await new Promise((r) => setTimeout(r, 100));
    if (
      await fetch(`http://127.0.0.1:${PLAIN_PORT}/`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return child;
  }
  throw new Error("the plain server did not start");
}

type Load = { rps: number; p50: number; p99: number; non2xx: number; total: number };
type Shot = { path: string; port?: number; method?: "GET" | "POST"; headers?: Record<string, string>; body?: string; keys?: string[] };

/** `keys`: presented round-robin, one per request, instead of a fixed X-API-KEY. */
async function load(shot: Shot, extra: Partial<autocannon.Options> = {}, seconds = SECONDS): Promise<Load> {
  let next = 0;
  const keys = shot.keys;
  const requests: autocannon.Request[] | undefined = keys && [
    { setupRequest: (req) => ({ ...req, headers: { ...req.headers, "X-API-KEY": keys[next++ % keys.length]! } }) },
  ];
  const options: autocannon.Options = {
    url: `http://127.0.0.1:${shot.port ?? PORT}${shot.path}`,
    connections: CONNECTIONS,
    method: shot.method ?? "GET",
    headers: shot.headers ?? {},
    ...(shot.body && { body: shot.body }),
    ...(requests && { requests }),
    ...extra,
  };
  if (shot !== PLAIN) await autocannon({ ...options, duration: 1 }); // warm up (the plain server needs none)
  const r = await autocannon({ ...options, duration: seconds });
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, non2xx: r.non2xx, total: r.requests.total };
}

const PLAIN: Shot = { path: "/", port: PLAIN_PORT };
const mean = (runs: Load[]): Load => ({
  rps: runs.reduce((n, r) => n + r.rps, 0) / runs.length,
  p50: Math.max(...runs.map((r) => r.p50)),
  p99: Math.max(...runs.map((r) => r.p99)),
  non2xx: runs.reduce((n, r) => n + r.non2xx, 0),
  total: runs.reduce((n, r) => n + r.total, 0),
});

/**
 * The plain server and the measured shots, alternately (plain, a, b, plain, a, b, plain): the
 * drift of a loaded machine falls on all alike. Means are compared (p99: the worst run's).
 */
async function alternate(shots: Shot[], rounds = 2): Promise<{ plain: Load; runs: Load[] }> {
  const plain: Load[] = [await load(PLAIN)];
  const runs: Load[][] = shots.map(() => []);
  for (let i = 0; i < rounds; i++) {
    for (const [j, shot] of shots.entries()) runs[j]!.push(await load(shot));
    plain.push(await load(PLAIN));
  }
  return { plain: mean(plain), runs: runs.map(mean) };
}

type Row = { label: string; route: string; load: Load; plain?: Load; goal?: number; note?: string };

async function target(label: string, env: NodeJS.ProcessEnv, { cold = false, shared = false, gateway = false } = {}): Promise<Row[]> {
  const { key, coldFile } = seed(env, 1000, "a")!;
  const coldKeys = JSON.parse(fs.readFileSync(coldFile, "utf8")) as string[];
  fs.rmSync(coldFile);
  const whoami: Shot = { path: "/api/v1/whoami", headers: { "X-API-KEY": key } };
  const verify: Shot = {
    path: "/api/v1/keys/verify",
    method: "POST",
    headers: { authorization: `Bearer ${BENCH_OPERATOR_TOKEN}`, "content-type": "application/json" },
    body: JSON.stringify({ key, scope: "escrows:read" }),
  };
  const goal = shared ? GOALS.hotShared : GOALS.hot;
  const server = await startServer(env);
  try {
    // Next.js loads its route modules in the background for a few seconds after the port opens.
    await new Promise((r) => setTimeout(r, 3000));
    const hot = await alternate([whoami, verify]);
    const rows: Row[] = [
      { label, route: "whoami, one hot key", load: hot.runs[0]!, plain: hot.plain, goal },
      { label, route: "POST /keys/verify", load: hot.runs[1]!, plain: hot.plain, goal },
    ];
    if (cold) {
      const c = await alternate([{ path: "/api/v1/whoami", keys: coldKeys }], 1);
      rows.push({ label, route: `whoami, ${COLD_KEYS / 1000}k cold keys`, load: c.runs[0]!, plain: c.plain, goal: GOALS.cold });
    }
    const fixed = await load(whoami, { connections: 10, overallRate: 1000 });
    rows.push({ label, route: "whoami at 1,000 req/s", load: fixed, note: `p99 ${fixed.p99} ms (goal ≤ ${GOALS.p99AtFixedRate} ms)` });
    if (gateway) {
      // The plain server is the upstream: every path answers {"ok":true}.
      const through: Shot = { path: "/api/v1/hello", headers: { "X-API-KEY": key } };
      const g = await alternate([through], 1);
      rows.push({
        label,
        route: "gateway → plain upstream",
        load: g.runs[0]!,
        plain: g.plain,
        goal: shared ? GOALS.gatewayShared : GOALS.gateway,
      });
      const direct = await load(PLAIN, { connections: 10, overallRate: 1000 });
      const proxied = await load(through, { connections: 10, overallRate: 1000 });
      const added = proxied.p99 - direct.p99;
      rows.push({
        label,
        route: "gateway at 1,000 req/s",
        load: proxied,
        note: `added p99 ${added} ms (direct ${direct.p99} ms; goal ≤ ${GOALS.gatewayAddedP99} ms) ${added <= GOALS.gatewayAddedP99 ? "met" : "**missed**"}`,
      });
    }
    const ping = await load({ path: "/api/ping" }, {}, 2); // for continuity only
    rows.push({ label, route: "Next.js /api/ping", load: ping, note: `whoami ÷ ping ${(hot.runs[0]!.rps / ping.rps).toFixed(1)}×` });
    if (values.full) {
      seed(env, BIG - 1000, "b");
      const big = await load(whoami);
      rows.push({
        label,
        route: `whoami, ${(BIG / 1e6).toFixed(1)}M keys`,
        load: big,
        note: `${(hot.runs[0]!.rps / big.rps).toFixed(2)}× slower than 1k`,
      });
    }
    return rows;
  } finally {
    await stopServer(server);
  }
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

/**
 * Usage recording on vs off (--full), paired: one database, servers started alternately with it
 * on and off (on, off, off, on, on, off), medians compared, and the usage rows written.
 */
async function usageOnOff(env: NodeJS.ProcessEnv, pgUrl: string) {
  const { key } = seed(env, 1000, "a")!;
  const result = { on: [] as number[], off: [] as number[], usageRows: 0, requests: 0 };
  for (const recording of [true, false, false, true, true, false]) {
    const rowsBefore = usageRowsOf(pgUrl);
    const server = await startServer({ ...env, USAGE_RECORDING: String(recording) });
    const l = await load({ path: "/api/v1/whoami", headers: { "X-API-KEY": key } });
    await stopServer(server); // flushes the usage still in memory
    (recording ? result.on : result.off).push(l.rps);
    if (recording) {
      await new Promise((r) => setTimeout(r, 600)); // pg_stat is updated about every 500 ms
      result.usageRows += usageRowsOf(pgUrl) - rowsBefore;
      result.requests += l.total + l.rps; // + the 1 s warm-up
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const [on, off] = [median(result.on), median(result.off)];
  console.log(
    `usage recording on vs off (PostgreSQL, whoami, 3 alternating runs each): ${on.toFixed(0)} vs ${off.toFixed(0)} req/s, ${(on / off).toFixed(2)}× (goal ≥ 0.97×); ` +
      `usage rows written: ${result.usageRows} for ${result.requests.toFixed(0)} requests`,
  );
}

/** The events rows (bench/events.ts), in a child that writes with the data layer and starts its own server. */
function eventRows(env: NodeJS.ProcessEnv, url: string): string[] {
  const res = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", "bench/events.ts"], {
    env: { ...env, BENCH_EVENTS_URL: url, BENCH_EVENTS_PORT: String(PORT) },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  const rows = res.stdout
    .split("\n")
    .filter((l) => l.startsWith("ROW "))
    .map((l) => l.slice(4));
  return res.status === 0 && rows.length ? rows : [`| events | failed (exit ${res.status}) | | **missed** |`];
}

async function main() {
  const began = Date.now();
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
  const gatewayRoutes = path.join(dataDir, "gateway-routes.json");
  fs.writeFileSync(gatewayRoutes, JSON.stringify([{ methods: ["GET"], path: "/hello" }]));
  const gatewayEnv = { GATEWAY_UPSTREAM: `http://127.0.0.1:${PLAIN_PORT}`, GATEWAY_ROUTES: gatewayRoutes };
  const plain = await startPlain();
  try {
    const only = process.env.BENCH_TARGETS?.split(",");
    const all = [
      { label: "embedded (PGlite)", env: { ...common, DATABASE_URL: "", KEYPORT_DATA_DIR: dataDir } },
      // Counters in memory (RATE_LIMIT_STORE=memory): no write on the hot path.
      { label: "PostgreSQL, limits in memory", env: { ...common, ...gatewayEnv, RATE_LIMIT_STORE: "memory" }, pg: true, gateway: true },
      // The default on PostgreSQL (limits in the database); also the cold-keys row.
      { label: "PostgreSQL, limits in the database", env: { ...common, ...gatewayEnv }, pg: true, cold: true, shared: true, gateway: true },
      // Limit counters shared through Redis instead of a database upsert.
      {
        label: "PostgreSQL + Redis",
        env: { ...common, REDIS_URL: process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379" },
        pg: true,
        shared: true,
      },
    ].filter(
      (t) =>
        !only ||
        only.some((o) =>
          t.label
            .toLowerCase()
            .replace(/[,.()+]/g, "")
            .startsWith(o),
        ),
    );
    const rows: Row[] = [];
    for (const t of all) {
      const url = t.pg ? freshPg() : undefined;
      const env = url ? { ...t.env, DATABASE_URL: url } : t.env;
      rows.push(
        ...(await target(t.label, env, {
          cold: "cold" in t && t.cold,
          shared: "shared" in t && t.shared,
          gateway: "gateway" in t && t.gateway,
        })),
      );
      console.log(`… ${t.label} done (${((Date.now() - began) / 1000).toFixed(0)} s)`);
    }
    console.log(`\nAPI key check: ${CONNECTIONS} connections, ${SECONDS} s a run, server.ts on the production build, loopback`);
    console.log(
      `machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
    );
    console.log("(per-key rate limit raised for the run: this measures the key check, not the limiter's refusals)\n");
    console.log("| configuration | route | req/s | ÷ plain node:http | p99 ms | goal | |\n|---|---|---:|---:|---:|---:|---|");
    for (const r of rows) {
      const ratio = r.plain ? r.load.rps / r.plain.rps : undefined;
      const met = r.goal !== undefined && ratio !== undefined ? (ratio >= r.goal ? "met" : "**missed**") : "";
      const fixedMet = r.route.startsWith("whoami at 1,000") ? (r.load.p99 <= GOALS.p99AtFixedRate ? "met" : "**missed**") : met;
      console.log(
        `| ${r.label} | ${r.route} | ${r.load.rps.toFixed(0)} | ${ratio === undefined ? "" : `${ratio.toFixed(2)}× (of ${r.plain!.rps.toFixed(0)})`} | ${r.load.p99} | ` +
          `${r.goal !== undefined ? `≥ ${r.goal.toFixed(2)}×` : r.route.startsWith("whoami at 1,000") ? `p99 ≤ ${GOALS.p99AtFixedRate} ms` : ""} | ${fixedMet}${r.note ? ` ${r.note}` : ""}${r.load.non2xx ? ` (non-2xx: ${r.load.non2xx})` : ""} |`,
      );
    }
    if (!only || only.includes("events")) {
      console.log("\n| events (PostgreSQL, limits in memory) | measured | goal | |\n|---|---|---|---|");
      for (const row of eventRows(common, freshPg())) console.log(row);
    }
    if (values.full && (!only || only.includes("usage"))) {
      const url = freshPg();
      await usageOnOff({ ...common, DATABASE_URL: url }, url);
    }
  } finally {
    plain.kill();
    for (const name of databases) spawnSync("psql", [pgBase, "-qc", `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`]);
    fs.rmSync(dataDir, { recursive: true, force: true });
    console.log(`\nbench:api took ${((Date.now() - began) / 1000).toFixed(0)} s`);
  }
}

if (values.child?.startsWith("seed:")) void seedChild(values.child);
else if (values.child === "plain") plainChild();
else void main();
