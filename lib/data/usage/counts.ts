import "server-only";
// Key usage in the database: the recorder's batched writes, the roll-up and pruning that keep
// the table small, and the reads behind the key page's charts. Counts are added, never set, so
// batches from several instances (and retried batches) add up.
import { db } from "@/lib/database/client";
import { env } from "@/lib/core/env";
import type { USAGE_RANGES } from "@/lib/validation/api-key";
import { requireMember } from "@/lib/data/workspaces/access";

export const OUTCOMES = ["success", "insufficient_scope", "rate_limited", "ip_not_allowed", "refused"] as const;
export type Outcome = (typeof OUTCOMES)[number];

export type UsageCount = { keyId: string; minute: Date; endpoint: string; outcome: Outcome; count: number };
export type RequestRow = { keyId: string; at: Date; ip: string | null; method: string; path: string; status: number; latencyMs: number };

/** How many of each key's latest requests are kept. */
export const KEPT_REQUESTS = 100;

/** One transaction: add the counts, append the requests, keep each touched key's latest 100. */
export async function writeUsageBatch(counts: UsageCount[], requests: RequestRow[]): Promise<void> {
  if (counts.length === 0 && requests.length === 0) return;
  const keyIds = [...new Set(requests.map((r) => r.keyId))];
  await db.$transaction([
    db.$executeRaw`
      INSERT INTO key_usage ("keyId", resolution, bucket, endpoint, outcome, count)
      SELECT k, 'm', b, e, o, c
      FROM unnest(${counts.map((c) => c.keyId)}::text[], ${counts.map((c) => c.minute)}::timestamptz[],
                  ${counts.map((c) => c.endpoint)}::text[], ${counts.map((c) => c.outcome)}::text[], ${counts.map((c) => c.count)}::int[])
        AS t(k, b, e, o, c)
      WHERE EXISTS (SELECT 1 FROM "ApiKey" WHERE id = k)
      ON CONFLICT ("keyId", resolution, bucket, endpoint, outcome) DO UPDATE SET count = key_usage.count + EXCLUDED.count`,
    db.$executeRaw`
      INSERT INTO key_requests ("keyId", at, ip, method, path, status, "latencyMs")
      SELECT k, a, i, m, p, s, l
      FROM unnest(${requests.map((r) => r.keyId)}::text[], ${requests.map((r) => r.at)}::timestamptz[], ${requests.map((r) => r.ip)}::text[],
                  ${requests.map((r) => r.method)}::text[], ${requests.map((r) => r.path)}::text[], ${requests.map((r) => r.status)}::int[],
                  ${requests.map((r) => r.latencyMs)}::int[])
        AS t(k, a, i, m, p, s, l)
      WHERE EXISTS (SELECT 1 FROM "ApiKey" WHERE id = k)`,
    db.$executeRaw`
      DELETE FROM key_requests r USING (
        SELECT id, row_number() OVER (PARTITION BY "keyId" ORDER BY at DESC, id DESC) AS n
        FROM key_requests WHERE "keyId" = ANY(${keyIds}::text[])
      ) ranked
      WHERE r.id = ranked.id AND ranked.n > ${KEPT_REQUESTS}`,
  ]);
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The advisory lock the roll-up holds for its transaction (any number no other code uses). */
export const ROLL_UP_LOCK = 4_801_227_001;

/**
 * Minute buckets older than 48 h become hours, hour buckets older than 30 days become days,
 * days past the retention are deleted. Every instance runs it hourly, but one at a time: the
 * whole roll-up is one transaction under an advisory lock that a run finding it taken does not
 * wait for (`ran: false`; the instance holding it does the work). Each move deletes and re-adds
 * in one statement, so even without the lock no row would be moved twice.
 */
export async function rollUpUsage(now = new Date()): Promise<{ ran: boolean; minutes: number; hours: number; pruned: number }> {
  const minutesBefore = new Date(now.getTime() - 48 * HOUR);
  const hoursBefore = new Date(now.getTime() - 30 * DAY);
  const keepFrom = new Date(now.getTime() - env.USAGE_RETENTION_DAYS * DAY);
  return db.$transaction(
    async (tx) => {
      const [lock] = await tx.$queryRaw<{ taken: boolean }[]>`SELECT pg_try_advisory_xact_lock(${ROLL_UP_LOCK}::bigint) AS taken`;
      if (!lock?.taken) return { ran: false, minutes: 0, hours: 0, pruned: 0 };
      const move = (from: "m" | "h", to: "h" | "d", unit: "hour" | "day", before: Date) => tx.$executeRaw`
        WITH moved AS (
          DELETE FROM key_usage WHERE resolution = ${from} AND bucket < ${before}
          RETURNING "keyId", bucket, endpoint, outcome, count
        )
        INSERT INTO key_usage ("keyId", resolution, bucket, endpoint, outcome, count)
        SELECT "keyId", ${to}, date_trunc(${unit}, bucket, 'UTC'), endpoint, outcome, sum(count)::int
        FROM moved GROUP BY 1, 3, 4, 5
        ON CONFLICT ("keyId", resolution, bucket, endpoint, outcome) DO UPDATE SET count = key_usage.count + EXCLUDED.count`;
      const minutes = await move("m", "h", "hour", minutesBefore);
      const hours = await move("h", "d", "day", hoursBefore);
      const pruned = await tx.$executeRaw`DELETE FROM key_usage WHERE bucket < ${keepFrom}`;
      return { ran: true, minutes, hours, pruned };
    },
    // A year of minutes after a long pause is a large move: more than the default 15 s.
    { timeout: 300_000 },
  );
}

export type UsageRange = (typeof USAGE_RANGES)[number];
const RANGES: Record<UsageRange, { span: number; step: number; unit: "hour" | "day" }> = {
  "24h": { span: DAY, step: HOUR, unit: "hour" },
  "7d": { span: 7 * DAY, step: DAY, unit: "day" },
  "30d": { span: 30 * DAY, step: DAY, unit: "day" },
};

export type UsagePoint = { at: string } & Record<Outcome, number>;

/** Requests of one key over `range`, one point per hour (24 h) or day, split by outcome; empty buckets are zeros. */
export async function usageSeries(keyId: string, range: UsageRange, now = new Date()): Promise<UsagePoint[]> {
  const { span, step, unit } = RANGES[range];
  const last = Math.floor(now.getTime() / step) * step;
  const first = last - span + step;
  const rows = await db.$queryRaw<{ at: Date; outcome: string; count: bigint }[]>`
    SELECT date_trunc(${unit}, bucket, 'UTC') AS at, outcome, sum(count) AS count
    FROM key_usage WHERE "keyId" = ${keyId} AND bucket >= ${new Date(first)}
    GROUP BY 1, 2`;
  const points = new Map<number, UsagePoint>();
  for (let t = first; t <= last; t += step) points.set(t, { at: new Date(t).toISOString(), ...zeroCounts() });
  for (const row of rows) {
    const point = points.get(row.at.getTime());
    if (point && (OUTCOMES as readonly string[]).includes(row.outcome)) point[row.outcome as Outcome] += Number(row.count);
  }
  return [...points.values()];
}

function zeroCounts(): Record<Outcome, number> {
  return { success: 0, insufficient_scope: 0, rate_limited: 0, ip_not_allowed: 0, refused: 0 };
}

/** The key's latest requests, newest first. */
export async function recentRequests(keyId: string, take = KEPT_REQUESTS) {
  const rows = await db.keyRequest.findMany({
    where: { keyId },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take,
    select: { id: true, at: true, ip: true, method: true, path: true, status: true, latencyMs: true },
  });
  return rows.map((r) => ({ ...r, id: r.id.toString(), at: r.at.toISOString() }));
}

export type KeyUsageView = { range: UsageRange; series: UsagePoint[]; recent: Awaited<ReturnType<typeof recentRequests>> };

/** The usage of a key in a workspace `userId` may read; null when it is not (the caller answers 404). */
export async function ownKeyUsage(userId: string, keyId: string, range: UsageRange, now = new Date()): Promise<KeyUsageView | null> {
  const key = await db.apiKey.findUnique({ where: { id: keyId }, select: { workspaceId: true } });
  if (!key || !(await requireMember(userId, { id: key.workspaceId }, "read")).ok) return null;
  const [series, recent] = await Promise.all([usageSeries(keyId, range, now), recentRequests(keyId)]);
  return { range, series, recent };
}
