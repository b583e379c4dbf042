// @module-tag postgres
// Multisig teams against a Horizon stand-in served over HTTP: linking needs the account's high
// threshold, a 2-of-3 team's Mainnet key needs two of its signers, signers removed on the network
// or from the team stop counting at completion, every receipt verifies offline, and parallel
// completions make exactly one change (locks between connections on PostgreSQL).
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.SEP10_NETWORK = "testnet";
  process.env.HORIZON_URL_TESTNET = "http://127.0.0.1:3710";
});

import { Keypair } from "@stellar/stellar-sdk";
import { db } from "@/lib/database/client";
import { createKey, rotateKey } from "@/lib/data/keys/lifecycle";
import { changeRole, removeMember } from "@/lib/data/workspaces/members";
import { checkSignedReceipt } from "@/lib/wallets/receipt-check";
import { exportedReceiptSchema } from "@/lib/validation/receipt";
import type { StepUpRecord } from "@/lib/data/step-up/gate";
import { keyInput, makeKey, makeUser, type TestUser } from "@/test/factories";
import { bearerFor, horizonStandIn } from "@/test/sep10";
import { askOf, keypairOf, signAsk, signed } from "@/test/step-up";
import { join, makeTeam, type TestTeam } from "@/test/teams";
import { planeFetch } from "@/test/plane";
import { upsertUserOnSignIn } from "@/lib/data/users/account";
import { completeApproval, listApprovals, requestLink, requestUnlink, signApproval } from "./approvals";

const horizon = horizonStandIn(3710);
beforeAll(() => horizon.listen());
afterAll(() => horizon.close());
beforeEach(() => {
  horizon.state.mode = "up";
});

const mainnetKey = (name = "payouts-live") => keyInput({ network: "mainnet", name });

/** Signs approval `id` of `team` as `user`, as their browser does: ask, sign in the wallet, send the proof. */
async function cosign(team: TestTeam, user: TestUser, id: string, wallet = "freighter") {
  const ask = askOf(await signApproval(user, team.id, id, { wallet }));
  return signApproval(user, team.id, id, signAsk(ask, keypairOf(user.address)));
}

/** A team whose owner, admin and developer are the three signers (weight 1 each) of a 2-of-3 account. */
async function multisigTeam(opts: { link?: boolean } = {}) {
  const team = await makeTeam();
  await db.workspace.update({ where: { id: team.id }, data: { mainnetApproved: true } });
  const account = Keypair.random().publicKey();
  horizon.accounts.set(account, {
    thresholds: [1, 2, 2],
    signers: [team.owner, team.admin, team.developer].map((u) => ({ key: u.address, weight: 1 })),
  });
  if (opts.link !== false) {
    const asked = await requestLink(team.owner, team.id, account);
    if (!asked.ok) throw new Error(`requestLink: ${asked.code}`);
    await cosign(team, team.owner, asked.data.approvalId);
    const done = await cosign(team, team.admin, asked.data.approvalId);
    if (!done.ok || !done.data.completed) throw new Error(`link: ${JSON.stringify(done)}`);
  }
  return { team, account };
}

const linkedOf = async (id: string) => (await db.workspace.findUniqueOrThrow({ where: { id } })).linkedAccount;
const approvalIdOf = (r: unknown) => {
  const id = (r as { approvalId?: string }).approvalId;
  if (!id) throw new Error(`Expected a pending approval, got ${JSON.stringify(r)}`);
  return id;
};
const mainnetKeys = (workspaceId: string) => db.apiKey.count({ where: { workspaceId, network: "mainnet" } });

/** Every receipt the audit event keeps verifies offline, and they are signed by exactly `signers`. */
function expectVerifiedOffline(record: StepUpRecord, signers: TestUser[]) {
  const all = [record, ...(record.cosigners ?? [])];
  for (const r of all) expect(checkSignedReceipt(r)).toMatchObject({ valid: true, signer: r.signer });
  expect(all.map((r) => r.signer).sort()).toEqual(signers.map((s) => s.address).sort());
  // The whole record too, as /verify-receipt and scripts/verify-receipt.ts read an exported event.
  const parsed = exportedReceiptSchema.parse({ stepUp: JSON.parse(JSON.stringify(record)) });
  expect(checkSignedReceipt(parsed)).toMatchObject({ valid: true, cosigners: record.cosigners!.map((c) => c.signer) });
  // A co-signer's receipt from another approval, or one tampered with, fails the whole record.
  const [other] = record.cosigners!;
  const tampered = { ...parsed, cosigners: [{ ...other!, receipt: other!.receipt.replace(/^Approval: .+$/m, "Approval: cother") }] };
  expect(checkSignedReceipt(tampered)).toMatchObject({ valid: false });
  expect(checkSignedReceipt({ ...parsed, cosigners: [parsed] })).toMatchObject({ valid: false, reason: expect.stringMatching(/twice/) });
}

describe("linking a team to a Stellar account", () => {
  it("needs signatures meeting the account's high threshold: one of a 2-of-3 is not enough, two are", async () => {
    const { team, account } = await multisigTeam({ link: false });
    const asked = await requestLink(team.owner, team.id, account);
    expect(asked).toMatchObject({ ok: true });
    const id = asked.ok ? asked.data.approvalId : "";
    expect(await cosign(team, team.owner, id)).toMatchObject({ ok: true, data: { weight: 1, required: 2, missing: 1, completed: false } });
    expect(await linkedOf(team.id)).toBeNull();
    expect(await cosign(team, team.developer, id, "rabet")).toMatchObject({ ok: true, data: { missing: 0, completed: true } });
    expect(await linkedOf(team.id)).toBe(account);

    const event = await db.auditEvent.findFirstOrThrow({ where: { workspaceId: team.id, action: "workspace.link" } });
    expect(event.details).toMatchObject({ account });
    expectVerifiedOffline(event.stepUp as StepUpRecord, [team.owner, team.developer]);
    expect((event.stepUp as StepUpRecord).multisig).toMatchObject({ account, required: 2, weight: 2 });
  });

  it("is for owners, of an account that exists, whose member signers can meet its threshold", async () => {
    const { team, account } = await multisigTeam({ link: false });
    expect(await requestLink(team.admin, team.id, account)).toMatchObject({ ok: false, code: "forbidden" });
    expect(await requestLink(team.owner, team.id, Keypair.random().publicKey())).toMatchObject({ ok: false, code: "account_not_found" });
    const lonely = Keypair.random().publicKey();
    horizon.accounts.set(lonely, { thresholds: [1, 2, 2], signers: [{ key: team.owner.address, weight: 1 }] });
    expect(await requestLink(team.owner, team.id, lonely)).toMatchObject({
      ok: false,
      code: "not_a_signer",
      message: expect.stringMatching(/weigh 1 .* needs 2/),
    });
    horizon.state.mode = "error";
    expect(await requestLink(team.owner, team.id, account)).toMatchObject({ ok: false, code: "horizon_unavailable" });
    const personal = await makeUser();
    horizon.state.mode = "up";
    expect(await requestLink(personal, personal.workspaceId, account)).toMatchObject({ ok: false, code: "personal" });
  });

  it("unlinking needs the threshold too, and audits it", async () => {
    const { team, account } = await multisigTeam();
    const asked = await requestUnlink(team.owner, team.id);
    const id = asked.ok ? asked.data.approvalId : "";
    await cosign(team, team.admin, id);
    expect(await linkedOf(team.id)).toBe(account);
    expect(await cosign(team, team.developer, id)).toMatchObject({ ok: true, data: { completed: true } });
    expect(await linkedOf(team.id)).toBeNull();
    const event = await db.auditEvent.findFirstOrThrow({ where: { workspaceId: team.id, action: "workspace.unlink" } });
    expectVerifiedOffline(event.stepUp as StepUpRecord, [team.admin, team.developer]);
    // Unlinked: one member's own signature is enough again.
    expect(await signed(team.developer, (s) => createKey(team.developer, team.id, mainnetKey(), s))).toMatchObject({ ok: true });
  });
});

describe("a linked 2-of-3 team", () => {
  it("a Mainnet key needs two of its signers; the asker completes it, sees the key once, and both receipts verify offline", async () => {
    const { team } = await multisigTeam();
    // The member's own signature no longer suffices: the change waits in a pending approval.
    const first = await signed(team.developer, (s) => createKey(team.developer, team.id, mainnetKey(), s));
    expect(first).toMatchObject({ ok: false, code: "step_up_required", message: expect.stringMatching(/Pending approvals/) });
    const id = approvalIdOf(first);
    // Asking the same again finds the same approval, not a second one.
    expect(approvalIdOf(await createKey(team.developer, team.id, mainnetKey()))).toBe(id);
    expect(await mainnetKeys(team.id)).toBe(0);

    expect(await cosign(team, team.developer, id)).toMatchObject({ ok: true, data: { weight: 1, missing: 1 } });
    expect(await completeApproval(team.developer, team.id, id)).toMatchObject({
      ok: false,
      code: "step_up_required",
      message: expect.stringMatching(/1 more/),
    });
    expect(await signApproval(team.developer, team.id, id, { wallet: "freighter" })).toMatchObject({ ok: false, code: "already_signed" });

    const view = await listApprovals(team.admin, team.id);
    expect(view).toMatchObject({
      ok: true,
      data: { approvals: [{ id, action: "key.create", canSign: true, canComplete: false, tally: { weight: 1, required: 2, missing: 1 } }] },
    });
    if (view.ok) expect(view.data.approvals[0]!.lines).toContain('Key name: "payouts-live"');

    // A signature completes nothing that shows a secret: the asker finishes it and gets the key once.
    expect(await cosign(team, team.admin, id, "rabet")).toMatchObject({ ok: true, data: { missing: 0, completed: false } });
    expect(await completeApproval(team.admin, team.id, id)).toMatchObject({ ok: false, code: "forbidden" });
    const done = await completeApproval(team.developer, team.id, id);
    expect(done).toMatchObject({ ok: true, data: { action: "key.create", plaintext: expect.stringMatching(/^kp_live_/) } });
    expect(await mainnetKeys(team.id)).toBe(1);
    expect(await completeApproval(team.developer, team.id, id)).toMatchObject({ ok: false, code: "approval_closed" });

    const event = await db.auditEvent.findFirstOrThrow({ where: { workspaceId: team.id, action: "key.create" } });
    expect(event.actorId).toBe(team.developer.id);
    expectVerifiedOffline(event.stepUp as StepUpRecord, [team.developer, team.admin]);
    expect((await listApprovals(team.owner, team.id)).ok && (await listApprovals(team.owner, team.id))).toMatchObject({
      data: { approvals: [] },
    });
  });

  it("members who are not signers cannot sign; a signature made for another approval does not count", async () => {
    const { team } = await multisigTeam();
    const a = approvalIdOf(await createKey(team.developer, team.id, mainnetKey("a")));
    const b = approvalIdOf(await createKey(team.developer, team.id, mainnetKey("b")));
    expect(await signApproval(team.viewer, team.id, a, { wallet: "freighter" })).toMatchObject({ ok: false, code: "not_a_signer" });
    const outsider = await makeUser();
    expect(await signApproval(outsider, team.id, a, { wallet: "freighter" })).toMatchObject({ ok: false, code: "not_found" });
    const ask = askOf(await signApproval(team.admin, team.id, a, { wallet: "freighter" }));
    expect(await signApproval(team.admin, team.id, b, signAsk(ask, keypairOf(team.admin.address)))).toMatchObject({
      ok: false,
      code: "step_up_required",
    });
    // Another key signing the admin's receipt is refused too.
    const again = askOf(await signApproval(team.admin, team.id, a, { wallet: "freighter" }));
    expect(await signApproval(team.admin, team.id, a, signAsk(again, Keypair.random()))).toMatchObject({
      ok: false,
      code: "step_up_required",
    });
    expect(await db.approvalSignature.count({ where: { approvalId: { in: [a, b] } } })).toBe(0);
  });

  it("a signer removed on the network no longer counts at completion (Horizon is read again)", async () => {
    const { team, account } = await multisigTeam();
    const id = approvalIdOf(await rotateKey(team.developer, team.id, (await makeKeyIn(team)).id, "none"));
    await cosign(team, team.developer, id);
    await cosign(team, team.admin, id);
    horizon.accounts.set(account, {
      thresholds: [1, 2, 2],
      signers: [team.owner, team.developer].map((u) => ({ key: u.address, weight: 1 })),
    });
    expect(await completeApproval(team.developer, team.id, id)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/weigh 1 of the 2/),
    });
    expect(await cosign(team, team.owner, id)).toMatchObject({ ok: true, data: { missing: 0 } });
    expect(await completeApproval(team.developer, team.id, id)).toMatchObject({ ok: true, data: { action: "key.rotate" } });
    horizon.state.mode = "cut";
    const other = approvalIdOf(await rotateKey(team.developer, team.id, (await makeKeyIn(team)).id, "none"));
    expect(await completeApproval(team.developer, team.id, other)).toMatchObject({ ok: false, code: "horizon_unavailable" });
  });

  it("a signer who left the team no longer counts", async () => {
    const { team } = await multisigTeam();
    const id = approvalIdOf(await createKey(team.developer, team.id, mainnetKey()));
    await cosign(team, team.developer, id);
    await cosign(team, team.admin, id);
    expect(await removeMember(team.owner, team.id, team.admin.id)).toMatchObject({ ok: true });
    expect(await completeApproval(team.developer, team.id, id)).toMatchObject({ ok: false, message: expect.stringMatching(/1 more/) });
    expect(await mainnetKeys(team.id)).toBe(0);
  });

  it("a role change completes by itself when the weight is met, as the member who asked", async () => {
    const { team } = await multisigTeam();
    const id = approvalIdOf(await changeRole(team.owner, team.id, team.viewer.id, "admin"));
    await cosign(team, team.admin, id);
    expect((await db.membership.findFirstOrThrow({ where: { workspaceId: team.id, userId: team.viewer.id } })).role).toBe("viewer");
    expect(await cosign(team, team.developer, id)).toMatchObject({ ok: true, data: { completed: true } });
    expect((await db.membership.findFirstOrThrow({ where: { workspaceId: team.id, userId: team.viewer.id } })).role).toBe("admin");
    const event = await db.auditEvent.findFirstOrThrow({ where: { workspaceId: team.id, action: "member.role_change" } });
    expect(event.actorId).toBe(team.owner.id);
    expectVerifiedOffline(event.stepUp as StepUpRecord, [team.admin, team.developer]);
  });

  it("an approval expires: no more signatures, no completion", async () => {
    const { team } = await multisigTeam();
    const id = approvalIdOf(await createKey(team.developer, team.id, mainnetKey()));
    await cosign(team, team.developer, id);
    await cosign(team, team.admin, id);
    await db.workspaceApproval.update({ where: { id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await signApproval(team.owner, team.id, id, { wallet: "freighter" })).toMatchObject({ ok: false, code: "approval_closed" });
    expect(await completeApproval(team.developer, team.id, id)).toMatchObject({ ok: false, message: expect.stringMatching(/expired/) });
    expect(await mainnetKeys(team.id)).toBe(0);
  });

  it("the asker must still be allowed to make the change when it completes", async () => {
    const { team } = await multisigTeam();
    const id = approvalIdOf(await createKey(team.developer, team.id, mainnetKey()));
    await cosign(team, team.developer, id);
    await cosign(team, team.admin, id);
    await db.membership.update({
      where: { workspaceId_userId: { workspaceId: team.id, userId: team.developer.id } },
      data: { role: "viewer" },
    });
    expect(await completeApproval(team.developer, team.id, id)).toMatchObject({ ok: false, code: "forbidden" });
    expect(await mainnetKeys(team.id)).toBe(0);
  });

  it("parallel completions make exactly one key", async () => {
    const { team } = await multisigTeam();
    const id = approvalIdOf(await createKey(team.developer, team.id, mainnetKey()));
    await cosign(team, team.developer, id);
    await cosign(team, team.admin, id);
    const results = await Promise.all(Array.from({ length: 6 }, () => completeApproval(team.developer, team.id, id)));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(await mainnetKeys(team.id)).toBe(1);
  });

  it("the management API needs a high token of the linked account itself, not a member's own", async () => {
    const { team, account } = await multisigTeam();
    const create = (token: string) =>
      planeFetch(
        new Request(`http://keyport.test/api/v1/workspaces/${team.slug}/keys`, {
          method: "POST",
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
          body: JSON.stringify({ network: "mainnet", name: "api-live", scopes: ["escrows:read"], expiry: "90" }),
        }),
      );
    const refused = await create(bearerFor(team.developer, "high"));
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ code: "step_up_required", linkedAccount: account });
    expect(await mainnetKeys(team.id)).toBe(0);
    // The account itself, as a member, with a token whose signatures met its high threshold (SEP-10 counted them).
    const { id, address } = await upsertUserOnSignIn(account);
    await join(team.owner, team.id, { id, address, ip: null, workspaceId: "" }, "developer");
    expect((await create(bearerFor({ address }, "high"))).status).toBe(201);
    expect((await create(bearerFor({ address }, "medium"))).status).toBe(403);
    expect(await mainnetKeys(team.id)).toBe(1);
  });
});

/** A Mainnet key made in the team before it was linked (unlinked for a moment, behind the data layer's back). */
async function makeKeyIn(team: TestTeam) {
  const linked = await linkedOf(team.id);
  await db.workspace.update({ where: { id: team.id }, data: { linkedAccount: null } });
  const made = await makeKey(team.developer, { network: "mainnet", name: `k-${Math.random().toString(36).slice(2, 8)}` }, team.id);
  await db.workspace.update({ where: { id: team.id }, data: { linkedAccount: linked } });
  return made.key;
}
