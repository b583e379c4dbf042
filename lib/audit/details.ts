// An audit event's `details` JSON as lines people read: "Scopes: escrows:read → escrows:read,
// escrows:write", "Reason: Found in a public repository". Pure and safe for the browser; the
// table renders the lines and the CSV export joins their text, so both say the same thing.
import { NETWORK_LABEL, type KeyNetwork } from "@/lib/networks/key";
import { stepUpTitle } from "@/lib/wallets/step-up";

export type DetailLine = { label: string; value: string } | { label: string; before: string; after: string };

/** Names for ids that details mention (a rotation's successor key), resolved by the caller. */
export type DetailRefs = { keys: ReadonlyMap<string, string> };

const OVERLAP_LABEL: Record<string, string> = {
  none: "None (stopped at once)",
  "1h": "1 hour",
  "24h": "24 hours",
  "7d": "7 days",
};

/** 2026-11-25 19:54 UTC: the log's days are UTC days (the date filter and the export say so too). */
export function utcDateTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

const text = (v: unknown): string =>
  v === null || v === undefined || v === "" ? "—" : typeof v === "string" ? v : typeof v === "number" ? String(v) : JSON.stringify(v);
const list = (v: unknown) => (Array.isArray(v) ? (v.length ? v.map(text).join(", ") : "none") : text(v));
const date = (never: string) => (v: unknown) => (v === null ? never : typeof v === "string" ? utcDateTime(v) : text(v));

type Field = { label: string; format?: (v: unknown, refs: DetailRefs) => string };

// In the order they read best. PostgreSQL's jsonb reorders an object's keys, so the stored
// order cannot be used; fields not listed here follow under their raw names.
const FIELDS: Record<string, Field> = {
  name: { label: "Name" },
  description: { label: "Description" },
  network: { label: "Network", format: (v) => NETWORK_LABEL[v as KeyNetwork] ?? text(v) },
  scopes: { label: "Scopes", format: list },
  rateLimit: { label: "Own limit (per minute)", format: (v) => (v == null ? "None" : text(v)) },
  rateLimitCeiling: { label: "Limit ceiling (per minute)", format: (v) => (v == null ? "Default" : text(v)) },
  allowedIps: { label: "Allowed IPs", format: (v) => (Array.isArray(v) && v.length === 0 ? "Any address" : list(v)) },
  expiresAt: { label: "Expires", format: date("Never") },
  reason: { label: "Reason" },
  justification: { label: "Justification" },
  via: { label: "Via", format: (v) => (v === "mainnet_switch" ? "the Mainnet switch" : text(v)) },
  successorId: { label: "New key", format: (v, refs) => (typeof v === "string" ? (refs.keys.get(v) ?? "a deleted key") : text(v)) },
  overlap: { label: "Overlap", format: (v) => OVERLAP_LABEL[String(v)] ?? text(v) },
  oldKeyStopsAt: { label: "Old key stops", format: date("—") },
  keysDisabled: { label: "Mainnet keys disabled" },
  sessionsEnded: { label: "Sessions ended" },
  sessions: { label: "Sessions ended" },
  url: { label: "Found at" },
  source: { label: "Source" },
  tokenType: { label: "Token type" },
  reportedBy: { label: "Reported by" },
  // A multisig team's pending approval: the change it asks for, and the account whose signers decide.
  action: { label: "Change", format: (v) => (typeof v === "string" ? stepUpTitle(v) : text(v)) },
  account: { label: "Stellar account" },
};

/** Database ids stored for joins, not for people (#25.18): the other details already say which request it was. */
const INTERNAL = new Set(["requestId", "approvalId"]);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const format = (field: string, v: unknown, refs: DetailRefs) => (FIELDS[field]?.format ?? text)(v, refs);
const label = (field: string) => FIELDS[field]?.label ?? field;
const ordered = (fields: Iterable<string>) => {
  const known = Object.keys(FIELDS);
  const rank = (f: string) => (known.includes(f) ? known.indexOf(f) : known.length);
  return [...new Set(fields)].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
};

/** Readable lines for one event's details; an edit (`before`/`after`) gives one line per changed field. */
export function describeDetails(details: unknown, refs: DetailRefs = { keys: new Map() }): DetailLine[] {
  if (details === null || details === undefined) return [];
  if (!isObject(details)) return [{ label: "Details", value: text(details) }];
  const lines: DetailLine[] = [];
  const { before, after, ...rest } = details;
  if (isObject(before) && isObject(after)) {
    for (const field of ordered([...Object.keys(before), ...Object.keys(after)])) {
      const [was, now] = [format(field, before[field], refs), format(field, after[field], refs)];
      if (was !== now) lines.push({ label: label(field), before: was, after: now });
    }
    if (lines.length === 0) lines.push({ label: "Changes", value: "none" });
  } else {
    if (before !== undefined) rest.before = before;
    if (after !== undefined) rest.after = after;
  }
  for (const field of ordered(Object.keys(rest).filter((f) => !INTERNAL.has(f))))
    lines.push({ label: label(field), value: format(field, rest[field], refs) });
  return lines;
}

/** "Scopes: escrows:read → escrows:read, escrows:write" */
export function detailText(line: DetailLine): string {
  return "value" in line ? `${line.label}: ${line.value}` : `${line.label}: ${line.before} → ${line.after}`;
}
