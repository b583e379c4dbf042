// @module-tag postgres
// One contract for every limiter store: memory (both runs), PostgreSQL leases (the PostgreSQL
// run: DATABASE_URL) and Redis (a private redis-server behind a TCP proxy the tests can hang and
// cut). The three leaks the attack run found are here: a changed limit starting a fresh counter
// (memory), parallel bursts past the limit and a fresh budget when Redis is cut or slow (Redis).
import { randomUUID } from "node:crypto";
import type { Pool } from "pg";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createPool } from "@/lib/database/pg-pool";
import { startRedisServer } from "@/test/redis-server";
import { startTcpProxy, type TcpProxy } from "@/test/tcp-proxy";
import { memoryLimiter } from "./memory";
import { postgresLimiter } from "./postgres";
import { redisLimiter, type RedisLimiter } from "./redis";
import type { Counter, Limiter, LimitResult } from "./types";

const API: Counter = { name: "api", windowSeconds: 60 };

let redisServer: Awaited<ReturnType<typeof startRedisServer>> | undefined;
let proxy: TcpProxy | undefined;
let pool: Pool | undefined;
const made: RedisLimiter[] = [];

/** A Redis limiter through the proxy, probing often so the tests need not wait long for "back". */
const viaProxy = () => {
  const l = redisLimiter({ url: `redis://127.0.0.1:${proxy!.port}`, probeMs: 100 });
  made.push(l);
  return l;
};

beforeAll(async () => {
  redisServer = await startRedisServer();
  proxy = await startTcpProxy({ path: redisServer.socket });
  if (process.env.DATABASE_URL) pool = createPool(process.env.DATABASE_URL, { max: 5 });
});
afterAll(async () => {
  for (const l of made) await l.close();
  await proxy?.close();
  await redisServer?.stop();
  await pool?.end();
});

const stores: [string, () => Limiter][] = [
  ["memory", () => memoryLimiter()],
  // The PostgreSQL store needs a PostgreSQL server: it runs in the PostgreSQL run of the suite.
  ...(process.env.DATABASE_URL ? [["postgresql", () => postgresLimiter({ pool: () => pool! })] as [string, () => Limiter]] : []),
  ["redis", viaProxy],
];

const subject = () => `contract-${randomUUID()}`;
const admitted = (results: LimitResult[]) => results.filter((r) => r.ok).length;
async function inTurn(limiter: Limiter, counter: Counter, id: string, limit: number, times: number) {
  const results: LimitResult[] = [];
  for (let i = 0; i < times; i++) results.push(limiter.spendNow(counter, id, limit) ?? (await limiter.consume(counter, id, limit)));
  return results;
}

describe.each(stores)("limiter contract: %s", (_, make) => {
  it("admits exactly the limit, counting down, then refuses with when to retry", async () => {
    const limiter = make();
    const results = await inTurn(limiter, API, subject(), 5, 8);
    expect(results.map((r) => r.ok)).toEqual([true, true, true, true, true, false, false, false]);
    expect(results.map((r) => r.remaining)).toEqual([4, 3, 2, 1, 0, 0, 0, 0]);
    for (const r of results) {
      expect(r.limit).toBe(5);
      expect(r.resetSeconds).toBeGreaterThanOrEqual(1);
      expect(r.resetSeconds).toBeLessThanOrEqual(60);
      if (!r.ok) expect(r.retryAfter).toBeGreaterThanOrEqual(1);
    }
  });

  it("keeps one counter per subject whatever its limit: stepping 10→9→8→7→6 within a minute admits 10, not 40", async () => {
    const limiter = make();
    const id = subject();
    let total = 0;
    for (const limit of [10, 9, 8, 7, 6]) total += admitted(await inTurn(limiter, API, id, limit, 10));
    expect(total).toBe(10);
  });

  it("admits exactly the limit to parallel bursts: 200 at once at a limit of 20, five times", async () => {
    const limiter = make();
    for (let burst = 0; burst < 5; burst++) {
      const id = subject();
      const results = await Promise.all(Array.from({ length: 200 }, () => limiter.spendNow(API, id, 20) ?? limiter.consume(API, id, 20)));
      expect(admitted(results)).toBe(20);
    }
  });

  it("counts subjects and counter names apart", async () => {
    const limiter = make();
    const [a, b] = [subject(), subject()];
    expect(admitted(await inTurn(limiter, API, a, 3, 5))).toBe(3);
    expect(admitted(await inTurn(limiter, API, b, 3, 5))).toBe(3);
    expect(admitted(await inTurn(limiter, { name: "badkey", windowSeconds: 60 }, a, 3, 5))).toBe(3);
  });

  it("starts a fresh window when the last one ends", async () => {
    const limiter = make();
    const short: Counter = { name: "api", windowSeconds: 2 };
    const id = subject();
    expect(admitted(await inTurn(limiter, short, id, 3, 5))).toBe(3);
    await new Promise((r) => setTimeout(r, 2_200));
    expect(admitted(await inTurn(limiter, short, id, 3, 5))).toBe(3);
  });
});

describe("Redis slow or cut: falling back never hands out a fresh budget, and is logged and counted", () => {
  const warnings = () => vi.mocked(console.warn).mock.calls.filter(([m]) => String(m).includes("Redis unreachable"));
  // Only the limiter under test may be connected: the others would log the same outage.
  beforeEach(async () => {
    for (const l of made.splice(0)) await l.close();
  });
  afterEach(async () => {
    await proxy!.setMode("pass");
    vi.restoreAllMocks();
  });
  const settle = (limiter: RedisLimiter) => vi.waitFor(() => expect(limiter.stats().shared).toBe(true), { timeout: 10_000, interval: 50 });

  it("a key that spent its 30 gets nothing more when Redis is cut, and its count is shared again when Redis is back", async () => {
    vi.spyOn(console, "warn");
    const limiter = viaProxy();
    const [spent, half] = [subject(), subject()];
    expect(admitted(await inTurn(limiter, API, spent, 30, 30))).toBe(30);
    expect(admitted(await inTurn(limiter, API, half, 30, 10))).toBe(10);
    await proxy!.setMode("cut");
    const started = performance.now();
    expect(admitted(await inTurn(limiter, API, spent, 30, 30))).toBe(0);
    expect((performance.now() - started) / 30).toBeLessThan(100); // decided at once, not after a timeout each
    expect(admitted(await inTurn(limiter, API, half, 30, 30))).toBe(20); // the rest of its 30, counted in memory
    expect(warnings()).toHaveLength(1);
    expect(limiter.stats()).toMatchObject({ shared: false, fallbacks: 1 });
    expect(limiter.stats().decidedInMemory).toBeGreaterThanOrEqual(60);

    await proxy!.setMode("pass");
    await settle(limiter);
    // Redis is told what was counted while it was away: still 30 spent in this window.
    expect(admitted(await inTurn(limiter, API, half, 30, 5))).toBe(0);
    const fresh = subject();
    expect(admitted(await inTurn(limiter, API, fresh, 30, 31))).toBe(30);
  });

  it("a command slower than the timeout is decided from what this instance counted, logged and counted, and the next ones do not wait", async () => {
    vi.spyOn(console, "warn");
    const limiter = viaProxy();
    const id = subject();
    expect(admitted(await inTurn(limiter, API, id, 30, 30))).toBe(30);
    await proxy!.setMode("hang");
    const slow = performance.now();
    expect((await limiter.consume(API, id, 30)).ok).toBe(false);
    expect(performance.now() - slow).toBeGreaterThanOrEqual(450); // the 500 ms timeout
    const started = performance.now();
    expect(admitted(await inTurn(limiter, API, id, 30, 20))).toBe(0);
    expect((performance.now() - started) / 20).toBeLessThan(50);
    expect(warnings()).toHaveLength(1);
    expect(warnings()[0]![0]).toMatch(/timed out/i);
    expect(limiter.stats()).toMatchObject({ shared: false, fallbacks: 1 });
    await proxy!.setMode("pass");
    await settle(limiter);
    expect(admitted(await inTurn(limiter, API, id, 30, 3))).toBe(0);
  });

  it("never admits more than the limit to bursts of 200 while Redis stalls mid-burst (17 bursts at a limit of 20)", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const limiter = viaProxy();
    const counts: number[] = [];
    for (let burst = 0; burst < 17; burst++) {
      const id = subject();
      const pending = Array.from({ length: 200 }, () => limiter.consume(API, id, 20));
      // Every third burst Redis stalls once its first answers are back, for longer than the timeout.
      if (burst % 3 === 0) {
        await Promise.race(pending);
        void proxy!.setMode("hang");
        setTimeout(() => void proxy!.setMode("pass"), 700);
      }
      counts.push(admitted(await Promise.all(pending)));
      await settle(limiter);
    }
    expect(counts).toEqual(Array(17).fill(20));
    expect(limiter.stats().fallbacks).toBeGreaterThanOrEqual(1);
  });
});
