import "server-only";
// A short-lived, per-instance cache of key lookups by hash: the hot path skips the
// database for repeat callers. STALENESS BOUND: an entry lives KEY_CACHE_TTL_MS, so a key
// disabled, revoked or re-scoped on another instance stops (or changes) within that time
// on every instance; on the instance that made the change it is evicted at once. Expiry
// is checked on every request against the clock, so it is exact regardless.
import type { KeyRecord } from "@/lib/data/api-key-auth";
import { processState } from "@/lib/process-state";

export const KEY_CACHE_TTL_MS = 2_000;
const MAX_ENTRIES = 20_000;

type Entry = { at: number; key: KeyRecord | null };
// Process-wide: the server action that evicts and the API route that reads are different bundles.
const byHash = processState("keyCache.byHash", () => new Map<string, Entry>());
const hashById = processState("keyCache.hashById", () => new Map<string, string>());

export async function cachedLookup(hash: string, load: () => Promise<KeyRecord | null>, now = Date.now()): Promise<KeyRecord | null> {
  const hit = byHash.get(hash);
  if (hit && now - hit.at < KEY_CACHE_TTL_MS) return hit.key;
  const key = await load();
  if (byHash.size >= MAX_ENTRIES) {
    byHash.clear();
    hashById.clear();
  }
  byHash.set(hash, { at: now, key });
  if (key) hashById.set(key.id, hash);
  return key;
}

/** Called after a key changes on this instance, so the change applies to the next request. */
export function forgetKey(keyId: string) {
  const hash = hashById.get(keyId);
  if (hash) byHash.delete(hash);
  hashById.delete(keyId);
}
