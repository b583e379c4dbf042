// Flushing usage on shutdown from server.ts, which runs outside React's server build and so
// cannot import the recorder (it is server-only): the recorder registers its flush in the
// process state, and this reads it back.
import { processState } from "@/lib/server/process-state";

export const USAGE_STATE = "usage";

export type UsageShutdown = { flush?: () => Promise<void> };

/** Writes the counts still in memory; resolves at once when nothing was recorded. */
export async function flushUsageOnShutdown(): Promise<void> {
  await processState<UsageShutdown>(USAGE_STATE, () => ({})).flush?.();
}
