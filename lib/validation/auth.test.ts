import { Keypair } from "@stellar/stellar-sdk";
import { describe, expect, it } from "vitest";
import { challengeRequestSchema, signInSchema } from "./auth";

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
});
