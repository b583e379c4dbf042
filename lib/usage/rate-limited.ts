// key.rate_limited, from the key check: the first refusal of a key for its rate limit in an hour
// is written to the outbox (lib/data/webhooks/once.ts), after the answer and off its path. Each
// instance remembers which keys it reported this hour, so a storm of refusals costs one map
// lookup each; across instances the event's id keeps it to one per key and hour.
import "server-only";
import { LRUCache } from "lru-cache";
import { processState } from "@/lib/core/process-state";
import type { KeyRecord } from "@/lib/data/keys/lookup";
import { recordRateLimited } from "@/lib/data/webhooks/once";

const HOUR = 3_600_000;
const reported = processState("webhooks.rateLimited", () => new LRUCache<string, number>({ max: 100_000 }));

export function noteRateLimited(key: KeyRecord, limit: number, now = Date.now()) {
  const hour = Math.floor(now / HOUR);
  if (reported.get(key.id) === hour) return;
  reported.set(key.id, hour);
  void recordRateLimited({ id: key.id, name: key.name, network: key.network, workspaceId: key.workspaceId }, limit, new Date(now)).catch(
    (error: unknown) => {
      // Not remembered then: the next refusal tries again.
      reported.delete(key.id);
      console.warn(`[webhooks] key.rate_limited not written: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
    },
  );
}
