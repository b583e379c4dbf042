// GitHub's secret-scanning partner program, the pure side: checking that a report comes
// from GitHub (an ECDSA P-256 / SHA-256 signature over the raw body bytes, made with the
// key GitHub names), reading the report, and the feedback GitHub expects back.
// https://docs.github.com/code-security/secret-scanning/secret-scanning-partnership-program/secret-scanning-partner-program
import { createHash, createPublicKey, verify, type KeyObject } from "node:crypto";
import { z } from "zod";
import type { GithubPublicKeys } from "@/lib/core/github-public-keys";

/** Public keys by identifier, parsed once. */
export function publicKeyMap(keys: GithubPublicKeys): Map<string, KeyObject> {
  return new Map(keys.public_keys.map((k) => [k.key_identifier, createPublicKey(k.key)]));
}

/** Whether `signature` (base64 DER) over the exact body bytes verifies with the key GitHub named. */
export function verifyGithubSignature(
  body: Uint8Array,
  keyId: string | null,
  signature: string | null,
  keys: Map<string, KeyObject>,
): boolean {
  if (!keyId || !signature || signature.length > 200 || !/^[A-Za-z0-9+/]+={0,2}$/.test(signature)) return false;
  const key = keys.get(keyId);
  if (!key) return false;
  try {
    return verify("sha256", body, { key, dsaEncoding: "der" }, Buffer.from(signature, "base64"));
  } catch {
    return false;
  }
}

/** Stored and shown text: control characters (NUL above all) out, length bounded. */
const clean = (max: number) =>
  z
    .string()
    .max(10_000)
    .transform((s) => s.replace(/[\u0000-\u001f\u007f]/g, "").slice(0, max));

export const MAX_REPORTED_TOKENS = 5_000;
export const MAX_REPORT_BYTES = 2 * 1024 * 1024;

/** One batch: what matched, of which type, and where GitHub found it. */
export const githubReportSchema = z
  .array(
    z.object({
      token: z.string().max(1_000, "token is too long"),
      type: clean(200),
      url: clean(2_048).optional().default(""),
      source: clean(100).optional().default(""),
    }),
    { error: "The body must be a JSON array of { token, type, url, source }." },
  )
  .max(MAX_REPORTED_TOKENS, `At most ${MAX_REPORTED_TOKENS} tokens a batch.`);

export type GithubReport = z.infer<typeof githubReportSchema>;

export type GithubLabel = "true_positive" | "false_positive";
export type GithubFeedback = { token_hash: string; token_type: string; label: GithubLabel };

/** GitHub's feedback identifies a token by its SHA-256 (hex), so the token itself is never echoed. */
export const tokenHash = (token: string) => createHash("sha256").update(token, "utf8").digest("hex");

/** The regular expression to register with GitHub for keys with this prefix. */
export const keyPattern = (prefix: string) => `\\b${prefix}_(?:test|live)_[0-9A-Za-z]{36}\\b`;
