// @module-tag postgres
// Every role × every workspace action, allowed and refused: a refusal answers "forbidden",
// changes nothing and writes no audit row. Each case gets its own team (one member per role).
import { signed } from "@/test/step-up";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/database/client";
import { makeKey, makeUser, type TestUser } from "@/test/factories";
import { join, makeTeam, type TestTeam } from "@/test/teams";
import type { WorkspaceRole } from "@/lib/workspaces/permissions";
import { invite, revokeInvitation } from "./invitations";
import { asMember, createKey, revokeKey, rotateKey, setKeyEnabled, updateKey } from "@/lib/data/keys/lifecycle";
import { listKeys } from "@/lib/data/keys/list";
import { requestMainnet } from "@/lib/data/mainnet/requests";
import { changeRole, listMembers, removeMember } from "./members";
import { listTeamAudit } from "@/lib/data/audit/team-log";
import { deleteTeam, renameTeam, setTeamUseCase, transferOwnership } from "./teams";
import { keyInput } from "@/test/factories";

type Case = { team: TestTeam; as: TestUser; ownKey: string; othersKey: string; spare: TestUser; invitationId: string };
type Outcome = { ok: boolean; code?: string };

/** What each action does, and which roles may do it. */
const ACTIONS: Record<string, { allowed: WorkspaceRole[]; run: (c: Case) => Promise<Outcome> }> = {
  "list members": { allowed: ["owner", "admin", "developer", "viewer"], run: (c) => listMembers(c.as.id, c.team.id) },
  "read the team's audit log": {
    allowed: ["owner", "admin"],
    run: (c) => listTeamAudit(c.as.id, c.team.id, { page: 1, pageSize: 10 }),
  },
  "request a key": {
    allowed: ["owner", "admin", "developer"],
    run: (c) => signed(c.as, (s) => createKey(c.as, c.team.id, keyInput({ name: "new" }), s)),
  },
  "disable a key they created": {
    allowed: ["owner", "admin", "developer"],
    run: (c) => setKeyEnabled(asMember(c.as, c.team.id), c.ownKey, false),
  },
  "disable another member's key": {
    allowed: ["owner", "admin"],
    run: (c) => setKeyEnabled(asMember(c.as, c.team.id), c.othersKey, false),
  },
  "rename another member's key": {
    allowed: ["owner", "admin"],
    run: (c) =>
      signed(c.as, (s) => updateKey(c.as, c.team.id, c.othersKey, { name: "renamed", description: null, scopes: ["escrows:read"] }, s)),
  },
  "rotate another member's key": {
    allowed: ["owner", "admin"],
    run: (c) => signed(c.as, (s) => rotateKey(c.as, c.team.id, c.othersKey, "none", s)),
  },
  "revoke another member's key": { allowed: ["owner", "admin"], run: (c) => revokeKey(asMember(c.as, c.team.id), c.othersKey) },
  "invite a developer": { allowed: ["owner", "admin"], run: async (c) => invite(c.as, c.team.id, (await makeUser()).address, "developer") },
  "invite an owner": { allowed: ["owner"], run: async (c) => invite(c.as, c.team.id, (await makeUser()).address, "owner") },
  "revoke an invitation": { allowed: ["owner", "admin"], run: (c) => revokeInvitation(c.as, c.team.id, c.invitationId) },
  "change a viewer's role": {
    allowed: ["owner", "admin"],
    run: (c) => signed(c.as, (s) => changeRole(c.as, c.team.id, c.spare.id, "developer", s)),
  },
  "demote another owner": { allowed: ["owner"], run: (c) => signed(c.as, (s) => changeRole(c.as, c.team.id, c.spare.id, "admin", s)) },
  "remove a member": { allowed: ["owner", "admin"], run: (c) => removeMember(c.as, c.team.id, c.spare.id) },
  "ask for Mainnet": {
    allowed: ["owner", "admin"],
    run: (c) => requestMainnet(c.as, c.team.id, "Payouts to our sellers in USDC, weekly."),
  },
  "rename the team": { allowed: ["owner", "admin"], run: (c) => renameTeam(c.as, c.team.id, "Renamed team") },
  "change the team's use case": { allowed: ["owner", "admin"], run: (c) => setTeamUseCase(c.as, c.team.id, "Refunds, not payouts") },
  "transfer ownership": { allowed: ["owner"], run: (c) => transferOwnership(c.as, c.team.id, c.spare.id) },
  "delete the team": { allowed: ["owner"], run: (c) => deleteTeam(c.as, c.team.id, c.team.slug) },
};

/** Everything a refused action could have touched in the team. */
async function snapshot(workspaceId: string) {
  const [workspace, members, invitations, keys, requests, events] = await Promise.all([
    db.workspace.findUnique({ where: { id: workspaceId } }),
    db.membership.findMany({ where: { workspaceId }, orderBy: { id: "asc" } }),
    db.invitation.findMany({ where: { workspaceId }, orderBy: { id: "asc" } }),
    db.apiKey.findMany({ where: { workspaceId }, orderBy: { id: "asc" } }),
    db.mainnetRequest.count({ where: { workspaceId } }),
    db.auditEvent.count({ where: { workspaceId } }),
  ]);
  return { workspace, members, invitations, keys, requests, events };
}

async function setUp(role: WorkspaceRole, name: string): Promise<Case> {
  const team = await makeTeam();
  const as = team[role];
  // A spare member to change or remove: a viewer, or a second owner for "demote another owner".
  const spare = await makeUser();
  await join(team.owner, team.id, spare, name === "demote another owner" ? "owner" : "viewer");
  const ownKey = role === "viewer" ? (await makeKey(team.developer, {}, team.id)).key.id : (await makeKey(as, {}, team.id)).key.id;
  const othersKey = (await makeKey(role === "owner" ? team.developer : team.owner, { name: "others" }, team.id)).key.id;
  const sent = await invite(team.owner, team.id, (await makeUser()).address, "viewer");
  if (!sent.ok) throw new Error(sent.code);
  return { team, as, ownKey, othersKey, spare, invitationId: sent.data.id };
}

describe("every role × every workspace action", () => {
  for (const role of ["owner", "admin", "developer", "viewer"] as const) {
    it(`${role}: allowed actions succeed, the others are refused and change nothing`, async () => {
      for (const [name, action] of Object.entries(ACTIONS)) {
        const c = await setUp(role, name);
        // "delete the team" needs the team's keys revoked first.
        if (name === "delete the team") await db.apiKey.updateMany({ where: { workspaceId: c.team.id }, data: { revokedAt: new Date() } });
        const before = await snapshot(c.team.id);
        const result = await action.run(c);
        if (action.allowed.includes(role)) {
          expect(result, `${role} may ${name}`).toMatchObject({ ok: true });
        } else {
          expect(result, `${role} may not ${name}`).toMatchObject({ ok: false, code: "forbidden" });
          expect(await snapshot(c.team.id), `${role}: ${name} changed nothing`).toEqual(before);
        }
      }
    }, 240_000);
  }

  it("a viewer still reads the team's keys, and only the team's", async () => {
    const team = await makeTeam();
    const mine = await makeKey(team.developer, { name: "team-key" }, team.id);
    const personal = await makeKey(team.developer, { name: "personal-key" });
    const listed = (await listKeys(team.id)).map((k) => k.id);
    expect(listed).toEqual([mine.key.id]);
    expect(listed).not.toContain(personal.key.id);
    expect(await listMembers(team.viewer.id, team.id)).toMatchObject({ ok: true });
  });
});
