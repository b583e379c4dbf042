// @module-tag postgres
// Mainnet access requests on the real database (both targets): asking, deciding, the races.
import { signed } from "@/test/step-up";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/database/client";
import { mainnetAccessState } from "@/lib/keys/mainnet-access";
import { keyInput, makeUser } from "@/test/factories";
import { setMainnetApproval } from "@/lib/data/users/admin";
import { createKey } from "@/lib/data/keys/lifecycle";
import { decideMainnetRequest, getMainnetAccess, requestMainnet, withdrawMainnetRequest } from "./requests";

// The embedded database opens and migrates on the first query: under the hook's time limit, not a test's.
beforeAll(() => db.$queryRaw`SELECT 1`);

const WHY = "Weekly USDC payroll for 40 contractors in three countries.";

async function makeAdmin() {
  const admin = await makeUser();
  await db.user.update({ where: { id: admin.id }, data: { role: "admin" } });
  return admin;
}

async function pendingRequest() {
  const user = await makeUser();
  const r = await requestMainnet(user, user.workspaceId, WHY);
  if (!r.ok || !r.data.latest) throw new Error(`request refused: ${JSON.stringify(r)}`);
  return { user, requestId: r.data.latest.id };
}

const events = (userId: string, action: string) => db.auditEvent.findMany({ where: { targetId: userId, action } });

describe("a user asks for Mainnet", () => {
  it("creates a pending request they can see, audited with its text", async () => {
    const user = await makeUser();
    expect(mainnetAccessState(await getMainnetAccess(user.workspaceId, user.id))).toBe("none");
    const r = await requestMainnet(user, user.workspaceId, WHY);
    expect(r).toMatchObject({ ok: true, data: { approved: false, latest: { status: "pending", justification: WHY } } });
    expect(mainnetAccessState(await getMainnetAccess(user.workspaceId, user.id))).toBe("pending");
    const [event] = await events(user.id, "mainnet_request.create");
    expect(event).toMatchObject({ actorId: user.id, details: { justification: WHY } });
  });

  it("refuses a second request while one is pending, and once approved", async () => {
    const { user, requestId } = await pendingRequest();
    expect(await requestMainnet(user, user.workspaceId, WHY)).toMatchObject({ ok: false, code: "already_pending" });
    const admin = await makeAdmin();
    expect(await signed(admin, (s) => decideMainnetRequest(admin, requestId, "approve", null, s))).toMatchObject({ ok: true });
    expect(await requestMainnet(user, user.workspaceId, WHY)).toMatchObject({
      ok: false,
      code: "already_approved",
      message: expect.stringContaining("already approved"),
    });
    expect(await db.mainnetRequest.count({ where: { userId: user.id } })).toBe(1);
  });

  it("10 parallel requests by one user: exactly one is created", async () => {
    const user = await makeUser();
    const results = await Promise.all(Array.from({ length: 10 }, () => requestMainnet(user, user.workspaceId, WHY)));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.code === "already_pending")).toHaveLength(9);
    expect(await db.mainnetRequest.count({ where: { userId: user.id } })).toBe(1);
    expect(await events(user.id, "mainnet_request.create")).toHaveLength(1);
  });

  it("needs a use case first, like keys", async () => {
    const user = await makeUser({ useCase: null });
    expect(await requestMainnet(user, user.workspaceId, WHY)).toMatchObject({ ok: false, code: "use_case_required" });
    expect(await db.mainnetRequest.count({ where: { userId: user.id } })).toBe(0);
  });

  it("can withdraw the pending request, audited; a withdrawn or decided one cannot be withdrawn", async () => {
    const { user, requestId } = await pendingRequest();
    expect(await withdrawMainnetRequest(user, user.workspaceId, requestId)).toMatchObject({ ok: true, data: { latest: null } });
    expect(await withdrawMainnetRequest(user, user.workspaceId, requestId)).toMatchObject({ ok: false, code: "not_pending" });
    expect(await events(user.id, "mainnet_request.withdraw")).toHaveLength(1);
    // Someone else's request is not theirs to withdraw.
    const other = await pendingRequest();
    expect(await withdrawMainnetRequest(user, user.workspaceId, other.requestId)).toMatchObject({ ok: false, code: "not_pending" });
    expect(await db.mainnetRequest.findUnique({ where: { id: other.requestId } })).toMatchObject({ status: "pending" });
  });
});

describe("an admin decides", () => {
  it("approving sets the user's approval, so a Mainnet key can be created at once", async () => {
    const { user, requestId } = await pendingRequest();
    expect(await signed(user, (s) => createKey(user, user.workspaceId, keyInput({ network: "mainnet" }), s))).toMatchObject({
      ok: false,
      code: "mainnet_not_approved",
    });
    const admin = await makeAdmin();
    expect(await signed(admin, (s) => decideMainnetRequest(admin, requestId, "approve", "Welcome aboard", s))).toMatchObject({
      ok: true,
      data: { status: "approved" },
    });
    expect(await db.user.findUniqueOrThrow({ where: { id: user.id }, include: { personalWorkspace: true } })).toMatchObject({
      personalWorkspace: { mainnetApproved: true },
    });
    const access = await getMainnetAccess(user.workspaceId, user.id);
    expect(access).toMatchObject({ approved: true, latest: { status: "approved", decisionReason: "Welcome aboard" } });
    expect(access.latest?.decidedAt).not.toBeNull();
    const key = await signed(user, (s) => createKey(user, user.workspaceId, keyInput({ network: "mainnet" }), s));
    expect(key.ok && key.data.plaintext).toMatch(/^kp_live_/);
    const [event] = await events(user.id, "admin.mainnet_request.approve");
    expect(event).toMatchObject({ actorId: admin.id, details: { requestId, reason: "Welcome aboard" } });
  });

  it("declining keeps the reason for the user, who may ask again", async () => {
    const { user, requestId } = await pendingRequest();
    const admin = await makeAdmin();
    expect(
      await signed(admin, (s) => decideMainnetRequest(admin, requestId, "decline", "Tell us which asset you will pay out in.", s)),
    ).toMatchObject({ ok: true });
    const access = await getMainnetAccess(user.workspaceId, user.id);
    expect(mainnetAccessState(access)).toBe("declined");
    expect(access).toMatchObject({ approved: false, latest: { decisionReason: "Tell us which asset you will pay out in." } });
    expect(await events(user.id, "admin.mainnet_request.decline")).toHaveLength(1);
    expect(await requestMainnet(user, user.workspaceId, `${WHY} In USDC.`)).toMatchObject({
      ok: true,
      data: { latest: { status: "pending" } },
    });
  });

  it("two admins deciding the same request at once: exactly one wins, the other is told it was already decided", async () => {
    const { user, requestId } = await pendingRequest();
    const [alice, bob] = await Promise.all([makeAdmin(), makeAdmin()]);
    const results = await Promise.all([
      signed(alice, (s) => decideMainnetRequest(alice, requestId, "approve", null, s)),
      signed(bob, (s) => decideMainnetRequest(bob, requestId, "decline", "Not yet", s)),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const lost = results.find((r) => !r.ok);
    expect(lost).toMatchObject({ code: "already_decided", message: expect.stringContaining("already") });
    const won = results.find((r) => r.ok)!;
    const status = won.ok ? won.data.status : "";
    expect(await db.mainnetRequest.findUniqueOrThrow({ where: { id: requestId } })).toMatchObject({ status });
    expect((await db.workspace.findUniqueOrThrow({ where: { id: user.workspaceId } })).mainnetApproved).toBe(status === "approved");
    const decided = await db.auditEvent.count({ where: { targetId: user.id, action: { startsWith: "admin.mainnet_request." } } });
    expect(decided).toBe(1);
  });

  it("an admin cannot decide their own request", async () => {
    const admin = await makeAdmin();
    const r = await requestMainnet(admin, admin.workspaceId, WHY);
    const id = r.ok ? r.data.latest!.id : "";
    expect(await signed(admin, (s) => decideMainnetRequest(admin, id, "approve", null, s))).toMatchObject({ ok: false, code: "self" });
    expect(await db.mainnetRequest.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "pending" });
  });

  it("the Mainnet switch approving the user approves their pending request too", async () => {
    const { user, requestId } = await pendingRequest();
    const admin = await makeAdmin();
    expect(await signed(admin, (s) => setMainnetApproval(admin, user.id, true, s))).toMatchObject({ ok: true });
    expect(await db.mainnetRequest.findUniqueOrThrow({ where: { id: requestId } })).toMatchObject({
      status: "approved",
      decidedById: admin.id,
    });
    expect(await events(user.id, "admin.mainnet_request.approve")).toHaveLength(1);
    expect(await signed(admin, (s) => decideMainnetRequest(admin, requestId, "decline", "Too late", s))).toMatchObject({
      ok: false,
      code: "already_decided",
    });
    // Withdrawing approval afterwards: the user sees it and may ask again.
    expect(await signed(admin, (s) => setMainnetApproval(admin, user.id, false, s))).toMatchObject({ ok: true });
    expect(mainnetAccessState(await getMainnetAccess(user.workspaceId, user.id))).toBe("withdrawn");
    expect(await requestMainnet(user, user.workspaceId, WHY)).toMatchObject({ ok: true });
  });
});
