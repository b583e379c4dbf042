"use client";

import { withStepUpForm } from "@/components/step-up/with-step-up";
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
import { expiryDateRange } from "@/lib/keys/expiry";
import { homeOfUseCase, type KeysPayload } from "@/lib/keys/view";
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

/** A name that says what it is until the user gives a better one: `testnet-2026-12-07`. */
const suggestedName = (network: string) => `${network}-${new Date().toISOString().slice(0, 10)}`;

const EXPIRY_LABELS: Record<string, string> = {
  "30": "expires in 30 days",
  "90": "expires in 90 days",
  "365": "expires in 365 days",
  date: "expires on a date",
  never: "never expires",
};

function RequestKeyForm({ context, onIssued, onCancel }: Omit<Props, "open" | "onOpenChange"> & { onCancel: () => void }) {
  // 90 days by default, as GitHub asks of tokens: a key nobody remembers should not live forever.
  const [expiry, setExpiry] = useState("90");
  const [network, setNetwork] = useState("testnet");
  // The suggested name follows the network until the user types their own.
  const [name, setName] = useState<string | null>(null);
  const [moreOpen, setMoreOpen] = useState(false);
  const updateKeys = useKeyUpdater();
  const workspace = useWorkspace();
  const {
    state,
    pending,
    onSubmit,
    fieldErrors: errors,
  } = useFormAction(
    (previous: Parameters<typeof requestKey>[0], data: FormData) => afterRevealLoaded(() => withStepUpForm(requestKey)(previous, data)),
    {
      onSuccess: (issued) => {
        updateKeys(issued.key);
        onIssued({ plaintext: issued.plaintext, key: issued.key });
      },
    },
  );
  // An error inside "More options" opens it: a refusal is never hidden behind a closed section.
  const errorInMore = !!(errors.description || errors.allowedIps || errors.expiry || errors.expiresOn);

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <input type="hidden" name="workspaceId" value={workspace.id} />
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium">Network</legend>
        <div className="grid gap-2 sm:grid-cols-2">
          <label className="flex cursor-pointer items-start gap-3 rounded-md border border-zinc-200 p-3 text-sm has-[:checked]:border-indigo-500 dark:border-zinc-800">
            <input
              type="radio"
              name="network"
              value="testnet"
              defaultChecked
              onChange={() => setNetwork("testnet")}
              className="mt-0.5 accent-indigo-600"
            />
            <span>
              <span className="font-medium">Testnet</span>
              <span className="block text-zinc-600 dark:text-zinc-400">Self-serve: build and test.</span>
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
              onChange={() => setNetwork("mainnet")}
              aria-describedby="mainnet-note"
              className="mt-0.5 accent-indigo-600"
            />
            <span>
              <span className="font-medium">Mainnet</span>
              <span id="mainnet-note" className="block text-zinc-600 dark:text-zinc-400">
                {context.mainnetApproved ? "Production: real funds." : "Real funds, after approval."}
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
        value={name ?? suggestedName(network)}
        onChange={(e) => setName(e.target.value)}
        autoComplete="off"
        hint="Rename it after what uses it, e.g. crm-sync-prod, so you know what breaks if you revoke it."
        error={errors.name}
      />
      <ScopeCheckboxes selected={DEFAULT_SCOPES} error={errors.scopes} />

      <details
        open={moreOpen || errorInMore}
        onToggle={(e) => setMoreOpen(e.currentTarget.open)}
        className="group rounded-md border border-zinc-200 dark:border-zinc-800"
      >
        <summary className="flex cursor-pointer list-none items-center justify-between gap-2 rounded-md px-3 py-2.5 text-sm font-medium focus-visible:ring-2 focus-visible:ring-indigo-500/40 focus-visible:outline-none">
          <span>More options</span>
          <span className="text-xs font-normal text-zinc-600 dark:text-zinc-400">
            Description, allowed IPs · {EXPIRY_LABELS[expiry]}
            <span aria-hidden className="ml-2 inline-block transition-transform group-open:rotate-90">
              ›
            </span>
          </span>
        </summary>
        <div className="space-y-4 border-t border-zinc-200 px-3 pt-3 pb-4 dark:border-zinc-800">
          <TextAreaField label="Description (optional)" name="description" maxLength={256} rows={2} error={errors.description} />
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
        </div>
      </details>

      {state && !state.ok && (
        // In a team linked to a multisig account the request is not refused: it waits for the signers.
        <Alert tone={"approvalId" in state ? "info" : "error"}>
          {state.message}{" "}
          {state.code === "use_case_required" && (
            <Link href={homeOfUseCase(workspace).href} className="font-medium underline">
              Go to {homeOfUseCase(workspace).where}
            </Link>
          )}
          {"approvalId" in state && (
            <Link href={`/w/${workspace.slug}/members`} className="font-medium underline">
              Open Pending approvals
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
