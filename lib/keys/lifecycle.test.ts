import { describe, expect, it } from "vitest";
import {
  allowedTransitions,
  issueRefusal,
  keyStatus,
  keyWorks,
  rotationCutoff,
  rotationRefusal,
  successorExpiry,
  transitionRefusal,
  type KeyState,
} from "./lifecycle";

const now = new Date("2026-11-25T12:00:00Z");
const at = (iso: string) => new Date(iso);
const base = { enabled: true, revokedAt: null, expiresAt: null, rotatedAt: null };

describe("key status", () => {
  it("works while enabled, unrevoked and unexpired", () => {
    expect(keyStatus(base, now)).toBe("active");
    expect(keyWorks(base, now)).toBe(true);
  });

  it("stops working when disabled, revoked or expired", () => {
    expect(keyStatus({ ...base, enabled: false }, now)).toBe("disabled");
    expect(keyStatus({ ...base, revokedAt: at("2026-11-01T00:00:00Z") }, now)).toBe("revoked");
    expect(keyStatus({ ...base, expiresAt: now }, now)).toBe("expired");
    for (const k of [
      { ...base, enabled: false },
      { ...base, revokedAt: now },
      { ...base, expiresAt: now },
    ])
      expect(keyWorks(k, now)).toBe(false);
  });

  it("reports revoked over expired over disabled", () => {
    expect(keyStatus({ enabled: false, revokedAt: now, expiresAt: at("2020-01-01T00:00:00Z"), rotatedAt: null }, now)).toBe("revoked");
    expect(keyStatus({ ...base, enabled: false, expiresAt: at("2020-01-01T00:00:00Z") }, now)).toBe("expired");
  });

  it("keeps a rotated key working until its overlap ends", () => {
    const rotated = { ...base, rotatedAt: now, expiresAt: at("2026-11-25T13:00:00Z") };
    expect(keyStatus(rotated, now)).toBe("rotating");
    expect(keyWorks(rotated, at("2026-11-25T12:59:59Z"))).toBe(true);
    expect(keyWorks(rotated, at("2026-11-25T13:00:00Z"))).toBe(false);
  });
});

describe("rotation overlap", () => {
  it("adds the chosen overlap to now", () => {
    expect(rotationCutoff(null, "none", now)).toEqual(now);
    expect(rotationCutoff(null, "1h", now)).toEqual(at("2026-11-25T13:00:00Z"));
    expect(rotationCutoff(null, "24h", now)).toEqual(at("2026-11-26T12:00:00Z"));
    expect(rotationCutoff(null, "7d", now)).toEqual(at("2026-12-02T12:00:00Z"));
  });

  it("never keeps the old key past its own expiry", () => {
    expect(rotationCutoff(at("2026-11-25T12:30:00Z"), "7d", now)).toEqual(at("2026-11-25T12:30:00Z"));
    expect(rotationCutoff(at("2027-01-01T00:00:00Z"), "1h", now)).toEqual(at("2026-11-25T13:00:00Z"));
  });

  it("gives the successor the old key's lifetime, counted from now", () => {
    expect(successorExpiry({ createdAt: at("2026-11-01T12:00:00Z"), expiresAt: at("2026-12-01T12:00:00Z") }, now)).toEqual(
      at("2026-12-25T12:00:00Z"),
    );
    expect(successorExpiry({ createdAt: now, expiresAt: null }, now)).toBeNull();
  });
});

describe("who may do what", () => {
  const adminOff = { ...base, heldAt: now };
  const ownerOff = { ...base, enabled: false };
  const owner = { useCase: "Payroll", mainnetApproved: false, suspendedAt: null };

  it("locks an admin-disabled key for its owner except revoking, and leaves an owner's pause to the owner", () => {
    expect(allowedTransitions(adminOff, "owner", now)).toEqual({ enable: false, disable: false, edit: false, rotate: false, revoke: true });
    expect(allowedTransitions(adminOff, "admin", now)).toMatchObject({ enable: true, disable: false, revoke: true });
    expect(allowedTransitions(ownerOff, "owner", now)).toEqual({ enable: true, disable: false, edit: true, rotate: false, revoke: true });
    // For an admin the switch is the hold: an owner's pause is not theirs to lift, only to hold.
    expect(allowedTransitions(ownerOff, "admin", now)).toMatchObject({ enable: false, disable: true });
    expect(keyStatus({ ...adminOff, enabled: false }, now)).toBe("disabled");
  });

  it("offers nothing but what the state allows on finished and rotated keys", () => {
    expect(allowedTransitions({ ...base, revokedAt: now }, "owner", now)).toEqual({
      enable: false,
      disable: false,
      edit: false,
      rotate: false,
      revoke: false,
    });
    expect(
      allowedTransitions({ ...base, rotatedAt: now, expiresAt: at("2026-11-26T00:00:00Z"), replacedById: "k2" }, "owner", now),
    ).toMatchObject({
      rotate: false,
      disable: true,
      edit: true,
    });
  });

  it("counts an overlap against the cap, and a rotation without one as a swap", () => {
    expect(rotationRefusal(base, owner, "7d", 10, 10, now)?.code).toBe("key_limit_overlap");
    expect(rotationRefusal(base, owner, "none", 10, 10, now)).toBeNull();
    expect(rotationRefusal(base, owner, "7d", 9, 10, now)).toBeNull();
    expect(rotationRefusal({ ...base, network: "mainnet" }, owner, "none", 1, 10, now)?.code).toBe("mainnet_not_approved");
    expect(rotationRefusal(base, { ...owner, useCase: null }, "none", 1, 10, now)?.code).toBe("use_case_required");
  });

  it("keeps a leaked key off for good: owner and admin may only rotate (owner) or revoke it", () => {
    const leaked = { ...base, leakedAt: now };
    expect(keyStatus(leaked, now)).toBe("leaked");
    expect(keyWorks(leaked, now)).toBe(false);
    expect(allowedTransitions(leaked, "owner", now)).toEqual({ enable: false, disable: false, edit: false, rotate: true, revoke: true });
    expect(allowedTransitions(leaked, "admin", now)).toEqual({ enable: false, disable: false, edit: false, rotate: false, revoke: true });
    expect(transitionRefusal("enable", { ...leaked, enabled: false }, "owner", now)?.code).toBe("leaked");
    expect(transitionRefusal("enable", { ...leaked, heldAt: now }, "admin", now)?.code).toBe("leaked");
    expect(rotationRefusal(leaked, owner, "none", 10, 10, now)).toBeNull();
    // Finished is finished: a revoked or expired key that leaked reads as revoked or expired.
    expect(keyStatus({ ...leaked, revokedAt: now }, now)).toBe("revoked");
    expect(keyStatus({ ...leaked, expiresAt: now }, now)).toBe("expired");
  });

  it("lets an owner rotate an expired key once, without overlap, into a free place under the cap", () => {
    const expired = { ...base, createdAt: at("2026-08-01T00:00:00Z"), expiresAt: at("2026-11-01T00:00:00Z") };
    expect(keyStatus(expired, now)).toBe("expired");
    expect(allowedTransitions(expired, "owner", now)).toEqual({ enable: false, disable: false, edit: false, rotate: true, revoke: false });
    expect(allowedTransitions(expired, "admin", now)).toMatchObject({ rotate: false });
    expect(transitionRefusal("enable", expired, "owner", now)?.code).toBe("expired");
    expect(transitionRefusal("edit", expired, "owner", now)?.code).toBe("expired");
    // Not counted as live: 9 live of 10 leaves room, 10 of 10 does not (no swap to make).
    expect(rotationRefusal(expired, owner, "24h", 9, 10, now)).toBeNull();
    expect(rotationRefusal(expired, owner, "none", 10, 10, now)?.code).toBe("key_limit");
    expect(rotationRefusal({ ...expired, replacedById: "k2" }, owner, "none", 0, 10, now)?.code).toBe("already_rotated");
    expect(rotationRefusal({ ...expired, revokedAt: now }, owner, "none", 0, 10, now)?.code).toBe("revoked");
  });

  it("refuses new keys to a suspended owner before anything else", () => {
    expect(issueRefusal({ ...owner, suspendedAt: now }, "testnet", 0, 10)?.code).toBe("suspended");
    expect(keyWorks(base, now, { suspendedAt: now })).toBe(false);
  });
});

describe("one order of rules, for every pair of states", () => {
  // Each state as it is written on a key's row; a pair is both written at once.
  const past = at("2026-11-01T00:00:00Z");
  const STATES = {
    paused: { enabled: false },
    held: { heldAt: past },
    leaked: { leakedAt: past },
    revoked: { revokedAt: past },
    expired: { expiresAt: past },
    rotated: { rotatedAt: past, replacedById: "k2" },
  } as const;
  type State = keyof typeof STATES;
  const keyIn = (...states: State[]) => states.reduce<KeyState>((k, s) => ({ ...k, ...STATES[s] }), base);

  // What the owner hears when rotating a key in these states (null: the rotation may go ahead).
  const OWNER_ROTATE: Record<string, string | null> = {
    paused: "disabled",
    held: "admin_disabled",
    leaked: null,
    revoked: "revoked",
    expired: null,
    rotated: "already_rotated",
    "paused+held": "admin_disabled",
    "paused+leaked": null,
    "paused+revoked": "revoked",
    "paused+expired": null,
    "paused+rotated": "disabled",
    "held+leaked": "admin_disabled",
    "held+revoked": "revoked",
    "held+expired": "admin_disabled",
    "held+rotated": "admin_disabled",
    "leaked+revoked": "revoked",
    "leaked+expired": null,
    "leaked+rotated": "already_rotated",
    "revoked+expired": "revoked",
    "revoked+rotated": "revoked",
    "expired+rotated": "already_rotated",
  };
  const names = Object.keys(STATES) as State[];
  const pairs = names.flatMap((a, i) => [[a] as State[], ...names.slice(i + 1).map((b) => [a, b] as State[])]);

  it("covers every state and every pair of them", () => {
    expect(pairs.map((p) => p.join("+")).sort()).toEqual(Object.keys(OWNER_ROTATE).sort());
  });

  it.each(pairs.map((p) => [p.join("+"), p] as const))("owner rotates a key that is %s", (name, states) => {
    expect(transitionRefusal("rotate", keyIn(...states), "owner", now)?.code ?? null).toBe(OWNER_ROTATE[name]);
  });

  it("leaves a held key to the admin whatever else is true: its owner may only revoke it", () => {
    for (const other of names.filter((s) => s !== "held" && s !== "revoked")) {
      expect(allowedTransitions(keyIn("held", other), "owner", now), `held+${other}`).toMatchObject({
        enable: false,
        disable: false,
        edit: false,
        rotate: false,
      });
    }
  });

  it("never lets a revoked key do anything, whatever else is true", () => {
    for (const other of names)
      expect(allowedTransitions(keyIn("revoked", other), "owner", now), `revoked+${other}`).toEqual({
        enable: false,
        disable: false,
        edit: false,
        rotate: false,
        revoke: false,
      });
  });
});
