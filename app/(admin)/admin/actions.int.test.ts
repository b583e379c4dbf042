// Authorization of every admin action and admin table route, on the real database.
// The session is the one input substituted: `auth()` needs a live Next.js request.
import { beforeEach, describe, expect, it, vi } from "vitest";

const session = vi.hoisted(() => ({ current: null as null | { user: { id: string; address: string } } }));
vi.mock("@/lib/auth/config", () => ({ auth: async () => session.current }));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ "x-forwarded-for": "192.0.2.9" }) }));

import { GET as auditRoute } from "@/app/api/admin/audit/route";
import { GET as keysRoute } from "@/app/api/admin/keys/route";
import { GET as usersRoute } from "@/app/api/admin/users/route";
import { db } from "@/lib/database/client";
import { checkKey } from "@/lib/api/key-auth";
import { requestMainnet } from "@/lib/data/mainnet/requests";
import { makeKey, makeUser } from "@/test/factories";
import { asFields, signed } from "@/test/step-up";
import { approveMainnet, decideMainnet, findLeakedKey, revokeAnyKey, setRole, suspendUser, toggleKey } from "./actions";

const signInAs = (u: { id: string; address: string } | null) => {
  session.current = u ? { user: { id: u.id, address: u.address } } : null;
};

async function fixture() {
  const owner = await makeUser();
  const { key, plaintext } = await makeKey(owner, { name: "victim-key" });
  const admin = await makeUser();
  await db.user.update({ where: { id: admin.id }, data: { role: "admin" } });
  const stranger = await makeUser();
  const asked = await requestMainnet(owner, owner.workspaceId, "Payouts to sellers on our marketplace, in USDC.");
  const requestId = asked.ok ? asked.data.latest!.id : "";
  return { owner, key, plaintext, admin, stranger, requestId };
}

const attempts = (f: Awaited<ReturnType<typeof fixture>>) => ({
  toggleKey: () => toggleKey({ keyId: f.key.id, enabled: false }),
  revokeAnyKey: () => revokeAnyKey({ keyId: f.key.id }),
  findLeakedKey: () => findLeakedKey({ key: f.plaintext }),
  approveMainnet: () => approveMainnet({ userId: f.owner.id, approved: true }),
  setRole: () => setRole({ userId: f.owner.id, admin: true }),
  suspendUser: () => suspendUser({ userId: f.owner.id, suspended: true, reason: "take over" }),
  decideMainnet: () => decideMainnet({ requestId: f.requestId, decision: "approve" }),
});

beforeEach(() => signInAs(null));

describe("admin actions refuse everyone but admins", () => {
  for (const [who, status] of [
    ["signed-out caller", 401],
    ["non-admin", 403],
  ] as const) {
    it(`answers ${status} to a ${who} for every action and changes nothing`, async () => {
      const f = await fixture();
      signInAs(who === "non-admin" ? f.stranger : null);
      for (const [name, attempt] of Object.entries(attempts(f))) {
        expect(await attempt(), name).toMatchObject({ ok: false, code: status === 401 ? "unauthorized" : "forbidden" });
      }
      expect((await checkKey(f.plaintext)).ok).toBe(true);
      expect(await db.user.findUniqueOrThrow({ where: { id: f.owner.id }, include: { personalWorkspace: true } })).toMatchObject({
        personalWorkspace: { mainnetApproved: false },
        role: "user",
        suspendedAt: null,
      });
      expect(
        await db.auditEvent.count({ where: { action: { startsWith: "admin." }, OR: [{ targetId: f.key.id }, { targetId: f.owner.id }] } }),
      ).toBe(0);
      expect(await db.mainnetRequest.findUniqueOrThrow({ where: { id: f.requestId } })).toMatchObject({ status: "pending" });
    });

    it(`answers ${status} to a ${who} on every admin table route`, async () => {
      const f = await fixture();
      signInAs(who === "non-admin" ? f.stranger : null);
      for (const route of [keysRoute, usersRoute, auditRoute]) {
        const res = await route(new Request("http://keyport.test/api/admin/x"));
        expect(res.status).toBe(status);
      }
    });
  }
});

describe("admins", () => {
  it("disable any user's key, with an audit event naming the admin", async () => {
    const f = await fixture();
    signInAs(f.admin);
    expect(await toggleKey({ keyId: f.key.id, enabled: false })).toMatchObject({
      ok: true,
      data: { status: "disabled", disabledBy: "admin" },
    });
    expect((await checkKey(f.plaintext)).ok).toBe(false);
    const [event] = await db.auditEvent.findMany({ where: { targetId: f.key.id, action: "admin.key.disable" } });
    expect(event).toMatchObject({ actorId: f.admin.id, actorAddress: f.admin.address, ip: "192.0.2.9" });
  });

  it("find a leaked key by pasting it, and get a clear answer for non-keys", async () => {
    const f = await fixture();
    signInAs(f.admin);
    expect(await findLeakedKey({ key: f.plaintext })).toMatchObject({
      ok: true,
      data: { id: f.key.id, owner: { address: f.owner.address } },
    });
    expect(await findLeakedKey({ key: "hello" })).toMatchObject({
      ok: false,
      code: "invalid_input",
      message: expect.stringContaining("not a Keyport key"),
    });
    const typo = f.plaintext.slice(0, -1) + (f.plaintext.endsWith("A") ? "B" : "A");
    expect(await findLeakedKey({ key: typo })).toMatchObject({
      ok: false,
      code: "invalid_input",
      message: expect.stringContaining("checksum"),
    });
  });

  it("approve Mainnet and grant the admin role, but not change their own role", async () => {
    const f = await fixture();
    signInAs(f.admin);
    // The switch asks for the admin's signature over its receipt first.
    expect(await approveMainnet({ userId: f.owner.id, approved: true })).toMatchObject({ ok: false, code: "step_up_required" });
    expect(await signed(f.admin, (s) => approveMainnet({ userId: f.owner.id, approved: true, ...asFields(s) }))).toMatchObject({
      ok: true,
    });
    // Making someone a site admin hands over every switch: signed too, and not without it.
    const asked = await setRole({ userId: f.owner.id, admin: true });
    expect(asked).toMatchObject({
      ok: false,
      code: "step_up_required",
      stepUp: { receipt: expect.stringContaining(`User: ${f.owner.address}`) },
    });
    expect(await db.user.findUniqueOrThrow({ where: { id: f.owner.id } })).toMatchObject({ role: "user" });
    expect(await signed(f.admin, (s) => setRole({ userId: f.owner.id, admin: true, ...asFields(s) }))).toMatchObject({ ok: true });
    expect(await db.user.findUniqueOrThrow({ where: { id: f.owner.id }, include: { personalWorkspace: true } })).toMatchObject({
      personalWorkspace: { mainnetApproved: true },
      role: "admin",
    });
    expect(await setRole({ userId: f.admin.id, admin: false })).toMatchObject({ ok: false, code: "self" });
    const actions = (await db.auditEvent.findMany({ where: { targetId: f.owner.id } })).map((e) => e.action).sort();
    // The switch approved their pending request too.
    expect(actions).toEqual([
      "admin.mainnet_request.approve",
      "admin.user.mainnet_approve",
      "admin.user.role_grant",
      "mainnet_request.create",
    ]);
    expect(await db.mainnetRequest.findUniqueOrThrow({ where: { id: f.requestId } })).toMatchObject({ status: "approved" });
    // The grant's receipt is kept with its audit event; taking the role back needs no signature.
    const grant = await db.auditEvent.findFirstOrThrow({ where: { targetId: f.owner.id, action: "admin.user.role_grant" } });
    expect(grant.stepUp).toMatchObject({ signer: f.admin.address, receipt: expect.stringContaining("Make a user a site admin") });
    expect(await setRole({ userId: f.owner.id, admin: false })).toMatchObject({ ok: true });
  });

  it("decide a Mainnet request: a decline needs a reason; the queue lists pending requests only", async () => {
    const f = await fixture();
    signInAs(f.admin);
    const queue = async (qs = "") =>
      (await (await usersRoute(new Request(`http://keyport.test/api/admin/users?mainnet=pending${qs}`))).json()) as {
        rows: { id: string; mainnetRequest: { id: string; justification: string } | null }[];
      };
    const listed = (await queue()).rows.find((r) => r.id === f.owner.id);
    expect(listed?.mainnetRequest).toMatchObject({ id: f.requestId, justification: expect.stringContaining("USDC") });
    expect((await queue()).rows.map((r) => r.id)).not.toContain(f.stranger.id);

    expect(await decideMainnet({ requestId: f.requestId, decision: "decline", reason: "" })).toMatchObject({
      ok: false,
      code: "invalid_input",
      fieldErrors: { reason: expect.stringContaining("Say why") },
    });
    expect(await decideMainnet({ requestId: f.requestId, decision: "decline", reason: "Which asset?" })).toMatchObject({ ok: true });
    expect(await decideMainnet({ requestId: f.requestId, decision: "approve" })).toMatchObject({ ok: false, code: "already_decided" });
    expect((await queue()).rows.map((r) => r.id)).not.toContain(f.owner.id);
    const [event] = await db.auditEvent.findMany({ where: { targetId: f.owner.id, action: "admin.mainnet_request.decline" } });
    expect(event).toMatchObject({ actorId: f.admin.id, ip: "192.0.2.9", details: { reason: "Which asset?" } });
  });

  it("page, search, filter and sort every key", async () => {
    const f = await fixture();
    signInAs(f.admin);
    const get = async (qs: string) => (await keysRoute(new Request(`http://keyport.test/api/admin/keys?${qs}`))).json();
    expect((await get(`q=${f.owner.address.slice(0, 10)}`)).rows.map((r: { id: string }) => r.id)).toEqual([f.key.id]);
    expect((await get(`q=${f.key.start}`)).total).toBe(1);
    expect((await get("status=revoked&q=victim-key")).total).toBe(0);
    const page = await get("pageSize=10&sort=lastUsedAt&dir=asc");
    expect(page.rows.length).toBeLessThanOrEqual(10);
    // Sorted by last use, both ways; never-used keys last when newest first.
    const older = await makeKey(f.owner, { name: "used-long-ago" });
    const newer = await makeKey(f.owner, { name: "used-just-now" });
    await db.apiKey.update({ where: { id: older.key.id }, data: { lastUsedAt: new Date(Date.now() - 3_600_000) } });
    await db.apiKey.update({ where: { id: newer.key.id }, data: { lastUsedAt: new Date() } });
    const names = async (dir: string) =>
      (await get(`q=${f.owner.address}&sort=lastUsedAt&dir=${dir}`)).rows.map((r: { name: string }) => r.name);
    expect(await names("desc")).toEqual(["used-just-now", "used-long-ago", "victim-key"]);
    expect(await names("asc")).toEqual(["victim-key", "used-long-ago", "used-just-now"]);
    expect(JSON.stringify(page)).not.toContain('"hash"');
    const bad = await keysRoute(new Request("http://keyport.test/api/admin/keys?pageSize=7"));
    expect(bad.status).toBe(400);
    // Pages by cursor: the page after "used-long-ago" (newest use first) holds only the never-used key.
    const firstTwo = await get(`q=${f.owner.address}&pageSize=10&sort=lastUsedAt&dir=desc`);
    expect(firstTwo.prev).toBeNull();
    const { lastUsedAt } = await db.apiKey.findUniqueOrThrow({ where: { id: older.key.id }, select: { lastUsedAt: true } });
    const after = encodeURIComponent(`${lastUsedAt!.getTime()}.${older.key.id}`);
    const rest = await get(`q=${f.owner.address}&sort=lastUsedAt&dir=desc&after=${after}`);
    expect(rest.rows.map((r: { name: string }) => r.name)).toEqual(["victim-key"]);
    expect(rest.prev).not.toBeNull();
    expect((await keysRoute(new Request("http://keyport.test/api/admin/keys?after=2;DROP"))).status).toBe(400);
    for (const [route, qs] of [
      [keysRoute, "q=%00"],
      [usersRoute, "q=a%00b"],
      [auditRoute, "target=%00"],
      [auditRoute, "actor=G%00"],
    ] as const) {
      const res = await route(new Request(`http://keyport.test/api/admin/x?${qs}`));
      expect(res.status, qs).toBe(400);
      expect((await res.json()).detail).toContain("control characters");
    }
  });
});
