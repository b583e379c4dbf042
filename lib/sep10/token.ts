// The SEP-10 token: a JWT (HS256) with the spec's claims, plus `threshold`, the highest of the
// account's thresholds (low, medium, high) its signatures met. The HMAC key is derived from
// AUTH_SECRET, so every instance that shares the session secret accepts every instance's tokens.
import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { authSecret } from "@/lib/core/env";

export const THRESHOLDS = ["low", "medium", "high"] as const;
export type Threshold = (typeof THRESHOLDS)[number];

const claimsSchema = z.object({
  iss: z.string(),
  sub: z.string().min(1).max(200),
  iat: z.number().int(),
  exp: z.number().int(),
  jti: z.string().min(1).max(200),
  threshold: z.enum(THRESHOLDS),
  client_domain: z.string().optional(),
});
export type TokenClaims = z.infer<typeof claimsSchema>;

const b64url = (b: Buffer | string) => Buffer.from(b).toString("base64url");
const HEADER = b64url(JSON.stringify({ alg: "HS256", typ: "JWT" }));
const key = () => createHmac("sha256", authSecret()).update("keyport sep10 token v1").digest();
const mac = (input: string) => createHmac("sha256", key()).update(input).digest();

export function signToken(claims: TokenClaims): string {
  const body = `${HEADER}.${b64url(JSON.stringify(claims))}`;
  return `${body}.${b64url(mac(body))}`;
}

/** The claims of a token this server issued for `issuer`, still valid at `now`; null for anything else. */
export function readToken(token: string, issuer: string, now = Date.now()): TokenClaims | null {
  const parts = token.split(".");
  if (parts.length !== 3 || parts[0] !== HEADER || token.length > 4096) return null;
  const given = Buffer.from(parts[2]!, "base64url");
  const expected = mac(`${parts[0]}.${parts[1]}`);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(parts[1]!, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  const claims = claimsSchema.safeParse(payload);
  if (!claims.success || claims.data.iss !== issuer || claims.data.exp * 1000 <= now) return null;
  return claims.data;
}
