"use client";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useFormAction } from "@/components/use-form-action";
import { verifyReceipt } from "../actions";

export function VerifyForm() {
  const { state, pending, onSubmit, failure } = useFormAction(verifyReceipt);
  const verdict = state?.ok ? state.data : null;
  return (
    <form onSubmit={onSubmit} className="space-y-4">
      <label htmlFor="receipt-json" className="block text-sm font-medium">
        Signed receipt (JSON)
      </label>
      <textarea
        id="receipt-json"
        name="json"
        rows={12}
        required
        spellCheck={false}
        className="block w-full rounded-md border border-zinc-300 bg-white p-3 font-mono text-xs dark:border-zinc-700 dark:bg-zinc-900"
        placeholder='{ "receipt": "Keyport asks you to approve…", "proof": "message", "signature": "…", "signer": "G…", "networkPassphrase": "…" }'
      />
      <Button type="submit" pending={pending}>
        Verify receipt
      </Button>
      {failure && <Alert tone="error">{failure.message}</Alert>}
      {verdict?.valid === true && (
        <Alert tone="success">
          <p className="font-medium">Valid: signed by {verdict.signer}.</p>
          {verdict.cosigners && (
            <p className="break-all">
              Co-signed for the same approval (a multisig team) by {verdict.cosigners.join(", ")}: every signature checks.
            </p>
          )}
          <p>
            {verdict.action}. The receipt was valid until {verdict.expiresAt}.
          </p>
        </Alert>
      )}
      {verdict?.valid === false && (
        <Alert tone="error">
          <p className="font-medium">Invalid.</p>
          <p>{verdict.reason}</p>
        </Alert>
      )}
    </form>
  );
}
