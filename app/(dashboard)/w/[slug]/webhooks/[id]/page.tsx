import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireWorkspacePage, workspaceView } from "@/lib/auth/workspace-page";
import { listDeliveries } from "@/lib/data/webhooks/deliveries";
import { listEndpoints } from "@/lib/data/webhooks/endpoints";
import { webhooksPath } from "@/lib/workspaces/paths";
import { Alert } from "@/components/ui/alert";
import { DeliveryLog } from "../_components/delivery-log";

type Params = { params: Promise<{ slug: string; id: string }> };

export const metadata: Metadata = { title: "Webhook deliveries" };

/** One endpoint's delivery log (owners and admins): each delivery, its attempts, "Redeliver" and "Send test event". */
export default async function WebhookDeliveriesPage({ params }: Params) {
  const { slug, id } = await params;
  const { member } = await requireWorkspacePage(slug);
  const endpoints = await listEndpoints(member.userId, member.workspace.id);
  const endpoint = endpoints.ok ? endpoints.data.find((e) => e.id === id) : undefined;
  const deliveries = endpoint ? await listDeliveries(member.userId, member.workspace.id, endpoint.id) : null;
  if (!endpoint || !deliveries?.ok) notFound();
  return (
    <div className="mx-auto max-w-6xl space-y-6">
      <div className="space-y-1">
        <Link href={webhooksPath(member.workspace)} className="text-sm text-indigo-700 underline underline-offset-2 dark:text-indigo-300">
          ← Webhooks
        </Link>
        <h1 className="text-2xl font-semibold tracking-tight">Delivery log</h1>
        <p className="font-mono text-sm break-all text-zinc-600 dark:text-zinc-400">{endpoint.url}</p>
      </div>
      {!endpoint.enabled && (
        <Alert tone="info">This endpoint is off: nothing is sent to it until it is turned on again on the Webhooks page.</Alert>
      )}
      <DeliveryLog workspace={workspaceView(member)} endpointId={endpoint.id} enabled={endpoint.enabled} deliveries={deliveries.data} />
    </div>
  );
}
