"use client";

import { HydrationMarker } from "@/components/hydration-marker";
import { useState } from "react";
import { Card } from "@/components/ui/card";
import { useAction } from "@/components/use-action";
import { SwitchRow } from "@/components/ui/switch-row";
import { savePreferences } from "../actions";

export function PreferencesForm({ saveEscrows: initial }: { saveEscrows: boolean }) {
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
        <SwitchRow
          label="Save escrows"
          description="Index the escrows you create so they show up in your lists and in the API. When this is off your records are not indexed: you must keep track of the escrow ids yourself."
          checked={saveEscrows}
          onCheckedChange={(next) => void toggle(next)}
          disabled={pending}
        />
      </Card>
      {save.error && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {save.error}
        </p>
      )}
    </div>
  );
}
