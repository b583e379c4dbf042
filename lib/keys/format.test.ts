import { describe, expect, it } from "vitest";
import { checksum, DISPLAY_PREFIX_LENGTH, generateKey, parseKey } from "./format";

describe("API key format", () => {
  it("names its network in the text: _test_ for Testnet, _live_ for Mainnet", () => {
    expect(generateKey("testnet", "kp").key).toMatch(/^kp_test_[0-9A-Za-z]{36}$/);
    expect(generateKey("mainnet", "acme").key).toMatch(/^acme_live_[0-9A-Za-z]{36}$/);
  });

  it("carries ≥ 128 bits of randomness and never repeats", () => {
    // Measured on a generated key: what lies between the network tag and the checksum.
    const random = generateKey("testnet", "kp").key.slice("kp_test_".length, -6);
    expect(random.length * Math.log2(62)).toBeGreaterThanOrEqual(128);
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

  // Vectors computed outside this code base: Python's zlib.crc32 of the body, written as six
  // base62 digits, most significant first (0-9, A-Z, a-z).
  it.each([
    ["kp_test_000000000000000000000000000000", "1q7e2W"], // CRC32 0x64834524
    ["kp_live_abcdefghijklmnopqrstuvwxyz0123", "2EyBCL"], // CRC32 0x7a6592e9
    ["acme_test_ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ", "1JZonP"], // CRC32 0x47d93fb7
  ])("ends in the CRC32 of the rest as 6 base62 digits (%s)", (body, sum) => {
    expect(checksum(body)).toBe(sum);
    expect(parseKey(body + sum, body.slice(0, body.indexOf("_"))).ok).toBe(true);
  });

  it("generates keys whose last 6 characters are the checksum of the rest", () => {
    const { key } = generateKey("mainnet", "kp");
    expect(parseKey(key, "kp")).toEqual({ ok: true, network: "mainnet" });
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
