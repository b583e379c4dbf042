// @module-tag postgres
import { signed } from "@/test/step-up";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/database/client";
import { keyHashSecret } from "@/lib/core/env";
import { checkKey } from "@/lib/api/key-auth";
import { hashKey } from "@/lib/keys/hash";
import { keyInput, makeKey, makeUser } from "@/test/factories";
import { recordKeyUses } from "./lookup";
import { listKeys } from "./list";
import { asMember, createKey, revokeKey, rotateKey, setKeyEnabled, updateKey } from "./lifecycle";

const auditOf = (targetId: string) => db.auditEvent.findMany({ where: { targetId }, orderBy: { createdAt: "asc" } });

describe("issuing keys", () => {
  it("stores only the HMAC and a display prefix, and audits the creation", async () => {
    const owner = await makeUser();
    const { key, plaintext } = await makeKey(owner, { name: "crm-sync-prod", scopes: ["escrows:read", "escrows:write"] });
    const row = await db.apiKey.findUniqueOrThrow({ where: { id: key.id } });
    expect(row.hash).toBe(hashKey(plaintext, keyHashSecret()));
    expect(row.start).toBe(plaintext.slice(0, 12));
    expect(JSON.stringify(row)).not.toContain(plaintext.slice(12));
    expect(key).not.toHaveProperty("hash");

    const events = await auditOf(key.id);
    expect(events.map((e) => e.action)).toEqual(["key.create"]);
    expect(events[0]).toMatchObject({ actorId: owner.id, actorAddress: owner.address, ip: "203.0.113.7", targetType: "api_key" });
    expect(JSON.stringify(events)).not.toContain(plaintext.slice(12));
  });

  it("refuses without a use case on the profile", async () => {
    const owner = await makeUser({ useCase: null });
    const r = await signed(owner, (s) => createKey(owner, owner.workspaceId, keyInput(), s));
    expect(r).toMatchObject({ ok: false, code: "use_case_required" });
    expect(await db.apiKey.count({ where: { createdById: owner.id } })).toBe(0);
  });

  it("refuses Mainnet until the user is approved", async () => {
    const pending = await makeUser();
    expect(await signed(pending, (s) => createKey(pending, pending.workspaceId, keyInput({ network: "mainnet" }), s))).toMatchObject({
      ok: false,
      code: "mainnet_not_approved",
    });
    const approved = await makeUser({ mainnetApproved: true });
    const r = await signed(approved, (s) => createKey(approved, approved.workspaceId, keyInput({ network: "mainnet" }), s));
    expect(r.ok && r.data.plaintext.startsWith("kp_live_")).toBe(true);
  });

  it("holds the cap exactly under 50 parallel requests by one user", async () => {
    const owner = await makeUser();
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => signed(owner, (s) => createKey(owner, owner.workspaceId, keyInput({ name: `k${i}` }), s))),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(10);
    expect(results.filter((r) => !r.ok && r.code === "key_limit")).toHaveLength(40);
    expect(await db.apiKey.count({ where: { createdById: owner.id } })).toBe(10);
    expect(await db.auditEvent.count({ where: { actorId: owner.id, action: "key.create" } })).toBe(10);
  });

  it("frees a place under the cap when a key is revoked", async () => {
    const owner = await makeUser();
    const keys = await Promise.all(Array.from({ length: 10 }, () => makeKey(owner)));
    expect(await signed(owner, (s) => createKey(owner, owner.workspaceId, keyInput(), s))).toMatchObject({ ok: false, code: "key_limit" });
    await revokeKey(asMember(owner, owner.workspaceId), keys[0]!.key.id);
    expect((await signed(owner, (s) => createKey(owner, owner.workspaceId, keyInput(), s))).ok).toBe(true);
  });

  it("writes nothing when the audit record cannot be written (one transaction)", async () => {
    const owner = await makeUser();
    const broken = { ...owner, address: null as unknown as string };
    await expect(signed(broken, (s) => createKey(broken, broken.workspaceId, keyInput(), s))).rejects.toThrow();
    expect(await db.apiKey.count({ where: { createdById: owner.id } })).toBe(0);
  });
});

describe("managing keys", () => {
  it("disables and enables, auditing each change", async () => {
    const owner = await makeUser();
    const { key, plaintext } = await makeKey(owner);
    expect(await setKeyEnabled(asMember(owner, owner.workspaceId), key.id, false)).toMatchObject({
      ok: true,
      data: { status: "disabled", enabled: false, heldAt: null },
    });
    expect((await checkKey(plaintext)).ok).toBe(false);
    expect(await setKeyEnabled(asMember(owner, owner.workspaceId), key.id, true)).toMatchObject({ ok: true, data: { status: "active" } });
    expect((await checkKey(plaintext)).ok).toBe(true);
    expect((await auditOf(key.id)).map((e) => e.action)).toEqual(["key.create", "key.disable", "key.enable"]);
  });

  it("revokes for good", async () => {
    const owner = await makeUser();
    const { key, plaintext } = await makeKey(owner);
    expect(await revokeKey(asMember(owner, owner.workspaceId), key.id)).toMatchObject({ ok: true, data: { status: "revoked" } });
    expect((await checkKey(plaintext)).ok).toBe(false);
    expect(await setKeyEnabled(asMember(owner, owner.workspaceId), key.id, true)).toMatchObject({ ok: false, code: "revoked" });
    expect((await auditOf(key.id)).map((e) => e.action)).toEqual(["key.create", "key.revoke"]);
  });

  it("edits name, description and scopes, recording before and after", async () => {
    const owner = await makeUser();
    // An older key holds a scope no operation checks any more: an edit may keep it (#25.4).
    const { key, plaintext } = await makeKey(owner, { scopes: ["escrows:read", "escrows:write"] });
    await signed(owner, (s) =>
      updateKey(owner, owner.workspaceId, key.id, { name: "renamed", description: "for payroll", scopes: ["escrows:write"] }, s),
    );
    expect((await checkKey(plaintext, "escrows:read")).ok).toBe(false);
    expect((await checkKey(plaintext, "escrows:write")).ok).toBe(true);
    const [, edit] = await auditOf(key.id);
    expect(edit?.details).toMatchObject({ before: { name: "crm-sync-test" }, after: { name: "renamed", scopes: ["escrows:write"] } });
  });

  it("refuses to add a scope no operation checks, and changes nothing", async () => {
    const owner = await makeUser();
    const { key } = await makeKey(owner);
    const r = await signed(owner, (s) =>
      updateKey(
        owner,
        owner.workspaceId,
        key.id,
        {
          name: "renamed",
          description: null,
          scopes: ["escrows:read", "webhooks:write"],
        },
        s,
      ),
    );
    expect(r).toMatchObject({ ok: false, code: "scope_not_offered" });
    expect(r.ok ? "" : r.message).toContain("webhooks:write");
    expect(await db.apiKey.findUniqueOrThrow({ where: { id: key.id } })).toMatchObject({ name: "crm-sync-test", scopes: ["escrows:read"] });
  });

  it("rotates with an overlap: both keys work, then only the new one", async () => {
    const owner = await makeUser();
    const old = await makeKey(owner, { scopes: ["escrows:read", "webhooks:write"] });
    const r = await signed(owner, (s) => rotateKey(owner, owner.workspaceId, old.key.id, "1h", s));
    if (!r.ok) throw new Error(r.code);
    expect(r.data.key).toMatchObject({ name: old.key.name, scopes: old.key.scopes, network: "testnet" });
    expect(r.data.plaintext).not.toBe(old.plaintext);
    expect((await checkKey(old.plaintext)).ok).toBe(true);
    expect((await checkKey(r.data.plaintext)).ok).toBe(true);

    const stopsAt = r.data.oldKey.expiresAt!.getTime();
    expect(stopsAt - Date.now()).toBeGreaterThan(59 * 60_000);
    expect((await checkKey(old.plaintext, undefined, new Date(stopsAt + 1))).ok).toBe(false);
    expect((await checkKey(r.data.plaintext, undefined, new Date(stopsAt + 1))).ok).toBe(true);

    expect(await signed(owner, (s) => rotateKey(owner, owner.workspaceId, old.key.id, "1h", s))).toMatchObject({
      ok: false,
      code: "already_rotated",
    });
    const events = await auditOf(old.key.id);
    expect(events.map((e) => e.action)).toEqual(["key.create", "key.rotate"]);
    expect(events[1]?.details).toMatchObject({ successorId: r.data.key.id, overlap: "1h" });
  });

  it("rotating without overlap stops the old key at once", async () => {
    const owner = await makeUser();
    const old = await makeKey(owner);
    const r = await signed(owner, (s) => rotateKey(owner, owner.workspaceId, old.key.id, "none", s));
    expect(r.ok).toBe(true);
    expect((await checkKey(old.plaintext)).ok).toBe(false);
  });

  it("never lets a user see or change another user's key", async () => {
    const alice = await makeUser();
    const mallory = await makeUser();
    const { key, plaintext } = await makeKey(alice);

    expect((await listKeys(mallory.id)).map((k) => k.id)).not.toContain(key.id);
    expect(await setKeyEnabled(asMember(mallory, mallory.workspaceId), key.id, false)).toMatchObject({ ok: false, code: "not_found" });
    expect(await revokeKey(asMember(mallory, mallory.workspaceId), key.id)).toMatchObject({ ok: false, code: "not_found" });
    expect(await signed(mallory, (s) => rotateKey(mallory, mallory.workspaceId, key.id, "7d", s))).toMatchObject({
      ok: false,
      code: "not_found",
    });
    expect(
      await signed(mallory, (s) =>
        updateKey(mallory, mallory.workspaceId, key.id, { name: "pwned", description: null, scopes: ["escrows:write"] }, s),
      ),
    ).toMatchObject({
      ok: false,
      code: "not_found",
    });

    const row = await db.apiKey.findUniqueOrThrow({ where: { id: key.id } });
    expect(row).toMatchObject({ enabled: true, revokedAt: null, rotatedAt: null, name: "crm-sync-test", scopes: ["escrows:read"] });
    expect((await checkKey(plaintext)).ok).toBe(true);
    expect(await db.auditEvent.count({ where: { actorId: mallory.id } })).toBe(0);
  });
});

describe("last used", () => {
  it("writes at most once per key per minute, many keys in one statement", async () => {
    const owner = await makeUser();
    const [a, b] = [(await makeKey(owner)).key, (await makeKey(owner)).key];
    const t0 = new Date();
    const at = (ms: number) => new Date(t0.getTime() + ms);
    expect(await recordKeyUses([{ keyId: a.id, ip: "198.51.100.1", at: t0 }])).toBe(1);
    // a: 30 s later is too soon; b: never used, written.
    expect(
      await recordKeyUses([
        { keyId: a.id, ip: "198.51.100.2", at: at(30_000) },
        { keyId: b.id, ip: null, at: at(30_000) },
      ]),
    ).toBe(1);
    expect(await recordKeyUses([{ keyId: a.id, ip: "198.51.100.3", at: at(61_000) }])).toBe(1);
    const rows = await db.apiKey.findMany({
      where: { id: { in: [a.id, b.id] } },
      select: { id: true, lastUsedIp: true, lastUsedAt: true },
    });
    expect(rows.find((r) => r.id === a.id)).toMatchObject({ lastUsedIp: "198.51.100.3", lastUsedAt: at(61_000) });
    expect(rows.find((r) => r.id === b.id)).toMatchObject({ lastUsedIp: null, lastUsedAt: at(30_000) });
  });
});

describe("audit log", () => {
  it("is append-only in the database itself", async () => {
    const owner = await makeUser();
    const { key } = await makeKey(owner);
    await expect(db.auditEvent.updateMany({ where: { targetId: key.id }, data: { action: "forged" } })).rejects.toThrow();
    await expect(db.auditEvent.deleteMany({ where: { targetId: key.id } })).rejects.toThrow();
    expect((await auditOf(key.id)).map((e) => e.action)).toEqual(["key.create"]);
  });
});
