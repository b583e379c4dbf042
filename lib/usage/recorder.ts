// Counts every /api/v1 request that names a known key without a database write per request:
// counts are summed in memory per key, minute, endpoint and outcome, and each key's latest
// requests are kept, until the write-behind batcher (lib/batching/write-behind.ts) writes them in
// one transaction: within USAGE_FLUSH_MS, when the batch holds 10,000 entries, and on shutdown.
// The roll-up runs by itself every hour (one instance at a time: see rollUpUsage).
import "server-only";
import { KEPT_REQUESTS, rollUpUsage, writeUsageBatch, type Outcome, type RequestRow, type UsageCount } from "@/lib/data/usage/counts";
import { env } from "@/lib/core/env";
import { processState } from "@/lib/core/process-state";
import { writeBehind } from "@/lib/batching/write-behind";

export type UsageEvent = {
  keyId: string;
  endpoint: string;
  outcome: Outcome;
  at: number;
  ip: string | null;
  method: string;
  path: string;
  status: number;
  latencyMs: number;
};

type Batch = { counts: Map<string, UsageCount>; requests: Map<string, { rows: RequestRow[]; next: number }> };

/** Counts a failed write keeps for the next one, at most (a database outage must not eat the memory). */
const MAX_PENDING_COUNTS = 100_000;
const ROLL_UP_EVERY_MS = 3_600_000;

/** Adds `count` to the pending count of one key, minute, endpoint and outcome. */
function addCount(batch: Batch, keyId: string, minute: number, endpoint: string, outcome: Outcome, count: number) {
  const id = `${keyId}\u0000${minute}\u0000${endpoint}\u0000${outcome}`;
  const existing = batch.counts.get(id);
  if (existing) existing.count += count;
  else batch.counts.set(id, { keyId, minute: new Date(minute), endpoint, outcome, count });
}

// Process-wide (see processState): every route counts into the same batch.
const state = processState("usage.writeBehind", () => ({
  batcher: writeBehind<Batch>({
    name: "usage",
    create: () => ({ counts: new Map(), requests: new Map() }),
    size: (b) => b.counts.size + b.requests.size,
    maxBatch: 10_000,
    flushMs: () => env.USAGE_FLUSH_MS,
    write: ({ counts, requests }) =>
      writeUsageBatch(
        [...counts.values()],
        // oldest first
        [...requests.values()].flatMap(({ rows, next }) => [...rows.slice(next), ...rows.slice(0, next)]),
      ),
    // Keep the counts for the next write (the latest requests are only a sample: dropped).
    keep: (failed, next) => {
      for (const c of failed.counts.values()) {
        if (next.counts.size >= MAX_PENDING_COUNTS) break;
        addCount(next, c.keyId, c.minute.getTime(), c.endpoint, c.outcome, c.count);
      }
    },
  }),
  rollUpTimer: undefined as ReturnType<typeof setInterval> | undefined,
}));

export function recordUsage(event: UsageEvent) {
  if (!env.USAGE_RECORDING) return;
  const row: RequestRow = {
    keyId: event.keyId,
    at: new Date(event.at),
    ip: event.ip,
    method: event.method,
    path: event.path,
    status: event.status,
    latencyMs: Math.round(event.latencyMs),
  };
  state.batcher.add((batch) => {
    addCount(batch, event.keyId, Math.floor(event.at / 60_000) * 60_000, event.endpoint, event.outcome, 1);
    // The latest KEPT_REQUESTS requests of each key, in a ring: a busy key overwrites its oldest sample.
    const latest = batch.requests.get(event.keyId);
    if (!latest) batch.requests.set(event.keyId, { rows: [row], next: 0 });
    else if (latest.rows.length < KEPT_REQUESTS) latest.rows.push(row);
    else {
      latest.rows[latest.next] = row;
      latest.next = (latest.next + 1) % KEPT_REQUESTS;
    }
  });
  if (!state.rollUpTimer) {
    state.rollUpTimer = setInterval(() => void rollUp(), ROLL_UP_EVERY_MS);
    state.rollUpTimer.unref();
  }
}

async function rollUp() {
  try {
    await rollUpUsage();
  } catch (error) {
    console.warn(
      `[usage] roll-up failed, retried within the hour: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`,
    );
  }
}

/** Writes what is pending in one transaction. Writes run one after another, never together. */
export const flushUsageNow = (): Promise<void> => state.batcher.flush();

/** Batches written by this process (the benchmark reports writes per 10,000 requests). */
export const usageBatches = () => state.batcher.written();
