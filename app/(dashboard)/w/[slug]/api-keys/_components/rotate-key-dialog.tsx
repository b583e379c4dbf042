"use client";

import { withStepUp } from "@/components/step-up/with-step-up";
import { useWorkspace } from "@/components/workspace-context";
import { useState } from "react";
import { useAction } from "@/components/use-action";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogFooter } from "@/components/ui/dialog";
import { dateTime } from "@/components/format";
import type { Overlap } from "@/lib/keys/lifecycle";
import type { KeyView } from "@/lib/keys/view";
import { rotate } from "../actions";
import { afterRevealLoaded } from "./reveal-loader";
import type { Revealed } from "./reveal-key-dialog";

const CHOICES: { value: Overlap; label: string; hint: string }[] = [
  { value: "none", label: "No overlap", hint: "The old key stops working now." },
  { value: "1h", label: "1 hour", hint: "Enough for a quick redeploy." },
  { value: "24h", label: "24 hours", hint: "Time to roll out across environments." },
  { value: "7d", label: "7 days", hint: "For integrations others deploy." },
];

type Props = { keyView: KeyView; open: boolean; onOpenChange: (o: boolean) => void; onRotated: (r: Revealed) => void };

export function RotateKeyDialog({ keyView: k, open, onOpenChange, onRotated }: Props) {
  const leaked = k.status === "leaked";
  const expired = k.status === "expired";
  // Neither a leaked key nor an expired one works beside its successor: there is no overlap to choose.
  const noOverlap = leaked || expired;
  const [overlap, setOverlap] = useState<Overlap>(noOverlap ? "none" : "24h");
  const workspace = useWorkspace();
  const action = useAction((input: Parameters<typeof rotate>[0]) => afterRevealLoaded(() => withStepUp(rotate)(input)), {
    onSuccess: (r) => onRotated({ plaintext: r.plaintext, key: r.key, replaced: r.oldKey }),
  });
  const { failure: error, pending } = action;
  const submit = (choice: Overlap = overlap) => void action.run({ workspaceId: workspace.id, keyId: k.id, overlap: choice });

  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title={`Rotate ${k.name}`}
      description={
        leaked
          ? "Creates a new key with the same name, network and scopes. The leaked key stays off: deploy the new one as soon as you can."
          : expired
            ? "Creates a new key with the same name, network, scopes and allowed IPs, and the same lifetime counted from today. The expired key stays off."
            : "Creates a new key with the same name, network and scopes. Keep the old one working while you deploy the new one."
      }
    >
      <fieldset className="space-y-2" hidden={noOverlap}>
        <legend className="text-sm font-medium">Old key keeps working for</legend>
        {CHOICES.map((c) => (
          <label
            key={c.value}
            className="flex items-start gap-3 rounded-md border border-zinc-200 p-3 text-sm has-[:checked]:border-indigo-500 dark:border-zinc-800"
          >
            <input
              type="radio"
              name="overlap"
              value={c.value}
              checked={overlap === c.value}
              onChange={() => {
                setOverlap(c.value);
                action.reset();
              }}
              className="mt-0.5 accent-indigo-600"
            />
            <span>
              <span className="font-medium">{c.label}</span>
              <span className="block text-zinc-600 dark:text-zinc-400">{c.hint}</span>
            </span>
          </label>
        ))}
      </fieldset>
      {k.expiresAt && !noOverlap && (
        <p className="mt-3 text-xs text-zinc-600 dark:text-zinc-400">Never past the key&apos;s own expiry, {dateTime(k.expiresAt)}.</p>
      )}
      {error && (
        <div className="mt-4">
          <Alert tone="error">{error.message}</Alert>
        </div>
      )}
      <DialogFooter>
        <Button variant="secondary" onClick={() => onOpenChange(false)}>
          Cancel
        </Button>
        {error?.code === "key_limit_overlap" ? (
          <Button
            pending={pending}
            onClick={() => {
              setOverlap("none");
              submit("none");
            }}
          >
            Rotate without overlap
          </Button>
        ) : (
          <Button pending={pending} onClick={() => submit()}>
            Rotate key
          </Button>
        )}
      </DialogFooter>
    </Dialog>
  );
}
