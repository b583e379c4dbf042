"use server";

import { z } from "zod";
import { publicAction, type PublicContext } from "@/lib/actions/builder";
import { fail, ok } from "@/lib/core/result";
import { limitReceiptCheck } from "@/lib/limits/limits";
import { exportedReceiptSchema } from "@/lib/validation/receipt";
import { checkSignedReceipt, type ReceiptVerdict } from "@/lib/wallets/receipt-check";

const pasted = z.object({ json: z.string().trim().min(1, "Paste the receipt's JSON.").max(20_000, "That is longer than any receipt.") });

/** Each check costs a signature verification: limited per client IP, before the input is read. */
async function checkLimit({ ip }: PublicContext): Promise<string | null> {
  const limit = await limitReceiptCheck(ip);
  return limit.ok
    ? null
    : `Too many receipts checked from your network. Try again in ${limit.retryAfter} s, or check them offline with the script.`;
}

/**
 * Checks a pasted receipt (an exported audit event, or its `stepUp`) with the Stellar SDK only:
 * nothing is stored or looked up, so anyone may ask, signed in or not.
 */
export const verifyReceipt = publicAction.form(
  pasted,
  async ({ json }) => {
    let value: unknown;
    try {
      value = JSON.parse(json);
    } catch {
      return fail("invalid_input", "That is not JSON: paste the receipt exactly as the audit log copied or exported it.");
    }
    const receipt = exportedReceiptSchema.safeParse(value);
    if (!receipt.success)
      return fail(
        "invalid_input",
        "That JSON is not a signed receipt: it needs receipt, proof, signer, networkPassphrase and the signature or transaction.",
      );
    return ok<ReceiptVerdict>(checkSignedReceipt(receipt.data));
  },
  { limit: checkLimit },
);
