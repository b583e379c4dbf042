import { describe, expect, it } from "vitest";
import { keyStatus, keyWorks, rotationCutoff, successorExpiry } from "./lifecycle";

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
    for (const k of [{ ...base, enabled: false }, { ...base, revokedAt: now }, { ...base, expiresAt: now }]) expect(keyWorks(k, now)).toBe(false);
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
    expect(successorExpiry({ createdAt: at("2026-11-01T12:00:00Z"), expiresAt: at("2026-12-01T12:00:00Z") }, now)).toEqual(at("2026-12-25T12:00:00Z"));
    expect(successorExpiry({ createdAt: now, expiresAt: null }, now)).toBeNull();
  });
});
