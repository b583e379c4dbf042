// @module-tag postgres
// Retention: delivered webhook messages (with their deliveries and attempts) and sent e-mails
// older than 30 days are pruned; anything younger, or not delivered, stays; one sweep at a time.
// Tagged: the sweep's advisory lock is between connections, which only a server has.
import { describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.WEBHOOK_ALLOW_PRIVATE_TARGETS = "true";
});

import { db } from "@/lib/database/client";
import { makeUser } from "@/test/factories";
import { createEndpoint } from "./endpoints";
import { pruneDelivered, RETENTION_LOCK } from "./retention";

const DAY = 24 * 3_600_000;
let n = 0;

describe("retention", () => {
  it("prunes what was delivered or sent over 30 days ago, and keeps the rest", async () => {
    const user = await makeUser();
    const made = await createEndpoint(user, user.workspaceId, { url: "http://127.0.0.1:9/hooks", events: ["*"] });
    if (!made.ok) throw new Error(made.code);
    const endpointId = made.data.endpoint.id;
    const now = new Date();
    const ago = (days: number) => new Date(now.getTime() - days * DAY);
    /** A message of `days` ago with one delivery in `status`, and its attempt. */
    const message = async (days: number, status: "succeeded" | "failed" | "pending") => {
      const id = `msg_ret_${++n}_${Date.now()}`;
      await db.webhookMessage.create({
        data: { id, workspaceId: user.workspaceId, type: "webhook.test", payload: {}, createdAt: ago(days) },
      });
      const delivery = await db.webhookDelivery.create({
        data: { messageId: id, endpointId, status, attempts: 1, nextAttemptAt: status === "pending" ? now : null, createdAt: ago(days) },
      });
      await db.webhookAttempt.create({ data: { deliveryId: delivery.id, attempt: 1, at: ago(days), status: 204, latencyMs: 3 } });
      return id;
    };
    const mail = async (days: number, status: "sent" | "failed") => {
      const id = `mail_ret_${++n}_${Date.now()}`;
      await db.mailMessage.create({
        data: {
          id,
          kind: "key_disabled",
          userId: user.id,
          to: "a@example.com",
          data: {},
          status,
          sentAt: status === "sent" ? ago(days) : null,
          createdAt: ago(days),
        },
      });
      return id;
    };
    const oldDelivered = await message(31, "succeeded");
    const kept = [await message(29, "succeeded"), await message(31, "failed"), await message(31, "pending")];
    const oldSent = await mail(31, "sent");
    const keptMails = [await mail(29, "sent"), await mail(31, "failed")];

    expect(await pruneDelivered(now)).toEqual({ messages: 1, mails: 1 });
    const messages = (await db.webhookMessage.findMany({ where: { workspaceId: user.workspaceId }, select: { id: true } })).map(
      (m) => m.id,
    );
    expect(messages.sort()).toEqual([...kept].sort());
    expect(await db.webhookDelivery.count({ where: { messageId: oldDelivered } })).toBe(0);
    expect(await db.webhookAttempt.count({ where: { delivery: { endpointId } } })).toBe(3);
    const mails = (await db.mailMessage.findMany({ where: { userId: user.id }, select: { id: true } })).map((m) => m.id);
    expect(mails.sort()).toEqual([...keptMails].sort());
    expect(mails).not.toContain(oldSent);
    // Once pruned, a second sweep finds nothing.
    expect(await pruneDelivered(now)).toEqual({ messages: 0, mails: 0 });
  });

  it("skips while another instance holds the sweep's lock", async () => {
    await db.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT 1 AS held FROM pg_advisory_xact_lock(${RETENTION_LOCK}::bigint)`;
      // Another connection: the embedded database has one, where the lock is its own and is taken again.
      if (process.env.DATABASE_URL) expect(await pruneDelivered()).toBeNull();
    });
  });
});
