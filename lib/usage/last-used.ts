import "server-only";
// "Last used" (time and client IP) of keys, written behind the request: a key seen for the first
// time in a minute used to cost its request a logged UPDATE before the answer; 10,000 keys seen
// round-robin meant one per request. The write-behind batcher (lib/batching/write-behind.ts) writes
// them within KEY_USE_FLUSH_MS, 5,000 keys at most a statement, and on shutdown; a crash loses
// at most that second of "last used". At most once per key per minute: this instance's memory
// skips keys it wrote in the last minute, and the database's condition does so across instances.
import { LAST_USED_INTERVAL_MS, recordKeyUses } from "@/lib/data/keys/lookup";
import { processState } from "@/lib/core/process-state";
import { writeBehind } from "@/lib/batching/write-behind";

export const KEY_USE_FLUSH_MS = 1_000;

type Use = { keyId: string; ip: string | null; at: Date };

const state = processState("lastUsed.writeBehind", () => ({
  recentlyTouched: new Map<string, number>(),
  batcher: writeBehind<Map<string, Use>>({
    name: "last-used",
    create: () => new Map(),
    size: (b) => b.size,
    maxBatch: 5_000,
    flushMs: () => KEY_USE_FLUSH_MS,
    write: async (b) => void (await recordKeyUses([...b.values()])),
  }),
}));

/** Notes a use of a key (from `ip`), written with the next batch unless this instance wrote it in the last minute. */
export function touchKey(keyId: string, ip: string | null) {
  const now = Date.now();
  const last = state.recentlyTouched.get(keyId);
  if (last && now - last < LAST_USED_INTERVAL_MS) return;
  state.recentlyTouched.set(keyId, now);
  if (state.recentlyTouched.size > 50_000) state.recentlyTouched.clear();
  state.batcher.add((b) => b.set(keyId, { keyId, ip, at: new Date(now) }));
}

/** Writes the pending last uses now (the batcher does it within a second; tests and shutdown call it). */
export const flushKeyUses = (): Promise<void> => state.batcher.flush();
