import "server-only";
// Rate limits, via rate-limiter-flexible. Counters are shared by every instance: in
// Redis when REDIS_URL is set, else on PostgreSQL in the database (table rate_limits).
// The embedded database has exactly one process, so counting in its memory is the same.
import type { Pool } from "pg";
import { Redis } from "ioredis";
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { createPool } from "@/lib/database/pg-pool";
import { env } from "@/lib/env";
import { processState } from "@/lib/process-state";

export type Limit = { limit: number; remaining: number; resetSeconds: number };
export type LimitResult = ({ ok: true } & Limit) | ({ ok: false; retryAfter: number } & Limit);

// Process-wide (see processState): every route and action counts against the same limiter.
const shared = processState("rateLimit", () => ({ pool: undefined as Pool | undefined, redis: undefined as Redis | undefined, limiters: new Map<string, RateLimiterAbstract>() }));
const { limiters } = shared;

/** Commands wait at most 1 s while Redis is away, so a request gets a 503 rather than a hang. */
function connectRedis(url: string): Redis {
  const client = new Redis(url, { commandTimeout: 1000, maxRetriesPerRequest: 1, connectTimeout: 3000 });
  client.on("error", (error) => console.warn(`[rate-limit] redis: ${error.message}`));
  return client;
}

function limiter(name: string, points: number, duration: number): RateLimiterAbstract {
  let l = limiters.get(name);
  if (!l) {
    if (env.REDIS_URL) {
      shared.redis ??= connectRedis(env.REDIS_URL);
      l = new RateLimiterRedis({ storeClient: shared.redis, keyPrefix: `keyport:${name}`, points, duration });
    } else if (env.DATABASE_URL && env.RATE_LIMIT_STORE !== "memory") {
      // Shared counters on PostgreSQL unless the operator runs a single instance and opts
      // into memory (RATE_LIMIT_STORE=memory), which saves one write per API request.
      shared.pool ??= createPool(env.DATABASE_URL, { max: 5 });
      l = new RateLimiterPostgres({ storeClient: shared.pool, storeType: "pool", tableName: "rate_limits", tableCreated: true, keyPrefix: name, points, duration });
    } else {
      l = new RateLimiterMemory({ keyPrefix: name, points, duration });
    }
    limiters.set(name, l);
  }
  return l;
}

const describe = (points: number, res: RateLimiterRes): Limit => ({
  limit: points,
  remaining: Math.max(0, res.remainingPoints),
  resetSeconds: Math.ceil(res.msBeforeNext / 1000),
});

async function consume(name: string, points: number, duration: number, subject: string): Promise<LimitResult> {
  try {
    const res = await limiter(name, points, duration).consume(subject);
    return { ok: true, ...describe(points, res) };
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) {
      return { ok: false, retryAfter: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)), ...describe(points, rejection) };
    }
    throw rejection; // the store failed: the caller's error handling turns it into a 503
  }
}

/** Per API key on /api/v1 (RATE_LIMIT_API_PER_MINUTE). */
export const limitApiKey = (keyId: string) => consume("api", env.RATE_LIMIT_API_PER_MINUTE, 60, keyId);
/** Per client IP on sign-in challenges and on sign-in attempts, counted separately. */
export const limitSignIn = (step: "challenge" | "verify", ip: string | null) =>
  consume(`signin-${step}`, env.RATE_LIMIT_SIGNIN_PER_MINUTE, 60, ip ?? "unknown");
/** Per user on key creation and rotation (RATE_LIMIT_KEYS_PER_HOUR). */
export const limitKeyCreation = (userId: string) => consume("keys", env.RATE_LIMIT_KEYS_PER_HOUR, 3600, userId);

/** X-RateLimit-* headers for a response. */
export function rateLimitHeaders(l: Limit): Record<string, string> {
  return { "X-RateLimit-Limit": String(l.limit), "X-RateLimit-Remaining": String(l.remaining), "X-RateLimit-Reset": String(l.resetSeconds) };
}
