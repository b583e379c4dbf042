import { Keypair } from "@stellar/stellar-sdk";
import { describe, expect, it } from "vitest";
import { challengeRequestSchema, MAX_SIGNED_TRANSACTION_LENGTH, signInSchema } from "./auth";

const address = Keypair.random().publicKey();

describe("sign-in input schemas", () => {
  it("accepts a well-formed attempt", () => {
    expect(signInSchema.safeParse({ address, nonce: "a".repeat(32), signature: "x" }).success).toBe(true);
  });

  it("rejects a bad address with a message that says what an address looks like", () => {
    const r = challengeRequestSchema.safeParse({ address: "GNOPE", networkPassphrase: "Test SDF Network ; September 2015" });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toMatch(/Stellar account address/);
  });

  it("rejects malformed nonces and oversized signatures", () => {
    expect(signInSchema.safeParse({ address, nonce: "../../etc", signature: "x" }).success).toBe(false);
    expect(signInSchema.safeParse({ address, nonce: "A".repeat(32), signature: "x" }).success).toBe(false);
    expect(signInSchema.safeParse({ address, nonce: "a".repeat(32), signature: "x".repeat(201) }).success).toBe(false);
    expect(signInSchema.safeParse({ address, nonce: "a".repeat(32) }).success).toBe(false);
  });

  it("asks for a message proof unless the wallet declares it can only sign transactions", () => {
    const networkPassphrase = "Test SDF Network ; September 2015";
    expect(challengeRequestSchema.parse({ address, networkPassphrase }).proof).toBe("message");
    expect(challengeRequestSchema.parse({ address, networkPassphrase, proof: "transaction" }).proof).toBe("transaction");
    expect(challengeRequestSchema.safeParse({ address, networkPassphrase, proof: "ledger" }).success).toBe(false);
  });

  it("takes exactly one proof: a signature or a bounded base64 signed transaction", () => {
    const nonce = "a".repeat(32);
    expect(signInSchema.safeParse({ address, nonce, transaction: "AAAA" }).success).toBe(true);
    expect(signInSchema.safeParse({ address, nonce, transaction: "A".repeat(MAX_SIGNED_TRANSACTION_LENGTH) }).success).toBe(true);
    expect(signInSchema.safeParse({ address, nonce, transaction: "A".repeat(MAX_SIGNED_TRANSACTION_LENGTH + 1) }).success).toBe(false);
    expect(signInSchema.safeParse({ address, nonce, transaction: "AAAA AAAA" }).success).toBe(false);
    expect(signInSchema.safeParse({ address, nonce, transaction: "" }).success).toBe(false);
    expect(signInSchema.safeParse({ address, nonce, transaction: 42 }).success).toBe(false);
    expect(signInSchema.safeParse({ address, nonce, signature: "x", transaction: "AAAA" }).success).toBe(false);
    expect(signInSchema.safeParse({ address, nonce }).success).toBe(false);
  });
});
