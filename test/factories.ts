// Test data made through the real data layer (no mocks, no fixtures in SQL).
import { Keypair } from "@stellar/stellar-sdk";
import { createKey, type NewKeyInput } from "@/lib/data/keys/lifecycle";
import type { Actor } from "@/lib/data/audit/write";
import { upsertUserOnSignIn } from "@/lib/data/users/account";
import { db } from "@/lib/database/client";
import { registerKeypair, signed } from "./step-up";

/** A signed-up user as an actor, with the personal workspace sign-in made for them. */
export type TestUser = Actor & { workspaceId: string };

export async function makeUser(opts: { useCase?: string | null; mainnetApproved?: boolean } = {}): Promise<TestUser> {
  const keypair = Keypair.random();
  registerKeypair(keypair);
  const { id, address } = await upsertUserOnSignIn(keypair.publicKey());
  await db.user.update({ where: { id }, data: { useCase: opts.useCase === undefined ? "Escrow payouts" : opts.useCase } });
  const workspace = await db.workspace.update({
    where: { personalOwnerId: id },
    data: { mainnetApproved: opts.mainnetApproved ?? false },
    select: { id: true },
  });
  return { id, address, ip: "203.0.113.7", workspaceId: workspace.id };
}

export const keyInput = (over: Partial<NewKeyInput> = {}): NewKeyInput => ({
  network: "testnet",
  name: "crm-sync-test",
  description: null,
  scopes: ["escrows:read"],
  expiresAt: null,
  ...over,
});

/** A key made by `actor` in their personal workspace, or in `workspaceId`. */
export async function makeKey(actor: TestUser, over: Partial<NewKeyInput> = {}, workspaceId = actor.workspaceId) {
  const r = await signed(actor, (stepUp) => createKey(actor, workspaceId, keyInput(over), stepUp));
  if (!r.ok) throw new Error(`makeKey: ${r.code}`);
  return r.data;
}
