import "server-only";
// The admin overview: the counts, the Mainnet requests waiting for a decision, and what
// happened per day. Not scoped to one user: callers must have passed requireAdmin() first.
import { db } from "@/lib/database/client";
import { keyStatusWhere } from "@/lib/data/keys/filters";
import { dayWindow, platformRequestsPerDay, topKeysByRequests } from "@/lib/data/usage/summaries";

/** Days in the activity chart, today (UTC) included. */
export const ACTIVITY_DAYS = 30;

export type ActivityDay = { /** YYYY-MM-DD, UTC */ day: string; keysCreated: number; signIns: number };
export type PendingRequestView = { id: string; createdAt: string; justification: string; user: { address: string; name: string | null } };

/** The UTC days of the window, oldest first, and the instant it starts. */
export const activityWindow = (now: Date, days = ACTIVITY_DAYS) => dayWindow(now, days);

type DayCount = { day: string; n: number };

// Timestamps are stored as UTC in `timestamp` columns: the window's start is converted to
// the same, and each row is grouped by its UTC day in the database, one query per series.
const keysPerDay = (since: Date) => db.$queryRaw<DayCount[]>`
  SELECT to_char(date_trunc('day', "createdAt"), 'YYYY-MM-DD') AS day, count(*)::int AS n
  FROM "ApiKey" WHERE "createdAt" >= (${since.toISOString()}::timestamptz AT TIME ZONE 'UTC')
  GROUP BY 1`;

const signInsPerDay = (since: Date) => db.$queryRaw<DayCount[]>`
  SELECT to_char(date_trunc('day', "createdAt"), 'YYYY-MM-DD') AS day, count(*)::int AS n
  FROM "AuditEvent" WHERE action = 'user.sign_in' AND "createdAt" >= (${since.toISOString()}::timestamptz AT TIME ZONE 'UTC')
  GROUP BY 1`;

/** Keys created and sign-ins per UTC day over the last ACTIVITY_DAYS days, days without any as zero. */
export async function activitySeries(now = new Date()): Promise<ActivityDay[]> {
  const { since, days } = activityWindow(now);
  const [keys, signIns] = await Promise.all([keysPerDay(since), signInsPerDay(since)]);
  const byDay = (rows: DayCount[]) => new Map(rows.map((r) => [r.day, Number(r.n)]));
  const k = byDay(keys);
  const s = byDay(signIns);
  return days.map((day) => ({ day, keysCreated: k.get(day) ?? 0, signIns: s.get(day) ?? 0 }));
}

/** The oldest requests first: the queue is worked from the front. */
export async function pendingMainnetRequests(take = 5): Promise<{ total: number; oldest: PendingRequestView[] }> {
  const where = { status: "pending" as const };
  const [total, rows] = await Promise.all([
    db.mainnetRequest.count({ where }),
    db.mainnetRequest.findMany({
      where,
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take,
      select: { id: true, createdAt: true, justification: true, user: { select: { address: true, name: true } } },
    }),
  ]);
  return { total, oldest: rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })) };
}

export async function adminOverview(now = new Date()) {
  const [users, keys, active, audits, pending, activity] = await Promise.all([
    db.user.count(),
    db.apiKey.count(),
    db.apiKey.count({ where: keyStatusWhere("active", now) }),
    db.auditEvent.count(),
    pendingMainnetRequests(),
    activitySeries(now),
  ]);
  return { counts: { users, keys, active, audits }, pending, activity };
}

/** Platform requests per day (30 days, by outcome) and the busiest keys of the last 7 days: streamed in after the counts. */
export async function adminUsage(now = new Date()) {
  const [perDay, topKeys] = await Promise.all([platformRequestsPerDay(now), topKeysByRequests(now)]);
  return { perDay, topKeys };
}
