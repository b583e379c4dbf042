"use client";

import { withStepUpForm } from "@/components/step-up/with-step-up";
import { toast } from "@/components/toast";
import { useWorkspace } from "@/components/workspace-context";
import { useFormAction } from "@/components/use-form-action";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogFooter } from "@/components/ui/dialog";
import { SelectField, TextAreaField, TextField } from "@/components/ui/field";
import { dateTime } from "@/components/format";
import { expiryDateRange } from "@/lib/keys/expiry";
import { useState } from "react";
import { AllowlistField } from "./allowlist-field";
import type { KeyView } from "@/lib/keys/view";
import { edit } from "../actions";
import { ScopeCheckboxes } from "./scope-checkboxes";
import { useKeyUpdater } from "./use-keys";

type Props = { keyView: KeyView; open: boolean; onOpenChange: (o: boolean) => void };

export function EditKeyDialog({ keyView, open, onOpenChange, onSaved }: Props & { onSaved?: () => void }) {
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title={`Edit ${keyView.name}`}
      description="Scope changes apply to the next request made with this key."
      wide
    >
      {open && (
        <EditForm
          keyView={keyView}
          onDone={() => {
            onOpenChange(false);
            onSaved?.();
          }}
        />
      )}
    </Dialog>
  );
}

/** "Keep" by default: the expiry changes only when another choice is made. */
function ExpiryField({ current, error }: { current: string | null; error?: string }) {
  const [expiry, setExpiry] = useState("keep");
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <SelectField label="Expires" name="expiry" value={expiry} onChange={(e) => setExpiry(e.target.value)} error={error}>
        <option value="keep">{current ? `Keep: ${dateTime(current)}` : "Keep: never"}</option>
        <option value="30">In 30 days from now</option>
        <option value="90">In 90 days from now</option>
        <option value="365">In 365 days from now</option>
        <option value="date">On a date…</option>
        <option value="never">Never (not recommended)</option>
      </SelectField>
      {expiry === "date" && <TextField label="Expiry date" name="expiresOn" type="date" {...expiryDateRange()} />}
    </div>
  );
}

function EditForm({ keyView: k, onDone }: { keyView: KeyView; onDone: () => void }) {
  const updateKeys = useKeyUpdater();
  const workspace = useWorkspace();
  const {
    state,
    pending,
    onSubmit,
    fieldErrors: errors,
  } = useFormAction(withStepUpForm(edit), {
    onSuccess: (key) => {
      updateKeys(key);
      toast.success(`Saved ${key.name}.`);
      onDone();
    },
  });

  return (
    <form onSubmit={onSubmit} className="space-y-5" noValidate>
      <input type="hidden" name="workspaceId" value={workspace.id} />
      <input type="hidden" name="keyId" value={k.id} />
      <TextField label="Key name" name="name" defaultValue={k.name} maxLength={64} error={errors.name} />
      <TextAreaField
        label="Description (optional)"
        name="description"
        defaultValue={k.description ?? ""}
        maxLength={256}
        rows={2}
        error={errors.description}
      />
      <ScopeCheckboxes selected={k.scopes} error={errors.scopes} />
      <AllowlistField defaultValue={k.allowedIps.join("\n")} error={errors.allowedIps} />
      <TextField
        label="Rate limit (optional)"
        name="rateLimit"
        type="number"
        inputMode="numeric"
        min={1}
        max={k.rateLimitCeiling}
        defaultValue={k.rateLimitLowered ? k.rateLimit : ""}
        placeholder={String(k.rateLimitCeiling)}
        hint={`Requests per minute, up to ${k.rateLimitCeiling.toLocaleString("en")} for this key. Lower it to cap a job that might run away; leave empty for the full limit.`}
        error={errors.rateLimit}
      />
      {/* A key being rotated out stops when its overlap ends: its expiry is not the owner's to move. */}
      {!k.replacedById && <ExpiryField current={k.expiresAt} error={errors.expiry ?? errors.expiresOn} />}
      {state && !state.ok && <Alert tone="error">{state.message}</Alert>}
      <DialogFooter>
        <Button type="button" variant="secondary" onClick={onDone}>
          Cancel
        </Button>
        <Button type="submit" pending={pending}>
          Save changes
        </Button>
      </DialogFooter>
    </form>
  );
}
