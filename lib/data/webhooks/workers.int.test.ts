// @module-tag postgres
// Several instances share the deliveries through the database: two workers running rounds at
// the same time, each on connections of its own, deliver every message exactly once (the claim's
// FOR UPDATE SKIP LOCKED and its lease). Only PostgreSQL has connections that can race; on the
// embedded database the rounds take turns, which must give the same count.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.WEBHOOK_ALLOW_PRIVATE_TARGETS = "true";
});

import { db } from "@/lib/database/client";
import { makeUser } from "@/test/factories";
import { webhookReceiver } from "@/test/webhook-receiver";
import { createEndpoint } from "./endpoints";
import { enqueueWebhook } from "./outbox";
import { claimDue, runWebhookDeliveries } from "./worker";

const receiver = webhookReceiver(3402);
beforeAll(() => receiver.listen());
afterAll(() => receiver.close());

const MESSAGES = 120;

/** A worker: rounds of up to `limit` until a round finds nothing due. */
async function worker(limit: number) {
  let claimed = 0;
  for (let n; (n = await runWebhookDeliveries({ limit })) > 0;) claimed += n;
  return claimed;
}

describe("two workers", () => {
  it("deliver each message to each endpoint exactly once", async () => {
    const user = await makeUser();
    const endpoints = await Promise.all(
      ["/a", "/b"].map(async (path) => {
        const made = await createEndpoint(user, user.workspaceId, { url: receiver.url(path), events: ["*"] });
        if (!made.ok) throw new Error(made.code);
        return made.data.endpoint;
      }),
    );
    for (let i = 0; i < MESSAGES; i++) {
      await db.$transaction((tx) =>
        enqueueWebhook(tx, user.workspaceId, "mainnet.requested", { requestId: `req-${i}`, requestedBy: user.address }),
      );
    }
    const [one, two] = await Promise.all([worker(7), worker(7)]);
    // Both took part, and between them claimed each delivery once.
    expect(one + two).toBe(MESSAGES * endpoints.length);
    if (process.env.DATABASE_URL) expect(Math.min(one, two)).toBeGreaterThan(0);
    for (const path of ["/a", "/b"]) {
      const ids = receiver.at(path).map((r) => String(r.headers["webhook-id"]));
      expect(ids).toHaveLength(MESSAGES);
      expect(new Set(ids).size).toBe(MESSAGES);
    }
    expect(await db.webhookDelivery.count({ where: { endpointId: { in: endpoints.map((e) => e.id) }, status: "succeeded" } })).toBe(
      MESSAGES * endpoints.length,
    );
    expect(await db.webhookAttempt.count({ where: { delivery: { endpointId: { in: endpoints.map((e) => e.id) } } } })).toBe(
      MESSAGES * endpoints.length,
    );
  });

  it("never hands one due delivery to two claims, even at the same instant", async () => {
    const user = await makeUser();
    const made = await createEndpoint(user, user.workspaceId, { url: receiver.url("/c"), events: ["*"] });
    if (!made.ok) throw new Error(made.code);
    for (let i = 0; i < 40; i++) {
      await db.$transaction((tx) => enqueueWebhook(tx, user.workspaceId, "mainnet.withdrawn", { requestId: `req-${i}` }));
    }
    const now = new Date(Date.now() + 1000);
    const claims = await Promise.all(Array.from({ length: 8 }, () => claimDue(now, 10)));
    const ids = claims.flat().map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    // Everything due was taken (the other workspaces' deliveries may be among them).
    expect(await db.webhookDelivery.count({ where: { endpointId: made.data.endpoint.id, nextAttemptAt: { lte: now } } })).toBe(0);
  });
});
