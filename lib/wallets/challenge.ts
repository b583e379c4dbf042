// The text a wallet signs to prove it owns an address (SEP-53 message signing).
// Human-readable on purpose: the user reads it in the wallet before signing, and
// xBull base64-decodes messages that look like base64.
import { randomBytes } from "node:crypto";
import { WALLET_NETWORKS, type WalletNetworkId } from "@/lib/networks/stellar";

export const CHALLENGE_TTL_MS = 5 * 60 * 1000;
export const NONCE_PATTERN = /^[0-9a-f]{32}$/;

export type ChallengeFields = {
  domain: string;
  address: string;
  network: WalletNetworkId;
  nonce: string;
  issuedAt: Date;
  expiresAt: Date;
};

export function newNonce(): string {
  return randomBytes(16).toString("hex"); // 128 bits from the CSPRNG
}

export function challengeFields(input: { domain: string; address: string; network: WalletNetworkId }, now = new Date()): ChallengeFields {
  return { ...input, nonce: newNonce(), issuedAt: now, expiresAt: new Date(now.getTime() + CHALLENGE_TTL_MS) };
}

export function formatChallenge(c: ChallengeFields): string {
  return [
    `Keyport wants you to sign in with your Stellar account:`,
    c.address,
    ``,
    `Signing proves you own this address. It is free and submits no transaction.`,
    ``,
    `Domain: ${c.domain}`,
    `Network: ${WALLET_NETWORKS[c.network].label}`,
    `Nonce: ${c.nonce}`,
    `Issued At: ${c.issuedAt.toISOString()}`,
    `Expires At: ${c.expiresAt.toISOString()}`,
  ].join("\n");
}
