// @module-tag postgres
// The admin overview's numbers on the real database (both targets): sign-ins are audited,
// and the per-day series count what happened on each UTC day, and nothing outside the window.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { makeKey, makeUser } from "@/test/factories";
import { ACTIVITY_DAYS, activitySeries, activityWindow, adminOverview } from "./admin-overview";
import { requestMainnet } from "./mainnet-requests";
import { openSession } from "./sessions";

// The embedded database opens and migrates on the first query: under the hook's time limit, not a test's.
beforeAll(() => db.$queryRaw`SELECT 1`);

const DAY = 24 * 3600_000;
const dayOf = (d: Date) => d.toISOString().slice(0, 10);

describe("sign-in", () => {
  it("writes a user.sign_in event with the client IP in the session's transaction, and none when refused", async () => {
    const user = await makeUser();
    expect(await openSession(user.id, new Date(), "198.51.100.4")).toBeTruthy();
    const events = await db.auditEvent.findMany({ where: { targetId: user.id, action: "user.sign_in" } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorId: user.id, actorAddress: user.address, ip: "198.51.100.4", targetType: "user" });

    await db.user.update({ where: { id: user.id }, data: { suspendedAt: new Date() } });
    expect(await openSession(user.id)).toBeNull();
    expect(await db.auditEvent.count({ where: { targetId: user.id, action: "user.sign_in" } })).toBe(1);
  });
});

describe("activity per day", () => {
  it("counts keys created and sign-ins on their UTC day, zero-filled, over the last 30 days only", async () => {
    const now = new Date();
    const before = await activitySeries(now);
    expect(before).toHaveLength(ACTIVITY_DAYS);
    expect(before.at(-1)!.day).toBe(dayOf(now));
    expect(before[0]!.day).toBe(dayOf(activityWindow(now).since));

    const user = await makeUser();
    await openSession(user.id);
    await openSession(user.id);
    const threeDaysAgo = new Date(now.getTime() - 3 * DAY);
    const longAgo = new Date(now.getTime() - (ACTIVITY_DAYS + 5) * DAY);
    // Earlier sign-ins, as the sign-in writes them (the log accepts inserts only).
    for (const createdAt of [threeDaysAgo, longAgo]) {
      await db.auditEvent.create({
        data: { actorId: user.id, actorAddress: user.address, action: "user.sign_in", targetType: "user", targetId: user.id, createdAt },
      });
    }
    const fresh = await makeKey(user, { name: "today" });
    const old = await makeKey(user, { name: "three-days-ago" });
    const ancient = await makeKey(user, { name: "long-ago" });
    await db.apiKey.update({ where: { id: old.key.id }, data: { createdAt: threeDaysAgo } });
    await db.apiKey.update({ where: { id: ancient.key.id }, data: { createdAt: longAgo } });
    expect(fresh.key.id).toBeTruthy();

    const after = await activitySeries(now);
    const delta = (day: string) => {
      const a = after.find((d) => d.day === day)!;
      const b = before.find((d) => d.day === day)!;
      return { keysCreated: a.keysCreated - b.keysCreated, signIns: a.signIns - b.signIns };
    };
    expect(delta(dayOf(now))).toEqual({ keysCreated: 1, signIns: 2 });
    expect(delta(dayOf(threeDaysAgo))).toEqual({ keysCreated: 1, signIns: 1 });
    const total = (s: typeof after) => s.reduce((n, d) => n + d.keysCreated + d.signIns, 0);
    expect(total(after) - total(before)).toBe(5); // the two from long ago fall outside the window
  });

  it("shows pending Mainnet requests oldest first, with the total", async () => {
    const [first, second] = [await makeUser(), await makeUser()];
    await requestMainnet(first, first.workspaceId, "Payroll for a cooperative of forty farmers.");
    await requestMainnet(second, second.workspaceId, "Remittances between two corridors we run.");
    const { pending, counts } = await adminOverview();
    expect(pending.total).toBeGreaterThanOrEqual(2);
    const order = pending.oldest.map((r) => r.user.address).filter((a) => a === first.address || a === second.address);
    expect(order).toEqual([first.address, second.address]);
    expect(counts.users).toBeGreaterThanOrEqual(2);
  });
});
