import { Keypair } from "@stellar/stellar-sdk";
import { describe, expect, it } from "vitest";
import { issueChallenge } from "@/lib/data/challenges";
import { db } from "@/lib/db";
import { CHALLENGE_TTL_MS } from "./challenge";
import { verifySignIn } from "./verify-sign-in";

const sign = (kp: Keypair, message: string) => Buffer.from(kp.signMessage(message)).toString("base64");

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
