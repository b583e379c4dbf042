// @module-tag postgres-only
// The hourly roll-up runs in one instance at a time (an advisory lock). Another instance is
// another connection: the embedded database has one, so this runs on PostgreSQL only.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/database/client";
import { createPool } from "@/lib/database/pg-pool";
import { env } from "@/lib/core/env";
import { ROLL_UP_LOCK, rollUpUsage } from "@/lib/data/usage/counts";
import { makeKey, makeUser } from "@/test/factories";

describe("the usage roll-up", () => {
  // Another instance is another connection: the embedded database has one, and one process.
  it("does nothing while another instance holds the roll-up lock", async () => {
    const user = await makeUser();
    const { key } = await makeKey(user);
    const now = new Date("2026-11-25T12:00:00Z");
    await db.keyUsage.create({
      data: {
        keyId: key.id,
        resolution: "m",
        bucket: new Date("2026-11-20T10:00:00Z"),
        endpoint: "GET /api/v1/whoami",
        outcome: "success",
        count: 4,
      },
    });
    const other = createPool(env.DATABASE_URL!, { max: 1 });
    const client = await other.connect();
    try {
      await client.query("BEGIN");
      await client.query("SELECT pg_advisory_xact_lock($1)", [ROLL_UP_LOCK]);
      expect(await rollUpUsage(now)).toEqual({ ran: false, minutes: 0, hours: 0, pruned: 0 });
      expect(await db.keyUsage.findMany({ where: { keyId: key.id }, select: { resolution: true } })).toEqual([{ resolution: "m" }]);
      await client.query("COMMIT");
    } finally {
      client.release();
      await other.end();
    }
    expect(await rollUpUsage(now)).toMatchObject({ ran: true, minutes: 1 });
  });
});
