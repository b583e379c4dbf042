// @module-tag postgres-only
// Leases between instances, on PostgreSQL only (the embedded database has one process and one
// connection, so there is nothing to share): what another instance spends is respected, a burst
// waits for one lease, limits taken together add up on one row, and batches cannot deadlock.
import { describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.RATE_LIMIT_API_PER_MINUTE = "25";
});

import { db } from "@/lib/database/client";
import { makeKey, makeUser } from "@/test/factories";
import { planeFetch as whoami } from "@/test/plane";
import { limitApiKey } from "@/lib/limits/limits";
import { LEASE_POINTS } from "@/lib/limits/postgres";

const call = (key: string) => whoami(new Request("http://keyport.test/api/v1/whoami", { headers: { "X-API-KEY": key } }));

async function admittedOf(key: string, tries: number) {
  let admitted = 0;
  for (let i = 0; i < tries; i++) if ((await call(key)).status === 200) admitted++;
  return admitted;
}

describe("leases between instances", () => {
  it("counts another instance's requests and never admits more than the limit in total", async () => {
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
  it("makes a parallel burst wait for one lease instead of each request taking its own", async () => {
    const { key } = await makeKey(await makeUser());
    const results = await Promise.all(Array.from({ length: 40 }, () => limitApiKey(key.id, 1_000)));
    expect(results.filter((r) => r.ok)).toHaveLength(40);
    // 40 requests, leases of 10: the shared counter holds 40 points, not 40 leases of 10.
    const counted = (await db.limitCounter.findUniqueOrThrow({ where: { key: `api:${key.id}` } })).points;
    expect(counted).toBe(40);
  });
  it("add up on one counter, and each is judged by its own limit in the order asked", async () => {
    const { key } = await makeKey(await makeUser());
    // Two limits for one key in flight at once (its owner lowered it meanwhile): one statement, one row.
    const [wide, narrow] = await Promise.all([limitApiKey(key.id, 1_000), limitApiKey(key.id, 5)]);
    expect(wide).toMatchObject({ ok: true, limit: 1_000, remaining: 999 }); // 990 on the counter + 9 left in this lease
    expect(narrow).toMatchObject({ ok: false, limit: 5, remaining: 0 });
    expect((await db.limitCounter.findUniqueOrThrow({ where: { key: `api:${key.id}` } })).points).toBe(15);
  });
  it("never fail: the statements lock the counters in one order, so they cannot deadlock", async () => {
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
