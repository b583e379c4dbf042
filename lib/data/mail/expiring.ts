import "server-only";
// "Your key expires in 7 days / within a day", queued by the expiry sweep
// (lib/data/webhooks/once.ts, one instance at a time under its advisory lock) in the sweep's
// transaction. Once per key, expiry and warning: the row ids are made from them, so a second
// sweep, or a second instance, finds them there and queues nothing.
import type { Prisma } from "@/lib/generated/prisma/client";
import type { KeyNetwork } from "@/lib/networks/key";
import { enqueueMail } from "./outbox";
import { mailWorkspace, memberOrOwners } from "./recipients";

type Tx = Prisma.TransactionClient;

export type ExpiringKey = { id: string; name: string; network: KeyNetwork; workspaceId: string; createdById: string; expiresAt: Date };

/** `warning`: 7 for the week's notice, 1 for the last day's. */
export async function enqueueExpiringMail(tx: Tx, key: ExpiringKey, warning: 7 | 1, daysLeft: number, now: Date): Promise<number> {
  const workspace = await mailWorkspace(tx, key.workspaceId);
  if (!workspace) return 0;
  const to = await memberOrOwners(tx, key.workspaceId, key.createdById);
  return enqueueMail(
    tx,
    "key_expiring",
    to,
    { workspace, key: { id: key.id, name: key.name, network: key.network }, expiresAt: key.expiresAt.toISOString(), daysLeft },
    { onceId: `mail_expiring${warning}_${key.id}_${key.expiresAt.getTime().toString(36)}`, at: now },
  );
}
