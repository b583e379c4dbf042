// A key as the browser sees it: JSON-safe (ISO dates), no hash. Used both for the first
// render and for the JSON that TanStack Query polls, so the two always agree.
import type { KeyNetwork } from "@/lib/networks/key";
import type { KeyState, KeyStatus } from "./lifecycle";
import type { MainnetAccessView } from "./mainnet-access";
import type { WorkspaceRole } from "@/lib/workspaces/permissions";

export type KeyView = {
  id: string;
  name: string;
  description: string | null;
  network: KeyNetwork;
  start: string;
  /** Prefix and last four characters: `kp_test_4fQ0…a1B2`. */
  masked: string;
  scopes: string[];
  status: KeyStatus;
  /** The owner's switch (an admin's hold can refuse the key while it is on). */
  enabled: boolean;
  /** Who is keeping it off: an admin's hold wins over the owner's switch. */
  disabledBy: "admin" | "owner" | null;
  /** When an admin placed the hold, and the reason they gave (shown to the owner). */
  disabledAt: string | null;
  disabledReason: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  lastUsedIp: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
  rotatedAt: string | null;
  replacedById: string | null;
  /** Where the key may be used from; empty: anywhere. */
  allowedIps: string[];
  /** Requests per minute this key may make, and the most its owner may set (an admin can raise it). */
  rateLimit: number;
  rateLimitCeiling: number;
  /** Whether the owner lowered it below the ceiling. */
  rateLimitLowered: boolean;
  /** Found in public (GitHub secret scanning): when, and where the report said. */
  leak: { at: string; url: string | null; source: string | null } | null;
  /** The member who requested it: the key stays with the workspace when they leave. */
  createdBy: { id: string; address: string; name: string | null };
};

/** Requests per UTC day over the last 7 days (oldest first), per key id; keys without any are absent. The list's sparklines. */
export type KeySparklines = { days: string[]; counts: Record<string, number[]> };

/** The workspace a page is about, and the caller's role in it. */
export type WorkspaceContext = { id: string; slug: string; name: string; personal: boolean; role: WorkspaceRole };

export type KeysPayload = {
  keys: KeyView[];
  usage: KeySparklines;
  context: {
    hasUseCase: boolean;
    mainnetApproved: boolean;
    active: number;
    limit: number;
    mainnet: MainnetAccessView;
    workspace: WorkspaceContext;
    /** The caller's user id: developers manage the keys they created. */
    you: string;
  };
};

/** Keys that still work but stop within this many days are flagged in the list, on their page and in a banner. */
export const EXPIRY_WARNING_DAYS = 7;

/**
 * Whole days until a working key expires, when that is within EXPIRY_WARNING_DAYS; otherwise null.
 * A key being rotated out ("rotating") is not expiring: it already has a successor, and its end
 * is the overlap's, told by `rotatingOut` (the banner's "rotate it" would be wrong advice).
 */
export function expiresSoon(k: Pick<KeyView, "status" | "expiresAt">, now = Date.now()): number | null {
  if (!k.expiresAt || k.status !== "active") return null;
  const left = Date.parse(k.expiresAt) - now;
  return left > 0 && left <= EXPIRY_WARNING_DAYS * 86_400_000 ? Math.ceil(left / 86_400_000) : null;
}

/** A key being rotated out: its successor's id and when it stops (the overlap's end); null for any other key. */
export function rotatingOut(k: Pick<KeyView, "status" | "expiresAt" | "replacedById">): { successorId: string; stopsAt: string } | null {
  return k.status === "rotating" && k.replacedById && k.expiresAt ? { successorId: k.replacedById, stopsAt: k.expiresAt } : null;
}

/** The longest life a key may be given, in days. */
const MAX_EXPIRY_DAYS = 3 * 365;

/**
 * The dates the picker offers: tomorrow up to three years ahead. The server's schema checks the
 * same range; it lives here, not with the schema, so the dialog does not load zod for it.
 */
export function expiryDateRange(now = Date.now()) {
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  return { min: day(now + 86_400_000), max: day(now + (MAX_EXPIRY_DAYS - 1) * 86_400_000) }; // the last day that ends within range
}

/** A key as lists show it: prefix and last four, `kp_test_4fQ0…a1B2` (just the prefix for older keys). */
export const maskKey = (start: string, end: string | null) => `${start}…${end ?? ""}`;

type DateLike = Date | null;
const iso = (d: DateLike) => d?.toISOString() ?? null;

type KeyViewSource = Omit<
  KeyView,
  | "createdAt"
  | "lastUsedAt"
  | "expiresAt"
  | "revokedAt"
  | "rotatedAt"
  | "disabledBy"
  | "disabledAt"
  | "disabledReason"
  | "masked"
  | "rateLimit"
  | "rateLimitCeiling"
  | "rateLimitLowered"
  | "leak"
> & {
  rateLimit: number | null;
  rateLimitCeiling: number | null;
  defaultRateLimit: number;
  leakedAt?: DateLike;
  leakedUrl?: string | null;
  leakedSource?: string | null;
  end: string | null;
  createdAt: Date;
  lastUsedAt: DateLike;
  expiresAt: DateLike;
  revokedAt: DateLike;
  rotatedAt: DateLike;
  heldAt: DateLike;
  heldReason: string | null;
};

export function toKeyView(k: KeyViewSource): KeyView {
  return {
    id: k.id,
    name: k.name,
    description: k.description,
    network: k.network,
    start: k.start,
    masked: maskKey(k.start, k.end),
    scopes: k.scopes,
    status: k.status,
    enabled: k.enabled,
    disabledBy: k.heldAt ? "admin" : k.enabled ? null : "owner",
    disabledAt: iso(k.heldAt),
    disabledReason: k.heldAt ? k.heldReason : null,
    createdAt: k.createdAt.toISOString(),
    lastUsedAt: iso(k.lastUsedAt),
    lastUsedIp: k.lastUsedIp,
    expiresAt: iso(k.expiresAt),
    revokedAt: iso(k.revokedAt),
    rotatedAt: iso(k.rotatedAt),
    replacedById: k.replacedById,
    allowedIps: k.allowedIps,
    ...effectiveRateLimit(k),
    leak: k.leakedAt ? { at: k.leakedAt.toISOString(), url: k.leakedUrl ?? null, source: k.leakedSource ?? null } : null,
    createdBy: k.createdBy,
  };
}

/**
 * A key's limit in requests per minute: the admin's ceiling (else the deployment's default,
 * RATE_LIMIT_API_PER_MINUTE), lowered by the owner's own limit when that is smaller.
 */
export function effectiveRateLimit(k: { rateLimit: number | null; rateLimitCeiling: number | null; defaultRateLimit: number }) {
  const ceiling = k.rateLimitCeiling ?? k.defaultRateLimit;
  const limit = k.rateLimit !== null && k.rateLimit < ceiling ? k.rateLimit : ceiling;
  return { rateLimit: limit, rateLimitCeiling: ceiling, rateLimitLowered: limit < ceiling };
}

const date = (iso: string | null) => (iso ? new Date(iso) : null);

/** The lifecycle's view of a listed key, so screens ask lib/keys/lifecycle.ts what it allows. */
export function keyViewState(k: KeyView): KeyState {
  return {
    enabled: k.enabled,
    heldAt: k.disabledBy === "admin" ? (date(k.disabledAt) ?? new Date(0)) : null,
    revokedAt: date(k.revokedAt),
    expiresAt: date(k.expiresAt),
    rotatedAt: date(k.rotatedAt),
    replacedById: k.replacedById,
    network: k.network,
    leakedAt: date(k.leak?.at ?? null),
  };
}
