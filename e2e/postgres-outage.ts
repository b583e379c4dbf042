// Fault test, run by CI: PostgreSQL is stopped under load and started again.
// Passes when requests during the outage get a quick 503 (no hang, no 500, no stack
// trace), the app recovers by itself, and every key and audit row committed before
// the outage is still there. Stops and restarts the local cluster (needs root or the
// postgres user), so it runs last.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";

// The seeding in this process and the server must hash keys under the same secret.
process.env.KEY_HASH_SECRET ??= "outage-hash-secret-outage-hash-secret-00";

const PORT = 3500;
const BASE = `http://127.0.0.1:${PORT}`;
const pgBase = process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const version = fs.readdirSync("/etc/postgresql").sort().at(-1)!;
const cluster = (action: "start" | "stop") =>
  spawnSync("pg_ctlcluster", ["--skip-systemctl-redirect", version, "main", action, ...(action === "stop" ? ["-m", "fast"] : [])], {
    stdio: "inherit",
  });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main() {
  const dbName = `keyport_outage_${Date.now().toString(36)}`;
  spawnSync("psql", [pgBase, "-qc", `CREATE DATABASE ${dbName}`], { stdio: "inherit" });
  const url = Object.assign(new URL(pgBase), { pathname: `/${dbName}` }).toString();
  process.env.DATABASE_URL = url;
  let server: ChildProcess | undefined;
  const failures: string[] = [];
  try {
    const { migratePostgres } = await import("../lib/database/schema-engine");
    await migratePostgres(url);
    const { makeKey, makeUser } = await import("../test/factories");
    const { db } = await import("../lib/db");
    const keys = [];
    for (const owner of [await makeUser(), await makeUser()]) {
      for (let i = 0; i < 10; i++) keys.push(await makeKey(owner, { name: `outage-${i}` }));
    }
    const committed = { keys: keys.map((k) => k.key.id), audits: await db.auditEvent.count() };

    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: url,
      AUTH_SECRET: "outage-secret-outage-secret-outage-00000",
      KEY_HASH_SECRET: process.env.KEY_HASH_SECRET,
      SEP10_SIGNING_SECRET: "SB5U6PI4NVSPQT2WYC6QTJM6QMA75FGWFC26GUAQOLYR3XLI23WALQWW",
    };
    const started = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
      env: { ...env, HOST: "127.0.0.1", PORT: String(PORT) },
      stdio: ["ignore", "pipe", "pipe"],
    });
    server = started;
    let log = "";
    started.stdout!.on("data", (d) => (log += d));
    started.stderr!.on("data", (d) => (log += d));
    for (
      let i = 0;
      i < 100 &&
      !(await fetch(`${BASE}/api/ping`).then(
        (r) => r.ok,
        () => false,
      ));
      i++
    )
      await sleep(200);

    const samples: { phase: string; status: number; ms: number }[] = [];
    let phase = "before";
    let running = true;
    const loop = (async () => {
      let i = 0;
      while (running) {
        const key = keys[i++ % keys.length]!.plaintext;
        const t = performance.now();
        const status = await fetch(`${BASE}/api/v1/whoami`, { headers: { "X-API-KEY": key }, signal: AbortSignal.timeout(15_000) }).then(
          (r) => r.status,
          () => 0,
        );
        samples.push({ phase, status, ms: performance.now() - t });
        await sleep(20);
      }
    })();

    await sleep(2000);
    phase = "outage";
    cluster("stop");
    const stoppedAt = performance.now();
    await sleep(6000);
    phase = "recovering";
    cluster("start");
    const startedAt = performance.now();
    let recoveredAfter = -1;
    for (let i = 0; i < 150; i++) {
      await sleep(200);
      const last = samples.at(-1);
      if (last?.phase === "recovering" && last.status === 200) {
        recoveredAfter = (performance.now() - startedAt) / 1000;
        break;
      }
    }
    phase = "after";
    await sleep(1000);
    running = false;
    await loop;

    const during = samples.filter((s) => s.phase === "outage");
    const byStatus = (list: typeof samples) =>
      Object.entries(list.reduce<Record<number, number>>((m, s) => ((m[s.status] = (m[s.status] ?? 0) + 1), m), {}));
    const slowest = Math.max(...during.map((s) => s.ms));
    console.log(
      `outage of ${((startedAt - stoppedAt) / 1000).toFixed(1)} s: ${during.length} requests, statuses ${JSON.stringify(Object.fromEntries(byStatus(during)))}, slowest ${slowest.toFixed(0)} ms`,
    );
    console.log(
      `recovered ${recoveredAfter.toFixed(1)} s after PostgreSQL started; afterwards: ${JSON.stringify(Object.fromEntries(byStatus(samples.filter((s) => s.phase === "after"))))}`,
    );

    if (!during.some((s) => s.status === 503)) failures.push("no 503 during the outage");
    if (during.some((s) => s.status !== 503 && s.status !== 200))
      failures.push("a response other than 503 (or a cached 200) during the outage");
    if (slowest > 5000) failures.push(`a request took ${slowest.toFixed(0)} ms during the outage (hang)`);
    if (recoveredAfter < 0) failures.push("did not recover within 30 s");
    if (samples.filter((s) => s.phase === "after").some((s) => s.status !== 200)) failures.push("errors after recovery");
    if (/\n\s+at .+\(.+:\d+:\d+\)/.test(log)) failures.push("a stack trace in the server log");

    const keysAfter = await db.apiKey.count({ where: { id: { in: committed.keys } } });
    const auditsAfter = await db.auditEvent.count();
    console.log(
      `committed before the outage: ${committed.keys.length} keys, ${committed.audits} audit rows; after: ${keysAfter} keys, ${auditsAfter} audit rows`,
    );
    if (keysAfter !== committed.keys.length || auditsAfter < committed.audits) failures.push("committed rows were lost");
    await db.$disconnect();
  } finally {
    server?.kill("SIGTERM");
    if (spawnSync("pg_isready", ["-q", "-d", pgBase]).status !== 0) cluster("start");
    for (let i = 0; i < 40 && spawnSync("pg_isready", ["-q", "-d", pgBase]).status !== 0; i++) await sleep(250);
    spawnSync("psql", [pgBase, "-qc", `DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`]);
  }
  if (failures.length) {
    console.error(`FAILED: ${failures.join("; ")}`);
    process.exit(1);
  }
  console.log("OK: quick 503s during the outage, recovery without a restart, nothing committed lost.");
  process.exit(0);
}

void main();
