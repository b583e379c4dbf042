import "server-only";
import { pagedQuery, type Page } from "./paging";
// The admin console's view of every key. Not scoped to one user: every caller must have
// passed checkAdmin()/requireAdmin() first. Changes go through ./key-lifecycle.ts as "admin".
import { db } from "@/lib/db";
import { env, keyHashSecret } from "@/lib/env";
import type { Prisma } from "@/lib/generated/prisma/client";
import { DISPLAY_PREFIX_LENGTH } from "@/lib/keys/format";
import { hashKey } from "@/lib/keys/hash";
import { toKeyView, type KeyView } from "@/lib/keys/view";
import { keySelect, toDTO } from "./api-keys";
import type { Actor } from "./audit";
import { keyStatusWhere, type KeyStatusFilter } from "./key-filters";
import { revokeKey, setKeyEnabled, setKeyRateCeiling, type KeyResult } from "./key-lifecycle";

/** `owner`: the key's creator (whose suspension stops it); `workspace`: the tenant it belongs to. */
export type AdminKeyView = KeyView & {
  owner: { id: string; address: string; name: string | null; suspended: boolean };
  workspace: { id: string; slug: string; name: string; personal: boolean };
};
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
  createdBy: { select: { id: true, address: true, name: true, suspendedAt: true } },
  workspace: { select: { id: true, slug: true, name: true, personal: true } },
} satisfies Prisma.ApiKeySelect;

type AdminKeyRow = Prisma.ApiKeyGetPayload<{ select: typeof adminKeySelect }>;

function toAdminView({ createdBy: { suspendedAt, ...owner }, workspace, ...k }: AdminKeyRow, now = new Date()): AdminKeyView {
  return { ...toKeyView(toDTO({ ...k, createdBy: owner }, now)), owner: { ...owner, suspended: !!suspendedAt }, workspace };
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
    where: addressLike
      ? { address: { startsWith: q } }
      : { OR: [{ address: { startsWith: q.toUpperCase() } }, { name: { contains: q, mode: "insensitive" } }] },
    select: { id: true },
    take: 500,
  });
  const byOwner = owners.length ? [{ createdById: { in: owners.map((o) => o.id) } }] : [];
  if (addressLike) return byOwner.length ? byOwner[0]! : { id: { in: [] } };
  return { OR: [...byOwner, { name: { contains: q, mode: "insensitive" } }] };
}

export async function listAllKeys(query: AdminKeyQuery): Promise<Page<AdminKeyView>> {
  const now = new Date();
  const where: Prisma.ApiKeyWhereInput = {
    AND: [
      query.q ? await searchWhere(query.q) : {},
      query.network ? { network: query.network } : {},
      query.status ? keyStatusWhere(query.status, now) : {},
    ],
  };
  // Never-used keys go last when newest first and first when oldest first: the same
  // order read both ways, so one index ("lastUsedAt" DESC NULLS LAST, id DESC) serves both.
  const orderBy: Prisma.ApiKeyOrderByWithRelationInput[] =
    query.sort === "lastUsedAt"
      ? [{ lastUsedAt: { sort: query.dir, nulls: query.dir === "desc" ? "last" : "first" } }, { id: query.dir }]
      : [{ createdAt: query.dir }, { id: query.dir }];
  return pagedQuery(
    query,
    (window) => db.apiKey.findMany({ where, orderBy, ...window, select: adminKeySelect }),
    () => db.apiKey.count({ where }),
    (r) => toAdminView(r, now),
  );
}

/** A leaked key, found by its hash: the admin never needs the plaintext stored anywhere. */
export async function findKeyByPlaintext(plaintext: string): Promise<AdminKeyView | null> {
  const row = await db.apiKey.findUnique({ where: { hash: hashKey(plaintext, keyHashSecret()) }, select: adminKeySelect });
  return row ? toAdminView(row) : null;
}

async function withAdminView(result: KeyResult<{ id: string }>): Promise<KeyResult<AdminKeyView>> {
  if (!result.ok) return result;
  return { ok: true, data: toAdminView(await db.apiKey.findUniqueOrThrow({ where: { id: result.data.id }, select: adminKeySelect })) };
}

/** Enables or disables any user's key. An admin's disable holds: the owner cannot undo it. */
export async function adminSetKeyEnabled(actor: Actor, keyId: string, enabled: boolean, reason: string | null = null) {
  return withAdminView(await setKeyEnabled({ actor, as: "admin" }, keyId, enabled, reason));
}

export async function adminRevokeKey(actor: Actor, keyId: string, reason: string | null = null) {
  return withAdminView(await revokeKey({ actor, as: "admin" }, keyId, reason));
}

/** Sets any key's rate-limit ceiling (null: the deployment's default); the owner may still lower the key below it. */
export async function adminSetKeyCeiling(actor: Actor, keyId: string, ceiling: number | null) {
  return withAdminView(await setKeyRateCeiling(actor, keyId, ceiling));
}
