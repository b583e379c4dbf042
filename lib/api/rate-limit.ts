// The limits moved to lib/limits/ (one limiter interface, three stores); the names the routes,
// actions and the key check import from here stay until every caller imports lib/limits.
export { leasedPoint, limitApiKey, limitKeyCreation, limitSignIn, rateLimitHeaders, spendBadKey } from "@/lib/limits/limits";
export { limiter } from "@/lib/limits/limiter";
export { LEASE_MAX_POINTS, LEASE_POINTS, leaseSize } from "@/lib/limits/postgres";
export type { Limit, LimitResult } from "@/lib/limits/types";
