"use server";

import { z } from "zod";
import { publicAction } from "@/lib/actions/builder";
import { fail, ok } from "@/lib/core/result";
import { exportedReceiptSchema } from "@/lib/validation/receipt";
import { checkSignedReceipt, type ReceiptVerdict } from "@/lib/wallets/receipt-check";

const pasted = z.object({ json: z.string().trim().min(1, "Paste the receipt's JSON.").max(20_000, "That is longer than any receipt.") });

/**
 * Checks a pasted receipt (an exported audit event, or its `stepUp`) with the Stellar SDK only:
 * nothing is stored or looked up, so anyone may ask, signed in or not.
 */
export const verifyReceipt = publicAction.form(pasted, async ({ json }) => {
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
});
