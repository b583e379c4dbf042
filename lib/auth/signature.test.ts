import { Keypair } from "@stellar/stellar-sdk";
import { describe, expect, it } from "vitest";
import { verifySignedMessage } from "./signature";

const signer = Keypair.random();
const other = Keypair.random();
const message = "Keyport wants you to sign in with your Stellar account:\nG…\n\nNonce: 0123";
const signature = Buffer.from(signer.signMessage(message)).toString("base64");

describe("verifySignedMessage (SEP-53)", () => {
  it("accepts the owner's signature over the exact message", () => {
    expect(signature).toHaveLength(88);
    expect(verifySignedMessage(signer.publicKey(), message, signature)).toBe(true);
  });

  it("rejects a tampered message", () => {
    expect(verifySignedMessage(signer.publicKey(), message.replace("0123", "0124"), signature)).toBe(false);
    expect(verifySignedMessage(signer.publicKey(), `${message} `, signature)).toBe(false);
  });

  it("rejects a signature made by another key", () => {
    expect(verifySignedMessage(other.publicKey(), message, signature)).toBe(false);
    const theirs = Buffer.from(other.signMessage(message)).toString("base64");
    expect(verifySignedMessage(signer.publicKey(), message, theirs)).toBe(false);
  });

  it("rejects a plain ed25519 signature that lacks the SEP-53 prefix", () => {
    const raw = Buffer.from(signer.sign(Buffer.from(message))).toString("base64");
    expect(verifySignedMessage(signer.publicKey(), message, raw)).toBe(false);
  });

  it.each([
    ["empty", ""],
    ["too short", signature.slice(0, 40)],
    ["not base64", "!".repeat(88)],
    ["url-safe alphabet", signature.replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "") + "-_"],
    ["unpadded", signature.replace(/=+$/, "")],
    ["65 bytes", Buffer.alloc(65, 1).toString("base64")],
    ["hex", Buffer.from(signer.signMessage(message)).toString("hex")],
    ["unicode", "🔑".repeat(44)],
    ["all zero", Buffer.alloc(64).toString("base64")],
  ])("rejects a malformed signature (%s) without throwing", (_, bad) => {
    expect(() => verifySignedMessage(signer.publicKey(), message, bad)).not.toThrow();
    expect(verifySignedMessage(signer.publicKey(), message, bad)).toBe(false);
  });

  it.each([
    ["empty", ""],
    ["bad checksum", signer.publicKey().slice(0, -1) + (signer.publicKey().endsWith("A") ? "B" : "A")],
    ["secret seed", signer.secret()],
    ["lower case", signer.publicKey().toLowerCase()],
    ["truncated", signer.publicKey().slice(0, 55)],
    ["muxed account", "MA7QYNF7SOWQ3GLR2BGMZEHXAVIRZA4KVWLTJJFC7MGXUA74P7UJUAAAAAAAAAAAACJUQ"],
  ])("rejects a malformed address (%s) without throwing", (_, bad) => {
    expect(() => verifySignedMessage(bad, message, signature)).not.toThrow();
    expect(verifySignedMessage(bad, message, signature)).toBe(false);
  });
});
