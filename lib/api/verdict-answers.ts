// The one table from a key verdict's status to its HTTP answer: the problem code, the words,
// the extension members and the headers. Every keyed operation answers a refusal from here, so
// a status cannot be answered two ways (one identical 401 for every bad key, 403 naming the
// scope, 429 with Retry-After and the rate-limit headers).
import type { Verdict, VerdictStatus } from "./key-auth";
import { UNAUTHORIZED_MESSAGE, type ProblemCode } from "@/lib/core/problem";
import { rateLimitHeaders } from "@/lib/limits/limits";
import type { Limit } from "@/lib/limits/types";
import { API_KEY_CHALLENGE } from "./respond";

export type Answer = { code: ProblemCode; detail: string; extensions?: Record<string, unknown>; headers: Record<string, string> };
type Refusal = Exclude<Verdict, { status: "valid" }>;
type ByStatus = { [S in Refusal["status"]]: (verdict: Extract<Refusal, { status: S }>) => Answer };

const limited = (limit: Limit & { retryAfter: number }) => ({ ...rateLimitHeaders(limit), "Retry-After": String(limit.retryAfter) });

export const VERDICT_ANSWERS: ByStatus = {
  invalid: () => ({ code: "unauthorized", detail: UNAUTHORIZED_MESSAGE, headers: { "WWW-Authenticate": API_KEY_CHALLENGE } }),
  too_many_bad_keys: ({ limit }) => ({
    code: "rate_limited",
    detail: `Too many invalid API keys from your address. Retry after ${limit.retryAfter} s.`,
    headers: limited(limit),
  }),
  ip_not_allowed: ({ ip }) => ({
    code: "ip_not_allowed",
    detail: `This key may not be used from ${ip ?? "an unknown address"}. Its owner allows it only from listed addresses; add this one to the key's IP allowlist or call from an allowed server.`,
    headers: {},
  }),
  rate_limited: ({ limit }) => ({
    code: "rate_limited",
    detail: `This key made more than ${limit.limit} requests in a minute. Retry after ${limit.retryAfter} s.`,
    headers: limited(limit),
  }),
  insufficient_scope: ({ scope, limit }) => ({
    code: "insufficient_scope",
    detail: `This key lacks the "${scope}" scope. Edit the key's scopes or use another key.`,
    extensions: { requiredScope: scope },
    headers: rateLimitHeaders(limit),
  }),
};

/** The answer to a refused verdict. */
export const answerOf = <V extends Refusal>(verdict: V): Answer =>
  (VERDICT_ANSWERS[verdict.status as VerdictStatus & Refusal["status"]] as (v: V) => Answer)(verdict);
