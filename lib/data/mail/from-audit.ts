import "server-only";
// The e-mail of an audited change (lib/mail/from-audit.ts says which), queued in the change's
// own transaction by audit() (lib/data/audit/write.ts) and by the leak quarantine, which
// writes its audit rows in bulk. Changes that send no mail cost one map lookup.
import type { AuditAction } from "@/lib/audit/actions";
import { env } from "@/lib/core/env";
import type { Prisma } from "@/lib/generated/prisma/client";
import { mailKindOf, mainnetDecisionOf } from "@/lib/mail/from-audit";
import { ROLE_LABELS } from "@/lib/workspaces/permissions";
import { enqueueMail } from "./outbox";
import { mailWorkspace, mailWorkspaceSelect, memberOrOwners } from "./recipients";

type Tx = Prisma.TransactionClient;

const str = (v: unknown) => (typeof v === "string" ? v : null);

export async function recordAuditMail(
  tx: Tx,
  action: AuditAction,
  target: { type: string; id: string; workspaceId?: string },
  details: unknown,
): Promise<number> {
  const kind = mailKindOf(action);
  if (!kind || !env.mailEnabled) return 0;
  const facts = details && typeof details === "object" && !Array.isArray(details) ? (details as Record<string, unknown>) : {};

  if (kind === "key_disabled" || kind === "key_leaked") {
    const key = await tx.apiKey.findUnique({
      where: { id: target.id },
      select: { id: true, name: true, network: true, workspaceId: true, createdById: true, workspace: { select: mailWorkspaceSelect } },
    });
    if (!key) return 0;
    const to = await memberOrOwners(tx, key.workspaceId, key.createdById);
    const ref = { workspace: key.workspace, key: { id: key.id, name: key.name, network: key.network } };
    return kind === "key_disabled"
      ? enqueueMail(tx, kind, to, { ...ref, reason: str(facts.reason) })
      : enqueueMail(tx, kind, to, { ...ref, url: str(facts.url), source: str(facts.source) });
  }

  if (kind === "mainnet_decided") {
    const { decision, bySwitch } = mainnetDecisionOf(action);
    // The switch approved a pending request: the request's approval, in this transaction, mailed them.
    if (bySwitch && str(facts.requestId)) return 0;
    const workspace = target.workspaceId && (await mailWorkspace(tx, target.workspaceId));
    if (!workspace) return 0;
    // A team's switch names the workspace, not a person: its owners are told.
    const to = await memberOrOwners(tx, target.workspaceId!, target.id);
    return enqueueMail(tx, kind, to, { workspace, decision, reason: str(facts.reason), ...(bySwitch ? { bySwitch } : {}) });
  }

  // An invitation: to the invited address's account, if it has one (with an e-mail address).
  const invitation = await tx.invitation.findUnique({
    where: { id: target.id },
    select: {
      address: true,
      role: true,
      expiresAt: true,
      workspace: { select: mailWorkspaceSelect },
      invitedBy: { select: { address: true, name: true } },
    },
  });
  const invitee = invitation && (await tx.user.findUnique({ where: { address: invitation.address }, select: { id: true } }));
  if (!invitation || !invitee) return 0;
  return enqueueMail(tx, "invitation", [invitee.id], {
    workspace: invitation.workspace,
    role: ROLE_LABELS[invitation.role],
    invitedBy: invitation.invitedBy,
    expiresAt: invitation.expiresAt.toISOString(),
  });
}
