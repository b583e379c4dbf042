// @module-tag postgres
// The per-key limit on PostgreSQL leases points in chunks (rate-limit.ts): never more than the
// limit is admitted, and what another instance spends meanwhile is respected; the documented
// tolerance is only ever on the side of refusing early (≤ leaseSize − 1 per instance), and a
// burst in flight takes one lease at a time instead of one each.
import { describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.RATE_LIMIT_API_PER_MINUTE = "25";
});

import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { makeKey, makeUser } from "@/test/factories";
import { planeFetch as whoami } from "@/test/plane";
import { LEASE_POINTS, leaseSize, limitApiKey } from "./rate-limit";

// Leases exist only on PostgreSQL: the embedded database has one process and counts in memory.
// The tests of leasing run there (this file is tagged), and are reported skipped on the embedded run.
const onPostgres = !!env.DATABASE_URL;

const call = (key: string) => whoami(new Request("http://keyport.test/api/v1/whoami", { headers: { "X-API-KEY": key } }));

async function admittedOf(key: string, tries: number) {
  let admitted = 0;
  for (let i = 0; i < tries; i++) if ((await call(key)).status === 200) admitted++;
  return admitted;
}

describe("per-key limit with leased points", () => {
  it("admits exactly the limit on one instance", async () => {
    const { plaintext } = await makeKey(await makeUser());
    expect(await admittedOf(plaintext, 40)).toBe(25);
  });

  it.runIf(!onPostgres)("counts in memory on the embedded database: no counter row is written", async () => {
    const { plaintext } = await makeKey(await makeUser());
    expect((await call(plaintext)).status).toBe(200);
    expect(await db.limitCounter.count()).toBe(0);
  });

  it.runIf(onPostgres)("counts another instance's requests and never admits more than the limit in total", async () => {
    const { key, plaintext } = await makeKey(await makeUser());
    expect((await call(plaintext)).status).toBe(200); // this instance leases a chunk
    const leased = (await db.limitCounter.findUniqueOrThrow({ where: { key: `api:${key.id}` } })).points;
    expect(leased).toBe(LEASE_POINTS);
    // Another instance spends 12 of the 25 on the shared counter meanwhile.
    await db.limitCounter.update({ where: { key: `api:${key.id}` }, data: { points: { increment: 12 } } });
    const admitted = 1 + (await admittedOf(plaintext, 40));
    expect(admitted + 12).toBeLessThanOrEqual(25);
    expect(admitted + 12).toBeGreaterThanOrEqual(25 - (LEASE_POINTS - 1));
  });

  it.runIf(onPostgres)("makes a parallel burst wait for one lease instead of each request taking its own", async () => {
    const { key } = await makeKey(await makeUser());
    const results = await Promise.all(Array.from({ length: 40 }, () => limitApiKey(key.id, 1_000)));
    expect(results.filter((r) => r.ok)).toHaveLength(40);
    // 40 requests, leases of 10: the shared counter holds 40 points, not 40 leases of 10.
    const counted = (await db.limitCounter.findUniqueOrThrow({ where: { key: `api:${key.id}` } })).points;
    expect(counted).toBe(40);
  });

  it("never admits more than the limit to a parallel burst", async () => {
    const { key } = await makeKey(await makeUser());
    const results = await Promise.all(Array.from({ length: 60 }, () => limitApiKey(key.id, 25)));
    expect(results.filter((r) => r.ok)).toHaveLength(25);
    expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.retryAfter >= 1)).toBe(true);
  });
});

describe("leases taken together", () => {
  it.runIf(onPostgres)("add up on one counter, and each is judged by its own limit in the order asked", async () => {
    const { key } = await makeKey(await makeUser());
    // Two limits for one key in flight at once (its owner lowered it meanwhile): one statement, one row.
    const [wide, narrow] = await Promise.all([limitApiKey(key.id, 1_000), limitApiKey(key.id, 5)]);
    expect(wide).toMatchObject({ ok: true, limit: 1_000, remaining: 999 }); // 990 on the counter + 9 left in this lease
    expect(narrow).toMatchObject({ ok: false, limit: 5, remaining: 0 });
    expect((await db.limitCounter.findUniqueOrThrow({ where: { key: `api:${key.id}` } })).points).toBe(15);
  });
});

describe("lease size", () => {
  it("is 10 points up to 1,000 a minute, then 1 % of the limit, at most 1,000, never more than the limit", () => {
    expect([5, 25, 600, 1_000, 5_000, 60_000, 1_000_000, 1e9].map(leaseSize)).toEqual([5, 10, 10, 10, 50, 600, 1_000, 1_000]);
    expect(leaseSize(600)).toBe(LEASE_POINTS);
  });
});

describe("leases taken by two statements at once (two instances, or two limits of one key)", () => {
  it.runIf(onPostgres)("never fail: the statements lock the counters in one order, so they cannot deadlock", async () => {
    // Another instance's batch may hold the same busy keys in another order. Here the other
    // statements are this instance's own: each key under four limits at once makes four full
    // batches (200 asks each), run together, every other one in reverse order.
    const ids = Array.from({ length: 200 }, (_, i) => `order-${i}-${Math.random().toString(36).slice(2)}`);
    await Promise.all(ids.map((id) => limitApiKey(id, 1_000))); // the counters exist: the upserts lock rows
    for (let round = 0; round < 10; round++) {
      // New limits each round: a live lease would answer from memory without a statement.
      const asks = [0, 1, 2, 3].flatMap((b) => (b % 2 ? [...ids].reverse() : ids).map((id) => limitApiKey(id, 100_000 + round * 4 + b)));
      const failures = (await Promise.allSettled(asks)).flatMap((s) => (s.status === "rejected" ? [String(s.reason)] : []));
      expect(failures.slice(0, 1)).toEqual([]);
    }
  });
});
