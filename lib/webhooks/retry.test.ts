import { describe, expect, it } from "vitest";
import { JITTER, MAX_ATTEMPTS, retryDelay, RETRY_DELAYS_MS } from "./retry";

describe("the retry schedule", () => {
  it("is 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h, each up to 10 % later, then nothing", () => {
    expect(RETRY_DELAYS_MS.map((ms) => ms / 1000)).toEqual([5, 300, 1800, 7200, 18000, 36000, 36000]);
    expect(MAX_ATTEMPTS).toBe(8);
    for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt++) {
      const base = RETRY_DELAYS_MS[attempt - 1]!;
      expect(retryDelay(attempt, () => 0)).toBe(base);
      expect(retryDelay(attempt, () => 0.999999)).toBeLessThanOrEqual(Math.round(base * (1 + JITTER)));
      expect(retryDelay(attempt, () => 0.5)).toBeGreaterThan(base);
    }
    expect(retryDelay(MAX_ATTEMPTS)).toBeNull();
  });
});
