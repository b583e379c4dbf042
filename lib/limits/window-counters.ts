// Fixed windows in this process's memory, the memory store's counters and the Redis store's
// record of what it counted (its fallback). One entry per counter name and subject.
import { LRUCache } from "lru-cache";

export type Window = {
  /** Points counted in this window, this instance's and (Redis) the most the store reported. */
  count: number;
  /** When the window ends, epoch ms. */
  resetAt: number;
  /** Redis only: points this instance counted that Redis has not been told of (sent with the next command). */
  unsent: number;
};

export class WindowCounters {
  // Bounded: a flood of client IPs must not eat the memory. An entry evicted while its window
  // is live starts again from zero (stated in each store's tolerance).
  private readonly windows: LRUCache<string, Window>;

  constructor(max = 200_000) {
    this.windows = new LRUCache({ max });
  }

  /** The live window of `id`, a fresh one when none is live. */
  window(id: string, windowMs: number, now: number): Window {
    let w = this.windows.get(id);
    if (!w || now >= w.resetAt) {
      w = { count: 0, resetAt: now + windowMs, unsent: 0 };
      this.windows.set(id, w);
    }
    return w;
  }

  /** The live window of `id` without creating one. */
  peek(id: string, now: number): Window | undefined {
    const w = this.windows.get(id);
    return w && now < w.resetAt ? w : undefined;
  }
}
