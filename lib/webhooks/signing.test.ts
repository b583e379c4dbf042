import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { generateWebhookSecret, signedHeaders, signatureOf } from "./signing";

describe("Standard Webhooks signatures", () => {
  it("verify with the spec's published library, under each secret given", () => {
    const a = generateWebhookSecret();
    const b = generateWebhookSecret();
    const body = JSON.stringify({ type: "key.created", data: { key: { id: "k1" } } });
    const now = Math.floor(Date.now() / 1000);
    const headers = signedHeaders([a, b], "msg_1", now, body);
    expect(headers["webhook-signature"].split(" ")).toHaveLength(2);
    expect(new Webhook(a).verify(body, headers)).toMatchObject({ type: "key.created" });
    expect(new Webhook(b).verify(body, headers)).toMatchObject({ type: "key.created" });
    expect(() => new Webhook(generateWebhookSecret()).verify(body, headers)).toThrow();
    expect(() => new Webhook(a).verify(body.replace("k1", "k2"), headers)).toThrow();
    // The library's own signature is the same string.
    expect(signatureOf(a, "msg_1", now, body)).toBe(new Webhook(a).sign("msg_1", new Date(now * 1000), body));
  });

  it("makes whsec_ secrets of 24 random bytes", () => {
    const secret = generateWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect(Buffer.from(secret.slice(6), "base64")).toHaveLength(24);
    expect(generateWebhookSecret()).not.toBe(secret);
  });
});
