// Counters shared by every instance on PostgreSQL, in Keyport's own table limit_counters
// (prisma/schema.prisma). Points are taken by batched upserts: asks in flight together share
// one statement, and the per-key API counter is leased (points taken ahead of use, spent from
// memory), so a busy key costs one upsert per lease instead of one per request.
import DataLoader from "dataloader";
import { LRUCache } from "lru-cache";
import type { Pool } from "pg";
import { verdict, type Counter, type Limit, type LimitResult, type Limiter } from "./types";

/** Points leased at once, at least: a busy key costs one upsert per lease instead of one per request. */
export const LEASE_POINTS = 10;
/** Larger limits lease 1 % of the limit at once (at most this many points). */
export const LEASE_MAX_POINTS = 1_000;

/** How many points one upsert takes for a limit of `limit` (see the tolerance below). */
export const leaseSize = (limit: number) => Math.min(limit, Math.max(LEASE_POINTS, Math.min(LEASE_MAX_POINTS, Math.floor(limit / 100))));

type Ask = { id: string; points: number; limit: number; windowMs: number };

/**
 * Takes the points of many asks in one statement. A counter's window starts at its first point;
 * asks for one counter in one batch are added up and each learns the count after its own
 * points, in order. Rows are locked in sorted order, so two statements cannot deadlock.
 */
async function take(pool: Pool, asks: readonly Ask[]): Promise<LimitResult[]> {
  const now = Date.now();
  const totals = new Map<string, { points: number; windowMs: number }>();
  for (const a of asks) {
    const t = totals.get(a.id);
    if (t) t.points += a.points;
    else totals.set(a.id, { points: a.points, windowMs: a.windowMs });
  }
  const ids = [...totals.keys()].sort();
  const { rows } = await pool.query<{ key: string; points: number; reset_at: string }>({
    name: "keyport_take_limit_points",
    text: `INSERT INTO limit_counters (key, points, reset_at)
           SELECT k, p, $4::bigint + w FROM unnest($1::text[], $2::int[], $3::bigint[]) WITH ORDINALITY AS t(k, p, w, n) ORDER BY n
           ON CONFLICT (key) DO UPDATE SET
             points = CASE WHEN limit_counters.reset_at <= $4 THEN EXCLUDED.points ELSE limit_counters.points + EXCLUDED.points END,
             reset_at = CASE WHEN limit_counters.reset_at <= $4 THEN EXCLUDED.reset_at ELSE limit_counters.reset_at END
           RETURNING key, points, reset_at`,
    values: [ids, ids.map((k) => totals.get(k)!.points), ids.map((k) => totals.get(k)!.windowMs), now],
  });
  const after = new Map(rows.map((r) => [r.key, { points: r.points, resetAt: Number(r.reset_at) }]));
  // Walk the asks backwards: the last ask of a counter saw the final count, earlier ones less.
  const later = new Map<string, number>();
  const results: LimitResult[] = [];
  for (let i = asks.length - 1; i >= 0; i--) {
    const { id, points, limit } = asks[i]!;
    const row = after.get(id)!;
    results[i] = verdict(row.points - (later.get(id) ?? 0), limit, Math.max(0, row.resetAt - now));
    later.set(id, (later.get(id) ?? 0) + points);
  }
  return results;
}

/**
 * Points of a limit this instance took from the shared counter ahead of use. `storeRemaining`:
 * what the counter had left after the lease; `resetAt`: the window's end; `refill`: the upsert
 * taking the next lease, which every request finding the lease spent waits for.
 */
type Lease = { left: number; storeRemaining: number; resetAt: number; refill?: Promise<LimitResult> };

export type PostgresLimiterOptions = {
  /** The pool of the counters, made on first use. */
  pool: () => Pool;
  /** Counter names whose points are leased (the rest take exactly one point per request). */
  leased?: readonly string[];
};

/**
 * TOLERANCE: never admits more than the limit, across every instance (points are taken in the
 * database before they are spent; a lease is never larger than what the counter had left when
 * last heard). Leased counters err on the refusing side only: points an instance leased but did
 * not spend by the window's end are lost, so a subject served by N instances may be refused up
 * to N × (leaseSize − 1) requests before its limit: 9 per instance for limits up to 1,000 a
 * minute, else at most 1 % of the limit. A lease belongs to one limit: a changed limit takes a
 * new lease from the same counter (one counter per subject). The leftover lease counts as
 * `remaining`. The 50,000 leases used last are kept (one evicted loses only its leftover points).
 */
export function postgresLimiter({ pool, leased = ["api"] }: PostgresLimiterOptions): Limiter {
  const taker = new DataLoader<Ask, LimitResult>((asks) => take(pool(), asks), {
    cache: false,
    maxBatchSize: 200,
    batchScheduleFn: (run) => setImmediate(run),
  });
  const leases = new LRUCache<string, Lease>({ max: 50_000 });
  const leasing = new Set(leased);

  function spendLease(lease: Lease, limit: number, now: number): LimitResult | null {
    if (lease.refill || lease.left <= 0 || now >= lease.resetAt) return null;
    lease.left--;
    const state: Limit = { limit, remaining: lease.storeRemaining + lease.left, resetSeconds: Math.ceil((lease.resetAt - now) / 1000) };
    return { ok: true, ...state };
  }

  async function consumeLeased(counter: Counter, subject: string, limit: number): Promise<LimitResult> {
    const id = `${counter.name}:${subject}:${limit}`;
    for (;;) {
      const now = Date.now();
      let lease = leases.get(id);
      if (lease?.refill) {
        const taken = await lease.refill;
        if (!taken.ok) return taken;
        continue; // spend from the new lease, or take the next one if others spent it first
      }
      if (lease && now >= lease.resetAt) lease = undefined;
      const spent = lease && spendLease(lease, limit, now);
      if (spent) return spent;
      const size = Math.max(1, Math.min(leaseSize(limit), lease ? lease.storeRemaining : limit));
      const pending: Lease = { left: 0, storeRemaining: 0, resetAt: 0 };
      const forget = () => leases.get(id) === pending && leases.delete(id);
      const ask = { id: `${counter.name}:${subject}`, points: size, limit, windowMs: counter.windowSeconds * 1000 };
      pending.refill = taker.load(ask).then(
        (taken) => {
          pending.refill = undefined;
          if (!taken.ok) forget();
          // A second early rather than late (resetSeconds is rounded up): leftover points must not outlive their window.
          else Object.assign(pending, { left: size - 1, storeRemaining: taken.remaining, resetAt: now + (taken.resetSeconds - 1) * 1000 });
          return taken.ok ? { ...taken, remaining: taken.remaining + size - 1 } : taken;
        },
        (error: unknown) => {
          forget();
          throw error;
        },
      );
      leases.set(id, pending);
      return pending.refill; // this request spends the lease's first point
    }
  }

  return {
    store: "postgresql",
    spendNow(counter, subject, limit) {
      if (!leasing.has(counter.name)) return null;
      const lease = leases.get(`${counter.name}:${subject}:${limit}`);
      return lease ? spendLease(lease, limit, Date.now()) : null;
    },
    consume(counter, subject, limit) {
      if (leasing.has(counter.name)) return consumeLeased(counter, subject, limit);
      return taker.load({ id: `${counter.name}:${subject}`, points: 1, limit, windowMs: counter.windowSeconds * 1000 });
    },
  };
}
