// The write-behind batcher on its own: by size, by time, on shutdown, one write at a time, and
// what a failed write keeps.
import { afterEach, describe, expect, it, vi } from "vitest";
import { flushAllOnShutdown } from "./shutdown-flush";
import { writeBehind } from "./write-behind";

type Batch = Map<string, number>;

function counting(name: string, options: { maxBatch?: number; flushMs?: number; fail?: () => boolean; keep?: boolean } = {}) {
  const writes: Record<string, number>[] = [];
  let inFlight = 0;
  let most = 0;
  const batcher = writeBehind<Batch>({
    name,
    create: () => new Map(),
    size: (b) => b.size,
    maxBatch: options.maxBatch ?? 1_000,
    flushMs: () => options.flushMs ?? 1_000,
    write: async (b) => {
      most = Math.max(most, ++inFlight);
      await new Promise((r) => setTimeout(r, 5));
      inFlight--;
      if (options.fail?.()) throw new Error("database away\nsecond line");
      writes.push(Object.fromEntries(b));
    },
    keep: options.keep ? (failed, next) => failed.forEach((n, k) => next.set(k, (next.get(k) ?? 0) + n)) : undefined,
  });
  const add = (key: string, n = 1) => batcher.add((b) => b.set(key, (b.get(key) ?? 0) + n));
  return { batcher, add, writes, most: () => most };
}

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe("write-behind batcher", () => {
  it("writes nothing per change, then everything in one batch within flushMs", async () => {
    vi.useFakeTimers();
    const { add, writes } = counting("time");
    for (let i = 0; i < 50; i++) add(`k${i % 5}`);
    await vi.advanceTimersByTimeAsync(999);
    expect(writes).toEqual([]);
    await vi.advanceTimersByTimeAsync(10);
    expect(writes).toEqual([{ k0: 10, k1: 10, k2: 10, k3: 10, k4: 10 }]);
  });

  it("writes at once when a batch reaches its size, and never two writes together", async () => {
    const { add, writes, most, batcher } = counting("size", { maxBatch: 100, flushMs: 60_000 });
    for (let i = 0; i < 350; i++) add(`k${i}`);
    await batcher.flush();
    expect(writes.map((w) => Object.keys(w).length)).toEqual([100, 100, 100, 50]);
    expect(most()).toBe(1);
    expect(batcher.written()).toBe(4);
  });

  it("is written on shutdown", async () => {
    const { add, writes } = counting("shutdown", { flushMs: 60_000 });
    add("a", 3);
    await flushAllOnShutdown();
    expect(writes).toEqual([{ a: 3 }]);
  });

  it("keeps a failed batch for the next write when told to, logging the failure once and the recovery once", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const info = vi.spyOn(console, "info").mockImplementation(() => undefined);
    let down = true;
    const { add, writes, batcher } = counting("kept", { flushMs: 60_000, fail: () => down, keep: true });
    add("a", 2);
    await batcher.flush();
    add("a", 1);
    await batcher.flush();
    expect(writes).toEqual([]);
    expect(warn.mock.calls).toEqual([["[kept] write failed (kept for the next batch): database away"]]);
    down = false;
    await batcher.flush();
    expect(writes).toEqual([{ a: 3 }]);
    expect(info.mock.calls).toEqual([["[kept] writing again."]]);
  });

  it("drops a failed batch by default", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => undefined);
    let down = true;
    const { add, writes, batcher } = counting("dropped", { flushMs: 60_000, fail: () => down });
    add("a");
    await batcher.flush();
    down = false;
    add("b");
    await batcher.flush();
    expect(writes).toEqual([{ b: 1 }]);
  });
});
