"use client";

import { useState, type ReactNode } from "react";
import { useAction } from "@/components/use-action";
import type { Result } from "@/lib/core/result";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogFooter } from "@/components/ui/dialog";
import { TextAreaField } from "@/components/ui/field";

type Props = {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  /** Ask the admin for a reason (shown to the user concerned and kept in the audit log). */
  reason?: "optional" | "required";
  /** The reason field's label, when "Reason" does not say what it is for. */
  reasonLabel?: string;
  /** The admin action; a refusal stays on screen (and in a toast), success closes the dialog. */
  onConfirm: (reason: string) => Promise<Result<unknown>>;
};

/** An admin's confirmation, with a reason when one is asked for; keeps what was typed after an error. */
export function ConfirmDialog({ open, onOpenChange, title, children, confirmLabel, danger, reason, reasonLabel, onConfirm }: Props) {
  const [text, setText] = useState("");
  const action = useAction(onConfirm, { onSuccess: () => close(false) });
  const error = action.error;

  function close(next: boolean) {
    if (!next) setText("");
    action.reset();
    onOpenChange(next);
  }
  const confirm = () => void action.run(text);

  return (
    <Dialog open={open} onOpenChange={close} title={title}>
      <div className="space-y-4 text-sm text-zinc-700 dark:text-zinc-300">
        {children}
        {reason && (
          <TextAreaField
            label={reasonLabel ?? (reason === "required" ? "Reason" : "Reason (optional)")}
            hint="The user sees this reason. It is also kept in the audit log."
            value={text}
            maxLength={300}
            rows={3}
            onChange={(e) => setText(e.target.value)}
          />
        )}
        {error && <Alert tone="error">{error}</Alert>}
      </div>
      <DialogFooter>
        <Button variant="secondary" onClick={() => close(false)}>
          Cancel
        </Button>
        <Button variant={danger ? "danger" : "primary"} pending={action.pending} onClick={confirm}>
          {confirmLabel}
        </Button>
      </DialogFooter>
    </Dialog>
  );
}
