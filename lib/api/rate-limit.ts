import "server-only";
// Rate limits, via rate-limiter-flexible. Counters are shared by every instance: in
// Redis when REDIS_URL is set, else on PostgreSQL in the database (table rate_limits).
// The embedded database has exactly one process, so counting in its memory is the same.
// Redis down is a degraded mode, not an outage: each Redis limiter has an insurance
// limiter in memory, so requests keep working and limits hold per instance until Redis
// is back (ioredis reconnects by itself). The outage and the recovery are logged once each.
import DataLoader from "dataloader";
import { LRUCache } from "lru-cache";
import type { Pool } from "pg";
import { Redis } from "ioredis";
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { createPool } from "@/lib/database/pg-pool";
import { env } from "@/lib/env";
import { processState } from "@/lib/server/process-state";

export type Limit = { limit: number; remaining: number; resetSeconds: number };
export type LimitResult = ({ ok: true } & Limit) | ({ ok: false; retryAfter: number } & Limit);

// Process-wide (see processState): every route and action counts against the same limiter.
const shared = processState("rateLimit", () => ({
  pool: undefined as Pool | undefined,
  redis: undefined as Redis | undefined,
  /** Settles when Redis first answers (or after 1 s): the first requests wait for it instead of falling back. */
  redisReady: undefined as Promise<void> | undefined,
  limiters: new Map<string, RateLimiterAbstract>(),
}));
const { limiters } = shared;

/**
 * While Redis is away commands fail at once (no offline queue) and the insurance limiter
 * answers; a command on a live but stuck connection gives up after 500 ms.
 */
function connectRedis(url: string): Redis {
  const client = new Redis(url, { commandTimeout: 500, maxRetriesPerRequest: 0, enableOfflineQueue: false, connectTimeout: 2000 });
  let down = false;
  const lost = (why: string) => {
    if (down) return;
    down = true;
    console.warn(`[rate-limit] Redis unreachable (${why}): counting in this instance's memory until it is back.`);
  };
  client.on("error", (error) => lost(error.message));
  client.on("close", () => lost("connection closed"));
  client.on("ready", () => {
    if (!down) return;
    down = false;
    console.info("[rate-limit] Redis is back: limits are shared again.");
  });
  return client;
}

/** The pool of the counters on PostgreSQL (rate-limiter-flexible's and the leases'), made on first use. */
const counterPool = () => (shared.pool ??= createPool(env.DATABASE_URL!, { max: 5 }));

function limiter(name: string, points: number, duration: number): RateLimiterAbstract {
  // One limiter per limit: keys with their own limit share the store (same key prefix) but
  // compare against their own number of points.
  const id = `${name}:${points}`;
  let l = limiters.get(id);
  if (!l) {
    if (env.REDIS_URL) {
      if (!shared.redis) {
        const client = (shared.redis = connectRedis(env.REDIS_URL));
        shared.redisReady = new Promise((resolve) => {
          client.once("ready", () => resolve());
          setTimeout(resolve, 1000).unref();
        });
      }
      l = new RateLimiterRedis({
        storeClient: shared.redis,
        keyPrefix: `keyport:${name}`,
        points,
        duration,
        insuranceLimiter: new RateLimiterMemory({ keyPrefix: `insurance:${name}`, points, duration }),
      });
    } else if (env.DATABASE_URL && env.RATE_LIMIT_STORE !== "memory") {
      // Shared counters on PostgreSQL unless the operator runs a single instance and opts
      // into memory (RATE_LIMIT_STORE=memory), which saves one write per API request.
      l = new RateLimiterPostgres({
        storeClient: counterPool(),
        storeType: "pool",
        tableName: "rate_limits",
        tableCreated: true,
        keyPrefix: name,
        points,
        duration,
      });
    } else {
      l = new RateLimiterMemory({ keyPrefix: name, points, duration });
    }
    limiters.set(id, l);
  }
  return l;
}

const describe = (points: number, res: RateLimiterRes): Limit => ({
  limit: points,
  remaining: Math.max(0, res.remainingPoints),
  resetSeconds: Math.ceil(res.msBeforeNext / 1000),
});

async function consume(name: string, points: number, duration: number, subject: string, spend = 1): Promise<LimitResult> {
  try {
    const l = limiter(name, points, duration);
    await shared.redisReady;
    const res = await l.consume(subject, spend);
    return { ok: true, ...describe(points, res) };
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) {
      return { ok: false, retryAfter: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)), ...describe(points, rejection) };
    }
    throw rejection; // the store failed: the caller's error handling turns it into a 503
  }
}

type LeaseAsk = { subject: string; points: number; perMinute: number };

/**
 * Takes the points of many leases in one statement, on the same table and with the same
 * window rule as rate-limiter-flexible's PostgreSQL store (a counter's window starts at its
 * first point and lasts a minute): cold keys each take their first lease of a minute together
 * with the other requests in flight instead of one round trip each. Asks for one counter in
 * one batch are added up; each learns the count after its own points, in order.
 */
async function takeLeases(asks: readonly LeaseAsk[]): Promise<LimitResult[]> {
  const pool = counterPool();
  const now = Date.now();
  const totals = new Map<string, number>();
  for (const a of asks) totals.set(a.subject, (totals.get(a.subject) ?? 0) + a.points);
  const subjects = [...totals.keys()].sort(); // one lock order for every statement: no deadlock
  const { rows } = await pool.query<{ key: string; points: number; expire: string }>({
    name: "keyport_take_leases",
    text: `INSERT INTO rate_limits (key, points, expire)
           SELECT 'api:' || s, p, $3::bigint FROM unnest($1::text[], $2::int[]) WITH ORDINALITY AS t(s, p, n) ORDER BY n
           ON CONFLICT (key) DO UPDATE SET
             points = CASE WHEN rate_limits.expire <= $4 THEN EXCLUDED.points ELSE rate_limits.points + EXCLUDED.points END,
             expire = CASE WHEN rate_limits.expire <= $4 THEN EXCLUDED.expire ELSE rate_limits.expire END
           RETURNING key, points, expire`,
    values: [subjects, subjects.map((k) => totals.get(k)!), now + 60_000, now],
  });
  const after = new Map(rows.map((r) => [r.key.slice("api:".length), { points: r.points, expire: Number(r.expire) }]));
  // Walk the asks backwards: the last ask of a counter saw the final count, earlier ones less.
  const later = new Map<string, number>();
  const results: LimitResult[] = [];
  for (let i = asks.length - 1; i >= 0; i--) {
    const { subject, points, perMinute } = asks[i]!;
    const row = after.get(subject)!;
    const consumed = row.points - (later.get(subject) ?? 0);
    later.set(subject, (later.get(subject) ?? 0) + points);
    const msLeft = Math.max(0, row.expire - now);
    const limit: Limit = { limit: perMinute, remaining: Math.max(0, perMinute - consumed), resetSeconds: Math.ceil(msLeft / 1000) };
    results[i] =
      consumed <= perMinute ? { ok: true, ...limit } : { ok: false, retryAfter: Math.max(1, Math.ceil(msLeft / 1000)), ...limit };
  }
  return results;
}

const leaseTaker = processState(
  "leaseTaker",
  () => new DataLoader<LeaseAsk, LimitResult>(takeLeases, { cache: false, maxBatchSize: 200, batchScheduleFn: (run) => setImmediate(run) }),
);

/**
 * Points of a key's limit this instance took from the shared PostgreSQL counter ahead of use.
 * `storeRemaining`: what the counter had left after the lease; `resetAt`: the counter's window
 * end; `refill`: the upsert taking the next lease, which every request that finds the lease
 * spent waits for (one upsert per lease, not one per request in flight).
 */
type Lease = { left: number; storeRemaining: number; resetAt: number; refill?: Promise<LimitResult> };
// The 50,000 keys used last: a key evicted here loses only its leftover points (never admits more).
const leases = processState("rateLimitLeases", () => new LRUCache<string, Lease>({ max: 50_000 }));
/** Points leased at once, at least: a busy key costs one upsert per lease instead of one per request. */
export const LEASE_POINTS = 10;
/** Larger limits lease 1 % of the limit at once (at most this many points). */
export const LEASE_MAX_POINTS = 1_000;

/** How many points one upsert takes for a limit of `perMinute` (see limitApiKey's tolerance). */
export const leaseSize = (perMinute: number) =>
  Math.min(perMinute, Math.max(LEASE_POINTS, Math.min(LEASE_MAX_POINTS, Math.floor(perMinute / 100))));

/** Whether the per-key limits lease points from the counters on PostgreSQL (see limitApiKey). */
const leasing = () => !env.REDIS_URL && !!env.DATABASE_URL && env.RATE_LIMIT_STORE !== "memory";

function spendLease(lease: Lease, perMinute: number, now: number): LimitResult | null {
  if (lease.refill || lease.left <= 0 || now >= lease.resetAt) return null;
  lease.left--;
  return {
    ok: true,
    limit: perMinute,
    remaining: lease.storeRemaining + lease.left,
    resetSeconds: Math.ceil((lease.resetAt - now) / 1000),
  };
}

/**
 * A point of the key's limit spent from this instance's live lease, or null when limitApiKey
 * must decide (synchronous: a busy key's requests need no await for their limit).
 */
export function leasedPoint(keyId: string, perMinute: number): LimitResult | null {
  const lease = leasing() ? leases.get(`${keyId}:${perMinute}`) : undefined;
  return lease ? spendLease(lease, perMinute, Date.now()) : null;
}

/**
 * Per API key on /api/v1: the key's own limit (see effectiveRateLimit), else RATE_LIMIT_API_PER_MINUTE.
 * With the counters on PostgreSQL an instance takes leaseSize(limit) points in one upsert and
 * spends them from memory: that per-request write was a third of the key check's time. Requests
 * arriving while a lease is being taken wait for that one upsert. Never more than the limit is
 * admitted (points are taken before use; a lease is never larger than what the counter had left
 * when last heard). TOLERANCE: points an instance leased but did not use by the window's end are
 * lost, so a key served by N instances may be refused up to N × (leaseSize − 1) requests before
 * its limit in that minute: 9 for limits up to 1,000 a minute, else at most 1 % of the limit per
 * instance. X-RateLimit-Remaining counts this instance's leftover lease as remaining.
 */
export async function limitApiKey(keyId: string, perMinute = env.RATE_LIMIT_API_PER_MINUTE): Promise<LimitResult> {
  if (!leasing()) return consume("api", perMinute, 60, keyId);
  const id = `${keyId}:${perMinute}`;
  for (;;) {
    const now = Date.now();
    let lease = leases.get(id);
    if (lease?.refill) {
      const taken = await lease.refill;
      if (!taken.ok) return taken;
      continue; // spend from the new lease, or take the next one if others spent it first
    }
    if (lease && now >= lease.resetAt) lease = undefined;
    const spent = lease && spendLease(lease, perMinute, now);
    if (spent) return spent;
    const size = Math.max(1, Math.min(leaseSize(perMinute), lease ? lease.storeRemaining : perMinute));
    const pending: Lease = { left: 0, storeRemaining: 0, resetAt: 0 };
    const forget = () => leases.get(id) === pending && leases.delete(id);
    pending.refill = leaseTaker.load({ subject: keyId, points: size, perMinute }).then(
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
/** Per client IP on sign-in challenges and on sign-in attempts, counted separately. */
export const limitSignIn = (step: "challenge" | "verify", ip: string | null) =>
  consume(`signin-${step}`, env.RATE_LIMIT_SIGNIN_PER_MINUTE, 60, ip ?? "unknown");
/** Per user on key creation and rotation (RATE_LIMIT_KEYS_PER_HOUR). */
export const limitKeyCreation = (userId: string) => consume("keys", env.RATE_LIMIT_KEYS_PER_HOUR, 3600, userId);

/**
 * Unknown, disabled or revoked keys cost a lookup each; a client IP may make
 * RATE_LIMIT_BAD_KEYS_PER_MINUTE lookups that fail. Spent after a failed lookup only; the
 * gate in bad-key-budget.ts keeps a parallel burst within what is left.
 */
export const spendBadKey = (ip: string | null) => consume("badkey", env.RATE_LIMIT_BAD_KEYS_PER_MINUTE, 60, ip ?? "unknown");

/** X-RateLimit-* headers for a response. */
export function rateLimitHeaders(l: Limit): Record<string, string> {
  return {
    "X-RateLimit-Limit": String(l.limit),
    "X-RateLimit-Remaining": String(l.remaining),
    "X-RateLimit-Reset": String(l.resetSeconds),
  };
}
