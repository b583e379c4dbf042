import { describe, expect, it } from "vitest";
import { challengeFields, formatChallenge, NONCE_PATTERN } from "./challenge";

const address = "GCEZWKCA5VLDNRLN3RPRJMRZOX3Z6G5CHCGSNFHEYVXM3XOJMDS674JZ";

describe("sign-in challenge", () => {
  const now = new Date("2026-11-25T10:00:00.000Z");
  const fields = challengeFields({ domain: "keys.example.com", address, network: "testnet" }, now);
  const text = formatChallenge(fields);

  it("names the app, the domain, the address, the network, the nonce and the expiry", () => {
    expect(text).toContain("Keyport wants you to sign in");
    expect(text).toContain("Domain: keys.example.com");
    expect(text).toContain(`\n${address}\n`);
    expect(text).toContain("Network: Testnet");
    expect(text).toContain(`Nonce: ${fields.nonce}`);
    expect(text).toContain("Issued At: 2026-11-25T10:00:00.000Z");
    expect(text).toContain("Expires At: 2026-11-25T10:05:00.000Z");
  });

  it("expires five minutes after it is issued", () => {
    expect(fields.expiresAt.toISOString()).toBe("2026-11-25T10:05:00.000Z");
  });

  it("uses a fresh 128-bit nonce each time", () => {
    const nonces = new Set(Array.from({ length: 200 }, () => challengeFields({ domain: "d", address, network: "testnet" }).nonce));
    expect(nonces.size).toBe(200);
    for (const n of nonces) expect(n).toMatch(NONCE_PATTERN);
  });

  it("stays human-readable text, never a bare base64 string (xBull decodes those)", () => {
    expect(text).toMatch(/\s/);
    expect(text.split("\n").length).toBeGreaterThan(5);
  });
});
