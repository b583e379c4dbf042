// @module-tag postgres
// The controls on a key, on the real database: each rule with the attempt that must fail
// and the row as it stands afterwards.
import { signed } from "@/test/step-up";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/database/client";
import { env } from "@/lib/core/env";
import { checkKey } from "@/lib/api/key-auth";
import { keyInput, makeKey, makeUser } from "@/test/factories";
import { adminRevokeKey, adminSetKeyEnabled } from "./admin";
import { setMainnetApproval } from "@/lib/data/users/admin";
import { liveKeyWhere } from "./filters";
import { asMember, createKey, revokeKey, rotateKey, setKeyEnabled, updateKey } from "./lifecycle";

const actionsOn = async (id: string) =>
  (await db.auditEvent.findMany({ where: { targetId: id }, orderBy: { createdAt: "asc" } })).map((e) => e.action);
const row = (id: string) => db.apiKey.findUniqueOrThrow({ where: { id } });
const live = (createdById: string) => db.apiKey.count({ where: { createdById, ...liveKeyWhere(new Date()) } });
const works = async (plaintext: string) => (await checkKey(plaintext)).ok;

async function makeAdmin() {
  const admin = await makeUser();
  await db.user.update({ where: { id: admin.id }, data: { role: "admin" } });
  return admin;
}

describe("an admin's disable wins", () => {
  it("the owner cannot enable, edit or rotate the key back into working order, but can revoke it", async () => {
    const [owner, admin] = await Promise.all([makeUser(), makeAdmin()]);
    const { key, plaintext } = await makeKey(owner);
    const disabled = await adminSetKeyEnabled(admin, key.id, false, "Leaked in a public gist");
    expect(disabled).toMatchObject({
      ok: true,
      data: { status: "disabled", disabledBy: "admin", disabledReason: "Leaked in a public gist", enabled: true },
    });
    expect(await works(plaintext)).toBe(false);

    expect(await setKeyEnabled(asMember(owner, owner.workspaceId), key.id, true)).toMatchObject({ ok: false, code: "admin_disabled" });
    expect(await setKeyEnabled(asMember(owner, owner.workspaceId), key.id, false)).toMatchObject({ ok: false, code: "admin_disabled" });
    expect(
      await signed(owner, (s) =>
        updateKey(owner, owner.workspaceId, key.id, { name: "renamed", description: null, scopes: ["escrows:write"] }, s),
      ),
    ).toMatchObject({
      ok: false,
      code: "admin_disabled",
    });
    expect(await signed(owner, (s) => rotateKey(owner, owner.workspaceId, key.id, "none", s))).toMatchObject({
      ok: false,
      code: "admin_disabled",
    });

    expect(await row(key.id)).toMatchObject({
      heldById: admin.id,
      heldReason: "Leaked in a public gist",
      name: "crm-sync-test",
      replacedById: null,
    });
    expect(await db.apiKey.count({ where: { createdById: owner.id } })).toBe(1);
    expect(await works(plaintext)).toBe(false);

    expect(await revokeKey(asMember(owner, owner.workspaceId), key.id)).toMatchObject({ ok: true, data: { status: "revoked" } });
    expect(await actionsOn(key.id)).toEqual(["key.create", "admin.key.disable", "key.revoke"]);
    const [event] = await db.auditEvent.findMany({ where: { targetId: key.id, action: "admin.key.disable" } });
    expect(event?.details).toEqual({ reason: "Leaked in a public gist" });
  });

  it("only an admin turns it back on, which hands the switch back to the owner", async () => {
    const [owner, admin] = await Promise.all([makeUser(), makeAdmin()]);
    const { key, plaintext } = await makeKey(owner);
    await adminSetKeyEnabled(admin, key.id, false);
    expect(await adminSetKeyEnabled(admin, key.id, true)).toMatchObject({
      ok: true,
      data: { status: "active", disabledBy: null, disabledReason: null },
    });
    expect(await works(plaintext)).toBe(true);
    expect(await setKeyEnabled(asMember(owner, owner.workspaceId), key.id, false)).toMatchObject({
      ok: true,
      data: { enabled: false, heldAt: null },
    });
    expect(await setKeyEnabled(asMember(owner, owner.workspaceId), key.id, true)).toMatchObject({ ok: true });
  });

  it("an admin never turns on a key its owner paused: placing and lifting a hold leaves the pause", async () => {
    const [owner, admin] = await Promise.all([makeUser(), makeAdmin()]);
    const { key, plaintext } = await makeKey(owner);
    await setKeyEnabled(asMember(owner, owner.workspaceId), key.id, false);
    expect(await adminSetKeyEnabled(admin, key.id, true)).toMatchObject({ ok: true, data: { status: "disabled", disabledBy: "owner" } });
    expect(await adminSetKeyEnabled(admin, key.id, false, "Investigating")).toMatchObject({ ok: true, data: { disabledBy: "admin" } });
    expect(await setKeyEnabled(asMember(owner, owner.workspaceId), key.id, true)).toMatchObject({ ok: false, code: "admin_disabled" });
    expect(await adminSetKeyEnabled(admin, key.id, true)).toMatchObject({ ok: true, data: { status: "disabled", disabledBy: "owner" } });
    expect(await works(plaintext)).toBe(false);
    expect(await row(key.id)).toMatchObject({ enabled: false, heldAt: null });
    expect(await setKeyEnabled(asMember(owner, owner.workspaceId), key.id, true)).toMatchObject({ ok: true, data: { status: "active" } });
    expect(await works(plaintext)).toBe(true);
  });

  it("admins revoke any key, with their reason in the audit log", async () => {
    const [owner, admin] = await Promise.all([makeUser(), makeAdmin()]);
    const { key, plaintext } = await makeKey(owner);
    expect(await adminRevokeKey(admin, key.id, "Abuse report #41")).toMatchObject({
      ok: true,
      data: { status: "revoked", owner: { id: owner.id } },
    });
    expect(await works(plaintext)).toBe(false);
    expect(await setKeyEnabled(asMember(owner, owner.workspaceId), key.id, true)).toMatchObject({ ok: false, code: "revoked" });
    const [event] = await db.auditEvent.findMany({ where: { targetId: key.id, action: "admin.key.revoke" } });
    expect(event).toMatchObject({ actorId: admin.id, details: { reason: "Abuse report #41" } });
  });
});

describe("rotation obeys every rule creation obeys", () => {
  it("refuses disabled and revoked keys", async () => {
    const owner = await makeUser();
    const paused = await makeKey(owner);
    await setKeyEnabled(asMember(owner, owner.workspaceId), paused.key.id, false);
    expect(await signed(owner, (s) => rotateKey(owner, owner.workspaceId, paused.key.id, "1h", s))).toMatchObject({
      ok: false,
      code: "disabled",
    });

    const revoked = await makeKey(owner);
    await revokeKey(asMember(owner, owner.workspaceId), revoked.key.id);
    expect(await signed(owner, (s) => rotateKey(owner, owner.workspaceId, revoked.key.id, "1h", s))).toMatchObject({
      ok: false,
      code: "revoked",
    });

    expect(await db.apiKey.count({ where: { createdById: owner.id } })).toBe(2);
    expect(await db.auditEvent.count({ where: { actorId: owner.id, action: "key.rotate" } })).toBe(0);
  });

  it("turns an expired key into one working successor, however many ask at once; the expired key stays dead", async () => {
    const owner = await makeUser();
    const expired = await makeKey(owner, { name: "nightly-export", scopes: ["escrows:read", "webhooks:write"] });
    const created = new Date(Date.now() - 40 * 86_400_000);
    await db.apiKey.update({
      where: { id: expired.key.id },
      data: { createdAt: created, expiresAt: new Date(created.getTime() + 30 * 86_400_000), allowedIps: ["203.0.113.0/24"] },
    });
    expect(await works(expired.plaintext)).toBe(false);

    const results = await Promise.all(
      [1, 2, 3].map(() => signed(owner, (s) => rotateKey(owner, owner.workspaceId, expired.key.id, "7d", s))),
    );
    const done = results.filter((r) => r.ok);
    expect(done).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([
      expect.objectContaining({ code: "already_rotated" }),
      expect.objectContaining({ code: "already_rotated" }),
    ]);
    const { key, plaintext, oldKey } = done[0]!.ok ? done[0]!.data : ({} as never);
    expect(key).toMatchObject({ name: "nightly-export", scopes: ["escrows:read", "webhooks:write"], allowedIps: ["203.0.113.0/24"] });
    // Its lifetime again (30 days), from now; the overlap asked for is ignored.
    expect(Math.round((new Date(key.expiresAt!).getTime() - Date.now()) / 86_400_000)).toBe(30);
    expect(oldKey.status).toBe("expired");
    expect(await works(plaintext)).toBe(true);
    expect(await works(expired.plaintext)).toBe(false);
    const events = await db.auditEvent.findMany({ where: { targetId: expired.key.id, action: "key.rotate" } });
    expect(events).toHaveLength(1);
    expect(events[0]!.details).toMatchObject({ successorId: key.id, overlap: "none" });
  });

  it("keeps an admin's hold on a key that has since expired: twenty rotations at once are all refused", async () => {
    const [owner, admin] = await Promise.all([makeUser(), makeAdmin()]);
    const held = await makeKey(owner);
    await adminSetKeyEnabled(admin, held.key.id, false, "Abuse report #77");
    const created = new Date(Date.now() - 40 * 86_400_000);
    await db.apiKey.update({
      where: { id: held.key.id },
      data: { createdAt: created, expiresAt: new Date(created.getTime() + 86_400_000) },
    });

    const results = await Promise.all(
      Array.from({ length: 20 }, () => signed(owner, (s) => rotateKey(owner, owner.workspaceId, held.key.id, "none", s))),
    );
    expect(results.every((r) => !r.ok && r.code === "admin_disabled")).toBe(true);
    expect(await db.apiKey.count({ where: { workspaceId: owner.workspaceId } })).toBe(1);
    expect(await row(held.key.id)).toMatchObject({ replacedById: null, heldById: admin.id });
    expect(await actionsOn(held.key.id)).toEqual(["key.create", "admin.key.disable"]);
  });

  it("at the cap, an overlap is refused with a way out, and a rotation without overlap keeps the count", async () => {
    const owner = await makeUser();
    const keys = [];
    for (let i = 0; i < env.MAX_ACTIVE_KEYS; i++) keys.push(await makeKey(owner, { name: `k${i}` }));
    const target = keys[0]!;
    const refused = await signed(owner, (s) => rotateKey(owner, owner.workspaceId, target.key.id, "7d", s));
    expect(refused).toMatchObject({ ok: false, code: "key_limit_overlap", message: expect.stringContaining("without overlap") });
    expect(await row(target.key.id)).toMatchObject({ rotatedAt: null, replacedById: null, expiresAt: null });
    expect(await live(owner.id)).toBe(env.MAX_ACTIVE_KEYS);

    const r = await signed(owner, (s) => rotateKey(owner, owner.workspaceId, target.key.id, "none", s));
    expect(r.ok).toBe(true);
    expect(await live(owner.id)).toBe(env.MAX_ACTIVE_KEYS);
    expect(await works(target.plaintext)).toBe(false);
  });

  it("below the cap an overlap may take the last free place, and no more", async () => {
    const owner = await makeUser();
    const keys: Awaited<ReturnType<typeof makeKey>>[] = [];
    for (let i = 0; i < env.MAX_ACTIVE_KEYS - 1; i++) keys.push(await makeKey(owner, { name: `k${i}` }));
    expect((await signed(owner, (s) => rotateKey(owner, owner.workspaceId, keys[0]!.key.id, "7d", s))).ok).toBe(true);
    expect(await live(owner.id)).toBe(env.MAX_ACTIVE_KEYS);
    expect(await signed(owner, (s) => rotateKey(owner, owner.workspaceId, keys[1]!.key.id, "7d", s))).toMatchObject({
      ok: false,
      code: "key_limit_overlap",
    });
    expect(await signed(owner, (s) => createKey(owner, owner.workspaceId, keyInput(), s))).toMatchObject({ ok: false, code: "key_limit" });
    expect(await live(owner.id)).toBe(env.MAX_ACTIVE_KEYS);
  });

  it("needs the use case on the profile, like creation", async () => {
    const owner = await makeUser();
    const { key } = await makeKey(owner);
    await db.user.update({ where: { id: owner.id }, data: { useCase: null } });
    expect(await signed(owner, (s) => rotateKey(owner, owner.workspaceId, key.id, "none", s))).toMatchObject({
      ok: false,
      code: "use_case_required",
    });
    expect(await row(key.id)).toMatchObject({ rotatedAt: null, replacedById: null });
  });
});

describe("withdrawing Mainnet approval stops Mainnet", () => {
  it("disables every live Mainnet key in the same change, one audit event each, and approving again leaves them off", async () => {
    const [owner, admin] = await Promise.all([makeUser({ mainnetApproved: true }), makeAdmin()]);
    const a = await makeKey(owner, { network: "mainnet", name: "live-a" });
    const b = await makeKey(owner, { network: "mainnet", name: "live-b" });
    const gone = await makeKey(owner, { network: "mainnet", name: "gone" });
    const test = await makeKey(owner, { network: "testnet", name: "test" });
    await setKeyEnabled(asMember(owner, owner.workspaceId), b.key.id, false);
    await revokeKey(asMember(owner, owner.workspaceId), gone.key.id);

    expect(await signed(admin, (s) => setMainnetApproval(admin, owner.id, false, s))).toEqual({ ok: true, data: { keysDisabled: 2 } });
    for (const k of [a, b]) {
      expect(await row(k.key.id)).toMatchObject({ heldById: admin.id, heldReason: "Mainnet approval withdrawn" });
      expect(await works(k.plaintext)).toBe(false);
    }
    expect(await works(test.plaintext)).toBe(true);
    expect(await db.auditEvent.count({ where: { action: "admin.key.disable", actorId: admin.id } })).toBe(2);
    expect(await actionsOn(gone.key.id)).toEqual(["key.create", "key.revoke"]);

    expect(await setKeyEnabled(asMember(owner, owner.workspaceId), a.key.id, true)).toMatchObject({ ok: false, code: "admin_disabled" });
    expect(await signed(owner, (s) => rotateKey(owner, owner.workspaceId, a.key.id, "none", s))).toMatchObject({ ok: false });
    expect(await signed(owner, (s) => createKey(owner, owner.workspaceId, keyInput({ network: "mainnet" }), s))).toMatchObject({
      ok: false,
      code: "mainnet_not_approved",
    });

    await signed(admin, (s) => setMainnetApproval(admin, owner.id, true, s));
    expect(await works(a.plaintext)).toBe(false);
    expect(await row(b.key.id)).toMatchObject({ enabled: false, heldReason: "Mainnet approval withdrawn" });
    // Lifting the holds hands each key back to its owner's switch: b stays paused.
    await adminSetKeyEnabled(admin, a.key.id, true);
    await adminSetKeyEnabled(admin, b.key.id, true);
    expect(await works(a.plaintext)).toBe(true);
    expect(await works(b.plaintext)).toBe(false);
  });

  it("a Mainnet key cannot be rotated or turned on while the owner is not approved", async () => {
    const [owner, admin] = await Promise.all([makeUser({ mainnetApproved: true }), makeAdmin()]);
    const k = await makeKey(owner, { network: "mainnet" });
    await db.workspace.update({ where: { id: owner.workspaceId }, data: { mainnetApproved: false } }); // as a direct database change would
    expect(await signed(owner, (s) => rotateKey(owner, owner.workspaceId, k.key.id, "none", s))).toMatchObject({
      ok: false,
      code: "mainnet_not_approved",
    });
    expect(await db.apiKey.count({ where: { createdById: owner.id } })).toBe(1);
    await adminSetKeyEnabled(admin, k.key.id, false);
    expect(await adminSetKeyEnabled(admin, k.key.id, true)).toMatchObject({ ok: false, code: "mainnet_not_approved" });
  });
});
