import "server-only";
// A short-lived, per-instance cache of key lookups by hash: the hot path skips the
// database for repeat callers. STALENESS BOUND: an entry lives KEY_CACHE_TTL_MS, so a key
// disabled, revoked or re-scoped on another instance stops (or changes) within that time
// on every instance; on the instance that made the change it is evicted at once. Expiry
// is checked on every request against the clock, so it is exact regardless.
//
// Known keys and unknown ones live in separate LRUs: a flood of made-up keys (anyone can
// compute a valid checksum) fills only the bounded negative cache and never evicts a key
// that real integrations are using.
import { LRUCache } from "lru-cache";
import type { KeyRecord } from "@/lib/data/keys/lookup";
import { processState } from "@/lib/core/process-state";

export const KEY_CACHE_TTL_MS = 2_000;
export const KNOWN_KEYS_MAX = 20_000;
export const UNKNOWN_KEYS_MAX = 5_000;

type Entry = { at: number; key: KeyRecord };
// Process-wide: the server action that evicts and the API route that reads are different bundles.
const caches = processState("keyCache", () => ({
  known: new LRUCache<string, Entry>({ max: KNOWN_KEYS_MAX }),
  unknown: new LRUCache<string, number>({ max: UNKNOWN_KEYS_MAX }),
  hashById: new Map<string, string>(),
  // Lookups under way, by hash: a burst of requests with one uncached key shares one lookup.
  pending: new Map<string, Promise<KeyRecord | null>>(),
}));

/** A live cached answer: the key, null for a known miss, undefined when only a lookup can tell (synchronous: the hot path needs no await). */
export function cachedKey(hash: string, now = Date.now()): KeyRecord | null | undefined {
  const hit = caches.known.get(hash);
  if (hit && now - hit.at < KEY_CACHE_TTL_MS) return hit.key;
  const miss = caches.unknown.get(hash);
  if (miss !== undefined && now - miss < KEY_CACHE_TTL_MS) return null;
  return undefined;
}

/** The lookup of `hash` already under way, if any: a request can wait for it instead of starting its own. */
export const pendingLookup = (hash: string): Promise<KeyRecord | null> | undefined => caches.pending.get(hash);

/**
 * A cached answer, or one lookup shared by everyone who asks for `hash` while it runs (a key
 * whose entry just expired, under a burst of its integration's requests, costs one query).
 */
export function cachedLookup(hash: string, load: () => Promise<KeyRecord | null>, now = Date.now()): Promise<KeyRecord | null> {
  const cached = cachedKey(hash, now);
  if (cached !== undefined) return Promise.resolve(cached);
  const { pending } = caches;
  const running = pending.get(hash);
  if (running) return running;
  const lookup = load()
    .then((key) => remember(hash, key, now))
    .finally(() => pending.delete(hash));
  pending.set(hash, lookup);
  return lookup;
}

function remember(hash: string, key: KeyRecord | null, now: number): KeyRecord | null {
  const { known, unknown, hashById } = caches;
  if (key) {
    known.set(hash, { at: now, key });
    hashById.set(key.id, hash);
    if (hashById.size > KNOWN_KEYS_MAX * 2) for (const [id, h] of hashById) if (!known.has(h)) hashById.delete(id);
  } else {
    unknown.set(hash, now);
  }
  return key;
}

/** Called after a key changes on this instance, so the change applies to the next request. */
export function forgetKey(keyId: string) {
  const hash = caches.hashById.get(keyId);
  if (hash) caches.known.delete(hash);
  caches.hashById.delete(keyId);
}

/** How many known and unknown keys this instance holds (for tests and diagnostics). */
export const cacheSizes = () => ({ known: caches.known.size, unknown: caches.unknown.size });
