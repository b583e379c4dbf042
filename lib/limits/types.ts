// One limiter interface, three stores (memory.ts, postgres.ts, redis.ts): every limit in
// Keyport (per API key, per client IP on sign-in and bad keys, per user on key creation) is a
// counter of a subject over a fixed window, judged against a limit given with each request.
// A subject has one counter per counter name, whatever its limit: changing a key's limit does
// not start a fresh count. Refused requests count too, as they do in rate-limiter-flexible.

export type Limit = { limit: number; remaining: number; resetSeconds: number };
export type LimitResult = ({ ok: true } & Limit) | ({ ok: false; retryAfter: number } & Limit);

/** A family of counters ("api", "badkey", …): one per subject, each window `windowSeconds` long from its first point. */
export type Counter = { name: string; windowSeconds: number };

export interface Limiter {
  /** Where the counters live, for logs and the contract tests. */
  readonly store: "memory" | "postgresql" | "redis";
  /** Spends one point of `subject`'s counter; admitted while the window's count is within `limit`. */
  consume(counter: Counter, subject: string, limit: number): Promise<LimitResult>;
  /**
   * The same, answered without I/O when this store can (memory; a live lease on PostgreSQL),
   * else null and nothing is spent: the caller awaits consume. Keeps a busy key's check synchronous.
   */
  spendNow(counter: Counter, subject: string, limit: number): LimitResult | null;
}

/** The answer for a window whose count, this request included, is `count`, ending in `msLeft`. */
export function verdict(count: number, limit: number, msLeft: number): LimitResult {
  const resetSeconds = Math.max(0, Math.ceil(msLeft / 1000));
  const state = { limit, remaining: Math.max(0, limit - count), resetSeconds };
  return count <= limit ? { ok: true, ...state } : { ok: false, retryAfter: Math.max(1, resetSeconds), ...state };
}
