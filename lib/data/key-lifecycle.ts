import "server-only";
// Every change to a key, for its owner and for admins. Each runs in one transaction that
// locks the owner's row and then the key's row (always in that order, so transitions never
// deadlock), asks lib/keys/lifecycle.ts whether the change is allowed, writes the audit
// event, and then evicts the key from this instance's lookup cache.
import { db } from "@/lib/db";
import { env, keyHashSecret } from "@/lib/env";
import type { Prisma } from "@/lib/generated/prisma/client";
import { generateKey } from "@/lib/keys/format";
import { hashKey } from "@/lib/keys/hash";
import { forgetKey } from "@/lib/data/key-cache";
import {
  enableRefusal,
  issueRefusal,
  rotationCutoff,
  rotationRefusal,
  successorExpiry,
  transitionRefusal,
  type KeyActor,
  type KeyOwner,
  type KeyRefusal,
  type KeyRefusalCode,
  type Overlap,
} from "@/lib/keys/lifecycle";
import type { KeyNetwork } from "@/lib/keys/networks";
import { keySelect, toDTO, type KeyDTO, type KeyRow } from "./api-keys";
import type { AuditAction } from "@/lib/audit/actions";
import { audit, type Actor } from "./audit";
import { liveKeyWhere } from "./key-filters";

type Tx = Prisma.TransactionClient;

export type KeyFailure = KeyRefusalCode | "not_found";
export type KeyResult<T> = { ok: true; data: T } | { ok: false; code: KeyFailure; message: string };

const refused = (r: KeyRefusal) => ({ ok: false as const, ...r });
const ok = <T>(data: T) => ({ ok: true as const, data });
const NOT_FOUND = { ok: false as const, code: "not_found" as const, message: "That key does not exist or is not yours." };

/** Who is changing the key. An owner can reach only their own keys; an admin any key. */
export type KeyCaller = { actor: Actor; as: KeyActor };

/** Locks a user's row: every change to their keys, and the cap count, happens under it. */
export async function lockOwner(tx: Tx, userId: string): Promise<KeyOwner | null> {
  // One round trip: every transition holds a pooled connection while it waits for this lock.
  const [owner] = await tx.$queryRaw<
    KeyOwner[]
  >`SELECT "useCase", "mainnetApproved", "suspendedAt" FROM "User" WHERE id = ${userId} FOR UPDATE`;
  return owner ?? null;
}

async function lockKey(tx: Tx, keyId: string, userId: string): Promise<KeyRow | null> {
  const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "ApiKey" WHERE id = ${keyId} AND "userId" = ${userId} FOR UPDATE`;
  return locked.length ? tx.apiKey.findUnique({ where: { id: keyId }, select: keySelect }) : null;
}

const liveCount = (tx: Tx, userId: string, now: Date) => tx.apiKey.count({ where: { userId, ...liveKeyWhere(now) } });

/**
 * Runs one transition on one key with both rows locked. The owner's own calls are scoped
 * to their keys; an admin's reach any key.
 */
async function changeKey<T>(
  caller: KeyCaller,
  keyId: string,
  change: (tx: Tx, key: KeyRow, owner: KeyOwner, now: Date) => Promise<KeyResult<T>>,
): Promise<KeyResult<T>> {
  const result = await db.$transaction(async (tx) => {
    const userId =
      caller.as === "owner" ? caller.actor.id : (await tx.apiKey.findUnique({ where: { id: keyId }, select: { userId: true } }))?.userId;
    if (!userId) return NOT_FOUND;
    const owner = await lockOwner(tx, userId);
    const key = owner && (await lockKey(tx, keyId, userId));
    if (!owner || !key) return NOT_FOUND;
    return change(tx, key, owner, new Date());
  });
  forgetKey(keyId);
  return result;
}

const auditAction = (by: KeyActor, verb: "enable" | "disable" | "revoke"): AuditAction =>
  by === "admin" ? `admin.key.${verb}` : `key.${verb}`;
const keyTarget = (id: string) => ({ type: "api_key" as const, id });

export type NewKeyInput = {
  network: KeyNetwork;
  name: string;
  description: string | null;
  scopes: string[];
  expiresAt: Date | null;
  /** Where the key may be used from (canonical entries, see lib/keys/ip-allowlist.ts); empty: anywhere. */
  allowedIps?: string[];
};

function newKeyRow(userId: string, input: NewKeyInput) {
  const { key, start, end } = generateKey(input.network, env.KEY_PREFIX);
  return { plaintext: key, data: { userId, ...input, start, end, hash: hashKey(key, keyHashSecret()) } };
}

/**
 * Issues a key. The plaintext is returned here once and exists nowhere else: the
 * database gets its HMAC. The rules (use case, Mainnet approval, the cap) are checked
 * under the owner's row lock, so parallel requests cannot overshoot the cap.
 */
export async function createKey(actor: Actor, input: NewKeyInput): Promise<KeyResult<{ key: KeyDTO; plaintext: string }>> {
  return db.$transaction(async (tx) => {
    const owner = await lockOwner(tx, actor.id);
    if (!owner) return NOT_FOUND;
    const now = new Date();
    const refusal = issueRefusal(owner, input.network, await liveCount(tx, actor.id, now), env.MAX_ACTIVE_KEYS);
    if (refusal) return refused(refusal);
    const { plaintext, data } = newKeyRow(actor.id, input);
    const key = await tx.apiKey.create({ data, select: keySelect });
    await audit(tx, actor, "key.create", keyTarget(key.id), {
      name: key.name,
      network: key.network,
      scopes: key.scopes,
      expiresAt: key.expiresAt?.toISOString() ?? null,
      ...(key.allowedIps.length ? { allowedIps: key.allowedIps } : {}),
    });
    return ok({ key: toDTO(key, now), plaintext });
  });
}

/**
 * Turns a key on or off. The owner flips the key's switch; an admin places or lifts a hold
 * beside it (with an optional reason shown to the owner). While held, the key is refused
 * and its owner cannot change it; lifting the hold hands it back to the owner's switch, so
 * an admin never turns on a key its owner paused. Audited only when something changes.
 */
export function setKeyEnabled(
  caller: KeyCaller,
  keyId: string,
  enabled: boolean,
  reason: string | null = null,
): Promise<KeyResult<KeyDTO>> {
  return changeKey(caller, keyId, async (tx, key, owner, now) => {
    const refusal =
      transitionRefusal(enabled ? "enable" : "disable", key, caller.as, now) ?? (enabled ? enableRefusal(key, owner, caller.as) : null);
    if (refusal) return refused(refusal);
    const on = caller.as === "owner" ? key.enabled : !key.heldAt;
    if (on === enabled) return ok(toDTO(key, now));
    const data =
      caller.as === "owner"
        ? { enabled }
        : enabled
          ? { heldAt: null, heldById: null, heldReason: null }
          : { heldAt: now, heldById: caller.actor.id, heldReason: reason };
    const updated = await tx.apiKey.update({ where: { id: key.id }, data, select: keySelect });
    await audit(
      tx,
      caller.actor,
      auditAction(caller.as, enabled ? "enable" : "disable"),
      keyTarget(key.id),
      reason ? { reason } : undefined,
    );
    return ok(toDTO(updated, now));
  });
}

/** Revokes a key for good, whoever disabled it; revoking twice changes and audits nothing. */
export function revokeKey(caller: KeyCaller, keyId: string, reason: string | null = null): Promise<KeyResult<KeyDTO>> {
  return changeKey(caller, keyId, async (tx, key, _owner, now) => {
    if (key.revokedAt) return ok(toDTO(key, now));
    const updated = await tx.apiKey.update({ where: { id: key.id }, data: { revokedAt: now }, select: keySelect });
    await audit(tx, caller.actor, auditAction(caller.as, "revoke"), keyTarget(key.id), reason ? { reason } : undefined);
    return ok(toDTO(updated, now));
  });
}

export type KeyEdit = { name: string; description: string | null; scopes: string[]; allowedIps?: string[]; rateLimit?: number | null };

/** The owner renames or re-scopes a key; not while an admin's disable holds it. */
export function updateKey(actor: Actor, keyId: string, edit: KeyEdit): Promise<KeyResult<KeyDTO>> {
  return changeKey({ actor, as: "owner" }, keyId, async (tx, key, _owner, now) => {
    const refusal = transitionRefusal("edit", key, "owner", now);
    if (refusal) return refused(refusal);
    // The owner may lower the key's limit, never raise it past the ceiling (checked on the locked row).
    const ceiling = key.rateLimitCeiling ?? env.RATE_LIMIT_API_PER_MINUTE;
    if (edit.rateLimit != null && edit.rateLimit > ceiling) {
      return refused({
        code: "rate_limit_above_ceiling",
        message: `This key may make at most ${ceiling.toLocaleString("en")} requests a minute. Ask an admin to raise it, or enter a lower number.`,
      });
    }
    const updated = await tx.apiKey.update({ where: { id: key.id }, data: edit, select: keySelect });
    await audit(tx, actor, "key.update", keyTarget(key.id), {
      before: { name: key.name, description: key.description, scopes: key.scopes, allowedIps: key.allowedIps, rateLimit: key.rateLimit },
      after: {
        name: edit.name,
        description: edit.description,
        scopes: edit.scopes,
        allowedIps: edit.allowedIps ?? key.allowedIps,
        rateLimit: edit.rateLimit === undefined ? key.rateLimit : edit.rateLimit,
      },
    });
    return ok(toDTO(updated, now));
  });
}

/** A site admin sets a key's ceiling: above RATE_LIMIT_API_PER_MINUTE for a busy integration, or below it; null: the default. */
export function setKeyRateCeiling(admin: Actor, keyId: string, ceiling: number | null): Promise<KeyResult<KeyDTO>> {
  return changeKey({ actor: admin, as: "admin" }, keyId, async (tx, key, _owner, now) => {
    if (key.rateLimitCeiling === ceiling) return ok(toDTO(key, now));
    const updated = await tx.apiKey.update({ where: { id: key.id }, data: { rateLimitCeiling: ceiling }, select: keySelect });
    await audit(tx, admin, "admin.key.rate_limit", keyTarget(key.id), {
      before: { rateLimitCeiling: key.rateLimitCeiling },
      after: { rateLimitCeiling: ceiling },
    });
    return ok(toDTO(updated, now));
  });
}

/**
 * Replaces a working key with a new one (same name, network, scopes and lifetime). The
 * old key keeps working for the overlap, never past its own expiry. Locked, so parallel
 * rotations of one key make exactly one successor; checked like a creation, so the cap,
 * the use case and Mainnet approval hold.
 */
export function rotateKey(
  actor: Actor,
  keyId: string,
  overlap: Overlap,
): Promise<KeyResult<{ key: KeyDTO; plaintext: string; oldKey: KeyDTO }>> {
  return changeKey({ actor, as: "owner" }, keyId, async (tx, old, owner, now) => {
    // A leaked key must not keep working beside its successor: no overlap, whatever was asked.
    if (old.leakedAt) overlap = "none";
    const refusal = rotationRefusal(old, owner, overlap, await liveCount(tx, actor.id, now), env.MAX_ACTIVE_KEYS, now);
    if (refusal) return refused(refusal);
    const { plaintext, data } = newKeyRow(actor.id, {
      network: old.network,
      name: old.name,
      description: old.description,
      scopes: old.scopes,
      expiresAt: successorExpiry(old, now),
      allowedIps: old.allowedIps,
    });
    const key = await tx.apiKey.create({ data, select: keySelect });
    const oldKey = await tx.apiKey.update({
      where: { id: old.id },
      data: { rotatedAt: now, expiresAt: rotationCutoff(old.expiresAt, overlap, now), replacedById: key.id },
      select: keySelect,
    });
    await audit(tx, actor, "key.rotate", keyTarget(old.id), {
      successorId: key.id,
      overlap,
      oldKeyStopsAt: oldKey.expiresAt?.toISOString() ?? null,
    });
    return ok({ key: toDTO(key, now), plaintext, oldKey: toDTO(oldKey, now) });
  });
}

/**
 * Withdrawing Mainnet approval stops Mainnet: inside the admin's transaction (the owner's
 * row already locked), every live Mainnet key without a hold gets one from that admin, one
 * audit event each. Owners' switches are left as they are; approving again leaves the holds.
 * Returns the keys' ids for the caller to evict from the cache after commit.
 */
export async function holdMainnetKeys(tx: Tx, actor: Actor, userId: string, now: Date): Promise<string[]> {
  const keys = await tx.apiKey.findMany({
    where: { userId, network: "mainnet", heldAt: null, ...liveKeyWhere(now) },
    select: { id: true },
  });
  const reason = "Mainnet approval withdrawn";
  for (const { id } of keys) {
    await tx.apiKey.update({ where: { id }, data: { heldAt: now, heldById: actor.id, heldReason: reason } });
    await audit(tx, actor, "admin.key.disable", keyTarget(id), { reason });
  }
  return keys.map((k) => k.id);
}

/** The owner acting on their own keys. */
export const asOwner = (actor: Actor): KeyCaller => ({ actor, as: "owner" });
