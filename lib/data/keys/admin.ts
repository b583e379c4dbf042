import "server-only";
import type { Result } from "@/lib/core/result";
// The admin console's view of every key. Not scoped to one user: every caller must have
// passed checkAdmin()/requireAdmin() first. Changes go through ./lifecycle.ts as "admin".
import { db } from "@/lib/database/client";
import { env, keyHashSecret } from "@/lib/core/env";
import type { Prisma } from "@/lib/generated/prisma/client";
import { DISPLAY_PREFIX_LENGTH } from "@/lib/keys/format";
import { hashKey } from "@/lib/keys/hash";
import { toKeyView, type KeyView } from "@/lib/keys/view";
import { keySelect, toDTO } from "./list";
import type { Actor } from "@/lib/data/audit/write";
import { encodeCursor } from "@/lib/validation/cursor";
import { keyStatusWhere, type KeyStatusFilter } from "./filters";
import { seekPage, type Cursor } from "@/lib/data/sql/keyset";
import { revokeKey, setKeyEnabled, setKeyRateCeiling, type KeyFailure } from "./lifecycle";
import { escapeLike } from "@/lib/data/sql/like";

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
  after?: Cursor;
  before?: Cursor;
  pageSize: number;
};
/**
 * `total` counts at most COUNT_CAP + 1 rows (`totalCapped` then says "more than COUNT_CAP", or SEARCH_COUNT_CAP for a search):
 * an exact count of a million keys reads a million index entries on every refresh.
 * `next`/`prev`: cursors of the neighbouring pages, null at either end.
 */
export type AdminKeyPage = { rows: AdminKeyView[]; total: number; totalCapped: boolean; next: string | null; prev: string | null };

export const COUNT_CAP = 10_000;
/**
 * A name search is counted to 1,000: its matches are found by filtering the newest-first
 * index, and 10,000 matches of a common word ("prod") meant reading 150,000 keys per refresh.
 */
export const SEARCH_COUNT_CAP = 1_000;

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
  if (q.startsWith(`${env.KEY_PREFIX}_`)) return { start: { startsWith: escapeLike(q.slice(0, DISPLAY_PREFIX_LENGTH)) } };
  const addressLike = ADDRESS_LIKE.test(q);
  const text = escapeLike(q);
  const owners = await db.user.findMany({
    where: addressLike
      ? { address: { startsWith: q } }
      : { OR: [{ address: { startsWith: text.toUpperCase() } }, { name: { contains: text, mode: "insensitive" } }] },
    select: { id: true },
    take: 500,
  });
  const byOwner = owners.length ? [{ createdById: { in: owners.map((o) => o.id) } }] : [];
  if (addressLike) return byOwner.length ? byOwner[0]! : { id: { in: [] } };
  // Trigram index ("ApiKey_name_trgm_idx"): a substring match without reading every name.
  return { OR: [...byOwner, { name: { contains: text, mode: "insensitive" } }] };
}

export async function listAllKeys(query: AdminKeyQuery): Promise<AdminKeyPage> {
  const now = new Date();
  const where: Prisma.ApiKeyWhereInput = {
    AND: [
      query.q ? await searchWhere(query.q) : {},
      query.network ? { network: query.network } : {},
      query.status ? keyStatusWhere(query.status, now) : {},
    ],
  };
  const cap = query.q ? SEARCH_COUNT_CAP : COUNT_CAP;
  const [page, counted] = await Promise.all([
    seekPage(
      (window) => db.apiKey.findMany({ ...window, select: adminKeySelect }),
      where,
      query,
      (k) => k[query.sort],
    ),
    // COUNT over a LIMIT: stops at the cap instead of reading every match. The order lets the
    // planner stop early along an index when matches are many, or sort the few when rare.
    db.apiKey.count({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: cap + 1 }),
  ]);
  return {
    rows: page.rows.map((r) => toAdminView(r, now)),
    total: Math.min(counted, cap),
    totalCapped: counted > cap,
    next: page.next && encodeCursor(page.next),
    prev: page.prev && encodeCursor(page.prev),
  };
}

/** A leaked key, found by its hash: the admin never needs the plaintext stored anywhere. */
export async function findKeyByPlaintext(plaintext: string): Promise<AdminKeyView | null> {
  const row = await db.apiKey.findUnique({ where: { hash: hashKey(plaintext, keyHashSecret()) }, select: adminKeySelect });
  return row ? toAdminView(row) : null;
}

async function withAdminView(result: Result<{ id: string }, KeyFailure>): Promise<Result<AdminKeyView, KeyFailure>> {
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
