"use client";

import { useWorkspace } from "@/components/workspace-context";
import Link from "next/link";
import { useState } from "react";
import { useFormAction } from "@/components/use-form-action";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogFooter } from "@/components/ui/dialog";
import { SelectField, TextAreaField, TextField } from "@/components/ui/field";
import { AllowlistField } from "./allowlist-field";
import { DEFAULT_SCOPES } from "@/lib/keys/scopes";
import { expiryDateRange } from "@/lib/keys/view";
import type { KeysPayload } from "@/lib/keys/view";
import { requestKey } from "../actions";
import { afterRevealLoaded } from "./reveal-loader";
import { MainnetStatusLine } from "./mainnet-access";
import type { Revealed } from "./reveal-key-dialog";
import { ScopeCheckboxes } from "./scope-checkboxes";
import { useKeyUpdater } from "./use-keys";

type Props = {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  context: KeysPayload["context"];
  onIssued: (issued: Revealed) => void;
};

export function RequestKeyDialog({ open, onOpenChange, context, onIssued }: Props) {
  // A fresh form (and action state) each time the dialog opens.
  const [attempt, setAttempt] = useState(0);
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (next) setAttempt((a) => a + 1);
        onOpenChange(next);
      }}
      title="Request API key"
      description="The key is shown once, right after you request it."
      wide
    >
      <RequestKeyForm key={attempt} context={context} onIssued={onIssued} onCancel={() => onOpenChange(false)} />
    </Dialog>
  );
}

function RequestKeyForm({ context, onIssued, onCancel }: Omit<Props, "open" | "onOpenChange"> & { onCancel: () => void }) {
  // 90 days by default, as GitHub asks of tokens: a key nobody remembers should not live forever.
  const [expiry, setExpiry] = useState("90");
  const updateKeys = useKeyUpdater();
  const workspace = useWorkspace();
  const {
    state,
    pending,
    onSubmit,
    fieldErrors: errors,
  } = useFormAction((previous: Parameters<typeof requestKey>[0], data: FormData) => afterRevealLoaded(() => requestKey(previous, data)), {
    onSuccess: (issued) => {
      updateKeys(issued.key);
      onIssued({ plaintext: issued.plaintext, key: issued.key });
    },
  });

  return (
    <form onSubmit={onSubmit} className="space-y-5" noValidate>
      <input type="hidden" name="workspaceId" value={workspace.id} />
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium">Network</legend>
        <div className="grid gap-2 sm:grid-cols-2">
          <label className="flex cursor-pointer items-start gap-3 rounded-md border border-zinc-200 p-3 text-sm has-[:checked]:border-indigo-500 dark:border-zinc-800">
            <input type="radio" name="network" value="testnet" defaultChecked className="mt-0.5 accent-indigo-600" />
            <span>
              <span className="font-medium">Testnet</span>
              <span className="block text-zinc-600 dark:text-zinc-400">For development and testing. Self-serve.</span>
            </span>
          </label>
          <label
            className={`flex items-start gap-3 rounded-md border border-zinc-200 p-3 text-sm has-[:checked]:border-indigo-500 dark:border-zinc-800 ${context.mainnetApproved ? "cursor-pointer" : "cursor-not-allowed opacity-60"}`}
          >
            <input
              type="radio"
              name="network"
              value="mainnet"
              disabled={!context.mainnetApproved}
              aria-describedby="mainnet-note"
              className="mt-0.5 accent-indigo-600"
            />
            <span>
              <span className="font-medium">Mainnet</span>
              <span id="mainnet-note" className="block text-zinc-600 dark:text-zinc-400">
                {context.mainnetApproved ? "For production: real funds." : "For production: available after approval."}
              </span>
            </span>
          </label>
        </div>
        <MainnetStatusLine access={context.mainnet} onShow={onCancel} />
        {errors.network && <p className="text-sm text-red-600 dark:text-red-400">{errors.network}</p>}
      </fieldset>

      <TextField
        label="Key name"
        name="name"
        maxLength={64}
        placeholder="crm-sync-prod"
        autoComplete="off"
        hint="Name it system-environment, e.g. crm-sync-prod or payouts-staging, so you know what breaks if you revoke it."
        error={errors.name}
      />
      <TextAreaField label="Description (optional)" name="description" maxLength={256} rows={2} error={errors.description} />
      <ScopeCheckboxes selected={DEFAULT_SCOPES} error={errors.scopes} />
      <AllowlistField error={errors.allowedIps} />
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField label="Expires" name="expiry" value={expiry} onChange={(e) => setExpiry(e.target.value)} error={errors.expiry}>
          <option value="30">In 30 days</option>
          <option value="90">In 90 days (recommended)</option>
          <option value="365">In 365 days</option>
          <option value="date">On a date…</option>
          <option value="never">Never (not recommended)</option>
        </SelectField>
        {expiry === "date" && (
          <TextField label="Expiry date" name="expiresOn" type="date" {...expiryDateRange()} error={errors.expiresOn} />
        )}
      </div>

      {state && !state.ok && (
        <Alert tone="error">
          {state.message}{" "}
          {state.code === "use_case_required" && (
            <Link href="/settings/profile" className="font-medium underline">
              Go to your profile
            </Link>
          )}
        </Alert>
      )}
      <DialogFooter>
        <Button type="button" variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" pending={pending}>
          Request key
        </Button>
      </DialogFooter>
    </form>
  );
}
