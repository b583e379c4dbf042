// Cross-tenant IDOR: an owner of one team calls every key and team action, and the JSON keys
// route, with another team's ids (alone, or mixed with their own team's id). Each is refused,
// the other team is exactly as it was, and no audit row is written.
import { beforeAll, describe, expect, it, vi } from "vitest";

const ctx = vi.hoisted(() => ({ session: null as null | { user: { id: string; address: string } } }));
vi.mock("@/lib/auth/config", () => ({ auth: async () => ctx.session, signIn: vi.fn(), signOut: vi.fn() }));
vi.mock("next-auth", () => ({ CredentialsSignin: class extends Error {} }));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ host: "keyport.test", "x-forwarded-for": "192.0.2.1" }) }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

import * as keys from "@/app/(dashboard)/w/[slug]/api-keys/actions";
import { GET as usageRoute } from "@/app/api/keys/[keyId]/usage/route";
import { GET as keysRoute } from "@/app/api/keys/route";
import { db } from "@/lib/database/client";
import { getKeyDetail } from "@/lib/data/keys/detail";
import { invite } from "@/lib/data/workspaces/invitations";
import { requestMainnet } from "@/lib/data/mainnet/requests";
import { listTeamAudit } from "@/lib/data/audit/team-log";
import { makeKey, makeUser } from "@/test/factories";
import { makeTeam, type TestTeam } from "@/test/teams";
import * as teams from "./actions";

const form = (fields: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  return f;
};

async function snapshot(workspaceId: string) {
  const [workspace, members, invitations, apiKeys, requests, approvals] = await Promise.all([
    db.workspace.findUnique({ where: { id: workspaceId } }),
    db.membership.findMany({ where: { workspaceId }, orderBy: { id: "asc" } }),
    db.invitation.findMany({ where: { workspaceId }, orderBy: { id: "asc" } }),
    db.apiKey.findMany({ where: { workspaceId }, orderBy: { id: "asc" } }),
    db.mainnetRequest.findMany({ where: { workspaceId }, orderBy: { id: "asc" } }),
    db.workspaceApproval.findMany({ where: { workspaceId }, orderBy: { id: "asc" }, include: { signatures: true } }),
  ]);
  return { workspace, members, invitations, apiKeys, requests, approvals };
}

let mine: TestTeam;
let theirs: TestTeam;
let their: { key: string; invitation: string; request: string; approval: string };

beforeAll(async () => {
  [mine, theirs] = await Promise.all([makeTeam(), makeTeam()]);
  await makeKey(mine.owner, {}, mine.id);
  const key = await makeKey(theirs.developer, { name: "their-key" }, theirs.id);
  const sent = await invite(theirs.owner, theirs.id, (await makeUser()).address, "developer");
  const asked = await requestMainnet(theirs.owner, theirs.id, "Payouts to our sellers in USDC, weekly.");
  if (!sent.ok || !asked.ok) throw new Error("setup");
  // A pending approval of theirs (as a linked team's change would open), for the approval actions.
  const approval = await db.workspaceApproval.create({
    data: {
      workspaceId: theirs.id,
      action: "member.role_change",
      subject: "Action: Change a member's role",
      input: { action: "member.role_change", userId: theirs.viewer.id, role: "admin" },
      askedById: theirs.owner.id,
      account: theirs.owner.address,
      expiresAt: new Date(Date.now() + 3_600_000),
    },
  });
  their = { key: key.key.id, invitation: sent.data.id, request: asked.data.latest!.id, approval: approval.id };
}, 120_000);

describe("another workspace's ids", () => {
  it("are refused by every action and the JSON route, change nothing, and write no audit row", async () => {
    const x = mine.owner;
    ctx.session = { user: { id: x.id, address: x.address } };
    const before = await snapshot(theirs.id);
    const auditBefore = await db.auditEvent.count();
    const T2 = theirs.id;
    const T1 = mine.id;
    const attempts: Record<string, () => Promise<unknown>> = {};
    for (const ws of [T2, T1]) {
      const k = { workspaceId: ws, keyId: their.key };
      Object.assign(attempts, {
        [`setEnabled in ${ws}`]: () => keys.setEnabled({ ...k, enabled: false }),
        [`revoke in ${ws}`]: () => keys.revoke(k),
        [`rotate in ${ws}`]: () => keys.rotate({ ...k, overlap: "none" }),
        [`edit in ${ws}`]: () => keys.edit(null, form({ ...k, name: "pwned", description: "", scopes: "escrows:read" })),
        [`withdrawMainnet in ${ws}`]: () => keys.withdrawMainnet({ workspaceId: ws, requestId: their.request }),
        [`revokeInvitation in ${ws}`]: () => teams.revokeInvitationAction({ workspaceId: ws, invitationId: their.invitation }),
        [`changeRole in ${ws}`]: () => teams.changeRoleAction({ workspaceId: ws, userId: theirs.developer.id, role: "viewer" }),
        [`removeMember in ${ws}`]: () => teams.removeMemberAction({ workspaceId: ws, userId: theirs.developer.id }),
        [`transferOwnership in ${ws}`]: () => teams.transferOwnershipAction({ workspaceId: ws, userId: theirs.owner.id }),
      });
    }
    Object.assign(attempts, {
      requestKey: () =>
        keys.requestKey(null, form({ workspaceId: T2, network: "testnet", name: "x", scopes: "escrows:read", expiry: "never" })),
      askForMainnet: () => keys.askForMainnet(null, form({ workspaceId: T2, justification: "We want Mainnet for their team, please." })),
      renameTeam: () => teams.renameTeamAction(null, form({ workspaceId: T2, name: "Pwned" })),
      deleteTeam: () => teams.deleteTeamAction(null, form({ workspaceId: T2, confirm: theirs.slug })),
      invite: () => teams.inviteAction(null, form({ workspaceId: T2, address: x.address, role: "owner" })),
      acceptTheirInvitation: () => teams.acceptInvitationAction({ invitationId: their.invitation }),
      declineTheirInvitation: () => teams.declineInvitationAction({ invitationId: their.invitation }),
      leave: () => teams.leaveTeamAction({ workspaceId: T2 }),
      requestLink: () => teams.requestLinkAction(null, form({ workspaceId: T2, account: x.address })),
      requestUnlink: () => teams.requestUnlinkAction({ workspaceId: T2 }),
      signApproval: () => teams.signApprovalAction({ workspaceId: T2, approvalId: their.approval }),
      completeApproval: () => teams.completeApprovalAction({ workspaceId: T2, approvalId: their.approval }),
      signApprovalHere: () => teams.signApprovalAction({ workspaceId: T1, approvalId: their.approval }),
      completeApprovalHere: () => teams.completeApprovalAction({ workspaceId: T1, approvalId: their.approval }),
    });
    for (const [name, attempt] of Object.entries(attempts)) {
      const result = await attempt();
      expect(result, name).toMatchObject({ ok: false, code: expect.stringMatching(/^(not_found|not_member|not_pending)$/) });
    }
    expect((await keysRoute(new Request(`http://keyport.test/api/keys?workspace=${T2}`))).status).toBe(404);
    expect(await getKeyDetail(T1, x.id, their.key)).toBeNull();
    expect(await listTeamAudit(x.id, T2, { page: 1, pageSize: 10 })).toMatchObject({ ok: false, code: "not_found" });

    expect(await snapshot(theirs.id)).toEqual(before);
    expect(await db.auditEvent.count()).toBe(auditBefore);
  });

  it("are refused to a removed member on their next request", async () => {
    const dev = theirs.developer;
    ctx.session = { user: { id: dev.id, address: dev.address } };
    expect((await keysRoute(new Request(`http://keyport.test/api/keys?workspace=${theirs.id}`))).status).toBe(200);
    ctx.session = { user: { id: theirs.owner.id, address: theirs.owner.address } };
    expect(await teams.removeMemberAction({ workspaceId: theirs.id, userId: dev.id })).toMatchObject({ ok: true });
    ctx.session = { user: { id: dev.id, address: dev.address } };
    expect((await keysRoute(new Request(`http://keyport.test/api/keys?workspace=${theirs.id}`))).status).toBe(404);
    expect(await keys.revoke({ workspaceId: theirs.id, keyId: their.key })).toMatchObject({ ok: false, code: "not_found" });
    expect(await db.apiKey.findUniqueOrThrow({ where: { id: their.key } })).toMatchObject({ revokedAt: null, workspaceId: theirs.id });
  });

  it("show a key's usage to its team's viewer and to nobody outside the team", async () => {
    const usage = (keyId: string, range: string) =>
      usageRoute(new Request(`http://keyport.test/api/keys/${keyId}/usage?range=${range}`), { params: Promise.resolve({ keyId }) });
    ctx.session = { user: { id: theirs.viewer.id, address: theirs.viewer.address } };
    const seen = await usage(their.key, "24h");
    expect(seen.status).toBe(200);
    expect(await seen.json()).toMatchObject({ range: "24h", summary: "No requests in the last 24 hours.", chart: null, recent: [] });
    ctx.session = { user: { id: mine.owner.id, address: mine.owner.address } };
    for (const range of ["24h", "7d", "30d"]) expect((await usage(their.key, range)).status).toBe(404);
    expect((await usage(their.key, "1y")).status).toBe(400);
    expect((await usage("not an id", "24h")).status).toBe(400);
    ctx.session = null;
    expect((await usage(their.key, "24h")).status).toBe(401);
  });
});
