import "server-only";
import { db } from "@/lib/db";
import { env, keyHashSecret } from "@/lib/env";
import type { Prisma } from "@/lib/generated/prisma/client";
import { generateKey } from "@/lib/keys/format";
import type { KeyNetwork } from "@/lib/keys/networks";
import { hashKey } from "@/lib/keys/hash";
import { forgetKey } from "@/lib/keys/key-cache";
import { toKeyView, type KeysPayload } from "@/lib/keys/view";
import { keyStatus, rotationCutoff, successorExpiry, type KeyStatus, type Overlap } from "@/lib/keys/lifecycle";
import { audit, type Actor } from "./audit";

// What the owner's UI may see of a key. The hash never leaves this module.
export const keySelect = {
  id: true,
  name: true,
  description: true,
  network: true,
  start: true,
  scopes: true,
  enabled: true,
  disabledBy: true,
  createdAt: true,
  lastUsedAt: true,
  lastUsedIp: true,
  expiresAt: true,
  revokedAt: true,
  rotatedAt: true,
  replacedById: true,
} satisfies Prisma.ApiKeySelect;

type KeyRow = Prisma.ApiKeyGetPayload<{ select: typeof keySelect }>;
export type KeyDTO = KeyRow & { status: KeyStatus };

const toDTO = (k: KeyRow, now = new Date()): KeyDTO => ({ ...k, status: keyStatus(k, now) });

export type KeyFailure =
  | "not_found"
  | "use_case_required"
  | "mainnet_not_approved"
  | "key_limit"
  | "revoked"
  | "already_rotated";
export type KeyResult<T> = { ok: true; data: T } | { ok: false; code: KeyFailure; message: string };

const fail = (code: KeyFailure, message: string) => ({ ok: false as const, code, message });
const NOT_FOUND = () => fail("not_found", "That key does not exist or is not yours.");

/** A key that counts against the cap: not revoked and not past its expiry. */
const liveKey = (userId: string, now: Date): Prisma.ApiKeyWhereInput => ({
  userId,
  revokedAt: null,
  OR: [{ expiresAt: null }, { expiresAt: { gt: now } }],
});

export async function listKeys(userId: string): Promise<KeyDTO[]> {
  const rows = await db.apiKey.findMany({ where: { userId }, select: keySelect, orderBy: { createdAt: "desc" } });
  const now = new Date();
  return rows.map((r) => toDTO(r, now));
}

export async function getUserKeyContext(userId: string) {
  const [user, active] = await Promise.all([
    db.user.findUnique({ where: { id: userId }, select: { useCase: true, mainnetApproved: true } }),
    db.apiKey.count({ where: liveKey(userId, new Date()) }),
  ]);
  return { hasUseCase: !!user?.useCase, mainnetApproved: !!user?.mainnetApproved, active, limit: env.MAX_ACTIVE_KEYS };
}

export type NewKeyInput = {
  network: KeyNetwork;
  name: string;
  description: string | null;
  scopes: string[];
  expiresAt: Date | null;
};

/** Locks the owner's row so concurrent requests count and insert one at a time. */
async function lockOwner(tx: Prisma.TransactionClient, userId: string) {
  await tx.$queryRaw`SELECT id FROM "User" WHERE id = ${userId} FOR UPDATE`;
}

function newKeyRow(userId: string, input: NewKeyInput) {
  const { key, start } = generateKey(input.network, env.KEY_PREFIX);
  return { plaintext: key, data: { userId, ...input, start, hash: hashKey(key, keyHashSecret()) } };
}

/**
 * Issues a key. The plaintext is returned here once and exists nowhere else: the
 * database gets its HMAC. Refused without a use case, for Mainnet without approval,
 * and at the cap of live keys (checked under a row lock, so parallel requests cannot
 * overshoot it).
 */
export async function createKey(actor: Actor, input: NewKeyInput): Promise<KeyResult<{ key: KeyDTO; plaintext: string }>> {
  return db.$transaction(async (tx) => {
    await lockOwner(tx, actor.id);
    const owner = await tx.user.findUnique({ where: { id: actor.id }, select: { useCase: true, mainnetApproved: true } });
    if (!owner) return NOT_FOUND();
    if (!owner.useCase) return fail("use_case_required", "Add your use case to your profile before requesting an API key.");
    if (input.network === "mainnet" && !owner.mainnetApproved) {
      return fail("mainnet_not_approved", "Mainnet keys are available after approval. Request a Testnet key for now.");
    }
    const active = await tx.apiKey.count({ where: liveKey(actor.id, new Date()) });
    if (active >= env.MAX_ACTIVE_KEYS) {
      return fail("key_limit", `You have ${active} active keys, the most allowed is ${env.MAX_ACTIVE_KEYS}. Revoke one you no longer use first.`);
    }
    const { plaintext, data } = newKeyRow(actor.id, input);
    const key = await tx.apiKey.create({ data, select: keySelect });
    await audit(tx, actor, "key.create", { type: "api_key", id: key.id }, {
      name: key.name,
      network: key.network,
      scopes: key.scopes,
      expiresAt: key.expiresAt?.toISOString() ?? null,
    });
    return { ok: true as const, data: { key: toDTO(key), plaintext } };
  });
}

type Tx = Prisma.TransactionClient;

/**
 * Runs a change on one key, with its audit event, in one transaction; then drops the key
 * from this instance's lookup cache. `userId` scopes it to its owner; only the admin
 * console leaves it out. Returns `missing` when no such key (for that owner) exists.
 */
export async function changeKey<T>(
  where: { id: string; userId?: string },
  change: (tx: Tx, key: KeyRow) => Promise<T>,
  missing: T,
): Promise<T> {
  const result = await db.$transaction(async (tx) => {
    const key = await tx.apiKey.findFirst({ where, select: keySelect });
    return key ? change(tx, key) : missing;
  });
  forgetKey(where.id);
  return result;
}

const changeOwnKey = <T>(actor: Actor, keyId: string, change: (tx: Tx, key: KeyRow) => Promise<KeyResult<T>>) =>
  changeKey({ id: keyId, userId: actor.id }, change, NOT_FOUND());

/** Who acts on a key: its owner, or an admin (audited as admin.key.*, shown as "disabled by an admin"). */
export type KeyChanger = "owner" | "admin";
const action = (by: KeyChanger, verb: string) => `${by === "admin" ? "admin." : ""}key.${verb}`;

/** Turns a key on or off; audited only when it changes. The caller refuses revoked keys. */
export async function applyEnabled(tx: Tx, actor: Actor, key: KeyRow, enabled: boolean, by: KeyChanger): Promise<KeyRow> {
  const updated = await tx.apiKey.update({ where: { id: key.id }, data: { enabled, disabledBy: enabled ? null : by }, select: keySelect });
  if (key.enabled !== enabled) await audit(tx, actor, action(by, enabled ? "enable" : "disable"), { type: "api_key", id: key.id });
  return updated;
}

/** Revokes a key for good; revoking twice changes and audits nothing. */
export async function applyRevoke(tx: Tx, actor: Actor, key: KeyRow, by: KeyChanger): Promise<KeyRow> {
  if (key.revokedAt) return key;
  const updated = await tx.apiKey.update({ where: { id: key.id }, data: { revokedAt: new Date() }, select: keySelect });
  await audit(tx, actor, action(by, "revoke"), { type: "api_key", id: key.id });
  return updated;
}

export function setKeyEnabled(actor: Actor, keyId: string, enabled: boolean): Promise<KeyResult<KeyDTO>> {
  return changeOwnKey(actor, keyId, async (tx, key) => {
    if (key.revokedAt) return fail("revoked", "This key is revoked: it cannot be turned back on.");
    return { ok: true, data: toDTO(await applyEnabled(tx, actor, key, enabled, "owner")) };
  });
}

export function revokeKey(actor: Actor, keyId: string): Promise<KeyResult<KeyDTO>> {
  return changeOwnKey(actor, keyId, async (tx, key) => {
    return { ok: true, data: toDTO(await applyRevoke(tx, actor, key, "owner")) };
  });
}

export type KeyEdit = { name: string; description: string | null; scopes: string[] };

export function updateKey(actor: Actor, keyId: string, edit: KeyEdit): Promise<KeyResult<KeyDTO>> {
  return changeOwnKey(actor, keyId, async (tx, key) => {
    if (key.revokedAt) return fail("revoked", "A revoked key cannot be edited.");
    const updated = await tx.apiKey.update({ where: { id: key.id }, data: edit, select: keySelect });
    await audit(tx, actor, "key.update", { type: "api_key", id: key.id }, {
      before: { name: key.name, description: key.description, scopes: key.scopes },
      after: { name: edit.name, description: edit.description, scopes: edit.scopes },
    });
    return { ok: true, data: toDTO(updated) };
  });
}

/**
 * Replaces a key with a new one (same name, network, scopes and lifetime). The old key
 * keeps working for the overlap, never past its own expiry, so deployments can switch
 * without downtime.
 */
export function rotateKey(actor: Actor, keyId: string, overlap: Overlap): Promise<KeyResult<{ key: KeyDTO; plaintext: string; oldKey: KeyDTO }>> {
  return changeOwnKey(actor, keyId, async (tx, old) => {
    const now = new Date();
    const status = keyStatus(old, now);
    if (status === "revoked" || status === "expired") return fail("revoked", "Only a working key can be rotated; request a new key instead.");
    if (old.replacedById) return fail("already_rotated", "This key was already rotated: rotate its successor instead.");
    const { plaintext, data } = newKeyRow(actor.id, {
      network: old.network,
      name: old.name,
      description: old.description,
      scopes: old.scopes,
      expiresAt: successorExpiry(old, now),
    });
    const key = await tx.apiKey.create({ data, select: keySelect });
    const oldKey = await tx.apiKey.update({
      where: { id: old.id },
      data: { rotatedAt: now, expiresAt: rotationCutoff(old.expiresAt, overlap, now), replacedById: key.id },
      select: keySelect,
    });
    await audit(tx, actor, "key.rotate", { type: "api_key", id: old.id }, {
      successorId: key.id,
      overlap,
      oldKeyStopsAt: oldKey.expiresAt?.toISOString() ?? null,
    });
    return { ok: true, data: { key: toDTO(key, now), plaintext, oldKey: toDTO(oldKey, now) } };
  });
}

/** Everything the API Keys tab shows, as JSON-safe views. */
export async function keysPayload(userId: string): Promise<KeysPayload> {
  const [keys, context] = await Promise.all([listKeys(userId), getUserKeyContext(userId)]);
  return { keys: keys.map(toKeyView), context };
}
