// The hourly key-creation budget, spent through the key actions as the browser calls them. A
// Mainnet key's first submit only asks the wallet for a signature: it spends nothing, so a
// budget of 3 buys three Mainnet keys (or rotations), declined signatures included. In a team
// linked to a multisig account the point is spent where the key is made: the approval's
// completion. The session and request headers are the inputs substituted (they need a live
// Next.js request); Horizon is a stand-in served here.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

const ctx = vi.hoisted(() => {
  process.env.RATE_LIMIT_KEYS_PER_HOUR = "3";
  process.env.SEP10_NETWORK = "testnet";
  process.env.HORIZON_URL_TESTNET = "http://127.0.0.1:3711";
  return { session: null as null | { user: { id: string; address: string } } };
});
vi.mock("@/lib/auth/config", () => ({ auth: async () => ctx.session, signIn: vi.fn(), signOut: vi.fn() }));
vi.mock("next-auth", () => ({ CredentialsSignin: class extends Error {} }));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ host: "keyport.test", "x-forwarded-for": "192.0.2.1" }) }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

import { Keypair } from "@stellar/stellar-sdk";
import { db } from "@/lib/database/client";
import { requestLink, signApproval } from "@/lib/data/approvals/approvals";
import { makeKey, makeUser, type TestUser } from "@/test/factories";
import { horizonStandIn } from "@/test/horizon-stand-in";
import { askOf, asFields, keypairOf, signAsk } from "@/test/step-up";
import { makeTeam, type TestTeam } from "@/test/teams";
import { completeApprovalAction } from "../../actions";
import { requestKey, rotate } from "./actions";

const horizon = horizonStandIn(3711);
beforeAll(() => horizon.listen());
afterAll(() => horizon.close());

const form = (fields: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  return f;
};

async function mainnetOwner(): Promise<TestUser> {
  const user = await makeUser({ mainnetApproved: true });
  ctx.session = { user: { id: user.id, address: user.address } };
  return user;
}

const mainnetKey = (user: TestUser, name: string, extra: Record<string, string> = {}) =>
  requestKey(null, form({ workspaceId: user.workspaceId, network: "mainnet", name, scopes: "escrows:read", expiry: "never", ...extra }));

describe("the key-creation budget (RATE_LIMIT_KEYS_PER_HOUR=3)", () => {
  it("buys three Mainnet keys however many signatures were asked for or declined, then refuses the fourth", async () => {
    const user = await mainnetOwner();
    // Two asks the user declined in the wallet: nothing issued, nothing spent.
    for (const name of ["declined-1", "declined-2"])
      expect(await mainnetKey(user, name)).toMatchObject({ ok: false, code: "step_up_required" });
    for (const name of ["payouts-1", "payouts-2", "payouts-3"]) {
      const ask = askOf(await mainnetKey(user, name, { stepUpWallet: "freighter" }));
      expect(await mainnetKey(user, name, asFields(signAsk(ask, keypairOf(user.address))))).toMatchObject({ ok: true });
    }
    const ask = askOf(await mainnetKey(user, "payouts-4"));
    expect(await mainnetKey(user, "payouts-4", asFields(signAsk(ask, keypairOf(user.address))))).toMatchObject({
      ok: false,
      code: "rate_limited",
      message: expect.stringContaining("You created 3 keys in the last hour"),
    });
    expect(await db.apiKey.count({ where: { workspaceId: user.workspaceId } })).toBe(3);
  });

  it("charges a rotation of a Mainnet key once, on its signed submit", async () => {
    const user = await mainnetOwner();
    let keyId = (await makeKey(user, { network: "mainnet", name: "ledger-sync" })).key.id; // made by the data layer: no budget spent
    for (let i = 0; i < 3; i++) {
      const rotation = { workspaceId: user.workspaceId, keyId, overlap: "none" };
      const ask = askOf(await rotate(rotation));
      const done = await rotate({ ...rotation, ...asFields(signAsk(ask, keypairOf(user.address))) });
      if (!done.ok) throw new Error(`rotation ${i + 1}: ${done.code}`);
      keyId = done.data.key.id;
    }
    const ask = askOf(await rotate({ workspaceId: user.workspaceId, keyId, overlap: "none" }));
    const fourth = await rotate({
      workspaceId: user.workspaceId,
      keyId,
      overlap: "none",
      ...asFields(signAsk(ask, keypairOf(user.address))),
    });
    expect(fourth).toMatchObject({ ok: false, code: "rate_limited" });
  });

  it("charges a Testnet key at once, even when the submit carries a made-up signature to look like a resubmit", async () => {
    const user = await mainnetOwner();
    const testnet = (name: string, extra: Record<string, string> = {}) =>
      requestKey(
        null,
        form({ workspaceId: user.workspaceId, network: "testnet", name, scopes: "escrows:read", expiry: "never", ...extra }),
      );
    expect(await testnet("one")).toMatchObject({ ok: true });
    expect(await testnet("two", { stepUpNonce: "a".repeat(32), stepUpSignature: "c2lnbmVk" })).toMatchObject({ ok: true });
    expect(await testnet("three")).toMatchObject({ ok: true });
    expect(await testnet("four")).toMatchObject({ ok: false, code: "rate_limited" });
    // A Mainnet ask is free, but a made-up proof is no proof: the gate asks again and issues nothing.
    expect(await mainnetKey(user, "forged", { stepUpNonce: "a".repeat(32), stepUpSignature: "c2lnbmVk" })).toMatchObject({ ok: false });
    expect(await db.apiKey.count({ where: { workspaceId: user.workspaceId, network: "mainnet" } })).toBe(0);
  });

  it("in a team linked to a 2-of-2 account, spends the asker's point when the approved key is completed, not when asked", async () => {
    const team = await makeTeam();
    await db.workspace.update({ where: { id: team.id }, data: { mainnetApproved: true } });
    const account = Keypair.random().publicKey();
    horizon.accounts.set(account, { thresholds: [1, 2, 2], signers: [team.owner, team.admin].map((u) => ({ key: u.address, weight: 1 })) });
    const cosign = async (user: TestUser, id: string) =>
      signApproval(
        user,
        team.id,
        id,
        signAsk(askOf(await signApproval(user, team.id, id, { wallet: "freighter" })), keypairOf(user.address)),
      );
    const link = await requestLink(team.owner, team.id, account);
    if (!link.ok) throw new Error(link.code);
    await cosign(team.owner, link.data.approvalId);
    await cosign(team.admin, link.data.approvalId);

    const asker = team.developer;
    ctx.session = { user: { id: asker.id, address: asker.address } };
    /** Asks for a Mainnet key in the team (a pending approval, nothing spent), has it signed, and completes it. */
    const approvedKey = async (t: TestTeam, name: string) => {
      const asked = await requestKey(null, form({ workspaceId: t.id, network: "mainnet", name, scopes: "escrows:read", expiry: "never" }));
      const approvalId = (asked as { approvalId?: string }).approvalId;
      if (!approvalId) throw new Error(`Expected a pending approval, got ${JSON.stringify(asked)}`);
      await cosign(t.owner, approvalId);
      await cosign(t.admin, approvalId);
      return completeApprovalAction({ workspaceId: t.id, approvalId });
    };
    expect(await approvedKey(team, "team-payouts-1")).toMatchObject({
      ok: true,
      data: { revealed: { plaintext: expect.stringMatching(/^kp_live_/) } },
    });
    const testnet = (name: string) =>
      requestKey(null, form({ workspaceId: asker.workspaceId, network: "testnet", name, scopes: "escrows:read", expiry: "never" }));
    expect(await testnet("after-one")).toMatchObject({ ok: true });
    expect(await testnet("after-two")).toMatchObject({ ok: true });
    // Three points spent (one completion, two Testnet keys): the next approved key is refused when completed.
    expect(await approvedKey(team, "team-payouts-2")).toMatchObject({ ok: false, code: "rate_limited" });
    expect(await db.apiKey.count({ where: { workspaceId: team.id, network: "mainnet" } })).toBe(1);
  });
});
