// The per-key limit on PostgreSQL leases points in chunks (rate-limit.ts): never more than the
// limit is admitted, and what another instance spends meanwhile is respected; the documented
// tolerance is only ever on the side of refusing early (≤ LEASE_POINTS − 1 per instance).
import { describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.RATE_LIMIT_API_PER_MINUTE = "25";
});

import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { makeKey, makeUser } from "@/test/factories";
import { GET as whoami } from "@/app/api/v1/whoami/route";
import { LEASE_POINTS } from "./rate-limit";

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

  it("counts another instance's requests and never admits more than the limit in total", async () => {
    const { key, plaintext } = await makeKey(await makeUser());
    expect((await call(plaintext)).status).toBe(200); // this instance leases a chunk
    if (!env.DATABASE_URL) {
      // The embedded database has one process: its counters live in memory, nothing is leased.
      expect(await db.rateLimit.count()).toBe(0);
      return;
    }
    const leased = (await db.rateLimit.findUniqueOrThrow({ where: { key: `api:${key.id}` } })).points;
    expect(leased).toBe(LEASE_POINTS);
    // Another instance spends 12 of the 25 on the shared counter meanwhile.
    await db.rateLimit.update({ where: { key: `api:${key.id}` }, data: { points: { increment: 12 } } });
    const admitted = 1 + (await admittedOf(plaintext, 40));
    expect(admitted + 12).toBeLessThanOrEqual(25);
    expect(admitted + 12).toBeGreaterThanOrEqual(25 - (LEASE_POINTS - 1));
  });
});
