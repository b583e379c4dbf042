import { describe, expect, it } from "vitest";
import { Keypair, Networks, TransactionBuilder } from "@stellar/stellar-sdk";
import { formatReceipt, receiptHash } from "./receipt";
import { checkSignedReceipt } from "./receipt-check";
import { buildReceiptTransaction } from "./sep10";

const user = Keypair.random();
const server = Keypair.random();
const receipt = formatReceipt(
  {
    action: "member.role_change",
    workspace: { slug: "acme", name: "Acme", personal: false },
    member: user.publicKey(),
    role: { before: "Viewer", after: "Admin" },
  },
  {
    signer: user.publicKey(),
    domain: "keyport.example",
    nonce: "a".repeat(32),
    issuedAt: new Date(),
    expiresAt: new Date(Date.now() + 300_000),
  },
);
const base = { receipt, signer: user.publicKey(), networkPassphrase: Networks.TESTNET };

function signedTransaction(signer: Keypair, text = receipt) {
  const issued = buildReceiptTransaction(
    server,
    user.publicKey(),
    Networks.TESTNET,
    { homeDomain: "keyport.example", webAuthDomain: "keyport.example" },
    receiptHash(text),
  );
  const tx = TransactionBuilder.fromXDR(issued.xdr, Networks.TESTNET);
  tx.sign(signer);
  return tx.toXDR();
}

describe("checking a receipt offline", () => {
  it("accepts a SEP-53 signature by the named signer, and refuses any change to the text or signer", () => {
    const signature = Buffer.from(user.signMessage(receipt)).toString("base64");
    expect(checkSignedReceipt({ ...base, proof: "message", signature })).toMatchObject({ valid: true, action: "Change a member's role" });
    expect(checkSignedReceipt({ ...base, proof: "message", signature, receipt: receipt.replace("Admin", "Owner") })).toMatchObject({
      valid: false,
    });
    const other = Buffer.from(Keypair.random().signMessage(receipt)).toString("base64");
    expect(checkSignedReceipt({ ...base, proof: "message", signature: other })).toMatchObject({ valid: false });
    expect(checkSignedReceipt({ ...base, proof: "message", signature, signer: Keypair.random().publicKey() })).toMatchObject({
      valid: false,
    });
    expect(checkSignedReceipt({ ...base, proof: "message", signature: "nonsense" })).toMatchObject({ valid: false });
  });

  it("accepts a signed transaction carrying the receipt's hash, and refuses another signer, text or network", () => {
    const transaction = signedTransaction(user);
    expect(checkSignedReceipt({ ...base, proof: "transaction", transaction })).toMatchObject({ valid: true });
    expect(checkSignedReceipt({ ...base, proof: "transaction", transaction: signedTransaction(Keypair.random()) })).toMatchObject({
      valid: false,
    });
    expect(checkSignedReceipt({ ...base, proof: "transaction", transaction: signedTransaction(user, "other text") })).toMatchObject({
      valid: false,
    });
    expect(checkSignedReceipt({ ...base, proof: "transaction", transaction, networkPassphrase: Networks.PUBLIC })).toMatchObject({
      valid: false,
    });
    expect(checkSignedReceipt({ ...base, proof: "transaction", transaction: "AAAA" })).toMatchObject({ valid: false });
  });

  it("refuses text that is not a receipt", () => {
    expect(checkSignedReceipt({ ...base, receipt: "hello", proof: "message", signature: "x" })).toMatchObject({ valid: false });
  });
});
