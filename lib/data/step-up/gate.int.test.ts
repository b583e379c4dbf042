// @module-tag postgres
// Step-up for every change on the list (lib/wallets/step-up.ts): refused without a signature,
// with another address's, with a receipt for other input, with an expired or used nonce; and
// two parallel submits with one nonce make exactly one change (locks between connections).
import { describe, expect, it } from "vitest";
import { Keypair } from "@stellar/stellar-sdk";
import { db } from "@/lib/database/client";
import { keyInput, makeKey, makeUser, type TestUser } from "@/test/factories";
import { makeTeam } from "@/test/teams";
import { askOf, keypairOf, signAsk, signed } from "@/test/step-up";
import { createKey, rotateKey, updateKey } from "@/lib/data/keys/lifecycle";
import { changeRole } from "@/lib/data/workspaces/members";
import { setWorkspaceMainnetApproval } from "@/lib/data/workspaces/admin";
import { decideMainnetRequest, requestMainnet } from "@/lib/data/mainnet/requests";
import { MAX_OPEN_RECEIPTS, type StepUpRequest } from "./gate";

type Run = (variant: "a" | "b", stepUp?: StepUpRequest) => Promise<{ ok: boolean; code?: string }>;
/** One change on the list: who makes it, the change (two variants, for "a receipt of other input"), and how many times it happened. */
type Case = { actor: TestUser; run: Run; done: () => Promise<number> };

/** How many times the change was made: its audit events that carry a signed receipt. */
const audits = (actorId: string, actions: string[]) => async () =>
  (await db.auditEvent.findMany({ where: { actorId, action: { in: actions } }, select: { stepUp: true } })).filter((e) => e.stepUp !== null)
    .length;

const CASES: Record<string, () => Promise<Case>> = {
  "create a Mainnet key": async () => {
    const actor = await makeUser({ mainnetApproved: true });
    return {
      actor,
      // "In 90 days" is counted again on every submission, as the form's relative expiries are.
      run: (v, s) =>
        createKey(
          actor,
          actor.workspaceId,
          keyInput({ network: "mainnet", name: `live-${v}`, expiresAt: new Date(Date.now() + 90 * 86_400_000) }),
          s,
        ),
      done: audits(actor.id, ["key.create"]),
    };
  },
  "rotate a Mainnet key": async () => {
    const actor = await makeUser({ mainnetApproved: true });
    const key = await makeKey(actor, { network: "mainnet" });
    return {
      actor,
      run: (v, s) => rotateKey(actor, actor.workspaceId, key.key.id, v === "a" ? "none" : "1h", s),
      done: audits(actor.id, ["key.rotate"]),
    };
  },
  "change a key's scopes": async () => {
    const actor = await makeUser();
    // Only escrows:read is offered here; a key may keep an older scope, and dropping one is a change.
    const key = await makeKey(actor, { scopes: ["escrows:read", "escrows:write"] });
    return {
      actor,
      run: (v, s) =>
        updateKey(
          actor,
          actor.workspaceId,
          key.key.id,
          { name: key.key.name, description: null, scopes: v === "a" ? ["escrows:read"] : ["escrows:write"] },
          s,
        ),
      done: audits(actor.id, ["key.update"]),
    };
  },
  "change a key's IP allowlist": async () => {
    const actor = await makeUser();
    const key = await makeKey(actor);
    return {
      actor,
      run: (v, s) =>
        updateKey(
          actor,
          actor.workspaceId,
          key.key.id,
          { name: key.key.name, description: null, scopes: key.key.scopes, allowedIps: [v === "a" ? "203.0.113.9" : "203.0.113.10"] },
          s,
        ),
      done: audits(actor.id, ["key.update"]),
    };
  },
  "change a member's role": async () => {
    const team = await makeTeam();
    return {
      actor: team.owner,
      run: (v, s) => changeRole(team.owner, team.id, team.viewer.id, v === "a" ? "developer" : "admin", s),
      done: audits(team.owner.id, ["member.role_change"]),
    };
  },
  "approve a workspace for Mainnet": async () => {
    const [admin, a, b] = await Promise.all([makeUser(), makeUser(), makeUser()]);
    return {
      actor: admin,
      run: (v, s) => setWorkspaceMainnetApproval(admin, v === "a" ? a.workspaceId : b.workspaceId, true, s),
      done: audits(admin.id, ["admin.user.mainnet_approve"]),
    };
  },
  "approve a Mainnet request": async () => {
    const [admin, a, b] = await Promise.all([makeUser(), makeUser(), makeUser()]);
    const ra = await requestMainnet(a, a.workspaceId, "Payouts to our sellers on Mainnet, please.");
    const rb = await requestMainnet(b, b.workspaceId, "Payouts to our sellers on Mainnet, please.");
    const id = async (u: TestUser) => (await db.mainnetRequest.findFirstOrThrow({ where: { userId: u.id } })).id;
    if (!ra.ok || !rb.ok) throw new Error("requestMainnet");
    const ids = { a: await id(a), b: await id(b) };
    return {
      actor: admin,
      run: (v, s) => decideMainnetRequest(admin, ids[v], "approve", null, s),
      done: audits(admin.id, ["admin.mainnet_request.approve"]),
    };
  },
};

const REFUSED = { ok: false, code: "step_up_required" };

describe.each(Object.keys(CASES))("step-up: %s", (name) => {
  const setup = CASES[name]!;

  it("is refused without a signature, whatever else is sent, and changes nothing", async () => {
    const c = await setup();
    expect(await c.run("a")).toMatchObject(REFUSED);
    expect(await c.run("a", { wallet: "freighter" })).toMatchObject(REFUSED);
    expect(await c.run("a", { nonce: "0".repeat(32), signature: "A".repeat(86) + "==" })).toMatchObject(REFUSED);
    expect(await c.done()).toBe(0);
  });

  it("is refused when another address signed the receipt", async () => {
    const c = await setup();
    const ask = askOf(await c.run("a", { wallet: "freighter" }));
    expect(await c.run("a", signAsk(ask, Keypair.random()))).toMatchObject(REFUSED);
    expect(await c.done()).toBe(0);
  });

  it("is refused with a receipt signed for other input", async () => {
    const c = await setup();
    const ask = askOf(await c.run("b", { wallet: "freighter" }));
    expect(await c.run("a", signAsk(ask, keypairOf(c.actor.address)))).toMatchObject(REFUSED);
    expect(await c.done()).toBe(0);
  });

  it("is refused with an expired nonce, and with one already tried; a fresh signature works", async () => {
    const c = await setup();
    const key = keypairOf(c.actor.address);
    const stale = askOf(await c.run("a", { wallet: "freighter" }));
    await db.stepUpChallenge.update({ where: { nonce: stale.nonce }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await c.run("a", signAsk(stale, key))).toMatchObject({ ...REFUSED, message: expect.stringMatching(/expired/) });

    // Any attempt burns the nonce: a bad signature first, then the right one is refused too.
    const tried = askOf(await c.run("a", { wallet: "freighter" }));
    expect(await c.run("a", signAsk(tried, Keypair.random()))).toMatchObject(REFUSED);
    expect(await c.run("a", signAsk(tried, key))).toMatchObject({ ...REFUSED, message: expect.stringMatching(/already used/) });
    expect(await c.done()).toBe(0);

    expect(await c.run("a", signAsk(askOf(await c.run("a", { wallet: "freighter" })), key))).toMatchObject({ ok: true });
    expect(await c.done()).toBe(1);
  });

  it("accepts a transaction-only wallet's signed challenge transaction, and keeps the receipt with the audit event", async () => {
    const c = await setup();
    expect(await signed(c.actor, (s) => c.run("a", s), "rabet")).toMatchObject({ ok: true });
    const event = await db.auditEvent.findFirstOrThrow({ where: { actorId: c.actor.id }, orderBy: { createdAt: "desc" } });
    expect(event.stepUp).toMatchObject({ proof: "transaction", signer: c.actor.address, wallet: "rabet" });
    expect((event.stepUp as { receipt: string }).receipt).toContain(c.actor.address);
  });

  it("two parallel submits with one nonce make exactly one change", async () => {
    const c = await setup();
    const proof = signAsk(askOf(await c.run("a", { wallet: "freighter" })), keypairOf(c.actor.address));
    const results = await Promise.all([c.run("a", proof), c.run("a", proof), c.run("a", proof)]);
    // The first to lock wins; the others find the nonce burnt, or (rotation, approval) the change already made.
    expect(results.some((r) => r.ok)).toBe(true);
    expect(await c.done()).toBe(1);
  });
});

describe("step-up leaves other changes alone", () => {
  it("a Testnet key, a rename, or a change that re-sends the same scopes and allowlist needs no signature", async () => {
    const actor = await makeUser();
    const created = await createKey(actor, actor.workspaceId, keyInput());
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    const k = created.data.key;
    expect(
      await updateKey(actor, actor.workspaceId, k.id, { name: "renamed", description: null, scopes: k.scopes, allowedIps: [] }),
    ).toMatchObject({
      ok: true,
    });
    expect(await rotateKey(actor, actor.workspaceId, k.id, "none")).toMatchObject({ ok: true });
  });

  it("another user's nonce reads as unknown and stays unburnt", async () => {
    const [me, other] = await Promise.all([makeUser({ mainnetApproved: true }), makeUser({ mainnetApproved: true })]);
    const ask = askOf(await createKey(other, other.workspaceId, keyInput({ network: "mainnet" }), { wallet: "freighter" }));
    const proof = signAsk(ask, keypairOf(other.address));
    expect(await createKey(me, me.workspaceId, keyInput({ network: "mainnet" }), proof)).toMatchObject(REFUSED);
    expect(await createKey(other, other.workspaceId, keyInput({ network: "mainnet" }), proof)).toMatchObject({ ok: true });
  });

  it(`a user may have ${MAX_OPEN_RECEIPTS} receipts waiting, no more; a used one frees its place`, async () => {
    const actor = await makeUser({ mainnetApproved: true });
    const ask = () => createKey(actor, actor.workspaceId, keyInput({ network: "mainnet" }), { wallet: "freighter" });
    const asks = [];
    for (let i = 0; i < MAX_OPEN_RECEIPTS; i++) asks.push(askOf(await ask()));
    const over = await ask();
    expect(over).toMatchObject({ ...REFUSED, message: expect.stringMatching(/Too many approvals/) });
    expect((over as { stepUp?: unknown }).stepUp).toBeUndefined();
    const proof = signAsk(asks[0]!, keypairOf(actor.address));
    expect(await createKey(actor, actor.workspaceId, keyInput({ network: "mainnet" }), proof)).toMatchObject({ ok: true });
    askOf(await ask());
  });
});
