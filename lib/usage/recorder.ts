// Counts every /api/v1 request that names a known key without a database write per request:
// counts are summed in memory per key, minute, endpoint and outcome, and each key's latest
// requests are kept, until a flush writes them in one transaction (every USAGE_FLUSH_MS, and
// on shutdown: see lib/server/shutdown-flush.ts).
// The roll-up runs by itself every hour.
import "server-only";
import { KEPT_REQUESTS, rollUpUsage, writeUsageBatch, type Outcome, type RequestRow, type UsageCount } from "@/lib/data/usage";
import { env } from "@/lib/env";
import { processState } from "@/lib/server/process-state";
import { onShutdownFlush } from "@/lib/server/shutdown-flush";

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

/** Counts a failed flush keeps for the next one, at most (a database outage must not eat the memory). */
const MAX_PENDING_COUNTS = 100_000;
const ROLL_UP_EVERY_MS = 3_600_000;

const state = processState("usage", () => ({
  counts: new Map<string, UsageCount>(),
  requests: new Map<string, { rows: RequestRow[]; next: number }>(),
  timer: undefined as ReturnType<typeof setInterval> | undefined,
  rollUpTimer: undefined as ReturnType<typeof setInterval> | undefined,
  flushing: Promise.resolve(),
  /** Batches written since start, for the benchmark and the tests. */
  batches: 0,
  failing: false,
}));

/** Adds `count` to the pending count of one key, minute, endpoint and outcome. */
function addCount(keyId: string, minute: number, endpoint: string, outcome: Outcome, count: number) {
  const id = `${keyId}\u0000${minute}\u0000${endpoint}\u0000${outcome}`;
  const existing = state.counts.get(id);
  if (existing) existing.count += count;
  else state.counts.set(id, { keyId, minute: new Date(minute), endpoint, outcome, count });
}

export function recordUsage(event: UsageEvent) {
  if (!env.USAGE_RECORDING) return;
  addCount(event.keyId, Math.floor(event.at / 60_000) * 60_000, event.endpoint, event.outcome, 1);

  const row: RequestRow = {
    keyId: event.keyId,
    at: new Date(event.at),
    ip: event.ip,
    method: event.method,
    path: event.path,
    status: event.status,
    latencyMs: Math.round(event.latencyMs),
  };
  // The latest KEPT_REQUESTS requests of each key, in a ring: a busy key overwrites its oldest sample.
  const latest = state.requests.get(event.keyId);
  if (!latest) state.requests.set(event.keyId, { rows: [row], next: 0 });
  else if (latest.rows.length < KEPT_REQUESTS) latest.rows.push(row);
  else {
    latest.rows[latest.next] = row;
    latest.next = (latest.next + 1) % KEPT_REQUESTS;
  }
  startTimers();
}

function startTimers() {
  if (state.timer) return;
  state.timer = setInterval(() => void flushUsageNow(), env.USAGE_FLUSH_MS);
  state.timer.unref();
  state.rollUpTimer = setInterval(() => void rollUp(), ROLL_UP_EVERY_MS);
  state.rollUpTimer.unref();
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

/** Writes what is pending in one transaction. Flushes run one after another, never together. */
export function flushUsageNow(): Promise<void> {
  state.flushing = state.flushing.then(flushOnce, flushOnce);
  return state.flushing;
}

async function flushOnce() {
  if (state.counts.size === 0 && state.requests.size === 0) return;
  const counts = [...state.counts.values()];
  const requests = [...state.requests.values()].flatMap(({ rows, next }) => [...rows.slice(next), ...rows.slice(0, next)]); // oldest first
  state.counts = new Map();
  state.requests = new Map();
  try {
    await writeUsageBatch(counts, requests);
    state.batches += 1;
    if (state.failing) console.info("[usage] writing usage again.");
    state.failing = false;
  } catch (error) {
    // Keep the counts for the next flush (the latest requests are only a sample: dropped).
    for (const c of counts) {
      if (state.counts.size >= MAX_PENDING_COUNTS) break;
      addCount(c.keyId, c.minute.getTime(), c.endpoint, c.outcome, c.count);
    }
    if (!state.failing)
      console.warn(`[usage] cannot write usage, kept in memory: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
    state.failing = true;
  }
}

onShutdownFlush("usage", flushUsageNow);

/** Batches written by this process (the benchmark reports writes per 10,000 requests). */
export const usageBatches = () => state.batches;
