// The key's state machine: its states, which transitions each state allows to whom, and
// the rules a new or rotated key must pass. Pure (no clock, no database), so screens ask
// it what a key allows and the data layer asks it before every change; nothing else
// decides key state.
import type { KeyNetwork } from "@/lib/networks/key";

export const KEY_STATUSES = ["active", "rotating", "disabled", "leaked", "revoked", "expired"] as const;
export type KeyStatus = (typeof KEY_STATUSES)[number];

/**
 * Who changes a key: its owner, with the key's switch, or an admin, with a hold beside it.
 * The hold refuses the key and locks it for its owner; lifting it hands the key back to the
 * owner's switch, so an admin never turns on a key its owner paused.
 */
export type KeyActor = "owner" | "admin";
export type KeyTransition = "enable" | "disable" | "edit" | "rotate" | "revoke";

export type KeyState = {
  /** The owner's switch. */
  enabled: boolean;
  /** An admin's hold: the key is refused and its owner cannot change it. */
  heldAt?: Date | null;
  revokedAt: Date | null;
  expiresAt: Date | null;
  rotatedAt: Date | null;
  replacedById?: string | null;
  /** Reported leaked: refused for good; its owner may only rotate (no overlap) or revoke it. */
  leakedAt?: Date | null;
  network?: KeyNetwork;
};

export function keyStatus(k: KeyState, now = new Date()): KeyStatus {
  if (k.revokedAt) return "revoked";
  if (k.expiresAt && k.expiresAt.getTime() <= now.getTime()) return "expired";
  if (k.leakedAt) return "leaked";
  if (!k.enabled || k.heldAt) return "disabled";
  return k.rotatedAt ? "rotating" : "active";
}

/** Revoked and expired keys never work again and no longer count against the cap. */
export const isFinished = (status: KeyStatus) => status === "revoked" || status === "expired";

/** A key that counts against the owner's cap: every key that is not finished (disabled ones too). */
export const isLive = (k: KeyState, now = new Date()) => !isFinished(keyStatus(k, now));

/** The owner of a key, as the rules need them. A suspended owner's keys all answer 401. */
/**
 * What the key rules need of the workspace a key belongs to. `useCase` is the team's for a team
 * (`useCaseOf: "team"`), else the profile's: a teammate does not write a personal use case to
 * request a team key.
 */
export type KeyOwner = { useCase: string | null; useCaseOf?: "profile" | "team"; mainnetApproved: boolean; suspendedAt: Date | null };

/** The use case a workspace's keys need, and where it lives: a team's own, else its owner's profile's. */
export function workspaceUseCase(
  workspace: { personal: boolean; useCase: string | null } | null | undefined,
  profileUseCase: string | null | undefined,
): Pick<KeyOwner, "useCase" | "useCaseOf"> {
  return workspace?.personal === false
    ? { useCase: workspace.useCase, useCaseOf: "team" }
    : { useCase: profileUseCase ?? null, useCaseOf: "profile" };
}

/** Where a missing use case is added, in words. */
export const missingUseCase = (of: KeyOwner["useCaseOf"], before: string) =>
  of === "team"
    ? `This team has no use case yet: an owner or admin adds it in Team settings before ${before}.`
    : `Add your use case to your profile before ${before}.`;

export function keyWorks(k: KeyState, now = new Date(), owner?: Pick<KeyOwner, "suspendedAt">): boolean {
  if (owner?.suspendedAt) return false;
  const s = keyStatus(k, now);
  return s === "active" || s === "rotating";
}

export type KeyRefusalCode =
  | "revoked"
  | "expired"
  | "admin_disabled"
  | "disabled"
  | "already_rotated"
  | "use_case_required"
  | "mainnet_not_approved"
  | "suspended"
  | "leaked"
  | "key_limit"
  | "key_limit_overlap"
  | "rate_limit_above_ceiling"
  | "scope_not_offered";
export type KeyRefusal = { code: KeyRefusalCode; message: string };

const refuse = (code: KeyRefusalCode, message: string): KeyRefusal => ({ code, message });

type Rule = (transition: KeyTransition, k: KeyState, by: KeyActor, status: KeyStatus) => KeyRefusal | null;

/**
 * The rules on a key's state, in the one order they are asked: the first that refuses answers.
 * Revoking is never refused (revoking twice changes nothing). An admin's hold comes before the
 * key's age, so an owner cannot escape a hold by letting the key expire and rotating it.
 */
const STATE_RULES: Rule[] = [
  (t, _k, _by, status) =>
    status === "revoked" ? refuse("revoked", "This key is revoked: it can never work again. Request a new key instead.") : null,
  (_t, k, by) =>
    by === "owner" && k.heldAt
      ? refuse("admin_disabled", "An admin disabled this key, so only an admin can turn it back on. You can still revoke it.")
      : null,
  // A leaked key never works again, whoever asks: anyone may be holding it. Its owner rotates
  // it (the successor starts at once, the leaked key stays off) or revokes it.
  (t, k, by) =>
    k.leakedAt && t !== "rotate"
      ? refuse(
          "leaked",
          by === "owner"
            ? "This key was found in public, so it stays off for good. Rotate it to get a replacement, or revoke it."
            : "This key was found in public, so it stays off for good: its owner can rotate or revoke it.",
        )
      : null,
  // The expired key never works again, but its owner may rotate it once: a successor with the same
  // name, scopes, allowlist and limits is what they want, and "request a new key" loses all that.
  (t, _k, by, status) =>
    status === "expired" && (t !== "rotate" || by !== "owner")
      ? refuse("expired", "This key has expired: it can never work again. Rotate it to get a replacement, or request a new key.")
      : null,
  (t, _k, _by, status) =>
    t === "rotate" && status === "disabled"
      ? refuse("disabled", "Turn this key on before rotating it: a disabled key cannot be rotated.")
      : null,
  (t, k, _by, status) =>
    t === "rotate" && (k.replacedById || status === "rotating")
      ? refuse("already_rotated", "This key was already rotated: rotate its successor instead.")
      : null,
];

/**
 * Whether `by` may apply `transition` to a key in its current state; the reason when not.
 * Rules that need the owner or the cap (rotation, enabling a Mainnet key) are checked by the
 * functions below.
 */
export function transitionRefusal(transition: KeyTransition, k: KeyState, by: KeyActor, now = new Date()): KeyRefusal | null {
  if (transition === "revoke") return null;
  const status = keyStatus(k, now);
  for (const rule of STATE_RULES) {
    const refusal = rule(transition, k, by, status);
    if (refusal) return refusal;
  }
  return null;
}

/**
 * What a screen may offer `by` for this key: the same answers the server gives. For an
 * owner, enable/disable is their switch; for an admin, it is the hold (disable = place it).
 */
export function allowedTransitions(k: KeyState, by: KeyActor, now = new Date()): Record<KeyTransition, boolean> {
  const ok = (t: KeyTransition) => transitionRefusal(t, k, by, now) === null;
  const finished = isFinished(keyStatus(k, now));
  const on = by === "owner" ? k.enabled : !k.heldAt;
  return {
    enable: !finished && !on && ok("enable"),
    disable: !finished && on && ok("disable"),
    edit: by === "owner" && ok("edit"),
    rotate: by === "owner" && ok("rotate"),
    revoke: !finished,
  };
}

/** Working Mainnet keys need the owner's Mainnet approval, whoever turns them on. */
export function enableRefusal(k: KeyState, owner: KeyOwner, by: KeyActor): KeyRefusal | null {
  if (k.network !== "mainnet" || owner.mainnetApproved) return null;
  return by === "owner"
    ? refuse("mainnet_not_approved", "Your Mainnet approval was withdrawn, so Mainnet keys cannot be turned on. Use a Testnet key.")
    : refuse("mainnet_not_approved", "Its owner is not approved for Mainnet: approve them first.");
}

/** The rules a new key must pass: a use case, Mainnet approval, and room under the cap. */
export function issueRefusal(owner: KeyOwner, network: KeyNetwork, live: number, cap: number): KeyRefusal | null {
  if (owner.suspendedAt) return refuse("suspended", "Your account is suspended: no keys can be issued.");
  if (!owner.useCase) return refuse("use_case_required", missingUseCase(owner.useCaseOf, "requesting an API key"));
  if (network === "mainnet" && !owner.mainnetApproved) {
    return refuse("mainnet_not_approved", "Mainnet keys are available after approval. Request a Testnet key for now.");
  }
  if (live >= cap)
    return refuse("key_limit", `You have ${live} active keys, the most allowed is ${cap}. Revoke one you no longer use first.`);
  return null;
}

/**
 * A rotation issues a key, so it passes every rule creation passes. With an overlap the old
 * key stays live beside its successor, so it needs a free place under the cap; without
 * one the old key stops at once and the successor takes its place.
 */
export function rotationRefusal(
  k: KeyState,
  owner: KeyOwner,
  overlap: Overlap,
  live: number,
  cap: number,
  now = new Date(),
): KeyRefusal | null {
  const state = transitionRefusal("rotate", k, "owner", now);
  if (state) return state;
  // An expired key is not counted against the cap and cannot overlap: its successor needs a free place.
  const expired = keyStatus(k, now) === "expired";
  if (expired) overlap = "none";
  if (k.network === "mainnet" && !owner.mainnetApproved) {
    return refuse("mainnet_not_approved", "Mainnet keys can be rotated only while you are approved for Mainnet.");
  }
  const needed = overlap === "none" && !expired ? live - 1 : live;
  const rules = issueRefusal(owner, k.network ?? "testnet", needed, cap);
  if (rules?.code === "key_limit" && !expired) {
    return refuse(
      "key_limit_overlap",
      `You have ${live} of ${cap} active keys: an overlap would keep this key working beside its successor, one over the limit. ` +
        "Rotate without overlap (the old key stops at once), or revoke a key you no longer use.",
    );
  }
  return rules;
}

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
