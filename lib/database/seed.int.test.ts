import { describe, expect, it } from "vitest";
import { listAllKeys } from "@/lib/data/admin-keys";
import { db } from "@/lib/db";
import { seedBulk } from "./seed";

describe("seedBulk", () => {
  it("adds the users and keys asked for, in a mix of states, none usable", async () => {
    await seedBulk(db, { users: 20, keys: 460, run: "t" });
    expect(await db.user.count({ where: { id: { startsWith: "seed_t_" } } })).toBe(20);
    expect(await db.apiKey.count({ where: { id: { startsWith: "seed_t_" } } })).toBe(460);
    const page = (status: "active" | "disabled" | "revoked") =>
      listAllKeys({ status, sort: "createdAt", dir: "desc", page: 1, pageSize: 10 });
    expect((await page("disabled")).total).toBeGreaterThan(10);
    expect((await page("revoked")).total).toBe(20);
    expect((await page("active")).total).toBeGreaterThan(350);
    const mainnet = await db.apiKey.count({
      where: { id: { startsWith: "seed_t_" }, network: "mainnet", start: { startsWith: "kp_live_" } },
    });
    expect(mainnet).toBe(92);
    const address = (await db.user.findFirstOrThrow({ where: { id: "seed_t_u3" } })).address;
    expect(address).toMatch(/^G[A-Z2-7]{55}$/);
    expect((await listAllKeys({ q: address.slice(0, 12), sort: "createdAt", dir: "desc", page: 1, pageSize: 100 })).total).toBe(23);
  });
});
