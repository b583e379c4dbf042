import "server-only";
// The key check as a verdict: `verifyKey(raw, { scope, ip, now }, deps)` says what a presented
// key may do right now (format and checksum first, then the cached lookup by hash and the
// lifecycle's rules, the key's IP allowlist, its rate limit, the scope) and returns one
// status with the key and its limit state. It knows nothing of HTTP: the store, the cache and
// the limiters come in as `deps`, and lib/api/verdict-answers.ts maps a status to its answer.
// Usage and last use are recorded by the caller, from the verdict (lib/plane/key-route.ts).
import { findKeyByHash, type KeyRecord } from "@/lib/data/keys/lookup";
import { cachedKey, cachedLookup, pendingLookup } from "@/lib/data/keys/cache";
import { env, keyHashSecret } from "@/lib/core/env";
import { parseKey } from "@/lib/keys/format";
import { hashKey } from "@/lib/keys/hash";
import { ipAllowed } from "@/lib/keys/ip-allowlist";
import { keyWorks } from "@/lib/keys/lifecycle";
import { effectiveRateLimit } from "@/lib/keys/rate-limit";
import type { Scope } from "@/lib/keys/scopes";
import { leasedPoint, limitApiKey } from "@/lib/limits/limits";
import type { LimitResult } from "@/lib/limits/types";
import { admitJoin, admitLookup, chargeBadKey, type Admission } from "@/lib/limits/bad-key-budget";

type Refused = Extract<LimitResult, { ok: false }>;

/** What a presented key may do right now: one status, with the key and its limit state. */
export type Verdict =
  // Missing, malformed, unknown, disabled, held, leaked, revoked, expired, owner suspended: one
  // status, so one answer. `refusedKeyId`: the key exists but does not work (for its usage only).
  | { status: "invalid"; refusedKeyId?: string }
  /** The client IP presented more unknown keys this minute than RATE_LIMIT_BAD_KEYS_PER_MINUTE. */
  | { status: "too_many_bad_keys"; limit: Refused; refusedKeyId?: string }
  | { status: "ip_not_allowed"; key: KeyRecord; ip: string | null }
  | { status: "rate_limited"; key: KeyRecord; limit: Refused }
  | { status: "insufficient_scope"; key: KeyRecord; scope: Scope; limit: LimitResult }
  | { status: "valid"; key: KeyRecord; limit: LimitResult };
export type VerdictStatus = Verdict["status"];

/** What the verdict needs from the world; `keyDeps` is the real one, tests may pass their own. */
export type KeyDeps = {
  /** The stored hash of a presented key, or null when its format or checksum is wrong (no lookup then). */
  hash: (raw: string) => string | null;
  /** A key the cache holds (null: known to be unknown; undefined: not cached). */
  cached: (hash: string, now: number) => KeyRecord | null | undefined;
  lookup: (hash: string, now: number) => Promise<KeyRecord | null>;
  /** The lookup of this hash already under way (another request started it), if any. */
  pending: (hash: string) => Promise<KeyRecord | null> | undefined;
  /**
   * The client IP's budget of failed lookups; absent: no budget (the operator's /keys/verify).
   * `admit` before a lookup of one's own, `join` before waiting for one under way.
   */
  badKeys?: {
    admit: (ip: string | null) => Admission;
    join: (ip: string | null) => Admission;
    charge: (ip: string | null) => Promise<LimitResult>;
  };
  /** Spends a point of the key's limit: from this instance's lease without an await when it can. */
  limit: (keyId: string, perMinute: number) => LimitResult | Promise<LimitResult>;
  /** Requests per minute when a key has no limit of its own. */
  defaultPerMinute: number;
};

export const keyDeps: KeyDeps = {
  hash: (raw) => (parseKey(raw, env.KEY_PREFIX).ok ? hashKey(raw, keyHashSecret()) : null),
  cached: cachedKey,
  lookup: (hash, now) => cachedLookup(hash, () => findKeyByHash(hash), now),
  pending: pendingLookup,
  badKeys: { admit: (ip) => admitLookup(ip), join: (ip) => admitJoin(ip), charge: (ip) => chargeBadKey(ip) },
  limit: (keyId, perMinute) => leasedPoint(keyId, perMinute) ?? limitApiKey(keyId, perMinute),
  get defaultPerMinute() {
    return env.RATE_LIMIT_API_PER_MINUTE;
  },
};

/** The key's own limit: its ceiling, or the owner's lower number (see effectiveRateLimit). */
const perMinuteOf = (key: KeyRecord, fallback: number) => effectiveRateLimit({ ...key, defaultRateLimit: fallback }).rateLimit;

type VerifyOptions = { scope?: Scope; ip: string | null; now?: Date };

/**
 * The verdict on a presented key, in this order: format and checksum (no database); past the
 * client IP's bad-key budget, refused before any lookup; the lookup (cached 2 s) and the
 * lifecycle; the key's IP allowlist (a request from elsewhere spends nothing); a point of its
 * rate limit; the scope (a request lacking it has spent its point: it reached the key).
 * Answered without a promise when it can be (a cached key, a point from this instance's lease:
 * the hot path, where every promise costs, Node 20's async context hooks for Next.js included);
 * otherwise a promise. Callers `await` it either way.
 */
export function verifyKey(raw: string | null | undefined, opts: VerifyOptions, deps: KeyDeps = keyDeps): Verdict | Promise<Verdict> {
  const presented = raw?.trim();
  if (!presented) return { status: "invalid" };
  const hash = deps.hash(presented);
  if (hash === null) return { status: "invalid" };
  const now = opts.now ?? new Date();
  // A key the cache holds is judged without an await (the common case for a busy integration).
  const key = deps.cached(hash, now.getTime());
  if (!key) return lookUpAndJudge(hash, opts.ip, now, opts.scope, deps);
  if (!keyWorks(key, now, key.createdBy)) return { status: "invalid", refusedKeyId: key.id };
  return judge(key, opts.ip, opts.scope, deps);
}

async function lookUpAndJudge(hash: string, ip: string | null, now: Date, scope: Scope | undefined, deps: KeyDeps): Promise<Verdict> {
  // Not cached, or cached as unknown: it costs a lookup (or would), so it must fit in the
  // client IP's budget of bad keys; only a lookup that fails is charged, after it, so a
  // working key writes nothing. A request whose key is already being looked up (a burst with
  // one key whose cache entry just expired) waits for that lookup: it costs none of its own,
  // takes no place in the gate and, if the key does not work, is not charged again.
  const joined = deps.pending(hash);
  const admitted = joined ? deps.badKeys?.join(ip) : deps.badKeys?.admit(ip);
  if (admitted && !admitted.ok) return { status: "too_many_bad_keys", limit: admitted };
  let key: KeyRecord | null;
  try {
    key = await (joined ?? deps.lookup(hash, now.getTime()));
  } finally {
    if (admitted?.ok) admitted.done();
  }
  if (!key || !keyWorks(key, now, key.createdBy)) {
    const charged = deps.badKeys && !joined ? await deps.badKeys.charge(ip) : null;
    if (charged && !charged.ok) return { status: "too_many_bad_keys", limit: charged, ...(key && { refusedKeyId: key.id }) };
    return key ? { status: "invalid", refusedKeyId: key.id } : { status: "invalid" };
  }
  return judge(key, ip, scope, deps);
}

/** For a key that works: its allowlist, a point of its limit, then the scope. */
function judge(key: KeyRecord, ip: string | null, scope: Scope | undefined, deps: KeyDeps): Verdict | Promise<Verdict> {
  if (!ipAllowed(key.allowedIps, ip)) return { status: "ip_not_allowed", key, ip };
  const limit = deps.limit(key.id, perMinuteOf(key, deps.defaultPerMinute));
  return limit instanceof Promise ? limit.then((l) => afterLimit(key, scope, l)) : afterLimit(key, scope, limit);
}

function afterLimit(key: KeyRecord, scope: Scope | undefined, limit: LimitResult): Verdict {
  if (!limit.ok) return { status: "rate_limited", key, limit };
  if (scope && !key.scopes.includes(scope)) return { status: "insufficient_scope", key, scope, limit };
  return { status: "valid", key, limit };
}

export type KeyCheck =
  | { ok: true; key: KeyRecord }
  | { ok: false; reason: "invalid"; refusedKeyId?: string }
  | { ok: false; reason: "scope"; scope: Scope; key: KeyRecord };

/**
 * The lifecycle's answer alone, without limits, allowlist or budget (it spends nothing): for
 * code that asks whether a key works, such as the data layer's tests.
 */
export async function checkKey(raw: string, scope?: Scope, now = new Date()): Promise<KeyCheck> {
  const hash = keyDeps.hash(raw);
  if (!hash) return { ok: false, reason: "invalid" };
  const key = await keyDeps.lookup(hash, now.getTime());
  if (!key) return { ok: false, reason: "invalid" };
  if (!keyWorks(key, now, key.createdBy)) return { ok: false, reason: "invalid", refusedKeyId: key.id };
  if (scope && !key.scopes.includes(scope)) return { ok: false, reason: "scope", scope, key };
  return { ok: true, key };
}

// Last use is written behind the request, by the write-behind batcher usage counts use too (lib/usage/last-used.ts).
export { flushKeyUses, KEY_USE_FLUSH_MS, touchKey } from "@/lib/usage/last-used";
