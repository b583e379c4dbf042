// @module-tag postgres
// The admins' Mainnet switch (Users and Workspaces tables) turns access on or off without a
// request: the workspace's endpoints get mainnet.approved / mainnet.declined (requestId null) and
// the person (a team: its owners) the Mainnet e-mail, verified as a platform and an inbox receive
// them. When the switch approves a pending request, the request's own event and e-mail go, once.
// Tagged: the outbox and both workers run between connections on a server.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

const smtp = await vi.hoisted(async () => (await import("@/test/smtp-server")).startMailTestServer());

import { db } from "@/lib/database/client";
import { requestMainnet } from "@/lib/data/mainnet/requests";
import { runMailDeliveries } from "@/lib/data/mail/worker";
import { setMainnetApproval } from "@/lib/data/users/admin";
import { setWorkspaceMainnetApproval } from "@/lib/data/workspaces/admin";
import { makeKey, makeUser, type TestUser } from "@/test/factories";
import { signed } from "@/test/step-up";
import { makeTeam } from "@/test/teams";
import { verified, webhookReceiver } from "@/test/webhook-receiver";
import { createEndpoint } from "./endpoints";
import { runWebhookDeliveries } from "./worker";

const receiver = webhookReceiver(3843);
beforeAll(() => receiver.listen());
afterAll(() => Promise.all([receiver.close(), smtp.close()]));

let n = 0;
/** A workspace's endpoint at a path of its own, and what reached it, verified with the Standard Webhooks library. */
async function hooked(owner: TestUser, workspaceId: string) {
  const path = `/mainnet/${++n}`;
  const made = await createEndpoint(owner, workspaceId, { url: receiver.url(path), events: ["mainnet.approved", "mainnet.declined"] });
  if (!made.ok) throw new Error(made.code);
  return () => receiver.at(path).map((r) => verified(made.data.secret, r));
}

async function withEmail(user: TestUser) {
  const email = `switch${++n}.${Date.now()}@example.com`;
  await db.user.update({ where: { id: user.id }, data: { email } });
  return email;
}

/** The Mainnet e-mails `email` received (withdrawing access also holds Mainnet keys, each with its own e-mail). */
const mainnetMails = (email: string) => smtp.to(email).filter((r) => /Mainnet/.test(r.mail.subject ?? ""));

async function drain() {
  while ((await runWebhookDeliveries()) + (await runMailDeliveries()) > 0);
}

describe("the admins' Mainnet switch", () => {
  it("approving and withdrawing a person's access without a request: mainnet.approved, then mainnet.declined, and an e-mail each", async () => {
    const admin = await makeUser();
    const user = await makeUser();
    const email = await withEmail(user);
    const got = await hooked(user, user.workspaceId);

    expect(await signed(admin, (s) => setMainnetApproval(admin, user.id, true, s))).toMatchObject({ ok: true });
    await drain();
    expect(got()).toMatchObject([{ type: "mainnet.approved", version: 1, data: { requestId: null } }]);
    const approved = mainnetMails(email);
    expect(approved.map((r) => r.mail.subject)).toEqual(["Keyport: Your Mainnet access is approved"]);
    expect(approved[0]!.mail.text).toContain("approved Mainnet access for your personal workspace");

    await makeKey(user, { network: "mainnet", name: "payouts" });
    expect(await signed(admin, (s) => setMainnetApproval(admin, user.id, false, s))).toMatchObject({ ok: true, data: { keysDisabled: 1 } });
    await drain();
    expect(got().map((p) => p.type)).toEqual(["mainnet.approved", "mainnet.declined"]);
    expect(got()[1]).toMatchObject({ data: { requestId: null, reason: null } });
    const withdrawn = mainnetMails(email)[1]!.mail;
    expect(withdrawn.subject).toBe("Keyport: Your Mainnet access was withdrawn");
    expect(withdrawn.text).toContain("Its Mainnet keys are disabled");

    // Switching to where it already is changes nothing and tells nobody.
    expect(await signed(admin, (s) => setMainnetApproval(admin, user.id, false, s))).toMatchObject({ ok: true });
    await drain();
    expect(got()).toHaveLength(2);
    expect(mainnetMails(email)).toHaveLength(2);
  });

  it("approving a pending request with the switch sends the request's approval once, not a second one", async () => {
    const admin = await makeUser();
    const user = await makeUser();
    const email = await withEmail(user);
    const got = await hooked(user, user.workspaceId);
    const asked = await requestMainnet(user, user.workspaceId, "We pay out escrows to sellers on Mainnet every day.");
    if (!asked.ok) throw new Error(asked.code);
    const request = await db.mainnetRequest.findFirstOrThrow({ where: { workspaceId: user.workspaceId }, select: { id: true } });

    expect(await signed(admin, (s) => setMainnetApproval(admin, user.id, true, s))).toMatchObject({ ok: true });
    await drain();
    expect(got()).toMatchObject([{ type: "mainnet.approved", data: { requestId: request.id } }]);
    expect(smtp.to(email).map((r) => r.mail.subject)).toEqual(["Keyport: Your Mainnet access is approved"]);
    expect(smtp.to(email)[0]!.mail.text).toContain("approved the Mainnet request for");
  });

  it("a team switched on and off from the Workspaces table: its endpoints, and its owners by e-mail", async () => {
    const admin = await makeUser();
    const team = await makeTeam();
    const ownerEmail = await withEmail(team.owner);
    const developerEmail = await withEmail(team.developer);
    const got = await hooked(team.owner, team.id);

    // Drained in between: the worker sends a round's deliveries at once, in no set order.
    expect(await signed(admin, (s) => setWorkspaceMainnetApproval(admin, team.id, true, s))).toMatchObject({ ok: true });
    await drain();
    expect(await signed(admin, (s) => setWorkspaceMainnetApproval(admin, team.id, false, s))).toMatchObject({ ok: true });
    await drain();
    expect(got().map((p) => [p.type, (p.workspace as { id: string }).id])).toEqual([
      ["mainnet.approved", team.id],
      ["mainnet.declined", team.id],
    ]);
    expect(smtp.to(ownerEmail).map((r) => r.mail.subject)).toEqual([
      "Keyport: Your Mainnet access is approved",
      "Keyport: Your Mainnet access was withdrawn",
    ]);
    expect(smtp.to(ownerEmail)[0]!.mail.text).toContain(`the team Team ${team.slug}`);
    expect(smtp.to(developerEmail)).toHaveLength(0);
  });
});
