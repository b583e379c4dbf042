import "server-only";
// Usage summed over many keys at once: the keys list's 7-day sparklines (one query for a
// whole workspace, never one per key), and the admin overview's platform series and top keys.
// Days are UTC days; counts at every resolution (minute, hour, day) are summed, so a day keeps
// its total whether or not it has been rolled up yet.
import { db } from "@/lib/database/client";
import type { KeySparklines } from "@/lib/keys/view";
import { OUTCOMES, type Outcome, type UsagePoint } from "./counts";

const DAY_MS = 86_400_000;
export const SPARKLINE_DAYS = 7;
export const PLATFORM_DAYS = 30;
export const TOP_KEYS_DAYS = 7;

/** The UTC days ending today, oldest first, the instant the first starts and the instant after the last ends. */
export function dayWindow(now: Date, days: number): { since: Date; until: Date; days: string[] } {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const since = new Date(today - (days - 1) * DAY_MS);
  const list = Array.from({ length: days }, (_, i) => new Date(since.getTime() + i * DAY_MS).toISOString().slice(0, 10));
  return { since, until: new Date(today + DAY_MS), days: list };
}

/** The last 7 days of every key of one workspace, in one query; another workspace's keys are never read. */
export async function workspaceSparklines(workspaceId: string, now = new Date()): Promise<KeySparklines> {
  const { since, until, days } = dayWindow(now, SPARKLINE_DAYS);
  const rows = await db.$queryRaw<{ keyId: string; day: string; n: bigint }[]>`
    SELECT u."keyId", to_char(u.bucket AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, sum(u.count) AS n
    FROM key_usage u JOIN "ApiKey" k ON k.id = u."keyId"
    WHERE k."workspaceId" = ${workspaceId} AND u.bucket >= ${since} AND u.bucket < ${until}
    GROUP BY 1, 2`;
  const index = new Map(days.map((d, i) => [d, i]));
  const counts: Record<string, number[]> = {};
  for (const row of rows) {
    const i = index.get(row.day);
    if (i === undefined) continue;
    (counts[row.keyId] ??= days.map(() => 0))[i]! += Number(row.n);
  }
  return { days, counts };
}

/** Every key's requests per UTC day over the last 30 days, split by outcome (the key page's chart shape). */
export async function platformRequestsPerDay(now = new Date()): Promise<UsagePoint[]> {
  const { since, until, days } = dayWindow(now, PLATFORM_DAYS);
  const rows = await db.$queryRaw<{ day: string; outcome: string; n: bigint }[]>`
    SELECT to_char(bucket AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, outcome, sum(count) AS n
    FROM key_usage WHERE bucket >= ${since} AND bucket < ${until}
    GROUP BY 1, 2`;
  const points = new Map<string, UsagePoint>(
    days.map((d) => [d, { at: `${d}T00:00:00.000Z`, ...(Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>) }]),
  );
  for (const row of rows) {
    const point = points.get(row.day);
    if (point && (OUTCOMES as readonly string[]).includes(row.outcome)) point[row.outcome as Outcome] += Number(row.n);
  }
  return [...points.values()];
}

export type TopKeyView = {
  id: string;
  name: string;
  start: string;
  requests: number;
  /** Requests that did not succeed (scope, rate limit, IP, refused), as a share of all, 0–1. */
  errorShare: number;
  workspace: { name: string; slug: string; personal: boolean };
};

/** The keys with the most requests over the last 7 days, most first (ties by id, so the order is stable). */
export async function topKeysByRequests(now = new Date(), take = 10): Promise<TopKeyView[]> {
  const { since, until } = dayWindow(now, TOP_KEYS_DAYS);
  const rows = await db.$queryRaw<{ keyId: string; n: bigint; failed: bigint }[]>`
    SELECT "keyId", sum(count) AS n, coalesce(sum(count) FILTER (WHERE outcome <> 'success'), 0) AS failed
    FROM key_usage WHERE bucket >= ${since} AND bucket < ${until}
    GROUP BY 1 ORDER BY n DESC, "keyId" LIMIT ${take}`;
  const keys = await db.apiKey.findMany({
    where: { id: { in: rows.map((r) => r.keyId) } },
    select: { id: true, name: true, start: true, workspace: { select: { name: true, slug: true, personal: true } } },
  });
  const byId = new Map(keys.map((k) => [k.id, k]));
  return rows.flatMap((r) => {
    const key = byId.get(r.keyId);
    const requests = Number(r.n);
    return key ? [{ ...key, requests, errorShare: requests ? Number(r.failed) / requests : 0 }] : [];
  });
}
