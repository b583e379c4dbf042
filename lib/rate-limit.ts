import "server-only";
// Rate limits, via rate-limiter-flexible. On PostgreSQL the counters live in the
// database (table rate_limits), so every instance shares them; the embedded database
// has exactly one process, so counting in its memory is the same thing.
import type { Pool } from "pg";
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { createPool } from "@/lib/database/pg-pool";
import { env } from "@/lib/env";

export type Limit = { limit: number; remaining: number; resetSeconds: number };
export type LimitResult = ({ ok: true } & Limit) | ({ ok: false; retryAfter: number } & Limit);

let pool: Pool | undefined;
const limiters = new Map<string, RateLimiterAbstract>();

function limiter(name: string, points: number, duration: number): RateLimiterAbstract {
  let l = limiters.get(name);
  if (!l) {
    // Shared counters on PostgreSQL unless the operator runs a single instance and opts
    // into memory (RATE_LIMIT_STORE=memory), which saves one write per API request.
    if (env.DATABASE_URL && env.RATE_LIMIT_STORE !== "memory") {
      pool ??= createPool(env.DATABASE_URL, { max: 5 });
      l = new RateLimiterPostgres({ storeClient: pool, storeType: "pool", tableName: "rate_limits", tableCreated: true, keyPrefix: name, points, duration });
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
