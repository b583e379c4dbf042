// The events rows of `npm run bench` (called by bench/api.ts, on PostgreSQL, limits in memory):
//  - a key.rate_limited storm: 10,000 requests from keys past their limit (1 a minute, so all but
//    each key's first are 429s), from keys of a workspace with a webhook endpoint (each key's first
//    refusal writes key.rate_limited, which the worker then delivers) alternated with the same from
//    a workspace without one (A, B, B, A, A, B; fresh keys each run, so every run pays its
//    first refusals), compared by the server's CPU time per request: the storm may cost the API at
//    most 3 %. BENCH_STORM_KEYS (default 10) keys a run;
//  - webhook delivery throughput: N events committed at once to one endpoint at a local receiver
//    (node:http in this process, 204), timed from the commit until the receiver has them all: ≥ 200/s.
// Runs in a child of bench/api.ts (`--conditions=react-server`: it writes with the data layer),
// which prints the rows it returns on stdout as `ROW …` lines.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import autocannon from "autocannon";
import type { Prisma } from "../lib/generated/prisma/client";
import { startNextServer } from "./server-env";

const GOALS = { stormCost: 0.03, deliveriesPerSecond: 200 };
const STORM_REQUESTS = 10_000;
const KEYS_PER_RUN = Number(process.env.BENCH_STORM_KEYS ?? 10);
const DELIVERIES = 2_000;
/** Clock ticks a second of /proc/<pid>/stat's utime and stime (USER_HZ, 100 on Linux). */
const TICK_MS = 10;

type Run = { rps: number; cpuMsPerRequest: number };

function receiver() {
  const seen = new Set<string>();
  let all: (() => void) | undefined;
  let expected = Infinity;
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      seen.add(String(req.headers["webhook-id"]));
      if (seen.size >= expected) all?.();
      res.writeHead(204).end();
    });
  });
  return {
    seen,
    /** Resolves once `n` distinct messages have arrived (or after `ms`). */
    waitFor: (n: number, ms: number) =>
      new Promise<boolean>((resolve) => {
        expected = n;
        if (seen.size >= n) return resolve(true);
        all = () => resolve(true);
        setTimeout(() => resolve(seen.size >= n), ms).unref();
      }),
    listen: () => new Promise<number>((r) => server.listen(0, "127.0.0.1", () => r((server.address() as AddressInfo).port))),
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((r) => server.close(() => r()));
    },
  };
}

/** Runs both rows against a fresh PostgreSQL database `url`; `port` is the server's. */
export async function eventRows(env: NodeJS.ProcessEnv, url: string, port: number): Promise<string[]> {
  // This process writes to the database the server reads: the same secrets (sealed endpoint
  // secrets, key hashes) and the same database, set before the data layer is first imported.
  Object.assign(process.env, {
    DATABASE_URL: url,
    AUTH_SECRET: env.AUTH_SECRET,
    KEY_HASH_SECRET: env.KEY_HASH_SECRET,
    WEBHOOK_ALLOW_PRIVATE_TARGETS: "true",
  });
  const { migratePostgres } = await import("../lib/database/schema-engine");
  await migratePostgres(url);
  const { db } = await import("../lib/database/client");
  const { makeUser } = await import("../test/factories");
  const { createEndpoint } = await import("../lib/data/webhooks/endpoints");
  const { generateKey } = await import("../lib/keys/format");
  const { hashKey } = await import("../lib/keys/hash");
  const { keyHashSecret } = await import("../lib/core/env");
  const { buildPayload } = await import("../lib/webhooks/events");
  const { newMessageId } = await import("../lib/data/webhooks/outbox");

  const hook = receiver();
  const hookPort = await hook.listen();
  const hooked = await makeUser();
  const quiet = await makeUser();
  const endpoint = await createEndpoint(hooked, hooked.workspaceId, { url: `http://127.0.0.1:${hookPort}/hooks`, events: ["*"] });
  if (!endpoint.ok) throw new Error(`endpoint: ${endpoint.code}`);

  /** Fresh keys of `user`'s workspace allowed 1 request a minute (their plaintexts). */
  const limitedKeys = async (user: { id: string; workspaceId: string }) => {
    const keys = Array.from({ length: KEYS_PER_RUN }, () => generateKey("testnet", "kp"));
    await db.$executeRawUnsafe(
      `INSERT INTO "ApiKey" (id, "workspaceId", "createdById", name, network, start, "end", hash, scopes, "rateLimit", "createdAt", "updatedAt")
       SELECT 'rl_' || $6 || '_' || n, $1, $2, 'limited-' || n, 'testnet', s, e, h, ARRAY['escrows:read'], 1, now(), now()
       FROM unnest($3::text[], $4::text[], $5::text[]) WITH ORDINALITY AS t(s, e, h, n)`,
      user.workspaceId,
      user.id,
      keys.map((k) => k.start),
      keys.map((k) => k.end),
      keys.map((k) => hashKey(k.key, keyHashSecret())),
      randomBytes(6).toString("hex"),
    );
    return keys.map((k) => k.key);
  };
  const storm = async (keys: string[]) => {
    let next = 0;
    const r = await autocannon({
      url: `http://127.0.0.1:${port}/api/v1/whoami`,
      connections: 50,
      amount: STORM_REQUESTS,
      requests: [{ setupRequest: (req) => ({ ...req, headers: { ...req.headers, "X-API-KEY": keys[next++ % keys.length]! } }) }],
    });
    return { rps: r.requests.total / (r.duration || 1), limited: r.statusCodeStats?.["429"]?.count ?? 0 };
  };

  const server = await startNextServer(
    port,
    { ...env, DATABASE_URL: url, RATE_LIMIT_STORE: "memory", WEBHOOK_ALLOW_PRIVATE_TARGETS: "true" },
    {
      stdio: "ignore",
      nodeArgs: process.env.BENCH_SERVER_NODE_ARGS?.split(" ").filter(Boolean),
    },
  );
  const lines: string[] = [];
  try {
    await new Promise((r) => setTimeout(r, 3000));
    // Warm-up of both paths: the first event written and delivered pays one-time costs (code
    // compiled, query plans, the receiver's connection) that would otherwise fall on the first run
    // with an endpoint only.
    await storm(await limitedKeys(quiet));
    await storm(await limitedKeys(hooked));
    await hook.waitFor(KEYS_PER_RUN, 10_000);
    const warmWritten = await db.webhookMessage.count({ where: { type: "key.rate_limited" } });
    const warmDelivered = hook.seen.size;
    // Throughput on a shared machine moves by ±15 % between identical runs, so the cost is the
    // server's CPU time per request (from /proc), which other processes' load moves far less; each
    // run's window includes the deliveries of the events it caused (the worker's share of the cost).
    const cpu = () => {
      const f = fs.readFileSync(`/proc/${server.pid}/stat`, "utf8").split(") ")[1]!.split(" ");
      return (Number(f[11]) + Number(f[12])) * TICK_MS;
    };
    const runs = { on: [] as Run[], off: [] as Run[], limited: 0 };
    for (const on of [true, false, false, true, true, false]) {
      const keys = await limitedKeys(on ? hooked : quiet);
      const before = cpu();
      const expected = hook.seen.size + (on ? KEYS_PER_RUN : 0);
      const r = await storm(keys);
      // The same window for both (the worker polls each second, so deliveries arrive within it), and
      // long enough for the deferred work every storm leaves (usage batches, garbage collection).
      await Promise.all([hook.waitFor(expected, 10_000), new Promise((resolve) => setTimeout(resolve, 2000))]);
      (on ? runs.on : runs.off).push({ rps: r.rps, cpuMsPerRequest: (cpu() - before) / STORM_REQUESTS });
      runs.limited += r.limited;
    }
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const [on, off] = [mean(runs.on.map((r) => r.cpuMsPerRequest)), mean(runs.off.map((r) => r.cpuMsPerRequest))];
    const cost = on / off - 1;
    const written = (await db.webhookMessage.count({ where: { type: "key.rate_limited" } })) - warmWritten;
    lines.push(
      `| key.rate_limited storm (${STORM_REQUESTS.toLocaleString("en")} requests a run, ${KEYS_PER_RUN} keys past their limit; 3 runs with an endpoint, 3 without, alternated) | ` +
        `server CPU ${(on * 1000).toFixed(0)} vs ${(off * 1000).toFixed(0)} µs a request: costs ${(cost * 100).toFixed(1)} % ` +
        `(${mean(runs.on.map((r) => r.rps)).toFixed(0)} vs ${mean(runs.off.map((r) => r.rps)).toFixed(0)} req/s) | ≤ ${GOALS.stormCost * 100} % | ` +
        `${cost <= GOALS.stormCost ? "met" : "**missed**"} (${runs.limited.toLocaleString("en")} × 429; ${written} events written for ${3 * KEYS_PER_RUN} keys, ${hook.seen.size - warmDelivered} delivered) |`,
    );

    hook.seen.clear();
    const workspace = await db.workspace.findUniqueOrThrow({ where: { id: hooked.workspaceId }, select: { id: true, slug: true } });
    const at = new Date();
    const messages = Array.from({ length: DELIVERIES }, () => ({
      id: newMessageId(),
      workspaceId: workspace.id,
      type: "webhook.test",
      payload: buildPayload(
        "webhook.test",
        workspace,
        { endpointId: endpoint.data.endpoint.id, message: "bench" },
        at,
      ) as Prisma.InputJsonValue,
      createdAt: at,
    }));
    // Committed at once, as a burst of changes would: the worker finds them all due.
    await db.$transaction([
      db.webhookMessage.createMany({ data: messages }),
      db.webhookDelivery.createMany({
        data: messages.map((m) => ({ messageId: m.id, endpointId: endpoint.data.endpoint.id, nextAttemptAt: at })),
      }),
    ]);
    const started = performance.now();
    const all = await hook.waitFor(DELIVERIES, 120_000);
    const seconds = (performance.now() - started) / 1000;
    const rate = hook.seen.size / seconds;
    lines.push(
      `| webhook delivery to a local receiver (${DELIVERIES.toLocaleString("en")} events committed at once, one endpoint) | ` +
        `${rate.toFixed(0)} webhooks/s (${hook.seen.size} in ${seconds.toFixed(1)} s) | ≥ ${GOALS.deliveriesPerSecond}/s | ` +
        `${all && rate >= GOALS.deliveriesPerSecond ? "met" : "**missed**"} |`,
    );
  } finally {
    server.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 500));
    if (server.exitCode === null) server.kill("SIGKILL");
    await hook.close();
    await db.$disconnect();
  }
  return lines;
}

if (process.argv[1]?.endsWith("events.ts") && process.env.BENCH_EVENTS_URL) {
  void eventRows(process.env, process.env.BENCH_EVENTS_URL, Number(process.env.BENCH_EVENTS_PORT)).then(
    (rows) => {
      for (const row of rows) process.stdout.write(`ROW ${row}\n`);
      process.exit(0);
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
