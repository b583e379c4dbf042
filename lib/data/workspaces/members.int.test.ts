// @module-tag postgres
// Invitations (accept, decline, revoke, expire, wrong address), the last-owner rules (one at a
// time and in parallel) and member removal, with the keys a member made staying with the team.
import { signed } from "@/test/step-up";
import { describe, expect, it } from "vitest";
import { checkKey } from "@/lib/api/key-auth";
import { db } from "@/lib/database/client";
import { makeKey, makeUser } from "@/test/factories";
import { join, makeTeam } from "@/test/teams";
import { INVITATION_TTL_MS } from "@/lib/workspaces/permissions";
import { answerInvitation, invite, listInvitations, listMyInvitations, revokeInvitation } from "./invitations";
import { asMember, setKeyEnabled } from "../keys/lifecycle";
import { changeRole, leaveWorkspace, removeMember } from "./members";
import { createTeam, MAX_OWNED_TEAMS, transferOwnership } from "./teams";
import { requireMember } from "./access";

const memberCount = (workspaceId: string) => db.membership.count({ where: { workspaceId } });

describe("invitations", () => {
  it("wait for the invited address, which accepts and becomes a member with the role", async () => {
    const team = await makeTeam();
    const bob = await makeUser();
    const sent = await invite(team.owner, team.id, bob.address, "developer");
    expect(sent).toMatchObject({ ok: true, data: { address: bob.address, role: "developer" } });
    if (!sent.ok) return;
    expect(new Date(sent.data.expiresAt).getTime() - Date.now()).toBeGreaterThan(INVITATION_TTL_MS - 60_000);
    expect((await listMyInvitations(bob.address)).map((i) => i.workspace.id)).toEqual([team.id]);
    expect(await requireMember(bob.id, { id: team.id }, "read")).toMatchObject({ ok: false, code: "not_found" });
    expect(await answerInvitation(bob, sent.data.id, "accept")).toMatchObject({ ok: true, data: { id: team.id } });
    expect(await requireMember(bob.id, { id: team.id }, "keys.create")).toMatchObject({ ok: true, member: { role: "developer" } });
    expect(await listMyInvitations(bob.address)).toEqual([]);
    // Used once: a second answer finds nothing open.
    expect(await answerInvitation(bob, sent.data.id, "accept")).toMatchObject({ ok: false, code: "not_pending" });
    const events = await db.auditEvent.findMany({ where: { workspaceId: team.id, action: { startsWith: "member.invite" } } });
    expect(events.map((e) => e.action).sort()).toContain("member.invite_accept");
  }, 60_000);

  it("can be accepted only by the invited address", async () => {
    const team = await makeTeam();
    const [bob, mallory] = await Promise.all([makeUser(), makeUser()]);
    const sent = await invite(team.owner, team.id, bob.address, "admin");
    if (!sent.ok) throw new Error(sent.code);
    expect(await answerInvitation(mallory, sent.data.id, "accept")).toMatchObject({ ok: false, code: "not_pending" });
    expect(await answerInvitation(mallory, sent.data.id, "decline")).toMatchObject({ ok: false, code: "not_pending" });
    expect(await requireMember(mallory.id, { id: team.id }, "read")).toMatchObject({ ok: false });
    expect(await listMyInvitations(mallory.address)).toEqual([]);
    // Still open for Bob.
    expect(await answerInvitation(bob, sent.data.id, "accept")).toMatchObject({ ok: true });
  });

  it("can be declined, and revoked while open; then it cannot be accepted", async () => {
    const team = await makeTeam();
    const [bob, carol] = await Promise.all([makeUser(), makeUser()]);
    const toBob = await invite(team.admin, team.id, bob.address, "viewer");
    const toCarol = await invite(team.owner, team.id, carol.address, "developer");
    if (!toBob.ok || !toCarol.ok) throw new Error("invite");
    expect(await answerInvitation(bob, toBob.data.id, "decline")).toMatchObject({ ok: true });
    expect(await answerInvitation(bob, toBob.data.id, "accept")).toMatchObject({ ok: false, code: "not_pending" });
    expect(await revokeInvitation(team.admin, team.id, toCarol.data.id)).toMatchObject({ ok: true });
    expect(await revokeInvitation(team.admin, team.id, toCarol.data.id)).toMatchObject({ ok: false, code: "not_pending" });
    expect(await answerInvitation(carol, toCarol.data.id, "accept")).toMatchObject({ ok: false, code: "not_pending" });
    expect(await memberCount(team.id)).toBe(4);
    const open = await listInvitations(team.owner.id, team.id);
    expect(open.ok && open.data.map((i) => i.id)).toEqual([]);
  });

  it("expire after 7 days", async () => {
    const team = await makeTeam();
    const bob = await makeUser();
    const sent = await invite(team.owner, team.id, bob.address, "developer");
    if (!sent.ok) throw new Error(sent.code);
    await db.invitation.update({ where: { id: sent.data.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await listMyInvitations(bob.address)).toEqual([]);
    expect(await answerInvitation(bob, sent.data.id, "accept")).toMatchObject({ ok: false, code: "not_pending" });
    expect(await requireMember(bob.id, { id: team.id }, "read")).toMatchObject({ ok: false });
    // An expired invitation does not block a new one.
    expect(await invite(team.owner, team.id, bob.address, "developer")).toMatchObject({ ok: true });
  });

  it("refuses a member, a second open invitation, and personal workspaces", async () => {
    const team = await makeTeam();
    const bob = await makeUser();
    expect(await invite(team.owner, team.id, team.viewer.address, "admin")).toMatchObject({ ok: false, code: "already_member" });
    expect(await invite(team.owner, team.id, bob.address, "viewer")).toMatchObject({ ok: true });
    expect(await invite(team.owner, team.id, bob.address, "admin")).toMatchObject({ ok: false, code: "already_invited" });
    expect(await invite(bob, bob.workspaceId, team.owner.address, "viewer")).toMatchObject({ ok: false, code: "personal" });
  });

  it("20 parallel accepts of one invitation make exactly one membership", async () => {
    const team = await makeTeam();
    const bob = await makeUser();
    const sent = await invite(team.owner, team.id, bob.address, "developer");
    if (!sent.ok) throw new Error(sent.code);
    const results = await Promise.all(Array.from({ length: 20 }, () => answerInvitation(bob, sent.data.id, "accept")));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(await db.membership.count({ where: { workspaceId: team.id, userId: bob.id } })).toBe(1);
  });
});

describe("the last owner", () => {
  it("cannot leave, be removed or be demoted; with a second owner, one of them can", async () => {
    const team = await makeTeam();
    expect(await leaveWorkspace(team.owner, team.id)).toMatchObject({ ok: false, code: "last_owner" });
    expect(await signed(team.owner, (s) => changeRole(team.owner, team.id, team.owner.id, "admin", s))).toMatchObject({
      ok: false,
      code: "last_owner",
    });
    expect(await removeMember(team.owner, team.id, team.owner.id)).toMatchObject({ ok: false, code: "last_owner" });
    expect(await removeMember(team.admin, team.id, team.owner.id)).toMatchObject({ ok: false, code: "forbidden" });
    expect(await signed(team.owner, (s) => changeRole(team.owner, team.id, team.admin.id, "owner", s))).toMatchObject({ ok: true });
    expect(await signed(team.owner, (s) => changeRole(team.owner, team.id, team.owner.id, "developer", s))).toMatchObject({ ok: true });
    expect(await leaveWorkspace(team.admin, team.id)).toMatchObject({ ok: false, code: "last_owner" });
  });

  it("two owners demoting each other, or both leaving, at once: exactly one succeeds, the team keeps an owner", async () => {
    for (let round = 0; round < 4; round++) {
      const team = await makeTeam();
      await signed(team.owner, (s) => changeRole(team.owner, team.id, team.admin.id, "owner", s));
      const [a, b] = [team.owner, team.admin];
      const results = await Promise.all(
        round % 2
          ? [leaveWorkspace(a, team.id), leaveWorkspace(b, team.id)]
          : [
              signed(a, (s) => changeRole(a, team.id, b.id, "developer", s)),
              signed(b, (s) => changeRole(b, team.id, a.id, "developer", s)),
            ],
      );
      expect(
        results.filter((r) => r.ok),
        `round ${round}`,
      ).toHaveLength(1);
      expect(
        results.find((r) => !r.ok),
        `round ${round}`,
      ).toMatchObject({ ok: false, code: expect.stringMatching(/^(last_owner|forbidden|not_found)$/) });
      expect(await db.membership.count({ where: { workspaceId: team.id, role: "owner" } })).toBe(1);
    }
  });

  it("can hand the team over: the new owner may then demote the old one", async () => {
    const team = await makeTeam();
    expect(await transferOwnership(team.owner, team.id, team.developer.id)).toMatchObject({ ok: true });
    expect(await requireMember(team.owner.id, { id: team.id }, "workspace.delete")).toMatchObject({ ok: false, code: "forbidden" });
    expect(await requireMember(team.developer.id, { id: team.id }, "workspace.delete")).toMatchObject({ ok: true });
    expect(await leaveWorkspace(team.owner, team.id)).toMatchObject({ ok: true });
  });
});

describe("removing a member", () => {
  it("ends their access on their next request; the keys they made stay with the team and keep working", async () => {
    const team = await makeTeam();
    const { key, plaintext } = await makeKey(team.developer, { name: "made-by-dev" }, team.id);
    expect(await removeMember(team.admin, team.id, team.developer.id)).toMatchObject({ ok: true });
    expect(await requireMember(team.developer.id, { id: team.id }, "read")).toMatchObject({ ok: false, code: "not_found" });
    expect(await setKeyEnabled(asMember(team.developer, team.id), key.id, false)).toMatchObject({ ok: false, code: "not_found" });
    const check = await checkKey(plaintext);
    expect(check).toMatchObject({ ok: true, key: { workspace: { id: team.id }, createdBy: { address: team.developer.address } } });
    expect(await db.apiKey.findUniqueOrThrow({ where: { id: key.id } })).toMatchObject({
      workspaceId: team.id,
      createdById: team.developer.id,
    });
    // The team still manages it.
    expect(await setKeyEnabled(asMember(team.admin, team.id), key.id, false)).toMatchObject({ ok: true });
  });

  it("8 parallel team creations two short of the cap: exactly 2 teams more, the rest refused", async () => {
    const owner = await makeUser();
    const stamp = Date.now().toString(36);
    const create = (i: number) => createTeam(owner, { name: `Cap ${i}`, slug: `cap-${stamp}-${i}` });
    for (let i = 0; i < MAX_OWNED_TEAMS - 2; i++) expect(await create(i)).toMatchObject({ ok: true });
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => create(100 + i)));
    expect(results.filter((r) => r.ok)).toHaveLength(2);
    expect(results.filter((r) => !r.ok && r.code === "too_many_teams")).toHaveLength(6);
    expect(await db.membership.count({ where: { userId: owner.id, role: "owner", workspace: { personal: false } } })).toBe(MAX_OWNED_TEAMS);
  });

  it("a removed member can be invited again", async () => {
    const owner = await makeUser();
    const made = await createTeam(owner, { name: "Acme", slug: `acme-${Date.now()}` });
    if (!made.ok) throw new Error(made.code);
    const bob = await makeUser();
    await join(owner, made.data.id, bob, "viewer");
    expect(await removeMember(owner, made.data.id, bob.id)).toMatchObject({ ok: true });
    await join(owner, made.data.id, bob, "developer");
    expect(await requireMember(bob.id, { id: made.data.id }, "keys.create")).toMatchObject({ ok: true });
  });
});
