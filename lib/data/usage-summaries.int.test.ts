// @module-tag postgres
// Usage over many keys (both databases): the keys list's sparklines read one workspace only,
// and the admin overview's platform series and top keys add up what was written, in order.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { makeKey, makeUser } from "@/test/factories";
import { adminUsage } from "./admin-overview";
import { keysPayload } from "./api-keys";
import { requireMember } from "./workspace-access";
import { rollUpUsage, writeUsageBatch, type Outcome, type UsageCount } from "./usage";
import { PLATFORM_DAYS, SPARKLINE_DAYS, workspaceSparklines } from "./usage-summaries";

beforeAll(() => db.$queryRaw`SELECT 1`);

// A clock of its own, far from the real one: nothing else in the database falls in these windows.
const NOW = new Date("2031-03-15T12:30:00Z");
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ago = (ms: number) => new Date(NOW.getTime() - ms);
const at = (keyId: string, minute: Date, count: number, outcome: Outcome = "success", endpoint = "GET /api/v1/whoami"): UsageCount => ({
  keyId,
  minute,
  endpoint,
  outcome,
  count,
});

describe("keys list sparklines", () => {
  it("counts each key's requests per UTC day over the last 7 days, and never another workspace's keys", async () => {
    const alice = await makeUser();
    const bob = await makeUser();
    const { key: a1 } = await makeKey(alice, { name: "alice one" });
    const { key: a2 } = await makeKey(alice, { name: "alice two" });
    const { key: quiet } = await makeKey(alice, { name: "alice quiet" });
    const { key: b1 } = await makeKey(bob, { name: "bob one" });
    await writeUsageBatch(
      [
        at(a1.id, ago(0), 10),
        at(a1.id, ago(HOUR), 5, "rate_limited"),
        at(a1.id, ago(2 * DAY), 7, "success", "GET /api/v1/escrows"),
        at(a1.id, ago(8 * DAY), 1000), // before the window
        at(a2.id, ago(6 * DAY), 3),
        at(b1.id, ago(0), 999),
      ],
      [],
    );

    const spark = await workspaceSparklines(alice.workspaceId, NOW);
    expect(spark.days).toHaveLength(SPARKLINE_DAYS);
    expect(spark.days.at(-1)).toBe("2031-03-15");
    expect(spark.days[0]).toBe("2031-03-09");
    expect(spark.counts[a1.id]).toEqual([0, 0, 0, 0, 7, 0, 15]);
    expect(spark.counts[a2.id]).toEqual([3, 0, 0, 0, 0, 0, 0]);
    expect(spark.counts[quiet.id]).toBeUndefined();
    expect(spark.counts[b1.id]).toBeUndefined(); // bob's key, busiest of all, is not alice's to see

    const bobs = await workspaceSparklines(bob.workspaceId, NOW);
    expect(Object.keys(bobs.counts)).toEqual([b1.id]);
    expect(bobs.counts[b1.id]!.at(-1)).toBe(999);

    // The list's payload (first render and every poll) carries them, for today's real clock.
    await writeUsageBatch([at(a1.id, new Date(), 2), at(b1.id, new Date(), 5)], []);
    const access = await requireMember(alice.id, { id: alice.workspaceId }, "read");
    if (!access.ok) throw new Error("alice reads her own workspace");
    const payload = await keysPayload(access.member);
    expect(payload.usage.days.at(-1)).toBe(new Date().toISOString().slice(0, 10));
    expect(payload.usage.counts).toEqual({ [a1.id]: [0, 0, 0, 0, 0, 0, 2] });
  });

  it("keeps a day's total when its minutes have been rolled up to hours", async () => {
    const carol = await makeUser();
    const { key } = await makeKey(carol);
    await writeUsageBatch([at(key.id, ago(3 * DAY), 4), at(key.id, ago(3 * DAY + 60_000), 6, "insufficient_scope")], []);
    const before = (await workspaceSparklines(carol.workspaceId, NOW)).counts[key.id];
    const moved = await rollUpUsage(NOW);
    expect(moved.minutes).toBeGreaterThan(0);
    expect((await workspaceSparklines(carol.workspaceId, NOW)).counts[key.id]).toEqual(before);
    expect(before![3]).toBe(10);
  });
});

describe("admin overview usage", () => {
  it("sums every key's requests per day by outcome over 30 days and ranks the keys of the last 7 days", async () => {
    const empty = await adminUsage(new Date("2035-01-01T00:00:00Z"));
    expect(empty.perDay).toHaveLength(PLATFORM_DAYS);
    expect(empty.perDay.every((p) => p.success + p.rate_limited + p.refused + p.insufficient_scope + p.ip_not_allowed === 0)).toBe(true);
    expect(empty.topKeys).toEqual([]);

    const dave = await makeUser();
    const erin = await makeUser();
    const { key: busy } = await makeKey(dave, { name: "busy" });
    const { key: flaky } = await makeKey(erin, { name: "flaky" });
    const { key: old } = await makeKey(erin, { name: "old" });
    const now = new Date("2033-06-30T08:00:00Z");
    const back = (ms: number) => new Date(now.getTime() - ms);
    await writeUsageBatch(
      [
        { keyId: busy.id, minute: back(0), endpoint: "GET /api/v1/whoami", outcome: "success", count: 90 },
        { keyId: busy.id, minute: back(DAY), endpoint: "GET /api/v1/whoami", outcome: "insufficient_scope", count: 10 },
        { keyId: flaky.id, minute: back(HOUR), endpoint: "GET /api/v1/whoami", outcome: "success", count: 20 },
        { keyId: flaky.id, minute: back(2 * HOUR), endpoint: "GET /api/v1/escrows", outcome: "rate_limited", count: 30 },
        // Busiest of all, but 10 days ago: on the chart, not among the last 7 days' top keys.
        { keyId: old.id, minute: back(10 * DAY), endpoint: "GET /api/v1/whoami", outcome: "success", count: 500 },
        { keyId: old.id, minute: back(31 * DAY), endpoint: "GET /api/v1/whoami", outcome: "success", count: 7000 },
      ],
      [],
    );

    const { perDay, topKeys } = await adminUsage(now);
    expect(perDay).toHaveLength(PLATFORM_DAYS);
    expect(perDay.at(-1)).toMatchObject({ at: "2033-06-30T00:00:00.000Z", success: 110, rate_limited: 30, insufficient_scope: 0 });
    expect(perDay.at(-2)).toMatchObject({ at: "2033-06-29T00:00:00.000Z", success: 0, insufficient_scope: 10 });
    expect(perDay.at(-11)).toMatchObject({ at: "2033-06-20T00:00:00.000Z", success: 500 });
    const all = perDay.reduce((n, p) => n + p.success + p.insufficient_scope + p.rate_limited + p.ip_not_allowed + p.refused, 0);
    expect(all).toBe(650); // the 7,000 of 31 days ago fall outside

    expect(topKeys.map((k) => k.name)).toEqual(["busy", "flaky"]);
    expect(topKeys[0]).toMatchObject({ id: busy.id, requests: 100, errorShare: 0.1, start: busy.start });
    expect(topKeys[0]!.workspace).toMatchObject({ personal: true });
    expect(topKeys[1]).toMatchObject({ id: flaky.id, requests: 50, errorShare: 0.6 });
  });
});
