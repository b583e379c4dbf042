// Per-key rate limit on /api/v1: in memory on the embedded database, in the shared
// rate_limits table on PostgreSQL (so every instance counts the same requests).
import { describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.RATE_LIMIT_API_PER_MINUTE = "5";
});

import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { generateKey } from "@/lib/keys/format";
import { makeKey, makeUser } from "@/lib/testing/factories";
import { GET as whoami } from "./whoami/route";

const call = (key: string) => whoami(new Request("http://keyport.test/api/v1/whoami", { headers: { "X-API-KEY": key } }));

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
    expect(await limited.json()).toEqual({ error: { code: "rate_limited", message: expect.stringContaining("5 requests in a minute") } });

    expect((await call(b.plaintext)).status).toBe(200); // another key has its own budget
  });

  it("does not spend a key's budget on invalid keys", async () => {
    for (let i = 0; i < 20; i++) expect((await call(generateKey("testnet", "kp").key)).status).toBe(401);
    const owner = await makeUser();
    const { plaintext } = await makeKey(owner);
    expect((await call(plaintext)).status).toBe(200);
  });

  it("keeps the counters where this configuration shares them: Redis, else PostgreSQL, else process memory", async () => {
    const owner = await makeUser();
    const { key, plaintext } = await makeKey(owner);
    for (let i = 0; i < 3; i++) await call(plaintext);
    const inDatabase = (await db.rateLimit.findUnique({ where: { key: `api:${key.id}` } }))?.points ?? 0;
    let inRedis = 0;
    if (env.REDIS_URL) {
      const { Redis } = await import("ioredis");
      const redis = new Redis(env.REDIS_URL);
      inRedis = Number(await redis.get(`keyport:api:${key.id}`));
      redis.disconnect();
    }
    const expected = env.REDIS_URL ? { inRedis: 3, inDatabase: 0 } : env.DATABASE_URL ? { inRedis: 0, inDatabase: 3 } : { inRedis: 0, inDatabase: 0 };
    expect({ inRedis, inDatabase }).toEqual(expected);
  });
});
