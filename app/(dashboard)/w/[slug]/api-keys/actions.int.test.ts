// The hourly key-creation budget, spent through the key actions as the browser calls them. A
// Mainnet key's first submit only asks the wallet for a signature: it spends nothing, so a
// budget of 3 buys three Mainnet keys (or rotations), declined signatures included. The
// session and request headers are the inputs substituted (they need a live Next.js request).
import { describe, expect, it, vi } from "vitest";

const ctx = vi.hoisted(() => {
  process.env.RATE_LIMIT_KEYS_PER_HOUR = "3";
  return { session: null as null | { user: { id: string; address: string } } };
});
vi.mock("@/lib/auth/config", () => ({ auth: async () => ctx.session, signIn: vi.fn(), signOut: vi.fn() }));
vi.mock("next-auth", () => ({ CredentialsSignin: class extends Error {} }));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ host: "keyport.test", "x-forwarded-for": "192.0.2.1" }) }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

import { db } from "@/lib/database/client";
import { makeKey, makeUser, type TestUser } from "@/test/factories";
import { askOf, asFields, keypairOf, signAsk } from "@/test/step-up";
import { requestKey, rotate } from "./actions";

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
});
