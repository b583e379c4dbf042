// @module-tag postgres
// The per-key limit on PostgreSQL leases points in chunks (lib/limits/postgres.ts): never more than the
// limit is admitted, and what another instance spends meanwhile is respected; the documented
// tolerance is only ever on the side of refusing early (≤ leaseSize − 1 per instance), and a
// burst in flight takes one lease at a time instead of one each.
import { describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.RATE_LIMIT_API_PER_MINUTE = "25";
});

import { db } from "@/lib/database/client";
import { env } from "@/lib/core/env";
import { makeKey, makeUser } from "@/test/factories";
import { planeFetch as whoami } from "@/test/plane";
import { limitApiKey } from "@/lib/limits/limits";
import { LEASE_POINTS, leaseSize } from "@/lib/limits/postgres";

// Leases exist only on PostgreSQL: the embedded database has one process and counts in memory.
// The tests of leasing between instances are in rate-limit-lease.pg.int.test.ts (PostgreSQL only).
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

  it("counts where its target counts: in memory on the embedded database, in a leased counter row on PostgreSQL", async () => {
    const { key, plaintext } = await makeKey(await makeUser());
    expect((await call(plaintext)).status).toBe(200);
    const row = await db.limitCounter.findUnique({ where: { key: `api:${key.id}` } });
    // The embedded database has one process: nothing to share, so no row; PostgreSQL leases a chunk.
    expect(row?.points ?? 0).toBe(onPostgres ? LEASE_POINTS : 0);
  });

  it("never admits more than the limit to a parallel burst", async () => {
    const { key } = await makeKey(await makeUser());
    const results = await Promise.all(Array.from({ length: 60 }, () => limitApiKey(key.id, 25)));
    expect(results.filter((r) => r.ok)).toHaveLength(25);
    expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.retryAfter >= 1)).toBe(true);
  });
});

describe("lease size", () => {
  it("is 10 points up to 1,000 a minute, then 1 % of the limit, at most 1,000, never more than the limit", () => {
    expect([5, 25, 600, 1_000, 5_000, 60_000, 1_000_000, 1e9].map(leaseSize)).toEqual([5, 10, 10, 10, 50, 600, 1_000, 1_000]);
    expect(leaseSize(600)).toBe(LEASE_POINTS);
  });
});
