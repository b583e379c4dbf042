import "server-only";
// Keyport's limits, each a counter of the process's limiter (limiter.ts): per API key on
// /api/v1, per client IP on sign-in, on bad keys and on receipt checks, per user on key creation.
import { env } from "@/lib/core/env";
import { limiter } from "./limiter";
import type { Counter, Limit, LimitResult } from "./types";

export const API_KEY_COUNTER: Counter = { name: "api", windowSeconds: 60 };

/**
 * A point of the key's limit decided without I/O (memory; a live lease on PostgreSQL), or null
 * when limitApiKey must decide: a busy key's requests need no await for their limit.
 */
export const leasedPoint = (keyId: string, perMinute: number): LimitResult | null => limiter.spendNow(API_KEY_COUNTER, keyId, perMinute);

/**
 * Per API key on /api/v1: the key's own limit (effectiveRateLimit, lib/keys/rate-limit.ts), else
 * RATE_LIMIT_API_PER_MINUTE. One counter per key whatever its limit; the tolerance is the
 * store's (lib/limits/memory.ts, postgres.ts, redis.ts; README, "Rate limits").
 */
export const limitApiKey = (keyId: string, perMinute = env.RATE_LIMIT_API_PER_MINUTE): Promise<LimitResult> =>
  limiter.consume(API_KEY_COUNTER, keyId, perMinute);

/** Per client IP on sign-in challenges and on sign-in attempts, counted separately. */
export const limitSignIn = (step: "challenge" | "verify", ip: string | null) =>
  limiter.consume({ name: `signin-${step}`, windowSeconds: 60 }, ip ?? "unknown", env.RATE_LIMIT_SIGNIN_PER_MINUTE);

/** Per user on key creation and rotation (RATE_LIMIT_KEYS_PER_HOUR). */
export const limitKeyCreation = (userId: string) =>
  limiter.consume({ name: "keys", windowSeconds: 3600 }, userId, env.RATE_LIMIT_KEYS_PER_HOUR);

/** Receipt checks on the public /verify-receipt page: a person pastes a few; a script needs no server (scripts/verify-receipt.ts). */
export const RECEIPT_CHECKS_PER_MINUTE = 30;
export const limitReceiptCheck = (ip: string | null) =>
  limiter.consume({ name: "receipt-check", windowSeconds: 60 }, ip ?? "unknown", RECEIPT_CHECKS_PER_MINUTE);

/**
 * Unknown, disabled or revoked keys cost a lookup each; a client IP may make
 * RATE_LIMIT_BAD_KEYS_PER_MINUTE lookups that fail. Spent after a failed lookup only; the
 * gate in lib/limits/bad-key-budget.ts keeps a parallel burst within what is left.
 */
export const spendBadKey = (ip: string | null) =>
  limiter.consume({ name: "badkey", windowSeconds: 60 }, ip ?? "unknown", env.RATE_LIMIT_BAD_KEYS_PER_MINUTE);

/** X-RateLimit-* headers for a response. */
export function rateLimitHeaders(l: Limit): Record<string, string> {
  return {
    "X-RateLimit-Limit": String(l.limit),
    "X-RateLimit-Remaining": String(l.remaining),
    "X-RateLimit-Reset": String(l.resetSeconds),
  };
}
