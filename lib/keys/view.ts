// A key as the browser sees it: JSON-safe (ISO dates), no hash. Used both for the first
// render and for the JSON that TanStack Query polls, so the two always agree. The rules it
// shows (a key's limit, when it expires) live in ./rate-limit.ts and ./expiry.ts.
import type { KeyNetwork } from "@/lib/networks/key";
import type { KeyState, KeyStatus } from "./lifecycle";
import type { MainnetAccessView } from "./mainnet-access";
import type { WorkspaceRole } from "@/lib/workspaces/permissions";
import { effectiveRateLimit } from "./rate-limit";

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

/** Where a workspace's use case is written: the owner's profile, or the team's settings. */
export function homeOfUseCase(w: { personal: boolean; slug: string }): { href: string; where: string; whose: string } {
  return w.personal
    ? { href: "/settings/profile", where: "your profile", whose: "your use case" }
    : { href: `/w/${w.slug}/settings`, where: "Team settings", whose: "the team's use case" };
}

export type KeysPayload = {
  /** When the server began reading it (epoch ms): a newer read replaces an older cached one. */
  readAt: number;
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
