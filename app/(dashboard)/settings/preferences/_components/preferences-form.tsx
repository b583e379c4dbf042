"use client";

import { HydrationMarker } from "@/components/hydration-marker";
import { useId, useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { Switch } from "@/components/ui/switch";
import { savePreferences } from "../actions";

export function PreferencesForm({ saveEscrows: initial }: { saveEscrows: boolean }) {
  const id = useId();
  const [saveEscrows, setSaveEscrows] = useState(initial);
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null);
  const [pending, startTransition] = useTransition();

  function toggle(next: boolean) {
    const previous = saveEscrows;
    setSaveEscrows(next); // optimistic; put back if the server refuses
    startTransition(async () => {
      const res = await savePreferences({ saveEscrows: next });
      if (!res.ok) setSaveEscrows(previous);
      setResult({ ok: res.ok, message: res.message ?? "" });
    });
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
            onCheckedChange={toggle}
            disabled={pending}
            aria-labelledby={`${id}-label`}
            aria-describedby={`${id}-desc`}
          />
        </div>
      </Card>
      {result && <Alert tone={result.ok ? "success" : "error"}>{result.message}</Alert>}
    </div>
  );
}
