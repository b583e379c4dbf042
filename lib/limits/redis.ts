// Counters shared by every instance through Redis (rate-limiter-flexible's RateLimiterRedis, an
// atomic INCR with its window's TTL in one script). Redis slow or away is a degraded mode, not an
// outage: this instance then decides from its own record of what it counted (WindowCounters),
// which starts from the counts Redis last reported and includes every point this instance sent,
// answered or not; so falling back never hands a key a fresh budget. What was counted while
// Redis was not told is sent with the subject's next command once Redis answers again.
import { Redis } from "ioredis";
import { RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import { verdict, type Counter, type LimitResult, type Limiter } from "./types";
import { WindowCounters, type Window } from "./window-counters";

export type RedisLimiterOptions = {
  url: string;
  /** A command with no answer by then is given up and decided in memory (default 500 ms). */
  commandTimeoutMs?: number;
  /** While falling back, how often Redis is asked whether it answers again (default 1 s). */
  probeMs?: number;
  /** How long the first requests wait for the first connection (default 1 s). */
  connectWaitMs?: number;
};

export type RedisLimiterStats = {
  /** Whether Redis decides (false: this instance is falling back to its memory). */
  shared: boolean;
  /** Times this instance fell back to its memory since start (each one is logged). */
  fallbacks: number;
  /** Requests decided in memory since start. */
  decidedInMemory: number;
};

export type RedisLimiter = Limiter & { stats(): RedisLimiterStats; close(): Promise<void> };

// Rate-limiter-flexible judges against its own number of points; ours are given per request
// (one counter per subject, whatever its limit), so its limit is set out of reach and we judge.
const UNREACHABLE = 2 ** 30;
/** A reply's window ending more than this after the one recorded is a new window (clocks, latency). */
const SAME_WINDOW_MS = 1_000;

/**
 * TOLERANCE, one instance: never more than the limit in a window, also while Redis is slow or
 * cut: a timed-out or failed command is decided from this instance's record, which counts every
 * point it sent; a command that timed out but reached Redis is counted twice (refused early,
 * never admitted). N instances: while Redis answers, exact across all; while it does not, each
 * instance counts alone from the counts it last heard, so other instances' requests since then
 * are unknown to it: up to N × the limit in that window, at most. Holds the 200,000 subjects used
 * last; one evicted while Redis is away starts again from zero. Falling back and coming back are
 * logged once each, and counted (stats(): `fallbacks`, `decidedInMemory`).
 */
export function redisLimiter({ url, commandTimeoutMs = 500, probeMs = 1_000, connectWaitMs = 1_000 }: RedisLimiterOptions): RedisLimiter {
  const record = new WindowCounters(200_000);
  const stores = new Map<string, RateLimiterRedis>();
  const state: RedisLimiterStats = { shared: true, fallbacks: 0, decidedInMemory: 0 };
  let client: Redis | undefined;
  let ready: Promise<void> | undefined;
  let probe: ReturnType<typeof setInterval> | undefined;

  function fallBack(why: string) {
    if (!state.shared) return;
    state.shared = false;
    state.fallbacks += 1;
    console.warn(
      `[rate-limit] Redis unreachable (${why}): counting in this instance's memory from the counts last heard until it answers (fallback ${state.fallbacks}).`,
    );
    // Commands are not sent while falling back (a stuck Redis would hold every request for the
    // timeout); a ping asks whether it answers again.
    probe ??= setInterval(() => void client?.ping().then(recover, () => undefined), probeMs);
    probe.unref();
  }

  function recover() {
    clearInterval(probe);
    probe = undefined;
    if (state.shared) return;
    state.shared = true;
    console.info(`[rate-limit] Redis is back: limits are shared again (${state.decidedInMemory} requests decided in memory so far).`);
  }

  function connect(): Redis {
    // No offline queue: while Redis is away commands fail at once instead of piling up.
    const c = new Redis(url, {
      commandTimeout: commandTimeoutMs,
      maxRetriesPerRequest: 0,
      enableOfflineQueue: false,
      connectTimeout: 2000,
    });
    c.on("error", (error: Error) => fallBack(error.message));
    c.on("close", () => fallBack("connection closed"));
    c.on("ready", recover);
    ready = new Promise((resolve) => {
      c.once("ready", () => resolve());
      setTimeout(resolve, connectWaitMs).unref();
    });
    return c;
  }

  function storeOf(counter: Counter): RateLimiterRedis {
    const id = `${counter.name}:${counter.windowSeconds}`;
    let store = stores.get(id);
    if (!store) {
      client ??= connect();
      store = new RateLimiterRedis({
        storeClient: client,
        keyPrefix: `keyport:${counter.name}`,
        points: UNREACHABLE,
        duration: counter.windowSeconds,
        rejectIfRedisNotReady: true,
      });
      stores.set(id, store);
    }
    return store;
  }

  function inMemory(w: Window, limit: number, count: number): LimitResult {
    state.decidedInMemory += 1;
    return verdict(count, limit, w.resetAt - Date.now());
  }

  async function consume(counter: Counter, subject: string, limit: number): Promise<LimitResult> {
    const store = storeOf(counter);
    await ready;
    const id = `${counter.name}:${subject}`;
    const windowMs = counter.windowSeconds * 1000;
    const w = record.window(id, windowMs, Date.now());
    const counted = (w.count += 1);
    if (!state.shared) {
      w.unsent += 1;
      return inMemory(w, limit, counted);
    }
    const owed = w.unsent;
    w.unsent = 0;
    let reply: RateLimiterRes;
    try {
      reply = await store.consume(subject, 1 + owed);
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) {
        w.unsent += 1 + owed; // whether it reached Redis is unknown: told again, counted twice at worst
        fallBack(error instanceof Error ? error.message : String(error));
        return inMemory(w, limit, counted);
      }
      reply = error;
    }
    const now = Date.now();
    const end = now + reply.msBeforeNext;
    if (record.peek(id, now) !== w || end > w.resetAt + SAME_WINDOW_MS) {
      // Redis counted this point in a window this record has not seen: Redis's count is the truth.
      if (record.peek(id, now) === w) Object.assign(w, { count: reply.consumedPoints, resetAt: end });
      return verdict(reply.consumedPoints, limit, reply.msBeforeNext);
    }
    // The same window: Redis counts every instance, this record every point this instance sent
    // (some perhaps still unanswered); the larger is the nearer to the truth.
    w.count = Math.max(w.count, reply.consumedPoints);
    w.resetAt = end;
    return verdict(Math.max(reply.consumedPoints, counted), limit, reply.msBeforeNext);
  }

  return {
    store: "redis",
    consume,
    spendNow: () => null,
    stats: () => ({ ...state }),
    async close() {
      clearInterval(probe);
      client?.removeAllListeners(); // closing on purpose is not an outage
      client?.disconnect();
    },
  };
}
