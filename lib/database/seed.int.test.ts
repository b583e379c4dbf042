import { describe, expect, it } from "vitest";
import { listAllKeys } from "@/lib/data/keys/admin";
import { db } from "@/lib/database/client";
import { seedBulk } from "./seed";

const list = (query: Partial<Parameters<typeof listAllKeys>[0]>) => listAllKeys({ sort: "createdAt", dir: "desc", pageSize: 10, ...query });

describe("seedBulk", () => {
  it("adds the users and keys asked for, in a mix of states, none usable", async () => {
    await seedBulk(db, { users: 20, keys: 460, run: "t" });
    const seeded = { id: { startsWith: "seed_t_" } };
    expect(await db.user.count({ where: seeded })).toBe(20);
    expect(await db.apiKey.count({ where: seeded })).toBe(460);

    // Every state and both networks are there, as the admin tables show them.
    const totals = await Promise.all((["active", "disabled", "revoked"] as const).map(async (status) => (await list({ status })).total));
    for (const total of totals) expect(total).toBeGreaterThan(0);
    expect(totals.reduce((a, b) => a + b)).toBe(460);
    for (const network of ["testnet", "mainnet"] as const) expect((await list({ network })).total).toBeGreaterThan(0);

    // Each key's display prefix names its network, as a real key's does.
    const tags = await db.apiKey.findMany({ where: seeded, select: { network: true, start: true } });
    for (const k of tags) expect(k.start.startsWith(k.network === "mainnet" ? "kp_live_" : "kp_test_")).toBe(true);

    // Searching a user's address finds exactly that user's keys.
    const user = await db.user.findFirstOrThrow({ where: { id: "seed_t_u3" } });
    expect(user.address).toMatch(/^G[A-Z2-7]{55}$/);
    const owned = await db.apiKey.count({ where: { createdById: user.id } });
    expect(owned).toBeGreaterThan(0);
    expect((await list({ q: user.address.slice(0, 12), pageSize: 100 })).total).toBe(owned);

    // Hashes are distinct, so the unique index held and no two keys share a secret.
    const hashes = await db.apiKey.findMany({ where: seeded, select: { hash: true }, distinct: ["hash"] });
    expect(hashes).toHaveLength(460);
  });
});
