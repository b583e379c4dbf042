import { describe, expect, it } from "vitest";
import { expiresSoon } from "./expiry";

const now = Date.parse("2026-11-26T00:00:00Z");
const at = (days: number) => new Date(now + days * 86_400_000).toISOString();

describe("expiring soon", () => {
  it("flags working keys that stop within 7 days, with the days left rounded up", () => {
    expect(expiresSoon({ status: "active", expiresAt: at(0.5) }, now)).toBe(1);
    expect(expiresSoon({ status: "active", expiresAt: at(7) }, now)).toBe(7);
  });

  it("leaves alone keys with time left, without expiry, already expired, or no longer working", () => {
    expect(expiresSoon({ status: "active", expiresAt: at(7.01) }, now)).toBeNull();
    expect(expiresSoon({ status: "active", expiresAt: null }, now)).toBeNull();
    expect(expiresSoon({ status: "expired", expiresAt: at(-1) }, now)).toBeNull();
    expect(expiresSoon({ status: "revoked", expiresAt: at(2) }, now)).toBeNull();
    expect(expiresSoon({ status: "disabled", expiresAt: at(2) }, now)).toBeNull();
  });

  it("leaves alone a key being rotated out: it has a successor, so it is not for rotating again (#25.1)", () => {
    expect(expiresSoon({ status: "rotating", expiresAt: at(1) }, now)).toBeNull();
    expect(expiresSoon({ status: "rotating", expiresAt: at(3.2) }, now)).toBeNull();
  });
});
