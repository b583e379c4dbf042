import "server-only";
// Not scoped to one user: every function here serves the admin console, and every
// caller must have passed checkAdmin()/requireAdmin() first.
import { db } from "@/lib/db";
import { env, keyHashSecret } from "@/lib/env";
import type { Prisma } from "@/lib/generated/prisma/client";
import { DISPLAY_PREFIX_LENGTH } from "@/lib/keys/format";
import { hashKey } from "@/lib/keys/hash";
import { keyStatus } from "@/lib/keys/lifecycle";
import { toKeyView, type KeyView } from "@/lib/keys/view";
import { applyEnabled, applyRevoke, changeKey, keySelect } from "./api-keys";
import { audit, type Actor } from "./audit";

export async function countUsers(): Promise<number> {
  return db.user.count();
}

export async function adminOverview() {
  const now = new Date();
  const [users, keys, active, audits] = await Promise.all([
    db.user.count(),
    db.apiKey.count(),
    db.apiKey.count({ where: { enabled: true, revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] } }),
    db.auditEvent.count(),
  ]);
  return { users, keys, active, audits };
}

// ── Keys ────────────────────────────────────────────────────────────────────────

export type AdminKeyView = KeyView & { owner: { id: string; address: string; name: string | null } };
export type KeyStatusFilter = "active" | "disabled" | "revoked" | "expired";
export type AdminKeyQuery = {
  q?: string;
  network?: "testnet" | "mainnet";
  status?: KeyStatusFilter;
  sort: "createdAt" | "lastUsedAt";
  dir: "asc" | "desc";
  page: number;
  pageSize: number;
};

const adminKeySelect = {
  ...keySelect,
  user: { select: { id: true, address: true, name: true } },
} satisfies Prisma.ApiKeySelect;

type AdminKeyRow = Prisma.ApiKeyGetPayload<{ select: typeof adminKeySelect }>;

function toAdminView({ user, ...k }: AdminKeyRow, now = new Date()): AdminKeyView {
  return { ...toKeyView({ ...k, status: keyStatus(k, now) }), owner: user };
}

function statusWhere(status: KeyStatusFilter, now: Date): Prisma.ApiKeyWhereInput {
  const unexpired = { OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] };
  switch (status) {
    case "active":
      return { revokedAt: null, enabled: true, ...unexpired };
    case "disabled":
      return { revokedAt: null, enabled: false, ...unexpired };
    case "revoked":
      return { revokedAt: { not: null } };
    case "expired":
      return { revokedAt: null, expiresAt: { lte: now } };
  }
}

const ADDRESS_LIKE = /^G[A-Z2-7]{3,55}$/;

/**
 * Search matches owner address (prefix), owner name, key name, or key display prefix.
 * An address-shaped query (G… in capitals) or a key-shaped one (kp_…) can only mean one
 * thing, so it uses an index instead of scanning every key name. Owners are resolved
 * first: a join per key row made this 40× slower at 100k keys.
 */
async function searchWhere(q: string): Promise<Prisma.ApiKeyWhereInput> {
  if (q.startsWith(`${env.KEY_PREFIX}_`)) return { start: { startsWith: q.slice(0, DISPLAY_PREFIX_LENGTH) } };
  const addressLike = ADDRESS_LIKE.test(q);
  const owners = await db.user.findMany({
    where: addressLike ? { address: { startsWith: q } } : { OR: [{ address: { startsWith: q.toUpperCase() } }, { name: { contains: q, mode: "insensitive" } }] },
    select: { id: true },
    take: 500,
  });
  const byOwner = owners.length ? [{ userId: { in: owners.map((o) => o.id) } }] : [];
  if (addressLike) return byOwner.length ? byOwner[0]! : { id: { in: [] } };
  return { OR: [...byOwner, { name: { contains: q, mode: "insensitive" } }] };
}

export async function listAllKeys(query: AdminKeyQuery): Promise<{ rows: AdminKeyView[]; total: number }> {
  const now = new Date();
  const where: Prisma.ApiKeyWhereInput = {
    AND: [
      query.q ? await searchWhere(query.q) : {},
      query.network ? { network: query.network } : {},
      query.status ? statusWhere(query.status, now) : {},
    ],
  };
  // Never-used keys go last when newest first and first when oldest first: the same
  // order read both ways, so one index ("lastUsedAt" DESC NULLS LAST, id DESC) serves both.
  const orderBy: Prisma.ApiKeyOrderByWithRelationInput[] =
    query.sort === "lastUsedAt"
      ? [{ lastUsedAt: { sort: query.dir, nulls: query.dir === "desc" ? "last" : "first" } }, { id: query.dir }]
      : [{ createdAt: query.dir }, { id: query.dir }];
  const [rows, total] = await Promise.all([
    db.apiKey.findMany({ where, orderBy, skip: (query.page - 1) * query.pageSize, take: query.pageSize, select: adminKeySelect }),
    db.apiKey.count({ where }),
  ]);
  return { rows: rows.map((r) => toAdminView(r, now)), total };
}

/** A leaked key, found by its hash: the admin never needs the plaintext stored anywhere. */
export async function findKeyByPlaintext(plaintext: string): Promise<AdminKeyView | null> {
  const row = await db.apiKey.findUnique({ where: { hash: hashKey(plaintext, keyHashSecret()) }, select: adminKeySelect });
  return row ? toAdminView(row) : null;
}

/** The admin view of a key just changed in `tx` (its owner included). */
const adminViewIn = async (tx: Prisma.TransactionClient, keyId: string) =>
  toAdminView(await tx.apiKey.findUniqueOrThrow({ where: { id: keyId }, select: adminKeySelect }));

/** Enables or disables any user's key; null when it does not exist or is revoked. */
export function adminSetKeyEnabled(actor: Actor, keyId: string, enabled: boolean): Promise<AdminKeyView | null> {
  return changeKey({ id: keyId }, async (tx, key) => {
    if (key.revokedAt) return null;
    await applyEnabled(tx, actor, key, enabled, "admin");
    return adminViewIn(tx, keyId);
  }, null);
}

export function adminRevokeKey(actor: Actor, keyId: string): Promise<AdminKeyView | null> {
  return changeKey({ id: keyId }, async (tx, key) => {
    await applyRevoke(tx, actor, key, "admin");
    return adminViewIn(tx, keyId);
  }, null);
}

// ── Users ───────────────────────────────────────────────────────────────────────

export type AdminUserView = {
  id: string;
  address: string;
  name: string | null;
  email: string | null;
  useCase: string | null;
  createdAt: string;
  keyCount: number;
  mainnetApproved: boolean;
  role: "user" | "admin";
};

export async function listUsers(query: { q?: string; page: number; pageSize: number }): Promise<{ rows: AdminUserView[]; total: number }> {
  const where: Prisma.UserWhereInput = query.q
    ? {
        OR: [
          { address: { startsWith: query.q.toUpperCase() } },
          { name: { contains: query.q, mode: "insensitive" } },
          { email: { contains: query.q, mode: "insensitive" } },
        ],
      }
    : {};
  const [rows, total] = await Promise.all([
    db.user.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
      select: {
        id: true,
        address: true,
        name: true,
        email: true,
        useCase: true,
        createdAt: true,
        mainnetApproved: true,
        role: true,
        _count: { select: { apiKeys: true } },
      },
    }),
    db.user.count({ where }),
  ]);
  return {
    rows: rows.map(({ _count, createdAt, ...u }) => ({ ...u, createdAt: createdAt.toISOString(), keyCount: _count.apiKeys })),
    total,
  };
}

export async function setMainnetApproval(actor: Actor, userId: string, approved: boolean): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { mainnetApproved: true } });
    if (!user) return false;
    if (user.mainnetApproved !== approved) {
      await tx.user.update({ where: { id: userId }, data: { mainnetApproved: approved } });
      await audit(tx, actor, approved ? "admin.user.mainnet_approve" : "admin.user.mainnet_unapprove", { type: "user", id: userId });
    }
    return true;
  });
}

export async function setAdminRole(actor: Actor, userId: string, admin: boolean): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { role: true } });
    if (!user) return false;
    const role = admin ? "admin" : "user";
    if (user.role !== role) {
      await tx.user.update({ where: { id: userId }, data: { role } });
      await audit(tx, actor, admin ? "admin.user.role_grant" : "admin.user.role_revoke", { type: "user", id: userId });
    }
    return true;
  });
}

// ── Audit log ───────────────────────────────────────────────────────────────────

export type AuditView = {
  id: string;
  createdAt: string;
  actorAddress: string;
  action: string;
  targetType: string;
  targetId: string;
  ip: string | null;
  details: unknown;
};

/** A target as an admin knows it: a user's address, a key's display prefix, or an id. */
async function targetIds(target: string): Promise<string[]> {
  const [users, keys] = await Promise.all([
    db.user.findMany({ where: { address: target.toUpperCase() }, select: { id: true } }),
    db.apiKey.findMany({ where: { start: { startsWith: target } }, select: { id: true }, take: 50 }),
  ]);
  return [target, ...users.map((u) => u.id), ...keys.map((k) => k.id)];
}

/** Read-only on purpose: the audit log has no update or delete path. */
export async function listAudit(query: { actor?: string; target?: string; page: number; pageSize: number }): Promise<{ rows: AuditView[]; total: number }> {
  const where: Prisma.AuditEventWhereInput = {
    AND: [
      query.actor ? { actorAddress: { startsWith: query.actor.toUpperCase() } } : {},
      query.target ? { targetId: { in: await targetIds(query.target) } } : {},
    ],
  };
  const [rows, total] = await Promise.all([
    db.auditEvent.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    }),
    db.auditEvent.count({ where }),
  ]);
  return {
    rows: rows.map((r) => ({
      id: r.id,
      createdAt: r.createdAt.toISOString(),
      actorAddress: r.actorAddress,
      action: r.action,
      targetType: r.targetType,
      targetId: r.targetId,
      ip: r.ip,
      details: r.details,
    })),
    total,
  };
}
