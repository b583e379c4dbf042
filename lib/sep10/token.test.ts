import { describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.AUTH_SECRET = "a-test-secret-of-at-least-32-characters!!";
});

import { readToken, signToken, type TokenClaims } from "./token";

const ISS = "https://keys.example.com/api/v1/auth";
const now = 1_800_000_000;
const claims: TokenClaims = { iss: ISS, sub: "GABC", iat: now, exp: now + 900, jti: "h", threshold: "medium" };

describe("SEP-10 tokens", () => {
  it("reads back what it signed, until it expires", () => {
    const token = signToken(claims);
    expect(readToken(token, ISS, now * 1000)).toEqual(claims);
    expect(readToken(token, ISS, (now + 900) * 1000)).toBeNull();
  });

  it("refuses a changed payload, signature or header, another issuer, and junk", () => {
    const [h, p, s] = signToken(claims).split(".") as [string, string, string];
    const raised = Buffer.from(JSON.stringify({ ...claims, threshold: "high" })).toString("base64url");
    const none = Buffer.from(JSON.stringify({ alg: "none", typ: "JWT" })).toString("base64url");
    for (const token of [
      `${h}.${raised}.${s}`,
      `${h}.${p}.${s.slice(0, -2)}AA`,
      `${none}.${p}.${s}`,
      `${none}.${p}.`,
      "a.b",
      "",
      "x".repeat(5000),
    ]) {
      expect(readToken(token, ISS, now * 1000)).toBeNull();
    }
    expect(readToken(`${h}.${p}.${s}`, "https://elsewhere.example/auth", now * 1000)).toBeNull();
  });
});
