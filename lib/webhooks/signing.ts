// Standard Webhooks signatures (https://www.standardwebhooks.com): `webhook-id`,
// `webhook-timestamp` (seconds) and `webhook-signature`, a space-separated list of
// `v1,<base64 HMAC-SHA256 of "id.timestamp.body">`, one per secret in use (two during a rotation's
// overlap). Secrets are `whsec_` + base64 of 24 random bytes, the form the spec's libraries read.
import { createHmac, randomBytes } from "node:crypto";

export const SECRET_PREFIX = "whsec_";

export const generateWebhookSecret = () => SECRET_PREFIX + randomBytes(24).toString("base64");

/** The HMAC key of a `whsec_…` secret. */
const keyOf = (secret: string) => Buffer.from(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret, "base64");

export function signatureOf(secret: string, id: string, timestamp: number, body: string): string {
  return `v1,${createHmac("sha256", keyOf(secret)).update(`${id}.${timestamp}.${body}`).digest("base64")}`;
}

/** The three headers of one delivery attempt, signed with every secret given. */
export type SignedHeaders = { "webhook-id": string; "webhook-timestamp": string; "webhook-signature": string };

export function signedHeaders(secrets: string[], id: string, timestamp: number, body: string): SignedHeaders {
  return {
    "webhook-id": id,
    "webhook-timestamp": String(timestamp),
    "webhook-signature": secrets.map((s) => signatureOf(s, id, timestamp, body)).join(" "),
  };
}
