// Rules for when a key works. Pure, so they are unit-tested without a clock or database.

export type KeyState = {
  enabled: boolean;
  revokedAt: Date | null;
  expiresAt: Date | null;
  rotatedAt: Date | null;
};
export type KeyStatus = "active" | "rotating" | "disabled" | "revoked" | "expired";

export function keyStatus(k: KeyState, now = new Date()): KeyStatus {
  if (k.revokedAt) return "revoked";
  if (k.expiresAt && k.expiresAt.getTime() <= now.getTime()) return "expired";
  if (!k.enabled) return "disabled";
  return k.rotatedAt ? "rotating" : "active";
}

export function keyWorks(k: KeyState, now = new Date()): boolean {
  const s = keyStatus(k, now);
  return s === "active" || s === "rotating";
}

export const EXPIRY_PRESETS = ["never", "30", "90", "365"] as const;
const DAY = 24 * 60 * 60 * 1000;

export function expiryFromDays(days: number, now = new Date()): Date {
  return new Date(now.getTime() + days * DAY);
}

export const OVERLAPS = { none: 0, "1h": 60 * 60 * 1000, "24h": DAY, "7d": 7 * DAY } as const;
export type Overlap = keyof typeof OVERLAPS;

/**
 * When the old key stops working after a rotation: now plus the overlap, never later
 * than the old key's own expiry.
 */
export function rotationCutoff(oldExpiresAt: Date | null, overlap: Overlap, now = new Date()): Date {
  const cutoff = new Date(now.getTime() + OVERLAPS[overlap]);
  return oldExpiresAt && oldExpiresAt < cutoff ? oldExpiresAt : cutoff;
}

/** The successor keeps the old key's lifetime, counted from now; no expiry stays none. */
export function successorExpiry(old: { createdAt: Date; expiresAt: Date | null }, now = new Date()): Date | null {
  if (!old.expiresAt) return null;
  return new Date(now.getTime() + (old.expiresAt.getTime() - old.createdAt.getTime()));
}
