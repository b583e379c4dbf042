// Counters in this process's memory: the embedded database's store (one process), the choice
// of single-instance deployments (RATE_LIMIT_STORE=memory), and what the contract tests run first.
import { verdict, type Counter, type Limiter } from "./types";
import { WindowCounters } from "./window-counters";

/**
 * TOLERANCE: exact on one process — never more than the limit in a window, decided
 * synchronously. A subject has one counter whatever its limit (a limit stepped 10→9→8→7→6
 * within a minute admits 10, not 40). Not shared: N processes admit up to N × the limit.
 * Holds the 200,000 subjects used last; one evicted while its window is live starts again.
 */
export function memoryLimiter(max = 200_000): Limiter {
  const windows = new WindowCounters(max);
  const spendNow = (counter: Counter, subject: string, limit: number) => {
    const now = Date.now();
    const w = windows.window(`${counter.name}:${subject}`, counter.windowSeconds * 1000, now);
    w.count += 1;
    return verdict(w.count, limit, w.resetAt - now);
  };
  return { store: "memory", spendNow, consume: async (counter, subject, limit) => spendNow(counter, subject, limit) };
}
