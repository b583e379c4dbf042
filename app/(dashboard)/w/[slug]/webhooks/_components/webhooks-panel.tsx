"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { webhooksPath } from "@/lib/workspaces/paths";
import { HydrationMarker } from "@/components/hydration-marker";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { SelectField } from "@/components/ui/field";
import { Switch } from "@/components/ui/switch";
import { dateTime } from "@/components/format";
import { useAction } from "@/components/use-action";
import type { WorkspaceContext } from "@/lib/keys/view";
import type { WebhookEndpointView } from "@/lib/validation/webhooks";
import {
  createWebhookAction,
  deleteWebhookAction,
  editWebhookAction,
  rotateWebhookSecretAction,
  sendWebhookTestAction,
  toggleWebhookAction,
} from "../actions";
import { EndpointForm, type EventOption } from "./endpoint-form";
import { SecretDialog, type RevealedSecret } from "./secret-dialog";

type Props = { workspace: WorkspaceContext; endpoints: WebhookEndpointView[]; events: EventOption[] };
type Open = { kind: "add" } | { kind: "edit" | "rotate" | "delete"; endpoint: WebhookEndpointView } | null;

export function WebhooksPanel({ workspace, endpoints, events }: Props) {
  const router = useRouter();
  const [open, setOpen] = useState<Open>(null);
  const [revealed, setRevealed] = useState<RevealedSecret | null>(null);
  const [overlap, setOverlap] = useState("24h");
  const ref = (endpoint: WebhookEndpointView) => ({ workspaceId: workspace.id, endpointId: endpoint.id });
  const done = () => {
    setOpen(null);
    router.refresh();
  };
  const toggle = useAction(toggleWebhookAction, { onSuccess: () => router.refresh() });
  const test = useAction(sendWebhookTestAction);
  const remove = useAction(deleteWebhookAction, { onSuccess: done });
  const rotate = useAction(rotateWebhookSecretAction, {
    onSuccess: (data) => {
      setOpen(null);
      setRevealed({ secret: data.secret, url: data.endpoint.url, rotated: true });
    },
  });

  return (
    <>
      <HydrationMarker />
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          {endpoints.length === 0 ? "No endpoints yet." : `${endpoints.length} ${endpoints.length === 1 ? "endpoint" : "endpoints"}.`}
        </p>
        <Button onClick={() => setOpen({ kind: "add" })}>Add endpoint</Button>
      </div>
      <ul className="space-y-3" aria-label="Webhook endpoints">
        {endpoints.map((e) => (
          <li key={e.id} className="space-y-3 rounded-lg border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900">
            <div className="flex flex-wrap items-start justify-between gap-3">
              <div className="min-w-0 flex-1 space-y-1">
                <p className="font-mono text-sm break-all">{e.url}</p>
                {e.description && <p className="text-sm text-zinc-600 dark:text-zinc-400">{e.description}</p>}
                <p className="text-xs text-zinc-600 dark:text-zinc-400">{e.events.includes("*") ? "Every event" : e.events.join(", ")}</p>
              </div>
              <Switch
                checked={e.enabled}
                aria-label={`Send events to ${e.url}`}
                disabled={toggle.pending}
                onCheckedChange={(enabled) => void toggle.run({ ...ref(e), enabled })}
              />
            </div>
            {e.disabledAt && (
              <p role="status" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:bg-amber-950/40 dark:text-amber-200">
                Turned off on {dateTime(e.disabledAt)}: {e.disabledReason} Fix the receiver, then turn it on again.
              </p>
            )}
            {!e.disabledAt && e.failingSince && (
              <p className="text-sm text-amber-800 dark:text-amber-300">Every delivery has failed since {dateTime(e.failingSince)}.</p>
            )}
            {e.previousSecretExpiresAt && (
              <p className="text-xs text-zinc-600 dark:text-zinc-400">
                Signed with the previous secret too until {dateTime(e.previousSecretExpiresAt)}.
              </p>
            )}
            <div className="flex flex-wrap gap-2">
              <Link
                href={`${webhooksPath(workspace)}/${encodeURIComponent(e.id)}`}
                className="inline-flex h-8 items-center rounded-md border border-zinc-300 px-3 text-sm font-medium hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
              >
                Delivery log
              </Link>
              <Button size="sm" variant="secondary" pending={test.pending} onClick={() => void test.run(ref(e))}>
                Send test event
              </Button>
              <Button size="sm" variant="secondary" onClick={() => setOpen({ kind: "edit", endpoint: e })}>
                Edit
              </Button>
              <Button size="sm" variant="secondary" onClick={() => setOpen({ kind: "rotate", endpoint: e })}>
                Rotate secret
              </Button>
              <Button size="sm" variant="danger-ghost" onClick={() => setOpen({ kind: "delete", endpoint: e })}>
                Delete
              </Button>
            </div>
          </li>
        ))}
      </ul>

      <Dialog open={open?.kind === "add"} onOpenChange={(o) => !o && setOpen(null)} title="Add a webhook endpoint" wide>
        <EndpointForm
          workspaceId={workspace.id}
          events={events}
          action={createWebhookAction}
          submitLabel="Add endpoint"
          onSaved={(data) => {
            setOpen(null);
            setRevealed({ secret: data.secret, url: data.endpoint.url, rotated: false });
          }}
        />
      </Dialog>
      {open?.kind === "edit" && (
        <Dialog open onOpenChange={(o) => !o && setOpen(null)} title="Edit the endpoint" wide>
          <EndpointForm
            workspaceId={workspace.id}
            endpoint={open.endpoint}
            events={events}
            action={editWebhookAction}
            submitLabel="Save"
            onSaved={done}
          />
        </Dialog>
      )}
      {open?.kind === "rotate" && (
        <Dialog
          open
          onOpenChange={(o) => !o && setOpen(null)}
          title="Rotate the signing secret"
          description="A new secret is shown once. For the overlap, deliveries carry a signature with each secret, so your receiver can switch without missing one."
        >
          <div className="space-y-4">
            <SelectField label="Overlap" value={overlap} onChange={(ev) => setOverlap(ev.target.value)}>
              <option value="none">None: the old secret stops now</option>
              <option value="1h">1 hour</option>
              <option value="24h">24 hours</option>
              <option value="7d">7 days</option>
            </SelectField>
            <div className="flex justify-end">
              <Button pending={rotate.pending} onClick={() => void rotate.run({ ...ref(open.endpoint), overlap: overlap as "24h" })}>
                Rotate secret
              </Button>
            </div>
          </div>
        </Dialog>
      )}
      {open?.kind === "delete" && (
        <Dialog
          open
          onOpenChange={(o) => !o && setOpen(null)}
          title="Delete the endpoint?"
          description={`Nothing more is sent to ${open.endpoint.url}, and its delivery log goes with it.`}
        >
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={() => setOpen(null)}>
              Keep it
            </Button>
            <Button variant="danger" pending={remove.pending} onClick={() => void remove.run(ref(open.endpoint))}>
              Delete endpoint
            </Button>
          </div>
        </Dialog>
      )}
      <SecretDialog
        revealed={revealed}
        onDone={() => {
          setRevealed(null);
          router.refresh();
        }}
      />
    </>
  );
}
