"use client";

import { useActionState, useEffect } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { TextAreaField, TextField } from "@/components/ui/field";
import type { KeyView } from "@/lib/keys/view";
import { edit } from "../actions";
import { ScopeCheckboxes } from "./scope-checkboxes";
import { useKeyUpdater } from "./use-keys";

type Props = { keyView: KeyView; open: boolean; onOpenChange: (o: boolean) => void };

export function EditKeyDialog({ keyView, open, onOpenChange }: Props) {
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title={`Edit ${keyView.name}`}
      description="Scope changes apply to the next request made with this key."
      wide
    >
      {open && <EditForm keyView={keyView} onDone={() => onOpenChange(false)} />}
    </Dialog>
  );
}

function EditForm({ keyView: k, onDone }: { keyView: KeyView; onDone: () => void }) {
  const [state, action, pending] = useActionState(edit, null);
  const updateKeys = useKeyUpdater();
  const errors = state && !state.ok && "fieldErrors" in state ? (state.fieldErrors ?? {}) : {};

  useEffect(() => {
    if (state?.ok) {
      updateKeys(state.data);
      onDone();
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per successful result
  }, [state]);

  return (
    <form action={action} className="space-y-5" noValidate>
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
      {state && !state.ok && <Alert tone="error">{state.message}</Alert>}
      <div className="flex justify-end gap-3">
        <Button type="button" variant="secondary" onClick={onDone}>
          Cancel
        </Button>
        <Button type="submit" pending={pending}>
          Save changes
        </Button>
      </div>
    </form>
  );
}
