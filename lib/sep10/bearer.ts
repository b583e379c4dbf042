import "server-only";
// Who a management API request is: the SEP-10 token's account, as a Keyport user, checked on
// every request so a suspension or "sign out everywhere" ends the user's tokens at once (the
// same events that end their browser sessions, lib/data/sessions.ts), without a token table.
import { db } from "@/lib/database/client";
import type { Actor } from "@/lib/data/audit/write";
import { readToken, type Threshold } from "./token";

export type ApiCaller = { actor: Actor & { channel: "API" }; threshold: Threshold };

/**
 * The caller behind `Authorization: Bearer <token>`, or null: no or bad token, expired, a
 * memo'd sub-account (a shared account's customer is not the Keyport user), an unknown or
 * suspended user, or a token issued before the user signed out everywhere or was suspended.
 */
export async function bearerCaller(authorization: string | undefined, issuer: string, ip: string | null): Promise<ApiCaller | null> {
  const token = authorization?.match(/^Bearer ([A-Za-z0-9_.-]{1,4096})$/)?.[1];
  const claims = token ? readToken(token, issuer) : null;
  if (!claims || claims.sub.includes(":")) return null;
  const user = await db.user.findUnique({ where: { address: claims.sub }, select: { id: true, address: true, suspendedAt: true } });
  if (!user || user.suspendedAt) return null;
  // `iat` has whole seconds: an event in the token's own second ends it too (erring on refusing).
  const ended = await db.auditEvent.findFirst({
    where: {
      createdAt: { gte: new Date(claims.iat * 1000) },
      OR: [
        { action: "user.sign_out_everywhere", actorId: user.id },
        { action: "admin.user.suspend", targetType: "user", targetId: user.id },
      ],
    },
    select: { id: true },
  });
  if (ended) return null;
  return { actor: { id: user.id, address: user.address, ip, channel: "API", threshold: claims.threshold }, threshold: claims.threshold };
}
