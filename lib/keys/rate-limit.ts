// A key's rate limit, as a rule: the list, its page and the key check on /api/v1 all read it here.
/**
 * A key's limit in requests per minute: the admin's ceiling (else the deployment's default,
 * RATE_LIMIT_API_PER_MINUTE), lowered by the owner's own limit when that is smaller.
 */
export function effectiveRateLimit(k: { rateLimit: number | null; rateLimitCeiling: number | null; defaultRateLimit: number }) {
  const ceiling = k.rateLimitCeiling ?? k.defaultRateLimit;
  const limit = k.rateLimit !== null && k.rateLimit < ceiling ? k.rateLimit : ceiling;
  return { rateLimit: limit, rateLimitCeiling: ceiling, rateLimitLowered: limit < ceiling };
}
