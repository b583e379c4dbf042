// A signed step-up receipt as the audit log exports it (the event's `stepUp`), and as the
// /verify-receipt page and scripts/verify-receipt.ts read it back: pasted text is outside input.
import { z } from "zod";
import { stellarAddress } from "./auth";

const oneSignature = z.object({
  receipt: z.string().min(1).max(4000),
  proof: z.enum(["message", "transaction"]),
  signature: z.string().min(1).max(200).optional(),
  transaction: z.string().min(1).max(4096).optional(),
  signer: stellarAddress,
  wallet: z.string().max(40).optional(),
  networkPassphrase: z.string().min(1).max(200),
});
/** A multisig team's change carries its other signers' receipts in `cosigners` (lib/data/approvals). */
export const signedReceiptSchema = oneSignature.extend({ cosigners: z.array(oneSignature).max(20).optional() });
export type SignedReceipt = z.infer<typeof signedReceiptSchema>;

/** The receipt itself, or a whole exported audit event that carries one as `stepUp`. */
export const exportedReceiptSchema = z.union([signedReceiptSchema, z.object({ stepUp: signedReceiptSchema }).transform((e) => e.stepUp)]);
