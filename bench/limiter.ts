// The per-key rate limit alone, in one process, through the functions the key check calls
// (`leasedPoint` first, synchronously, then `limitApiKey`): what the limiter costs a request,
// without Next.js or HTTP around it. Three configurations, each in its own child process:
// limits in memory, on PostgreSQL (leases) and in Redis. 50 requests in flight, like the HTTP bench.
//   npx tsx bench/limiter.ts [-- --seconds 5]
// BENCH_DATABASE_URL names the PostgreSQL server (a database of its own is created and dropped);
// BENCH_REDIS_URL the Redis database (default redis://127.0.0.1:6379/6; its keyport:* keys are used).
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";

const { values } = parseArgs({ options: { seconds: { type: "string", default: "5" }, child: { type: "string" } } });
const SECONDS = Number(values.seconds);
const IN_FLIGHT = 50;
const COLD_KEYS = 10_000;

type Row = { config: string; hot: number; cold: number; hotCpuUs: number; coldCpuUs: number; syncShare: number };

async function child(config: string): Promise<Row> {
  const { leasedPoint, limitApiKey } = await import("../lib/limits/limits");
  /** Requests per second for `SECONDS`, IN_FLIGHT loops each awaiting its own requests one after another. */
  async function run(keyOf: (i: number) => string, perMinute: number) {
    const until = performance.now() + SECONDS * 1000;
    const cpu = process.cpuUsage();
    let done = 0;
    let sync = 0;
    let next = 0;
    await Promise.all(
      Array.from({ length: IN_FLIGHT }, async () => {
        while (performance.now() < until) {
          const id = keyOf(next++);
          const now = leasedPoint(id, perMinute);
          if (now) sync++;
          else await limitApiKey(id, perMinute);
          done++;
          // A request's other work yields to the event loop at least once (as the HTTP server does).
          if (done % IN_FLIGHT === 0) await new Promise((r) => setImmediate(r));
        }
      }),
    );
    const used = process.cpuUsage(cpu);
    // CPU time of this process per decision: what the limiter costs a request, whatever else loads the machine.
    return { perSecond: Math.round(done / SECONDS), cpuUs: (used.user + used.system) / done, syncShare: sync / done };
  }
  const run_ = randomBytes(4).toString("hex");
  const hot = await run(() => `bench-hot-${run_}`, 1_000_000_000);
  const cold = await run((i) => `bench-cold-${run_}-${i % COLD_KEYS}`, 1_000_000_000);
  return { config, hot: hot.perSecond, cold: cold.perSecond, hotCpuUs: hot.cpuUs, coldCpuUs: cold.cpuUs, syncShare: hot.syncShare };
}

async function main() {
  const server = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
  const redis = process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379/6";
  const { createPool } = await import("../lib/database/pg-pool");
  const { migratePostgres } = await import("../lib/database/schema-engine");
  const name = `keyport_bench_limiter_${randomBytes(4).toString("hex")}`;
  const admin = createPool(server, { max: 1 });
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  await migratePostgres(url.toString());
  const base: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production" as const,
    AUTH_SECRET: "bench-secret-bench-secret-bench-secret-00",
    KEY_HASH_SECRET: "bench-hash-secret-bench-hash-secret-0000",
    SEP10_SIGNING_SECRET: "SCDXIZSYCLD5QOMQWNVWZECMNM35QTSBAWOOGXRVOX2RSTRPZRS4HWCI",
    DATABASE_URL: url.toString(),
  };
  const configs: [string, NodeJS.ProcessEnv][] = [
    ["memory", { ...base, RATE_LIMIT_STORE: "memory" }],
    ["postgresql", { ...base }],
    ["redis", { ...base, REDIS_URL: redis }],
  ];
  const rows: Row[] = [];
  try {
    for (const [config, env] of configs) {
      const out = spawnSync(
        process.execPath,
        ["--conditions=react-server", "--import", "tsx", __filename, "--child", config, "--seconds", String(SECONDS)],
        {
          env,
          encoding: "utf8",
        },
      );
      const line = out.stdout.split("\n").find((l) => l.startsWith("ROW "));
      if (!line) throw new Error(`${config} failed:\n${out.stderr}`);
      rows.push(JSON.parse(line.slice(4)) as Row);
    }
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
  console.log(`limiter alone, ${IN_FLIGHT} in flight, ${SECONDS} s a run (decisions per second, and this process's CPU time per decision)`);
  console.log("config       hot key/s  CPU µs   10,000 keys/s  CPU µs   hot answered without await");
  for (const r of rows)
    console.log(
      `${r.config.padEnd(12)} ${String(r.hot).padStart(9)}  ${r.hotCpuUs.toFixed(2).padStart(6)}   ${String(r.cold).padStart(13)}  ${r.coldCpuUs.toFixed(2).padStart(6)}   ${(r.syncShare * 100).toFixed(1)} %`,
    );
}

if (values.child) {
  void child(values.child).then((row) => {
    process.stdout.write(`ROW ${JSON.stringify(row)}\n`);
    process.exit(0);
  });
} else {
  void main();
}
