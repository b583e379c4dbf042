// The audit log as CSV. csv-stringify quotes, and with escape_formulas prefixes a single quote
// to any cell starting with = + - @ tab or carriage return (OWASP's CSV-injection advice):
// key names, user names and reasons are typed by users, and a spreadsheet would run them.
import { stringify } from "csv-stringify/sync";
import { detailText } from "./details";
import { missingTargetLabel, namedTargetText, SYSTEM_ACTOR, type AuditView } from "./view";

export const AUDIT_CSV_COLUMNS = [
  { key: "time", header: "Time (UTC)" },
  { key: "actorName", header: "Actor name" },
  { key: "actorAddress", header: "Actor address" },
  { key: "action", header: "Action" },
  { key: "actionCode", header: "Action code" },
  { key: "target", header: "Target" },
  { key: "details", header: "Details" },
  { key: "ip", header: "IP" },
  // The signed step-up receipt as JSON: paste it into /verify-receipt or scripts/verify-receipt.ts.
  { key: "signedReceipt", header: "Signed receipt (JSON)" },
] as const;

type CsvRecord = Record<(typeof AUDIT_CSV_COLUMNS)[number]["key"], string>;

function targetText(t: AuditView["target"]): string {
  if (t.kind === "api_key") return `${t.name} · ${t.masked}`;
  if (t.kind === "user") return t.name ? `${t.name} · ${t.address}` : t.address;
  if (t.kind === "workspace" || t.kind === "invitation") return namedTargetText(t)!;
  return `${missingTargetLabel(t)} ${t.id}`;
}

export function auditCsvRecord(e: AuditView): CsvRecord {
  return {
    time: e.createdAt,
    actorName: e.actor ? (e.actor.name ?? "") : SYSTEM_ACTOR,
    actorAddress: e.actor?.address ?? "",
    action: e.actionLabel,
    actionCode: e.action,
    target: targetText(e.target),
    details: e.details.map(detailText).join("; "),
    ip: e.ip ?? "",
    signedReceipt: e.stepUp ? JSON.stringify(e.stepUp) : "",
  };
}

/**
 * One chunk of the file. The first carries the byte-order mark (so Excel reads the UTF-8 "…"
 * and "→") and the header row; later chunks continue it.
 */
export function auditCsvChunk(rows: AuditView[], first: boolean): string {
  return stringify(rows.map(auditCsvRecord), {
    bom: first,
    header: first,
    columns: AUDIT_CSV_COLUMNS.map((c) => ({ key: c.key, header: c.header })),
    escape_formulas: true,
    record_delimiter: "windows",
  });
}

/** keyport-audit-2026-11-25.csv, dated by the UTC day of the export. */
export const auditCsvFilename = (now = new Date()) => `keyport-audit-${now.toISOString().slice(0, 10)}.csv`;
