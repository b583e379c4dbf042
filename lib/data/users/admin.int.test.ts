// @module-tag postgres
// Suspension, sessions and the admin's own account, on the real database.
import { signed } from "@/test/step-up";
import { Keypair } from "@stellar/stellar-sdk";
import { describe, expect, it, vi } from "vitest";

const CONFIGURED_ADMIN = vi.hoisted(() => {
  const address = "GB5QYWRXFTD4IKYEANFEYRJHDFIEJJJBXPE7FVOKGVXB6K2ZCLYWXCEX";
  process.env.ADMIN_ADDRESSES = address;
  return address;
});

import { sessionToken } from "@/lib/auth/session-token";
import { verifySignIn } from "@/lib/auth/verify-sign-in";
import { db } from "@/lib/database/client";
import { checkKey } from "@/lib/api/key-auth";
import { makeKey, makeUser } from "@/test/factories";
import { issueChallenge } from "@/lib/auth/challenges";
import { setAdminRole, setMainnetApproval, setSuspended } from "./admin";
import { asMember, setKeyEnabled } from "@/lib/data/keys/lifecycle";
import { endSession, openSession as open, sessionState, signOutEverywhere } from "@/lib/data/sign-in/sessions";
import { upsertUserOnSignIn } from "./account";

async function openSession(userId: string, now?: Date): Promise<string> {
  const sid = await open(userId, now);
  if (!sid) throw new Error("session refused");
  return sid;
}

async function makeAdmin() {
  const admin = await makeUser();
  await db.user.update({ where: { id: admin.id }, data: { role: "admin" } });
  return admin;
}

/** A full wallet sign-in for a fresh keypair: challenge, signature, verification. */
async function signIn(keypair: Keypair) {
  const address = keypair.publicKey();
  const { nonce, message } = await issueChallenge({ address, network: "testnet", domain: "keyport.test" });
  const signature = Buffer.from(keypair.signMessage(message)).toString("base64");
  return verifySignIn({ address, nonce, signature });
}

describe("sessions", () => {
  it("stay open until signed out; the token of an ended session is refused", async () => {
    const user = await makeUser();
    const sid = await openSession(user.id);
    const token = { sub: user.id, address: user.address, sid };
    expect(await sessionState(sid)).toEqual({ open: true, userId: user.id });
    expect(await sessionToken(token)).toEqual(token);

    await endSession(sid);
    expect(await sessionState(sid)).toEqual({ open: false, reason: "signed_out" });
    expect(await sessionToken(token)).toBeNull();
    expect(await sessionToken({ sub: user.id, address: user.address })).toBeNull(); // no session id at all
  });

  it("refuse a token carrying another user's session id", async () => {
    const [alice, mallory] = await Promise.all([makeUser(), makeUser()]);
    const sid = await openSession(alice.id);
    expect(await sessionToken({ sub: mallory.id, sid })).toBeNull();
  });

  it("sign out of all devices ends every session of that user only, audited", async () => {
    const [user, other] = await Promise.all([makeUser(), makeUser()]);
    const mine = await Promise.all([openSession(user.id), openSession(user.id), openSession(user.id)]);
    const theirs = await openSession(other.id);
    expect(await signOutEverywhere(user)).toBe(3);
    for (const sid of mine) expect(await sessionState(sid)).toEqual({ open: false, reason: "signed_out_everywhere" });
    expect(await sessionState(theirs)).toEqual({ open: true, userId: other.id });
    expect(await db.auditEvent.count({ where: { actorId: user.id, action: "user.sign_out_everywhere" } })).toBe(1);
  });

  it("expire after their lifetime", async () => {
    const user = await makeUser();
    const sid = await openSession(user.id, new Date(Date.now() - 8 * 24 * 3600_000));
    expect(await sessionState(sid)).toEqual({ open: false, reason: "expired" });
  });
});

describe("suspension", () => {
  it("ends sessions, refuses sign-in and every key; lifting it restores sign-in and each key as it was", async () => {
    const admin = await makeAdmin();
    const keypair = Keypair.random();
    const signedIn = await signIn(keypair);
    if (!signedIn.ok) throw new Error(signedIn.code);
    const user = {
      ...signedIn.user,
      ip: null,
      workspaceId: (await db.workspace.findUniqueOrThrow({ where: { personalOwnerId: signedIn.user.id } })).id,
    };
    await db.user.update({ where: { id: user.id }, data: { useCase: "Payroll" } });
    const sid = await openSession(user.id);
    const on = await makeKey(user);
    const off = await makeKey(user);
    await setKeyEnabled(asMember(user, user.workspaceId), off.key.id, false);

    expect(await setSuspended(admin, user.id, true, "Chargeback fraud")).toEqual({ ok: true, data: { sessionsEnded: 1 } });
    expect(await sessionState(sid)).toEqual({ open: false, reason: "suspended" });
    expect(await sessionToken({ sub: user.id, sid })).toBeNull();
    expect((await checkKey(on.plaintext)).ok).toBe(false);
    expect(await signIn(keypair)).toEqual({ ok: false, code: "suspended" });
    expect(await db.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({
      suspendedReason: "Chargeback fraud",
      suspendedById: admin.id,
    });

    expect(await setSuspended(admin, user.id, false, null)).toMatchObject({ ok: true });
    expect(await sessionState(sid)).toMatchObject({ open: false }); // old sessions stay ended
    expect((await checkKey(on.plaintext)).ok).toBe(true);
    expect((await checkKey(off.plaintext)).ok).toBe(false);
    expect((await signIn(keypair)).ok).toBe(true);
    const actions = (
      await db.auditEvent.findMany({ where: { targetId: user.id, action: { startsWith: "admin." } }, orderBy: { createdAt: "asc" } })
    ).map((e) => e.action);
    expect(actions).toEqual(["admin.user.suspend", "admin.user.unsuspend"]);
  });

  it("no session opened by a sign-in racing the suspension survives it", async () => {
    const [admin, user] = await Promise.all([makeAdmin(), makeUser()]);
    await Promise.all([setSuspended(admin, user.id, true, "Race"), ...Array.from({ length: 20 }, () => open(user.id))]);
    expect(await db.session.count({ where: { userId: user.id, endedAt: null } })).toBe(0);
    expect(await open(user.id)).toBeNull();
  });
});

describe("admins cannot change their own account", () => {
  it("with any switch: role, Mainnet approval or suspension", async () => {
    const admin = await makeAdmin();
    expect(await setAdminRole(admin, admin.id, false)).toMatchObject({ ok: false, code: "self" });
    expect(await signed(admin, (s) => setMainnetApproval(admin, admin.id, true, s))).toMatchObject({ ok: false, code: "self" });
    expect(await setSuspended(admin, admin.id, true, "testing")).toMatchObject({ ok: false, code: "self" });
    expect(await db.user.findUniqueOrThrow({ where: { id: admin.id }, include: { personalWorkspace: true } })).toMatchObject({
      role: "admin",
      personalWorkspace: { mainnetApproved: false },
      suspendedAt: null,
    });
    expect(await db.auditEvent.count({ where: { targetId: admin.id } })).toBe(0);
  });

  it("an address set by ADMIN_ADDRESSES cannot be demoted or suspended by a switch", async () => {
    const admin = await makeAdmin();
    const configured = await upsertUserOnSignIn(CONFIGURED_ADMIN);
    expect(await setAdminRole(admin, configured.id, false)).toMatchObject({ ok: false, code: "configured_admin" });
    expect(await setSuspended(admin, configured.id, true, "coup")).toMatchObject({ ok: false, code: "configured_admin" });
    expect(await db.auditEvent.count({ where: { targetId: configured.id } })).toBe(0);
  });
});
