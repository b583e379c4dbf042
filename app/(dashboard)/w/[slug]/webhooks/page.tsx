import type { Metadata } from "next";
import { requireWorkspacePage, workspaceView } from "@/lib/auth/workspace-page";
import { listEndpoints } from "@/lib/data/webhooks/endpoints";
import { Alert } from "@/components/ui/alert";
import { can, ROLE_LABELS } from "@/lib/workspaces/permissions";
import { SUBSCRIBABLE_EVENTS, WEBHOOK_EVENTS } from "@/lib/webhooks/events";
import { WebhooksPanel } from "./_components/webhooks-panel";

type Params = { params: Promise<{ slug: string }> };

export const metadata: Metadata = { title: "Webhooks" };

/** A workspace's webhook endpoints (owners and admins): add, change, test, rotate the secret, delete. */
export default async function WebhooksPage({ params }: Params) {
  const { member } = await requireWorkspacePage((await params).slug);
  const workspace = workspaceView(member);
  const endpoints = can(member.role, "webhooks.manage") ? await listEndpoints(member.userId, member.workspace.id) : null;
  return (
    <div className="mx-auto max-w-6xl space-y-6">
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold tracking-tight">Webhooks · {member.workspace.name}</h1>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Keyport POSTs what happens in this workspace (keys created, disabled, expiring, leaked; Mainnet decisions; members) to your
          endpoints, signed per{" "}
          <a href="https://www.standardwebhooks.com" className="text-indigo-700 underline underline-offset-2 dark:text-indigo-300">
            Standard Webhooks
          </a>
          . The events and their payloads are in the{" "}
          <a href="/docs" className="text-indigo-700 underline underline-offset-2 dark:text-indigo-300">
            API reference
          </a>
          .
        </p>
      </div>
      {endpoints?.ok ? (
        <WebhooksPanel
          workspace={workspace}
          endpoints={endpoints.data}
          events={SUBSCRIBABLE_EVENTS.map((type) => ({ type, summary: WEBHOOK_EVENTS[type].summary }))}
        />
      ) : (
        <Alert tone="info">
          Only the workspace&apos;s owners and admins manage its webhooks. You are {ROLE_LABELS[member.role].toLowerCase()}.
        </Alert>
      )}
    </div>
  );
}
