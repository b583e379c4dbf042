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

  it.runIf(!!process.env.REDIS_URL)("keeps the counters in Redis when REDIS_URL is set, shared by every instance", async () => {
    const { Redis } = await import("ioredis");
    const owner = await makeUser();
    const { key, plaintext } = await makeKey(owner);
    for (let i = 0; i < 4; i++) await call(plaintext);
    const redis = new Redis(process.env.REDIS_URL!);
    expect(Number(await redis.get(`keyport:api:${key.id}`))).toBe(4);
    expect(await db.rateLimit.count({ where: { key: `api:${key.id}` } })).toBe(0);
    redis.disconnect();
  });

  it.runIf(!!process.env.DATABASE_URL && !process.env.REDIS_URL)("keeps the counters in the database on PostgreSQL, shared by every instance", async () => {
    expect(env.DATABASE_URL).toBeTruthy();
    const owner = await makeUser();
    const { key, plaintext } = await makeKey(owner);
    for (let i = 0; i < 3; i++) await call(plaintext);
    const [row] = await db.rateLimit.findMany({ where: { key: `api:${key.id}` } });
    expect(row?.points).toBe(3);
  });
});
