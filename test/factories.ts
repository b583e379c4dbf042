// Test data made through the real data layer (no mocks, no fixtures in SQL).
import { Keypair } from "@stellar/stellar-sdk";
import { createKey, type NewKeyInput } from "@/lib/data/key-lifecycle";
import type { Actor } from "@/lib/data/audit";
import { upsertUserOnSignIn } from "@/lib/data/users";
import { db } from "@/lib/db";

export async function makeUser(opts: { useCase?: string | null; mainnetApproved?: boolean } = {}): Promise<Actor> {
  const { id, address } = await upsertUserOnSignIn(Keypair.random().publicKey());
  await db.user.update({
    where: { id },
    data: { useCase: opts.useCase === undefined ? "Escrow payouts" : opts.useCase, mainnetApproved: opts.mainnetApproved ?? false },
  });
  return { id, address, ip: "203.0.113.7" };
}

export const keyInput = (over: Partial<NewKeyInput> = {}): NewKeyInput => ({
  network: "testnet",
  name: "crm-sync-test",
  description: null,
  scopes: ["escrows:read"],
  expiresAt: null,
  ...over,
});

export async function makeKey(actor: Actor, over: Partial<NewKeyInput> = {}) {
  const r = await createKey(actor, keyInput(over));
  if (!r.ok) throw new Error(`makeKey: ${r.code}`);
  return r.data;
}
