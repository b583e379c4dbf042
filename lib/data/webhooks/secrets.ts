import "server-only";
// Webhook signing secrets at rest: AES-256-GCM under a key derived from AUTH_SECRET
// (webhookSecretKey). They must be read back to sign each delivery, so a hash would not do;
// a database dump alone does not give them away. Never logged, returned only on create/rotate.
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { webhookSecretKey } from "@/lib/core/env";

const VERSION = "v1";

export function sealSecret(secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", webhookSecretKey(), iv);
  const sealed = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return [VERSION, iv.toString("base64"), cipher.getAuthTag().toString("base64"), sealed.toString("base64")].join(":");
}

export function openSecret(stored: string): string {
  const [version, iv, tag, sealed] = stored.split(":");
  if (version !== VERSION || !iv || !tag || !sealed) throw new Error("webhook secret: unknown storage format");
  const decipher = createDecipheriv("aes-256-gcm", webhookSecretKey(), Buffer.from(iv, "base64"));
  decipher.setAuthTag(Buffer.from(tag, "base64"));
  return Buffer.concat([decipher.update(Buffer.from(sealed, "base64")), decipher.final()]).toString("utf8");
}
