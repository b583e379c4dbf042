// API key format: <prefix>_<test|live>_<30 random base62><6 base62 CRC32 checksum>
// e.g. kp_test_4fQ0cW…Zt9a1B. Like GitHub's tokens, a leaked key names its network and
// can be recognised offline (secret scanners, our own 401 path) without a database hit.
import { randomInt } from "node:crypto";
import { crc32 } from "node:zlib";
import type { KeyNetwork } from "@/lib/networks/key";

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
export const RANDOM_LENGTH = 30; // 30 × log2(62) ≈ 178 bits from the CSPRNG
const CHECKSUM_LENGTH = 6; // 62^6 > 2^32
/** How much of a key is kept for display: `kp_test_4fQ0`. */
export const DISPLAY_PREFIX_LENGTH = 12;
export const PREFIX_PATTERN = /^[a-z][a-z0-9]{1,9}$/;

const ENV_TAG: Record<KeyNetwork, string> = { testnet: "test", mainnet: "live" };

function base62(n: number, width: number): string {
  let out = "";
  for (let i = 0; i < width; i++) {
    out = ALPHABET[n % 62] + out;
    n = Math.floor(n / 62);
  }
  return out;
}

export function checksum(body: string): string {
  return base62(crc32(body), CHECKSUM_LENGTH);
}

/** How many of a key's last characters are kept for display: `…a1B2`. */
export const DISPLAY_SUFFIX_LENGTH = 4;

export type GeneratedKey = { key: string; start: string; end: string };

export function generateKey(network: KeyNetwork, prefix: string): GeneratedKey {
  if (!PREFIX_PATTERN.test(prefix)) throw new Error(`Invalid key prefix "${prefix}"`);
  let random = "";
  for (let i = 0; i < RANDOM_LENGTH; i++) random += ALPHABET[randomInt(62)]; // unbiased
  const body = `${prefix}_${ENV_TAG[network]}_${random}`;
  const key = body + checksum(body);
  return { key, start: key.slice(0, DISPLAY_PREFIX_LENGTH), end: key.slice(-DISPLAY_SUFFIX_LENGTH) };
}

export type ParsedKey = { ok: true; network: KeyNetwork } | { ok: false; reason: "format" | "prefix" | "checksum" };

const SHAPE = new RegExp(`^([a-z][a-z0-9]{1,9})_(test|live)_([0-9A-Za-z]{${RANDOM_LENGTH}})([0-9A-Za-z]{${CHECKSUM_LENGTH}})$`);

/** Pure and cheap: decides format, prefix and checksum before any database access. */
export function parseKey(raw: string, prefix: string): ParsedKey {
  if (raw.length > 80) return { ok: false, reason: "format" };
  const m = SHAPE.exec(raw);
  if (!m) return { ok: false, reason: "format" };
  const [, keyPrefix, env, random, sum] = m as unknown as [string, string, string, string, string];
  if (keyPrefix !== prefix) return { ok: false, reason: "prefix" };
  if (checksum(`${keyPrefix}_${env}_${random}`) !== sum) return { ok: false, reason: "checksum" };
  return { ok: true, network: env === "live" ? "mainnet" : "testnet" };
}

const KEY_ANYWHERE = new RegExp(`[a-z][a-z0-9]{1,9}_(test|live)_[0-9A-Za-z]{${RANDOM_LENGTH + CHECKSUM_LENGTH}}`);

/** Whether a text contains something shaped like a key (any prefix; checksum not checked). */
export const containsKeyShape = (text: string) => KEY_ANYWHERE.test(text);
