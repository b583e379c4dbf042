// Checks a SEP-53 signed message: ed25519 over sha256("Stellar Signed Message:\n" + message).
// Never throws: @stellar/stellar-sdk throws on malformed keys and signatures, and a
// request must get a clean "bad signature", not a 500.
import { Keypair, StrKey } from "@stellar/stellar-sdk";

const BASE64_SIGNATURE = /^[A-Za-z0-9+/]{86}==$/; // 64 bytes, padded (Freighter, xBull, LOBSTR…)
const HEX_SIGNATURE = /^[0-9a-fA-F]{128}$/; // 64 bytes as hex (Bitget)

/** The 64 signature bytes, or null for anything that is not exactly one of the two encodings. */
function decodeSignature(signature: string): Buffer | null {
  // Hex first: 128 hex characters never match the padded base64 pattern, and vice versa.
  const bytes = HEX_SIGNATURE.test(signature)
    ? Buffer.from(signature, "hex")
    : BASE64_SIGNATURE.test(signature)
      ? Buffer.from(signature, "base64")
      : null;
  return bytes?.length === 64 ? bytes : null;
}

export function verifySignedMessage(address: string, message: string, signature: string): boolean {
  if (!StrKey.isValidEd25519PublicKey(address)) return false;
  const bytes = decodeSignature(signature);
  if (!bytes) return false;
  try {
    return Keypair.fromPublicKey(address).verifyMessage(message, bytes);
  } catch {
    return false;
  }
}
