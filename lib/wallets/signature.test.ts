import { Keypair } from "@stellar/stellar-sdk";
import { describe, expect, it } from "vitest";
import { verifySignedMessage } from "./signature";

const signer = Keypair.random();
const other = Keypair.random();
const message = "Keyport wants you to sign in with your Stellar account:\nG…\n\nNonce: 0123";
const signature = Buffer.from(signer.signMessage(message)).toString("base64");
const hexSignature = Buffer.from(signer.signMessage(message)).toString("hex");

// The published SEP-53 test vector (stellar-protocol, ecosystem/sep-0053.md).
const VECTOR = {
  address: "GBXFXNDLV4LSWA4VB7YIL5GBD7BVNR22SGBTDKMO2SBZZHDXSKZYCP7L",
  message: "Hello, World!",
  base64: "fO5dbYhXUhBMhe6kId/cuVq/AfEnHRHEvsP8vXh03M1uLpi5e46yO2Q8rEBzu3feXQewcQE5GArp88u6ePK6BA==",
  hex: "7cee5d6d885752104c85eea421dfdcb95abf01f1271d11c4bec3fcbd7874dccd6e2e98b97b8eb23b643cac4073bb77de5d07b0710139180ae9f3cbba78f2ba04",
};

describe("verifySignedMessage (SEP-53)", () => {
  it("accepts the owner's signature over the exact message", () => {
    expect(signature).toHaveLength(88);
    expect(verifySignedMessage(signer.publicKey(), message, signature)).toBe(true);
  });

  it("accepts the SEP-53 test vector as base64 (Freighter) and as hex (Bitget), either case", () => {
    expect(verifySignedMessage(VECTOR.address, VECTOR.message, VECTOR.base64)).toBe(true);
    expect(verifySignedMessage(VECTOR.address, VECTOR.message, VECTOR.hex)).toBe(true);
    expect(verifySignedMessage(VECTOR.address, VECTOR.message, VECTOR.hex.toUpperCase())).toBe(true);
    expect(verifySignedMessage(VECTOR.address, "Hello, World?", VECTOR.hex)).toBe(false);
  });

  it("accepts the owner's hex signature and refuses it for another key or message", () => {
    expect(hexSignature).toHaveLength(128);
    expect(verifySignedMessage(signer.publicKey(), message, hexSignature)).toBe(true);
    expect(verifySignedMessage(other.publicKey(), message, hexSignature)).toBe(false);
    expect(verifySignedMessage(signer.publicKey(), `${message}.`, hexSignature)).toBe(false);
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
    ["hex, 63 bytes", hexSignature.slice(0, 126)],
    ["hex, 65 bytes", `${hexSignature}00`],
    ["hex, odd length", hexSignature.slice(0, 127)],
    ["hex with 0x prefix", `0x${hexSignature}`],
    ["hex with a non-hex character", `${hexSignature.slice(0, 127)}g`],
    ["hex with whitespace", ` ${hexSignature}`],
    ["hex of the right length but the wrong bytes", "ab".repeat(64)],
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
