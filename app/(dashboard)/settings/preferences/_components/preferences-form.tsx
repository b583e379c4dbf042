"use client";

import { HydrationMarker } from "@/components/hydration-marker";
import { useId, useState } from "react";
import { Card } from "@/components/ui/card";
import { useAction } from "@/components/use-action";
import { Switch } from "@/components/ui/switch";
import { savePreferences } from "../actions";

export function PreferencesForm({ saveEscrows: initial }: { saveEscrows: boolean }) {
  const id = useId();
  const [saveEscrows, setSaveEscrows] = useState(initial);
  const save = useAction(savePreferences); // says the outcome in a toast
  const pending = save.pending;

  async function toggle(next: boolean) {
    const previous = saveEscrows;
    setSaveEscrows(next); // optimistic; put back if the server refuses
    const res = await save.run({ saveEscrows: next });
    if (!res.ok) setSaveEscrows(previous);
  }

  return (
    <div className="max-w-3xl space-y-6">
      <HydrationMarker />
      <Card title="Preferences" description="Saved as soon as you change them.">
        <div className="flex items-start justify-between gap-6">
          <div>
            <p id={`${id}-label`} className="text-sm font-medium">
              Save escrows
            </p>
            <p id={`${id}-desc`} className="mt-1 max-w-prose text-sm text-zinc-600 dark:text-zinc-400">
              Index the escrows you create so they show up in your lists and in the API. When this is off your records are not indexed: you
              must keep track of the escrow ids yourself.
            </p>
          </div>
          <Switch
            checked={saveEscrows}
            onCheckedChange={(next) => void toggle(next)}
            disabled={pending}
            aria-labelledby={`${id}-label`}
            aria-describedby={`${id}-desc`}
          />
        </div>
      </Card>
      {save.error && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {save.error}
        </p>
      )}
    </div>
  );
}
