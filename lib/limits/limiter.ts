import "server-only";
// The process's limiter, chosen once from the environment: Redis when REDIS_URL is set, else
// PostgreSQL (limits in the database) unless RATE_LIMIT_STORE=memory, else memory (the embedded
// database has one process, so counting in its memory is the same as sharing).
import type { Pool } from "pg";
import { createPool } from "@/lib/database/pg-pool";
import { env } from "@/lib/core/env";
import { processState } from "@/lib/core/process-state";
import { memoryLimiter } from "./memory";
import { postgresLimiter } from "./postgres";
import { redisLimiter, type RedisLimiter, type RedisLimiterStats } from "./redis";
import type { Limiter } from "./types";

// Process-wide (see processState): every route and action counts against the same counters.
const shared = processState("limiter", () => {
  let pool: Pool | undefined;
  const limiter: Limiter = env.REDIS_URL
    ? redisLimiter({ url: env.REDIS_URL })
    : env.DATABASE_URL && env.RATE_LIMIT_STORE !== "memory"
      ? postgresLimiter({ pool: () => (pool ??= createPool(env.DATABASE_URL!, { max: 5 })) })
      : memoryLimiter();
  return { limiter };
});

/** The limiter every limit of this process counts with (pass it to the key check). */
export const limiter: Limiter = shared.limiter;

/** With Redis: whether it decides and how often this instance fell back to its memory (README, "Rate limits"). */
export const limiterFallbacks = (): RedisLimiterStats | null => (limiter.store === "redis" ? (limiter as RedisLimiter).stats() : null);
