import { StrKey } from "@stellar/stellar-sdk";
import { z } from "zod";
import { NONCE_PATTERN } from "@/lib/auth/challenge";

export const stellarAddress = z
  .string({ error: "A Stellar address is required." })
  .trim()
  .refine((a) => StrKey.isValidEd25519PublicKey(a), "That is not a valid Stellar account address (G…, 56 characters).");

export const challengeRequestSchema = z.object({
  address: stellarAddress,
  networkPassphrase: z.string().min(1, "The wallet did not report its network.").max(200),
});

export const signInSchema = z.object({
  address: stellarAddress,
  nonce: z.string().regex(NONCE_PATTERN, "The sign-in challenge is malformed."),
  signature: z.string().min(1, "The wallet returned no signature.").max(200, "The signature is too long."),
});

export type SignInInput = z.infer<typeof signInSchema>;
