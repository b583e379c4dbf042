import "server-only";
// Authenticating a request to /api/v1 by its X-API-KEY: the key check itself (format and
// checksum first, then the cached lookup by hash and the lifecycle's verdict), the limits,
// last-used, and the HTTP answers. The key rules live in lib/keys; this is the request side.
import { apiError, unauthorized } from "@/lib/api/respond";
import { findKeyByHash, type KeyRecord } from "@/lib/data/api-key-auth";
import { cachedKey, cachedLookup } from "@/lib/data/key-cache";
import { env, keyHashSecret } from "@/lib/env";
import { parseKey } from "@/lib/keys/format";
import { hashKey } from "@/lib/keys/hash";
import { ipAllowed } from "@/lib/keys/ip-allowlist";
import { keyWorks } from "@/lib/keys/lifecycle";
import { effectiveRateLimit } from "@/lib/keys/view";
import type { Scope } from "@/lib/keys/scopes";
import { leasedPoint, limitApiKey, rateLimitHeaders, type LimitResult } from "@/lib/api/rate-limit";
import { admitLookup, chargeBadKey } from "./bad-key-budget";
import { ipFromHeaders } from "@/lib/api/request-ip";
import { noteKeyUse } from "@/lib/usage/context";
import { touchKey } from "@/lib/usage/last-used";
import { KEY_IN_URL_REFUSAL, keyInUrl } from "./key-in-url";

export type KeyCheck =
  | { ok: true; key: KeyRecord }
  // `refusedKeyId`: the key exists but does not work (disabled, held, revoked, expired, owner
  // suspended). Only for counting its usage: the caller still gets the one uniform 401.
  | { ok: false; reason: "invalid"; refusedKeyId?: string }
  | { ok: false; reason: "scope"; scope: Scope; key: KeyRecord };

/** Verifies a presented key: format and checksum first (no database), then hash lookup and state. */
export async function checkKey(raw: string, scope?: Scope, now = new Date()): Promise<KeyCheck> {
  return checkKeyHash(wellFormedKeyHash(raw), scope, now);
}

/** The stored hash of a presented key, or null when its format or checksum is wrong (no lookup then). */
const wellFormedKeyHash = (raw: string) => (parseKey(raw, env.KEY_PREFIX).ok ? hashKey(raw, keyHashSecret()) : null);

async function checkKeyHash(hash: string | null, scope?: Scope, now = new Date()): Promise<KeyCheck> {
  if (!hash) return { ok: false, reason: "invalid" };
  return judge(await cachedLookup(hash, () => findKeyByHash(hash), now.getTime()), scope, now);
}

/** The lifecycle's verdict on the key a hash found (null: none). */
function judge(key: KeyRecord | null, scope: Scope | undefined, now: Date): KeyCheck {
  if (!key) return { ok: false, reason: "invalid" };
  if (!keyWorks(key, now, key.createdBy)) return { ok: false, reason: "invalid", refusedKeyId: key.id };
  if (scope && !key.scopes.includes(scope)) return { ok: false, reason: "scope", scope, key };
  return { ok: true, key };
}

/** Spends a point of the key's own limit (its ceiling, or the owner's lower number; see effectiveRateLimit). */
export const limitKey = (key: KeyRecord) => limitApiKey(key.id, perMinuteOf(key));
const perMinuteOf = (key: KeyRecord) => effectiveRateLimit({ ...key, defaultRateLimit: env.RATE_LIMIT_API_PER_MINUTE }).rateLimit;

// Last use is written behind the request, by the write-behind batcher usage counts use too (lib/usage/last-used.ts).
export { flushKeyUses, KEY_USE_FLUSH_MS, touchKey } from "@/lib/usage/last-used";

export const keyInUrlResponse = () => apiError(KEY_IN_URL_REFUSAL.code, KEY_IN_URL_REFUSAL.message);

export function rateLimitedResponse(limit: Extract<LimitResult, { ok: false }>, what: string) {
  return apiError(
    "rate_limited",
    `${what} Retry after ${limit.retryAfter} s.`,
    {},
    { ...rateLimitHeaders(limit), "Retry-After": String(limit.retryAfter) },
  );
}

const badKeysResponse = (limit: Extract<LimitResult, { ok: false }>) =>
  rateLimitedResponse(limit, "Too many invalid API keys from your address.");

/**
 * The guard of every /api/v1 route: 400 for a key in the URL, one uniform 401 for
 * missing, malformed, unknown, disabled, revoked and expired keys, 429 past the key's
 * rate limit or past the client IP's budget of bad keys (RATE_LIMIT_BAD_KEYS_PER_MINUTE),
 * 403 `ip_not_allowed` from outside the key's IP allowlist, 403 naming the scope.
 */
export async function authenticateRequest(
  request: Request,
  scope?: Scope,
): Promise<{ ok: true; key: KeyRecord; headers: Record<string, string> } | { ok: false; response: Response }> {
  if (keyInUrl(new URL(request.url))) return { ok: false, response: keyInUrlResponse() };
  const raw = request.headers.get("x-api-key")?.trim();
  if (!raw) return { ok: false, response: unauthorized() };
  const ip = ipFromHeaders(request.headers);
  // A key that would cost a lookup must fit in the client's bad-key budget (past it: 429
  // before any lookup); only a lookup that fails is charged, so a working key writes nothing.
  const hash = wellFormedKeyHash(raw);
  const now = new Date();
  // A key the cache holds is judged without an await (the common case for a busy integration).
  const cached = hash === null ? null : cachedKey(hash, now.getTime());
  const costsLookup = hash !== null && !cached;
  const admitted = costsLookup ? admitLookup(ip) : null;
  if (admitted && !admitted.ok) return { ok: false, response: badKeysResponse(admitted) };
  let result: KeyCheck;
  if (cached) result = judge(cached, scope, now);
  else
    try {
      result = await checkKeyHash(hash, scope, now);
    } finally {
      if (admitted?.ok) admitted.done();
    }
  if (!result.ok && result.reason === "invalid") {
    if (result.refusedKeyId) noteKeyUse(request, { keyId: result.refusedKeyId, outcome: "refused", ip });
    const charged = costsLookup ? await chargeBadKey(ip) : null;
    if (charged && !charged.ok) return { ok: false, response: badKeysResponse(charged) };
    return { ok: false, response: unauthorized() };
  }
  // The key's own allowlist, before its rate limit: a request from elsewhere spends nothing.
  if (!ipAllowed(result.key.allowedIps, ip)) {
    noteKeyUse(request, { keyId: result.key.id, outcome: "ip_not_allowed", ip });
    return {
      ok: false,
      response: apiError(
        "ip_not_allowed",
        `This key may not be used from ${ip ?? "an unknown address"}. Its owner allows it only from listed addresses; add this one to the key's IP allowlist or call from an allowed server.`,
      ),
    };
  }
  const perMinute = perMinuteOf(result.key);
  const limit = leasedPoint(result.key.id, perMinute) ?? (await limitApiKey(result.key.id, perMinute));
  const headers = rateLimitHeaders(limit);
  if (!limit.ok) {
    noteKeyUse(request, { keyId: result.key.id, outcome: "rate_limited", ip });
    return { ok: false, response: rateLimitedResponse(limit, `This key made more than ${limit.limit} requests in a minute.`) };
  }
  touchKey(result.key.id, ip);
  noteKeyUse(request, { keyId: result.key.id, outcome: result.ok ? "success" : "insufficient_scope", ip });
  if (!result.ok) {
    return {
      ok: false,
      response: apiError(
        "insufficient_scope",
        `This key lacks the "${result.scope}" scope. Edit the key's scopes or use another key.`,
        { requiredScope: result.scope },
        headers,
      ),
    };
  }
  return { ok: true, key: result.key, headers };
}
