// When a key stops, as rules: the warning window before expiry, a rotated key's overlap, and
// the dates an expiry may be set to (the schema and the picker share them). Safe for the browser.
import type { KeyStatus } from "./lifecycle";

/** Keys that still work but stop within this many days are flagged in the list, on their page and in a banner. */
export const EXPIRY_WARNING_DAYS = 7;

/**
 * Whole days until a working key expires, when that is within EXPIRY_WARNING_DAYS; otherwise null.
 * A key being rotated out ("rotating") is not expiring: it already has a successor, and its end
 * is the overlap's, told by `rotatingOut` (the banner's "rotate it" would be wrong advice).
 */
export function expiresSoon(k: { status: KeyStatus; expiresAt: string | null }, now = Date.now()): number | null {
  if (!k.expiresAt || k.status !== "active") return null;
  const left = Date.parse(k.expiresAt) - now;
  return left > 0 && left <= EXPIRY_WARNING_DAYS * 86_400_000 ? Math.ceil(left / 86_400_000) : null;
}

/** A key being rotated out: its successor's id and when it stops (the overlap's end); null for any other key. */
export function rotatingOut(k: {
  status: KeyStatus;
  expiresAt: string | null;
  replacedById: string | null;
}): { successorId: string; stopsAt: string } | null {
  return k.status === "rotating" && k.replacedById && k.expiresAt ? { successorId: k.replacedById, stopsAt: k.expiresAt } : null;
}

/** The longest life a key may be given, in days. */
const MAX_EXPIRY_DAYS = 3 * 365;

/**
 * The dates the picker offers: tomorrow up to three years ahead. The server's schema checks the
 * same range; it lives here, not with the schema, so the dialog does not load zod for it.
 */
export function expiryDateRange(now = Date.now()) {
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  return { min: day(now + 86_400_000), max: day(now + (MAX_EXPIRY_DAYS - 1) * 86_400_000) }; // the last day that ends within range
}
