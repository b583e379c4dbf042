// @module-tag postgres
// An invitation is only as good as its sender's right to send it: removed, departed or demoted
// senders take their open invitations with them, and accepting re-checks the sender's role.
import { signed } from "@/test/step-up";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/database/client";
import { makeUser } from "@/test/factories";
import { join, makeTeam } from "@/test/teams";
import { answerInvitation, invite, listInvitations, listMyInvitations } from "./invitations";
import { changeRole, leaveWorkspace, removeMember } from "./members";
import { transferOwnership } from "./teams";
import { findMember } from "./access";

async function sent(...args: Parameters<typeof invite>) {
  const r = await invite(...args);
  if (!r.ok) throw new Error(`invite: ${r.code}`);
  return r.data;
}

describe("an invitation and its sender", () => {
  it("a team admin invites an admin and is removed: the invitee cannot accept afterwards", async () => {
    const team = await makeTeam();
    const invitee = await makeUser();
    const invitation = await sent(team.admin, team.id, invitee.address, "admin");

    expect(await removeMember(team.owner, team.id, team.admin.id)).toMatchObject({ ok: true });
    expect(await listMyInvitations(invitee.address)).toEqual([]);
    expect(await answerInvitation(invitee, invitation.id, "accept")).toMatchObject({ ok: false, code: "not_pending" });
    expect(await findMember(invitee.id, { id: team.id })).toBeNull();
    const revoked = await db.auditEvent.findFirstOrThrow({ where: { targetId: invitation.id, action: "member.invite_revoke" } });
    expect(revoked).toMatchObject({ actorId: team.owner.id, details: { address: invitee.address, reason: "Its sender left the team" } });
  });

  it("a sender who leaves, or is demoted below the role they invited as, takes those invitations with them", async () => {
    const team = await makeTeam();
    const [a, b, c] = await Promise.all([makeUser(), makeUser(), makeUser()]);
    await sent(team.admin, team.id, a.address, "developer");
    // The admin becomes a developer: developers invite nobody.
    expect(await signed(team.owner, (s) => changeRole(team.owner, team.id, team.admin.id, "developer", s))).toMatchObject({ ok: true });
    expect(await listMyInvitations(a.address)).toEqual([]);

    // A second owner invites an owner and a viewer, then is demoted to admin: only the owner invitation goes.
    const second = await makeUser();
    await join(team.owner, team.id, second, "owner");
    await sent(second, team.id, b.address, "owner");
    await sent(second, team.id, c.address, "viewer");
    expect(await signed(team.owner, (s) => changeRole(team.owner, team.id, second.id, "admin", s))).toMatchObject({ ok: true });
    expect(await listMyInvitations(b.address)).toEqual([]);
    expect(await listMyInvitations(c.address)).toHaveLength(1);

    // The viewer invitation's sender leaves: it goes too.
    expect(await leaveWorkspace(second, team.id)).toMatchObject({ ok: true });
    expect(await listMyInvitations(c.address)).toEqual([]);
    const open = await listInvitations(team.owner.id, team.id);
    expect(open.ok && open.data).toEqual([]);
  });

  it("an owner who hands the team over keeps only the invitations an admin may send", async () => {
    const team = await makeTeam();
    const [a, b] = await Promise.all([makeUser(), makeUser()]);
    await sent(team.owner, team.id, a.address, "owner");
    await sent(team.owner, team.id, b.address, "developer");
    expect(await transferOwnership(team.owner, team.id, team.admin.id)).toMatchObject({ ok: true });
    expect(await listMyInvitations(a.address)).toEqual([]);
    expect(await listMyInvitations(b.address)).toHaveLength(1);
  });

  it("accepting re-checks the sender's role, even when the membership went some other way", async () => {
    const team = await makeTeam();
    const invitee = await makeUser();
    const invitation = await sent(team.admin, team.id, invitee.address, "admin");
    // As a cascade would (the sender's account deleted): no member change ran to revoke it.
    await db.membership.delete({ where: { workspaceId_userId: { workspaceId: team.id, userId: team.admin.id } } });

    const answer = await answerInvitation(invitee, invitation.id, "accept");
    expect(answer).toMatchObject({ ok: false, code: "not_pending" });
    expect(!answer.ok && answer.message).toContain("can no longer invite you as Admin");
    expect(await findMember(invitee.id, { id: team.id })).toBeNull();
    // Revoked for good: a second try reads as closed, and the invitee's list no longer shows it.
    expect(await db.invitation.findUniqueOrThrow({ where: { id: invitation.id } })).toMatchObject({ revokedAt: expect.any(Date) });
    expect(await listMyInvitations(invitee.address)).toEqual([]);
  });

  it("a removal and an accept at once: the invitee is a member only if the accept came first", async () => {
    const outcomes = await Promise.all(
      Array.from({ length: 8 }, async () => {
        const team = await makeTeam();
        const invitee = await makeUser();
        const invitation = await sent(team.admin, team.id, invitee.address, "admin");
        const [accepted] = await Promise.all([
          answerInvitation(invitee, invitation.id, "accept"),
          removeMember(team.owner, team.id, team.admin.id),
        ]);
        const events = await db.auditEvent.findMany({
          where: { workspaceId: team.id, OR: [{ targetId: invitation.id, action: "member.invite_accept" }, { action: "member.remove" }] },
          orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        });
        const member = await findMember(invitee.id, { id: team.id });
        return { accepted: accepted.ok, member: !!member, order: events.map((e) => e.action) };
      }),
    );
    for (const o of outcomes) {
      expect(o.member).toBe(o.accepted);
      if (o.accepted) expect(o.order).toEqual(["member.invite_accept", "member.remove"]);
      else expect(o.order).toEqual(["member.remove"]);
    }
  });
});
