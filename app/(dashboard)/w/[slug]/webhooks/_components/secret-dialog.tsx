"use client";

import { useId, useState } from "react";
import { CopyButton } from "@/components/copy-button";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";

export type RevealedSecret = { secret: string; url: string; rotated: boolean };

/**
 * Shows an endpoint's signing secret once, as the new-key dialog shows a key: it cannot be
 * dismissed until the user confirms they copied it, and the secret lives only in this state.
 */
export function SecretDialog({ revealed, onDone }: { revealed: RevealedSecret | null; onDone: () => void }) {
  const id = useId();
  const [copied, setCopied] = useState(false);
  if (!revealed) return null;
  return (
    <Dialog
      open
      locked={!copied}
      onOpenChange={(open) => {
        if (open) return;
        setCopied(false);
        onDone();
      }}
      title={revealed.rotated ? "The endpoint's new signing secret" : "The endpoint's signing secret"}
      description="Copy it into your receiver now: this is the only time Keyport shows it. Verify each delivery with it using a Standard Webhooks library."
      wide
    >
      <div className="space-y-4">
        <p className="text-sm break-all text-zinc-700 dark:text-zinc-300">{revealed.url}</p>
        <div className="flex items-center gap-2">
          <code
            aria-label="Signing secret"
            data-testid="webhook-secret"
            className="block min-w-0 flex-1 rounded-md border border-zinc-300 bg-zinc-50 px-3 py-2 font-mono text-sm break-all select-all dark:border-zinc-700 dark:bg-zinc-950"
          >
            {revealed.secret}
          </code>
          <CopyButton value={revealed.secret} label="Copy secret" />
        </div>
        <div className="flex flex-wrap items-center justify-between gap-4 border-t border-zinc-200 pt-4 dark:border-zinc-800">
          <label htmlFor={id} className="flex items-center gap-2 text-sm">
            <input
              id={id}
              type="checkbox"
              checked={copied}
              onChange={(e) => setCopied(e.target.checked)}
              className="size-4 accent-indigo-600"
            />
            I have copied the secret
          </label>
          <Button
            disabled={!copied}
            onClick={() => {
              setCopied(false);
              onDone();
            }}
          >
            Done
          </Button>
        </div>
      </div>
    </Dialog>
  );
}
