import { StrKey } from "@stellar/stellar-sdk";
import { z } from "zod";
import { NONCE_PATTERN } from "@/lib/wallets/challenge";
import { WALLET_IDS } from "@/lib/wallets/catalog";

export const stellarAddress = z
  .string({ error: "A Stellar address is required." })
  .trim()
  .refine((a) => StrKey.isValidEd25519PublicKey(a), "That is not a valid Stellar account address (G…, 56 characters).");

/**
 * How the wallet can prove it owns the address, as the browser declares from the wallet's
 * capability: a SEP-53 message signature, or a SEP-10 challenge transaction (Albedo, Rabet,
 * Ledger, Trezor). The server stores the kind with the challenge; the stored kind decides the check.
 */
export const PROOF_KINDS = ["message", "transaction"] as const;
export type ProofKind = (typeof PROOF_KINDS)[number];

export const challengeRequestSchema = z.object({
  address: stellarAddress,
  networkPassphrase: z.string().min(1, "The wallet did not report its network.").max(200),
  // Absent means a message: the Freighter flow that predates SEP-10 sends no proof.
  proof: z.enum(PROOF_KINDS, { error: "The proof must be message or transaction." }).default("message"),
  /** The wallet the user chose: when given, its capability decides the proof, not `proof`. */
  wallet: z.enum(WALLET_IDS, { error: "That is not a wallet Keyport supports." }).optional(),
});

/** A signed challenge transaction is about 700 characters; the bound leaves room, not a megabyte. */
export const MAX_SIGNED_TRANSACTION_LENGTH = 2048;

export const signInSchema = z
  .object({
    address: stellarAddress,
    nonce: z.string().regex(NONCE_PATTERN, "The sign-in challenge is malformed."),
    /** SEP-53: the message signature, base64 or hex. */
    signature: z.string().min(1, "The wallet returned no signature.").max(200, "The signature is too long.").optional(),
    /** SEP-10: the challenge transaction signed by the wallet, as a base64 XDR envelope. */
    transaction: z
      .string()
      .min(1, "The wallet returned no signed transaction.")
      .max(MAX_SIGNED_TRANSACTION_LENGTH, "The signed transaction is too long.")
      .regex(/^[A-Za-z0-9+/]+={0,2}$/, "The signed transaction is not base64.")
      .optional(),
  })
  // Exactly one proof: which one must match is decided by the stored challenge, not here.
  .refine((v) => (v.signature === undefined) !== (v.transaction === undefined), "Send either a signature or a signed transaction.");

export type SignInInput = z.infer<typeof signInSchema>;
