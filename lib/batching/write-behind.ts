// One write-behind batcher for what the API plane records on every request (last use of keys,
// usage counts): changes gather in memory and are written in one batch when the batch reaches
// its size, within `flushMs` of its first change, and on shutdown (server.ts runs every flush
// registered in shutdown-flush.ts). Writes run one after another, never together. A crash
// loses at most the last `flushMs` of what was recorded.
import { onShutdownFlush } from "./shutdown-flush";

export type WriteBehindOptions<B> = {
  /** Names the batcher in logs and in the shutdown flushes. */
  name: string;
  /** An empty batch. */
  create: () => B;
  /** How many entries a batch holds (0: nothing to write). */
  size: (batch: B) => number;
  /** Writes one batch (one transaction or one statement). */
  write: (batch: B) => Promise<void>;
  /** A batch this large is written at once. */
  maxBatch: number;
  /** A change waits at most this long (read when the batch starts, so tests may set it). */
  flushMs: () => number;
  /** A write failed: what of the failed batch to keep in the next one (default: nothing). */
  keep?: (failed: B, next: B) => void;
};

export type WriteBehind<B> = {
  /** Applies a change to the pending batch; writes it at once when it reaches maxBatch. */
  add(change: (batch: B) => void): void;
  /** Writes what is pending now (and waits for writes in flight). */
  flush(): Promise<void>;
  /** Batches written since start (the benchmark reports writes per 10,000 requests). */
  written(): number;
};

const firstLine = (error: unknown) => (error instanceof Error ? error.message.split("\n")[0] : String(error));

export function writeBehind<B>(o: WriteBehindOptions<B>): WriteBehind<B> {
  let batch = o.create();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let writing: Promise<void> = Promise.resolve();
  let written = 0;
  let failing = false;

  async function write(taken: B) {
    try {
      await o.write(taken);
      written += 1;
      if (failing) console.info(`[${o.name}] writing again.`);
      failing = false;
    } catch (error) {
      o.keep?.(taken, batch);
      if (!failing) console.warn(`[${o.name}] write failed (${o.keep ? "kept for the next batch" : "dropped"}): ${firstLine(error)}`);
      failing = true;
    }
  }

  /** Seals the pending batch (a batch never grows past maxBatch) and queues its write behind the one in flight. */
  function flush(): Promise<void> {
    clearTimeout(timer);
    timer = undefined;
    if (o.size(batch) > 0) {
      const taken = batch;
      batch = o.create();
      writing = writing.then(() => write(taken));
    }
    return writing;
  }

  onShutdownFlush(o.name, flush);
  return {
    add(change) {
      change(batch);
      if (o.size(batch) >= o.maxBatch) void flush();
      else timer ??= setTimeout(() => void flush(), o.flushMs()).unref();
    },
    flush,
    written: () => written,
  };
}
