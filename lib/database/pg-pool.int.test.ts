// @module-tag postgres
// The pool's bounds against a real PostgreSQL server behind a TCP proxy that hangs or cuts its
// traffic (test/tcp-proxy.ts): the shared server itself is never stopped. Runs against the
// PostgreSQL server in both integration legs (the embedded database has no network to lose).
import type pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startTcpProxy, type TcpProxy } from "@/test/tcp-proxy";
import { PROBE_TIMEOUT_MS, RETRY_MS, STALL_MS } from "./circuit";
import { isDatabaseUnavailable } from "./errors";
import { createPool } from "./pg-pool";

const server = new URL(process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres");
let proxy: TcpProxy;
let pool: pg.Pool;

beforeAll(async () => {
  proxy = await startTcpProxy({ host: server.hostname, port: Number(server.port || 5432) });
  pool = createPool(Object.assign(new URL(server), { port: String(proxy.port), pathname: "/postgres" }).toString(), { max: 4 });
});
afterAll(async () => {
  await proxy.setMode("pass");
  await pool.end();
  await proxy.close();
});

async function timed(sql: string) {
  const t = performance.now();
  try {
    await pool.query(sql);
    return { ok: true, ms: performance.now() - t, error: null };
  } catch (error) {
    return { ok: false, ms: performance.now() - t, error };
  }
}

async function recovers(): Promise<number> {
  const t = performance.now();
  for (;;) {
    if ((await timed("SELECT 1")).ok) return performance.now() - t;
    if (performance.now() - t > 10_000) throw new Error("the pool did not recover within 10 s");
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The longest a query may wait on a hung server: the stall, the probe, the watchdog's tick and some slack for a busy machine. */
const HANG_BOUND_MS = STALL_MS + PROBE_TIMEOUT_MS + 250;
/** No network wait (a connect timeout is 3 s, a query timeout 20 s): milliseconds, with room for a loaded machine. */
const AT_ONCE_MS = 250;

it("lets a slow but healthy query finish: the server answers the circuit's probes meanwhile", async () => {
  const [slow, fast] = await Promise.all([timed("SELECT pg_sleep(1.5)"), timed("SELECT 1")]);
  expect(slow).toMatchObject({ ok: true });
  expect(slow.ms).toBeGreaterThan(1400);
  expect(fast.ok).toBe(true);
  expect((await timed("SELECT 1")).ok).toBe(true); // no circuit opened (it would refuse at once)
});

it("answers within a second while the server hangs, at once while it is known down, and recovers by itself", async () => {
  await timed("SELECT 1"); // a pooled connection, which will hang mid-query
  await proxy.setMode("hang");
  const hung = await Promise.all([timed("SELECT 1"), timed("SELECT 2"), timed("SELECT 3")]);
  for (const r of hung) {
    expect(r.ok).toBe(false);
    expect(isDatabaseUnavailable(r.error)).toBe(true);
    expect(r.ms).toBeLessThan(HANG_BOUND_MS);
  }
  const known = await timed("SELECT 1");
  expect(known.ok).toBe(false);
  expect(isDatabaseUnavailable(known.error)).toBe(true);
  expect(known.ms).toBeLessThan(AT_ONCE_MS);

  await proxy.setMode("pass");
  expect(await recovers()).toBeLessThan(RETRY_MS + 1000);
});

it("fails at once when the server is cut off (refused, reset), and recovers by itself", async () => {
  await timed("SELECT 1");
  await proxy.setMode("cut");
  for (const r of [await timed("SELECT 1"), await timed("SELECT 1")]) {
    expect(r.ok).toBe(false);
    expect(isDatabaseUnavailable(r.error)).toBe(true);
    expect(r.ms).toBeLessThan(AT_ONCE_MS);
  }
  await proxy.setMode("pass");
  expect(await recovers()).toBeLessThan(RETRY_MS + 1000);
});
