// SEP10_SIGNING_SECRET follows AUTH_SECRET's rules: validated at start-up with a message naming
// it, generated into the private data directory for the embedded default, required in
// production on a database server. Each case loads lib/core/env afresh with its own environment.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Keypair } from "@stellar/stellar-sdk";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

let dir: string;

async function loadEnv(vars: Record<string, string | undefined>) {
  vi.resetModules();
  for (const [k, v] of Object.entries({ DATABASE_URL: "", SEP10_SIGNING_SECRET: undefined, KEYPORT_DATA_DIR: dir, ...vars }))
    vi.stubEnv(k, v);
  return import("./env");
}

describe("SEP10_SIGNING_SECRET", () => {
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "keyport-env-"));
  });
  afterEach(() => {
    vi.unstubAllEnvs();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("uses the configured seed", async () => {
    const kp = Keypair.random();
    const { sep10SigningKey } = await loadEnv({ SEP10_SIGNING_SECRET: kp.secret() });
    expect(sep10SigningKey().publicKey()).toBe(kp.publicKey());
    expect(fs.existsSync(path.join(dir, "sep10-signing-secret"))).toBe(false);
  });

  // The last character carries checksum bits (56 base32 characters hold exactly 35 bytes), so
  // changing it to any other character always breaks the checksum.
  const badChecksum = (seed: string) => seed.slice(0, -1) + (seed.endsWith("A") ? "B" : "A");

  it.each([
    ["a public key", Keypair.random().publicKey()],
    ["a random string", "x".repeat(56)],
    ["a seed with a bad checksum", badChecksum(Keypair.random().secret())],
  ])("refuses %s at start-up, naming the variable", async (_, value) => {
    await expect(loadEnv({ SEP10_SIGNING_SECRET: value })).rejects.toThrow(
      /Invalid environment variable SEP10_SIGNING_SECRET: must be a Stellar secret seed/,
    );
  });

  it("is generated once into the private data directory for the embedded default, then reused", async () => {
    const first = (await loadEnv({})).sep10SigningKey().publicKey();
    const file = path.join(dir, "sep10-signing-secret");
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(Keypair.fromSecret(fs.readFileSync(file, "utf8")).publicKey()).toBe(first);
    expect((await loadEnv({})).sep10SigningKey().publicKey()).toBe(first);
  });

  it("refuses a generated file that does not hold a seed, naming the variable", async () => {
    fs.writeFileSync(path.join(dir, "sep10-signing-secret"), "not a seed", { mode: 0o600 });
    const { sep10SigningKey } = await loadEnv({});
    expect(() => sep10SigningKey()).toThrow(/SEP10_SIGNING_SECRET/);
  });

  it("is required in production on a database server", async () => {
    const { sep10SigningKey } = await loadEnv({ NODE_ENV: "production", DATABASE_URL: "postgresql://u@127.0.0.1:5432/k" });
    expect(() => sep10SigningKey()).toThrow(/^SEP10_SIGNING_SECRET is not set\. It is required in production/);
  });
});

describe("GITHUB_SECRET_SCANNING_KEYS", () => {
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "keyport-env-"));
  });
  afterEach(() => {
    vi.unstubAllEnvs();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("reads the document GitHub serves, and is off when unset", async () => {
    const { generateKeyPairSync } = await import("node:crypto");
    const key = generateKeyPairSync("ec", { namedCurve: "prime256v1" }).publicKey.export({ type: "spki", format: "pem" }).toString();
    const doc = { public_keys: [{ key_identifier: "abc", key, is_current: true }] };
    expect((await loadEnv({ GITHUB_SECRET_SCANNING_KEYS: JSON.stringify(doc) })).env.GITHUB_SECRET_SCANNING_KEYS).toEqual(doc);
    expect((await loadEnv({ GITHUB_SECRET_SCANNING_KEYS: "" })).env.GITHUB_SECRET_SCANNING_KEYS).toBeUndefined();
  });

  it.each([
    ["not JSON", "{public_keys", /must be JSON/],
    ["no keys", JSON.stringify({ public_keys: [] }), /at least one key/],
    ["a key that is not P-256 PEM", JSON.stringify({ public_keys: [{ key_identifier: "a", key: "nope" }] }), /P-256 public key/],
  ])("refuses %s at start-up, naming the variable", async (_, value, rule) => {
    await expect(loadEnv({ GITHUB_SECRET_SCANNING_KEYS: value })).rejects.toThrow(
      /Invalid environment variable GITHUB_SECRET_SCANNING_KEYS/,
    );
    await expect(loadEnv({ GITHUB_SECRET_SCANNING_KEYS: value })).rejects.toThrow(rule);
  });
});

describe("TEST_WALLET", () => {
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "keyport-env-"));
  });
  afterEach(() => {
    vi.unstubAllEnvs();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("is off unless asked for, and allowed on this machine", async () => {
    expect((await loadEnv({ TEST_WALLET: undefined })).env.TEST_WALLET).toBe(false);
    expect((await loadEnv({ TEST_WALLET: "true", AUTH_URL: undefined })).env.TEST_WALLET).toBe(true);
    expect((await loadEnv({ TEST_WALLET: "true", AUTH_URL: "http://127.0.0.1:3200" })).env.TEST_WALLET).toBe(true);
  });

  it("stops start-up, naming it, on a deployment others reach", async () => {
    await expect(loadEnv({ TEST_WALLET: "true", AUTH_URL: "https://keys.example.com" })).rejects.toThrow(
      /Invalid environment variable TEST_WALLET: is for local development and QA only, and AUTH_URL \(https:\/\/keys\.example\.com\) is not this machine/,
    );
    await expect(loadEnv({ TEST_WALLET: "yes" })).rejects.toThrow(/TEST_WALLET: must be true or false/);
  });
});

describe("SUPPORT_URL and SUPPORT_EMAIL", () => {
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "keyport-env-"));
  });
  afterEach(() => {
    vi.unstubAllEnvs();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("offers no support contact when both are unset, so no screen promises one", async () => {
    const { env } = await loadEnv({ SUPPORT_URL: undefined, SUPPORT_EMAIL: undefined });
    expect(env.support).toBeNull();
  });

  it("links the support page, else writes to the address", async () => {
    expect((await loadEnv({ SUPPORT_URL: "https://help.example.com/keys", SUPPORT_EMAIL: "help@example.com" })).env.support).toEqual({
      href: "https://help.example.com/keys",
      label: "contact support",
    });
    expect((await loadEnv({ SUPPORT_URL: "", SUPPORT_EMAIL: "help@example.com" })).env.support).toEqual({
      href: "mailto:help@example.com",
      label: "contact support at help@example.com",
    });
  });

  it.each([
    ["SUPPORT_URL", "javascript:alert(1)", /SUPPORT_URL: must be an http\(s\) URL/],
    ["SUPPORT_EMAIL", "not-an-address", /SUPPORT_EMAIL: must be an email address/],
  ])("refuses a bad %s at start-up, naming it", async (name, value, message) => {
    await expect(loadEnv({ [name]: value })).rejects.toThrow(message);
  });
});

describe("gateway mode (GATEWAY_*)", () => {
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "keyport-env-"));
  });
  afterEach(() => {
    vi.unstubAllEnvs();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("is off when unset, and needs both the upstream and the route file", async () => {
    expect((await loadEnv({ GATEWAY_UPSTREAM: undefined, GATEWAY_ROUTES: undefined })).env.GATEWAY_PREFIX).toBe("/api/v1");
    await expect(loadEnv({ GATEWAY_UPSTREAM: "http://127.0.0.1:4010", GATEWAY_ROUTES: undefined })).rejects.toThrow(
      /Invalid environment variable GATEWAY_ROUTES: gateway mode needs both/,
    );
    await expect(loadEnv({ GATEWAY_UPSTREAM: "ftp://x", GATEWAY_ROUTES: "routes.json" })).rejects.toThrow(
      /GATEWAY_UPSTREAM: must be the platform API's base URL/,
    );
  });

  it("keeps its prefix off Keyport's own pages and session routes", async () => {
    await expect(loadEnv({ GATEWAY_PREFIX: "/api" })).rejects.toThrow(/GATEWAY_PREFIX: must not cover Keyport's own pages/);
    await expect(loadEnv({ GATEWAY_PREFIX: "/settings/x" })).rejects.toThrow(/GATEWAY_PREFIX: must not cover/);
    expect((await loadEnv({ GATEWAY_PREFIX: "/platform/v2" })).env.GATEWAY_PREFIX).toBe("/platform/v2");
  });
});

describe("SMTP_URL and MAIL_FROM", () => {
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "keyport-env-"));
  });
  afterEach(() => {
    vi.unstubAllEnvs();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("sends no e-mail when SMTP_URL is unset", async () => {
    expect((await loadEnv({ SMTP_URL: undefined, MAIL_FROM: undefined })).env.mailEnabled).toBe(false);
  });

  it("takes an smtp(s) URL with a sender, by address or by name and address", async () => {
    for (const from of ["keyport@example.com", "Keyport <keyport@example.com>"]) {
      const { env } = await loadEnv({ SMTP_URL: "smtps://user:p%40ss@smtp.example.com:465", MAIL_FROM: from });
      expect(env).toMatchObject({ mailEnabled: true, MAIL_FROM: from });
    }
  });

  it.each([
    [{ SMTP_URL: "http://smtp.example.com" }, /SMTP_URL: must be an smtp:\/\/ or smtps:\/\/ URL/],
    [{ SMTP_URL: "smtp://user:%zz@smtp.example.com" }, /SMTP_URL: must be an smtp:\/\/ or smtps:\/\/ URL/],
    [{ SMTP_URL: "smtp://smtp.example.com:587" }, /MAIL_FROM: is required with SMTP_URL/],
    [{ SMTP_URL: "smtp://smtp.example.com", MAIL_FROM: "not an address" }, /MAIL_FROM: must be an address/],
    [{ SMTP_URL: "smtp://smtp.example.com", MAIL_FROM: "a@example.com\r\nBcc: b@example.com" }, /MAIL_FROM: must be an address/],
  ])("refuses %o at start-up, naming the variable", async (vars, message) => {
    await expect(loadEnv({ MAIL_FROM: undefined, ...vars })).rejects.toThrow(message);
  });
});
