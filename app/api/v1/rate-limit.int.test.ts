// @module-tag postgres
// Per-key rate limit on /api/v1: in memory on the embedded database, in the shared
// limit_counters table on PostgreSQL (so every instance counts the same requests).
import { describe, expect, it, vi } from "vitest";

const OPERATOR = vi.hoisted(() => {
  process.env.RATE_LIMIT_API_PER_MINUTE = "5";
  process.env.RATE_LIMIT_BAD_KEYS_PER_MINUTE = "25";
  return (process.env.OPERATOR_TOKEN = "operator-token-for-rate-limit-tests-0123");
});

import { db } from "@/lib/database/client";
import { env } from "@/lib/core/env";
import { generateKey } from "@/lib/keys/format";
import { makeKey, makeUser } from "@/test/factories";
import { problem } from "@/test/fuzz";
import { cacheSizes } from "@/lib/data/keys/cache";
import { leaseSize } from "@/lib/limits/postgres";
import { planeFetch as verify, planeFetch as whoami } from "@/test/plane";

const call = (key: string, ip = "192.0.2.200") =>
  whoami(new Request("http://keyport.test/api/v1/whoami", { headers: { "X-API-KEY": key, "x-forwarded-for": ip } }));

describe("per-key rate limit", () => {
  it("answers 429 with Retry-After and X-RateLimit-* past the limit, per key", async () => {
    const owner = await makeUser();
    const a = await makeKey(owner);
    const b = await makeKey(owner);

    for (let i = 0; i < 5; i++) {
      const res = await call(a.plaintext);
      expect(res.status).toBe(200);
      expect(res.headers.get("x-ratelimit-limit")).toBe("5");
      expect(res.headers.get("x-ratelimit-remaining")).toBe(String(4 - i));
    }
    const limited = await call(a.plaintext);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(Number(limited.headers.get("retry-after"))).toBeLessThanOrEqual(60);
    expect(limited.headers.get("x-ratelimit-remaining")).toBe("0");
    expect(await limited.json()).toEqual(problem("rate_limited", 429, expect.stringContaining("5 requests in a minute")));

    expect((await call(b.plaintext)).status).toBe(200); // another key has its own budget
  });

  it("does not spend a key's budget on invalid keys", async () => {
    for (let i = 0; i < 20; i++) expect((await call(generateKey("testnet", "kp").key)).status).toBe(401);
    const owner = await makeUser();
    const { plaintext } = await makeKey(owner);
    expect((await call(plaintext)).status).toBe(200);
  });

  it("reports a key past its limit as not valid to /keys/verify, with when to retry", async () => {
    const owner = await makeUser();
    const { plaintext } = await makeKey(owner);
    for (let i = 0; i < 5; i++) expect((await call(plaintext)).status).toBe(200);
    const res = await verify(
      new Request("http://keyport.test/api/v1/keys/verify", {
        method: "POST",
        headers: { authorization: `Bearer ${OPERATOR}` },
        body: JSON.stringify({ key: plaintext }),
      }),
    );
    expect(await res.json()).toMatchObject({ valid: false, code: "rate_limited", retryAfter: expect.any(Number) });
  });

  it("keeps the counters where this configuration shares them: Redis, else PostgreSQL, else process memory", async () => {
    const owner = await makeUser();
    const { key, plaintext } = await makeKey(owner);
    for (let i = 0; i < 3; i++) await call(plaintext);
    const inDatabase = (await db.limitCounter.findUnique({ where: { key: `api:${key.id}` } }))?.points ?? 0;
    let inRedis = 0;
    if (env.REDIS_URL) {
      const { Redis } = await import("ioredis");
      const redis = new Redis(env.REDIS_URL);
      inRedis = Number(await redis.get(`keyport:api:${key.id}`));
      redis.disconnect();
    }
    // On PostgreSQL the first request leases a chunk of points (here the whole limit of 5) for the next ones.
    const expected = env.REDIS_URL
      ? { inRedis: 3, inDatabase: 0 }
      : env.DATABASE_URL
        ? { inRedis: 0, inDatabase: leaseSize(env.RATE_LIMIT_API_PER_MINUTE) }
        : { inRedis: 0, inDatabase: 0 };
    expect({ inRedis, inDatabase }).toEqual(expected);
  });
});

describe("made-up keys", () => {
  it("cost a client IP its budget: past it every request from that IP gets 429 before any lookup", async () => {
    const owner = await makeUser();
    const { plaintext } = await makeKey(owner);
    const ip = "198.51.100.77";
    for (let i = 0; i < 25; i++) expect((await call(generateKey("testnet", "kp").key, ip)).status).toBe(401);
    const refused = await call(generateKey("testnet", "kp").key, ip);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(await refused.json()).toEqual(problem("rate_limited", 429, expect.stringContaining("invalid API keys")));
    expect((await call(plaintext, ip)).status).toBe(429);
    expect((await call(plaintext, "198.51.100.78")).status).toBe(200);
    expect((await call(generateKey("testnet", "kp").key, "198.51.100.78")).status).toBe(401);
  });

  it("hold under a parallel burst: 200 made-up keys at once from one IP cost at most the budget in lookups", async () => {
    const ip = "198.51.100.90";
    const statuses = await Promise.all(Array.from({ length: 200 }, () => call(generateKey("testnet", "kp").key, ip).then((r) => r.status)));
    expect(statuses.filter((s) => s === 401)).toHaveLength(25);
    expect(statuses.filter((s) => s === 429)).toHaveLength(175);
  });

  it("spare a working key: 200 parallel first requests with one key from one IP (more than the budget) all pass, on one lookup", async () => {
    const owner = await makeUser();
    const { plaintext, key } = await makeKey(owner);
    // An admin's ceiling above the 200 (the file's default is 5 a minute): only the bad-key budget could refuse.
    await db.apiKey.update({ where: { id: key.id }, data: { rateLimitCeiling: 1000 } });
    const { hashKey } = await import("@/lib/keys/hash");
    const { keyHashSecret } = await import("@/lib/core/env");
    const { cachedLookup, pendingLookup } = await import("@/lib/data/keys/cache");
    const hash = hashKey(plaintext, keyHashSecret());
    const statuses = await Promise.all(Array.from({ length: 200 }, () => call(plaintext, "198.51.100.91").then((r) => r.status)));
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    // Parallel askers of one uncached hash share one load.
    let loads = 0;
    const slow = () => new Promise<null>((resolve) => setTimeout(() => (loads++, resolve(null)), 20));
    const hashes = await Promise.all(Array.from({ length: 50 }, () => cachedLookup(`shared-${hash}`, slow)));
    expect(hashes.every((h) => h === null)).toBe(true);
    expect(loads).toBe(1);
    expect(pendingLookup(`shared-${hash}`)).toBeUndefined();
  });

  it("cannot push a known key out of the cache: 25,000 unknown keys (more than the known cache holds) fill only their own bounded cache", async () => {
    const owner = await makeUser();
    const { plaintext } = await makeKey(owner);
    expect((await call(plaintext, "203.0.113.1")).status).toBe(200);
    const { findKeyByHash } = await import("@/lib/data/keys/lookup");
    const { cachedLookup } = await import("@/lib/data/keys/cache");
    for (let i = 0; i < 25_000; i++) await cachedLookup(`made-up-${i}`, async () => null);
    expect(cacheSizes().unknown).toBeLessThanOrEqual(5000);
    // Its entry is still there: the lookup below is answered without loading.
    const { hashKey } = await import("@/lib/keys/hash");
    const { keyHashSecret } = await import("@/lib/core/env");
    let loads = 0;
    const hash = hashKey(plaintext, keyHashSecret());
    const hit = await cachedLookup(hash, async () => (loads++, findKeyByHash(hash)));
    expect(hit?.createdBy.address).toBe(owner.address);
    expect(loads).toBe(0);
  });
});
