// Delivery, as a platform receives it: a real HTTP receiver verifying every request with the
// Standard Webhooks library, retries on the schedule after failures, both secrets during a
// rotation's overlap, private targets refused at connect time unless allowed, and an endpoint
// turned off after failing for five days. Time is passed to the worker's rounds, not waited for.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.WEBHOOK_ALLOW_PRIVATE_TARGETS = "true";
});

import { db } from "@/lib/database/client";
import { env } from "@/lib/core/env";
import { asMember, revokeKey } from "@/lib/data/keys/lifecycle";
import { RETRY_DELAYS_MS } from "@/lib/webhooks/retry";
import { makeKey, makeUser, type TestUser } from "@/test/factories";
import { verified, webhookReceiver } from "@/test/webhook-receiver";
import { createEndpoint, rotateEndpointSecret, updateEndpoint } from "./endpoints";
import { listDeliveries, MAX_WAITING, redeliver, sendTestEvent } from "./deliveries";
import { runWebhookDeliveries } from "./worker";

const receiver = webhookReceiver(3401);
beforeAll(() => receiver.listen());
afterAll(() => receiver.close());

const SECOND = 1000;
const MINUTE = 60 * SECOND;

/** Rounds at `now` until nothing more is due then. */
async function drain(now = new Date()) {
  while ((await runWebhookDeliveries({ now })) > 0);
}

let paths = 0;
/** An endpoint of the user's workspace at a path of its own on the receiver (or at `url`); `got()` is what reached it. */
async function endpointFor(user: TestUser, url?: string, events = ["*"]) {
  const path = `/hooks/${++paths}`;
  const made = await createEndpoint(user, user.workspaceId, { url: url ?? receiver.url(path), events });
  if (!made.ok) throw new Error(made.code);
  return { ...made.data, got: () => receiver.at(path) };
}

const setPrivate = (allowed: boolean) => ((env as { WEBHOOK_ALLOW_PRIVATE_TARGETS: boolean }).WEBHOOK_ALLOW_PRIVATE_TARGETS = allowed);

describe("webhook delivery", () => {
  it("signs each delivery so that the Standard Webhooks library verifies it, and logs the attempt", async () => {
    const user = await makeUser();
    const { endpoint, secret, got } = await endpointFor(user);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    const { key } = await makeKey(user);
    await drain();
    expect(got()).toHaveLength(1);
    const payload = verified(secret, got()[0]!);
    expect(payload).toMatchObject({ type: "key.created", version: 1, data: { key: { id: key.id } } });
    expect(got()[0]!.headers["webhook-id"]).toMatch(/^msg_/);
    expect(got()[0]!.headers["content-type"]).toBe("application/json");
    // Another secret does not verify it.
    const other = await endpointFor(await makeUser());
    expect(() => verified(other.secret, got()[0]!)).toThrow();

    const log = await listDeliveries(user.id, user.workspaceId, endpoint.id);
    expect(log.ok && log.data).toMatchObject([
      { type: "key.created", status: "succeeded", attempts: 1, log: [{ attempt: 1, status: 204, error: null }] },
    ]);
    // Delivered once: another round sends nothing.
    await drain(new Date(Date.now() + 60 * MINUTE));
    expect(got()).toHaveLength(1);
  });

  it("retries a failing delivery on the schedule, with jitter, until it succeeds", async () => {
    const user = await makeUser();
    const { endpoint, secret, got } = await endpointFor(user);
    receiver.answer(500, 503);
    await makeKey(user);
    const t0 = new Date();
    await drain(t0);
    expect(got()).toHaveLength(1);
    const after = async () => (await db.webhookDelivery.findFirstOrThrow({ where: { endpointId: endpoint.id } })).nextAttemptAt!.getTime();
    const first = (await after()) - t0.getTime();
    expect(first).toBeGreaterThanOrEqual(RETRY_DELAYS_MS[0]);
    expect(first).toBeLessThanOrEqual(RETRY_DELAYS_MS[0] * 1.1 + 1);
    // Not before its time…
    await drain(new Date(t0.getTime() + 4 * SECOND));
    expect(got()).toHaveLength(1);
    // …then the second attempt fails too, and the next waits five minutes.
    const t1 = new Date(t0.getTime() + 6 * SECOND);
    await drain(t1);
    expect(got()).toHaveLength(2);
    const second = (await after()) - t1.getTime();
    expect(second).toBeGreaterThanOrEqual(RETRY_DELAYS_MS[1]);
    expect(second).toBeLessThanOrEqual(RETRY_DELAYS_MS[1] * 1.1 + 1);
    await drain(new Date(t1.getTime() + 4 * MINUTE));
    expect(got()).toHaveLength(2);
    await drain(new Date(t1.getTime() + 6 * MINUTE));
    expect(got()).toHaveLength(3);
    // The same message each time, each attempt signed afresh.
    expect(new Set(got().map((r) => r.headers["webhook-id"])).size).toBe(1);
    for (const r of got()) verified(secret, r);

    const log = await listDeliveries(user.id, user.workspaceId, endpoint.id);
    expect(log.ok && log.data[0]).toMatchObject({ status: "succeeded", attempts: 3, nextAttemptAt: null });
    expect(log.ok && log.data[0]!.log.map((a) => a.status)).toEqual([500, 503, 204]);
    // The answer's first kilobyte, no more.
    expect(log.ok && log.data[0]!.log[0]!.responseExcerpt?.length).toBe(1024);
    expect((await db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } })).failingSince).toBeNull();
  });

  it("gives up after the last retry, and redelivers on request with the same id", async () => {
    const user = await makeUser();
    const { endpoint, secret, got } = await endpointFor(user, receiver.url("/always-500"));
    await makeKey(user);
    let now = new Date();
    await drain(now);
    for (const delay of RETRY_DELAYS_MS) {
      now = new Date(now.getTime() + delay * 1.2);
      await drain(now);
    }
    const sent = () => receiver.at("/always-500");
    expect(sent()).toHaveLength(RETRY_DELAYS_MS.length + 1);
    const log = await listDeliveries(user.id, user.workspaceId, endpoint.id);
    const delivery = log.ok ? log.data[0]! : null;
    expect(delivery).toMatchObject({ status: "failed", attempts: RETRY_DELAYS_MS.length + 1, nextAttemptAt: null });
    await drain(new Date(now.getTime() + 48 * 60 * MINUTE));
    expect(sent()).toHaveLength(RETRY_DELAYS_MS.length + 1);

    expect(await redeliver(user, user.workspaceId, endpoint.id, delivery!.id)).toMatchObject({ ok: true });
    await drain();
    expect(sent()).toHaveLength(RETRY_DELAYS_MS.length + 2);
    expect(sent().at(-1)!.headers["webhook-id"]).toBe(sent()[0]!.headers["webhook-id"]);
    verified(secret, sent().at(-1)!);
    expect(got()).toHaveLength(0);
  });

  it("sends a test event to one endpoint, whatever it chose", async () => {
    const user = await makeUser();
    const { endpoint, secret, got } = await endpointFor(user, undefined, ["mainnet.approved"]);
    const sent = await sendTestEvent(user, user.workspaceId, endpoint.id);
    expect(sent.ok).toBe(true);
    await drain();
    expect(got()).toHaveLength(1);
    expect(verified(secret, got()[0]!)).toMatchObject({ type: "webhook.test", data: { endpointId: endpoint.id } });
    expect(got()[0]!.headers["webhook-id"]).toBe(sent.ok && sent.data.messageId);
  });

  it("refuses a test event or a redelivery by hand while 10 deliveries wait, one at a time or in parallel", async () => {
    const user = await makeUser();
    const { endpoint } = await endpointFor(user);
    const results = await Promise.all(Array.from({ length: 16 }, () => sendTestEvent(user, user.workspaceId, endpoint.id)));
    expect(results.filter((r) => r.ok)).toHaveLength(MAX_WAITING);
    expect(results.filter((r) => !r.ok && r.code === "too_many_waiting")).toHaveLength(16 - MAX_WAITING);
    expect(await db.webhookDelivery.count({ where: { endpointId: endpoint.id, status: "pending" } })).toBe(MAX_WAITING);
    expect(await sendTestEvent(user, user.workspaceId, endpoint.id)).toMatchObject({ ok: false, code: "too_many_waiting" });
    // Delivered, the queue is empty again: the next test goes through.
    await drain();
    expect(await sendTestEvent(user, user.workspaceId, endpoint.id)).toMatchObject({ ok: true });
  });

  it("signs with the old and the new secret during a rotation's overlap, and only the new one without", async () => {
    const user = await makeUser();
    const { endpoint, secret: old, got } = await endpointFor(user);
    const rotated = await rotateEndpointSecret(user, user.workspaceId, endpoint.id, "24h");
    if (!rotated.ok) throw new Error(rotated.code);
    expect(rotated.data.secret).not.toBe(old);
    expect(rotated.data.endpoint.previousSecretExpiresAt).not.toBeNull();
    await makeKey(user);
    await drain();
    const [during] = got();
    expect(String(during!.headers["webhook-signature"]).split(" ")).toHaveLength(2);
    verified(old, during!);
    verified(rotated.data.secret, during!);

    // Rotating again inside the overlap would drop the old secret early: refused, nothing changed.
    expect(await rotateEndpointSecret(user, user.workspaceId, endpoint.id, "none")).toMatchObject({
      ok: false,
      code: "rotation_in_progress",
    });
    // Once the overlap is over, the next rotation goes through.
    await db.webhookEndpoint.update({ where: { id: endpoint.id }, data: { previousSecretExpiresAt: new Date(Date.now() - 1000) } });
    const again = await rotateEndpointSecret(user, user.workspaceId, endpoint.id, "none");
    if (!again.ok) throw new Error(again.code);
    await makeKey(user);
    await drain();
    const after = got()[1]!;
    verified(again.data.secret, after);
    expect(() => verified(rotated.data.secret, after)).toThrow();
    expect(() => verified(old, after)).toThrow();
  });

  it("refuses private targets at connect time unless they are allowed, whatever the name", async () => {
    const user = await makeUser();
    const literal = await endpointFor(user);
    const named = await endpointFor(user, "http://localhost:3401/hooks/by-name");
    setPrivate(false);
    try {
      // Creating one is refused outright for an address literal or localhost…
      for (const url of ["http://169.254.169.254/latest/meta-data", "http://[::1]:3401/", "http://10.0.0.8/", "http://localhost:3401/"]) {
        expect(await createEndpoint(user, user.workspaceId, { url, events: ["*"] }), url).toMatchObject({
          ok: false,
          code: "private_target",
        });
      }
      // …and a delivery to one made earlier (or to a name that resolves inside) never reaches it.
      await makeKey(user);
      await drain();
      expect(literal.got()).toHaveLength(0);
      expect(receiver.at("/hooks/by-name")).toHaveLength(0);
      for (const { endpoint } of [literal, named]) {
        const log = await listDeliveries(user.id, user.workspaceId, endpoint.id);
        expect(log.ok && log.data[0]).toMatchObject({ status: "pending", attempts: 1, log: [{ status: null }] });
        expect(log.ok && log.data[0]!.log[0]!.error).toMatch(/not a public address/);
      }
    } finally {
      setPrivate(true);
    }
    // Allowed (as in these tests): the retry reaches the receiver.
    await drain(new Date(Date.now() + 10 * SECOND));
    expect(literal.got()).toHaveLength(1);
    expect(receiver.at("/hooks/by-name")).toHaveLength(1);
  });

  it("logs a secret it cannot read (AUTH_SECRET changed) as a failed attempt, retried like any other", async () => {
    const user = await makeUser();
    const { endpoint, got } = await endpointFor(user);
    await db.webhookEndpoint.update({ where: { id: endpoint.id }, data: { secret: "v1:AAAA:AAAA:AAAA" } });
    await makeKey(user);
    await drain();
    expect(got()).toHaveLength(0);
    const log = await listDeliveries(user.id, user.workspaceId, endpoint.id);
    expect(log.ok && log.data[0]).toMatchObject({
      status: "pending",
      attempts: 1,
      log: [{ status: null, error: expect.stringMatching(/rotate it/) }],
    });
    const rotated = await rotateEndpointSecret(user, user.workspaceId, endpoint.id, "none");
    if (!rotated.ok) throw new Error(rotated.code);
    await drain(new Date(Date.now() + 10 * SECOND));
    expect(got()).toHaveLength(1);
    verified(rotated.data.secret, got()[0]!);
  });

  it("turns off an endpoint whose deliveries all failed for five days; turning it on again clears that", async () => {
    const user = await makeUser();
    const { endpoint } = await endpointFor(user, "http://127.0.0.1:3498/nobody-listens");
    const { key } = await makeKey(user);
    const t0 = new Date();
    await drain(t0);
    expect((await db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } })).failingSince).toEqual(t0);
    await revokeKey(asMember(user, user.workspaceId), key.id);
    await drain(new Date(t0.getTime() + 4 * 24 * 60 * MINUTE));
    expect((await db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } })).enabled).toBe(true);
    await drain(new Date(t0.getTime() + 5 * 24 * 60 * MINUTE + MINUTE));
    const off = await db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } });
    expect(off).toMatchObject({ enabled: false, disabledReason: expect.stringMatching(/5 days/) });
    // Off: new events are not written for it, and what is due for it is not sent.
    await makeKey(user);
    expect(await db.webhookDelivery.count({ where: { endpointId: endpoint.id } })).toBe(2);
    const due = await db.webhookDelivery.count({ where: { endpointId: endpoint.id, status: "pending" } });
    expect(due).toBeGreaterThan(0);
    await drain(new Date(t0.getTime() + 30 * 24 * 60 * MINUTE));
    expect(await db.webhookDelivery.count({ where: { endpointId: endpoint.id, status: "pending" } })).toBe(due);
    // A test event or a redelivery would only wait: refused until it is on again.
    expect(await sendTestEvent(user, user.workspaceId, endpoint.id)).toMatchObject({ ok: false, code: "endpoint_off" });
    const [waiting] = await db.webhookDelivery.findMany({ where: { endpointId: endpoint.id } });
    expect(await redeliver(user, user.workspaceId, endpoint.id, waiting!.id)).toMatchObject({ ok: false, code: "endpoint_off" });

    const on = await updateEndpoint(user, user.workspaceId, endpoint.id, { enabled: true });
    expect(on.ok && on.data).toMatchObject({ enabled: true, disabledAt: null, failingSince: null });
  });
});
