"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { useFormAction } from "@/components/use-form-action";
import type { Result } from "@/lib/core/result";
import type { WebhookEndpointView } from "@/lib/validation/webhooks";

export type EventOption = { type: string; summary: string };
type Fields = "url" | "events" | "description";

/** The add and edit form: URL, description, and the events (all of them, or some). */
export function EndpointForm<T>({
  workspaceId,
  endpoint,
  events,
  action,
  submitLabel,
  onSaved,
}: {
  workspaceId: string;
  endpoint?: WebhookEndpointView;
  events: EventOption[];
  action: (previous: Result<T> | null, data: FormData) => Promise<Result<T>>;
  submitLabel: string;
  onSaved: (data: T) => void;
}) {
  const [all, setAll] = useState(!endpoint || endpoint.events.includes("*"));
  const form = useFormAction<T, Fields>(action, { onSuccess: onSaved });
  return (
    <form onSubmit={form.onSubmit} noValidate className="space-y-4">
      <input type="hidden" name="workspaceId" value={workspaceId} />
      {endpoint && <input type="hidden" name="endpointId" value={endpoint.id} />}
      <TextField
        label="Endpoint URL"
        name="url"
        type="url"
        required
        maxLength={2000}
        defaultValue={endpoint?.url}
        placeholder="https://example.com/keyport"
        hint="It must reach a public address; redirects are not followed."
        error={form.fieldErrors.url}
      />
      <TextField
        label="Description (optional)"
        name="description"
        maxLength={200}
        defaultValue={endpoint?.description ?? ""}
        error={form.fieldErrors.description}
      />
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium">Events</legend>
        <label className="flex items-center gap-2 text-sm">
          <input type="radio" name="mode" value="all" checked={all} onChange={() => setAll(true)} className="accent-indigo-600" />
          Every event, including ones added later
        </label>
        <label className="flex items-center gap-2 text-sm">
          <input type="radio" name="mode" value="some" checked={!all} onChange={() => setAll(false)} className="accent-indigo-600" />
          Only these:
        </label>
        {all && <input type="hidden" name="events" value="*" />}
        {!all && (
          <div className="grid gap-1 pl-6 sm:grid-cols-2">
            {events.map((e) => (
              <label key={e.type} className="flex items-start gap-2 text-sm" title={e.summary}>
                <input
                  type="checkbox"
                  name="events"
                  value={e.type}
                  defaultChecked={endpoint?.events.includes(e.type)}
                  className="mt-0.5 size-4 accent-indigo-600"
                />
                <span className="font-mono text-xs break-all">{e.type}</span>
              </label>
            ))}
          </div>
        )}
        {form.fieldErrors.events && <p className="text-sm text-red-700 dark:text-red-400">{form.fieldErrors.events}</p>}
      </fieldset>
      {form.failure && !form.failure.fieldErrors && <Alert tone="error">{form.failure.message}</Alert>}
      <div className="flex justify-end">
        <Button type="submit" pending={form.pending}>
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}
