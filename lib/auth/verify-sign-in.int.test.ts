// @module-tag postgres
import { Keypair, Networks, Transaction } from "@stellar/stellar-sdk";
import { describe, expect, it } from "vitest";
import { issueChallenge, issueTransactionChallenge } from "@/lib/data/challenges";
import { db } from "@/lib/db";
import { CHALLENGE_TTL_MS } from "./challenge";
import { verifySignIn } from "./verify-sign-in";

const sign = (kp: Keypair, message: string) => Buffer.from(kp.signMessage(message)).toString("base64");

/** What a transaction-only wallet does with a SEP-10 challenge: parse, sign, serialize. */
function signTx(kp: Keypair, xdr: string, passphrase = Networks.TESTNET) {
  const tx = new Transaction(xdr, passphrase);
  tx.sign(kp);
  return tx.toXDR();
}

async function txChallengeFor(kp: Keypair, network: "testnet" | "public" = "testnet") {
  return issueTransactionChallenge({ address: kp.publicKey(), network });
}

async function challengeFor(kp: Keypair) {
  return issueChallenge({ address: kp.publicKey(), network: "testnet", domain: "localhost:3000" });
}

describe("verifySignIn against the database", () => {
  it("signs in with a valid signature and creates the profile on first sign-in only", async () => {
    const kp = Keypair.random();
    const c1 = await challengeFor(kp);
    const first = await verifySignIn({ address: kp.publicKey(), nonce: c1.nonce, signature: sign(kp, c1.message) });
    expect(first).toMatchObject({ ok: true, user: { address: kp.publicKey() } });

    const c2 = await challengeFor(kp);
    const second = await verifySignIn({ address: kp.publicKey(), nonce: c2.nonce, signature: sign(kp, c2.message) });
    expect(second.ok && first.ok && second.user.id === first.user.id).toBe(true);
    expect(await db.user.count({ where: { address: kp.publicKey() } })).toBe(1);
  });

  it("refuses a replayed challenge", async () => {
    const kp = Keypair.random();
    const c = await challengeFor(kp);
    const input = { address: kp.publicKey(), nonce: c.nonce, signature: sign(kp, c.message) };
    expect((await verifySignIn(input)).ok).toBe(true);
    expect(await verifySignIn(input)).toEqual({ ok: false, code: "challenge_used" });
  });

  it("burns the challenge on a failed attempt, so a good signature cannot follow", async () => {
    const kp = Keypair.random();
    const c = await challengeFor(kp);
    const bad = await verifySignIn({ address: kp.publicKey(), nonce: c.nonce, signature: sign(Keypair.random(), c.message) });
    expect(bad).toEqual({ ok: false, code: "bad_signature" });
    const good = await verifySignIn({ address: kp.publicKey(), nonce: c.nonce, signature: sign(kp, c.message) });
    expect(good).toEqual({ ok: false, code: "challenge_used" });
    expect(await db.user.count({ where: { address: kp.publicKey() } })).toBe(0);
  });

  it("refuses an expired challenge", async () => {
    const kp = Keypair.random();
    const c = await challengeFor(kp);
    const later = new Date(Date.now() + CHALLENGE_TTL_MS + 1000);
    const r = await verifySignIn({ address: kp.publicKey(), nonce: c.nonce, signature: sign(kp, c.message) }, later);
    expect(r).toEqual({ ok: false, code: "challenge_expired" });
  });

  it("refuses a challenge issued to another address, even when signed by that other key", async () => {
    const victim = Keypair.random();
    const attacker = Keypair.random();
    const c = await challengeFor(victim);
    const r = await verifySignIn({ address: attacker.publicKey(), nonce: c.nonce, signature: sign(attacker, c.message) });
    expect(r).toEqual({ ok: false, code: "address_mismatch" });
  });

  it("refuses a nonce it never issued, and a tampered message", async () => {
    const kp = Keypair.random();
    const unknown = await verifySignIn({ address: kp.publicKey(), nonce: "0".repeat(32), signature: sign(kp, "x") });
    expect(unknown).toEqual({ ok: false, code: "challenge_unknown" });
    const c = await challengeFor(kp);
    const tampered = await verifySignIn({
      address: kp.publicKey(),
      nonce: c.nonce,
      signature: sign(kp, c.message.replace("Keyport", "Evil")),
    });
    expect(tampered).toEqual({ ok: false, code: "bad_signature" });
  });

  it("lets exactly one of many concurrent attempts with one challenge succeed", async () => {
    const kp = Keypair.random();
    const c = await challengeFor(kp);
    const input = { address: kp.publicKey(), nonce: c.nonce, signature: sign(kp, c.message) };
    const results = await Promise.all(Array.from({ length: 10 }, () => verifySignIn(input)));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.code === "challenge_used")).toHaveLength(9);
  });

  it("rejects malformed input before touching the database", async () => {
    expect(await verifySignIn({ address: "nope", nonce: "x", signature: "" })).toEqual({ ok: false, code: "invalid_input" });
    expect(await verifySignIn(null)).toEqual({ ok: false, code: "invalid_input" });
  });
});

describe("verifySignIn with a SEP-10 challenge transaction", () => {
  it("signs in with the challenge signed by the wallet's key and creates the profile once", async () => {
    const kp = Keypair.random();
    const c = await txChallengeFor(kp);
    expect(c.networkPassphrase).toBe(Networks.TESTNET);
    const first = await verifySignIn({ address: kp.publicKey(), nonce: c.nonce, transaction: signTx(kp, c.transaction) });
    expect(first).toMatchObject({ ok: true, user: { address: kp.publicKey() } });
    const c2 = await txChallengeFor(kp);
    const second = await verifySignIn({ address: kp.publicKey(), nonce: c2.nonce, transaction: signTx(kp, c2.transaction) });
    expect(second.ok && first.ok && second.user.id === first.user.id).toBe(true);
    expect(await db.user.count({ where: { address: kp.publicKey() } })).toBe(1);
  });

  it("stores the challenge bound to its kind, address and network", async () => {
    const kp = Keypair.random();
    const c = await txChallengeFor(kp, "public");
    const row = await db.authChallenge.findUniqueOrThrow({ where: { nonce: c.nonce } });
    expect(row).toMatchObject({ kind: "transaction", address: kp.publicKey(), network: "public", message: c.transaction, usedAt: null });
    expect(row.transactionHash).toBe(Buffer.from(new Transaction(c.transaction, Networks.PUBLIC).hash()).toString("hex"));
    expect(row.expiresAt.getTime() - Date.now()).toBeGreaterThan(CHALLENGE_TTL_MS - 5000);
    expect(row.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(CHALLENGE_TTL_MS);
    const m = await challengeFor(kp);
    expect(await db.authChallenge.findUniqueOrThrow({ where: { nonce: m.nonce } })).toMatchObject({
      kind: "message",
      network: "testnet",
      transactionHash: null,
    });
  });

  it("refuses a replayed signed transaction", async () => {
    const kp = Keypair.random();
    const c = await txChallengeFor(kp);
    const input = { address: kp.publicKey(), nonce: c.nonce, transaction: signTx(kp, c.transaction) };
    expect((await verifySignIn(input)).ok).toBe(true);
    expect(await verifySignIn(input)).toEqual({ ok: false, code: "challenge_used" });
  });

  it("never lets one kind of proof pass for the other, and burns the challenge either way", async () => {
    const kp = Keypair.random();
    const tx = await txChallengeFor(kp);
    // A SEP-53 signature over the challenge's text (the XDR) is not a signed transaction.
    const asMessage = await verifySignIn({ address: kp.publicKey(), nonce: tx.nonce, signature: sign(kp, tx.transaction) });
    expect(asMessage).toEqual({ ok: false, code: "proof_mismatch" });
    expect(await verifySignIn({ address: kp.publicKey(), nonce: tx.nonce, transaction: signTx(kp, tx.transaction) })).toEqual({
      ok: false,
      code: "challenge_used",
    });

    const msg = await challengeFor(kp);
    const asTransaction = await verifySignIn({ address: kp.publicKey(), nonce: msg.nonce, transaction: signTx(kp, tx.transaction) });
    expect(asTransaction).toEqual({ ok: false, code: "proof_mismatch" });
    expect(await verifySignIn({ address: kp.publicKey(), nonce: msg.nonce, signature: sign(kp, msg.message) })).toEqual({
      ok: false,
      code: "challenge_used",
    });
    expect(await db.user.count({ where: { address: kp.publicKey() } })).toBe(0);
  });

  it("refuses both proofs at once, before touching the challenge", async () => {
    const kp = Keypair.random();
    const c = await txChallengeFor(kp);
    const both = { address: kp.publicKey(), nonce: c.nonce, signature: sign(kp, c.transaction), transaction: signTx(kp, c.transaction) };
    expect(await verifySignIn(both)).toEqual({ ok: false, code: "invalid_input" });
    expect((await verifySignIn({ address: kp.publicKey(), nonce: c.nonce, transaction: signTx(kp, c.transaction) })).ok).toBe(true);
  });

  it("refuses the signed transaction of another challenge, even one issued to the same address", async () => {
    const kp = Keypair.random();
    const a = await txChallengeFor(kp);
    const b = await txChallengeFor(kp);
    expect(await verifySignIn({ address: kp.publicKey(), nonce: a.nonce, transaction: signTx(kp, b.transaction) })).toEqual({
      ok: false,
      code: "challenge_unknown",
    });
  });

  it("refuses a signature by another account, a challenge for another address, and an expired one", async () => {
    const kp = Keypair.random();
    const other = Keypair.random();
    const c1 = await txChallengeFor(kp);
    expect(await verifySignIn({ address: kp.publicKey(), nonce: c1.nonce, transaction: signTx(other, c1.transaction) })).toEqual({
      ok: false,
      code: "bad_signature",
    });
    const c2 = await txChallengeFor(kp);
    expect(await verifySignIn({ address: other.publicKey(), nonce: c2.nonce, transaction: signTx(other, c2.transaction) })).toEqual({
      ok: false,
      code: "address_mismatch",
    });
    const c3 = await txChallengeFor(kp);
    const later = new Date(Date.now() + CHALLENGE_TTL_MS + 1000);
    expect(await verifySignIn({ address: kp.publicKey(), nonce: c3.nonce, transaction: signTx(kp, c3.transaction) }, later)).toEqual({
      ok: false,
      code: "challenge_expired",
    });
    const c4 = await txChallengeFor(kp);
    expect(await verifySignIn({ address: kp.publicKey(), nonce: c4.nonce, transaction: c4.transaction })).toEqual({
      ok: false,
      code: "bad_signature",
    });
    expect(await db.user.count({ where: { address: { in: [kp.publicKey(), other.publicKey()] } } })).toBe(0);
  });

  it("checks on the network the challenge was issued for", async () => {
    const kp = Keypair.random();
    const c = await txChallengeFor(kp, "public");
    expect(c.networkPassphrase).toBe(Networks.PUBLIC);
    // Signed on Testnet: the signature covers another hash.
    expect(
      await verifySignIn({ address: kp.publicKey(), nonce: c.nonce, transaction: signTx(kp, c.transaction, Networks.TESTNET) }),
    ).toEqual({
      ok: false,
      code: "bad_signature",
    });
    const ok = await txChallengeFor(kp, "public");
    expect(
      (await verifySignIn({ address: kp.publicKey(), nonce: ok.nonce, transaction: signTx(kp, ok.transaction, Networks.PUBLIC) })).ok,
    ).toBe(true);
  });

  it("lets exactly one of many concurrent attempts with one challenge succeed", async () => {
    const kp = Keypair.random();
    const c = await txChallengeFor(kp);
    const input = { address: kp.publicKey(), nonce: c.nonce, transaction: signTx(kp, c.transaction) };
    const results = await Promise.all(Array.from({ length: 10 }, () => verifySignIn(input)));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.code === "challenge_used")).toHaveLength(9);
  });
});
