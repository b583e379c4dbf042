// Writes batched in memory (usage counts, last use of keys) register their flush here, and
// server.ts runs them all on SIGTERM/SIGINT after requests in flight finish. Through the process
// state: server.ts runs outside React's server build and cannot import those server-only modules.
import { processState } from "@/lib/core/process-state";

const flushes = () => processState("shutdownFlushes", () => new Map<string, () => Promise<void>>());

/** Registers (or replaces) the flush named `name`. */
export function onShutdownFlush(name: string, flush: () => Promise<void>) {
  flushes().set(name, flush);
}

/** Runs every registered flush; one that fails does not stop the others. */
export async function flushAllOnShutdown(): Promise<void> {
  await Promise.allSettled([...flushes().values()].map((flush) => flush()));
}
