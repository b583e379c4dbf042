// Checks a SEP-53 signed message: ed25519 over sha256("Stellar Signed Message:\n" + message).
// Never throws: @stellar/stellar-sdk throws on malformed keys and signatures, and a
// request must get a clean "bad signature", not a 500.
import { Keypair, StrKey } from "@stellar/stellar-sdk";

const BASE64_SIGNATURE = /^[A-Za-z0-9+/]{86}==$/; // 64 bytes, padded

export function verifySignedMessage(address: string, message: string, signature: string): boolean {
  if (!StrKey.isValidEd25519PublicKey(address)) return false;
  if (!BASE64_SIGNATURE.test(signature)) return false;
  const bytes = Buffer.from(signature, "base64");
  if (bytes.length !== 64) return false;
  try {
    return Keypair.fromPublicKey(address).verifyMessage(message, bytes);
  } catch {
    return false;
  }
}
