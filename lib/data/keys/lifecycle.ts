import "server-only";
// Every change to a key, for the members of its workspace and for site admins. Each runs in
// one transaction that locks the workspace's row, then (for members) re-reads the caller's
// membership and role under it, then locks the key's row (always in that order, so
// transitions never deadlock), asks lib/keys/lifecycle.ts whether the change is allowed,
// writes the audit event with the workspace, and then evicts the key from this instance's
// lookup cache. Keys are reached only through their workspace: another workspace's key id
// reads as not found, whatever the caller's role elsewhere.
import { db } from "@/lib/database/client";
import { env, keyHashSecret } from "@/lib/core/env";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Result } from "@/lib/core/result";
import { generateKey } from "@/lib/keys/format";
import { hashKey } from "@/lib/keys/hash";
import { forgetKey } from "@/lib/data/keys/cache";
import {
  enableRefusal,
  issueRefusal,
  keyStatus,
  rotationCutoff,
  rotationRefusal,
  transitionRefusal,
  type KeyActor,
  type KeyOwner,
  type KeyRefusal,
  type KeyRefusalCode,
  type Overlap,
} from "@/lib/keys/lifecycle";
import type { KeyNetwork } from "@/lib/networks/key";
import { addedScopeRefusal } from "@/lib/keys/scopes";
import { offeredKeyScopes } from "@/lib/gateway/config";
import { canManageKey } from "@/lib/workspaces/permissions";
import { keyColumns, keySelect, toDTO, type KeyDTO, type KeyRow } from "./list";
import { successorOf } from "./successor";
import type { AuditAction } from "@/lib/audit/actions";
import { audit, type Actor } from "@/lib/data/audit/write";
import { liveKeyWhere } from "./filters";
import { callerRules, lockCaller, ownerOf } from "./caller";
import { forbidden, lockWorkspace, type LockedWorkspace } from "@/lib/data/workspaces/access";
import { stepUpGate, type StepUpRequest } from "@/lib/data/step-up/gate";
import { needsStepUp, sameSet } from "@/lib/wallets/step-up";
import type { ReceiptWorkspace } from "@/lib/wallets/receipt";

type Tx = Prisma.TransactionClient;

export type KeyFailure = KeyRefusalCode | "not_found" | "forbidden" | "step_up_required";

const receiptWorkspace = ({ slug, name, personal }: LockedWorkspace): ReceiptWorkspace => ({ slug, name, personal });

const refused = (r: KeyRefusal) => ({ ok: false as const, ...r });
const ok = <T>(data: T) => ({ ok: true as const, data });
const NOT_FOUND = { ok: false as const, code: "not_found" as const, message: "That key does not exist in this workspace." };

/**
 * Who is changing the key: a member of its workspace (the workspace's switch, by role), or a
 * site admin (a hold beside it), who reaches any key.
 */
export type KeyCaller = { actor: Actor; as: "owner"; workspaceId: string } | { actor: Actor; as: "admin" };

/** A member acting in a workspace: their role there decides what they may change. */
export const asMember = (actor: Actor, workspaceId: string): KeyCaller => ({ actor, as: "owner", workspaceId });

async function lockKey(tx: Tx, keyId: string, workspaceId: string): Promise<(KeyRow & { createdById: string }) | null> {
  const locked = await tx.$queryRaw<
    { id: string }[]
  >`SELECT id FROM "ApiKey" WHERE id = ${keyId} AND "workspaceId" = ${workspaceId} FOR UPDATE`;
  return locked.length ? tx.apiKey.findUnique({ where: { id: keyId }, select: { ...keySelect, createdById: true } }) : null;
}

const liveCount = (tx: Tx, workspaceId: string, now: Date) => tx.apiKey.count({ where: { workspaceId, ...liveKeyWhere(now) } });

type Change<T> = (tx: Tx, key: KeyRow, owner: KeyOwner, workspace: LockedWorkspace, now: Date) => Promise<Result<T, KeyFailure>>;

/**
 * Runs one transition on one key with the workspace's and the key's rows locked. A member
 * reaches only their workspace's keys, and changes one only if their role allows it
 * (developers: the keys they created); a site admin reaches any key.
 */
async function changeKey<T>(caller: KeyCaller, keyId: string, change: Change<T>): Promise<Result<T, KeyFailure>> {
  const result = await db.$transaction(async (tx): Promise<Result<T, KeyFailure>> => {
    if (caller.as === "admin") {
      const found = await tx.apiKey.findUnique({ where: { id: keyId }, select: { workspaceId: true, createdById: true } });
      const workspace = found && (await lockWorkspace(tx, found.workspaceId));
      const creator = workspace && (await callerRules(tx, found.createdById, workspace.id));
      const key = creator && (await lockKey(tx, keyId, workspace.id));
      if (!key || !creator) return NOT_FOUND;
      return change(tx, key, ownerOf(creator, workspace), workspace, new Date());
    }
    const access = await lockCaller(tx, caller.actor.id, caller.workspaceId, "keys.manage_own");
    if (!access.ok) return access;
    const key = await lockKey(tx, keyId, caller.workspaceId);
    if (!key) return NOT_FOUND;
    if (!canManageKey(access.role, caller.actor.id, key)) return forbidden("keys.manage_all");
    return change(tx, key, access.owner, access.workspace, new Date());
  });
  forgetKey(keyId);
  return result;
}

const auditAction = (by: KeyActor, verb: "enable" | "disable" | "revoke"): AuditAction =>
  by === "admin" ? `admin.key.${verb}` : `key.${verb}`;
const keyTarget = (id: string, workspaceId: string) => ({ type: "api_key" as const, id, workspaceId });

export type NewKeyInput = {
  network: KeyNetwork;
  name: string;
  description: string | null;
  scopes: string[];
  expiresAt: Date | null;
  /** Where the key may be used from (canonical entries, see lib/keys/ip-allowlist.ts); empty: anywhere. */
  allowedIps?: string[];
};

/** A new secret: its plaintext (returned once) and the columns stored for it (display parts and HMAC). */
function newSecret(network: KeyNetwork) {
  const { key, start, end } = generateKey(network, env.KEY_PREFIX);
  return { plaintext: key, data: { start, end, hash: hashKey(key, keyHashSecret()) } };
}

function newKeyRow(workspaceId: string, createdById: string, input: NewKeyInput) {
  const { plaintext, data } = newSecret(input.network);
  return { plaintext, data: { workspaceId, createdById, ...input, ...data } };
}

/**
 * Issues a key in a workspace, for a member whose role may request keys. The plaintext is
 * returned here once and exists nowhere else: the database gets its HMAC. The rules (the
 * requester's use case, the workspace's Mainnet approval and cap) are checked under the
 * workspace's row lock, so parallel requests cannot overshoot the cap.
 */
export async function createKey(
  actor: Actor,
  workspaceId: string,
  input: NewKeyInput,
  stepUp?: StepUpRequest,
): Promise<Result<{ key: KeyDTO; plaintext: string }, KeyFailure>> {
  return db.$transaction(async (tx) => {
    const now = new Date();
    // The workspace locked, then the caller's role, rules and the cap's count in one statement.
    const access = await lockCaller(tx, actor.id, workspaceId, "keys.create", now);
    if (!access.ok) return access;
    const refusal = issueRefusal(access.owner, input.network, access.caller.live, env.MAX_ACTIVE_KEYS);
    if (refusal) return refused(refusal);
    const signed = needsStepUp({ action: "key.create", network: input.network })
      ? await stepUpGate(
          tx,
          actor,
          {
            action: "key.create",
            workspace: receiptWorkspace(access.workspace),
            key: { ...input, allowedIps: input.allowedIps ?? [] },
          },
          stepUp,
          now,
          { workspaceId, input: { action: "key.create", key: input } },
        )
      : null;
    if (signed && !signed.ok) return signed;
    const { plaintext, data } = newKeyRow(workspaceId, actor.id, input);
    const created = await tx.apiKey.create({ data, select: keyColumns });
    const key = { ...created, createdBy: { id: actor.id, address: access.caller.address, name: access.caller.name } };
    await audit(
      tx,
      actor,
      "key.create",
      keyTarget(key.id, workspaceId),
      {
        name: key.name,
        network: key.network,
        scopes: key.scopes,
        expiresAt: key.expiresAt?.toISOString() ?? null,
        ...(key.allowedIps.length ? { allowedIps: key.allowedIps } : {}),
      },
      signed?.record,
    );
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
): Promise<Result<KeyDTO, KeyFailure>> {
  return changeKey(caller, keyId, async (tx, key, owner, workspace, now) => {
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
      keyTarget(key.id, workspace.id),
      reason ? { reason } : undefined,
    );
    return ok(toDTO(updated, now));
  });
}

/** Revokes a key for good, whoever disabled it; revoking twice changes and audits nothing. */
export function revokeKey(caller: KeyCaller, keyId: string, reason: string | null = null): Promise<Result<KeyDTO, KeyFailure>> {
  return changeKey(caller, keyId, async (tx, key, _owner, workspace, now) => {
    if (key.revokedAt) return ok(toDTO(key, now));
    const updated = await tx.apiKey.update({ where: { id: key.id }, data: { revokedAt: now }, select: keySelect });
    await audit(tx, caller.actor, auditAction(caller.as, "revoke"), keyTarget(key.id, workspace.id), reason ? { reason } : undefined);
    return ok(toDTO(updated, now));
  });
}

export type KeyEdit = {
  name: string;
  description: string | null;
  scopes: string[];
  allowedIps?: string[];
  rateLimit?: number | null;
  /** A new expiry (null: never); left out, it stays. Not for a key being rotated out: its overlap decides. */
  expiresAt?: Date | null;
};

/** A member renames or re-scopes a key; not while an admin's disable holds it. */
export function updateKey(
  actor: Actor,
  workspaceId: string,
  keyId: string,
  edit: KeyEdit,
  stepUp?: StepUpRequest,
): Promise<Result<KeyDTO, KeyFailure>> {
  return changeKey(asMember(actor, workspaceId), keyId, async (tx, key, _owner, workspace, now) => {
    const refusal = transitionRefusal("edit", key, "owner", now);
    if (refusal) return refused(refusal);
    const scopeRefusal = addedScopeRefusal(edit.scopes, key.scopes, offeredKeyScopes());
    if (scopeRefusal) return refused({ code: "scope_not_offered", message: scopeRefusal });
    // The owner may lower the key's limit, never raise it past the ceiling (checked on the locked row).
    const ceiling = key.rateLimitCeiling ?? env.RATE_LIMIT_API_PER_MINUTE;
    if (edit.rateLimit != null && edit.rateLimit > ceiling) {
      return refused({
        code: "rate_limit_above_ceiling",
        message: `This key may make at most ${ceiling.toLocaleString("en")} requests a minute. Ask an admin to raise it, or enter a lower number.`,
      });
    }
    if (edit.expiresAt !== undefined && key.replacedById) {
      return refused({
        code: "already_rotated",
        message: "This key is being rotated out: it stops when its overlap ends. Change the expiry of the key that replaces it.",
      });
    }
    const allowedIps = edit.allowedIps ?? key.allowedIps;
    const signed = needsStepUp({
      action: "key.update",
      scopesChanged: !sameSet(edit.scopes, key.scopes),
      allowlistChanged: !sameSet(allowedIps, key.allowedIps),
    })
      ? await stepUpGate(
          tx,
          actor,
          {
            action: "key.update",
            workspace: receiptWorkspace(workspace),
            key: {
              id: key.id,
              name: edit.name,
              network: key.network,
              expiresAt: edit.expiresAt === undefined ? key.expiresAt : edit.expiresAt,
            },
            scopes: { before: key.scopes, after: edit.scopes },
            allowedIps: { before: key.allowedIps, after: allowedIps },
          },
          stepUp,
          now,
          { workspaceId: workspace.id, input: { action: "key.update", keyId: key.id, edit } },
        )
      : null;
    if (signed && !signed.ok) return signed;
    const updated = await tx.apiKey.update({ where: { id: key.id }, data: edit, select: keySelect });
    const expiry = (d: Date | null) => d?.toISOString() ?? null;
    await audit(
      tx,
      actor,
      "key.update",
      keyTarget(key.id, workspace.id),
      {
        before: {
          name: key.name,
          description: key.description,
          scopes: key.scopes,
          allowedIps: key.allowedIps,
          rateLimit: key.rateLimit,
          ...(edit.expiresAt !== undefined && { expiresAt: expiry(key.expiresAt) }),
        },
        after: {
          name: edit.name,
          description: edit.description,
          scopes: edit.scopes,
          allowedIps: edit.allowedIps ?? key.allowedIps,
          rateLimit: edit.rateLimit === undefined ? key.rateLimit : edit.rateLimit,
          ...(edit.expiresAt !== undefined && { expiresAt: expiry(edit.expiresAt) }),
        },
      },
      signed?.record,
    );
    return ok(toDTO(updated, now));
  });
}

/** A site admin sets a key's ceiling: above RATE_LIMIT_API_PER_MINUTE for a busy integration, or below it; null: the default. */
export function setKeyRateCeiling(admin: Actor, keyId: string, ceiling: number | null): Promise<Result<KeyDTO, KeyFailure>> {
  return changeKey({ actor: admin, as: "admin" }, keyId, async (tx, key, _owner, workspace, now) => {
    if (key.rateLimitCeiling === ceiling) return ok(toDTO(key, now));
    const updated = await tx.apiKey.update({ where: { id: key.id }, data: { rateLimitCeiling: ceiling }, select: keySelect });
    await audit(tx, admin, "admin.key.rate_limit", keyTarget(key.id, workspace.id), {
      before: { rateLimitCeiling: key.rateLimitCeiling },
      after: { rateLimitCeiling: ceiling },
    });
    return ok(toDTO(updated, now));
  });
}

/**
 * Replaces a working key with a new one: a new secret under every rule the old one had. The
 * old key keeps working for the overlap, never past its own expiry. Locked, so parallel
 * rotations of one key make exactly one successor; checked like a creation, so the cap,
 * the use case and Mainnet approval hold.
 */
export function rotateKey(
  actor: Actor,
  workspaceId: string,
  keyId: string,
  overlap: Overlap,
  stepUp?: StepUpRequest,
): Promise<Result<{ key: KeyDTO; plaintext: string; oldKey: KeyDTO }, KeyFailure>> {
  return changeKey(asMember(actor, workspaceId), keyId, async (tx, old, owner, workspace, now) => {
    // A leaked key must not keep working beside its successor, and an expired one cannot: no overlap, whatever was asked.
    if (old.leakedAt || keyStatus(old, now) === "expired") overlap = "none";
    const refusal = rotationRefusal(old, owner, overlap, await liveCount(tx, workspace.id, now), env.MAX_ACTIVE_KEYS, now);
    if (refusal) return refused(refusal);
    const row = await tx.apiKey.findUniqueOrThrow({ where: { id: old.id } });
    const signed = needsStepUp({ action: "key.rotate", network: old.network })
      ? await stepUpGate(
          tx,
          actor,
          {
            action: "key.rotate",
            workspace: receiptWorkspace(workspace),
            key: {
              id: old.id,
              name: old.name,
              network: old.network,
              scopes: old.scopes,
              allowedIps: old.allowedIps,
              lifetimeMs: row.expiresAt ? row.expiresAt.getTime() - row.createdAt.getTime() : null,
            },
            overlap,
          },
          stepUp,
          now,
          { workspaceId: workspace.id, input: { action: "key.rotate", keyId: old.id, overlap } },
        )
      : null;
    if (signed && !signed.ok) return signed;
    // The successor inherits every rule the old key was held to (./successor.ts), and a new secret.
    const secret = newSecret(old.network);
    const successor = successorOf(row, now);
    const key = await tx.apiKey.create({ data: { ...successor, ...secret.data }, select: keySelect });
    const plaintext = secret.plaintext;
    const oldKey = await tx.apiKey.update({
      where: { id: old.id },
      data: { rotatedAt: now, expiresAt: rotationCutoff(old.expiresAt, overlap, now), replacedById: key.id },
      select: keySelect,
    });
    await audit(
      tx,
      actor,
      "key.rotate",
      keyTarget(old.id, workspace.id),
      {
        successorId: key.id,
        overlap,
        oldKeyStopsAt: oldKey.expiresAt?.toISOString() ?? null,
      },
      signed?.record,
    );
    return ok({ key: toDTO(key, now), plaintext, oldKey: toDTO(oldKey, now) });
  });
}
