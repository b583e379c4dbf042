import "server-only";
// Server-side sessions. The session cookie (a signed JWT) carries only a session id; this
// table says whether that session is still open. Signing out, signing out everywhere and
// an admin's suspension end rows here, so a copied or replayed cookie stops working.
import { randomUUID } from "node:crypto";
import { cache } from "react";
import { db } from "@/lib/database/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { audit, type Actor } from "@/lib/data/audit/write";
import { lockUser } from "@/lib/data/users/lock";

export const SESSION_MAX_AGE_S = 7 * 24 * 60 * 60;

export type SessionEndReason = "signed_out" | "signed_out_everywhere" | "suspended" | "expired";
export type SessionState = { open: true; userId: string } | { open: false; reason: SessionEndReason };

/**
 * Opens a session at sign-in, or refuses (null) when the user is suspended. The check and
 * the insert happen under the user's row lock, the lock a suspension takes to end every
 * session: a sign-in racing a suspension either ends with it or is refused.
 * Also drops the user's sessions that expired. Each sign-in is audited (`user.sign_in`) in
 * the same transaction: the admin overview counts them per day.
 */
export async function openSession(userId: string, now = new Date(), ip: string | null = null): Promise<string | null> {
  return db.$transaction(async (tx) => {
    const user = await lockUser(tx, userId);
    if (!user || user.suspendedAt) return null;
    await tx.session.deleteMany({ where: { userId, expiresAt: { lt: now } } });
    const id = randomUUID();
    await tx.session.create({ data: { id, userId, expiresAt: new Date(now.getTime() + SESSION_MAX_AGE_S * 1000) } });
    const { address } = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { address: true } });
    // The session id stays out of the log: the audit trail is read by every admin.
    await audit(tx, { id: userId, address, ip }, "user.sign_in", { type: "user", id: userId });
    return id;
  });
}

/**
 * Whether the session behind a cookie is still open: not ended, not expired, its user
 * neither deleted nor suspended. Read once per request (pages and actions call it from
 * the next-auth callback and again through getCurrentUser).
 */
export const sessionState = cache(async (sessionId: string, now = new Date()): Promise<SessionState> => {
  const s = await db.session.findUnique({
    where: { id: sessionId },
    select: { userId: true, endedAt: true, endReason: true, expiresAt: true, user: { select: { suspendedAt: true } } },
  });
  if (!s) return { open: false, reason: "signed_out" };
  if (s.user.suspendedAt) return { open: false, reason: "suspended" };
  if (s.endedAt) return { open: false, reason: (s.endReason as SessionEndReason | null) ?? "signed_out" };
  if (s.expiresAt <= now) return { open: false, reason: "expired" };
  return { open: true, userId: s.userId };
});

export async function endSession(sessionId: string, reason: SessionEndReason = "signed_out") {
  await db.session.updateMany({ where: { id: sessionId, endedAt: null }, data: { endedAt: new Date(), endReason: reason } });
}

/** Ends every open session of a user (sign out everywhere; suspension, inside the admin's transaction). */
export async function endAllSessions(userId: string, reason: SessionEndReason, tx: Prisma.TransactionClient = db): Promise<number> {
  const { count } = await tx.session.updateMany({ where: { userId, endedAt: null }, data: { endedAt: new Date(), endReason: reason } });
  return count;
}

/** "Sign out of all devices": every session of the user ends, audited as theirs. */
export function signOutEverywhere(actor: Actor): Promise<number> {
  return db.$transaction(async (tx) => {
    const sessions = await endAllSessions(actor.id, "signed_out_everywhere", tx);
    await audit(tx, actor, "user.sign_out_everywhere", { type: "user", id: actor.id }, { sessions });
    return sessions;
  });
}
