"use client";

import { useState, type FormEvent } from "react";
import { useAction } from "@/components/use-action";
import { Button } from "@/components/ui/button";
import { Dialog, DialogFooter } from "@/components/ui/dialog";
import { TextField } from "@/components/ui/field";
import type { AdminKeyView } from "@/lib/data/keys/admin";
import { isFinished } from "@/lib/keys/lifecycle";
import { setKeyRateLimit } from "../../actions";
import { useAdminRefresh } from "../../_components/admin-fetch";

const muted = "text-xs text-zinc-600 dark:text-zinc-400";

/** A key's limit as the admin sees it (the ceiling, and the owner's own lower limit), and a dialog to change the ceiling. */
export function RateLimitControl({ keyView: k }: { keyView: AdminKeyView }) {
  const [open, setOpen] = useState(false);
  return (
    <div data-testid="key-rate-limit" className="mt-1 text-xs">
      {!isFinished(k.status) ? (
        <button
          type="button"
          onClick={() => setOpen(true)}
          aria-label={`${k.rateLimitCeiling.toLocaleString("en")}/min: change the rate limit of ${k.name}`}
          className="text-indigo-700 tabular-nums underline-offset-2 hover:underline dark:text-indigo-300"
        >
          {k.rateLimitCeiling.toLocaleString("en")}/min
        </button>
      ) : (
        <span className="tabular-nums">{k.rateLimitCeiling.toLocaleString("en")}/min</span>
      )}
      {k.rateLimitLowered && <div className={muted}>Owner: {k.rateLimit.toLocaleString("en")}/min</div>}
      <Dialog
        open={open}
        onOpenChange={setOpen}
        title={`Rate limit of ${k.name}`}
        description="The most requests a minute this key may make. Its owner can lower their own limit below it, never above."
      >
        {open && <CeilingForm keyView={k} onDone={() => setOpen(false)} />}
      </Dialog>
    </div>
  );
}

function CeilingForm({ keyView: k, onDone }: { keyView: AdminKeyView; onDone: () => void }) {
  const refresh = useAdminRefresh();
  // Controlled, so what the admin typed stays after a refusal.
  const [value, setValue] = useState(String(k.rateLimitCeiling));
  const save = useAction(setKeyRateLimit, {
    onSuccess: (key) => {
      void refresh("admin-keys", key);
      onDone();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void save.run({ keyId: k.id, ceiling: value });
  };
  return (
    <form onSubmit={submit} className="space-y-5" noValidate>
      <TextField
        label="Ceiling (requests per minute)"
        name="ceiling"
        type="number"
        inputMode="numeric"
        min={1}
        value={value}
        onChange={(e) => {
          setValue(e.target.value);
          save.reset();
        }}
        hint="Leave empty for the deployment's default."
        error={save.failure?.fieldErrors?.ceiling ?? (save.failure && !save.failure.fieldErrors ? save.failure.message : undefined)}
      />
      {k.rateLimitLowered && (
        <p className={muted}>Its owner limits it to {k.rateLimit.toLocaleString("en")} a minute; a lower ceiling wins over that.</p>
      )}
      <DialogFooter>
        <Button type="button" variant="secondary" onClick={onDone}>
          Cancel
        </Button>
        <Button type="submit" pending={save.pending}>
          Save ceiling
        </Button>
      </DialogFooter>
    </form>
  );
}
