// Admin keys table at scale: each query timed at 1,000 keys (the baseline) and again
// at 1,000,000 keys in the same run, on PostgreSQL (and the embedded database when
// BENCH_ADMIN_TARGETS=embedded,postgres: seeding a million rows into PGlite takes minutes).
//   npm run bench:admin-keys [-- --keys 1000000 --iterations 25]
// Databases: BENCH_DATABASE_URL names the server (and the database to connect to while
// creating and dropping the bench's own, named BENCH_DB_PREFIX_<stamp>).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: {
    child: { type: "string" },
    keys: { type: "string", default: "1000000" },
    iterations: { type: "string", default: "25" },
  },
});
const BIG = Number(values.keys);
const SMALL = 1000;
const ITERATIONS = Number(values.iterations);

type Timing = { median: number; p95: number };
type Row = { scenario: string; small: Timing; big: Timing };

async function child(): Promise<void> {
  const { db } = await import("../lib/database/client");
  const { seedBulk } = await import("../lib/database/seed");
  const { listAllKeys } = await import("../lib/data/keys/admin");
  const { migratePostgres } = await import("../lib/database/schema-engine");
  if (process.env.DATABASE_URL) await migratePostgres(process.env.DATABASE_URL);

  const owner = "seed_a_u7"; // a seeded user, for the owner search
  type Query = Parameters<typeof listAllKeys>[0];
  type Scenario = Omit<Query, "pageSize">;
  /** The cursor of the row halfway down "newest first": what clicking Next 20,000 times reaches. */
  const middle = async (total: number) => {
    const [row] = await db.apiKey.findMany({ orderBy: [{ createdAt: "desc" }, { id: "desc" }], skip: Math.floor(total / 2), take: 1 });
    return { at: row!.createdAt, id: row!.id };
  };
  const scenarios = async (total: number): Promise<Record<string, Scenario>> => ({
    "newest first, page 1": { sort: "createdAt", dir: "desc" },
    "last used first, page 1": { sort: "lastUsedAt", dir: "desc" },
    "middle page (keyset)": { sort: "createdAt", dir: "desc", after: await middle(total) },
    "search owner address": { sort: "createdAt", dir: "desc", q: "__OWNER__" },
    "search key name": { sort: "createdAt", dir: "desc", q: "payouts-prod" },
    "search rare key name": { sort: "createdAt", dir: "desc", q: "webhooks-dev-77" },
    "filter mainnet + disabled": { sort: "createdAt", dir: "desc", network: "mainnet", status: "disabled" },
  });
  async function measure(total: number): Promise<Record<string, Timing>> {
    const out: Record<string, Timing> = {};
    const ownerAddress = (await db.user.findUniqueOrThrow({ where: { id: owner }, select: { address: true } })).address;
    for (const [name, s] of Object.entries(await scenarios(total))) {
      const query: Query = { pageSize: 25, ...s, q: s.q === "__OWNER__" ? ownerAddress.slice(0, 10) : s.q };
      for (let i = 0; i < 3; i++) await listAllKeys(query); // warm up caches and plans
      const times: number[] = [];
      for (let i = 0; i < ITERATIONS; i++) {
        const t = performance.now();
        await listAllKeys(query);
        times.push(performance.now() - t);
      }
      times.sort((a, b) => a - b);
      out[name] = { median: times[Math.floor(times.length / 2)]!, p95: times[Math.floor(times.length * 0.95)]! };
    }
    return out;
  }

  await seedBulk(db, { users: 100, keys: SMALL, run: "a" });
  // As autovacuum would after a load: statistics, and the visibility map index-only scans need.
  await db.$executeRawUnsafe("VACUUM ANALYZE");
  const small = await measure(SMALL);
  const t = performance.now();
  await seedBulk(db, { users: Math.ceil((BIG - SMALL) / 10), keys: BIG - SMALL, run: "b" });
  const seedSeconds = (performance.now() - t) / 1000;
  await db.$executeRawUnsafe("VACUUM ANALYZE");
  const big = await measure(BIG);
  const rows: Row[] = Object.keys(small).map((scenario) => ({ scenario, small: small[scenario]!, big: big[scenario]! }));
  process.stdout.write(`RESULT ${JSON.stringify({ rows, seedSeconds })}\n`);
  process.exit(0);
}

function runTarget(label: string, env: Record<string, string>): { rows: Row[]; seedSeconds: number } {
  const res = spawnSync(
    process.execPath,
    [
      "--conditions=react-server",
      "--import",
      "tsx",
      __filename,
      "--child",
      label,
      "--keys",
      String(BIG),
      "--iterations",
      String(ITERATIONS),
    ],
    {
      env: { ...process.env, ...env },
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  const line = res.stdout.split("\n").find((l) => l.startsWith("RESULT "));
  if (!line) throw new Error(`${label} failed:\n${res.stdout}\n${res.stderr}`);
  return JSON.parse(line.slice(7));
}

function main() {
  const pgBase = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
  const dbName = `${process.env.BENCH_DB_PREFIX ?? "keyport_bench"}_${Date.now().toString(36)}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "keyport-bench-"));
  const admin = (sql: string) => spawnSync("psql", [pgBase, "-qc", sql], { encoding: "utf8" });
  admin(`CREATE DATABASE ${dbName}`);
  const pgUrl = new URL(pgBase);
  pgUrl.pathname = `/${dbName}`;
  try {
    const only = (process.env.BENCH_ADMIN_TARGETS ?? "postgres").split(",");
    const targets: { label: string; name: string; env: Record<string, string> }[] = [
      { label: "embedded (PGlite)", name: "embedded", env: { KEYPORT_DATA_DIR: dataDir, DATABASE_URL: "" } },
      { label: "PostgreSQL", name: "postgres", env: { DATABASE_URL: pgUrl.toString() } },
    ];
    const results = targets.filter((t) => only.includes(t.name)).map((t) => ({ label: t.label, result: runTarget(t.name, t.env) }));
    const fmt = (n: number) => n.toFixed(1).padStart(7);
    console.log(
      `\nAdmin keys table: ${SMALL.toLocaleString("en")} keys (baseline) vs ${BIG.toLocaleString("en")} keys, 25 rows a page, median of ${ITERATIONS} (ms)`,
    );
    console.log(
      `machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}\n`,
    );
    for (const { label, result } of results) {
      console.log(`${label} — seeding ${(BIG - SMALL).toLocaleString("en")} keys took ${result.seedSeconds.toFixed(1)} s`);
      const big = BIG >= 1e6 ? `${BIG / 1e6}M` : `${BIG / 1e3}k`;
      console.log(`  ${"query".padEnd(28)} ${"1k".padStart(7)} ${big.padStart(7)} ${"p95".padStart(7)}  ratio   goal ≤ 50 ms and ≤ 3×`);
      for (const r of result.rows) {
        const ratio = r.big.median / r.small.median;
        const met = r.big.median <= 50 && ratio <= 3 ? "met" : "MISSED";
        console.log(
          `  ${r.scenario.padEnd(28)} ${fmt(r.small.median)} ${fmt(r.big.median)} ${fmt(r.big.p95)}  ${ratio.toFixed(1)}×    ${met}`,
        );
      }
      console.log("");
    }
  } finally {
    admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

if (values.child) void child();
else {
  const began = Date.now();
  main();
  console.log(`bench:admin-keys took ${((Date.now() - began) / 1000).toFixed(0)} s`);
}
