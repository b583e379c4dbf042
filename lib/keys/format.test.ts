import { describe, expect, it } from "vitest";
import { checksum, DISPLAY_PREFIX_LENGTH, generateKey, parseKey, RANDOM_LENGTH } from "./format";

describe("API key format", () => {
  it("names its network in the text: _test_ for Testnet, _live_ for Mainnet", () => {
    expect(generateKey("testnet", "kp").key).toMatch(/^kp_test_[0-9A-Za-z]{36}$/);
    expect(generateKey("mainnet", "acme").key).toMatch(/^acme_live_[0-9A-Za-z]{36}$/);
  });

  it("carries ≥ 128 bits of randomness and never repeats", () => {
    expect(RANDOM_LENGTH * Math.log2(62)).toBeGreaterThanOrEqual(128);
    const keys = new Set(Array.from({ length: 2000 }, () => generateKey("testnet", "kp").key));
    expect(keys.size).toBe(2000);
  });

  it("uses every base62 character, so the randomness is not skewed to a subset", () => {
    const chars = new Set(Array.from({ length: 300 }, () => generateKey("testnet", "kp").key.slice(8, 38)).join(""));
    expect(chars.size).toBe(62);
  });

  it("keeps a short display prefix that identifies the network", () => {
    const { key, start } = generateKey("testnet", "kp");
    expect(start).toBe(key.slice(0, DISPLAY_PREFIX_LENGTH));
    expect(start).toMatch(/^kp_test_.{4}$/);
  });

  it("ends in a 6-character CRC32 checksum of the rest", () => {
    const { key } = generateKey("mainnet", "kp");
    expect(key.slice(-6)).toBe(checksum(key.slice(0, -6)));
  });

  it("refuses an invalid configured prefix", () => {
    expect(() => generateKey("testnet", "KP")).toThrow(/prefix/);
    expect(() => generateKey("testnet", "k")).toThrow(/prefix/);
  });
});

describe("parseKey (offline, before any database access)", () => {
  const { key } = generateKey("testnet", "kp");
  const live = generateKey("mainnet", "kp").key;

  it("accepts a generated key and reads its network", () => {
    expect(parseKey(key, "kp")).toEqual({ ok: true, network: "testnet" });
    expect(parseKey(live, "kp")).toEqual({ ok: true, network: "mainnet" });
  });

  it("catches any single-character typo through the checksum", () => {
    for (let i = 8; i < key.length; i++) {
      const c = key[i] === "a" ? "b" : "a";
      const typo = key.slice(0, i) + c + key.slice(i + 1);
      expect(parseKey(typo, "kp").ok, `typo at ${i}`).toBe(false);
    }
  });

  it("refuses a key whose network tag was changed", () => {
    expect(parseKey(key.replace("_test_", "_live_"), "kp")).toEqual({ ok: false, reason: "checksum" });
  });

  it("refuses another product's prefix", () => {
    const other = generateKey("testnet", "zz").key;
    expect(parseKey(other, "kp")).toEqual({ ok: false, reason: "prefix" });
  });

  it.each([
    ["empty", ""],
    ["whitespace", "   "],
    ["truncated", key.slice(0, -1)],
    ["extended", `${key}a`],
    ["unknown network tag", key.replace("_test_", "_prod_")],
    ["unicode look-alike", key.replace(/.$/, "е")],
    ["huge", "kp_test_" + "a".repeat(100_000)],
    ["url-encoded", encodeURIComponent(key + "/")],
    ["bearer prefix", `Bearer ${key}`],
  ])("refuses a malformed key (%s)", (_, bad) => {
    expect(parseKey(bad, "kp").ok).toBe(false);
  });
});
