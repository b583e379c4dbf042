import "server-only";
import { apiError, unauthorized } from "@/lib/api/respond";
import { findKeyByHash, LAST_USED_INTERVAL_MS, recordKeyUse, type KeyRecord } from "@/lib/data/api-key-auth";
import { env, keyHashSecret } from "@/lib/env";
import { processState } from "@/lib/process-state";
import { limitApiKey, rateLimitHeaders } from "@/lib/rate-limit";
import { ipFromHeaders } from "@/lib/request-ip";
import { parseKey } from "./format";
import { hashKey } from "./hash";
import { cachedLookup } from "./key-cache";
import { keyWorks } from "./lifecycle";
import type { Scope } from "./scopes";

// Query parameters a key must never travel in: URLs end up in logs, history and referrers.
const KEY_PARAMS = ["api_key", "apikey", "apiKey", "key", "x-api-key", "X-API-KEY", "token", "access_token"];

export type KeyCheck = { ok: true; key: KeyRecord } | { ok: false; reason: "invalid" } | { ok: false; reason: "scope"; scope: Scope; key: KeyRecord };

/** Verifies a presented key: format and checksum first (no database), then hash lookup and state. */
export async function checkKey(raw: string, scope?: Scope, now = new Date()): Promise<KeyCheck> {
  if (!parseKey(raw, env.KEY_PREFIX).ok) return { ok: false, reason: "invalid" };
  const hash = hashKey(raw, keyHashSecret());
  const key = await cachedLookup(hash, () => findKeyByHash(hash), now.getTime());
  if (!key || !keyWorks(key, now, key.user)) return { ok: false, reason: "invalid" };
  if (scope && !key.scopes.includes(scope)) return { ok: false, reason: "scope", scope, key };
  return { ok: true, key };
}

export const clientIp = (request: Request) => ipFromHeaders(request.headers);

// Per-instance memory of recent writes: spares the database even the conditional update.
const recentlyTouched = processState("lastUsed.recentlyTouched", () => new Map<string, number>());

export async function touchKey(keyId: string, ip: string | null) {
  const now = Date.now();
  const last = recentlyTouched.get(keyId);
  if (last && now - last < LAST_USED_INTERVAL_MS) return;
  recentlyTouched.set(keyId, now);
  if (recentlyTouched.size > 50_000) recentlyTouched.clear();
  await recordKeyUse(keyId, ip, new Date(now));
}

/**
 * The guard of every /api/v1 route: 400 for a key in the URL, one uniform 401 for
 * missing, malformed, unknown, disabled, revoked and expired keys, 429 past the key's
 * rate limit, 403 naming the scope. Bad keys are refused before they cost a limit point.
 */
export async function authenticateRequest(
  request: Request,
  scope?: Scope,
): Promise<{ ok: true; key: KeyRecord; headers: Record<string, string> } | { ok: false; response: Response }> {
  const params = new URL(request.url).searchParams;
  if (KEY_PARAMS.some((p) => params.has(p))) {
    return {
      ok: false,
      response: apiError(400, "key_in_url", "API keys are not accepted in the URL, where they leak into logs and browser history. Send the key in the X-API-KEY header."),
    };
  }
  const raw = request.headers.get("x-api-key")?.trim();
  if (!raw) return { ok: false, response: unauthorized() };
  const result = await checkKey(raw, scope);
  if (!result.ok && result.reason === "invalid") return { ok: false, response: unauthorized() };
  const limit = await limitApiKey(result.key.id);
  const headers = rateLimitHeaders(limit);
  if (!limit.ok) {
    return {
      ok: false,
      response: apiError(429, "rate_limited", `This key made more than ${limit.limit} requests in a minute. Retry after ${limit.retryAfter} s.`, {}, {
        ...headers,
        "Retry-After": String(limit.retryAfter),
      }),
    };
  }
  await touchKey(result.key.id, clientIp(request));
  if (!result.ok) {
    return {
      ok: false,
      response: apiError(403, "insufficient_scope", `This key lacks the "${result.scope}" scope. Edit the key's scopes or use another key.`, { requiredScope: result.scope }, headers),
    };
  }
  return { ok: true, key: result.key, headers };
}
