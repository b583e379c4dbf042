import "server-only";
// "A webhook endpoint was turned off": to the workspace's owners and admins, queued in the
// transaction that turns the endpoint off (lib/data/webhooks/worker.ts), so the endpoint is off
// and its people are told, or neither.
import type { Prisma } from "@/lib/generated/prisma/client";
import { enqueueMail } from "./outbox";
import { mailWorkspace, ownersAndAdmins } from "./recipients";

type Tx = Prisma.TransactionClient;

export async function enqueueEndpointOffMail(
  tx: Tx,
  endpoint: { id: string; url: string; workspaceId: string; disabledReason: string | null; disabledAt: Date },
): Promise<number> {
  const workspace = await mailWorkspace(tx, endpoint.workspaceId);
  if (!workspace) return 0;
  return enqueueMail(tx, "webhook_failing", await ownersAndAdmins(tx, endpoint.workspaceId), {
    workspace,
    endpoint: { id: endpoint.id, url: endpoint.url },
    reason: endpoint.disabledReason,
    disabledAt: endpoint.disabledAt.toISOString(),
  });
}
