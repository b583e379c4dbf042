// @module-tag postgres
// Key usage: counted through the real route handlers, written in batches, rolled up and pruned.
import { describe, expect, it, vi } from "vitest";

// Flushed by the tests themselves: the timer must not split a batch in two.
vi.hoisted(() => {
  process.env.USAGE_FLUSH_MS = "600000";
});
import { planeFetch as escrows, planeFetch as whoami } from "@/test/plane";
import { db } from "@/lib/database/client";
import { env } from "@/lib/core/env";
import { asMember, setKeyEnabled } from "@/lib/data/keys/lifecycle";
import { recentRequests, rollUpUsage, usageSeries, writeUsageBatch } from "@/lib/data/usage/counts";
import { makeKey, makeUser } from "@/test/factories";
import { flushUsageNow, recordUsage, usageBatches } from "./recorder";

const call = (handler: (r: Request) => Promise<Response>, path: string, key: string) =>
  handler(new Request(`http://keyport.test${path}`, { headers: { "X-API-KEY": key, "x-keyport-client-ip": "203.0.113.7" } }));

async function totals(keyId: string) {
  const rows = await db.keyUsage.groupBy({ by: ["endpoint", "outcome"], where: { keyId }, _sum: { count: true } });
  return Object.fromEntries(rows.map((r) => [`${r.endpoint} ${r.outcome}`, r._sum.count]));
}

describe("usage recording", () => {
  it("counts each request per endpoint and outcome, in one batch, and keeps the latest requests", async () => {
    const user = await makeUser();
    const { key, plaintext } = await makeKey(user, { scopes: ["escrows:write"] });
    const before = usageBatches();
    for (let i = 0; i < 25; i++) expect((await call(whoami, "/api/v1/whoami", plaintext)).status).toBe(200);
    for (let i = 0; i < 5; i++) expect((await call(escrows, "/api/v1/escrows", plaintext)).status).toBe(403);
    expect(await db.keyUsage.count({ where: { keyId: key.id } })).toBe(0); // nothing written per request
    await flushUsageNow();

    expect(usageBatches() - before).toBe(1);
    expect(await totals(key.id)).toEqual({ "GET /api/v1/whoami success": 25, "GET /api/v1/escrows insufficient_scope": 5 });
    const series = await usageSeries(key.id, "24h");
    expect(series).toHaveLength(24);
    expect(series.at(-1)).toMatchObject({ success: 25, insufficient_scope: 5, refused: 0 });

    const recent = await recentRequests(key.id);
    expect(recent).toHaveLength(30);
    expect(recent[0]).toMatchObject({ method: "GET", path: "/api/v1/escrows", status: 403 });
    expect(recent.at(-1)).toMatchObject({ path: "/api/v1/whoami", status: 200 });
  });

  it("counts a disabled key's attempts as refused while answering the uniform 401", async () => {
    const user = await makeUser();
    const { key, plaintext } = await makeKey(user);
    await setKeyEnabled(asMember(user, user.workspaceId), key.id, false);
    for (let i = 0; i < 3; i++) expect((await call(whoami, "/api/v1/whoami", plaintext)).status).toBe(401);
    await flushUsageNow();
    expect(await totals(key.id)).toEqual({ "GET /api/v1/whoami refused": 3 });
  });

  it("adds up batches written at the same time, as two instances do", async () => {
    const user = await makeUser();
    const { key } = await makeKey(user);
    const minute = new Date(Math.floor(Date.now() / 60_000) * 60_000);
    const batch = (count: number) =>
      writeUsageBatch([{ keyId: key.id, minute, endpoint: "GET /api/v1/whoami", outcome: "success", count }], []);
    await Promise.all([batch(400), batch(600), batch(1)]);
    expect(await totals(key.id)).toEqual({ "GET /api/v1/whoami success": 1001 });
  });

  it("keeps a busy key's latest 100 requests between flushes, and its count of all of them", async () => {
    const { key } = await makeKey(await makeUser());
    const at = Date.UTC(2026, 10, 2, 0, 0, 0);
    for (let i = 0; i < 250; i++)
      recordUsage({
        keyId: key.id,
        endpoint: "GET /api/v1/whoami",
        outcome: "success",
        at: at + i,
        ip: null,
        method: "GET",
        path: "/api/v1/whoami",
        status: 200,
        latencyMs: i,
      });
    await flushUsageNow();
    const kept = await recentRequests(key.id);
    expect(kept.map((r) => r.latencyMs)).toEqual(Array.from({ length: 100 }, (_, i) => 249 - i));
    expect(await totals(key.id)).toEqual({ "GET /api/v1/whoami success": 250 });
  });

  it("keeps each key's latest 100 requests", async () => {
    const user = await makeUser();
    const { key } = await makeKey(user);
    const rows = Array.from({ length: 130 }, (_, i) => ({
      keyId: key.id,
      at: new Date(Date.UTC(2026, 10, 1, 0, 0, i)),
      ip: null,
      method: "GET",
      path: `/api/v1/whoami?n=${i}`,
      status: 200,
      latencyMs: i,
    }));
    await writeUsageBatch([], rows.slice(0, 70));
    await writeUsageBatch([], rows.slice(70));
    const kept = await recentRequests(key.id);
    expect(kept).toHaveLength(100);
    expect(kept[0]?.latencyMs).toBe(129);
    expect(kept.at(-1)?.latencyMs).toBe(30);
  });
});

describe("usage roll-up and retention", () => {
  it("rolls minutes into hours after 48 h and hours into days after 30 days, prunes past 400 days, once even when run twice at once", async () => {
    const user = await makeUser();
    const { key } = await makeKey(user);
    const now = new Date("2026-11-25T12:00:00Z");
    const at = (hoursAgo: number) => new Date(now.getTime() - hoursAgo * 3_600_000);
    const row = (resolution: string, bucket: Date, count: number, outcome = "success") => ({
      keyId: key.id,
      resolution,
      bucket,
      endpoint: "GET /api/v1/whoami",
      outcome,
      count,
    });
    await db.keyUsage.createMany({
      data: [
        row("m", new Date("2026-11-22T09:01:00Z"), 2), // 75 h ago: into the 09:00 hour
        row("m", new Date("2026-11-22T09:59:00Z"), 3),
        row("m", new Date("2026-11-22T09:30:00Z"), 4, "rate_limited"),
        row("m", at(47), 5), // younger than 48 h: stays
        row("h", new Date("2026-10-20T05:00:00Z"), 7), // 36 days ago: into the day
        row("h", new Date("2026-10-20T23:00:00Z"), 8),
        row("d", new Date("2025-10-01T00:00:00Z"), 9), // past 400 days: gone
      ],
    });

    await Promise.all([rollUpUsage(now), rollUpUsage(now)]);

    const rows = await db.keyUsage.findMany({ where: { keyId: key.id }, orderBy: [{ resolution: "asc" }, { bucket: "asc" }] });
    expect(rows.map((r) => [r.resolution, r.bucket.toISOString(), r.outcome, r.count])).toEqual([
      ["d", "2026-10-20T00:00:00.000Z", "success", 15],
      ["h", "2026-11-22T09:00:00.000Z", "rate_limited", 4],
      ["h", "2026-11-22T09:00:00.000Z", "success", 5],
      ["m", at(47).toISOString(), "success", 5],
    ]);
  });

  it("runs on one instance at a time: of two runs at once one rolls up, and nothing is counted twice", async () => {
    const user = await makeUser();
    const { key } = await makeKey(user);
    const now = new Date("2026-11-25T12:00:00Z");
    // 20,000 minutes (about two weeks, all older than 48 h) of one request each: a roll-up long enough for the two to overlap.
    await db.$executeRaw`
      INSERT INTO key_usage ("keyId", resolution, bucket, endpoint, outcome, count)
      SELECT ${key.id}, 'm', ${new Date(now.getTime() - 49 * 3_600_000)}::timestamptz - make_interval(mins => n), 'GET /api/v1/whoami', 'success', 1
      FROM generate_series(0, 19999) AS n`;
    const runs = await Promise.all([rollUpUsage(now), rollUpUsage(now)]);
    expect(runs.filter((r) => r.minutes > 0)).toHaveLength(1);
    // On PostgreSQL the second run finds the first holding the lock and does nothing at all.
    if (env.DATABASE_URL) expect(runs.map((r) => r.ran).sort()).toEqual([false, true]);
    const rows = await db.keyUsage.groupBy({ by: ["resolution"], where: { keyId: key.id }, _sum: { count: true }, _count: true });
    expect(rows).toEqual([{ resolution: "h", _sum: { count: 20_000 }, _count: Math.ceil(20_000 / 60) + 1 }]);
  });
});
