// The step-up fields any user or admin action may carry beside its own input (the action
// builder reads them; only the changes in lib/wallets/step-up.ts look at them). Sent as form
// fields by forms, as properties by buttons and dialogs.
import { z } from "zod";
import { WALLET_IDS } from "@/lib/wallets/catalog";
import { NONCE_PATTERN } from "@/lib/wallets/challenge";
import { stellarAddress } from "./auth";

export const stepUpFieldsSchema = z
  .object({
    stepUpWallet: z.enum(WALLET_IDS).optional(),
    stepUpNonce: z.string().regex(NONCE_PATTERN).optional(),
    // 64 bytes as base64 (88) or hex (128); the signature check reads both.
    stepUpSignature: z.string().min(1).max(200).optional(),
    stepUpTransaction: z.string().min(1).max(4096).optional(),
  })
  .transform(({ stepUpWallet, stepUpNonce, stepUpSignature, stepUpTransaction }) => ({
    wallet: stepUpWallet,
    nonce: stepUpNonce,
    signature: stepUpSignature,
    transaction: stepUpTransaction,
  }));

/** What the server asks the wallet to sign, as the browser reads it from a step_up_required refusal. */
export const stepUpAskSchema = z.object({
  nonce: z.string().regex(NONCE_PATTERN),
  receipt: z.string().min(1).max(4000),
  signer: stellarAddress,
  proof: z.enum(["message", "transaction"]),
  transaction: z.string().min(1).max(4096).optional(),
  networkPassphrase: z.string().min(1).max(200),
  wallet: z.enum(WALLET_IDS),
  expiresAt: z.string(),
});
export type StepUpAskView = z.infer<typeof stepUpAskSchema>;
