// Verifies a Keyport step-up receipt offline, with the Stellar SDK only (no Keyport server, no
// network): `npx tsx scripts/verify-receipt.ts event.json` or `… < event.json`. The file is an
// exported audit event (its `stepUp`) or the receipt JSON the audit log's "Copy receipt" gives.
// Exit code 0: valid; 1: invalid; 2: not a receipt.
import fs from "node:fs";
import { exportedReceiptSchema } from "../lib/validation/receipt";
import { checkSignedReceipt } from "../lib/wallets/receipt-check";

const text = fs.readFileSync(process.argv[2] ?? 0, "utf8");
let value: unknown;
try {
  value = JSON.parse(text);
} catch {
  console.error("Not JSON: pass the receipt exactly as exported.");
  process.exit(2);
}
const parsed = exportedReceiptSchema.safeParse(value);
if (!parsed.success) {
  console.error("Not a signed receipt: it needs receipt, proof, signer, networkPassphrase and the signature or transaction.");
  process.exit(2);
}
const verdict = checkSignedReceipt(parsed.data);
console.log(JSON.stringify(verdict, null, 2));
process.exit(verdict.valid ? 0 : 1);
