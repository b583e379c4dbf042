// Sign-in actions through their real code and database; the request headers are the
// input substituted (they need a live Next.js request).
import { Keypair, Networks, Operation, Transaction } from "@stellar/stellar-sdk";
import { beforeEach, describe, expect, it, vi } from "vitest";

const request = vi.hoisted(() => {
  process.env.RATE_LIMIT_SIGNIN_PER_MINUTE = "3";
  process.env.AUTH_URL = "https://keys.example.com";
  return { ip: "198.51.100.1" };
});
// next-auth itself is not exercised here (verifySignIn has its own tests).
vi.mock("@/lib/auth/config", () => ({ signIn: vi.fn(), signOut: vi.fn() }));
vi.mock("next-auth", () => ({ CredentialsSignin: class extends Error {} }));
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ host: "keyport-phish.example", "x-forwarded-for": request.ip }),
}));

import { signIn } from "@/lib/auth/config";
import { db } from "@/lib/database/client";
import { completeSignIn, requestChallenge } from "./actions";

const testnet = "Test SDF Network ; September 2015";

describe("requestChallenge", () => {
  beforeEach(() => {
    request.ip = `198.51.100.${Math.floor(Math.random() * 250)}`;
  });

  it("names the configured public domain in the challenge, never the request's Host", async () => {
    const r = await requestChallenge({ address: Keypair.random().publicKey(), networkPassphrase: testnet });
    expect(r.ok && r.data.proof === "message" && r.data.message).toContain("Domain: keys.example.com");
    expect(r.ok && r.data.proof === "message" && r.data.message).not.toContain("phish");
  });

  it("refuses a wallet on a network that is not accepted, naming both", async () => {
    const r = await requestChallenge({
      address: Keypair.random().publicKey(),
      networkPassphrase: "Test SDF Future Network ; October 2022",
    });
    expect(r).toMatchObject({ ok: false, code: "network_mismatch", message: expect.stringMatching(/Futurenet.*Testnet or Mainnet/) });
  });

  it("rate-limits challenges per IP", async () => {
    request.ip = "203.0.113.99";
    const ask = () => requestChallenge({ address: Keypair.random().publicKey(), networkPassphrase: testnet });
    for (let i = 0; i < 3; i++) expect((await ask()).ok).toBe(true);
    expect(await ask()).toMatchObject({ ok: false, code: "rate_limited", message: expect.stringContaining("Try again in") });
    request.ip = "203.0.113.100";
    expect((await ask()).ok).toBe(true);
  });

  it("refuses a suspended account its challenge, with the sign-in's words and no challenge stored", async () => {
    const address = Keypair.random().publicKey();
    await db.user.create({ data: { address, suspendedAt: new Date(), suspendedReason: "Chargeback fraud under review" } });
    const before = await db.authChallenge.count({ where: { address } });
    const r = await requestChallenge({ address, networkPassphrase: testnet });
    expect(r).toMatchObject({ ok: false, code: "suspended", message: expect.stringContaining("An admin suspended your account") });
    // The reason is the account holder's to read; a challenge request proves nothing about who asks.
    expect(!r.ok && r.message).not.toContain("Chargeback");
    expect(await db.authChallenge.count({ where: { address } })).toBe(before);
    expect(await requestChallenge({ address, networkPassphrase: testnet, wallet: "albedo" })).toMatchObject({
      ok: false,
      code: "suspended",
    });
  });

  it("answers malformed input with a specific error", async () => {
    expect(await requestChallenge({ address: "GNOPE", networkPassphrase: testnet })).toMatchObject({
      ok: false,
      code: "invalid_input",
      message: expect.stringContaining("Stellar account address"),
    });
    expect(await requestChallenge(null)).toMatchObject({ ok: false, code: "invalid_input" });
  });
});

describe("requestChallenge decides the proof from the wallet", () => {
  beforeEach(() => {
    request.ip = `198.51.100.${Math.floor(Math.random() * 250)}`;
  });

  it("gives Albedo and Rabet a transaction whatever proof the browser asks for, and LOBSTR a message", async () => {
    const ask = (wallet: string, proof: string) =>
      requestChallenge({ address: Keypair.random().publicKey(), networkPassphrase: testnet, wallet, proof });
    expect(await ask("albedo", "message")).toMatchObject({ ok: true, data: { proof: "transaction" } });
    expect(await ask("rabet", "message")).toMatchObject({ ok: true, data: { proof: "transaction" } });
    expect(await ask("lobstr", "transaction")).toMatchObject({ ok: true, data: { proof: "message" } });
  });

  it("names the wallet when it is on a network Keyport does not accept, and refuses unknown wallets", async () => {
    const futurenet = "Test SDF Future Network ; October 2022";
    expect(await requestChallenge({ address: Keypair.random().publicKey(), networkPassphrase: futurenet, wallet: "xbull" })).toMatchObject({
      ok: false,
      code: "network_mismatch",
      message: expect.stringMatching(/^xBull is on Futurenet.*switch networks in xBull/),
    });
    expect(await requestChallenge({ address: Keypair.random().publicKey(), networkPassphrase: testnet, wallet: "metamask" })).toMatchObject(
      {
        ok: false,
        code: "invalid_input",
        message: "That is not a wallet Keyport supports.",
      },
    );
  });
});

describe("requestChallenge for a transaction-only wallet", () => {
  beforeEach(() => {
    request.ip = `198.51.100.${Math.floor(Math.random() * 250)}`;
  });

  it("issues a SEP-10 challenge transaction for the configured domain on the wallet's network, stored as such", async () => {
    const address = Keypair.random().publicKey();
    const r = await requestChallenge({ address, networkPassphrase: Networks.PUBLIC, proof: "transaction" });
    if (!r.ok || r.data.proof !== "transaction") throw new Error(`expected a transaction challenge: ${JSON.stringify(r)}`);
    expect(r.data.networkPassphrase).toBe(Networks.PUBLIC);
    const tx = new Transaction(r.data.transaction, Networks.PUBLIC);
    const [auth, webAuth] = tx.operations as Operation.ManageData[];
    expect(auth).toMatchObject({ type: "manageData", name: "keys.example.com auth", source: address });
    expect(webAuth).toMatchObject({ type: "manageData", name: "web_auth_domain" });
    expect(Buffer.from(webAuth?.value ?? []).toString()).toBe("keys.example.com");
    expect(await db.authChallenge.findUniqueOrThrow({ where: { nonce: r.data.nonce } })).toMatchObject({
      kind: "transaction",
      address,
      network: "public",
    });
  });

  it("refuses a proof kind it does not know", async () => {
    const r = await requestChallenge({ address: Keypair.random().publicKey(), networkPassphrase: testnet, proof: "sms" });
    expect(r).toMatchObject({ ok: false, code: "invalid_input", message: "The proof must be message or transaction." });
  });
});

describe("completeSignIn", () => {
  it("hands next-auth only the proof that was sent (it posts every value as text, undefined included)", async () => {
    const address = Keypair.random().publicKey();
    const nonce = "a".repeat(32);
    vi.mocked(signIn).mockClear();
    expect(await completeSignIn({ address, nonce, transaction: "AAAA", extra: "x" })).toEqual({ ok: true, data: null });
    expect(await completeSignIn({ address, nonce, signature: "BBBB" })).toEqual({ ok: true, data: null });
    expect(vi.mocked(signIn).mock.calls).toEqual([
      ["stellar", { address, nonce, transaction: "AAAA", redirect: false }],
      ["stellar", { address, nonce, signature: "BBBB", redirect: false }],
    ]);
  });

  it("refuses both proofs at once, or none, without calling next-auth", async () => {
    const address = Keypair.random().publicKey();
    vi.mocked(signIn).mockClear();
    expect(await completeSignIn({ address, nonce: "a".repeat(32), signature: "x", transaction: "AAAA" })).toMatchObject({
      ok: false,
      code: "invalid_input",
    });
    expect(await completeSignIn({ address, nonce: "a".repeat(32) })).toMatchObject({ ok: false, code: "invalid_input" });
    expect(signIn).not.toHaveBeenCalled();
  });
});
