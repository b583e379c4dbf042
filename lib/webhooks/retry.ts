// When a failed delivery is tried again: Standard Webhooks' suggested schedule (about 28 hours
// in all), each wait stretched by up to 10 % of jitter so endpoints that failed together are
// not retried together. An endpoint that has failed for DISABLE_AFTER_MS is turned off.

const S = 1000;
const MIN = 60 * S;
const H = 60 * MIN;

/** The waits after the 1st, 2nd, … failed attempt; after the last, the delivery has failed. */
export const RETRY_DELAYS_MS = [5 * S, 5 * MIN, 30 * MIN, 2 * H, 5 * H, 10 * H, 10 * H] as const;
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;
export const JITTER = 0.1;
/** Failing without a success for this long turns the endpoint off. */
export const DISABLE_AFTER_MS = 5 * 24 * H;

/** The wait after failed attempt number `attempt` (1-based), or null when it was the last. */
export function retryDelay(attempt: number, random: () => number = Math.random): number | null {
  const base = RETRY_DELAYS_MS[attempt - 1];
  return base === undefined ? null : Math.round(base * (1 + JITTER * random()));
}
